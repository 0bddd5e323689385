//! Hostile input: a clear error, the right exit status, never a panic.

use std::os::unix::ffi::OsStrExt;
use std::time::Duration;

use crate::common::{Batch, batch, ecosys, ecosys_std};
use predicates::prelude::*;

/// Generous: a guard against hangs, not a speed goal (speed is measured by bench/).
const HANG_GUARD: Duration = Duration::from_secs(20);

fn no_panic(stderr: &[u8]) {
    let text = String::from_utf8_lossy(stderr);
    assert!(!text.contains("panicked"), "{text}");
    assert!(!text.contains("RUST_BACKTRACE"), "{text}");
}

// --- questions ---

#[test]
fn empty_and_wordless_questions_are_usage_errors() {
    for q in ["", "   ", "?!;", "\u{1b}\u{7}", "'’"] {
        let out = ecosys()
            .args(["who-handles", "--json", "--", q])
            .timeout(HANG_GUARD)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{q:?}");
        no_panic(&out.stderr);
    }
}

#[test]
fn only_common_words_is_an_honest_nothing() {
    ecosys()
        .args(["who-handles", "qui", "contacter", "?"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("only common words"));
}

#[test]
fn non_utf8_arguments_are_usage_errors() {
    let out = ecosys_std()
        .arg("who-handles")
        .arg(std::ffi::OsStr::from_bytes(b"donn\xe9es"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid UTF-8"));
    no_panic(&out.stderr);
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let out = ecosys()
        .args([
            "who-handles",
            "\u{1b}]0;\u{7}\u{9b}31m accessibilité \u{7f}",
        ])
        .timeout(HANG_GUARD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    for stream in [&out.stdout, &out.stderr] {
        assert!(
            !stream.contains(&0x1b) && !stream.contains(&0x07),
            "{:?}",
            String::from_utf8_lossy(stream)
        );
    }
    let out = ecosys()
        .args(["who-handles", "\u{1b}[2Jzzzqqq"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !out.stderr.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_huge_argument_is_answered() {
    let mut q = "données personnelles ".repeat(3000);
    q.push_str(&"x".repeat(60_000));
    assert!(q.len() > 120_000);
    let out = ecosys()
        .args(["who-handles", "--json", &q])
        .timeout(HANG_GUARD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    no_panic(&out.stderr);
    let garbage: String = (0..15_000).map(|i| format!("w{i}q ")).collect();
    let out = ecosys()
        .args(["who-handles", &garbage])
        .timeout(HANG_GUARD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.len() < 500,
        "the message quotes a short prefix only"
    );
}

#[test]
fn stdin_takes_huge_and_broken_lines() {
    let mut input = "x".repeat(1 << 20);
    input.push('\n');
    let mut bytes = input.into_bytes();
    bytes.extend_from_slice(b"donn\xe9es personnelles\n\0\x1b\n");
    let Batch {
        status,
        lines,
        stderr,
        ..
    } = batch(&[], bytes);
    no_panic(stderr.as_bytes());
    assert_eq!(status, Some(1), "not every line found an answer");
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[1]["question"], "donn\u{fffd}es personnelles",
        "decoded lossily"
    );
}

/// A line over the 64 KiB cap is cut at a character boundary, not inside a character (the
/// question would end in U+FFFD), and stderr says so once, with the line's number.
#[test]
fn stdin_cuts_a_long_line_between_characters_and_says_so_once() {
    // «été » is 6 bytes, and 65,536 = 6 × 10,922 + 4: the cap falls inside an «é».
    let long = "été ".repeat(12_000);
    let Batch { lines, stderr, .. } = batch(&[], format!("SILL\n{long}\n{long}\n"));
    no_panic(stderr.as_bytes());
    assert_eq!(lines.len(), 3);
    for cut in &lines[1..] {
        let question = cut["question"].as_str().unwrap();
        assert!(!question.contains('\u{fffd}'), "cut inside a character");
        assert!(long.starts_with(question));
        assert!(64 * 1024 - question.len() < 4, "{}", question.len());
    }
    let said = "ecosys: standard input, line 2: longer than 64 KiB; the question is its start";
    assert!(stderr.starts_with(said), "{stderr}");
    assert_eq!(stderr.matches("longer than 64 KiB").count(), 1, "{stderr}");
}

// --- catalogue files ---

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

const GOOD_ENTITY: &str = r#""name": "N", "kind": "team", "summary": "S", "source": "s""#;

fn catalogue_with(entities: &str) -> String {
    format!(r#"{{"schema_version": 1, "source": {{"title": "t"}}, "entities": [{entities}]}}"#)
}

/// (file name, contents, what the message must say)
fn bad_catalogues() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    vec![
        ("empty.json", b"".to_vec(), "empty.json: is empty"),
        ("latin1.json", b"{\"a\": \"donn\xe9es\"}".to_vec(), "latin1.json:1:12: is not valid UTF-8"),
        ("syntax.json", b"{\n \"schema_version\": 1,,\n}".to_vec(), "syntax.json:2:22: invalid JSON"),
        ("array.json", b"[]".to_vec(), "array.json: a catalogue is a JSON object"),
        ("deep.json", "[".repeat(100_000).into_bytes(), "deep.json:1:128: invalid JSON: recursion limit exceeded"),
        (
            "dup.json",
            catalogue_with(&format!("{{\"id\": \"a\", {GOOD_ENTITY}}},\n{{\"id\": \"a\", {GOOD_ENTITY}}}")).into_bytes(),
            "dup.json:2:2: entity 'a': duplicate id",
        ),
        (
            "dangling.json",
            catalogue_with(&format!("{{\"id\": \"a\", \"parent\": \"zz\", {GOOD_ENTITY}}}")).into_bytes(),
            "entity 'a': parent 'zz' does not exist",
        ),
        (
            "cycle.json",
            catalogue_with(&format!(
                "{{\"id\": \"a\", \"parent\": \"b\", {GOOD_ENTITY}}}, {{\"id\": \"b\", \"parent\": \"c\", {GOOD_ENTITY}}}, {{\"id\": \"c\", \"parent\": \"a\", {GOOD_ENTITY}}}"
            ))
            .into_bytes(),
            "parent cycle: a -> b -> c -> a",
        ),
        (
            "unknown.json",
            catalogue_with(&format!("{{\"id\": \"a\", \"phone\": \"01\", {GOOD_ENTITY}}}")).into_bytes(),
            "entities[0] ('a'): unknown field `phone`",
        ),
        (
            "scheme.json",
            catalogue_with(&format!(
                "{{\"id\": \"a\", \"resources\": [{{\"title\": \"x\", \"url\": \"file:///etc/passwd\", \"kind\": \"page\"}}], {GOOD_ENTITY}}}"
            ))
            .into_bytes(),
            "must start with http:// or https://",
        ),
    ]
}

#[test]
fn bad_catalogue_files_fail_with_file_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, bytes, expected) in bad_catalogues() {
        let path = write(&dir, name, &bytes);
        for flag in ["--catalogue", "--overlay"] {
            let out = ecosys()
                .args([flag, &path, "list"])
                .timeout(HANG_GUARD)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{name} {flag}: {err}");
            assert!(
                err.contains(expected),
                "{name} {flag}: expected {expected:?} in {err:?}"
            );
            assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
            no_panic(&out.stderr);
        }
        files.push(path);
    }
    // validate lists every problem and exits 1.
    let out = ecosys()
        .arg("validate")
        .args(&files)
        .timeout(HANG_GUARD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    for (_, _, expected) in bad_catalogues() {
        assert!(
            report.contains(expected),
            "validate lacks {expected:?}:\n{report}"
        );
    }
}

#[test]
fn a_catalogue_with_a_huge_word_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let huge = "z".repeat(1 << 20);
    let doc = catalogue_with(&format!(
        "{{\"id\": \"a\", \"topics\": [\"{huge}\", \"accessibilité\"], {GOOD_ENTITY}}}"
    ));
    let path = write(&dir, "huge.json", doc.as_bytes());
    let out = ecosys()
        .args([
            "--catalogue",
            &path,
            "who-handles",
            "--json",
            &format!("{} accessibilite", &huge[..100_000]),
        ])
        .timeout(HANG_GUARD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    no_panic(&out.stderr);
}

#[test]
fn missing_and_directory_catalogues() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    ecosys()
        .args(["--catalogue", d, "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    ecosys()
        .args(["--catalogue", "/no/such/catalogue.json", "list"])
        .assert()
        .code(2)
        .stderr("ecosys: /no/such/catalogue.json: no such file\n");
    ecosys().args(["validate", d]).assert().code(2);
}

#[test]
fn unreadable_catalogue() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "secret.json", b"{}");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        return; // running as root: permissions do not stop us, nothing to test
    }
    ecosys()
        .args(["--catalogue", &path, "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("permission denied"));
}

#[test]
fn catalogue_text_never_drives_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[31mRED\u{9b}2J\u{202e}";
    let doc = serde_json::json!({
        "schema_version": 1,
        "source": {"title": format!("T{evil}")},
        "entities": [{
            "id": "evil", "name": format!("Evil{evil}"), "kind": "team",
            "summary": format!("S{evil}"), "source": "s",
            "services": [format!("svc{evil}")],
            "topics": [format!("evil{evil}"), "evil topic"],
            "resources": [{"title": format!("R{evil}"), "url": "https://x.fr/", "kind": "page"}]
        }]
    });
    let path = write(&dir, "evil.json", doc.to_string().as_bytes());
    let raw = |b: &[u8]| {
        b.iter().any(|&c| c == 0x1b || c == 0x07)
            || String::from_utf8_lossy(b).contains(['\u{9b}', '\u{202e}'])
    };
    let runs: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["show", "evil"],
        vec!["resources", "evil"],
        vec!["topics"],
        vec!["checklist"],
        vec!["who-handles", "evil", "topic"],
        vec!["who-handles", "evil", "--explain"],
        vec!["--version"],
    ];
    for run in runs {
        for format in ["table", "json", "ndjson", "csv", "tsv", "markdown"] {
            let out = ecosys()
                .args(["--catalogue", &path, "--format", format])
                .args(&run)
                .output()
                .unwrap();
            if out.status.code() == Some(2) {
                continue; // a format the command does not take
            }
            assert!(
                !raw(&out.stdout),
                "{run:?} {format}: {}",
                String::from_utf8_lossy(&out.stdout)
            );
            assert!(
                !raw(&out.stderr),
                "{run:?} {format}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    // JSON escapes, and keeps the text.
    let out = ecosys()
        .args(["--catalogue", &path, "show", "evil", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["name"], format!("Evil{evil}"));
}
