//! `topics`: every topic the catalogue knows, and who handles it.

use std::io::Write;

use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::context::{Context, find};
use crate::error::{Decided, Outcome, Result, decided};
use crate::output::{Field, Record, write_records};
use crate::text::fold;

#[derive(Serialize)]
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
}

pub fn run(
    context: &Context,
    out: &mut impl Write,
    catalogue: &Catalogue,
    entity: Option<&str>,
) -> Result<Decided> {
    let only = entity.map(|id| find(catalogue, id)).transpose()?;
    let mut rows: Vec<(String, TopicRow)> = catalogue
        .entities
        .iter()
        .filter(|e| only.is_none_or(|o| o.id == e.id))
        .flat_map(|e| {
            e.topics.iter().map(move |t| {
                let row = TopicRow {
                    topic: t,
                    entity: &e.id,
                    name: e.display_name(),
                };
                (fold(t), row)
            })
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.entity.cmp(b.1.entity)));
    rows.dedup_by(|a, b| a.0 == b.0 && a.1.entity == b.1.entity);
    let rows: Vec<TopicRow> = rows.into_iter().map(|(_, r)| r).collect();
    decided(
        Outcome::Answer,
        write_records(out, context.format, &rows, &context.style),
    )
}
