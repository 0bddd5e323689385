//! `list`: every entity, one a row.

use std::io::Write;

use serde::Serialize;

use crate::app::{Context, find};
use crate::catalogue::{Entity, Kind};
use crate::error::{EXIT_OK, Result};
use crate::output::{Record, write_records};

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
            summary: &e.summary,
        }
    }
}

impl Record for EntityRow<'_> {
    fn columns() -> &'static [&'static str] {
        &["id", "name", "kind", "parent", "summary"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.name.to_string(),
            self.kind.to_string(),
            self.parent.unwrap_or("").to_string(),
            self.summary.to_string(),
        ]
    }
    fn table_columns() -> &'static [&'static str] {
        &["id", "kind", "name", "parent"]
    }
    fn table_cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.kind.to_string(),
            self.name.to_string(),
            self.parent.unwrap_or("").to_string(),
        ]
    }
}

pub fn run(
    context: &Context,
    out: &mut impl Write,
    kind: Option<Kind>,
    parent: Option<&str>,
) -> Result<u8> {
    let loaded = context.load()?;
    let catalogue = &loaded.catalogue;
    let parent = parent.map(|p| find(catalogue, p)).transpose()?;
    let rows: Vec<EntityRow> = catalogue
        .entities
        .iter()
        .filter(|e| kind.is_none_or(|k| e.kind == k))
        .filter(|e| parent.is_none_or(|p| e.parent.as_deref() == Some(p.id.as_str())))
        .map(EntityRow::from)
        .collect();
    write_records(out, context.format, &rows, &context.style)?;
    Ok(EXIT_OK)
}
