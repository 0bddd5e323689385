//! Stage 7: the "not us" decision. A confident answer needs the question's *subject* to be
//! covered, not one incidental word of it.
//!
//! - Each content word of the question weighs what it says: a word anybody writes (`adresse`,
//!   `question`, `data`) weighs little, a specific one (`pseudonymisation`, `SILL`) fully. The
//!   weight comes from general French and English word frequencies ([`super::specificity`]).
//! - An entity explains a word by matching it; a match in what the team does for you (name,
//!   topics, services, needs) explains it fully, one in a resource title a little less, and an
//!   incidental mention (summary, facts: the example of a simulator, a dataset named in
//!   passing) only half.
//! - Its coverage is the weight it explains over the weight of the whole question. Below
//!   [`MIN_SUBJECT`], it is not an answer.

use super::index::{Field, Index};
use super::resolve::{Hit, How, QueryWord};
use super::specificity::commonness;

/// Share of the question's weight an answer must explain.
pub const MIN_SUBJECT: f64 = 0.55;

/// Lightest weight a content word can have: even `données` says something.
const MIN_WEIGHT: f64 = 0.12;

/// How much a token with a digit weighs (`2024`, `31m`): a number rarely names a subject.
const NUMBER_WEIGHT: f64 = 0.3;

/// How much a word of the question weighs, from how common it is in general language: Zipf
/// 3.5 or less (rarer than once in 300,000 words) weighs 1, Zipf 7 (`de`) nearly nothing.
/// A token longer than any word of any language (pasted data, hostile input) weighs the
/// least, and one with a digit little.
pub fn specificity(folded: &str) -> f64 {
    if folded.len() > super::stem::MAX_STEMMED_WORD {
        return MIN_WEIGHT;
    }
    if folded.bytes().any(|b| b.is_ascii_digit()) {
        return NUMBER_WEIGHT;
    }
    let zipf = commonness(folded);
    ((7.0 - zipf) / 3.5).clamp(MIN_WEIGHT, 1.0)
}

/// The weight of each word of the question. A word outside the general language that matched
/// catalogue words (a typo, `donées`) weighs what the lightest of those weighs: what was meant.
pub fn weights(words: &[QueryWord], index: &Index) -> Vec<f64> {
    words
        .iter()
        .map(|w| {
            let own = specificity(&w.token.folded);
            if commonness(&w.token.folded) > 0.0 {
                return own;
            }
            // A typo of a question frame's word (`who handels`) says nothing either.
            if w.matches.is_empty() && crate::text::filler::is_filler_typo(&w.token.folded) {
                return 0.0;
            }
            w.matches
                .keys()
                .map(|&m| specificity(&index.words[m as usize].folded))
                .fold(own, f64::min)
        })
        .collect()
}

/// How fully a match in `field` explains a word: what the team does for you, or a mention.
pub fn field_tier(field: Field) -> f64 {
    match field {
        Field::Name | Field::Topic | Field::Service | Field::Need => 1.0,
        Field::Resource => 0.8,
        Field::Summary | Field::Fact => 0.5,
    }
}

/// How fully a kind of match explains a word.
fn how_tier(how: How) -> f64 {
    match how {
        How::Exact => 1.0,
        How::Stem => 0.9,
        How::Synonym | How::Typo => 0.85,
        How::Prefix => 0.7,
    }
}

/// How fully a word of a name or topic explains a question word when the rest of that name
/// or topic is not in the question (`informatique` of `informatique et libertés`).
const PART_OF_KEYWORD: f64 = 0.6;

/// Per question word, how fully one entity explains it (0 to 1), from all its hits there
/// (`hits_of(q)`); `whole` lists the entity's names and topics found whole in the question.
pub fn explained<'h>(
    words: usize,
    hits_of: impl Fn(usize) -> &'h [Hit],
    whole: &[u32],
    index: &Index,
) -> Vec<f64> {
    (0..words)
        .map(|q| {
            hits_of(q)
                .iter()
                .map(|hit| {
                    let instance = &index.instances[hit.posting.instance as usize];
                    let field = instance.field.field();
                    let partial = matches!(field, Field::Name | Field::Topic)
                        && instance.len > 1
                        && whole.binary_search(&hit.posting.instance).is_err();
                    field_tier(field)
                        * how_tier(hit.how)
                        * if partial { PART_OF_KEYWORD } else { 1.0 }
                })
                .fold(0.0, f64::max)
        })
        .collect()
}

/// Share of the question's weight that `explained` covers.
pub fn coverage(explained: &[f64], weights: &[f64]) -> f64 {
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    explained
        .iter()
        .zip(weights)
        .map(|(e, w)| e * w)
        .sum::<f64>()
        / total
}

/// Word by word, the better of two explanations.
pub fn union(a: &[f64], b: &[f64]) -> Vec<f64> {
    a.iter().zip(b).map(|(x, y)| x.max(*y)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_words_weigh_less_than_specific_ones() {
        assert!(specificity("pseudonymisation") > 0.99);
        assert!(specificity("sill") > specificity("donnees"));
        assert!(specificity("siret") > specificity("adresse"));
        assert!(specificity("adresse") < 0.7);
        assert!(specificity("de") <= 0.15);
        assert_eq!(specificity(&"z".repeat(100)), MIN_WEIGHT);
        assert_eq!(specificity("31m"), NUMBER_WEIGHT);
    }

    #[test]
    fn coverage_is_the_explained_share_of_the_weight() {
        let weights = [1.0, 0.5, 0.5];
        assert_eq!(coverage(&[1.0, 0.0, 0.0], &weights), 0.5);
        assert_eq!(coverage(&[1.0, 1.0, 1.0], &weights), 1.0);
        assert_eq!(coverage(&[0.0, 0.5, 0.5], &weights), 0.25);
        assert_eq!(coverage(&[], &[]), 0.0);
    }

    #[test]
    fn a_mention_explains_less_than_a_service() {
        assert!(field_tier(Field::Summary) < field_tier(Field::Resource));
        assert!(field_tier(Field::Resource) < field_tier(Field::Service));
        assert_eq!(field_tier(Field::Need), field_tier(Field::Topic));
    }

    #[test]
    fn union_keeps_the_better_explanation() {
        assert_eq!(union(&[1.0, 0.0], &[0.5, 0.7]), [1.0, 0.7]);
    }
}
