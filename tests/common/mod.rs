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
