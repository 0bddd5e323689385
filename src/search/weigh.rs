//! Stage 6: how much each word of the question says. A word anybody writes (`adresse`,
//! `question`, `data`) weighs little, a specific one (`pseudonymisation`, `SILL`) fully; the
//! weight comes from general French and English word frequencies ([`super::specificity`]), so
//! it is the same whatever the catalogue.

use super::index::Index;
use super::params::{MIN_WEIGHT, NUMBER_WEIGHT, ZIPF_NOTHING, ZIPF_RANGE};
use super::resolve::{How, QueryWord};
use super::specificity::{commonness, commonness_of};
use crate::lang::Lang;

/// How much a word says, from how common it is in general language (see
/// [`super::params::ZIPF_NOTHING`]). A token longer than any word of any language (pasted
/// data, hostile input) weighs the least, and one with a digit little.
pub fn specificity(folded: &str, language: Option<Lang>) -> f64 {
    specificity_with(folded, || super::specificity::zipf(folded), language)
}

/// [`specificity`], the word's Zipf frequencies given by `zipf` (looked up only when needed:
/// the embedded index keeps its words' in its static data).
pub fn specificity_with(
    folded: &str,
    zipf: impl FnOnce() -> Option<(u8, u8)>,
    language: Option<Lang>,
) -> f64 {
    if folded.len() > super::stem::MAX_STEMMED_WORD {
        return MIN_WEIGHT;
    }
    if folded.bytes().any(|b| b.is_ascii_digit()) {
        return NUMBER_WEIGHT;
    }
    let zipf = commonness_of(zipf(), language);
    ((ZIPF_NOTHING - zipf) / ZIPF_RANGE).clamp(MIN_WEIGHT, 1.0)
}

/// The weight of each word of the question. A word outside the general language that matched
/// catalogue words (a typo, `donées`) weighs what the lightest of those weighs: what was meant.
/// The parts of one typed word (`beta.gouv.fr`, `datascience`) share the weight of its
/// heaviest part: one word says one thing. `language` is the question's
/// ([`super::specificity::language`]).
pub fn weights(words: &[QueryWord], index: &Index, language: Option<Lang>) -> Vec<f64> {
    let mut weights = own_weights(words, index, language);
    let mut start = 0;
    for end in 1..=words.len() {
        if end == words.len() || !words[end].token.joined {
            let part = &mut weights[start..end];
            let heaviest = part.iter().copied().fold(0.0, f64::max);
            let share = heaviest / part.len() as f64;
            part.fill(share);
            start = end;
        }
    }
    weights
}

/// Each word's weight on its own.
fn own_weights(words: &[QueryWord], index: &Index, language: Option<Lang>) -> Vec<f64> {
    words
        .iter()
        .map(|w| {
            let own = specificity(&w.token.folded, language);
            if commonness(&w.token.folded) > 0.0 {
                return own;
            }
            // A typo of a question frame's word (`who handels`, `contcat`) says nothing
            // either, even when it is also one letter off a catalogue word (`contrat`).
            let guessed = w.matches.values().all(|&how| how == How::Typo);
            if guessed && crate::text::tokenise::is_stop_typo(&w.token.folded) {
                return 0.0;
            }
            w.matches
                .keys()
                .map(|&m| specificity(index.words.folded(m), language))
                .fold(own, f64::min)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_words_weigh_less_than_specific_ones() {
        assert!(specificity("pseudonymisation", None) > 0.99);
        assert!(specificity("sill", None) > specificity("donnees", None));
        assert!(specificity("siret", None) > specificity("adresse", None));
        assert!(specificity("adresse", None) < 0.7);
        assert!(specificity("de", None) <= 0.15);
        assert_eq!(specificity(&"z".repeat(100), None), MIN_WEIGHT);
        assert_eq!(specificity("31m", None), NUMBER_WEIGHT);
    }
}
