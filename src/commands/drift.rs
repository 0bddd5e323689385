//! `drift GUIDE.md`: where the catalogue in use and a guide disagree. Exit status 0 when they
//! agree, 1 when they do not.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::context::{Context, warn};
use crate::error::{Decided, Outcome, Result, decided};
use crate::guide::cite::last_heading;
use crate::guide::drift::{Difference, Kind, drift};
use crate::guide::{self, Labels};
use crate::lang::{Lang, current, tr};
use crate::output::{Field, Format, Record, write_records};

#[derive(Serialize)]
pub struct DriftRow<'a> {
    pub kind: &'static str,
    pub entity: Vec<&'a str>,
    pub route: Vec<&'a str>,
    pub section: &'a str,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub value: &'a str,
    pub other: Option<&'a str>,
    pub other_line: Option<u32>,
    pub message: String,
    #[serde(skip)]
    what: &'static str,
}

fn number(n: Option<u32>) -> Cow<'static, str> {
    n.map(|n| n.to_string()).unwrap_or_default().into()
}

impl Record for DriftRow<'_> {
    fn fields() -> Vec<Field<Self>> {
        vec![
            Field::new("line", |r| number(r.line)),
            Field::table("kind", |r| r.what.into()),
            Field::flat("kind", |r| r.kind.into()),
            Field::table("entity", |r| {
                let routes = r.route.iter().map(|id| format!("route {id}"));
                let all: Vec<String> = r
                    .entity
                    .iter()
                    .map(|s| s.to_string())
                    .chain(routes)
                    .collect();
                all.join(", ").into()
            }),
            Field::flat("entity", |r| r.entity.join(",").into()),
            Field::flat("route", |r| r.route.join(",").into()),
            Field::flat("section", |r| r.section.into()),
            Field::flat("column", |r| number(r.column)),
            Field::flat("value", |r| r.value.into()),
            Field::flat("other", |r| r.other.unwrap_or("").into()),
            Field::flat("other_line", |r| number(r.other_line)),
            Field::new("message", |r| r.message.as_str().into()),
        ]
    }

    fn table_separated() -> bool {
        true
    }
}

/// The kind, for people.
fn what(kind: Kind) -> &'static str {
    match kind {
        Kind::SectionUncited => tr("section non citée", "uncited section"),
        Kind::SectionMissing => tr("titre disparu", "missing heading"),
        Kind::UrlAdded => tr("adresse ajoutée", "URL added"),
        Kind::UrlRemoved => tr("adresse retirée", "URL removed"),
        Kind::UrlMoved => tr("adresse déplacée", "URL moved"),
        Kind::ServiceAdded => tr("service ajouté", "service added"),
        Kind::ServiceRemoved => tr("service retiré", "service removed"),
        Kind::ContactMissing => tr("contact absent", "contact missing"),
    }
}

/// What a difference means, in a sentence.
fn message(d: &Difference) -> String {
    let fr = current() == Lang::Fr;
    let v = &d.value;
    let heading = last_heading(&d.section);
    let line = |place: Option<guide::Place>| {
        place.map_or_else(String::new, |p| {
            format!(" ({} {})", tr("ligne", "line"), p.line)
        })
    };
    match d.kind {
        Kind::SectionUncited => {
            let [s, u, c] = d.counts.unwrap_or_default();
            match fr {
                true => format!(
                    "aucune entité ne cite «{heading}» ({s} services, {u} adresses, {c} contacts)"
                ),
                false => {
                    format!("no entity cites «{heading}» ({s} services, {u} URLs, {c} contacts)")
                }
            }
        }
        Kind::SectionMissing => {
            let likely = d.other.as_deref().map(last_heading);
            match (fr, likely) {
                (true, Some(l)) => format!(
                    "cite «{v}», absent du guide ; sans doute devenu «{l}»{}",
                    line(d.other_place)
                ),
                (true, None) => {
                    format!("cite «{v}», absent du guide ; aucun titre ne lui ressemble")
                }
                (false, Some(l)) => format!(
                    "cites «{v}», which the guide does not have; most likely now «{l}»{}",
                    line(d.other_place)
                ),
                (false, None) => {
                    format!("cites «{v}», which the guide does not have; no heading is like it")
                }
            }
        }
        Kind::UrlAdded => match fr {
            true => format!("{v} : dans «{heading}», pas dans le catalogue"),
            false => format!("{v}: in «{heading}», not in the catalogue"),
        },
        Kind::UrlRemoved if d.section.is_empty() => match fr {
            true => format!("{v} : dans le catalogue, pas dans le guide"),
            false => format!("{v}: in the catalogue, not in the guide"),
        },
        Kind::UrlRemoved => match fr {
            true => format!("{v} : dans le catalogue, plus dans «{heading}»"),
            false => format!("{v}: in the catalogue, no longer in «{heading}»"),
        },
        Kind::UrlMoved => {
            let other = d.other.as_deref().map_or("", last_heading);
            match fr {
                true => format!("{v} : le guide la donne dans «{other}», plus dans «{heading}»"),
                false => format!("{v}: the guide gives it in «{other}», no longer in «{heading}»"),
            }
        }
        Kind::ServiceAdded => match fr {
            true => format!("«{v}» : ce service de «{heading}» manque au catalogue"),
            false => format!("«{v}»: this service of «{heading}» is not in the catalogue"),
        },
        Kind::ServiceRemoved => match fr {
            true => format!("«{v}» : «{heading}» ne le dit plus"),
            false => format!("«{v}»: «{heading}» no longer says so"),
        },
        Kind::ContactMissing => match fr {
            true => format!("{v} : contact de «{heading}» absent du catalogue"),
            false => format!("{v}: a contact of «{heading}» the catalogue lacks"),
        },
    }
}

pub fn run(
    context: &Context,
    out: &mut impl Write,
    catalogue: &Catalogue,
    path: &Path,
    labels: &Labels,
) -> Result<Decided> {
    let chapter = guide::read(path, labels)?;
    let (differences, skipped) = drift(catalogue, &chapter.guide);
    for warning in guide::warnings(&chapter.name, &chapter.guide, &skipped) {
        warn(&warning);
    }
    let rows: Vec<DriftRow> = differences
        .iter()
        .map(|d| DriftRow {
            kind: d.kind.as_str(),
            entity: d.entities.iter().map(String::as_str).collect(),
            route: d.routes.iter().map(String::as_str).collect(),
            section: &d.section,
            line: d.place.map(|p| p.line),
            column: d.place.map(|p| p.column),
            value: &d.value,
            other: d.other.as_deref(),
            other_line: d.other_place.map(|p| p.line),
            message: message(d),
            what: what(d.kind),
        })
        .collect();
    let outcome = if rows.is_empty() {
        Outcome::Answer
    } else {
        Outcome::NothingMatched
    };
    // A table of nothing is no table; the formats for scripts say "nothing" their way. A
    // reader that leaves early does not make the drift go away: the outcome is decided.
    let written = if rows.is_empty() && context.format == Format::Table {
        Ok(())
    } else {
        write_records(out, context.format, &rows, &context.style)
    }
    .and_then(|()| out.flush());
    let (n, sections, entities) = (
        rows.len(),
        chapter.guide.sections.len(),
        catalogue.entities.len(),
    );
    let (what, compared) = match (current(), n) {
        (Lang::Fr, 0) => ("aucune dérive".to_string(), "entités comparées"),
        (Lang::Fr, _) => (format!("{n} différence(s)"), "entités comparées"),
        (Lang::En, 0) => ("no drift".to_string(), "entities compared"),
        (Lang::En, _) => (format!("{n} difference(s)"), "entities compared"),
    };
    let name = &chapter.name;
    let colon = tr(" :", ":");
    warn(&format!(
        "{name}{colon} {what} ({sections} sections, {entities} {compared})"
    ));
    decided(outcome, written)
}
