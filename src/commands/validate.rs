//! `validate`: checks catalogue and overlay files, reporting every problem with its place.
//!
//! The files are checked as loading would load them, by the same loader: over the base
//! catalogue (the embedded one, or `--catalogue`) and the `--overlay` files named, in order, so
//! that `validate` says 0 problems exactly when `--overlay FILE…` loads. `--standalone` checks
//! each file on its own as a whole catalogue instead.

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::catalogue::patch::Effect;
use crate::catalogue::stack::FileEffects;
use crate::catalogue::{Problem, Report, check};
use crate::context::Context;
use crate::error::{Decided, Outcome, Result, decided};
use crate::lang::tr;
use crate::output::{Field, Format, Record, write_records};

#[derive(Serialize)]
pub struct ProblemRow<'a> {
    pub file: &'a str,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub place: &'a str,
    pub message: &'a str,
}

/// A number, or an empty cell.
fn number(n: Option<usize>) -> Cow<'static, str> {
    n.map(|n| n.to_string()).unwrap_or_default().into()
}

impl Record for ProblemRow<'_> {
    fn fields() -> Vec<Field<Self>> {
        vec![
            Field::new("file", |r| r.file.into()),
            Field::new("line", |r| number(r.line)),
            Field::new("column", |r| number(r.column)),
            Field::new("place", |r| r.place.into()),
            Field::new("message", |r| r.message.into()),
        ]
    }
}

/// What to check: `overlays` (which end with `files`) as loading would load them over `base`,
/// or each file on its own as a whole catalogue (`standalone`).
pub struct Request<'a> {
    pub base: Option<&'a Path>,
    pub overlays: &'a [PathBuf],
    pub files: &'a [PathBuf],
    pub standalone: bool,
}

pub fn run(context: &Context, out: &mut impl Write, request: &Request) -> Result<Decided> {
    let files = request.files;
    let Report {
        problems,
        unreadable,
        effects,
    } = if request.standalone {
        let mut all = Report::default();
        for path in files {
            let (_, report) = check(Some(path), &[] as &[&Path]);
            all.problems.extend(report.problems);
            all.unreadable |= report.unreadable;
        }
        all
    } else {
        check(request.base, request.overlays).1
    };
    let outcome = if unreadable {
        Outcome::Failure
    } else if problems.is_empty() {
        Outcome::Answer
    } else {
        Outcome::NothingMatched
    };
    let written = write(context, out, &problems);
    if written.is_err() {
        return decided(outcome, written);
    }
    // What each of the named files does to the catalogue (the overlays named before them
    // are the ground they stand on, not what was asked about).
    let skip = effects.len().saturating_sub(files.len());
    for effects in effects.iter().skip(skip) {
        crate::context::warn(&describe(effects));
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let (f, p) = (files.len(), problems.len());
    crate::context::warn(&match crate::lang::current() {
        crate::lang::Lang::Fr => format!(
            "{f} fichier{} vérifié{}, {p} problème{}",
            plural(f),
            plural(f),
            // French counts zero in the singular.
            plural(p.max(1))
        ),
        crate::lang::Lang::En => format!("{f} file{} checked, {p} problem{}", plural(f), plural(p)),
    });
    decided(outcome, written)
}

/// What a file does to the catalogue, e.g. `overlay.json: adds 1 entity (team-x); patches 1
/// entity (amdac); adds 1 route (inventaire)`.
fn describe(effects: &FileEffects) -> String {
    let fr = crate::lang::current() == crate::lang::Lang::Fr;
    let noun = |route: bool, n: usize| match (fr, route, n) {
        (true, false, 1) => "entité",
        (true, false, _) => "entités",
        (false, false, 1) => "entity",
        (false, false, _) => "entities",
        (_, true, 1) => "route",
        (_, true, _) => "routes",
    };
    let lists = [(false, &effects.entities), (true, &effects.routes)];
    let parts: Vec<String> = lists
        .into_iter()
        .flat_map(|(route, list)| {
            [Effect::Adds, Effect::Patches, Effect::Replaces]
                .into_iter()
                .filter_map(move |effect| {
                    let ids: Vec<&str> = list
                        .iter()
                        .filter(|(_, e)| *e == effect)
                        .map(|(id, _)| id.as_str())
                        .collect();
                    (!ids.is_empty()).then(|| {
                        let verb = match effect {
                            Effect::Adds => tr("ajoute", "adds"),
                            Effect::Patches => tr("complète", "patches"),
                            Effect::Replaces => tr("remplace", "replaces"),
                        };
                        let n = ids.len();
                        format!("{verb} {n} {} ({})", noun(route, n), ids.join(", "))
                    })
                })
        })
        .collect();
    let file = crate::output::sanitise(&effects.file);
    if parts.is_empty() {
        format!("{file}: {}", tr("aucune entité", "no entities"))
    } else {
        format!("{file}: {}", parts.join("; "))
    }
}

/// The problems: for people, one `file:line:column: place: message` line each, as compilers
/// report; else records. Flushed, so that the summary on stderr comes after them.
fn write(context: &Context, out: &mut impl Write, problems: &[Problem]) -> std::io::Result<()> {
    if context.format == Format::Table {
        for problem in problems {
            writeln!(out, "{}", crate::output::sanitise(&problem.to_string()))?;
        }
    } else {
        let rows: Vec<ProblemRow> = problems
            .iter()
            .map(|p| ProblemRow {
                file: &p.file,
                line: p.position.map(|p| p.0),
                column: p.position.map(|p| p.1),
                place: &p.place,
                message: &p.message,
            })
            .collect();
        write_records(out, context.format, &rows, &context.style)?;
    }
    out.flush()
}
