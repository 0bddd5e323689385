//! `list`: every entity, one a row.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use crate::catalogue::{Catalogue, Entity, Kind};
use crate::context::{Context, find};
use crate::error::{Decided, Outcome, Result, decided};
use crate::output::{Field, Record, kind_label, write_records};

#[derive(Serialize)]
pub struct EntityRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    pub parent: Option<&'a str>,
    pub summary: &'a str,
}

impl<'a> From<&'a Entity> for EntityRow<'a> {
    fn from(e: &'a Entity) -> Self {
        EntityRow {
            id: &e.id,
            name: &e.name,
            kind: e.kind.as_str(),
            parent: e.parent.as_deref(),
            summary: e.summary.text(),
        }
    }
}

impl Record for EntityRow<'_> {
    fn fields() -> Vec<Field<Self>> {
        vec![
            Field::new("id", |r| r.id.into()),
            // A table reads better with the kind before the name, in the reader's words.
            Field::table("kind", |r| kind_label(r.kind).into()),
            Field::new("name", |r| r.name.into()),
            Field::flat("kind", |r| Cow::Borrowed(r.kind)),
            Field::new("parent", |r| r.parent.unwrap_or("").into()),
            Field::flat("summary", |r| r.summary.into()),
        ]
    }
}

pub fn run(
    context: &Context,
    out: &mut impl Write,
    catalogue: &Catalogue,
    kind: Option<Kind>,
    parent: Option<&str>,
) -> Result<Decided> {
    let parent = parent.map(|p| find(catalogue, p)).transpose()?;
    let rows: Vec<EntityRow> = catalogue
        .entities
        .iter()
        .filter(|e| kind.is_none_or(|k| e.kind == k))
        .filter(|e| parent.is_none_or(|p| e.parent.as_deref() == Some(p.id.as_str())))
        .map(EntityRow::from)
        .collect();
    decided(
        Outcome::Answer,
        write_records(out, context.format, &rows, &context.style),
    )
}
