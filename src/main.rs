//! ecosys: who do I ask about X?

mod app;
mod catalogue;
mod cli;
mod commands;
mod error;
mod output;
mod search;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    match app::run() {
        Ok(code) => ExitCode::from(code),
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "ecosys: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
