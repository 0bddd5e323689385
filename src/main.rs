//! ecosys: who do I ask about X?

use std::process::ExitCode;

use ecosys::app;

fn main() -> ExitCode {
    app::run().unwrap_or_else(app::report).into()
}
