//! Stage 4: the index — every distinct word of the catalogue with its keys, and where it stands.

use std::collections::{BTreeMap, HashMap};

use super::stem::keys;
use super::tokenise::{Token, tokenise};
use crate::catalogue::{Catalogue, Entity};

/// Which text of an entity a word comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldRef {
    Name,
    ShortName,
    Alias(u16),
    Topic(u16),
    Service(u16),
    Resource(u16),
    Summary,
    Fact(u16),
}

/// Fields grouped by how much a match in them counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    Topic,
    Service,
    Resource,
    Summary,
    Fact,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Topic => "topic",
            Field::Service => "service",
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
            FieldRef::Service(_) => Field::Service,
            FieldRef::Resource(_) => Field::Resource,
            FieldRef::Summary => Field::Summary,
            FieldRef::Fact(_) => Field::Fact,
        }
    }

    /// The text this field holds in `entity`.
    pub fn text(self, entity: &Entity) -> &str {
        fn at(list: &[String], i: u16) -> &str {
            list.get(i as usize).map_or("", String::as_str)
        }
        match self {
            FieldRef::Name => &entity.name,
            FieldRef::ShortName => entity.short_name.as_deref().unwrap_or(""),
            FieldRef::Alias(i) => at(&entity.aliases, i),
            FieldRef::Topic(i) => at(&entity.topics, i),
            FieldRef::Service(i) => at(&entity.services, i),
            FieldRef::Resource(i) => entity
                .resources
                .get(i as usize)
                .map_or("", |r| r.title.as_str()),
            FieldRef::Summary => &entity.summary,
            FieldRef::Fact(i) => at(&entity.facts, i),
        }
    }
}

/// Every text of an entity that search looks at.
pub fn fields(entity: &Entity) -> impl Iterator<Item = (FieldRef, &str)> {
    let list = |items: &[String], f: fn(u16) -> FieldRef| -> Vec<FieldRef> {
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
    refs.extend(list(&entity.services, FieldRef::Service));
    refs.extend(
        (0..entity.resources.len().min(u16::MAX as usize)).map(|i| FieldRef::Resource(i as u16)),
    );
    refs.push(FieldRef::Summary);
    refs.extend(list(&entity.facts, FieldRef::Fact));
    refs.into_iter().map(move |r| (r, r.text(entity)))
}

/// A distinct word of the catalogue.
#[derive(Debug, Clone)]
pub struct Word {
    /// Folded form, the word's identity.
    pub folded: String,
    /// As first written (lower-case, accents kept), for messages.
    pub display: String,
    /// Folded word first, then stems.
    pub keys: Vec<String>,
}

/// One text of one entity.
#[derive(Debug, Clone)]
pub struct FieldInstance {
    pub entity: u32,
    pub field: FieldRef,
    /// Number of words kept in it.
    pub len: u32,
}

/// Where a word stands: which text, and at which word.
#[derive(Debug, Clone, Copy)]
pub struct Posting {
    pub instance: u32,
    pub position: u32,
}

/// The searchable form of a catalogue.
#[derive(Debug, Default)]
pub struct Index {
    pub words: Vec<Word>,
    by_folded: HashMap<String, u32>,
    /// Every key (folded words and stems) → the words that have it; ordered for prefix scans.
    by_key: BTreeMap<String, Vec<u32>>,
    /// Word id → where it stands.
    pub postings: Vec<Vec<Posting>>,
    pub instances: Vec<FieldInstance>,
    /// Average length of a text, per field.
    pub average_len: HashMap<Field, f64>,
    pub entity_count: usize,
}

impl Index {
    /// Indexes every entity, plus the words of routes and synonyms (which then match, typos
    /// included, like any catalogue word).
    pub fn build(catalogue: &Catalogue) -> Index {
        let mut index = Index {
            entity_count: catalogue.entities.len(),
            ..Index::default()
        };
        let mut totals: HashMap<Field, (f64, f64)> = HashMap::new();
        for (e, entity) in catalogue.entities.iter().enumerate() {
            for (field, text) in fields(entity) {
                let tokens = tokenise(text);
                let instance = index.instances.len() as u32;
                index.instances.push(FieldInstance {
                    entity: e as u32,
                    field,
                    len: tokens.len() as u32,
                });
                let total = totals.entry(field.field()).or_default();
                total.0 += tokens.len() as f64;
                total.1 += 1.0;
                for token in &tokens {
                    let word = index.intern(token);
                    index.postings[word as usize].push(Posting {
                        instance,
                        position: token.position,
                    });
                }
            }
        }
        index.average_len = totals
            .into_iter()
            .map(|(f, (len, n))| (f, (len / n).max(1.0)))
            .collect();
        let extra = catalogue
            .routes
            .iter()
            .flat_map(|r| r.when.iter())
            .chain(catalogue.synonyms.iter().flatten());
        for text in extra {
            for token in tokenise(text) {
                index.intern(&token);
            }
        }
        index
    }

    /// The id of `token`'s word, adding it if new.
    pub fn intern(&mut self, token: &Token) -> u32 {
        if let Some(&id) = self.by_folded.get(&token.folded) {
            return id;
        }
        let id = self.words.len() as u32;
        let word = Word {
            folded: token.folded.clone(),
            display: token.lower.clone(),
            keys: keys(token),
        };
        for key in &word.keys {
            self.by_key.entry(key.clone()).or_default().push(id);
        }
        self.by_folded.insert(word.folded.clone(), id);
        self.words.push(word);
        self.postings.push(Vec::new());
        id
    }

    /// The word spelt `folded`, if the catalogue has it.
    pub fn word(&self, folded: &str) -> Option<u32> {
        self.by_folded.get(folded).copied()
    }

    /// Words having exactly this key.
    pub fn with_key(&self, key: &str) -> &[u32] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// Words having a key that starts with `prefix`.
    pub fn with_key_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = u32> + 'a {
        self.by_key
            .range::<str, _>((
                std::ops::Bound::Included(prefix),
                std::ops::Bound::Unbounded,
            ))
            .take_while(move |(k, _)| k.starts_with(prefix))
            .flat_map(|(_, ids)| ids.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_every_field_and_word() {
        let catalogue = Catalogue::embedded();
        let index = Index::build(&catalogue);
        let sill = index.word("sill").expect("SILL is indexed");
        let hit = index.postings[sill as usize][0];
        let instance = &index.instances[hit.instance as usize];
        assert_eq!(
            catalogue.entities[instance.entity as usize].id,
            "logiciels-libres"
        );
        assert!(index.word("le").is_none(), "stop words are not indexed");
        assert!(index.average_len[&Field::Summary] > index.average_len[&Field::Name]);
    }

    #[test]
    fn prefix_scan_finds_longer_keys() {
        let index = Index::build(&Catalogue::embedded());
        let found: Vec<&str> = index
            .with_key_prefix("pseudonym")
            .map(|w| index.words[w as usize].folded.as_str())
            .collect();
        assert!(found.contains(&"pseudonymisation"), "{found:?}");
    }
}
