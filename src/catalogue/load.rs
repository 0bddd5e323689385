//! Loading catalogues: the embedded one or a file, then overlays, with every problem they have.
//!
//! There is one loader, [`check`]: it reads every file it can, applies them in order, and
//! reports every problem with its file, line and column. [`load`] is that, failing if any.

use std::path::Path;
use std::sync::Arc;

use super::locate::offsets;
use super::model::Catalogue;
use super::problem::{At, Failure, Problem, line_columns};
use super::stack::{FileEffects, Stack};
use crate::files::{FileKind, read_text};
use crate::lang::tr;

/// The catalogue compiled into the binary.
pub const EMBEDDED: &str = include_str!("../../catalogue.json");
/// How the embedded catalogue is named in messages.
pub const EMBEDDED_NAME: &str = "<embedded catalogue.json>";

/// The largest catalogue file read (256 MiB): larger files are refused before reading.
pub const MAX_FILE_SIZE: u64 = crate::files::MAX_CATALOGUE_SIZE;

pub use crate::files::ReadFailure;

/// Reads a catalogue file as [`crate::files::read_text`] reads every file (a regular file of
/// at most [`MAX_FILE_SIZE`], opened without waiting, UTF-8), refusing an empty one too.
pub fn read_file(path: &Path) -> Result<String, ReadFailure> {
    let text = read_text(path, FileKind::Catalogue)?;
    if text.trim().is_empty() {
        let why = tr(
            "est vide ; un catalogue est un objet JSON",
            "is empty; a catalogue is a JSON object",
        );
        return Err(ReadFailure {
            message: why.into(),
            position: None,
            unreadable: false,
        });
    }
    Ok(text)
}

/// What [`check`] found.
#[derive(Debug, Default)]
pub struct Report {
    /// Every problem, in file order (files as given, then places in each).
    pub problems: Vec<Problem>,
    /// A file could not be read at all.
    pub unreadable: bool,
    /// What each overlay does, in order.
    pub effects: Vec<FileEffects>,
}

/// Loads the base catalogue (the embedded one, or `base`), then `overlays` in order, and
/// reports every problem, not only the first file's: a file that cannot be read is reported
/// and left out, the others are applied.
pub fn check(base: Option<&Path>, overlays: &[impl AsRef<Path>]) -> (Catalogue, Report) {
    let mut stack = Stack::default();
    let mut unreadable = false;
    let mut add = |stack: &mut Stack, path: Option<&Path>, overlay: bool| {
        let Some(path) = path else {
            let text = Arc::new(EMBEDDED.to_string());
            stack.trusted = true;
            stack.add(EMBEDDED_NAME.into(), text, false);
            stack.trusted = false;
            return;
        };
        let name = path.display().to_string();
        match read_file(path) {
            Ok(text) => stack.add(name, Arc::new(text), overlay),
            Err(failure) => {
                unreadable |= failure.unreadable;
                stack.failed(name, failure.message, failure.position);
            }
        }
    };
    add(&mut stack, base, false);
    for path in overlays {
        add(&mut stack, Some(path.as_ref()), true);
    }
    finish(stack, unreadable)
}

/// [`check`] of one text as a whole catalogue, named `name` in problems (for tests and fuzzing).
pub fn check_text(name: &str, text: String) -> (Catalogue, Report) {
    let mut stack = Stack::default();
    stack.add(name.into(), Arc::new(text), false);
    finish(stack, false)
}

fn finish(mut stack: Stack, unreadable: bool) -> (Catalogue, Report) {
    stack.finish();
    let problems = place(&stack);
    let report = Report {
        problems,
        unreadable,
        effects: stack.effects,
    };
    (stack.catalogue, report)
}

/// [`check`], failing if there is any problem.
pub fn load(base: Option<&Path>, overlays: &[impl AsRef<Path>]) -> Result<Catalogue, Failure> {
    // The embedded catalogue alone is valid (a test says so): built by compiled code, unparsed.
    if base.is_none()
        && overlays.is_empty()
        && let Some(catalogue) = super::compiled::load()
    {
        return Ok(catalogue);
    }
    let (catalogue, report) = check(base, overlays);
    if report.problems.is_empty() {
        return Ok(catalogue);
    }
    Err(Failure {
        command: lister(base, overlays, &report.problems[0]),
        problems: report.problems,
    })
}

/// The command that lists every problem of these files, starting with `first`'s: for the base
/// catalogue, `validate --standalone` (plain `validate` checks overlays over it).
fn lister(base: Option<&Path>, overlays: &[impl AsRef<Path>], first: &Problem) -> String {
    let quote = |path: &Path| {
        let name = path.display().to_string();
        let plain = name
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./+=:,@%".contains(c));
        if plain && !name.is_empty() {
            name
        } else {
            format!("'{}'", name.replace('\'', r"'\''"))
        }
    };
    match base {
        Some(base) if first.file == base.display().to_string() => {
            format!("ecosys validate --standalone {}", quote(base))
        }
        _ => {
            let mut command = String::from("ecosys");
            if let Some(base) = base {
                command.push_str(&format!(" --catalogue {}", quote(base)));
            }
            command.push_str(" validate");
            for path in overlays {
                command.push_str(&format!(" {}", quote(path.as_ref())));
            }
            command
        }
    }
}

/// Gives each problem its line and column, and puts them in file order (files as loaded, then
/// by place; a problem of a whole file first in it).
fn place(stack: &Stack) -> Vec<Problem> {
    let mut placed: Vec<(usize, usize, Problem)> = Vec::with_capacity(stack.problems.len());
    let mut by_doc: Vec<Vec<&super::problem::Pending>> = vec![Vec::new(); stack.docs.len()];
    for pending in &stack.problems {
        by_doc[pending.doc].push(pending);
    }
    for (doc, pendings) in by_doc.into_iter().enumerate() {
        if pendings.is_empty() {
            continue;
        }
        let text = stack.docs[doc].1.as_deref().map_or("", String::as_str);
        let paths: Vec<&[super::problem::Seg]> = pendings
            .iter()
            .filter_map(|p| match &p.at {
                At::Path(path) => Some(path.as_slice()),
                _ => None,
            })
            .collect();
        let mut found = offsets(text, &paths).into_iter();
        let at: Vec<Option<usize>> = pendings
            .iter()
            .map(|p| match &p.at {
                At::File => None,
                At::Offset(offset) => Some(*offset),
                At::Path(_) => found.next(),
            })
            .collect();
        let known: Vec<usize> = at.iter().flatten().copied().collect();
        let mut positions = line_columns(text, &known).into_iter();
        for (pending, at) in pendings.into_iter().zip(at) {
            let position = at.and_then(|_| positions.next());
            let position = position.or(pending.problem.position);
            let rank = at.map_or(0, |o| o + 1);
            placed.push((doc, rank, pending.problem.clone().at(position)));
        }
    }
    placed.sort_by_key(|(doc, rank, _)| (*doc, *rank));
    placed.into_iter().map(|(_, _, p)| p).collect()
}
