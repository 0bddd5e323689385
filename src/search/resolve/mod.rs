//! Stage 5: resolve each word of a question to the catalogue words it matches, and how.
//!
//! Exact, then stem, then prefix; a typo is tried only for a word none of those found (one
//! function a strategy, in [`matches`]).
//! Synonym groups from the catalogue (`RGPD`/`GDPR`, `CGU`/`terms of use`) then add what the
//! other members of the group match; a phrase member must be found whole in one text.

use std::collections::BTreeMap;

mod hits;
mod matches;

pub use hits::{Finder, Hit};

use matches::compound;
pub use matches::{How, is_word, word_matches};

use super::index::Index;
use crate::text::tokenise::Token;

/// A word of the question, resolved.
#[derive(Debug, Clone)]
pub struct QueryWord {
    pub token: Token,
    /// Catalogue words it matches, each with the best way it does.
    pub matches: BTreeMap<u32, How>,
    /// Synonym phrases it stands for: for each word of the phrase, the catalogue words that
    /// can fill that place.
    pub phrases: Vec<Vec<Vec<u32>>>,
}

impl QueryWord {
    fn new(matches: BTreeMap<u32, How>, token: Token) -> Self {
        QueryWord {
            token,
            matches,
            phrases: Vec::new(),
        }
    }
}

pub use super::params::MAX_QUESTION_WORDS;

/// Resolves every content word of a question (its first [`MAX_QUESTION_WORDS`]) against the
/// catalogue indexed as `index`.
pub fn resolve(tokens: &[Token], index: &Index) -> Vec<QueryWord> {
    let mut words: Vec<QueryWord> = Vec::new();
    let content = tokens.iter().filter(|t| t.is_content()).cloned();
    for token in content.take(MAX_QUESTION_WORDS) {
        let matches = word_matches(&token, index);
        // `datascience`, not `freelance`: a word of the general language is one word.
        let parts = if matches.is_empty() && !is_word(&token) {
            compound(&token.folded, index)
        } else {
            None
        };
        match parts {
            // `datascience`, `opendata`: two words typed as one, asked as two.
            Some(parts) => {
                for (i, w) in parts.into_iter().enumerate() {
                    let folded = index.words.folded(w).to_string();
                    let mut part =
                        Token::content(folded.clone(), folded, token.position + i as u32);
                    part.joined = i > 0 || token.joined;
                    words.push(QueryWord::new(word_matches(&part, index), part));
                }
            }
            None => words.push(QueryWord::new(matches, token)),
        }
    }
    join_split_words(&mut words, index);
    expand_synonyms(&mut words, index);
    // Where they stand, ranking finds entity by entity (see [`Finder`]).
    words
}

/// `data drinks`, `open data`: two words side by side that the catalogue writes as one
/// (`datadrinks`, `opendata`) both match that word.
fn join_split_words(words: &mut [QueryWord], index: &Index) {
    for i in 1..words.len() {
        if words[i].token.position != words[i - 1].token.position + 1 {
            continue;
        }
        let joined = format!("{}{}", words[i - 1].token.folded, words[i].token.folded);
        if let Some(w) = index.word(&joined) {
            for word in &mut words[i - 1..=i] {
                word.matches.entry(w).or_insert(How::Exact);
            }
        }
    }
}

/// Whether two words are one inflected: the same base, and not two words of one length
/// whose endings differ (`state` is no inflection of `stats`, `donnee` is one of `donnees`).
fn inflected(a: &str, b: &str) -> bool {
    inflection_base(a) == inflection_base(b) && (a.len() != b.len() || a == b)
}

/// A word without its inflectional ending (`publishing`, `published` → `publish`; `données`
/// → `donne`), to tell an inflection from a derivation (`accessibility` is not `access`).
fn inflection_base(word: &str) -> &str {
    let word = ["ing", "ed", "es", "s", "x"]
        .iter()
        .find_map(|end| word.strip_suffix(end).filter(|w| w.len() >= 3))
        .unwrap_or(word);
    word.strip_suffix('e').unwrap_or(word)
}

/// For each synonym member found in the question, adds what the other members match.
fn expand_synonyms(words: &mut [QueryWord], index: &Index) {
    for members in index.synonyms.iter() {
        let mut spans = Vec::new();
        for (m, member) in members.enumerate() {
            if member.is_empty() || member.len() > words.len() {
                continue;
            }
            for start in 0..=words.len() - member.len() {
                // The member itself, an inflection of it, or a typo: not any word sharing a
                // stem (`accessibility` and `access` share one).
                let found = member.iter().enumerate().all(|(j, &w)| {
                    let asked = &words[start + j];
                    asked.matches.get(&w).is_some_and(|how| match how {
                        How::Exact | How::Typo => true,
                        How::Stem => inflected(&asked.token.folded, index.words.folded(w)),
                        How::Synonym | How::Prefix => false,
                    })
                });
                if found {
                    spans.push((start, member.len(), m));
                }
            }
        }
        for (start, len, m) in spans {
            for (other, member) in members.enumerate() {
                if other == m || member.is_empty() {
                    continue;
                }
                let slots: Vec<Vec<u32>> = member.iter().map(|&w| inflections(w, index)).collect();
                for word in &mut words[start..start + len] {
                    add_alternative(word, slots.clone());
                }
            }
        }
    }
}

/// Catalogue words that are word `w` or its plural / feminine (`donnée`, `données`), for
/// synonym expansion. Full stems are too loose here: `accessibility` and `access` share one.
fn inflections(w: u32, index: &Index) -> Vec<u32> {
    let base = super::stem::light_stem(index.words.folded(w));
    let mut ids: Vec<u32> = index
        .with_prefix(base)
        .filter(|&v| super::stem::light_stem(index.words.folded(v)) == base)
        .collect();
    ids.push(w);
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Adds a synonym to a question word: one word as a match, a phrase to be found whole.
fn add_alternative(word: &mut QueryWord, slots: Vec<Vec<u32>>) {
    if let [only] = slots.as_slice() {
        for &w in only {
            word.matches.entry(w).or_insert(How::Synonym);
        }
    } else if !slots.is_empty() {
        word.phrases.push(slots);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenise::tag;

    fn how(question: &str, catalogue_word: &str) -> Option<How> {
        let (_, index) = crate::search::embedded();
        let words = resolve(&tag(question), index);
        let w = index.word(catalogue_word)?;
        words
            .iter()
            .filter_map(|q| q.matches.get(&w).copied())
            .min()
    }

    #[test]
    fn exact_stem_prefix_typo() {
        assert_eq!(how("accessibilité", "accessibilite"), Some(How::Exact));
        assert_eq!(how("logiciels", "logiciel"), Some(How::Stem));
        assert_eq!(how("pseudonym", "pseudonymisation"), Some(How::Prefix));
        assert_eq!(how("acessibilite", "accessibilite"), Some(How::Typo));
    }

    #[test]
    fn two_words_typed_as_one_are_asked_as_two() {
        let (_, index) = crate::search::embedded();
        let words: Vec<String> = resolve(&tag("datascience"), index)
            .into_iter()
            .map(|w| w.token.folded)
            .collect();
        assert_eq!(words, ["data", "science"]);
    }

    #[test]
    fn inflections_are_not_derivations() {
        assert_eq!(inflection_base("publishing"), inflection_base("publish"));
        assert_eq!(inflection_base("données"), inflection_base("donnée"));
        assert_ne!(inflection_base("accessibility"), inflection_base("access"));
        assert!(inflected("données", "donnée") && inflected("logiciel", "logiciels"));
        assert!(
            !inflected("state", "stats"),
            "one letter changed is no inflection"
        );
    }

    #[test]
    fn words_written_apart_meet_the_word_written_as_one() {
        assert_eq!(how("data drinks", "datadrinks"), Some(How::Exact));
    }

    #[test]
    fn synonyms_cross_languages() {
        assert_eq!(how("GDPR", "rgpd"), Some(How::Synonym));
        assert_eq!(how("AI", "ia"), Some(How::Synonym));
    }

    #[test]
    fn synonym_phrases_must_be_whole() {
        let (_, index) = crate::search::embedded();
        let words = resolve(&tag("CGU"), index);
        // `terms of service` is a synonym of CGU, but `service` alone must not match.
        let service = index.word("services").unwrap();
        assert!(!words[0].matches.contains_key(&service));
        let mut finder = Finder::new(&words, index);
        let mut hits = vec![Vec::new()];
        let mut synonym_hits = 0;
        for e in 0..index.entity_count as u32 {
            finder.entity(e, &mut hits);
            synonym_hits += hits[0].iter().filter(|h| h.how == How::Synonym).count();
        }
        assert!(synonym_hits > 0);
    }
}
