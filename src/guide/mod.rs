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

use std::io;
use std::path::Path;

use thiserror::Error;

use crate::files::{self, FileKind};
use crate::lang::tr;

use facts::{LeftOut, Skipped};
pub use labels::Labels;
pub use parse::{Guide, Place};

pub use crate::files::MAX_GUIDE_SIZE;

/// Why a file gives no chapter.
#[derive(Debug, Error)]
pub enum GuideError {
    /// Missing, a directory, not a regular file, too large, unreadable.
    #[error("{file}: {why}")]
    Unreadable { file: String, why: String },

    /// Not UTF-8: where the first bad byte is, and what the file should have been.
    #[error("{file}:{line}:{column}: {why}")]
    NotUtf8 {
        file: String,
        line: usize,
        column: usize,
        why: String,
    },

    /// Markdown, but not shaped like the guide's chapter.
    #[error("{file}:{}:{}: {found}{} {}", .place.line, .place.column, tr(" ;", ";"), expected())]
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
    let text = read_text(path, &name, FileKind::Chapter)?;
    let guide = parse::parse(&text, labels);
    check(&guide, &name)?;
    Ok(Chapter { name, guide })
}

/// The text of `path` (`-`: standard input), read as `kind` by the one reader of every file.
fn read_text(path: &Path, name: &str, kind: FileKind) -> Result<String, GuideError> {
    let read = if path == Path::new("-") {
        files::read_stream(io::stdin().lock(), kind)
    } else {
        files::read_text(path, kind)
    };
    read.map_err(|failure| match failure.position {
        Some((line, column)) => GuideError::NotUtf8 {
            file: name.to_string(),
            line,
            column,
            why: failure.message,
        },
        None => GuideError::Unreadable {
            file: name.to_string(),
            why: failure.message,
        },
    })
}

/// The warnings a chapter named `name` gives, in its order: labels none know (`--label`
/// names them), and what the catalogue made of it leaves out (`skipped`). A warning is no
/// error: the status stays the command's.
pub fn warnings(name: &str, guide: &Guide, skipped: &[Skipped]) -> Vec<String> {
    let fr = crate::lang::current() == crate::lang::Lang::Fr;
    let labels = guide.unknown_labels.iter().map(|(label, place)| {
        let kind = label.trim_end_matches(|c: char| c == ':' || c.is_whitespace());
        let option = format!("--label '{}=contacts'", kind.replace('\'', r"'\''"));
        let text = match fr {
            true => format!(
                "étiquette «{label}» inconnue : son bloc est lu avec ce qui le précède ; dites ce qu'il contient avec {option} (ou services, resources)"
            ),
            false => format!(
                "unknown label «{label}»: its block is read with what comes before it; say what it holds with {option} (or services, resources)"
            ),
        };
        (*place, text)
    });
    let left_out = skipped.iter().map(|s| {
        let (what, why) = match s.why {
            LeftOut::Link => (
                tr("lien ou contact", "link or contact"),
                tr(
                    "laissé de côté : pas une adresse http(s), mailto:, tel:, ni un contact valide",
                    "left out: not a valid http(s), mailto: or tel: address, nor a valid contact",
                ),
            ),
            LeftOut::Contact => (
                "contact",
                tr(
                    "laissé de côté : ni une adresse électronique, ni un lien http(s), ni un numéro de téléphone, ni un salon Matrix (#salon:serveur), ni un pseudonyme (@nom)",
                    "left out: not an e-mail address, http(s) link, phone number, Matrix room (#room:server) or handle (@name)",
                ),
            ),
            LeftOut::Words => (
                tr("mots", "words"),
                tr(
                    "d'une ligne Contact laissés de côté : aucun contact ne les suit (les mots avant un contact sont son libellé)",
                    "of a Contact line left out: no contact follows them (the words before a contact are its label)",
                ),
            ),
        };
        (s.place, format!("{what} {:?} {why}", s.value))
    });
    let mut all: Vec<(Place, String)> = labels.chain(left_out).collect();
    all.sort_by_key(|(place, _)| (place.line, place.column));
    all.into_iter()
        .map(|(place, text)| format!("{name}:{}:{}: {text}", place.line, place.column))
        .collect()
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
        let text = read_text(file, &name, FileKind::Labels)?;
        labels
            .add_file(&text)
            .map_err(|(line, why)| GuideError::Labels(format!("{name}:{line}: {why}")))?;
    }
    Ok(labels)
}
