//! `topics`: every topic the catalogue knows, and who handles it.

use std::io::Write;

use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::context::{Context, find};
use crate::error::{Decided, Outcome, Result, decided};
use crate::output::{Field, Record, write_records};
use crate::text::fold;

#[derive(Serialize, Clone)]
pub struct TopicRow<'a> {
    pub topic: &'a str,
    pub entity: &'a str,
    pub name: &'a str,
}

impl Record for TopicRow<'_> {
    fn fields() -> Vec<Field<Self>> {
        vec![
            Field::new("topic", |r| r.topic.into()),
            Field::new("entity", |r| r.entity.into()),
            Field::new("name", |r| r.name.into()),
        ]
    }
    fn flat_json() -> bool {
        true
    }
}

pub fn run(
    context: &Context,
    out: &mut impl Write,
    catalogue: &Catalogue,
    entity: Option<&str>,
) -> Result<Decided> {
    let only = entity.map(|id| find(catalogue, id)).transpose()?;
    let rows = sorted(
        catalogue
            .entities
            .iter()
            .filter(|e| only.is_none_or(|o| o.id == e.id))
            .flat_map(|e| {
                e.topics.iter().map(move |t| TopicRow {
                    topic: t,
                    entity: &e.id,
                    name: e.display_name(),
                })
            }),
    );
    decided(
        Outcome::Answer,
        write_records(out, context.format, &rows, &context.style),
    )
}

/// Rows ordered by folded topic, then entity; of the rows with the same folded topic and
/// entity, the first in catalogue order. Each row is compared by the first 8 bytes of its
/// folded topic first (one integer comparison, most often enough), then by the rest.
fn sorted<'a>(rows: impl Iterator<Item = TopicRow<'a>>) -> Vec<TopicRow<'a>> {
    let mut keyed: Vec<(u64, String, usize, TopicRow)> = rows
        .enumerate()
        .map(|(order, row)| {
            let folded = fold(row.topic);
            let mut prefix = [0u8; 8];
            let head = &folded.as_bytes()[..folded.len().min(8)];
            prefix[..head.len()].copy_from_slice(head);
            (u64::from_be_bytes(prefix), folded, order, row)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| {
        (a.0.cmp(&b.0))
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.3.entity.cmp(b.3.entity))
            .then(a.2.cmp(&b.2))
    });
    keyed.dedup_by(|later, kept| later.1 == kept.1 && later.3.entity == kept.3.entity);
    keyed.into_iter().map(|(_, _, _, row)| row).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows as `topics` made them before [`sorted`]: a stable sort by folded topic and entity,
    /// then the first of equal rows.
    fn reference<'a>(rows: Vec<TopicRow<'a>>) -> Vec<TopicRow<'a>> {
        let mut rows: Vec<(String, TopicRow)> =
            rows.into_iter().map(|r| (fold(r.topic), r)).collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.entity.cmp(b.1.entity)));
        rows.dedup_by(|a, b| a.0 == b.0 && a.1.entity == b.1.entity);
        rows.into_iter().map(|(_, r)| r).collect()
    }

    fn row<'a>(topic: &'a str, entity: &'a str) -> TopicRow<'a> {
        TopicRow {
            topic,
            entity,
            name: entity,
        }
    }

    #[test]
    fn sorted_as_a_stable_sort_would() {
        let catalogue = Catalogue::embedded();
        let mut rows: Vec<TopicRow> = (catalogue.entities.iter())
            .flat_map(|e| {
                e.topics.iter().map(move |t| TopicRow {
                    topic: t,
                    entity: &e.id,
                    name: e.display_name(),
                })
            })
            .collect();
        // Ties on the 8-byte prefix, on the folded topic (the first written is kept), a NUL
        // byte, and the same topic for two entities.
        for (topic, entity) in [
            ("données ouvertes", "b"),
            ("Données ouvertes", "b"),
            ("donnees ouvertes", "a"),
            ("donnees", "a"),
            ("donnees\0", "a"),
            ("DONNÉES OUVERTES", "b"),
            ("", "a"),
        ] {
            rows.push(row(topic, entity));
        }
        let key = |rows: &[TopicRow]| -> Vec<(String, String)> {
            (rows.iter())
                .map(|r| (r.topic.to_string(), r.entity.to_string()))
                .collect()
        };
        let expected = reference(rows.clone());
        let got = sorted(rows.into_iter());
        assert_eq!(key(&got), key(&expected));
        assert!(key(&got).contains(&("données ouvertes".into(), "b".into())));
        crate::output::assert_flat_json(&got);
    }
}
