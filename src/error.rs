//! What can go wrong, and the exit status each gives.

use std::io;

use thiserror::Error;

use crate::catalogue::Problem;

/// Exit status: an answer.
pub const EXIT_OK: u8 = 0;
/// Exit status: nothing matched, or `validate` found problems.
pub const EXIT_NO_MATCH: u8 = 1;
/// Exit status: usage error, unknown id, unusable catalogue, or output that could not be written.
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, Error)]
pub enum Error {
    #[error("no entity '{id}'{}", suggestion_text(.suggestion))]
    UnknownEntity {
        id: String,
        suggestion: Option<String>,
    },

    #[error("{}", catalogue_text(.0))]
    Catalogue(Vec<Problem>),

    #[error("{0}")]
    Usage(String),

    #[error("cannot read standard input: {0}")]
    Stdin(io::Error),

    #[error("cannot write output: {0}")]
    Write(#[from] io::Error),
}

fn suggestion_text(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map(|s| format!("; did you mean '{s}'?"))
        .unwrap_or_default()
}

fn catalogue_text(problems: &[Problem]) -> String {
    let mut text = problems
        .first()
        .map_or_else(|| "invalid catalogue".to_string(), Problem::to_string);
    if problems.len() > 1 {
        text.push_str(&format!(
            " (and {} more problem{}; `ecosys validate FILE` lists them all)",
            problems.len() - 1,
            if problems.len() > 2 { "s" } else { "" }
        ));
    }
    text
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        EXIT_ERROR
    }

    /// A write into a closed pipe (`ecosys list | head -1`): not an error for the user.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Write(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
