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
    // Positions are u16: a list longer than that is read up to its 65,535th item.
    let upto = |len: usize| 0..len.min(u16::MAX as usize) as u16;
    let has_english = |t: &Text| t.en.as_ref().is_some_and(|e| !e.trim().is_empty());
    // A chain of iterators, not a list: at 100k entities, a list per entity is 100k
    // allocations for each pass over the catalogue.
    // The id is not indexed: names and short names say the same in words people type.
    std::iter::once(FieldRef::Name)
        .chain(entity.short_name.is_some().then_some(FieldRef::ShortName))
        .chain(upto(entity.aliases.len()).map(FieldRef::Alias))
        .chain(upto(entity.topics.len()).map(FieldRef::Topic))
        .chain(upto(entity.services.len()).map(FieldRef::Service))
        .chain(upto(entity.needs.len()).map(FieldRef::Need))
        .chain(upto(entity.resources.len()).map(FieldRef::Resource))
        .chain(std::iter::once(FieldRef::Summary))
        .chain(upto(entity.facts.len()).map(FieldRef::Fact))
        .chain(
            (upto(entity.services.len()))
                .filter(move |&i| has_english(&entity.services[usize::from(i)]))
                .map(FieldRef::ServiceEn),
        )
        .chain(
            (upto(entity.resources.len()))
                .filter(move |&i| has_english(&entity.resources[usize::from(i)].title))
                .map(FieldRef::ResourceEn),
        )
        .chain(has_english(&entity.summary).then_some(FieldRef::SummaryEn))
        .map(move |r| (r, r.text(entity)))
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
