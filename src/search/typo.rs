//! Typo tolerance: an edit budget that grows with the word, and "did you mean" suggestions.

use super::index::Index;
use super::params::{SHORT_WORD, SUGGESTION_SIMILARITY, typo_budget as budget};

/// Catalogue words within the edit budget of `folded` (same first letter, optimal string
/// alignment distance, so a swap of two letters is one edit).
pub fn within_budget(folded: &str, index: &Index) -> Vec<u32> {
    let len = folded.chars().count();
    let budget = budget(len);
    if budget == 0 {
        return Vec::new();
    }
    // Only words with the same first letter are compared: a range of the words in folded order.
    let Some(first) = folded.chars().next() else {
        return Vec::new();
    };
    let mut buf = [0; 4];
    index
        .with_prefix(first.encode_utf8(&mut buf))
        .filter(|&w| {
            let w = index.words.folded(w);
            let wlen = w.chars().count();
            wlen.abs_diff(len) <= budget
                && wlen > SHORT_WORD
                && strsim::osa_distance(folded, w) <= budget
        })
        .collect()
}

/// The catalogue word nearest to `folded`, when it is near enough to suggest.
pub fn nearest(folded: &str, index: &Index) -> Option<u32> {
    let len = folded.chars().count();
    if len <= SHORT_WORD {
        return None;
    }
    index
        .words
        .iter()
        .enumerate()
        .filter(|&(i, (w, _))| {
            let wlen = w.chars().count();
            // Two edits at most: the lengths tell at once (and keep a 1 MB word cheap).
            index.in_entities[i] && wlen > SHORT_WORD && wlen.abs_diff(len) <= 2
        })
        .filter(|(_, (w, _))| strsim::osa_distance(folded, w) <= 2)
        .map(|(i, (w, _))| (strsim::normalized_damerau_levenshtein(folded, w), i))
        .filter(|(similarity, _)| *similarity >= SUGGESTION_SIMILARITY)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, i)| i as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(found: Vec<u32>, index: &Index) -> Vec<String> {
        found
            .into_iter()
            .map(|w| index.words.folded(w).to_string())
            .collect()
    }

    #[test]
    fn budget_grows_with_length() {
        assert_eq!(
            [budget(3), budget(4), budget(5), budget(8), budget(9)],
            [0, 0, 1, 1, 2]
        );
    }

    #[test]
    fn forgives_typos_within_budget() {
        let index = &crate::search::embedded().1;
        assert!(
            words(within_budget("pseudonimisation", index), index)
                .contains(&"pseudonymisation".to_string())
        );
        assert!(
            words(within_budget("acessibilite", index), index)
                .contains(&"accessibilite".to_string())
        );
    }

    #[test]
    fn never_corrects_short_words() {
        let index = &crate::search::embedded().1;
        assert!(within_budget("ian", index).is_empty());
        assert!(within_budget("bam", index).is_empty());
    }

    #[test]
    fn suggests_a_near_word() {
        let index = &crate::search::embedded().1;
        let w = nearest("incubatuer", index).unwrap();
        assert_eq!(index.words.folded(w), "incubateur");
        assert!(nearest("meteo", index).is_none());
    }
}
