//! Loading catalogues: the embedded one or a file, then overlays, with every problem they have.
//!
//! There is one loader, [`check`]: it reads every file it can, applies them in order, and
//! reports every problem with its file, line and column. [`load`] is that, failing if any.

use std::fs;
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::Arc;

use super::locate::offsets;
use super::model::Catalogue;
use super::problem::{At, Failure, Problem, line_columns};
use super::stack::{FileEffects, Stack};
use crate::lang::tr;

/// The catalogue compiled into the binary.
pub const EMBEDDED: &str = include_str!("../../catalogue.json");
/// How the embedded catalogue is named in messages.
pub const EMBEDDED_NAME: &str = "<embedded catalogue.json>";

/// The largest catalogue file read (256 MiB): larger files are refused before reading.
pub const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// Why a file gave no text.
#[derive(Debug)]
pub struct ReadFailure {
    pub message: String,
    /// Where in the file (line and column), for text that is not UTF-8.
    pub position: Option<(usize, usize)>,
    /// It could not be read at all (missing, a directory, no permission), as opposed to
    /// holding something that is not catalogue text (empty, not UTF-8).
    pub unreadable: bool,
}

fn fail(message: impl Into<String>, unreadable: bool) -> ReadFailure {
    ReadFailure {
        message: message.into(),
        position: None,
        unreadable,
    }
}

fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => tr("fichier introuvable", "no such file").to_string(),
        io::ErrorKind::PermissionDenied => tr("permission refusée", "permission denied").into(),
        io::ErrorKind::OutOfMemory => tr("mémoire insuffisante", "out of memory").into(),
        _ => match (crate::lang::current(), e.raw_os_error()) {
            (crate::lang::Lang::Fr, Some(code)) => format!("lecture impossible (erreur {code})"),
            (crate::lang::Lang::Fr, None) => "lecture impossible".into(),
            (crate::lang::Lang::En, _) => format!("cannot read: {e}"),
        },
    }
}

/// Reads a catalogue file, refusing directories, anything but a regular file (a FIFO, a device
/// such as `/dev/zero`), files over [`MAX_FILE_SIZE`], and unreadable, empty and non-UTF-8
/// files. The path is looked at first, so that a device is never opened; then the file is
/// opened without waiting (for a FIFO's writer, a device) and what was opened is looked at
/// again, so that a path swapped for a FIFO meanwhile cannot block the run. A leading UTF-8
/// byte-order mark is skipped.
pub fn read_file(path: &Path) -> Result<String, ReadFailure> {
    let regular = |metadata: fs::Metadata| {
        if metadata.is_dir() {
            let why = tr(
                "est un dossier, pas un fichier de catalogue",
                "is a directory, not a catalogue file",
            );
            return Err(fail(why, true));
        }
        if !metadata.is_file() {
            let why = tr(
                "n'est pas un fichier ordinaire (un tube, un périphérique ?) ; un catalogue est un fichier JSON",
                "is not a regular file (a pipe or a device?); a catalogue is a JSON file",
            );
            return Err(fail(why, true));
        }
        Ok(metadata)
    };
    let io = |e: io::Error| fail(io_message(&e), true);
    regular(fs::metadata(path).map_err(io)?)?;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(io)?;
    let metadata = regular(file.metadata().map_err(io)?)?;
    let too_big = || {
        let mib = MAX_FILE_SIZE / 1024 / 1024;
        fail(
            match crate::lang::current() {
                crate::lang::Lang::Fr => {
                    format!("dépasse {mib} Mio, la taille maximale d'un fichier de catalogue")
                }
                crate::lang::Lang::En => {
                    format!("is larger than {mib} MiB, the most a catalogue file may be")
                }
            },
            true,
        )
    };
    if metadata.len() > MAX_FILE_SIZE {
        return Err(too_big());
    }
    // A file too large for the memory left is an error, not an abort.
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(metadata.len() as usize + 1)
        .map_err(|_| {
            fail(
                tr(
                    "mémoire insuffisante pour le lire",
                    "not enough memory to read it",
                ),
                true,
            )
        })?;
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_message(&e), true))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_big());
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = String::from_utf8(bytes).map_err(|e| ReadFailure {
        position: {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            Some(line_columns(valid, &[valid.len()])[0])
        },
        ..fail(
            tr("n'est pas du texte UTF-8 valide", "is not valid UTF-8 text"),
            false,
        )
    })?;
    if text.trim().is_empty() {
        let why = tr(
            "est vide ; un catalogue est un objet JSON",
            "is empty; a catalogue is a JSON object",
        );
        return Err(fail(why, false));
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
