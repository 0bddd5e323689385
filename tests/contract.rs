//! Issue 10: exit statuses scripts can trust, `validate` agreeing with loading, hostile files
//! and input. Each test runs the real binary.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use crate::common::{batch, binary, ecosys, ecosys_std, hermetic};
use predicates::prelude::*;

const HANG_GUARD: Duration = Duration::from_secs(20);
const REST: &str = r#""name": "N", "kind": "team", "summary": "S", "source": "s""#;

fn catalogue(entities: &[String]) -> String {
    format!(
        "{{\"schema_version\": 1, \"source\": {{\"title\": \"t\"}}, \"entities\": [\n{}\n]}}",
        entities.join(",\n")
    )
}

fn entity(id: &str, extra: &str) -> String {
    format!("{{\"id\": \"{id}\", {REST}{extra}}}")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn no_panic(stderr: &[u8]) {
    let text = String::from_utf8_lossy(stderr);
    assert!(!text.contains("panicked"), "{text}");
}

// --- §3: validate agrees with loading ---

#[test]
fn validate_sees_a_cycle_an_overlay_makes_with_the_base() {
    let dir = tempfile::tempdir().unwrap();
    let base = write(
        dir.path(),
        "base.json",
        &catalogue(&[entity("a", r#", "parent": "b""#), entity("b", "")]),
    );
    let overlay = write(
        dir.path(),
        "overlay.json",
        &catalogue(&[entity("b", r#", "parent": "a""#)]),
    );
    ecosys()
        .args(["--catalogue", &base, "--overlay", &overlay, "list"])
        .assert()
        .code(2);
    ecosys()
        .args(["--catalogue", &base, "validate", &overlay])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("parent cycle"));
}

#[test]
fn validate_takes_files_in_order_as_overlays() {
    let dir = tempfile::tempdir().unwrap();
    let b = write(dir.path(), "b.json", &catalogue(&[entity("up", "")]));
    let a = write(
        dir.path(),
        "a.json",
        &catalogue(&[entity("down", r#", "parent": "up""#)]),
    );
    ecosys()
        .args(["--overlay", &b, "--overlay", &a, "show", "down"])
        .assert()
        .success();
    ecosys().args(["validate", &b, &a]).assert().success();
    // The other order is not what loading accepts either.
    ecosys().args(["validate", &a, &b]).assert().code(1);
    // On its own, a.json's parent is missing.
    ecosys()
        .args(["validate", "--standalone", &b, &a])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("parent 'up' does not exist"));
}

#[test]
fn problems_point_at_the_field_even_for_escaped_ids_and_routes() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{{\"schema_version\": 1, \"source\": {{\"title\": \"t\"}}, \"entities\": [\n{},\n{}\n],\n\"routes\": [\n{{\"id\": \"x\", \"when\": [\"w\"], \"note\": \"n\", \"source\": \"s\",\n  \"steps\": [{{\"entity\": \"ghost\", \"role\": \"a\"}}]}}\n]}}",
        entity("x", ""),
        "{\"id\": \"\\u0078\", \"name\": \"N\", \"kind\": \"team\", \"summary\": \"S\", \"source\": \"s\",\n  \"related\": [\"nobody\"]}"
    );
    let path = write(dir.path(), "c.json", &text);
    let out = ecosys()
        .args(["validate", "--standalone", &path])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    // The escaped duplicate id, its dangling related, then the route's step: in file order,
    // each at its field.
    assert!(
        lines[0].contains("c.json:3:2: entity 'x': duplicate id"),
        "{stdout}"
    );
    assert!(
        lines[1].contains("c.json:4:15: entity 'x': related 'nobody'"),
        "{stdout}"
    );
    assert!(
        lines[2].contains("c.json:8:14: route 'x': step entity 'ghost'"),
        "{stdout}"
    );
}

#[test]
fn a_broken_base_stops_no_command_that_does_not_need_it() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write(dir.path(), "broken.json", "{ not json");
    let good = write(dir.path(), "good.json", &catalogue(&[entity("a", "")]));
    for args in [
        vec!["schema"],
        vec!["man"],
        vec!["completions", "bash"],
        vec!["validate", "--standalone", &good],
    ] {
        let out = ecosys()
            .env("ECOSYS_CATALOGUE", &broken)
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
    }
    // As an overlay, the file is checked and the broken base is reported among the problems.
    ecosys()
        .env("ECOSYS_CATALOGUE", &broken)
        .args(["validate", &good])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("broken.json:1:3: invalid JSON"));
}

// --- §5: exit statuses ---

#[test]
fn validate_keeps_status_1_when_its_reader_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let many: Vec<String> = (0..5000)
        .map(|i| entity(&format!("e{i}"), r#", "related": ["nobody"]"#))
        .collect();
    let bad = write(dir.path(), "bad.json", &catalogue(&many));
    let script = format!(
        "set -o pipefail; {} validate --standalone {bad} | head -1 >/dev/null",
        binary()
    );
    let status = hermetic("bash").args(["-c", &script]).status().unwrap();
    assert_eq!(status.code(), Some(1));
    // A reader gone before the first byte.
    let mut child = ecosys_std()
        .args(["validate", "--standalone", &bad])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn limit_zero_is_a_usage_error() {
    ecosys()
        .args(["who-handles", "--limit", "0", "accessibilité"])
        .assert()
        .code(2);
    ecosys()
        .args(["who-handles", "--limit", "100", "--json", "accessibilité"])
        .assert()
        .success();
}

#[test]
fn stdin_skips_blank_and_comment_lines() {
    let out = ecosys()
        .args(["who-handles", "--stdin"])
        .write_stdin("# a comment\n\n   \n  # another\naccessibilité\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

/// A UTF-8 byte-order mark opening the input (as Windows editors write) is skipped, as in
/// catalogue and guide files: it neither turns a comment into a question nor enters the
/// first question.
#[test]
fn stdin_skips_a_leading_byte_order_mark() {
    let answers = batch(&[], "\u{feff}# header\r\nSILL\r\n");
    assert_eq!(answers.status, Some(0));
    assert_eq!(answers.lines.len(), 1, "{}", answers.stdout);
    assert_eq!(answers.lines[0]["question"], "SILL");
    let answers = batch(&["--format", "csv"], "\u{feff}SILL\r\n");
    assert_eq!(answers.status, Some(0));
    let row = answers.stdout.lines().nth(1).unwrap();
    assert!(row.starts_with("SILL,1,"), "{}", answers.stdout);
}

/// A wordless line (`...`, an emoji, only stop words), which as an argument is a usage error,
/// is on `--stdin` a question that found nothing (one line cannot fail the batch): its object
/// has no match, and the bar an answer needs, the model's, as every other object has.
#[test]
fn stdin_wordless_lines_find_nothing_and_keep_the_bar() {
    let answers = batch(&[], "SILL\n...\n\u{1f680}\nle la\n");
    assert_eq!(answers.status, Some(1), "a question found nothing");
    let lines = answers.lines;
    assert_eq!(lines.len(), 4);
    let bar = lines[0]["bar"].as_f64().unwrap();
    assert!(bar > 0.0 && bar < 1.0, "{bar}");
    for wordless in &lines[1..] {
        assert_eq!(wordless["matches"], serde_json::json!([]), "{wordless}");
        assert_eq!(wordless["bar"].as_f64(), Some(bar), "{wordless}");
    }
    ecosys().args(["who-handles", "..."]).assert().code(2);
}

// --- §4: hostile input ---

#[test]
fn stdin_answers_each_question_at_once() {
    let lines = crate::common::answer_while_stdin_is_open(
        &["who-handles", "--stdin"],
        "accessibilité",
        |_| true,
    );
    assert!(
        lines.first().is_some_and(|l| l.contains("accessibilit")),
        "an answer while stdin stays open: {lines:?}"
    );
}

#[test]
fn stdin_memory_stays_flat_on_a_huge_line() {
    // 150 MB in one line, under a 300 MB address-space limit: about 30 bytes per byte before.
    let script = format!(
        "ulimit -v 300000; head -c 150000000 /dev/zero | tr '\\0' a | {} who-handles --stdin",
        binary()
    );
    let out = hermetic("bash").args(["-c", &script]).output().unwrap();
    no_panic(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["question"].as_str().unwrap().len(), 64 * 1024);
}

#[test]
fn no_thread_panic_when_memory_is_short() {
    for limit in (12_000..=40_000).step_by(2_000) {
        let script = format!(
            "ulimit -v {limit}; exec {} --catalogue {} list",
            binary(),
            concat!(env!("CARGO_MANIFEST_DIR"), "/catalogue.json")
        );
        let out = hermetic("bash").args(["-c", &script]).output().unwrap();
        no_panic(&out.stderr);
        assert_ne!(out.status.code(), Some(101), "ulimit -v {limit}");
    }
}

#[test]
fn special_and_huge_catalogue_files_fail_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.json");
    assert!(hermetic("mkfifo").arg(&fifo).status().unwrap().success());
    let sparse = dir.path().join("sparse.json");
    std::fs::File::create(&sparse)
        .unwrap()
        .set_len(2 << 30)
        .unwrap();
    for (path, message) in [
        (fifo.to_str().unwrap(), "not a regular file"),
        ("/dev/zero", "not a regular file"),
        (sparse.to_str().unwrap(), "larger than 256 MiB"),
    ] {
        ecosys()
            .args(["--catalogue", path, "list"])
            .timeout(Duration::from_secs(5))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "bom.json",
        &format!("\u{feff}{}", catalogue(&[entity("a", "")])),
    );
    ecosys()
        .args(["--catalogue", &path, "list", "--json"])
        .assert()
        .success();
}

#[test]
fn overlay_lists_ignore_empty_entries_and_flags_keep_colons() {
    let dir = tempfile::tempdir().unwrap();
    let overlay = write(
        dir.path(),
        "with:colon.json",
        &catalogue(&[entity("added", "")]),
    );
    ecosys()
        .args(["--overlay", &overlay, "show", "added"])
        .assert()
        .success();
    for env in ["", ":", "::"] {
        ecosys()
            .env("ECOSYS_OVERLAY", env)
            .args(["list", "--json"])
            .assert()
            .success();
    }
    let plain = write(dir.path(), "plain.json", &catalogue(&[entity("plain", "")]));
    ecosys()
        .env("ECOSYS_OVERLAY", format!(":{plain}::"))
        .args(["show", "plain"])
        .assert()
        .success();
}

#[test]
fn invisible_characters_are_escaped_everywhere_humans_read() {
    let dir = tempfile::tempdir().unwrap();
    let name = "A\u{61c}B\u{2028}C\u{200b}D\u{200d}E\u{feff}F\u{2066}G";
    let doc = catalogue(&[format!(
        "{{\"id\": \"a\", \"name\": \"{name}\", \"kind\": \"team\", \"summary\": \"S\", \"source\": \"s\"}}"
    )]);
    let path = write(dir.path(), "c.json", &doc);
    let hidden = [
        '\u{61c}', '\u{2028}', '\u{200b}', '\u{200d}', '\u{feff}', '\u{2066}',
    ];
    for format in ["table", "csv", "tsv", "markdown"] {
        let out = ecosys()
            .args(["--catalogue", &path, "list", "--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.contains(hidden), "{format}: {text:?}");
        assert!(text.contains("\\u{2028}"), "{format}: {text:?}");
    }
    let out = ecosys()
        .args(["show", &format!("x{name}")])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stderr).unwrap();
    assert!(!text.contains(hidden), "{text:?}");
}

#[test]
fn csv_cells_that_look_like_formulas_are_defused() {
    let dir = tempfile::tempdir().unwrap();
    let doc = catalogue(&[
        r#"{"id": "a", "name": "=HYPERLINK(\"http://x\")", "kind": "team", "summary": "@SUM(A1)", "source": "s"}"#
            .to_string(),
    ]);
    let path = write(dir.path(), "c.json", &doc);
    let out = ecosys()
        .args(["--catalogue", &path, "list", "--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\"'=HYPERLINK("), "{text}");
    assert!(!text.contains(",=") && !text.contains(",\"="), "{text}");
}

#[test]
fn a_huge_unbroken_name_is_cut_in_tables_only() {
    let dir = tempfile::tempdir().unwrap();
    let name = "x".repeat(10 << 20);
    let doc = catalogue(&[format!(
        "{{\"id\": \"a\", \"name\": \"{name}\", \"kind\": \"team\", \"summary\": \"S\", \"source\": \"s\"}}"
    )]);
    let path = write(dir.path(), "c.json", &doc);
    let out = ecosys()
        .args(["--catalogue", &path, "list"])
        .timeout(HANG_GUARD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains('…'));
    let out = ecosys()
        .args(["--catalogue", &path, "list", "--json"])
        .timeout(HANG_GUARD)
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains(&name));
}

#[test]
fn stdin_keeps_status_1_when_its_reader_leaves_after_an_unanswered_question() {
    // ecosys's own status, whatever happens to the loop that feeds it (SIGPIPE once ecosys
    // is gone). Many lines, so that the pipe closes while answers are still being written.
    let status_of = |lines: &str| {
        let script = format!(
            "for i in $(seq 3000); do {lines}; done | {} who-handles --stdin | head -1              >/dev/null; echo ${{PIPESTATUS[1]}}",
            binary()
        );
        let out = hermetic("bash").args(["-c", &script]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(status_of("echo SILL; echo zzzz qqqq"), "1");
    // The unanswered question comes after the reader has gone: the status still says so.
    // (Every format goes through the same loop: three of them, to keep the test short.)
    for format in ["ndjson", "json", "csv"] {
        let script = format!(
            "(yes SILL | head -600; echo meteo) | ecosys who-handles --stdin --format {format} | head -1 >/dev/null; echo ${{PIPESTATUS[1]}}"
        );
        let out = crate::common::bash(&script).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1", "{format}");
    }
    // Every question answered: a reader that leaves early still sees success.
    assert_eq!(status_of("echo SILL"), "0");
}

#[test]
fn an_empty_ecosys_catalogue_means_the_embedded_one() {
    ecosys()
        .env("ECOSYS_CATALOGUE", "")
        .args(["show", "cnil", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"id\": \"cnil\""));
}
