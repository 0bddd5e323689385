//! How much of a name or topic of several words a question covers without naming it whole,
//! by how much each of its words says: `sirene` is most of «Base Sirene» (`base` is a word
//! anybody writes), `intelligence` a part of «intelligence artificielle». Read from the words
//! the index keeps of each text, with each word's weight looked up once a question.

use super::index::{Field, FieldInstance, Index};
use super::resolve::{How, QueryWord};
use super::weigh::specificity_with;
use crate::hash::FastMap;
use crate::lang::Lang;

/// The cover of the texts of one question.
pub struct Cover<'a> {
    index: &'a Index,
    language: Option<Lang>,
    /// Catalogue word → the question words that match it other than by a prefix (bit `q`).
    asked: FastMap<u32, u64>,
    /// Per catalogue word, how much it says (NaN: not looked up yet).
    says: Vec<f64>,
}

impl<'a> Cover<'a> {
    /// Whether a text can be covered in part: a name or topic of several words.
    pub fn wanted(text: &FieldInstance) -> bool {
        text.len >= 2 && matches!(text.field.field(), Field::Name | Field::Topic)
    }

    pub fn new(words: &[QueryWord], index: &'a Index, language: Option<Lang>) -> Cover<'a> {
        let mut asked: FastMap<u32, u64> = FastMap::default();
        for (q, word) in words.iter().enumerate().take(64) {
            for (&w, &how) in &word.matches {
                if how != How::Prefix {
                    *asked.entry(w).or_default() |= 1 << q;
                }
            }
        }
        Cover {
            index,
            language,
            asked,
            says: vec![f64::NAN; index.words.len()],
        }
    }

    /// Of text `instance` (its words from `start` in the index), found by the question words
    /// `bits`: the share of its words' weight those cover, when it is a name or topic of
    /// several words found in part; 0 otherwise (not found, or found whole: the keyword
    /// features say so).
    pub fn of(&mut self, instance: usize, start: usize, bits: u64) -> f32 {
        let index = self.index;
        let Some(text) = index.instances.get(instance).filter(|t| Cover::wanted(t)) else {
            return 0.0;
        };
        let (mut covered, mut all) = (0.0, 0.0);
        for w in index.tokens_at(start, text.len as usize) {
            let Some(slot) = self.says.get_mut(w as usize) else {
                continue;
            };
            if slot.is_nan() {
                *slot = specificity_with(index.words.folded(w), || index.zipf_of(w), self.language);
            }
            let says = *slot;
            all += says;
            if self.asked.get(&w).is_some_and(|&a| a & bits != 0) {
                covered += says;
            }
        }
        if all <= 0.0 || covered <= 0.0 || covered >= all {
            return 0.0;
        }
        (covered / all) as f32
    }
}

#[cfg(test)]
mod tests {
    use crate::search::Query;
    use crate::search::features::{self, Own};

    /// The `part_cover` feature of entity `id` for `question`, on the embedded catalogue.
    fn cover(question: &str, id: &str) -> f64 {
        let (catalogue, index) = crate::search::embedded();
        let query = Query::read(question, index);
        let ranked = crate::search::rank::rank(&query.words, index, query.language);
        let e = catalogue.position(id).expect("an id of the catalogue");
        let s = ranked
            .iter()
            .find(|s| s.entity as usize == e)
            .expect("ranked");
        let own = Own {
            explained: &s.explained,
            weights: &query.weights,
            everyday: &query.everyday,
            personal: query.personal,
            score: s.score,
            texts: &s.texts,
            route: false,
            named: false,
        };
        features::get(
            &features::features(&[own], query.words.len())[0],
            "part_cover",
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
