//! ecosys: who do I ask about X?

use std::process::ExitCode;

use ecosys::app;

fn main() -> ExitCode {
    match app::run() {
        Ok(code) => ExitCode::from(code),
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            // Messages can quote the catalogue or the question: `warn` neutralises them.
            app::warn(&err.to_string());
            ExitCode::from(err.exit_code())
        }
    }
}
