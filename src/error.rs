//! What can go wrong, and how a run ends: the [`Outcome`] and its exit status.

use std::io;
use std::process::ExitCode;

use thiserror::Error;

use crate::catalogue::Failure;

/// How a run ended, as far as a script is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// An answer (exit status 0).
    Answer,
    /// Nothing matched, or `validate` found problems (exit status 1).
    NothingMatched,
    /// A usage error, unknown id, unusable catalogue or unreadable input (exit status 2).
    Failure,
}

impl Outcome {
    /// The exit status.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Answer => 0,
            Outcome::NothingMatched => 1,
            Outcome::Failure => 2,
        }
    }
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        ExitCode::from(outcome.code())
    }
}

#[derive(Debug, Error)]
pub enum Error {
    #[error("{} '{id}'{}", crate::lang::tr("aucune entité", "no entity"), suggestion_text(.suggestion))]
    UnknownEntity {
        id: String,
        suggestion: Option<String>,
    },

    #[error("{0}")]
    Catalogue(Failure),

    #[error("{0}")]
    Usage(String),

    /// A chapter of the guide that `import` or `drift` cannot read.
    #[error(transparent)]
    Guide(#[from] crate::guide::GuideError),

    #[error("{}: {}", crate::lang::tr("lecture de l'entrée standard impossible", "cannot read standard input"), .0)]
    Stdin(io::Error),

    /// Only for writing the output: other I/O errors have variants of their own.
    #[error("{}: {}", crate::lang::tr("écriture de la sortie impossible", "cannot write output"), .0)]
    Write(io::Error),
}

fn suggestion_text(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map(|s| {
            let tr = crate::lang::tr;
            format!(
                "; {} '{s}'{}",
                tr("vouliez-vous dire", "did you mean"),
                tr(" ?", "?")
            )
        })
        .unwrap_or_default()
}

/// What a command decided, and how writing it went: the outcome comes first, so that a
/// reader who leaves early cannot change it (see `app::finish`, the one place that maps a
/// write error to a status).
#[derive(Debug)]
#[must_use]
pub struct Decided {
    pub outcome: Outcome,
    pub written: io::Result<()>,
}

/// A command's end: `outcome`, decided before writing, and the result of the writing.
pub fn decided(outcome: Outcome, written: io::Result<()>) -> Result<Decided> {
    Ok(Decided { outcome, written })
}

/// Whether a write error only means that the reader has gone (`ecosys list | head -1`): the
/// output ends quietly and the run keeps the status it decided.
pub fn reader_gone(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::BrokenPipe
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
