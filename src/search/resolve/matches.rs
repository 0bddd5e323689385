//! Stage 5a: the catalogue words one question word matches, one strategy a function: exact
//! form, prefix, shared stem; failing those, an elision typed without its apostrophe; failing
//! that, a typo.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::index::Index;
use super::super::stem::{self, Keys, MAX_STEMMED_WORD};
use super::super::typo;
use crate::text::tokenise::{ELISIONS, Token};

/// How a word of the question matched a word of the catalogue, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum How {
    Exact,
    Stem,
    Synonym,
    Prefix,
    Typo,
}

impl How {
    pub fn as_str(self) -> &'static str {
        match self {
            How::Exact => "exact",
            How::Stem => "stem",
            How::Synonym => "synonym",
            How::Prefix => "prefix",
            How::Typo => "typo",
        }
    }
}

use super::super::params::{MIN_PREFIX_STEM, MIN_PREFIX_WORD};

/// Catalogue words matching one question word, each with the best way it does.
pub type Found = BTreeMap<u32, How>;

fn add(found: &mut Found, w: u32, how: How) {
    let best = found.entry(w).or_insert(how);
    *best = (*best).min(how);
}

/// Catalogue words matching one question word, by exact form, stem, prefix, or else typo.
pub fn word_matches(token: &Token, index: &Index) -> Found {
    let mut found = Found::new();
    if let Some(w) = exact(token, index) {
        add(&mut found, w, How::Exact);
    }
    if token.folded.len() > MAX_STEMMED_WORD {
        // No word is that long: match it exactly or not at all (and keep it cheap).
        return found;
    }
    for w in prefixed(token, index) {
        add(&mut found, w, How::Prefix);
    }
    for (w, how) in stemmed(token, index) {
        add(&mut found, w, how);
    }
    if found.is_empty()
        && !is_word(token)
        && let Some(rest) = without_elision(token, index)
    {
        return rest;
    }
    // A word of the general language (`caution`) is not a typo of a catalogue word (`action`);
    // another word may be one, even where a stem matched (`donées`: `donnée` and `données`).
    // A typo says the word is that one mistyped; a prefix only that it starts it
    // (`personnal` is `personal`, which its stem's prefix also found).
    if exact(token, index).is_none() && !is_word(token) {
        for w in typo::within_budget(&token.folded, index) {
            let how = found.entry(w).or_insert(How::Typo);
            if *how == How::Prefix {
                *how = How::Typo;
            }
        }
    }
    found
}

/// Whether the word is one of the general language (French or English), not a typo nor two
/// words typed as one.
pub fn is_word(token: &Token) -> bool {
    super::super::specificity::zipf(&token.folded).is_some()
}

/// The catalogue word spelt as the question's.
fn exact(token: &Token, index: &Index) -> Option<u32> {
    index.word(&token.folded)
}

/// Longer catalogue words that the question's word starts, if it is long enough.
fn prefixed(token: &Token, index: &Index) -> Vec<u32> {
    if token.folded.chars().count() < MIN_PREFIX_WORD {
        return Vec::new();
    }
    index.with_prefix(&token.folded).collect()
}

/// Catalogue words sharing a stem with the question's (`How::Stem`), or whose stem one of its
/// stems starts (`How::Prefix`).
fn stemmed(token: &Token, index: &Index) -> Vec<(u32, How)> {
    let keys = stem::keys(token);
    // Stemmers change the ends of words, not their first two letters (stems are 3 letters at
    // least): only words starting the same way can share a stem, and only theirs are computed.
    let start: String = token.folded.chars().take(2).collect();
    index
        .with_prefix(&start)
        .filter_map(|w| {
            let theirs = index.keys_of(w);
            if keys.meet(&theirs) {
                Some((w, How::Stem))
            } else {
                stems_overlap(&keys, &theirs).then_some((w, How::Prefix))
            }
        })
        .collect()
}

/// `laccessibilite`, `startup detat`: an elision typed without its apostrophe, matched as the
/// word after it.
fn without_elision(token: &Token, index: &Index) -> Option<Found> {
    let rest = unelided(&token.folded)?;
    let rest = Token::content(rest.to_string(), rest.to_string(), token.position);
    let found = word_matches(&rest, index);
    (!found.is_empty()).then_some(found)
}

/// Two catalogue words that, typed together, make `folded` (`datascience` → `data`,
/// `science`): the split with the longest first word, each part of 3 letters or more.
pub fn compound(folded: &str, index: &Index) -> Option<[u32; 2]> {
    if folded.len() > MAX_STEMMED_WORD {
        return None;
    }
    let ends: Vec<usize> = folded.char_indices().map(|(i, _)| i).skip(3).collect();
    ends.iter().rev().find_map(|&i| {
        let (left, right) = folded.split_at(i);
        if right.chars().count() < 3 {
            return None;
        }
        Some([index.word(left)?, index.word(right)?])
    })
}

/// The word after an elided article typed without its apostrophe (`detat` → `etat`,
/// `laccessibilite` → `accessibilite`): an elision before a vowel or an h.
fn unelided(folded: &str) -> Option<&str> {
    ELISIONS
        .iter()
        .filter_map(|(e, _)| folded.strip_prefix(e).map(|rest| (e.len(), rest)))
        .filter(|(_, rest)| {
            rest.starts_with(['a', 'e', 'i', 'o', 'u', 'y', 'h']) && rest.chars().count() >= 3
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, rest)| rest)
}

/// Whether one stem starts another of the same language: the question's (long enough) stem
/// starts a catalogue stem (`pseudonym` / `pseudonymis`), or a catalogue stem covering most
/// of the question's starts it (`cadastr` for `cadastral`, but not `acces` for `accesibil`).
fn stems_overlap(ours: &Keys, theirs: &Keys) -> bool {
    ours.stems.iter().any(|q| {
        let len = q.text.chars().count();
        len >= MIN_PREFIX_STEM
            && theirs.stems.iter().any(|c| {
                let clen = c.text.chars().count();
                q.lang == c.lang
                    && (c.text.starts_with(&*q.text)
                        || (q.text.starts_with(&*c.text)
                            && clen >= MIN_PREFIX_STEM.max((len * 3).div_ceil(4))))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenise::tokenise;

    fn index() -> &'static Index {
        &crate::search::embedded().1
    }

    fn token(word: &str) -> Token {
        tokenise(word).remove(0)
    }

    #[test]
    fn exact_finds_the_same_spelling_only() {
        let index = index();
        assert!(exact(&token("SILL"), index).is_some());
        assert!(exact(&token("sills"), index).is_none());
    }

    #[test]
    fn prefixed_needs_a_long_enough_word() {
        let index = index();
        let pseudo = index.word("pseudonymisation").unwrap();
        assert!(prefixed(&token("pseudonym"), index).contains(&pseudo));
        assert!(prefixed(&token("pseu"), index).is_empty());
    }

    #[test]
    fn stemmed_meets_inflections() {
        let index = index();
        let logiciel = index.word("logiciel").unwrap();
        assert!(stemmed(&token("logiciels"), index).contains(&(logiciel, How::Stem)));
    }

    #[test]
    fn without_elision_retries_the_word_after_it() {
        let index = index();
        let found = without_elision(&token("laccessibilite"), index).unwrap();
        assert_eq!(found[&index.word("accessibilite").unwrap()], How::Exact);
        assert!(without_elision(&token("planning"), index).is_none());
    }

    #[test]
    fn typos_only_when_nothing_else_matched() {
        let index = index();
        let found = word_matches(&token("acessibilite"), index);
        assert_eq!(found[&index.word("accessibilite").unwrap()], How::Typo);
        // `libres` matches by stem, so it is not also "corrected" into other words.
        let found = word_matches(&token("libres"), index);
        assert!(found.keys().all(|&w| index.words.folded(w) != "livre"));
    }

    #[test]
    fn a_typo_is_that_word_even_where_a_stem_s_prefix_found_it() {
        let index = index();
        let found = word_matches(&token("personnal"), index);
        assert_eq!(found[&index.word("personal").unwrap()], How::Typo);
        // Words it only starts stay prefixes.
        assert_eq!(found[&index.word("personnelles").unwrap()], How::Prefix);
    }

    #[test]
    fn words_of_the_language_are_not_typos() {
        let index = index();
        let found = word_matches(&token("caution"), index);
        assert!(found.values().all(|&how| how != How::Typo));
        let found = word_matches(&token("donées"), index);
        assert!(found.contains_key(&index.word("donnees").unwrap()));
    }

    #[test]
    fn elisions_typed_without_apostrophe() {
        assert_eq!(unelided("detat"), Some("etat"));
        assert_eq!(unelided("laccessibilite"), Some("accessibilite"));
        assert_eq!(unelided("planning"), None);
        assert_eq!(unelided("lbc"), None);
    }
}
