//! `show`: everything about one entity, and its children.

use std::io::Write;

use serde::Serialize;

use crate::app::{Context, find};
use crate::catalogue::Entity;
use crate::commands::checklist;
use crate::error::{EXIT_OK, Result};
use crate::output::{Format, kv_table, write_json};

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

pub fn run(context: &Context, out: &mut impl Write, id: &str) -> Result<u8> {
    context.only_formats(
        "show",
        &[
            Format::Table,
            Format::Json,
            Format::Ndjson,
            Format::Markdown,
        ],
    )?;
    let loaded = context.load()?;
    let catalogue = &loaded.catalogue;
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
    match context.format {
        Format::Json => write_json(out, &shown)?,
        Format::Ndjson => {
            crate::output::write_json_line(out, &shown)?;
        }
        Format::Markdown => checklist::write_section(out, catalogue, entity)?,
        _ => {
            let parent = entity.parent.as_deref().map(|p| {
                let name = catalogue.find(p).map_or("", |e| e.display_name());
                format!("{p} ({name})")
            });
            let bullets = |items: &mut dyn Iterator<Item = String>| -> String {
                items
                    .map(|s| format!("• {s}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let text =
                |s: &Option<crate::catalogue::model::S>| s.as_deref().unwrap_or("").to_string();
            let rows = [
                ("id", entity.id.to_string()),
                ("name", entity.name.to_string()),
                ("short name", text(&entity.short_name)),
                ("aliases", entity.aliases.join(", ")),
                ("kind", entity.kind.as_str().to_string()),
                ("parent", parent.unwrap_or_default()),
                ("url", text(&entity.url)),
                ("summary", entity.summary.to_string()),
                (
                    "services",
                    bullets(&mut entity.services.iter().map(|s| s.to_string())),
                ),
                (
                    "resources",
                    bullets(
                        &mut entity
                            .resources
                            .iter()
                            .map(|r| format!("{} ({}): {}", r.title, r.kind.as_str(), r.url)),
                    ),
                ),
                (
                    "facts",
                    bullets(&mut entity.facts.iter().map(|s| s.to_string())),
                ),
                (
                    "children",
                    shown
                        .children
                        .iter()
                        .map(|c| c.id)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                ("related", entity.related.join(", ")),
                ("topics", entity.topics.join(", ")),
                ("source", entity.source.to_string()),
            ];
            kv_table(out, &rows, &context.style)?;
        }
    }
    Ok(EXIT_OK)
}
