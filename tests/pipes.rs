//! Pipes, disks and /dev/null: every command in every format keeps the status it decided
//! when its reader leaves early (`| head`), when it is run from Python with
//! `subprocess.DEVNULL` or from Node with `stdio: 'ignore'`; a full disk is one line and
//! status 2.

use std::io::{Read, Write};
use std::process::Stdio;

use crate::common::{ecosys, ecosys_std, hermetic};

fn no_panic(stderr: &[u8]) {
    let text = String::from_utf8_lossy(stderr);
    assert!(!text.contains("panicked"), "{text}");
}

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
            &["who-handles", "problème", "juridique"],
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
    // So are a closed stdin (read as empty) and stderr, one or all of them.
    let bin = crate::common::binary();
    for (args, status, stdout) in [
        ("who-handles --stdin --json <&-", 0, "[]\n"),
        ("show nope 2>&-", 2, ""),
        ("list >&- 2>&- <&-", 0, ""),
    ] {
        let out = hermetic("bash")
            .args(["-c", &format!("'{bin}' {args}")])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(status), "{args}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), stdout, "{args}");
    }
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
