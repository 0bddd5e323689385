//! Helpers shared by the integration tests.
//!
//! Every program a test runs (ecosys itself, or bash, python, node and man around it) is made
//! by [`hermetic`], which clears the caller's environment that changes what ecosys reads or
//! prints (as ripgrep's and fd's test utilities do): the tests pass under any locale and with
//! any `ECOSYS_*` set.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::process::Command as Std;

use assert_cmd::Command;
use serde_json::Value;

/// Whether the variable `name` changes what ecosys reads or prints: the locale (`LANG`,
/// `LANGUAGE`, every `LC_*`), ecosys's own (`ECOSYS_*`), the width and colour (`TERM=dumb`
/// turns colour off).
fn affects_ecosys(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    name.starts_with("LC_")
        || name.starts_with("ECOSYS_")
        || [
            "LANG",
            "LANGUAGE",
            "COLUMNS",
            "NO_COLOR",
            "CLICOLOR_FORCE",
            "TERM",
        ]
        .contains(&name)
}

/// `program`, with none of the environment variables that change what ecosys reads or prints.
/// The one constructor of every process the tests start.
pub fn hermetic(program: impl AsRef<OsStr>) -> Std {
    let mut cmd = Std::new(program);
    for (name, _) in std::env::vars_os() {
        if affects_ecosys(&name) {
            cmd.env_remove(&name);
        }
    }
    cmd
}

/// The path of the binary under test.
pub fn binary() -> String {
    env!("CARGO_BIN_EXE_ecosys").to_string()
}

/// The binary, as a `std::process::Command` (to spawn it and hold its pipes).
pub fn ecosys_std() -> Std {
    hermetic(binary())
}

/// The binary, as an `assert_cmd::Command`.
pub fn ecosys() -> Command {
    Command::from_std(ecosys_std())
}

/// `bash -c script`, hermetic; `ecosys` in the script is the binary under test.
pub fn bash(script: &str) -> Std {
    let mut cmd = hermetic("bash");
    let dir = std::path::Path::new(env!("CARGO_BIN_EXE_ecosys"))
        .parent()
        .unwrap()
        .display()
        .to_string();
    let path = std::env::var("PATH").unwrap_or_default();
    cmd.args(["-c", script])
        .env("PATH", format!("{dir}:{path}"))
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// The lines ecosys `args` writes after one `question` on its stdin, up to the first that
/// `last` accepts, while stdin stays open (an answer a co-process can wait for); empty if
/// none comes within 20 seconds.
pub fn answer_while_stdin_is_open(
    args: &[&str],
    question: &str,
    last: fn(&str) -> bool,
) -> Vec<String> {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    let mut child = ecosys_std()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let output = child.stdout.take().unwrap();
    writeln!(input, "{question}").unwrap();
    input.flush().unwrap();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(output).lines().map_while(Result::ok) {
            let done = last(&line);
            if send.send(line).is_err() || done {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    while let Ok(line) = receive.recv_timeout(std::time::Duration::from_secs(20)) {
        let done = last(&line);
        lines.push(line);
        if done {
            break;
        }
    }
    drop(input);
    child.wait().unwrap();
    lines
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

/// While it lives, a thread that swaps `path` between (a link to) the regular file `regular`
/// and (a link to) a FIFO beside it, as fast as it can: a run that looks at `path`, then opens
/// it, sees a regular file, then a FIFO. Dropped, the thread stops.
pub struct FifoSwapper {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

pub fn swap_for_fifo(path: &std::path::Path, regular: &std::path::Path) -> FifoSwapper {
    use std::path::{Path, PathBuf};
    let fifo = path.with_extension("fifo");
    assert!(hermetic("mkfifo").arg(&fifo).status().unwrap().success());
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (path, regular): (PathBuf, PathBuf) = (path.into(), regular.into());
    let thread = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let link = |to: &Path| {
                let tmp = to.with_extension("link");
                let _ = std::fs::remove_file(&tmp);
                // Errors are the directory going away after a failure: nothing to say.
                let _ = std::os::unix::fs::symlink(to, &tmp);
                let _ = std::fs::rename(&tmp, &path);
            };
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                link(&regular);
                link(&fifo);
            }
        })
    };
    FifoSwapper {
        stop,
        thread: Some(thread),
    }
}

impl Drop for FifoSwapper {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// `ecosys` `args` (after `who-handles --stdin`) reading `input`: its status, its stdout,
/// its stdout's lines read as JSON when they are (NDJSON), and its stderr. Within a generous
/// guard against hangs.
pub struct Batch {
    pub status: Option<i32>,
    pub stdout: String,
    pub lines: Vec<Value>,
    pub stderr: String,
}

pub fn batch(args: &[&str], input: impl Into<Vec<u8>>) -> Batch {
    let out = ecosys()
        .args(["who-handles", "--stdin"])
        .args(args)
        .write_stdin(input.into())
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines = stdout
        .lines()
        .map_while(|l| serde_json::from_str(l).ok())
        .collect();
    Batch {
        status: out.status.code(),
        stdout,
        lines,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// ecosys `args` with its stdout on a pseudo-terminal `columns` wide (from Python's pty
/// module), `env` added to its environment: its status, what the terminal showed (as stdout)
/// and its stderr. An error when python3 cannot be run.
pub fn on_a_terminal(
    args: &[&str],
    env: &[(&str, &str)],
    columns: u16,
) -> std::io::Result<std::process::Output> {
    let env: serde_json::Map<String, Value> = env
        .iter()
        .map(|(k, v)| (k.to_string(), Value::from(*v)))
        .collect();
    let (args, env) = (serde_json::to_string(args)?, Value::from(env).to_string());
    let script = format!(
        r#"
import fcntl, json, os, pty, struct, subprocess, sys, termios
main, sub = pty.openpty()
fcntl.ioctl(sub, termios.TIOCSWINSZ, struct.pack("HHHH", 24, {columns}, 0, 0))
env = dict(os.environ, **json.loads({env:?}))
run = subprocess.Popen([{bin:?}] + json.loads({args:?}), stdout=sub, stderr=subprocess.PIPE, env=env)
os.close(sub)
out = b""
while True:
    try:
        chunk = os.read(main, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
err = run.stderr.read()
sys.stdout.buffer.write(out)
sys.stderr.buffer.write(err)
sys.exit(run.wait())
"#,
        bin = binary()
    );
    hermetic("python3").args(["-c", &script]).output()
}
