//! Stage 4: the index — every distinct word of the catalogue, and the words of each of its
//! texts as ids. Stems are computed per question, for the words that could share one; where
//! words stand (postings) is found per question too, for the words it needs only: a catalogue
//! of 100,000 entities then costs one pass to learn its words.

use std::collections::HashMap;

use crate::hash::FastMap as FxHashMap;

use super::stem::keys;
use crate::catalogue::model::S;
use crate::catalogue::{Catalogue, Entity};
use crate::text::tokenise::{Token, split_words, word_forms};

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
        fn at(list: &[S], i: u16) -> &str {
            list.get(i as usize).map_or("", S::as_str)
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
}

/// One text of one entity.
#[derive(Debug, Clone)]
pub struct FieldInstance {
    pub entity: u32,
    pub field: FieldRef,
    /// Number of words kept in it.
    pub len: u32,
    /// Where its words start in [`Index::tokens`].
    start: u32,
}

/// Where a word stands: which text, and at which word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Posting {
    pub instance: u32,
    pub position: u32,
}

/// Where the words a question needs stand.
pub type Postings = FxHashMap<u32, Vec<Posting>>;

/// Raw forms → words. Most words fit in 8 or 16 bytes and are kept inline, as a `u64` or a
/// `u128`: a look-up is then one probe in a small table, with no pointer to follow (the index
/// does millions of them, and a small table stays in cache).
#[derive(Debug, Default)]
struct RawForms {
    short: FxHashMap<u64, Option<u32>>,
    medium: FxHashMap<u128, Option<u32>>,
    long: FxHashMap<Box<str>, Option<u32>>,
}

/// A word's bytes, zero-padded (words never hold a NUL byte, so padding cannot collide).
enum Key<'a> {
    Short(u64),
    Medium(u128),
    Long(&'a str),
}

impl RawForms {
    fn reserve(&mut self, forms: usize) {
        self.short.reserve(forms);
        self.medium.reserve(forms / 2);
    }

    fn key(raw: &str) -> Key<'_> {
        let bytes = raw.as_bytes();
        if bytes.len() <= 8 {
            let mut buf = [0u8; 8];
            buf[..bytes.len()].copy_from_slice(bytes);
            Key::Short(u64::from_le_bytes(buf))
        } else if bytes.len() <= 16 {
            let mut buf = [0u8; 16];
            buf[..bytes.len()].copy_from_slice(bytes);
            Key::Medium(u128::from_le_bytes(buf))
        } else {
            Key::Long(raw)
        }
    }

    fn get(&self, raw: &str) -> Option<Option<u32>> {
        match Self::key(raw) {
            Key::Short(k) => self.short.get(&k).copied(),
            Key::Medium(k) => self.medium.get(&k).copied(),
            Key::Long(k) => self.long.get(k).copied(),
        }
    }

    fn insert(&mut self, raw: &str, word: Option<u32>) {
        match Self::key(raw) {
            Key::Short(k) => self.short.insert(k, word),
            Key::Medium(k) => self.medium.insert(k, word),
            Key::Long(k) => self.long.insert(k.into(), word),
        };
    }
}

/// Average length of a text, per field, from (total words, texts).
fn averages(totals: &HashMap<Field, (f64, f64)>) -> HashMap<Field, f64> {
    totals
        .iter()
        .map(|(&f, &(len, count))| (f, (len / count).max(1.0)))
        .collect()
}

/// The searchable form of a catalogue.
#[derive(Debug, Default)]
pub struct Index {
    pub words: Vec<Word>,
    /// Whether each word stands in some entity (route and synonym words may not).
    pub in_entities: Vec<bool>,
    /// While building: a raw word as written → its word, or `None` for a stop word. Texts
    /// repeat the same forms, so lower-casing and folding happen once per form, not per
    /// occurrence.
    by_raw: RawForms,
    /// The words of every text, one after the other (4 bytes a word).
    tokens: Vec<u32>,
    by_folded: FxHashMap<Box<str>, u32>,
    /// Words by the first letter of their folded form: where prefix look-ups start.
    by_first: FxHashMap<char, Vec<u32>>,
    pub instances: Vec<FieldInstance>,
    /// Average length of a text, per field.
    pub average_len: HashMap<Field, f64>,
    /// Per route, per `when` phrase: its words.
    pub routes: Vec<Vec<Vec<u32>>>,
    /// Per synonym group, per member: its words.
    pub synonyms: Vec<Vec<Vec<u32>>>,
    /// Per field: total words and number of texts, for the averages.
    totals: HashMap<Field, (f64, f64)>,
    pub entity_count: usize,
}

/// The embedded catalogue's words, learnt at build time by build.rs.
mod embedded {
    use super::{Field, FieldRef};
    include!(concat!(env!("OUT_DIR"), "/embedded_index.rs"));
}

impl Index {
    /// The index of the embedded catalogue, from what build.rs learnt: the same as
    /// `Index::build(embedded catalogue)` (a test checks), without reading its texts again.
    pub fn embedded() -> Index {
        let mut index = Index {
            entity_count: embedded::ENTITY_COUNT,
            tokens: embedded::TOKENS.to_vec(),
            ..Index::default()
        };
        index.words.reserve(embedded::WORDS.len());
        index.by_folded.reserve(embedded::WORDS.len());
        for (id, &(folded, display, used)) in embedded::WORDS.iter().enumerate() {
            index.by_folded.insert(folded.into(), id as u32);
            if let Some(first) = folded.chars().next() {
                index.by_first.entry(first).or_default().push(id as u32);
            }
            index.words.push(Word {
                folded: folded.to_string(),
                display: display.to_string(),
            });
            index.in_entities.push(used);
        }
        index.instances = embedded::INSTANCES
            .iter()
            .map(|&(entity, field, len, start)| FieldInstance {
                entity,
                field,
                len,
                start,
            })
            .collect();
        index.totals = embedded::TOTALS
            .iter()
            .map(|&(field, len, count)| (field, (len, count)))
            .collect();
        index.average_len = averages(&index.totals);
        let phrases = |groups: &[&[&[u32]]]| -> Vec<Vec<Vec<u32>>> {
            groups
                .iter()
                .map(|g| g.iter().map(|p| p.to_vec()).collect())
                .collect()
        };
        index.routes = phrases(embedded::ROUTES);
        index.synonyms = phrases(embedded::SYNONYMS);
        index
    }

    /// Learns every word of every entity, plus the words of routes and synonyms (which then
    /// match, typos included, like any catalogue word).
    pub fn build(catalogue: &Catalogue) -> Index {
        let n = catalogue.entities.len();
        let mut index = Index::part(catalogue, 0..n);
        index.entity_count = n;
        index.average_len = averages(&index.totals);
        // Route and synonym words are words too (typos included), learnt once here.
        index.routes = catalogue
            .routes
            .iter()
            .map(|r| r.when.iter().map(|p| index.phrase(p)).collect())
            .collect();
        index.synonyms = catalogue
            .synonyms
            .iter()
            .map(|g| g.iter().map(|m| index.phrase(m)).collect())
            .collect();
        // Raw forms serve learning only; questions go through folded words.
        index.by_raw = RawForms::default();
        index
    }

    /// The words of the entities in `range` (entity numbers stay those of the catalogue).
    fn part(catalogue: &Catalogue, range: std::ops::Range<usize>) -> Index {
        let mut index = Index::default();
        let entities = &catalogue.entities[range.clone()];
        // Reserved up front: growing by doubling would copy, and touch, twice the memory. Pages
        // reserved but never written cost nothing.
        let (texts, bytes) = entities.iter().fold((0, 0), |(n, b), e| {
            fields(e).fold((n, b), |(n, b), (_, text)| (n + 1, b + text.len()))
        });
        index.instances.reserve_exact(texts);
        index.tokens.reserve(bytes / 4);
        // Room for a small catalogue's word forms: growing a table rehashes it every time.
        let forms = (bytes / 40).min(4096);
        index.by_raw.reserve(forms);
        index.by_folded.reserve(forms);
        index.words.reserve(forms);
        index.in_entities.reserve(forms);
        for (e, entity) in range.zip(entities) {
            for (field, text) in fields(entity) {
                let start = index.tokens.len() as u32;
                for raw in split_words(text) {
                    if let Some(w) = index.learn(raw) {
                        index.in_entities[w as usize] = true;
                        index.tokens.push(w);
                    }
                }
                let len = index.tokens.len() as u32 - start;
                index.instances.push(FieldInstance {
                    entity: e as u32,
                    field,
                    len,
                    start,
                });
                let total = index.totals.entry(field.field()).or_default();
                total.0 += f64::from(len);
                total.1 += 1.0;
            }
        }
        index
    }

    /// The words of a phrase (stop words left out), learning new ones.
    fn phrase(&mut self, text: &str) -> Vec<u32> {
        split_words(text)
            .filter_map(|raw| self.learn(raw))
            .collect()
    }

    /// The word a raw form stands for (`None`: a stop word), learning it if new.
    fn learn(&mut self, raw: &str) -> Option<u32> {
        if let Some(known) = self.by_raw.get(raw) {
            return known;
        }
        let word = word_forms(raw).map(|(lower, folded)| {
            self.intern(&Token {
                lower,
                folded,
                position: 0,
            })
        });
        self.by_raw.insert(raw, word);
        word
    }

    /// The id of `token`'s word, adding it if new.
    fn intern(&mut self, token: &Token) -> u32 {
        if let Some(&id) = self.by_folded.get(token.folded.as_str()) {
            return id;
        }
        let id = self.words.len() as u32;
        let word = Word {
            folded: token.folded.clone(),
            display: token.lower.clone(),
        };
        self.by_folded.insert(word.folded.as_str().into(), id);
        if let Some(first) = word.folded.chars().next() {
            self.by_first.entry(first).or_default().push(id);
        }
        self.words.push(word);
        self.in_entities.push(false);
        id
    }

    /// Calls `visit(place, word)` for every place a `wanted[word]` word stands, in catalogue
    /// order: one pass over the stored words of every text.
    pub fn scan(&self, wanted: &[bool], mut visit: impl FnMut(Posting, u32)) {
        for (i, instance) in self.instances.iter().enumerate() {
            let start = instance.start as usize;
            let words = &self.tokens[start..start + instance.len as usize];
            for (position, &w) in words.iter().enumerate() {
                if wanted.get(w as usize).copied().unwrap_or(false) {
                    let place = Posting {
                        instance: i as u32,
                        position: position as u32,
                    };
                    visit(place, w);
                }
            }
        }
    }

    /// Where each of the `wanted` words stands (questions use [`Index::scan`] directly).
    #[cfg(test)]
    pub fn postings(&self, wanted: &crate::hash::FastSet<u32>) -> Postings {
        let mut mask = vec![false; self.words.len()];
        for &w in wanted {
            if let Some(slot) = mask.get_mut(w as usize) {
                *slot = true;
            }
        }
        let mut postings = Postings::default();
        self.scan(&mask, |place, w| postings.entry(w).or_default().push(place));
        postings
    }

    /// The word spelt `folded`, if the catalogue has it.
    pub fn word(&self, folded: &str) -> Option<u32> {
        self.by_folded.get(folded).copied()
    }

    /// Words whose folded form starts with `prefix`.
    pub fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = u32> + 'a {
        let bucket = prefix
            .chars()
            .next()
            .and_then(|first| self.by_first.get(&first))
            .map_or(&[][..], Vec::as_slice);
        bucket
            .iter()
            .copied()
            .filter(move |&w| self.words[w as usize].folded.starts_with(prefix))
    }

    /// The keys of word `w` (folded form, then stems), computed when a question needs them:
    /// most words of a large catalogue are never compared with any question, so stemming
    /// them all up front would be wasted.
    pub fn keys_of(&self, w: u32) -> Vec<String> {
        let word = &self.words[w as usize];
        keys(&Token {
            lower: word.display.clone(),
            folded: word.folded.clone(),
            position: 0,
        })
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
        let wanted: crate::hash::FastSet<u32> = [sill].into_iter().collect();
        let postings = index.postings(&wanted);
        let hit = postings[&sill][0];
        let instance = &index.instances[hit.instance as usize];
        assert_eq!(
            catalogue.entities[instance.entity as usize].id,
            "logiciels-libres"
        );
        assert!(index.word("le").is_none(), "stop words are not indexed");
        assert!(index.average_len[&Field::Summary] > index.average_len[&Field::Name]);
    }

    #[test]
    fn postings_count_positions_as_the_tokeniser_does() {
        let catalogue = Catalogue::embedded();
        let index = Index::build(&catalogue);
        let (noms, domaine) = (index.word("noms").unwrap(), index.word("domaine").unwrap());
        let postings = index.postings(&[noms, domaine].into_iter().collect());
        let adjacent = postings[&noms].iter().any(|a| {
            postings[&domaine]
                .iter()
                .any(|b| b.instance == a.instance && b.position == a.position + 1)
        });
        assert!(adjacent, "« noms de domaine »: the stop word is skipped");
    }

    #[test]
    fn embedded_index_is_what_build_makes() {
        let built = Index::build(&Catalogue::embedded());
        let made = Index::embedded();
        let words = |i: &Index| -> Vec<(String, String)> {
            i.words
                .iter()
                .map(|w| (w.folded.clone(), w.display.clone()))
                .collect()
        };
        assert_eq!(words(&made), words(&built));
        assert_eq!(made.in_entities, built.in_entities);
        assert_eq!(made.tokens, built.tokens);
        let instances = |i: &Index| -> Vec<(u32, FieldRef, u32, u32)> {
            i.instances
                .iter()
                .map(|x| (x.entity, x.field, x.len, x.start))
                .collect()
        };
        assert_eq!(instances(&made), instances(&built));
        assert_eq!(made.totals, built.totals);
        assert_eq!(made.average_len, built.average_len);
        assert_eq!(made.routes, built.routes);
        assert_eq!(made.synonyms, built.synonyms);
        assert_eq!(made.entity_count, built.entity_count);
        for w in 0..built.words.len() as u32 {
            let folded = &built.words[w as usize].folded;
            assert_eq!(made.word(folded), Some(w));
            assert_eq!(
                made.with_prefix(folded).collect::<Vec<_>>(),
                built.with_prefix(folded).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn prefix_scan_finds_longer_keys() {
        let index = Index::build(&Catalogue::embedded());
        let found: Vec<&str> = index
            .with_prefix("pseudonym")
            .map(|w| index.words[w as usize].folded.as_str())
            .collect();
        assert!(found.contains(&"pseudonymisation"), "{found:?}");
    }
}
