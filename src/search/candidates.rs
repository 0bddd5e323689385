//! Stage 8: the candidates an answer is chosen from — every entity the question's words found,
//! and every step of the orders the guide prescribes for it — within the organisation the
//! question names, if it names one beside a topic ("chez Etalab, qui …"), or outside the one it
//! excludes ("hors Etalab", "not at DINUM").

use super::context::{self, Cues};
use super::evidence::{self, Explained};
use super::rank::Scored;
use super::resolve::QueryWord;
use super::route::Fired;
use crate::catalogue::Catalogue;
use crate::hash::FastMap;
use crate::text::tokenise::{Token, TokenKind};

/// The organisation a question names beside a topic: the answer is looked for among its teams
/// (or, when the question excludes it, among everyone else).
#[derive(Debug, Clone)]
pub struct Scope {
    pub org: usize,
    /// The question words that name it.
    pub named_by: Vec<usize>,
    /// The question excludes it.
    pub excluded: bool,
    /// Per entity, whether the answer may hold it: inside the organisation (itself included),
    /// or outside it when it is excluded.
    pub inside: Vec<bool>,
}

impl Scope {
    /// The organisations named whole beside other words, if any: the answer lies within the
    /// first one the question includes (or anywhere, when it only excludes) and outside every
    /// one it excludes.
    pub fn of(
        catalogue: &Catalogue,
        ranked: &[Scored],
        tokens: &[Token],
        words: &[QueryWord],
        cues: &Cues,
    ) -> Option<Scope> {
        let position = |s: &Scored, k: usize| words[s.named_by()[k]].token.position;
        let span = |s: &Scored| (position(s, 0), position(s, s.named_by().len() - 1));
        // Every entity the question names, with the words that name it.
        let whole: Vec<&Scored> = (ranked.iter())
            .filter(|s| !s.named_by().is_empty())
            .collect();
        // Every entity's parent, found only if an organisation is named beside other words.
        let parents = std::cell::OnceCell::new();
        let parents = || parents.get_or_init(|| context::parents(catalogue));
        // An organisation that qualifies one of its own teams, named just before or after it
        // ("le pôle Droit et société d'Etalab", "Etalab's Lab IA"), is no scope.
        // The words first, then the tree, one team at a time: a table of the organisation's
        // subtree for each organisation named would cost the catalogue's size each time.
        let qualifies = |org: &Scored| {
            let (first, last) = span(org);
            whole.iter().any(|team| {
                let (start, end) = span(team);
                team.entity != org.entity
                    && (possessive(tokens, end, first, OF) || possessive(tokens, last, start, S))
                    && context::below(parents(), team.entity as usize, org.entity as usize)
            })
        };
        let mut named: Vec<&Scored> = (whole.iter().copied())
            .filter(|s| {
                context::is_organisation(catalogue, s.entity as usize)
                    && s.named_by().len() < words.len()
                    && !qualifies(s)
                    && !cues.is_before(position(s, 0))
            })
            .collect();
        if named.is_empty() {
            return None;
        }
        named.sort_by_key(|s| words[s.named_by()[0]].token.position);
        // Excluded: named right after an "outside" cue, or right after an excluded one with
        // nothing but a conjunction between ("hors Etalab et DINUM", not "hors Etalab, quelle
        // équipe de la DINUM").
        let mut out = vec![false; named.len()];
        for (i, s) in named.iter().enumerate() {
            let first = position(s, 0);
            out[i] = cues.outside.contains(&first)
                || (named[..i].iter().zip(&out))
                    .any(|(e, &x)| x && joined(tokens, position(e, e.named_by().len() - 1), first));
        }
        let primary = (0..named.len()).find(|&i| !out[i]).unwrap_or(0);
        let excluded = out[primary];
        let subtree = |org: usize| {
            let mut inside = context::within(parents(), org);
            inside[org] = true;
            inside
        };
        let mut inside = if excluded {
            vec![true; catalogue.entities.len()]
        } else {
            subtree(named[primary].entity as usize)
        };
        let mut left_out = vec![false; catalogue.entities.len()];
        for (s, _) in named.iter().zip(&out).filter(|(_, x)| **x) {
            for (i, o) in left_out.iter_mut().zip(subtree(s.entity as usize)) {
                *i |= o;
            }
        }
        for (i, o) in inside.iter_mut().zip(&left_out) {
            *i &= !o;
        }
        // An entity the question names itself stays a candidate ("direction juridique ou
        // Etalab ?"), unless the question leaves it out.
        for s in &whole {
            let e = s.entity as usize;
            inside[e] |= !left_out[e];
        }
        let mut named_by: Vec<usize> = (named.iter())
            .flat_map(|s| s.named_by().iter().copied())
            .collect();
        named_by.sort_unstable();
        named_by.dedup();
        Some(Scope {
            org: named[primary].entity as usize,
            named_by,
            excluded,
            inside,
        })
    }

    /// The question's weights for the organisation's teams: the rest of the question (its
    /// name is why they were asked). The organisation itself is judged on all of it.
    pub fn rest(&self, weights: &[f64]) -> Vec<f64> {
        let mut rest = weights.to_vec();
        for &q in &self.named_by {
            rest[q] = 0.0;
        }
        rest
    }
}

/// What may stand between a team and the organisation after it that qualifies it.
const OF: &[&str] = &["de", "d", "du", "of"];
/// What may stand between an organisation and the team after it that it qualifies.
const S: &[&str] = &["s"];

/// What may join two organisations a question leaves out together: a conjunction, and the
/// articles before the second ("hors Etalab et de la DINUM").
const AND: &[&str] = &[
    "et", "and", "ni", "nor", "or", "ou", "la", "le", "les", "l", "de", "d", "du", "des", "the",
];

/// The tokens of the content words at positions `before` and `after`, if the second follows.
fn pair(tokens: &[Token], before: u32, after: u32) -> Option<(usize, usize)> {
    let at = |p: u32| (tokens.iter()).position(|t| t.kind == TokenKind::Content && t.position == p);
    let (a, b) = (at(before)?, at(after)?);
    (a < b).then_some((a, b))
}

/// Whether the content words at positions `before` and `after` have one word between them,
/// one of `between`.
fn possessive(tokens: &[Token], before: u32, after: u32, between: &[&str]) -> bool {
    pair(tokens, before, after)
        .is_some_and(|(a, b)| b == a + 2 && between.contains(&tokens[a + 1].folded.as_str()))
}

/// Whether the content words at positions `before` and `after` have nothing between them but
/// a conjunction and articles.
fn joined(tokens: &[Token], before: u32, after: u32) -> bool {
    pair(tokens, before, after)
        .is_some_and(|(a, b)| (tokens[a + 1..b].iter()).all(|t| AND.contains(&t.folded.as_str())))
}

/// A possible part of the answer.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub entity: usize,
    /// Its place in the ranking, if the question's words found it.
    pub ranked: Option<u32>,
    /// The first fired order (its index among the fired) that has it as a step, and the step.
    pub step: Option<(u32, u32)>,
    /// Per question word, how it explains it, when that is not what the ranking found: an
    /// order's trigger explains its steps.
    routed: Option<Box<[Option<Explained>]>>,
    /// The question names it.
    pub named: bool,
}

impl Candidate {
    /// Its place in the ranking, if the question's words found it.
    pub fn rank(&self) -> Option<usize> {
        self.ranked.map(|r| r as usize)
    }

    /// Per question word, how it explains it (`ranked`: the ranking it was gathered from).
    pub fn explained<'r>(&'r self, ranked: &'r [Scored]) -> &'r [Option<Explained>] {
        match (&self.routed, self.rank()) {
            (Some(routed), _) => routed,
            (None, Some(r)) => &ranked[r].explained,
            (None, None) => &[],
        }
    }
}

/// The candidates: the ranked entities in scope, best first, then the steps of fired orders
/// that the words did not find.
pub fn gather(
    catalogue: &Catalogue,
    ranked: &[Scored],
    fired: &[Fired],
    scope: Option<&Scope>,
    words: usize,
) -> Vec<Candidate> {
    let in_scope = |e: usize| scope.is_none_or(|s| s.inside[e]);
    let steps: usize = fired.iter().map(|f| f.route.steps.len()).sum();
    // One allocation: at 100k entities a common word is in most of them.
    let mut candidates = Vec::with_capacity(ranked.len() + steps);
    candidates.extend(
        (ranked.iter().zip(0u32..))
            .filter(|(s, _)| in_scope(s.entity as usize))
            .map(|(s, i)| Candidate {
                entity: s.entity as usize,
                ranked: Some(i),
                step: None,
                routed: None,
                named: !s.named_by().is_empty(),
            }),
    );
    if fired.is_empty() {
        return candidates;
    }
    let mut at: FastMap<usize, usize> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (c.entity, i))
        .collect();
    for (r, f) in (0u32..).zip(fired) {
        let mut trigger = vec![None; words];
        for &q in &f.asked {
            trigger[q] = Some(Explained::ROUTE);
        }
        for (k, step) in (0u32..).zip(&f.route.steps) {
            let Some(e) = catalogue.position(&step.entity) else {
                continue;
            };
            if !in_scope(e) {
                continue;
            }
            let c = *at.entry(e).or_insert_with(|| {
                candidates.push(Candidate {
                    entity: e,
                    ranked: None,
                    step: None,
                    routed: Some(vec![None; words].into()),
                    named: false,
                });
                candidates.len() - 1
            });
            let candidate = &mut candidates[c];
            if candidate.step.is_none() {
                candidate.step = Some((r, k));
                let union = evidence::union(candidate.explained(ranked), &trigger);
                candidate.routed = Some(union.into());
            }
        }
    }
    candidates
}
