//! Search: a pipeline of small pure stages.
//!
//! normalise → tokenise → stem → index → resolve (exact, stem, prefix, synonym, typo) → rank
//! (BM25F) → route (the guide's prescribed orders) → explain.

pub mod explain;
pub mod index;
pub mod rank;
pub mod resolve;
pub mod route;
pub mod specificity;
pub mod stem;
pub mod typo;

use serde::Serialize;

use crate::catalogue::Catalogue;
use explain::Why;
pub use index::Index;

/// Below this score a match is noise: a very common word, or a typo in a long description.
pub const MIN_SCORE: f64 = 1.0;
/// A match scoring less than this share of the best one is not worth showing.
pub const RELATIVE_CUTOFF: f64 = 0.25;
/// Without a whole name or topic in the question, a match must cover this share of its words.
pub const MIN_COVERAGE: f64 = 0.66;

/// Where an entity stands in an order the guide prescribes.
#[derive(Debug, Clone, Serialize)]
pub struct Order {
    /// Id of the route.
    pub route: String,
    /// 1-based step.
    pub step: usize,
    /// Number of steps.
    pub steps: usize,
    /// `first` or `then`.
    pub label: &'static str,
    /// The guide's words for this step (e.g. `en premier lieu`).
    pub role: String,
    /// The guide's advice.
    pub note: String,
    /// The words of the question that triggered it.
    pub trigger: String,
}

/// One entity in an answer.
#[derive(Debug, Clone)]
pub struct Match<'a> {
    /// Index of the entity in the catalogue.
    pub entity: usize,
    /// Strength of the textual evidence.
    pub score: f64,
    pub why: Vec<Why<'a>>,
    pub order: Option<Order>,
}

/// What search found for a question.
#[derive(Debug, Clone, Default)]
pub struct Answer<'a> {
    /// Best first: the prescribed order first, then by score.
    pub matches: Vec<Match<'a>>,
    /// Whether the question had any word that is not a stop word.
    pub had_words: bool,
    /// (question word, nearest catalogue word) for words that matched nothing.
    pub suggestions: Vec<(String, String)>,
}

/// Answers `question` from `catalogue` (indexed as `index`).
pub fn search<'a>(catalogue: &'a Catalogue, index: &'a Index, question: &str) -> Answer<'a> {
    let words = resolve::resolve(question, index);
    let mut answer = Answer {
        had_words: !words.is_empty(),
        ..Answer::default()
    };
    let ranked = rank::rank(&words, index);
    let fired = route::fire(&words, &catalogue.routes, index);
    let best = ranked.first().map_or(0.0, |s| s.score);
    let cutoff = MIN_SCORE.max(best * RELATIVE_CUTOFF);

    let mut shown = vec![false; catalogue.entities.len()];
    for fired in &fired {
        let steps = fired.route.steps.len();
        for (i, step) in fired.route.steps.iter().enumerate() {
            let Some(e) = catalogue.entities.iter().position(|e| e.id == step.entity) else {
                continue;
            };
            if std::mem::replace(&mut shown[e], true) {
                continue;
            }
            let scored = ranked.iter().find(|s| s.entity as usize == e);
            answer.matches.push(Match {
                entity: e,
                score: scored.map_or(0.0, |s| s.score),
                why: scored.map_or_else(Vec::new, |s| explain::why(s, &words, index, catalogue)),
                order: Some(Order {
                    route: fired.route.id.to_string(),
                    step: i + 1,
                    steps,
                    label: if i == 0 { "first" } else { "then" },
                    role: step.role.to_string(),
                    note: fired.route.note.to_string(),
                    trigger: fired.trigger.to_string(),
                }),
            });
        }
    }
    let worth = |s: &&rank::Scored| s.score >= cutoff && (s.complete || s.coverage >= MIN_COVERAGE);
    for scored in ranked.iter().filter(worth) {
        let e = scored.entity as usize;
        if std::mem::replace(&mut shown[e], true) {
            continue;
        }
        answer.matches.push(Match {
            entity: e,
            score: scored.score,
            why: explain::why(scored, &words, index, catalogue),
            order: None,
        });
    }
    if answer.matches.is_empty() {
        answer.suggestions = explain::suggestions(&words, index);
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{normalise, tokenise};
    use proptest::prelude::*;

    fn catalogue() -> &'static (Catalogue, Index) {
        use std::sync::OnceLock;
        static BUILT: OnceLock<(Catalogue, Index)> = OnceLock::new();
        BUILT.get_or_init(|| {
            let catalogue = Catalogue::embedded();
            let index = Index::build(&catalogue);
            (catalogue, index)
        })
    }

    fn summary(answer: &Answer) -> Vec<(usize, String, Option<String>)> {
        answer
            .matches
            .iter()
            .map(|m| {
                (
                    m.entity,
                    format!("{:.9}", m.score),
                    m.order.as_ref().map(|o| o.route.clone()),
                )
            })
            .collect()
    }

    /// Questions made of catalogue words, typos of them, and anything at all.
    fn question() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            Just("données".to_string()),
            Just("juridique".to_string()),
            Just("CNIL".to_string()),
            Just("l'accessibilité".to_string()),
            Just("free".to_string()),
            "[a-zéèœ'’ -]{0,12}",
            any::<String>(),
        ];
        prop::collection::vec(word, 0..8).prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn search_never_panics_and_is_deterministic(q in question()) {
            let (catalogue, index) = catalogue();
            let first = search(catalogue, index, &q);
            let second = search(catalogue, index, &q);
            prop_assert_eq!(summary(&first), summary(&second));
            for m in &first.matches {
                prop_assert!(m.score.is_finite() && m.score >= 0.0);
            }
        }

        #[test]
        fn normalisation_is_idempotent(s in any::<String>()) {
            let once = normalise::fold(&s);
            prop_assert_eq!(normalise::fold(&once), once);
        }

        #[test]
        fn tokens_are_never_empty_nor_stop_words(s in any::<String>()) {
            for token in tokenise::tokenise(&s) {
                prop_assert!(!token.folded.is_empty());
                prop_assert!(!tokenise::is_stop_word(&token.folded));
            }
        }
    }
}
