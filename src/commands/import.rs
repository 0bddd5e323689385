//! `import GUIDE.md`: a catalogue made from a chapter shaped like the guide's (JSON); other
//! formats list its entities, for a look before using it.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::catalogue::Entity;
use crate::context::{Context, warn};
use crate::error::{Decided, Error, Outcome, Result, decided};
use crate::guide::{self, Labels, import::import};
use crate::lang::tr;
use crate::output::{Field, Format, Record, write_json, write_records};

#[derive(Serialize)]
pub struct ImportRow<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub name: &'a str,
    pub parent: Option<&'a str>,
    pub services: usize,
    pub resources: usize,
    pub contacts: usize,
    pub line: Option<u32>,
}

impl<'a> From<&'a Entity> for ImportRow<'a> {
    fn from(e: &'a Entity) -> Self {
        ImportRow {
            id: &e.id,
            kind: e.kind.as_str(),
            name: &e.name,
            parent: e.parent.as_deref(),
            services: e.services.len(),
            resources: e.resources.len(),
            contacts: e.contacts.len(),
            line: e.source_lines.as_ref().map(|l| l.heading),
        }
    }
}

impl Record for ImportRow<'_> {
    fn fields() -> Vec<Field<Self>> {
        vec![
            Field::new("line", |r| {
                r.line.map(|l| l.to_string()).unwrap_or_default().into()
            }),
            Field::new("id", |r| r.id.into()),
            Field::new("kind", |r| r.kind.into()),
            Field::new("name", |r| r.name.into()),
            Field::new("parent", |r| r.parent.unwrap_or("").into()),
            Field::new("services", |r| Cow::Owned(r.services.to_string())),
            Field::new("resources", |r| Cow::Owned(r.resources.to_string())),
            Field::new("contacts", |r| Cow::Owned(r.contacts.to_string())),
        ]
    }
}

pub fn run(
    context: &Context,
    out: &mut impl Write,
    path: &Path,
    labels: &Labels,
) -> Result<Decided> {
    let chapter = guide::read(path, labels)?;
    let (catalogue, skipped) = import(&chapter.guide, &chapter.name);
    for warning in guide::warnings(&chapter.name, &chapter.guide, &skipped) {
        warn(&warning);
    }
    // What import writes must load: a problem here is a bug, said as one.
    let text = serde_json::to_string(&catalogue).map_err(|e| Error::Write(e.into()))?;
    let (_, report) = crate::catalogue::load::check_text(&chapter.name, text);
    if let Some(p) = report.problems.first() {
        return Err(Error::Usage(format!(
            "{}: {} ({}: {})",
            chapter.name,
            tr(
                "le catalogue importé n'est pas valide, une erreur d'ecosys",
                "the imported catalogue is not valid, a bug of ecosys"
            ),
            p.place,
            p.message
        )));
    }
    let written = if context.format == Format::Json {
        write_json(out, &catalogue)
    } else {
        let rows: Vec<ImportRow> = catalogue.entities.iter().map(ImportRow::from).collect();
        write_records(out, context.format, &rows, &context.style)
    }
    .and_then(|()| out.flush());
    let count = |kind| catalogue.entities.iter().filter(|e| e.kind == kind).count();
    let urls: usize = catalogue.entities.iter().map(|e| e.resources.len()).sum();
    let contacts: usize = catalogue.entities.iter().map(|e| e.contacts.len()).sum();
    let (orgs, teams) = (
        count(crate::catalogue::Kind::Organisation),
        count(crate::catalogue::Kind::Team),
    );
    warn(&match crate::lang::current() {
        crate::lang::Lang::Fr => format!(
            "{} : {orgs} organisation(s), {teams} équipe(s), {urls} adresse(s), {contacts} contact(s)",
            chapter.name
        ),
        crate::lang::Lang::En => format!(
            "{}: {orgs} organisation(s), {teams} team(s), {urls} URL(s), {contacts} contact(s)",
            chapter.name
        ),
    });
    decided(Outcome::Answer, written)
}
