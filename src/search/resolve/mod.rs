//! Stage 5: resolve each word of a question to the catalogue words it matches, and how.
//!
//! Exact, then stem, then prefix; a typo is tried only for a word none of those found (one
//! function a strategy, in [`matches`]).
//! Synonym groups from the catalogue (`RGPD`/`GDPR`, `CGU`/`terms of use`) then add what the
//! other members of the group match; a phrase member must be found whole in one text.

use std::collections::BTreeMap;

use crate::hash::{FastMap, FastSet};

mod matches;

use matches::compound;
pub use matches::{How, is_word, word_matches};

use super::index::{Index, Posting, Postings};
use crate::text::tokenise::Token;

/// One place in the catalogue a question word matched.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub posting: Posting,
    pub word: u32,
    pub how: How,
}

/// A word of the question, resolved.
#[derive(Debug, Clone)]
pub struct QueryWord {
    pub token: Token,
    /// Catalogue words it matches, each with the best way it does.
    pub matches: BTreeMap<u32, How>,
    /// Synonym phrases it stands for: for each word of the phrase, the catalogue words that
    /// can fill that place.
    pub phrases: Vec<Vec<Vec<u32>>>,
    /// Where in the catalogue its matches (and whole synonym phrases) stand, in catalogue
    /// order (so grouped by entity).
    pub hits: Vec<Hit>,
}

impl QueryWord {
    fn new(matches: BTreeMap<u32, How>, token: Token) -> Self {
        QueryWord {
            token,
            matches,
            phrases: Vec::new(),
            hits: Vec::new(),
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
    find_hits(&mut words, index);
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

/// A word without its inflectional ending (`publishing`, `published` → `publish`; `données`
/// → `donne`), to tell an inflection from a derivation (`accessibility` is not `access`).
fn inflection_base(word: &str) -> &str {
    let word = ["ing", "ed", "es", "s", "x"]
        .iter()
        .find_map(|end| word.strip_suffix(end).filter(|w| w.len() >= 3))
        .unwrap_or(word);
    word.strip_suffix('e').unwrap_or(word)
}

/// Fills each question word's hits, in catalogue order, from one scan of the index: the
/// places of its matches and of whole synonym phrases.
fn find_hits(words: &mut [QueryWord], index: &Index) {
    let mut wanted = vec![false; index.words.len()];
    // Catalogue word → the question words that match it, and how.
    let mut askers: FastMap<u32, Vec<(usize, How)>> = FastMap::default();
    for (q, word) in words.iter().enumerate() {
        for (&w, &how) in &word.matches {
            wanted[w as usize] = true;
            askers.entry(w).or_default().push((q, how));
        }
    }
    let phrase_words: FastSet<u32> = words
        .iter()
        .flat_map(|w| w.phrases.iter().flatten().flatten().copied())
        .collect();
    for &w in &phrase_words {
        wanted[w as usize] = true;
    }
    let mut phrase_postings = Postings::default();
    index.scan(&wanted, |posting, w| {
        for &(q, how) in askers.get(&w).into_iter().flatten() {
            words[q].hits.push(Hit {
                posting,
                word: w,
                how,
            });
        }
        if phrase_words.contains(&w) {
            phrase_postings.entry(w).or_default().push(posting);
        }
    });
    for word in words.iter_mut().filter(|w| !w.phrases.is_empty()) {
        for slots in &word.phrases {
            word.hits.extend(phrase_hits(slots, &phrase_postings));
        }
        // Back in catalogue order (stable: a place's first hit stays first).
        word.hits
            .sort_by_key(|h| (h.posting.instance, h.posting.position));
    }
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
                        How::Stem => {
                            inflection_base(&asked.token.folded)
                                == inflection_base(index.words.folded(w))
                        }
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

/// Where a synonym phrase stands whole: its words in order and adjacent in one text. Each
/// word's postings are in catalogue order: whether one stands at a place is a binary search.
fn phrase_hits(slots: &[Vec<u32>], postings: &Postings) -> Vec<Hit> {
    let stands = |w: &u32, place: &Posting| {
        (postings.get(w)).is_some_and(|places| places.binary_search(place).is_ok())
    };
    let Some((first, rest)) = slots.split_first() else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    for &w in first {
        for posting in postings.get(&w).into_iter().flatten() {
            let whole = rest.iter().enumerate().all(|(j, slot)| {
                let next = Posting {
                    instance: posting.instance,
                    position: posting.position + 1 + j as u32,
                };
                slot.iter().any(|v| stands(v, &next))
            });
            if whole {
                hits.push(Hit {
                    posting: *posting,
                    word: w,
                    how: How::Synonym,
                });
            }
        }
    }
    hits
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
        let synonym_hits = words[0]
            .hits
            .iter()
            .filter(|h| h.how == How::Synonym)
            .count();
        assert!(synonym_hits > 0);
    }
}
