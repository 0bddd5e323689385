//! `show`: everything about one entity, and its children.

use std::io::Write;

use serde::Serialize;

use crate::catalogue::{Catalogue, Entity};
use crate::context::{Context, find};
use crate::error::{Error, Outcome, Result};
use crate::output::{self, Format};

/// The formats `show` prints.
pub const FORMATS: &[Format] = &[
    Format::Table,
    Format::Json,
    Format::Ndjson,
    Format::Markdown,
];

/// A child, as `show` lists it.
#[derive(Serialize)]
pub struct Child<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
}

/// The entity object, plus its children.
#[derive(Serialize)]
pub struct Shown<'a> {
    #[serde(flatten)]
    pub entity: &'a Entity,
    pub children: Vec<Child<'a>>,
}

pub fn run(
    context: &Context,
    out: &mut impl Write,
    catalogue: &Catalogue,
    id: &str,
) -> Result<Outcome> {
    let entity = find(catalogue, id)?;
    let shown = Shown {
        entity,
        children: catalogue
            .children(&entity.id)
            .map(|c| Child {
                id: &c.id,
                name: &c.name,
                kind: c.kind.as_str(),
            })
            .collect(),
    };
    let written = match context.format {
        Format::Json => output::write_json(out, &shown),
        Format::Ndjson => output::write_json_line(out, &shown),
        Format::Markdown => output::write_markdown_entity(out, catalogue, entity),
        _ => {
            let children: Vec<&str> = shown.children.iter().map(|c| c.id).collect();
            output::write_table_entity(out, catalogue, entity, &children, &context.style)
        }
    };
    written.map_err(Error::Write)?;
    Ok(Outcome::Answer)
}
