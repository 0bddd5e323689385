//! Learning a catalogue's words: the build-only state (raw forms seen, field totals) lives
//! here and is dropped once the [`Index`] is made.

use std::borrow::Cow;
use std::collections::HashMap;

use super::{FieldInstance, Groups, Index, Tokens, Words, fields};
use crate::catalogue::Catalogue;
use crate::hash::FastMap;
use crate::text::tokenise::{split_words, word_forms};

use super::Field;

/// Raw forms → words. Most words fit in 8, 12 or 16 bytes and are kept inline, as 4-byte
/// words: a look-up is then one probe in a small table, with no pointer to follow (the index
/// does millions of them, and a small table stays in cache). A table's entry (key and word)
/// is then 12, 16 or 20 bytes. Inline keys are lower-cased (ASCII): a word's forms depend on
/// its lower case only, and `Données` and `données` then share one entry, which halves the
/// table of a catalogue whose names start with a capital. Each entry is the word, or
/// [`STOP`] for a stop word.
#[derive(Debug, Default)]
struct RawForms {
    short: FastMap<Packed<2>, u32>,
    medium: FastMap<Packed<3>, u32>,
    large: FastMap<Packed<4>, u32>,
    long: FastMap<Box<str>, u32>,
}

/// A key of up to `4 × N` bytes, lower-cased and zero-padded (words never hold a NUL byte,
/// so padding cannot collide), as 4-byte words: 4-byte aligned, so that an entry has no
/// padding. Hashed as `u64`s, and a `u32` for an odd one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Packed<const N: usize>([u32; N]);

impl<const N: usize> Packed<N> {
    fn new(bytes: &[u8]) -> Self {
        let mut buf = [[0u8; 4]; N];
        for (b, &r) in buf.as_flattened_mut().iter_mut().zip(bytes) {
            *b = r.to_ascii_lowercase();
        }
        Packed(buf.map(u32::from_le_bytes))
    }
}

impl<const N: usize> std::hash::Hash for Packed<N> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let pairs = self.0.chunks_exact(2);
        if let [odd] = pairs.remainder() {
            state.write_u32(*odd);
        }
        for pair in pairs {
            state.write_u64(u64::from(pair[0]) | u64::from(pair[1]) << 32);
        }
    }
}

/// A raw form that is a stop word (word ids are fewer than `u32::MAX`).
const STOP: u32 = u32::MAX;

/// A raw form's key, by its length.
enum Key<'a> {
    Short(Packed<2>),
    Medium(Packed<3>),
    Large(Packed<4>),
    Long(&'a str),
}

impl RawForms {
    fn reserve(&mut self, forms: usize) {
        self.short.reserve(forms);
        self.medium.reserve(forms / 2);
        self.large.reserve(forms / 4);
    }

    fn key(raw: &str) -> Key<'_> {
        let bytes = raw.as_bytes();
        match bytes.len() {
            0..=8 => Key::Short(Packed::new(bytes)),
            9..=12 => Key::Medium(Packed::new(bytes)),
            13..=16 => Key::Large(Packed::new(bytes)),
            _ => Key::Long(raw),
        }
    }

    fn get(&self, raw: &str) -> Option<Option<u32>> {
        let entry = match Self::key(raw) {
            Key::Short(k) => self.short.get(&k),
            Key::Medium(k) => self.medium.get(&k),
            Key::Large(k) => self.large.get(&k),
            Key::Long(k) => self.long.get(k),
        };
        entry.map(|&w| (w != STOP).then_some(w))
    }

    fn insert(&mut self, raw: &str, word: Option<u32>) {
        let word = word.unwrap_or(STOP);
        match Self::key(raw) {
            Key::Short(k) => self.short.insert(k, word),
            Key::Medium(k) => self.medium.insert(k, word),
            Key::Large(k) => self.large.insert(k, word),
            Key::Long(k) => self.long.insert(k.into(), word),
        };
    }

    #[cfg(test)]
    fn inline_len(&self) -> usize {
        self.short.len() + self.medium.len() + self.large.len()
    }
}

/// Word ids as they are learnt: 2 bytes each until a word id needs more, then 4 (copied
/// once).
#[derive(Debug)]
enum TokenVec {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl Default for TokenVec {
    fn default() -> Self {
        TokenVec::Narrow(Vec::new())
    }
}

impl TokenVec {
    fn len(&self) -> usize {
        match self {
            TokenVec::Narrow(v) => v.len(),
            TokenVec::Wide(v) => v.len(),
        }
    }

    fn reserve(&mut self, more: usize) {
        match self {
            TokenVec::Narrow(v) => v.reserve(more),
            TokenVec::Wide(v) => v.reserve(more),
        }
    }

    fn push(&mut self, w: u32) {
        match self {
            TokenVec::Narrow(v) => match u16::try_from(w) {
                Ok(narrow) => v.push(narrow),
                Err(_) => {
                    let mut wide = Vec::with_capacity(v.capacity().max(v.len() + 1));
                    wide.extend(v.iter().map(|&n| u32::from(n)));
                    wide.push(w);
                    *self = TokenVec::Wide(wide);
                }
            },
            TokenVec::Wide(v) => v.push(w),
        }
    }

    fn into_tokens(self) -> Tokens {
        match self {
            TokenVec::Narrow(v) => Tokens::Narrow(Cow::Owned(v)),
            TokenVec::Wide(v) => Tokens::Wide(Cow::Owned(v)),
        }
    }
}

/// An index being learnt.
#[derive(Default)]
pub(super) struct Builder {
    words: Words,
    /// Whether each word stands in some entity (becomes [`Index::in_entities`]).
    in_entities: Vec<bool>,
    /// Every text of every entity (becomes [`Index::instances`]).
    instances: Vec<FieldInstance>,
    /// Per entity, its first text and first word (becomes [`Index::entity_starts`]).
    entity_starts: Vec<(u32, u32)>,
    /// The words of every text (becomes [`Index::tokens`]).
    tokens: TokenVec,
    /// Folded form → word.
    by_folded: FastMap<Box<str>, u32>,
    /// A raw word as written → its word, or `None` for a stop word. Texts repeat the same
    /// forms, so lower-casing and folding happen once per form, not per occurrence.
    by_raw: RawForms,
    /// Per field: total words and number of texts, for the averages.
    totals: HashMap<Field, (f64, f64)>,
}

impl Builder {
    pub(super) fn build(catalogue: &Catalogue) -> Index {
        let mut builder = Builder::default();
        builder.learn_entities(catalogue);
        // Average length of a text, per field.
        let average_len = (builder.totals.iter())
            .map(|(&f, &(len, count))| (f, (len / count).max(1.0)))
            .collect();
        // Route and synonym words are words too (typos included), learnt once here.
        let routes: Vec<Vec<Vec<u32>>> = (catalogue.routes.iter())
            .map(|r| r.when.iter().map(|p| builder.phrase(p)).collect())
            .collect();
        let synonyms: Vec<Vec<Vec<u32>>> = (catalogue.synonyms.iter())
            .map(|g| g.iter().map(|m| builder.phrase(m)).collect())
            .collect();
        let mut words = builder.words;
        words.shrink_to_fit();
        Index {
            by_folded: Cow::Owned(Index::sort_by_folded(&words)),
            words,
            in_entities: Cow::Owned(builder.in_entities),
            tokens: builder.tokens.into_tokens(),
            instances: Cow::Owned(builder.instances),
            entity_starts: Cow::Owned(builder.entity_starts),
            average_len,
            routes: Groups::new(routes),
            synonyms: Groups::new(synonyms),
            entity_count: catalogue.entities.len(),
            stems: None,
            zipfs: None,
        }
    }

    /// The words of every entity (entity numbers are those of the catalogue).
    fn learn_entities(&mut self, catalogue: &Catalogue) {
        let entities = &catalogue.entities;
        // Reserved up front: growing by doubling would copy, and touch, twice the memory. Pages
        // reserved but never written cost nothing.
        let (texts, bytes) = entities.iter().fold((0, 0), |(n, b), e| {
            fields(e).fold((n, b), |(n, b), (_, text)| (n + 1, b + text.len()))
        });
        self.instances.reserve_exact(texts);
        self.tokens.reserve(bytes / 4);
        // Room for a small catalogue's word forms: growing a table rehashes it every time.
        let forms = (bytes / 40).min(4096);
        self.by_raw.reserve(forms);
        self.by_folded.reserve(forms);
        self.words.reserve(forms, forms * 8);
        self.in_entities.reserve(forms);
        self.entity_starts.reserve_exact(entities.len());
        for entity in entities {
            let starts = (self.instances.len() as u32, self.tokens.len() as u32);
            self.entity_starts.push(starts);
            for (field, text) in fields(entity) {
                let start = self.tokens.len() as u32;
                for raw in split_words(text) {
                    if let Some(w) = self.learn(raw) {
                        self.in_entities[w as usize] = true;
                        self.tokens.push(w);
                    }
                }
                let len = self.tokens.len() as u32 - start;
                self.instances.push(FieldInstance { field, len });
                let total = self.totals.entry(field.field()).or_default();
                total.0 += f64::from(len);
                total.1 += 1.0;
            }
        }
    }

    /// Adds a word (its folded form must be new) and returns its id.
    fn push_word(&mut self, folded: String, display: String) -> u32 {
        let id = self.words.push(&folded, &display);
        self.by_folded.insert(folded.into(), id);
        self.in_entities.push(false);
        id
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
        let word = word_forms(raw).map(|(lower, folded)| match self.by_folded.get(&*folded) {
            Some(&id) => id,
            None => self.push_word(folded, lower),
        });
        self.by_raw.insert(raw, word);
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raw_form_and_its_capitalised_form_share_one_entry_and_one_word() {
        let mut builder = Builder::default();
        let words = [
            "Données",
            "données",
            "DONNÉES",
            "Accompagnement",
            "accompagnement",
        ];
        let ids: Vec<Option<u32>> = words.iter().map(|w| builder.learn(w)).collect();
        assert_eq!(ids[0], ids[1]);
        assert_eq!(ids[0], ids[2]);
        assert_eq!(ids[3], ids[4]);
        assert_ne!(ids[0], ids[3]);
        // Short, medium (9–12 bytes), large and long forms alike; forms that differ only past
        // the eighth byte stay apart; a stop word stays one, whatever its case.
        let medium = builder.learn("Ministères");
        assert_eq!(medium, builder.learn("ministères"));
        assert_ne!(medium, builder.learn("ministèrex"));
        let long = builder.learn("Pseudonymisations");
        assert_eq!(long, builder.learn("pseudonymisations"));
        assert_eq!(builder.learn("Les"), None);
        assert_eq!(builder.learn("les"), None);
        assert_eq!(builder.by_raw.inline_len(), 6);
        // Five words (données, accompagnement, ministères, ministèrex, pseudonymisations),
        // whatever the case typed.
        assert_eq!(builder.words.len(), 5);
    }

    #[test]
    fn word_ids_widen_when_one_needs_more_than_two_bytes() {
        let mut tokens = TokenVec::default();
        tokens.push(7);
        tokens.push(65_535);
        assert!(matches!(tokens, TokenVec::Narrow(_)));
        tokens.push(65_536);
        tokens.push(3);
        assert_eq!(tokens.len(), 4);
        let tokens = tokens.into_tokens();
        assert!(matches!(tokens, Tokens::Wide(_)));
        assert_eq!(tokens.ids(), vec![7, 65_535, 65_536, 3]);
    }

    #[test]
    fn a_catalogue_of_more_than_65536_words_is_searched_as_any_other() {
        // 70,000 distinct words (`baab`, `baac`…), then one a question asks for.
        let word = |mut n: usize| {
            let mut w = String::from("b");
            for _ in 0..4 {
                w.push(char::from(b'a' + (n % 26) as u8));
                n /= 26;
            }
            w
        };
        let words: Vec<String> = (0..70_000).map(word).collect();
        let json = serde_json::json!({
            "schema_version": 1,
            "source": {"title": "t"},
            "entities": [
                {"id": "many", "kind": "team", "name": "Many", "summary": words.join(" "), "source": "s"},
                {"id": "one", "kind": "team", "name": "One", "summary": "pseudonymisation", "source": "s"},
            ],
        });
        let (catalogue, report) = crate::catalogue::load::check_text("t", json.to_string());
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        let index = Index::build(&catalogue);
        assert!(matches!(index.tokens, Tokens::Wide(_)));
        let last = index.word("pseudonymisation").expect("indexed");
        assert!(last > 65_535);
        let postings = index.postings(&[last].into_iter().collect());
        let hit = postings[&last][0];
        assert_eq!(index.entity_of(hit.instance), 1);
        assert_eq!(hit.position, 0);
        let early = index.word(&word(69_999)).expect("indexed");
        let postings = index.postings(&[early].into_iter().collect());
        assert_eq!(postings[&early][0].position, 69_999);
    }
}
