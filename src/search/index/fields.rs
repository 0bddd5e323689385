//! The texts of an entity that search reads, and how much each kind counts.

use crate::catalogue::Entity;
use crate::catalogue::model::{S, Text};

/// Which text of an entity a word comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldRef {
    Name,
    ShortName,
    Alias(u16),
    Topic(u16),
    Service(u16),
    Need(u16),
    Resource(u16),
    Summary,
    Fact(u16),
    /// The English of a service, a resource title or the summary, when the catalogue has it.
    ServiceEn(u16),
    ResourceEn(u16),
    SummaryEn,
}

/// Fields grouped by how much a match in them counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    Topic,
    Service,
    Need,
    Resource,
    Summary,
    Fact,
}

impl Field {
    /// Every field, in order.
    pub const ALL: [Field; 7] = [
        Field::Name,
        Field::Topic,
        Field::Service,
        Field::Need,
        Field::Resource,
        Field::Summary,
        Field::Fact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Topic => "topic",
            Field::Service => "service",
            Field::Need => "need",
            Field::Resource => "resource",
            Field::Summary => "summary",
            Field::Fact => "fact",
        }
    }
}

impl FieldRef {
    pub fn field(self) -> Field {
        match self {
            FieldRef::Name | FieldRef::ShortName | FieldRef::Alias(_) => Field::Name,
            FieldRef::Topic(_) => Field::Topic,
            FieldRef::Service(_) | FieldRef::ServiceEn(_) => Field::Service,
            FieldRef::Need(_) => Field::Need,
            FieldRef::Resource(_) | FieldRef::ResourceEn(_) => Field::Resource,
            FieldRef::Summary | FieldRef::SummaryEn => Field::Summary,
            FieldRef::Fact(_) => Field::Fact,
        }
    }

    /// The text this field holds in `entity`.
    pub fn text(self, entity: &Entity) -> &str {
        fn at(list: &[S], i: u16) -> &str {
            list.get(i as usize).map_or("", S::as_str)
        }
        match self {
            FieldRef::Name => &entity.name,
            FieldRef::ShortName => entity.short_name.as_deref().unwrap_or(""),
            FieldRef::Alias(i) => at(&entity.aliases, i),
            FieldRef::Topic(i) => at(&entity.topics, i),
            FieldRef::Service(i) => entity.services.get(i as usize).map_or("", |t| &**t),
            FieldRef::Need(i) => at(&entity.needs, i),
            FieldRef::Resource(i) => entity.resources.get(i as usize).map_or("", |r| &*r.title),
            FieldRef::Summary => &entity.summary,
            FieldRef::Fact(i) => at(&entity.facts, i),
            FieldRef::ServiceEn(i) => english(entity.services.get(i as usize)),
            FieldRef::ResourceEn(i) => english(entity.resources.get(i as usize).map(|r| &r.title)),
            FieldRef::SummaryEn => english(Some(&entity.summary)),
        }
    }
}

/// The English of a text, or nothing.
fn english(text: Option<&Text>) -> &str {
    text.and_then(|t| t.en.as_deref()).unwrap_or("")
}

/// Every text of an entity that search looks at: French, and English where the catalogue
/// gives it (so an English question meets the English of a service, not only its topics).
pub fn fields(entity: &Entity) -> impl Iterator<Item = (FieldRef, &str)> {
    let list = |items: &[S], f: fn(u16) -> FieldRef| -> Vec<FieldRef> {
        (0..items.len().min(u16::MAX as usize))
            .map(|i| f(i as u16))
            .collect()
    };
    // The id is not indexed: names and short names say the same in words people type.
    let mut refs = vec![FieldRef::Name];
    if entity.short_name.is_some() {
        refs.push(FieldRef::ShortName);
    }
    refs.extend(list(&entity.aliases, FieldRef::Alias));
    refs.extend(list(&entity.topics, FieldRef::Topic));
    refs.extend(
        (0..entity.services.len().min(u16::MAX as usize)).map(|i| FieldRef::Service(i as u16)),
    );
    refs.extend(list(&entity.needs, FieldRef::Need));
    refs.extend(
        (0..entity.resources.len().min(u16::MAX as usize)).map(|i| FieldRef::Resource(i as u16)),
    );
    refs.push(FieldRef::Summary);
    refs.extend(list(&entity.facts, FieldRef::Fact));
    let has_english = |t: &Text| t.en.as_ref().is_some_and(|e| !e.trim().is_empty());
    for (i, service) in entity.services.iter().enumerate().take(u16::MAX as usize) {
        if has_english(service) {
            refs.push(FieldRef::ServiceEn(i as u16));
        }
    }
    for (i, resource) in entity.resources.iter().enumerate().take(u16::MAX as usize) {
        if has_english(&resource.title) {
            refs.push(FieldRef::ResourceEn(i as u16));
        }
    }
    if has_english(&entity.summary) {
        refs.push(FieldRef::SummaryEn);
    }
    refs.into_iter().map(move |r| (r, r.text(entity)))
}

/// Average length of a text, per field (none for a field no text has): an array, looked up
/// for every hit of a question without hashing.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Averages([Option<f64>; Field::ALL.len()]);

impl Averages {
    pub fn get(&self, field: Field) -> Option<f64> {
        self.0[field as usize]
    }

    pub fn set(&mut self, field: Field, average: f64) {
        self.0[field as usize] = Some(average);
    }

    /// The fields that have an average, in order, with it.
    pub fn iter(&self) -> impl Iterator<Item = (Field, f64)> + '_ {
        Field::ALL
            .into_iter()
            .filter_map(|field| Some((field, self.get(field)?)))
    }
}

impl FromIterator<(Field, f64)> for Averages {
    fn from_iter<I: IntoIterator<Item = (Field, f64)>>(pairs: I) -> Averages {
        let mut averages = Averages::default();
        for (field, average) in pairs {
            averages.set(field, average);
        }
        averages
    }
}
