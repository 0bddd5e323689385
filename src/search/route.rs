//! Stage 7: the orders the guide prescribes. A route fires when every word of one of its
//! `when` phrases is in the question; its steps then lead the answer, in order.

use super::candidates::Candidate;
use super::index::Index;
use super::model;
use super::params::{Class, Model};
use super::rank::Scored;
use super::resolve::{How, QueryWord};
use super::{Query, Verdict};
use crate::catalogue::model::{Route, Step};
use crate::catalogue::{Catalogue, Kind};

/// A route the question triggered.
#[derive(Debug, Clone)]
pub struct Fired<'c> {
    pub route: &'c Route,
    /// The `when` phrase found in the question.
    pub trigger: &'c str,
    /// How many question words it covers (more is more specific).
    pub covered: usize,
    /// The question words it covers.
    pub asked: Vec<usize>,
    /// The question says the first step was already taken: the next one leads.
    pub skip_first: bool,
}

/// The routes `words` trigger, most specific first, then in catalogue order.
pub fn fire<'c>(words: &[QueryWord], routes: &'c [Route], index: &Index) -> Vec<Fired<'c>> {
    let mut fired = Vec::new();
    for (route, phrases) in routes.iter().zip(index.routes.iter()) {
        // The phrase covering most question words, then the closest match (a phrase typed as
        // is beats one reached through a synonym); the first listed among equals.
        let best = route
            .when
            .iter()
            .zip(phrases)
            .filter_map(|(phrase, ids)| covered(ids, words).map(|c| (c, phrase.as_str())))
            .fold(
                None,
                |best: Option<((Vec<usize>, How), &str)>, (c, phrase)| match best {
                    Some((ref b, _))
                        if b.0.len() > c.0.len() || (b.0.len() == c.0.len() && b.1 <= c.1) =>
                    {
                        best
                    }
                    _ => Some((c, phrase)),
                },
            );
        if let Some(((asked, _), trigger)) = best {
            fired.push(Fired {
                route,
                trigger,
                covered: asked.len(),
                asked,
                skip_first: false,
            });
        }
    }
    fired.sort_by_key(|f| std::cmp::Reverse(f.covered));
    fired
}

/// The order a question implies without naming its trigger. The guide sends you first to the
/// people of your own administration: when the likeliest answer is a later step of an order
/// whose first step is of your own administration (the Pôle Droit et société, after your legal
/// department), and its services or needs say why, the question is of that order's kind and
/// the order applies. Those words are what it covers; it is shown under the order's first
/// `when` phrase. Not when the question names one of its answers: it is about that one,
/// unless it names it after a "before" cue ("avant de solliciter le pôle Droit et société,
/// par qui passer ?"): then the naming words are what the order covers.
pub fn implied<'c>(
    catalogue: &'c Catalogue,
    ranked: &[Scored],
    candidates: &[Candidate],
    decisions: &[Verdict],
    model: &Model,
    query: &Query,
) -> Option<Fired<'c>> {
    let answers: Vec<usize> = (0..candidates.len())
        .filter(|&c| model::accepts(decisions[c].probability, model))
        .collect();
    // The words that name candidate `c` after a "before" cue (empty if none).
    let named_before = |c: usize| -> &[usize] {
        let names = (candidates[c].rank()).map_or(&[][..], |r| ranked[r].named_by());
        match names.first() {
            Some(&q) if query.cues.is_before(query.words[q].token.position) => names,
            _ => &[],
        }
    };
    // A question that names one of its answers is about that one.
    if (answers.iter()).any(|&c| candidates[c].named && named_before(c).is_empty()) {
        return None;
    }
    let best = (answers.into_iter()).max_by(|&a, &b| {
        decisions[a]
            .probability
            .total_cmp(&decisions[b].probability)
    })?;
    let candidate = &candidates[best];
    let id = catalogue.entities[candidate.entity].id.as_str();
    let own = |step: &Step| {
        (catalogue.position(&step.entity))
            .is_some_and(|e| catalogue.entities[e].kind == Kind::OwnAdministration)
    };
    let route = (catalogue.routes.iter()).find(|r| {
        r.steps.len() > 1
            && own(&r.steps[0])
            && r.steps[1..].iter().any(|s| s.entity.as_str() == id)
    })?;
    let mut asked: Vec<usize> = (candidate.explained(ranked).iter().enumerate())
        .filter(|(_, e)| e.is_some_and(|e| e.class == Class::Described))
        .map(|(q, _)| q)
        .collect();
    if asked.is_empty() {
        asked = named_before(best).to_vec();
    }
    if asked.is_empty() {
        return None;
    }
    Some(Fired {
        route,
        trigger: route.when.first().map_or("", |w| w.as_str()),
        covered: asked.len(),
        asked,
        skip_first: false,
    })
}

/// If `phrase` is in the question, its words in order and side by side (filler aside): the
/// question words that make it, and the loosest way one of them matched. `data person` is not
/// `personal data`.
fn covered(phrase: &[u32], words: &[QueryWord]) -> Option<(Vec<usize>, How)> {
    if phrase.is_empty() || phrase.len() > words.len() {
        return None;
    }
    (0..=words.len() - phrase.len())
        .filter_map(|start| {
            let first = words[start].token.position;
            let mut loosest = How::Exact;
            for (j, w) in phrase.iter().enumerate() {
                let word = &words[start + j];
                if word.token.position != first + j as u32 {
                    return None;
                }
                let how = *word.matches.get(w)?;
                // A word of a longer phrase must be that word, not one it starts
                // (`person` is not `personnelles`).
                if how == How::Prefix && phrase.len() > 1 {
                    return None;
                }
                loosest = loosest.max(how);
            }
            Some((
                (start..start + phrase.len()).collect::<Vec<usize>>(),
                loosest,
            ))
        })
        .min_by_key(|(_, how)| *how)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::resolve::resolve;
    use crate::text::tokenise::tag;

    fn routes(question: &str) -> Vec<String> {
        let (catalogue, index) = crate::search::embedded();
        let words = resolve(&tag(question), index);
        fire(&words, &catalogue.routes, index)
            .into_iter()
            .map(|f| f.route.id.to_string())
            .collect()
    }

    #[test]
    fn every_word_of_a_trigger_must_be_there() {
        assert_eq!(routes("données personnelles"), ["donnees-personnelles"]);
        assert!(routes("données").is_empty());
    }

    #[test]
    fn fires_through_inflections_synonyms_and_typos() {
        assert_eq!(routes("problèmes juridiques"), ["question-juridique"]);
        assert_eq!(routes("GDPR compliance"), ["donnees-personnelles"]);
        assert_eq!(routes("documents administratif"), ["acces-documents"]);
    }

    #[test]
    fn the_more_specific_route_comes_first() {
        assert_eq!(
            routes("question juridique sur les données personnelles"),
            ["donnees-personnelles", "question-juridique"]
        );
    }
}
