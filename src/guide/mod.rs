//! A chapter of the guide, read as Markdown: its sections, what each says, the catalogue it
//! gives (`import`) and where a catalogue disagrees with it (`drift`).
//!
//! parse (CommonMark → sections) → facts (a section's services, resources, contacts) →
//! import (→ a catalogue) or cite + drift (a catalogue ↔ the sections).

pub mod cite;
pub mod contacts;
pub mod drift;
pub mod facts;
pub mod import;
pub mod labels;
pub mod parse;
pub mod sections;
pub mod words;

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use thiserror::Error;

use crate::lang::tr;

pub use labels::Labels;
pub use parse::{Guide, Place};

/// The largest chapter read (16 MiB; the guide's is 7 kB).
pub const MAX_GUIDE_SIZE: u64 = 16 * 1024 * 1024;

/// Why a file gives no chapter.
#[derive(Debug, Error)]
pub enum GuideError {
    /// Missing, a directory, not a regular file, too large, unreadable.
    #[error("{file}: {why}")]
    Unreadable { file: String, why: String },

    #[error(
        "{file}:{line}:{column}: {}",
        tr(
            "n'est pas du texte UTF-8 valide ; un chapitre du guide est un fichier Markdown en UTF-8",
            "is not valid UTF-8 text; a chapter of the guide is a Markdown file in UTF-8"
        )
    )]
    NotUtf8 {
        file: String,
        line: usize,
        column: usize,
    },

    /// Markdown, but not shaped like the guide's chapter.
    #[error("{file}:{}:{}: {found}; {}", .place.line, .place.column, expected())]
    Shape {
        file: String,
        place: Place,
        found: String,
    },

    /// A `--label` or `--labels` mapping that does not read.
    #[error("{0}")]
    Labels(String),
}

fn expected() -> &'static str {
    tr(
        "attendu : un chapitre comme celui du guide, des titres `## Organisation`, des titres `### Équipe` dessous, et sous chaque équipe des blocs étiquetés (**Services**, **Ressources**, **Contact :** ; d'autres étiquettes avec --label)",
        "expected a chapter shaped like the guide's: `## Organisation` headings, `### Team` headings under them, and labelled blocks under each team (**Services**, **Ressources**, **Contact :**; other labels with --label)",
    )
}

/// A chapter read from a file, with the name messages give it.
pub struct Chapter {
    pub name: String,
    pub guide: Guide,
}

/// Reads and parses the chapter at `path` (`-`: standard input).
pub fn read(path: &Path, labels: &Labels) -> Result<Chapter, GuideError> {
    let name = path.display().to_string();
    let text = read_text(path, &name)?;
    let guide = parse::parse(&text, labels);
    check(&guide, &name)?;
    Ok(Chapter { name, guide })
}

fn read_text(path: &Path, name: &str) -> Result<String, GuideError> {
    let fail = |why: String| GuideError::Unreadable {
        file: name.to_string(),
        why,
    };
    let io_message = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => tr("fichier introuvable", "no such file").to_string(),
        io::ErrorKind::PermissionDenied => tr("permission refusée", "permission denied").into(),
        _ => format!("{}: {e}", tr("lecture impossible", "cannot read")),
    };
    let too_big = || {
        fail(format!(
            "{} {} MiB ; {}",
            tr("fait plus de", "is larger than"),
            MAX_GUIDE_SIZE / 1024 / 1024,
            tr(
                "un chapitre du guide fait quelques kilo-octets",
                "a chapter of the guide is a few kilobytes"
            )
        ))
    };
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        io::stdin()
            .lock()
            .take(MAX_GUIDE_SIZE + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(io_message(e)))?;
    } else {
        // Looked at before opening: opening a FIFO would wait for a writer.
        let metadata = fs::metadata(path).map_err(|e| fail(io_message(e)))?;
        if metadata.is_dir() {
            return Err(fail(
                tr(
                    "est un dossier ; attendu un fichier Markdown (un chapitre du guide)",
                    "is a directory; expected a Markdown file (a chapter of the guide)",
                )
                .into(),
            ));
        }
        if !metadata.is_file() {
            return Err(fail(
                tr(
                    "n'est pas un fichier ordinaire ; attendu un fichier Markdown (un chapitre du guide)",
                    "is not a regular file; expected a Markdown file (a chapter of the guide)",
                )
                .into(),
            ));
        }
        if metadata.len() > MAX_GUIDE_SIZE {
            return Err(too_big());
        }
        fs::File::open(path)
            .and_then(|f| f.take(MAX_GUIDE_SIZE + 1).read_to_end(&mut bytes))
            .map_err(|e| fail(io_message(e)))?;
    }
    if bytes.len() as u64 > MAX_GUIDE_SIZE {
        return Err(too_big());
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let (line, column) = crate::catalogue::problem::line_columns(valid, &[valid.len()])[0];
        GuideError::NotUtf8 {
            file: name.to_string(),
            line,
            column,
        }
    })
}

/// A chapter must have sections, and labelled blocks in them.
fn check(guide: &Guide, name: &str) -> Result<(), GuideError> {
    let shape = |place: Place, found: String| GuideError::Shape {
        file: name.to_string(),
        place,
        found,
    };
    if let Some((_, place)) = guide.stray_headings.iter().find(|(level, _)| *level == 1) {
        let found = tr(
            "un second titre de niveau 1 (`# …`)",
            "a second level-1 heading (`# …`)",
        );
        return Err(shape(*place, found.into()));
    }
    let start = Place { line: 1, column: 1 };
    if guide.sections.is_empty() {
        let (place, found) = match (&guide.title, guide.stray_headings.first()) {
            (Some((_, place)), _) => (
                *place,
                tr(
                    "un titre (`# …`) mais aucun titre `##` ni `###`",
                    "a title (`# …`) but no `##` or `###` heading",
                )
                .to_string(),
            ),
            (None, Some((level, place))) => (
                *place,
                match crate::lang::current() {
                    crate::lang::Lang::Fr => {
                        format!("un titre de niveau {level} mais aucun titre `##` ni `###`")
                    }
                    crate::lang::Lang::En => {
                        format!("a level-{level} heading but no `##` or `###` heading")
                    }
                },
            ),
            (None, None) => (start, tr("aucun titre", "no heading").to_string()),
        };
        return Err(shape(place, found));
    }
    if let Some(empty) = guide.sections.iter().find(|s| s.title.is_empty()) {
        let found = match (crate::lang::current(), empty.level) {
            (crate::lang::Lang::Fr, 2) => "un titre `##` vide",
            (crate::lang::Lang::Fr, _) => "un titre `###` vide",
            (_, 2) => "an empty `##` heading",
            _ => "an empty `###` heading",
        };
        return Err(shape(empty.place, found.into()));
    }
    if guide.sections.iter().all(|s| s.blocks.is_empty()) {
        let found = tr(
            "des titres, mais aucun bloc étiqueté dessous",
            "headings, but no labelled block under any of them",
        );
        return Err(shape(guide.sections[0].place, found.into()));
    }
    Ok(())
}

/// The labels named on the command line: `mappings` (`LABEL=KIND`), then those of `file`.
pub fn labels(mappings: &[String], file: Option<&Path>) -> Result<Labels, GuideError> {
    let mut labels = Labels::default();
    for m in mappings {
        labels.add_mapping(m).map_err(GuideError::Labels)?;
    }
    if let Some(file) = file {
        let name = file.display().to_string();
        let text = read_text(file, &name)?;
        labels
            .add_file(&text)
            .map_err(|(line, why)| GuideError::Labels(format!("{name}:{line}: {why}")))?;
    }
    Ok(labels)
}
