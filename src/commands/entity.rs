//! An entity as the machine formats print it: one shape, every field present (`null` for an
//! absent value, `[]` for an empty list), so that `jq '.facts[]'` never meets a null.

use serde::Serialize;

use crate::catalogue::model::{Contact, Resource};
use crate::catalogue::{Catalogue, Entity};
use crate::lang::Text;

/// One way to reach an entity.
#[derive(Serialize)]
pub struct ContactRecord<'a> {
    /// `email`, `url`, `phone` or `chat`.
    pub kind: &'static str,
    pub value: &'a str,
    /// What it is, for people, else null.
    pub label: Option<&'a str>,
}

impl<'a> From<&'a Contact> for ContactRecord<'a> {
    fn from(c: &'a Contact) -> Self {
        ContactRecord {
            kind: c.kind.as_str(),
            value: &c.value,
            label: Some(c.label.trim()).filter(|l| !l.is_empty()),
        }
    }
}

impl ContactRecord<'_> {
    /// Contacts in one cell of a flat format: `kind:value`, separated by `; `.
    pub fn cell(contacts: &[ContactRecord]) -> String {
        let each: Vec<String> = contacts
            .iter()
            .map(|c| format!("{}:{}", c.kind, c.value))
            .collect();
        each.join("; ")
    }
}

/// A child, as `show` lists it.
#[derive(Serialize)]
pub struct Child<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
}

/// Everything about one entity, and its children.
#[derive(Serialize)]
pub struct EntityRecord<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub short_name: Option<&'a str>,
    pub aliases: Vec<&'a str>,
    pub kind: &'static str,
    pub parent: Option<&'a str>,
    pub url: Option<&'a str>,
    pub summary: &'a Text,
    pub services: &'a [Text],
    pub resources: &'a [Resource],
    pub facts: Vec<&'a str>,
    pub topics: Vec<&'a str>,
    pub needs: Vec<&'a str>,
    pub related: Vec<&'a str>,
    pub contacts: Vec<ContactRecord<'a>>,
    pub source: &'a str,
    pub children: Vec<Child<'a>>,
}

impl<'a> EntityRecord<'a> {
    pub fn new(catalogue: &'a Catalogue, entity: &'a Entity) -> Self {
        let strs = |list: &'a [crate::shared::S]| list.iter().map(|s| s.as_str()).collect();
        EntityRecord {
            id: &entity.id,
            name: &entity.name,
            short_name: entity.short_name.as_deref(),
            aliases: strs(&entity.aliases),
            kind: entity.kind.as_str(),
            parent: entity.parent.as_deref(),
            url: entity.url.as_deref(),
            summary: &entity.summary,
            services: &entity.services,
            resources: &entity.resources,
            facts: strs(&entity.facts),
            topics: strs(&entity.topics),
            needs: strs(&entity.needs),
            related: strs(&entity.related),
            contacts: entity.contacts.iter().map(ContactRecord::from).collect(),
            source: &entity.source,
            children: catalogue
                .children(&entity.id)
                .map(|c| Child {
                    id: &c.id,
                    name: &c.name,
                    kind: c.kind.as_str(),
                })
                .collect(),
        }
    }
}
