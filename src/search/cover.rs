//! How much of a name or topic of several words a question covers without naming it whole,
//! by how much each of its words says: `sirene` is most of «Base Sirene» (`base` is a word
//! anybody writes), `intelligence` a part of «intelligence artificielle».

use super::Query;
use super::index::{Field, Index};
use super::resolve::How;
use super::weigh::specificity;
use crate::catalogue::Entity;
use crate::text::tokenise::{split_words, word_forms};

/// For one candidate (`entity`, with the `texts` the question found in it and the question's
/// `weights` for it): over its names and topics of several words found but not whole, the
/// largest share of the text's specificity the question covers, times the share of the
/// question's weight that covers it. 0 when there is none.
pub fn part_cover(
    entity: &Entity,
    texts: &[(u64, u32, u32)],
    query: &Query,
    weights: &[f64],
    index: &Index,
) -> f64 {
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    let asks = |bits: u64, w: u32| {
        (query.words.iter().enumerate().take(64)).any(|(q, word)| {
            bits & (1 << q) != 0 && word.matches.get(&w).is_some_and(|h| *h != How::Prefix)
        })
    };
    (texts.iter())
        .filter_map(|&(bits, len, instance)| {
            let field = index.instances.get(instance as usize)?.field;
            if len < 2 || !matches!(field.field(), Field::Name | Field::Topic) {
                return None;
            }
            let (mut covered, mut all) = (0.0, 0.0);
            for (_, folded) in split_words(field.text(entity)).filter_map(word_forms) {
                let says = specificity(&folded, query.language);
                all += says;
                if index.word(&folded).is_some_and(|w| asks(bits, w)) {
                    covered += says;
                }
            }
            // Whole, or nothing of it: the keyword features say so already.
            if all <= 0.0 || covered <= 0.0 || covered >= all {
                return None;
            }
            let asked: f64 = (weights.iter().enumerate().take(64))
                .filter(|(q, _)| bits & (1 << q) != 0)
                .map(|(_, w)| w)
                .sum();
            Some(covered / all * asked / total)
        })
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The part cover of entity `id` for `question`, on the embedded catalogue.
    fn cover(question: &str, id: &str) -> f64 {
        let (catalogue, index) = crate::search::embedded();
        let query = Query::read(question, index);
        let ranked = crate::search::rank::rank(&query.words, index);
        let e = catalogue.position(id).expect("an id of the catalogue");
        let s = ranked
            .iter()
            .find(|s| s.entity as usize == e)
            .expect("ranked");
        part_cover(
            &catalogue.entities[e],
            &s.texts,
            &query,
            &query.weights,
            index,
        )
    }

    #[test]
    fn the_specific_word_of_a_topic_covers_most_of_it() {
        let sirene = cover("sirene", "data-gouv");
        assert!(sirene > 0.5, "{sirene}");
        // Nothing of a topic in the question: no cover.
        assert_eq!(cover("logiciel libre", "data-gouv"), 0.0);
    }

    #[test]
    fn a_common_word_of_a_topic_covers_little_of_it() {
        let common = cover("intelligence", "lab-ia");
        let specific = cover("sirene", "data-gouv");
        assert!(common < specific, "{common} ≥ {specific}");
    }
}
