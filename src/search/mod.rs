//! Search: a pipeline of small pure stages.
//!
//! (text: normalise → tokenise, without filler) → stem → index → resolve (exact, stem, prefix,
//! synonym, typo) → rank (BM25F) → route (the guide's prescribed orders) → judge (is the
//! question's subject covered, or is it 'not us'?) → context (scope, next step, parent) →
//! explain.

pub mod context;
pub mod explain;
pub mod index;
pub mod judge;
pub mod rank;
pub mod resolve;
pub mod route;
pub mod specificity;
pub mod stem;
pub mod typo;

use std::borrow::Cow;

use serde::Serialize;

use crate::catalogue::Catalogue;
use explain::Why;
pub use index::Index;

/// Below this score a match is noise: a very common word, or a typo in a long description.
pub const MIN_SCORE: f64 = 1.0;
/// A match scoring less than this share of the best one is not worth showing.
pub const RELATIVE_CUTOFF: f64 = 0.25;
/// An entity explaining less than this share of the question cannot join an answer, even
/// together with others.
pub const MIN_PART: f64 = 0.4;
/// How much naming an entity in the question puts it ahead of others that explain as much.
const NAMED_BOOST: f64 = 2.0;
/// At most this many dropped candidates are kept.
pub const MAX_DROPPED: usize = 3;

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

/// How an entity relates to what the question named, when context put it in the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The organisation entity `.0` belongs to: the question asked for it.
    ParentOf(usize),
    /// Already consulted, by the question's own account: the next step comes first.
    AlreadySeen,
}

/// One entity in an answer.
#[derive(Debug, Clone)]
pub struct Match<'a> {
    /// Index of the entity in the catalogue.
    pub entity: usize,
    /// Strength of the textual evidence.
    pub score: f64,
    /// Share of the question's weight this entity (or its order) explains.
    pub coverage: f64,
    pub why: Vec<Why<'a>>,
    pub order: Option<Order>,
    pub relation: Option<Relation>,
}

/// A candidate left out of the answer as too weak, for hints and `--explain`.
#[derive(Debug, Clone)]
pub struct Dropped<'a> {
    pub entity: usize,
    pub coverage: f64,
    pub why: Vec<Why<'a>>,
    /// The organisation the question scoped the answer to, when that left it out.
    pub outside: Option<usize>,
}

/// What search found for a question.
#[derive(Debug, Clone, Default)]
pub struct Answer<'a> {
    /// Best first: the prescribed order first, then by score.
    pub matches: Vec<Match<'a>>,
    /// Whether the question had any word that is not a stop word or filler.
    pub had_words: bool,
    /// Candidates too weak to be an answer, best first (at most [`MAX_DROPPED`]).
    pub dropped: Vec<Dropped<'a>>,
    /// (question word, nearest catalogue word) for words that matched nothing.
    pub suggestions: Vec<(String, String)>,
}

/// A possible part of the answer: an order of the guide (its steps), or an entity.
struct Candidate<'r> {
    kind: CandidateKind,
    /// Per question word, how fully it is explained (an entity's, borrowed from its ranking).
    explained: Cow<'r, [f64]>,
    coverage: f64,
}

enum CandidateKind {
    /// Index into the fired routes.
    Route(usize),
    /// Index into the ranked entities.
    Entity(usize),
}

/// Answers `question` from `catalogue` (indexed as `index`).
pub fn search<'a>(catalogue: &'a Catalogue, index: &'a Index, question: &str) -> Answer<'a> {
    let words = resolve::resolve(question, index);
    let mut answer = Answer {
        had_words: !words.is_empty(),
        ..Answer::default()
    };
    if words.is_empty() {
        return answer;
    }
    let cues = context::cues(question);
    let ranked = rank::rank(&words, index);
    let weights = judge::weights(&words, index);
    let mut fired = route::fire(&words, &catalogue.routes, index);
    let best = ranked.first().map_or(0.0, |s| s.score);
    let cutoff = MIN_SCORE.max(best * RELATIVE_CUTOFF);
    let explained: Vec<&[f64]> = ranked.iter().map(|s| s.explained.as_slice()).collect();
    let ranked_at = |entity: usize| ranked.iter().position(|s| s.entity as usize == entity);
    let why_of = |s: &rank::Scored| explain::why(s, &words, index, catalogue);

    // "À quelle direction appartient X": X's parent, then X.
    // (The parents are mapped once, and only when the question asks for one.)
    let parents_if_asked = cues.parent.then(|| context::parents(catalogue));
    if let Some(parents) = &parents_if_asked
        && let Some((s, parent)) = ranked.iter().enumerate().find_map(|(i, s)| {
            let parent = parents[s.entity as usize].filter(|_| !s.named_by.is_empty())?;
            Some((i, parent))
        })
    {
        let named = &ranked[s];
        let entity = named.entity as usize;
        answer.matches.push(Match {
            entity: parent,
            score: named.score,
            coverage: 1.0,
            why: Vec::new(),
            order: None,
            relation: Some(Relation::ParentOf(entity)),
        });
        answer.matches.push(Match {
            entity,
            score: named.score,
            coverage: judge::coverage(explained[s], &weights),
            why: why_of(named),
            order: None,
            relation: None,
        });
        return answer;
    }

    // An organisation named beside a topic scopes the answer to its teams.
    let scope = ranked.iter().find(|s| {
        context::is_organisation(catalogue, s.entity as usize)
            && !s.named_by.is_empty()
            && s.named_by.len() < words.len()
    });
    let org = scope.map(|s| s.entity as usize);
    let inside = org.map(|org| context::within(&context::parents(catalogue), org));
    let in_scope = |entity: usize| match (org, &inside) {
        (Some(org), Some(inside)) => entity == org || inside[entity],
        _ => true,
    };
    // Its teams are judged on the rest of the question (the organisation's name is why they
    // were asked); the organisation itself, on the whole of it.
    let mut rest = weights.clone();
    for &q in scope.map_or(&[][..], |org| org.named_by.as_slice()) {
        rest[q] = 0.0;
    }
    let weights_of = |entity: Option<usize>| {
        if scope.is_some() && entity != org {
            &rest
        } else {
            &weights
        }
    };
    let entity_at = |id: &str| catalogue.entities.iter().position(|e| e.id == id);

    let mut candidates: Vec<Candidate> = Vec::new();
    for (r, f) in fired.iter_mut().enumerate() {
        f.skip_first = cues.next_step && f.route.steps.len() > 1;
        let mut route_explained = vec![0.0; words.len()];
        for &q in &f.asked {
            route_explained[q] = 1.0;
        }
        let mut any = false;
        for e in f
            .route
            .steps
            .iter()
            .filter_map(|step| entity_at(&step.entity))
        {
            if in_scope(e) {
                any = true;
                if let Some(s) = ranked_at(e) {
                    route_explained = judge::union(&route_explained, explained[s]);
                }
            }
        }
        if any {
            candidates.push(Candidate {
                kind: CandidateKind::Route(r),
                coverage: judge::coverage(&route_explained, weights_of(None)),
                explained: Cow::Owned(route_explained),
            });
        }
    }
    for (i, s) in ranked.iter().enumerate() {
        let e = s.entity as usize;
        if s.score >= cutoff && in_scope(e) {
            candidates.push(Candidate {
                kind: CandidateKind::Entity(i),
                coverage: judge::coverage(explained[i], weights_of(Some(e))),
                explained: Cow::Borrowed(explained[i]),
            });
        }
    }
    let accepted = accept(&candidates, &weights);
    // Entities by how much of the question they explain, weighed by how strongly; one the
    // question names ("c'est la CNIL qu'il faut voir ?") before others, and the organisation
    // that scoped the question after its teams.
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |c: &Candidate| match c.kind {
            CandidateKind::Entity(i) => {
                let s = &ranked[i];
                let named = if s.named_by.is_empty() {
                    1.0
                } else {
                    NAMED_BOOST
                };
                let scoping = if Some(s.entity as usize) == org {
                    // After every one of its teams.
                    1e-9
                } else {
                    1.0
                };
                c.coverage * c.coverage * s.score * named * scoping
            }
            CandidateKind::Route(_) => f64::INFINITY,
        };
        key(&candidates[b])
            .total_cmp(&key(&candidates[a]))
            .then(a.cmp(&b))
    });

    let mut shown = vec![false; catalogue.entities.len()];
    for (c, _) in candidates.iter().zip(&accepted).filter(|(_, a)| **a) {
        let CandidateKind::Route(r) = c.kind else {
            continue;
        };
        let f = &fired[r];
        let mut steps: Vec<(usize, &crate::catalogue::model::Step)> =
            f.route.steps.iter().enumerate().collect();
        if f.skip_first {
            steps.rotate_left(1);
        }
        let mut first = true;
        for (i, step) in steps {
            let Some(e) = entity_at(&step.entity) else {
                continue;
            };
            if !in_scope(e) || std::mem::replace(&mut shown[e], true) {
                continue;
            }
            let scored = ranked_at(e).map(|s| &ranked[s]);
            answer.matches.push(Match {
                entity: e,
                score: scored.map_or(0.0, |s| s.score),
                coverage: c.coverage,
                why: scored.map_or_else(Vec::new, why_of),
                order: Some(Order {
                    route: f.route.id.to_string(),
                    step: i + 1,
                    steps: f.route.steps.len(),
                    label: if std::mem::take(&mut first) {
                        "first"
                    } else {
                        "then"
                    },
                    role: step.role.to_string(),
                    note: f.route.note.to_string(),
                    trigger: f.trigger.to_string(),
                }),
                relation: (f.skip_first && i == 0).then_some(Relation::AlreadySeen),
            });
        }
    }
    for (c, &ok) in order.iter().map(|&k| (&candidates[k], &accepted[k])) {
        let CandidateKind::Entity(i) = c.kind else {
            continue;
        };
        let s = &ranked[i];
        let e = s.entity as usize;
        if shown[e] {
            continue;
        }
        if ok {
            shown[e] = true;
            answer.matches.push(Match {
                entity: e,
                score: s.score,
                coverage: c.coverage,
                why: why_of(s),
                order: None,
                relation: None,
            });
        } else if answer.dropped.len() < MAX_DROPPED {
            answer.dropped.push(Dropped {
                entity: e,
                coverage: c.coverage,
                why: why_of(s),
                outside: None,
            });
        }
    }
    if answer.matches.is_empty() {
        if let Some(org) = scope {
            // Nothing within the organisation: say what lay outside it.
            for (i, s) in ranked.iter().enumerate() {
                if answer.dropped.len() >= MAX_DROPPED {
                    break;
                }
                if !in_scope(s.entity as usize) {
                    answer.dropped.push(Dropped {
                        entity: s.entity as usize,
                        coverage: judge::coverage(explained[i], &weights),
                        why: why_of(s),
                        outside: Some(org.entity as usize),
                    });
                }
            }
        }
        answer.suggestions = explain::suggestions(&words, index);
    }
    answer
}

/// Which candidates make the answer: each that explains enough of the question on its own;
/// failing that, a few that together do (a question about two things), each adding a fair
/// part of its own.
fn accept(candidates: &[Candidate], weights: &[f64]) -> Vec<bool> {
    let alone: Vec<bool> = candidates
        .iter()
        .map(|c| c.coverage >= judge::MIN_SUBJECT)
        .collect();
    if alone.contains(&true) {
        return alone;
    }
    let mut parts: Vec<usize> = (0..candidates.len())
        .filter(|&i| candidates[i].coverage >= MIN_PART)
        .collect();
    parts.sort_by(|&a, &b| candidates[b].coverage.total_cmp(&candidates[a].coverage));
    let mut together = vec![0.0; weights.len()];
    let mut chosen = vec![false; candidates.len()];
    for i in parts {
        let joined = judge::union(&together, &candidates[i].explained);
        if judge::coverage(&joined, weights) - judge::coverage(&together, weights) >= MIN_PART {
            together = joined;
            chosen[i] = true;
        }
    }
    if judge::coverage(&together, weights) >= judge::MIN_SUBJECT {
        chosen
    } else {
        vec![false; candidates.len()]
    }
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
