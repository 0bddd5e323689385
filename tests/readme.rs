//! Runs every example of README.md and of docs/*.md and checks its output, so the docs
//! cannot rot.
//!
//! An example is a ```console block: `$ command` lines (run with bash, `ecosys` on the PATH),
//! each followed by its expected stdout, and `? N` when the exit status is not 0.
//! `UPDATE_README=1 cargo test --locked readme` rewrites the expected outputs.

use std::path::Path;

struct Example {
    command: String,
    expected: String,
    status: i32,
}

/// (line index of the command, example) for every example, and the README's lines.
fn examples(readme: &str) -> Vec<(usize, usize, Example)> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    let mut in_block = false;
    while i < lines.len() {
        let line = lines[i];
        if line.starts_with("```") {
            in_block = line == "```console";
            i += 1;
            continue;
        }
        if in_block && let Some(command) = line.strip_prefix("$ ") {
            let start = i;
            let mut expected = Vec::new();
            let mut status = 0;
            i += 1;
            while i < lines.len() && !lines[i].starts_with("$ ") && !lines[i].starts_with("```") {
                match lines[i].strip_prefix("? ") {
                    Some(code) => status = code.trim().parse().expect("? N"),
                    None => expected.push(lines[i]),
                }
                i += 1;
            }
            found.push((
                start,
                i,
                Example {
                    command: command.to_string(),
                    expected: expected.join("\n"),
                    status,
                },
            ));
            continue;
        }
        i += 1;
    }
    found
}

fn tidy(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}

fn run(command: &str) -> (String, i32, String) {
    // English (`C.UTF-8`), unless an example asks for French (`--lang fr`).
    let out = crate::common::bash(command)
        .env("LANG", "C.UTF-8")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("bash runs");
    (
        tidy(&String::from_utf8_lossy(&out.stdout)),
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// README.md and every Markdown file of docs/.
pub fn documents() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    docs.insert(0, root.join("README.md"));
    docs
}

#[test]
fn every_readme_example_runs_as_shown() {
    let update = std::env::var_os("UPDATE_README").is_some();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in documents() {
        let text = std::fs::read_to_string(&path).unwrap();
        let found = examples(&text);
        count += found.len();
        let lines: Vec<&str> = text.lines().collect();
        let mut rewritten: Vec<String> = Vec::new();
        let mut copied = 0;
        for (start, end, example) in &found {
            let (stdout, status, stderr) = run(&example.command);
            if stdout != tidy(&example.expected) || status != example.status {
                failures.push(format!(
                    "{}: $ {}\n--- expected (status {}):\n{}\n--- got (status {status}):\n{stdout}\n--- stderr:\n{stderr}",
                    path.display(), example.command, example.status, example.expected
                ));
            }
            rewritten.extend(lines[copied..=*start].iter().map(|l| l.to_string()));
            if !stdout.is_empty() {
                rewritten.push(stdout);
            }
            if status != 0 {
                rewritten.push(format!("? {status}"));
            }
            copied = *end;
        }
        rewritten.extend(lines[copied..].iter().map(|l| l.to_string()));
        if update && !found.is_empty() {
            std::fs::write(&path, rewritten.join("\n") + "\n").unwrap();
        }
    }
    assert!(count >= 10, "only {count} examples");
    if update {
        return;
    }
    assert!(
        failures.is_empty(),
        "{} examples differ:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
