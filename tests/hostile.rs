//! Hostile input and broken pipes: a clear error, the right exit status, never a panic.

use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::process::Stdio;
use std::time::Duration;

use crate::common::{ecosys, ecosys_std, hermetic};
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
    let out = ecosys()
        .args(["who-handles", "--stdin"])
        .write_stdin(bytes)
        .timeout(HANG_GUARD)
        .output()
        .unwrap();
    no_panic(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "not every line found an answer");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[1]["question"], "donn\u{fffd}es personnelles",
        "decoded lossily"
    );
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

// --- pipes and disks ---

/// A run of ecosys: its arguments and what it reads on stdin.
struct Run {
    args: Vec<&'static str>,
    input: &'static str,
}

/// Every command in every format it takes, answering and not (`who-handles` with nothing
/// to find, `--stdin` whose first question goes unanswered, `validate` finding problems).
fn every_command() -> Vec<Run> {
    let mut runs = Vec::new();
    let formats = ["table", "json", "ndjson", "csv", "tsv", "markdown"];
    for format in formats {
        for cmd in [
            &["list"][..],
            &["resources"],
            &["topics"],
            &["who-handles", "données"],
            &["who-handles", "recette", "de", "cuisine"],
            &["who-handles", "--explain", "recette", "de", "cuisine"],
            &["who-handles", "--stdin"],
            &["validate", "tests/fixtures/broken-catalogue.json"],
        ] {
            let mut args = cmd.to_vec();
            args.extend(["--format", format]);
            runs.push(Run {
                args,
                input: "météo\nSILL\naccessibilité\n",
            });
        }
    }
    for args in [
        vec!["show", "data-gouv"],
        vec!["show", "data-gouv", "--json"],
        vec!["show", "data-gouv", "--format", "markdown"],
        vec!["checklist"],
        vec!["checklist", "--json"],
        vec!["schema"],
        vec!["man"],
        vec!["completions", "bash"],
        vec!["completions", "zsh"],
        vec!["--version"],
        vec!["--help"],
        vec!["-h"],
        vec!["help"],
        vec!["who-handles", "--help"],
    ] {
        runs.push(Run { args, input: "" });
    }
    runs
}

/// The status and stderr of `run` with stdout a pipe whose reader reads `keep` bytes, then
/// leaves (`keep` 0: before the first byte).
fn with_reader_leaving(run: &Run, keep: usize) -> (Option<i32>, String) {
    let mut child = ecosys_std()
        .args(&run.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut input = child.stdin.take().unwrap();
    if keep == 0 {
        drop(stdout);
        let _ = input.write_all(run.input.as_bytes());
        drop(input);
    } else {
        // The questions first (they fit in the pipe), then the answers.
        let _ = input.write_all(run.input.as_bytes());
        drop(input);
        let mut bytes = vec![0u8; keep];
        let _ = stdout.read(&mut bytes);
        drop(stdout);
    }
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap().code(), err)
}

/// The status of `run` when nothing goes wrong with its output.
fn normal_status(run: &Run) -> Option<i32> {
    ecosys()
        .args(&run.args)
        .write_stdin(run.input)
        .output()
        .unwrap()
        .status
        .code()
}

#[test]
fn a_closed_pipe_keeps_the_status_of_every_command_and_format() {
    for run in every_command() {
        let normal = normal_status(&run);
        assert!(matches!(normal, Some(0 | 1)), "{:?}: {normal:?}", run.args);
        for keep in [0, 1] {
            let (status, err) = with_reader_leaving(&run, keep);
            // The run's own status, whether the reader left before or after the first byte.
            assert_eq!(
                status, normal,
                "{:?} (reader keeps {keep}): {err}",
                run.args
            );
            assert!(!err.contains("cannot write"), "{:?}: {err}", run.args);
            no_panic(err.as_bytes());
        }
    }
}

#[test]
fn a_full_disk_is_a_one_line_error_for_every_command() {
    if std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .is_err()
    {
        return;
    }
    for run in every_command() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = ecosys_std()
            .args(&run.args)
            .stdin(Stdio::piped())
            .stdout(full)
            .stderr(Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                let mut input = child.stdin.take().unwrap();
                let _ = input.write_all(run.input.as_bytes());
                drop(input);
                child.wait_with_output()
            })
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        let normal = ecosys()
            .args(&run.args)
            .write_stdin(run.input)
            .output()
            .unwrap();
        if normal.stdout.is_empty() {
            // Nothing to write (no table for no answer): nothing fails, the status stands.
            assert_eq!(out.status, normal.status, "{:?}: {err}", run.args);
            continue;
        }
        assert_eq!(out.status.code(), Some(2), "{:?}: {err}", run.args);
        // The message is the last line (the hints of an unanswered question may come first).
        let last = err.lines().last().unwrap_or("");
        assert!(
            last.starts_with("ecosys: cannot write output"),
            "{:?}: {err}",
            run.args
        );
        assert_eq!(
            err.matches("cannot write").count(),
            1,
            "{:?}: one line: {err}",
            run.args
        );
    }
}

#[test]
fn a_closed_stdout_exits_as_usual() {
    // The runtime reopens a closed fd 1 on /dev/null: the output vanishes, the status stays.
    let out = hermetic("bash")
        .args(["-c", &format!("'{}' list >&-", crate::common::binary())])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    // /dev/null opened for writing is a normal place to send output.
    let out = ecosys_std()
        .arg("list")
        .stdout(
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/null")
                .unwrap(),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn writes_nothing_but_stdout() {
    // Runs in an empty directory with a read-only HOME: a write attempt would fail loudly.
    let dir = tempfile::tempdir().unwrap();
    let out = ecosys()
        .current_dir(dir.path())
        .env("HOME", "/nonexistent")
        .args(["who-handles", "données", "personnelles"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let _ = std::io::stdout().flush();
}

/// A read-write /dev/null on fd 1, as Python's `subprocess.DEVNULL` and Node's
/// `stdio: 'ignore'` give, is an ordinary place for output: every command's status stays.
#[test]
fn devnull_from_python_and_node_keeps_the_status() {
    let runs = every_command();
    let expected: Vec<Option<i32>> = runs.iter().map(normal_status).collect();
    let list: Vec<serde_json::Value> = runs
        .iter()
        .map(|r| serde_json::json!([r.args, r.input]))
        .collect();
    let list = serde_json::Value::from(list).to_string();
    let bin = crate::common::binary();
    // One interpreter runs them all, and prints their statuses as a JSON array.
    let python = format!(
        "import json, subprocess\nruns = json.loads({list:?})\nprint(json.dumps([subprocess.run([{bin:?}] + a, input=i.encode(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode for a, i in runs]))"
    );
    let node = format!(
        "const runs = JSON.parse({list:?}); console.log(JSON.stringify(runs.map(([a, i]) => require('child_process').spawnSync({bin:?}, a, {{input: i, stdio: ['pipe', 'ignore', 'ignore']}}).status)))"
    );
    for (program, flag, script) in [("python3", "-c", python), ("node", "-e", node)] {
        let Ok(out) = hermetic(program).args([flag, &script]).output() else {
            println!("note: {program} is absent; its case is skipped");
            continue;
        };
        assert!(
            out.status.success(),
            "{program}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got: Vec<Option<i32>> = serde_json::from_slice(&out.stdout).unwrap();
        for ((run, want), got) in runs.iter().zip(&expected).zip(&got) {
            assert_eq!(got, want, "{program} {:?}", run.args);
        }
    }
}
