//! Helpers shared by the integration tests.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;

/// The binary, with none of the environment variables that change what it reads or prints.
pub fn ecosys() -> Command {
    let mut cmd = Command::cargo_bin("ecosys").unwrap();
    cmd.env_remove("ECOSYS_CATALOGUE")
        .env_remove("ECOSYS_OVERLAY")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    cmd
}

/// Stdout of a run that must succeed.
pub fn stdout(args: &[&str]) -> String {
    let out = ecosys().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Stdout of a run, parsed as JSON, whatever its status.
pub fn json(args: &[&str]) -> Value {
    let out = ecosys().args(args).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

/// The binary as a `std::process::Command`, with the caller's environment cleared as
/// [`ecosys`] does (for tests that drive its pipes themselves).
pub fn ecosys_process() -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("ecosys"));
    for var in [
        "ECOSYS_CATALOGUE",
        "ECOSYS_OVERLAY",
        "NO_COLOR",
        "COLUMNS",
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// A file of the shared seed (`../shared/seed/…`, beside the repository), read as data.
/// Absent, the test is skipped with a note, except under `CI=true`, where it fails: CI must
/// check what the seed says.
pub fn seed_file(relative: &str) -> Option<std::path::PathBuf> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seed")
        .join(relative);
    if path.is_file() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{} is missing: under CI=true the seed must be there",
            path.display()
        );
    }
    eprintln!("skipped: {} is not there", path.display());
    None
}

/// The entity `id` of a catalogue.
pub fn entity<'a>(catalogue: &'a Value, id: &str) -> &'a Value {
    catalogue["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

/// The exit status of a run and its stdout, a JSON array.
pub fn status_and_array(command: &mut Command) -> (i32, Vec<Value>) {
    let out = command.output().unwrap();
    let found: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (
        out.status.code().unwrap(),
        found.as_array().unwrap().clone(),
    )
}
