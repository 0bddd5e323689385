//! `show`: everything about one entity, and its children.

use std::io::Write;

use crate::catalogue::Catalogue;
use crate::commands::entity::EntityRecord;
use crate::context::{Context, find};
use crate::error::{Decided, Outcome, Result, decided};
use crate::output::{self, Format};

/// The formats `show` prints.
pub const FORMATS: &[Format] = &[
    Format::Table,
    Format::Json,
    Format::Ndjson,
    Format::Markdown,
];

pub fn run(
    context: &Context,
    out: &mut impl Write,
    catalogue: &Catalogue,
    id: &str,
) -> Result<Decided> {
    let entity = find(catalogue, id)?;
    let shown = EntityRecord::new(catalogue, entity);
    let parent = || entity.parent.as_deref().and_then(|p| catalogue.find(p));
    let written = match context.format {
        Format::Json => output::write_json(out, &shown),
        Format::Ndjson => output::write_json_line(out, &shown),
        Format::Markdown => output::write_markdown_entity(out, parent(), entity),
        _ => {
            let children: Vec<&str> = shown.children.iter().map(|c| c.id).collect();
            output::write_table_entity(out, catalogue, entity, &children, &context.style)
        }
    };
    decided(Outcome::Answer, written)
}
