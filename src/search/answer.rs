//! Stage 11: the answer — the accepted candidates in the order a colleague who knows the guide
//! would give them: a lexicographic key, as milli's ranking rules are (the prescribed step
//! first, then whether the question names the entity, then the model's probability), and the
//! closest of the others as hints.

use serde::Serialize;

use super::Query;
use super::candidates::{Candidate, Scope};
use super::explain::{Why, why};
use super::features::Features;
use super::index::Index;
use super::model;
use super::params::{Class, MAX_DROPPED, Model};
use super::rank::Scored;
use super::route::Fired;
use crate::catalogue::Catalogue;
use crate::hash::{FastMap, FastSet};

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

/// What the answer model made of a candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    pub features: Features,
    /// The model's probability that it is an answer.
    pub probability: f64,
    /// Share of the question's weight it explains at all.
    pub coverage: f64,
}

/// A [`Decision`] without its features, as it is kept for every candidate (at 100k entities a
/// common word has most of them); [`Judged::decision`] finds the features again.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    pub probability: f64,
    pub coverage: f64,
}

impl Decision {
    pub fn verdict(&self) -> Verdict {
        Verdict {
            probability: self.probability,
            coverage: self.coverage,
        }
    }
}

/// One entity in an answer.
#[derive(Debug, Clone)]
pub struct Match<'a> {
    /// Index of the entity in the catalogue.
    pub entity: usize,
    /// Strength of the textual evidence (the ranking's score).
    pub score: f64,
    /// The model's view of it; `None` when a context rule answered (the parent asked for).
    pub verdict: Option<Verdict>,
    /// The features the model weighed, when they were asked for ([`Judged::features`]): an
    /// answer of 100k entities keeps thousands of matches.
    pub features: Option<Box<Features>>,
    pub why: Vec<Why<'a>>,
    /// Boxed: most matches of a long answer are in no order.
    pub order: Option<Box<Order>>,
    pub relation: Option<Relation>,
}

/// A candidate left out of the answer as too weak, for hints and `--explain`.
#[derive(Debug, Clone)]
pub struct Dropped<'a> {
    pub entity: usize,
    pub decision: Decision,
    pub why: Vec<Why<'a>>,
    /// The organisation the question scoped the answer to, when that left it out.
    pub outside: Option<usize>,
}

/// What search found for a question.
#[derive(Debug, Clone, Default)]
pub struct Answer<'a> {
    /// Best first: the prescribed order first, then by the answer model.
    pub matches: Vec<Match<'a>>,
    /// Whether the question had any word that is not a stop word or filler.
    pub had_words: bool,
    /// Candidates too weak to be an answer, best first (at most [`MAX_DROPPED`]).
    pub dropped: Vec<Dropped<'a>>,
    /// (question word, nearest catalogue word) for words that matched nothing.
    pub suggestions: Vec<(String, String)>,
    /// The bar a candidate's probability must reach.
    pub bar: f64,
}

/// What the stages found for one question, and the answer model's decision on each candidate.
pub struct Judged<'a> {
    pub catalogue: &'a Catalogue,
    pub index: &'a Index,
    pub model: &'a Model,
    pub query: Query,
    pub ranked: Vec<Scored>,
    pub fired: Vec<Fired<'a>>,
    pub scope: Option<Scope>,
    /// The question's weights without the words that name the scope's organisation.
    pub rest: Option<Vec<f64>>,
    pub candidates: Vec<Candidate>,
    /// Per candidate, the answer model's verdict.
    pub verdicts: Vec<Verdict>,
    /// The best ranking scores among the candidates (see [`super::Best`]).
    pub best: super::Best,
    /// Whether the answer's matches keep their features (`--explain` shows them).
    pub features: bool,
}

impl<'a> Judged<'a> {
    fn why(&self, c: &Candidate) -> Vec<Why<'a>> {
        c.rank().map_or_else(Vec::new, |r| {
            why(
                &self.ranked[r],
                &self.query.words,
                self.index,
                self.catalogue,
            )
        })
    }

    fn score(&self, c: &Candidate) -> f64 {
        c.rank().map_or(0.0, |r| self.ranked[r].score)
    }

    /// Candidate `c`'s features, if the answer keeps them.
    fn features_of(&self, c: usize) -> Option<Box<Features>> {
        self.features.then(|| Box::new(self.decision(c).features))
    }

    fn is_answer(&self, c: usize) -> bool {
        model::accepts(self.verdicts[c].probability, self.model)
    }

    /// The answer: whole prescribed orders one of whose steps is an answer, then the other
    /// answers by key, then the closest of the rest as hints.
    pub fn assemble(&self) -> Answer<'a> {
        let mut answer = Answer {
            had_words: true,
            bar: self.model.bar,
            ..Answer::default()
        };
        let mut shown = vec![false; self.candidates.len()];
        // Where the fired orders' steps stand among the candidates (only they: at 100k
        // entities a common word makes most of them candidates).
        let steps: FastSet<usize> = (self.fired.iter())
            .flat_map(|f| &f.route.steps)
            .filter_map(|step| self.catalogue.position(&step.entity))
            .collect();
        let at: FastMap<usize, usize> = (self.candidates.iter().enumerate())
            .filter(|(_, c)| steps.contains(&c.entity))
            .map(|(i, c)| (c.entity, i))
            .collect();
        for f in &self.fired {
            if let Some(c) = self.more_specific(f, &at)
                && !std::mem::replace(&mut shown[c], true)
            {
                answer.matches.push(self.plain(c));
            }
            self.add_order(f, &at, &mut shown, &mut answer);
        }
        let (mut yes, mut no): (Vec<usize>, Vec<usize>) = (0..self.candidates.len())
            .filter(|&c| !shown[c])
            .partition(|&c| self.is_answer(c));
        let probability = |c: usize| self.verdicts[c].probability;
        let scoping =
            |c: usize| (self.scope.as_ref()).is_some_and(|s| s.org == self.candidates[c].entity);
        yes.sort_by(|&a, &b| {
            let key = |c: usize| (scoping(c), !self.candidates[c].named);
            key(a)
                .cmp(&key(b))
                .then(probability(b).total_cmp(&probability(a)))
                .then(a.cmp(&b))
        });
        no.sort_by(|&a, &b| probability(b).total_cmp(&probability(a)).then(a.cmp(&b)));
        answer.matches.reserve_exact(yes.len());
        for c in yes {
            answer.matches.push(self.plain(c));
        }
        for &c in no.iter().take(MAX_DROPPED) {
            let candidate = &self.candidates[c];
            answer.dropped.push(Dropped {
                entity: candidate.entity,
                decision: self.decision(c),
                why: self.why(candidate),
                outside: None,
            });
        }
        if self.query.cues.which_parent {
            parent_first(self.catalogue, &mut answer.matches);
        }
        answer
    }

    /// Candidate `c` as an answer of its own, in no order.
    fn plain(&self, c: usize) -> Match<'a> {
        let candidate = &self.candidates[c];
        Match {
            entity: candidate.entity,
            score: self.score(candidate),
            verdict: Some(self.verdicts[c]),
            features: self.features_of(c),
            why: self.why(candidate),
            order: None,
            relation: None,
        }
    }

    /// The specific before the general (*lex specialis*): an answer that is no step of a fired
    /// order, whose own names or services explain the order's trigger words and that the model
    /// finds likelier than every step, leads that order when the trigger is less than half of
    /// what the question says (by weight): the guide's rule for legal problems gives way to a
    /// team whose service is the legal questions of opening data, but a question that is mostly
    /// about personal data stays the CNIL's.
    fn more_specific(&self, f: &Fired, at: &FastMap<usize, usize>) -> Option<usize> {
        let weights = &self.query.weights;
        let trigger: f64 = f.asked.iter().map(|&q| weights[q]).sum();
        if 2.0 * trigger >= weights.iter().sum::<f64>() {
            return None;
        }
        let steps: Vec<usize> = self.steps(f, at).into_iter().map(|(_, c)| c).collect();
        let probability = |c: usize| self.verdicts[c].probability;
        let best_step = steps.iter().map(|&c| probability(c)).fold(0.0, f64::max);
        let explains_trigger = |c: usize| {
            f.asked.iter().all(|&q| {
                self.candidates[c].explained(&self.ranked)[q]
                    .is_some_and(|e| e.class <= Class::Described)
            })
        };
        (0..self.candidates.len())
            .filter(|&c| !steps.contains(&c) && self.is_answer(c))
            .filter(|&c| probability(c) > best_step && explains_trigger(c))
            .max_by(|&a, &b| probability(a).total_cmp(&probability(b)))
    }

    /// A fired order's steps that are candidates: (step, candidate), in the guide's order.
    fn steps(&self, f: &Fired, at: &FastMap<usize, usize>) -> Vec<(usize, usize)> {
        (f.route.steps.iter().enumerate())
            .filter_map(|(k, step)| {
                let e = self.catalogue.position(&step.entity)?;
                Some((k, *at.get(&e)?))
            })
            .collect()
    }

    /// Adds a fired order's steps, in the guide's order (the next step first when the question
    /// says the first was taken), when one of them is an answer.
    fn add_order(
        &self,
        f: &Fired,
        at: &FastMap<usize, usize>,
        shown: &mut [bool],
        answer: &mut Answer<'a>,
    ) {
        let mut steps = self.steps(f, at);
        if !steps.iter().any(|&(_, c)| self.is_answer(c)) {
            return;
        }
        if f.skip_first {
            steps.rotate_left(1);
        }
        let mut first = true;
        for (k, c) in steps {
            if std::mem::replace(&mut shown[c], true) {
                continue;
            }
            let candidate = &self.candidates[c];
            let step = &f.route.steps[k];
            answer.matches.push(Match {
                entity: candidate.entity,
                score: self.score(candidate),
                verdict: Some(self.verdicts[c]),
                features: self.features_of(c),
                why: self.why(candidate),
                order: Some(Box::new(Order {
                    route: f.route.id.to_string(),
                    step: k + 1,
                    steps: f.route.steps.len(),
                    label: if std::mem::take(&mut first) {
                        "first"
                    } else {
                        "then"
                    },
                    role: step.role.to_string(),
                    note: f.route.note.to_string(),
                    trigger: f.trigger.to_string(),
                })),
                relation: (f.skip_first && k == 0).then_some(Relation::AlreadySeen),
            });
        }
    }
}

/// "The team that does X, which department is it in?": when the question asks for a parent
/// without naming the entity, the parent of the first answer leads, then the answer.
fn parent_first(catalogue: &Catalogue, matches: &mut Vec<Match>) {
    let Some(child) = matches.first().map(|m| m.entity) else {
        return;
    };
    let Some(parent) =
        (catalogue.entities[child].parent.as_deref()).and_then(|p| catalogue.position(p))
    else {
        return;
    };
    let score = matches[0].score;
    let mut lead = match matches.iter().position(|m| m.entity == parent) {
        Some(at) => matches.remove(at),
        None => Match {
            entity: parent,
            score,
            verdict: None,
            features: None,
            why: Vec::new(),
            order: None,
            relation: None,
        },
    };
    lead.relation = Some(Relation::ParentOf(child));
    matches.insert(0, lead);
}

/// An answer a cue gives outright, bypassing the model: the parent when the question asks
/// for one ([`parent`]), else the entity a question of definition names ([`defined`]).
pub fn by_cue<'a>(
    catalogue: &'a Catalogue,
    index: &'a Index,
    query: &Query,
    ranked: &[Scored],
    bar: f64,
) -> Option<Answer<'a>> {
    let named = |s: &Scored| named_match(s, query, index, catalogue);
    let matches = (query.cues.parent)
        .then(|| parent(catalogue, ranked, named))
        .flatten()
        .or_else(|| defined(query, ranked).map(|s| vec![named(s)]))?;
    Some(Answer {
        matches,
        had_words: true,
        bar,
        ..Answer::default()
    })
}

/// "C'est quoi Etalab ?", "what is an AMDAC and…": the entity named by the word a question
/// of definition asks about (see [`super::context::Cues::define`]).
fn defined<'r>(query: &Query, ranked: &'r [Scored]) -> Option<&'r Scored> {
    let at = query.cues.define?;
    ranked.iter().find(|s| {
        (s.named_by().iter()).any(|&w| query.words.get(w).is_some_and(|w| w.token.position == at))
    })
}

/// The entity a question names, explained by the words that matched it.
fn named_match<'a>(
    named: &Scored,
    query: &Query,
    index: &'a Index,
    catalogue: &'a Catalogue,
) -> Match<'a> {
    Match {
        entity: named.entity as usize,
        score: named.score,
        verdict: None,
        features: None,
        why: why(named, &query.words, index, catalogue),
        order: None,
        relation: None,
    }
}

/// "À quelle direction appartient X ?": X's parent, then X, for the first entity the question
/// names that has a parent.
fn parent<'a>(
    catalogue: &Catalogue,
    ranked: &[Scored],
    named: impl Fn(&Scored) -> Match<'a>,
) -> Option<Vec<Match<'a>>> {
    let parents = super::context::parents(catalogue);
    let (child, parent) = ranked.iter().find_map(|s| {
        let parent = parents[s.entity as usize].filter(|_| !s.named_by().is_empty())?;
        Some((s, parent))
    })?;
    let lead = Match {
        entity: parent,
        why: Vec::new(),
        relation: Some(Relation::ParentOf(child.entity as usize)),
        ..named(child)
    };
    Some(vec![lead, named(child)])
}
