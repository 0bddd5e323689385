//! `resources`: the guides, platforms, datasets and pages of an entity and its children.

use std::io::Write;

use serde::Serialize;

use crate::app::{Context, find};
use crate::catalogue::{Catalogue, Entity};
use crate::error::{EXIT_OK, Result};
use crate::output::{Record, write_records};

#[derive(Serialize)]
pub struct ResourceRow<'a> {
    pub entity: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub kind: &'static str,
}

impl Record for ResourceRow<'_> {
    fn columns() -> &'static [&'static str] {
        &["entity", "title", "url", "kind"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.entity.to_string(),
            self.title.to_string(),
            self.url.to_string(),
            self.kind.to_string(),
        ]
    }
}

/// `entity` and everything below it, parents before children.
pub fn subtree<'c>(catalogue: &'c Catalogue, entity: &'c Entity) -> Vec<&'c Entity> {
    let mut found = vec![entity];
    let mut next = 0;
    while next < found.len() {
        let id = found[next].id.as_str();
        for child in catalogue.children(id) {
            if !found.iter().any(|e| e.id == child.id) {
                found.push(child);
            }
        }
        next += 1;
    }
    found
}

pub fn rows<'c>(entities: &[&'c Entity]) -> Vec<ResourceRow<'c>> {
    entities
        .iter()
        .flat_map(|e| {
            e.resources.iter().map(move |r| ResourceRow {
                entity: &e.id,
                title: &r.title,
                url: &r.url,
                kind: r.kind.as_str(),
            })
        })
        .collect()
}

pub fn run(context: &Context, out: &mut impl Write, id: Option<&str>) -> Result<u8> {
    let loaded = context.load()?;
    let catalogue = &loaded.catalogue;
    let entities = match id {
        Some(id) => subtree(catalogue, find(catalogue, id)?),
        None => catalogue.entities.iter().collect(),
    };
    write_records(out, context.format, &rows(&entities), &context.style)?;
    Ok(EXIT_OK)
}
