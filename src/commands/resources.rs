//! `resources`: the guides, platforms, datasets and pages of an entity and its children.

use std::io::Write;

use serde::Serialize;

use crate::catalogue::{Catalogue, Entity};
use crate::context::{Context, find};
use crate::error::{Decided, Outcome, Result, decided};
use crate::hash::{FastMap, FastSet};
use crate::output::{Field, Record, kind_label, write_records};

#[derive(Serialize)]
pub struct ResourceRow<'a> {
    pub entity: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub kind: &'static str,
}

impl Record for ResourceRow<'_> {
    fn fields() -> Vec<Field<Self>> {
        vec![
            Field::new("entity", |r| r.entity.into()),
            Field::new("title", |r| r.title.into()),
            Field::new("url", |r| r.url.into()),
            Field::table("kind", |r| kind_label(r.kind).into()),
            Field::flat("kind", |r| r.kind.into()),
        ]
    }
    fn flat_json() -> bool {
        true
    }
}

/// `entity` and everything below it, parents before children: one pass over the catalogue
/// to map each parent to its children, then a walk (linear, even for 32k children).
pub fn subtree<'c>(catalogue: &'c Catalogue, entity: &'c Entity) -> Vec<&'c Entity> {
    let mut children: FastMap<&str, Vec<&Entity>> = FastMap::default();
    for e in &catalogue.entities {
        if let Some(parent) = e.parent.as_deref() {
            children.entry(parent).or_default().push(e);
        }
    }
    let mut seen: FastSet<&str> = FastSet::default();
    seen.insert(&entity.id);
    let mut found = vec![entity];
    let mut next = 0;
    while next < found.len() {
        let id = found[next].id.as_str();
        for &child in children.get(id).map_or(&[][..], Vec::as_slice) {
            if seen.insert(&child.id) {
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
                title: r.title.text(),
                url: &r.url,
                kind: r.kind.as_str(),
            })
        })
        .collect()
}

pub fn run(
    context: &Context,
    out: &mut impl Write,
    catalogue: &Catalogue,
    id: Option<&str>,
) -> Result<Decided> {
    let entities = match id {
        Some(id) => subtree(catalogue, find(catalogue, id)?),
        None => catalogue.entities.iter().collect(),
    };
    decided(
        Outcome::Answer,
        write_records(out, context.format, &rows(&entities), &context.style),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_without_serde_is_serde_s() {
        let catalogue = Catalogue::embedded();
        let all: Vec<&Entity> = catalogue.entities.iter().collect();
        let mut rows = rows(&all);
        assert!(rows.len() > 10);
        rows.push(ResourceRow {
            entity: "x\u{202e}",
            title: "\"titre\"\n\u{7f}\u{85}",
            url: "https://example.org/a\\b",
            kind: "website",
        });
        crate::output::assert_flat_json(&rows);
    }
}
