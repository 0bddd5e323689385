//! Stage 8: the context a question gives, beyond its topic.
//!
//! - An organisation named in it ("chez Etalab", "at DINUM") scopes the answer to the
//!   organisation's teams.
//! - "Already saw / déjà vu / deuxième avis / next" after an order's first step puts the next
//!   step first.
//! - "Which directorate / à quelle direction appartient" asks for an entity's parent.
//!
//! Cue words are tagged by the tokeniser (see [`crate::text::filler`]) and are no evidence.

use crate::catalogue::{Catalogue, Kind};
use crate::text::filler::Cue;
use crate::text::tokenise::{Token, TokenKind};

/// What the question says besides its topic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cues {
    /// The first step of an order was already taken: the next one comes first.
    pub next_step: bool,
    /// The question asks what an entity belongs to.
    pub parent: bool,
    /// It asks plainly which organisation (see [`Cue::WhichParent`]).
    pub which_parent: bool,
    /// Content positions right after an "outside" cue: an organisation named there is
    /// excluded, not scoped to.
    pub outside: Vec<u32>,
    /// The position of the content word a question of definition asks about ("c'est quoi
    /// Etalab ?", "la DINUM c'est quoi ?"), see [`defined`].
    pub define: Option<u32>,
    /// Per "before" cue, the content positions after it in its clause (a range): an entity
    /// named there is a later step, see [`Cue::Before`].
    pub before: Vec<std::ops::Range<u32>>,
}

impl Cues {
    /// Whether the content word at `position` follows a "before" cue in its clause.
    pub fn is_before(&self, position: u32) -> bool {
        self.before.iter().any(|r| r.contains(&position))
    }
}

/// The cues the tokeniser tagged in a question.
pub fn cues(tokens: &[Token]) -> Cues {
    let has = |cue: Cue| tokens.iter().any(|t| t.kind == TokenKind::Cue(cue));
    let mut outside: Vec<u32> = (tokens.iter())
        .filter(|t| t.kind == TokenKind::Cue(Cue::Outside))
        .map(|t| t.position)
        .collect();
    // The words of one cue ("pas à") share a position.
    outside.dedup();
    Cues {
        next_step: has(Cue::NextStep),
        parent: has(Cue::Parent) || has(Cue::WhichParent),
        which_parent: has(Cue::WhichParent),
        outside,
        define: defined(tokens),
        before: before(tokens),
    }
}

/// Per "before" cue, the content positions from it to the end of its clause: one pass from
/// the end, so a question full of cues costs its length, not its square.
fn before(tokens: &[Token]) -> Vec<std::ops::Range<u32>> {
    let mut ranges = Vec::new();
    // The position past the last content word of the clause the scan is in, if it has one.
    let mut end: Option<u32> = None;
    for (i, t) in tokens.iter().enumerate().rev() {
        let continues = i > 0 && tokens[i - 1].kind == t.kind;
        if t.kind == TokenKind::Cue(Cue::Before) && !continues {
            ranges.push(t.position..end.unwrap_or(t.position));
        }
        if t.is_content() && end.is_none() {
            end = Some(t.position + 1);
        }
        if t.pause {
            end = None;
        }
    }
    ranges.reverse();
    ranges
}

/// The content word a question of definition asks about: the first after its cue ("what is
/// an AMDAC and…") when one comes before the clause ends, else the last before the cue
/// ("etalab c'est quoi exactement, un pôle ?"). None when an English possessive follows the
/// word ("what is Etalab's address"): the question asks about something of it.
fn defined(tokens: &[Token]) -> Option<u32> {
    let cue = tokens
        .iter()
        .position(|t| t.kind == TokenKind::Cue(Cue::Define))?;
    let end = cue
        + (tokens[cue..].iter())
            .take_while(|t| t.kind == TokenKind::Cue(Cue::Define))
            .count();
    let after: Vec<&Token> = tokens[end..].iter().take_while(|t| !t.pause).collect();
    if let Some(at) = after.iter().position(|t| t.is_content()) {
        let possessive = after[at + 1..]
            .iter()
            .any(|t| t.kind == TokenKind::Stop && t.folded == "s");
        return (!possessive).then_some(after[at].position);
    }
    (tokens[..cue].iter().rev())
        .find(|t| t.kind != TokenKind::Stop && t.kind != TokenKind::Elision)
        .filter(|t| t.is_content())
        .map(|t| t.position)
}

/// Each entity's parent, by index: one pass over the entities, reading each id and parent
/// once (at 100k entities, each pass over them costs milliseconds of cache misses), and a
/// second over the ids only if a parent was not found in the first.
pub fn parents(catalogue: &Catalogue) -> Vec<Option<usize>> {
    let entities = &catalogue.entities;
    // Only the ids some entity names as parent, not every id: at 100k entities a table of
    // them all costs megabytes, for a few hundred organisations. Each is a number, and its
    // entity once found.
    let mut names: crate::hash::FastMap<&str, u32> = crate::hash::FastMap::default();
    let mut found: Vec<Option<usize>> = Vec::new();
    let mut named = vec![u32::MAX; entities.len()];
    // From the last: a catalogue lists organisations before their teams, so a parent's name
    // is usually known by the time its own entity comes.
    for (i, e) in entities.iter().enumerate().rev() {
        if let Some(p) = e.parent.as_deref() {
            let next = found.len() as u32;
            named[i] = *names.entry(p).or_insert(next);
            if named[i] == next {
                found.push(None);
            }
        }
        if let Some(&n) = names.get(e.id.as_str()) {
            found[n as usize].get_or_insert(i);
        }
    }
    if found.iter().any(Option::is_none) {
        // A parent listed after a child of its own, or one that is no entity's id.
        for (i, e) in entities.iter().enumerate() {
            if let Some(&n) = names.get(e.id.as_str()) {
                found[n as usize].get_or_insert(i);
            }
        }
    }
    (named.iter())
        .map(|&n| found.get(n as usize).copied().flatten())
        .collect()
}

/// Whether entity `e` is below organisation `org` (its child, or a child's child…), as
/// [`within`] says, by walking up from `e`: a cycle (which validation rejects) counts as
/// outside.
pub fn below(parents: &[Option<usize>], e: usize, org: usize) -> bool {
    let mut at = parents.get(e).copied().flatten();
    for _ in 0..parents.len() {
        match at {
            Some(p) if p == org => return true,
            Some(p) => at = parents.get(p).copied().flatten(),
            None => return false,
        }
    }
    false
}

/// For every entity, whether it is below organisation `org` (its child, or a child's
/// child…). Each entity's answer is remembered, so a deep tree costs one walk, not one per
/// entity; a cycle (which validation rejects) counts as outside.
pub fn within(parents: &[Option<usize>], org: usize) -> Vec<bool> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Unknown,
        Visiting,
        Known(bool),
    }
    let mut state = vec![State::Unknown; parents.len()];
    let mut path = Vec::new();
    for start in 0..parents.len() {
        let mut current = start;
        let answer = loop {
            match state[current] {
                State::Known(answer) => break answer,
                State::Visiting => break false,
                State::Unknown => {}
            }
            state[current] = State::Visiting;
            path.push(current);
            match parents[current] {
                Some(p) if p == org => break true,
                Some(p) => current = p,
                None => break false,
            }
        };
        for e in path.drain(..) {
            state[e] = State::Known(answer);
        }
    }
    state.into_iter().map(|s| s == State::Known(true)).collect()
}

/// Whether entity `e` is an organisation, which can scope a question.
pub fn is_organisation(catalogue: &Catalogue, e: usize) -> bool {
    catalogue.entities[e].kind == Kind::Organisation
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(question: &str) -> Cues {
        super::cues(&crate::text::tokenise::tag(question))
    }

    #[test]
    fn cues_for_the_next_step() {
        assert!(cues("On a déjà vu notre direction juridique").next_step);
        assert!(cues("our legal department already reviewed it").next_step);
        assert!(cues("je voudrais un deuxième avis").next_step);
        assert!(cues("what is the next step after legal?").next_step);
        assert!(cues("vers qui me tourner dans un second temps ?").next_step);
        assert!(cues("who do I escalate to?").next_step);
        assert!(!cues("en un temps record").next_step);
        assert!(!cues("un avis de la CADA").next_step);
        assert!(!cues("question juridique").next_step);
    }

    #[test]
    fn the_word_a_question_of_definition_asks_about() {
        // Content positions: the word after the cue, else the one before it.
        assert_eq!(cues("c'est quoi Etalab ?").define, Some(0));
        assert_eq!(
            cues("What's an AMDAC and what do they do in my ministry?").define,
            Some(0)
        );
        assert_eq!(
            cues("la DINUM c'est quoi au juste ? ma collègue demande").define,
            Some(0)
        );
        assert_eq!(
            cues("sorry, etalab c'est quoi exactement, un pôle ?").define,
            Some(1)
        );
        assert_eq!(cues("qu'est-ce que la CADA").define, Some(0));
        // Something of it is asked about, or there is no such question.
        assert_eq!(cues("what is Etalab's address").define, None);
        assert_eq!(cues("c'est qui qui gère Etalab ?").define, None);
        assert_eq!(cues("what do they do at Etalab").define, None);
    }

    #[test]
    fn a_pause_ends_a_clause_and_a_join_does_not() {
        let tokens = crate::text::tokenise::tag("data.gouv.fr, c'est quoi ? ok: merci. fin");
        let pauses: Vec<(&str, bool)> = (tokens.iter())
            .map(|t| (t.folded.as_str(), t.pause))
            .collect();
        assert_eq!(
            pauses,
            [
                ("data", false),
                ("gouv", false),
                ("fr", false),
                ("c", true),
                ("est", false),
                ("quoi", false),
                ("ok", true),
                ("merci", true),
                ("fin", true),
            ]
        );
    }

    #[test]
    fn a_deep_chain_and_a_cycle_are_walked_once() {
        // 0 ← 1 ← 2 ← … ← 9, and 10 ↔ 11.
        let mut parents: Vec<Option<usize>> = (0..10).map(|i: usize| i.checked_sub(1)).collect();
        parents.extend([Some(11), Some(10)]);
        let inside = within(&parents, 0);
        assert!(!inside[0] && inside[1] && inside[9]);
        assert!(!inside[10] && !inside[11]);
        // Walking up from one entity says the same, for every entity and organisation.
        for org in 0..parents.len() {
            let inside = within(&parents, org);
            for (e, &inside) in inside.iter().enumerate() {
                assert_eq!(below(&parents, e, org), inside, "{e} below {org}");
            }
        }
    }

    #[test]
    fn a_before_cue_marks_the_rest_of_its_clause() {
        // Content positions: "droit" is the first content word (0), "maison" the second; the
        // clause ends at the comma.
        let c = cues("avant de solliciter le pôle Droit, par qui passer à Maison ?");
        assert_eq!((c.before.len(), c.before[0].clone()), (1, 0..1));
        assert!(c.is_before(0) && !c.is_before(1));
        let c = cues("should I go straight to Etalab?");
        assert_eq!((c.before.len(), c.before[0].clone()), (1, 0..1));
        assert!(cues("qui gère les données ?").before.is_empty());
        // Many cues in one clause: each reaches its end.
        let c = cues(&"avant données ".repeat(1000));
        assert_eq!(c.before.len(), 1000);
        assert!(c.before.iter().all(|r| r.end == 1000));
    }

    #[test]
    fn cues_for_an_exclusion_mark_what_follows() {
        assert_eq!(cues("hors Etalab, qui ?").outside, [0]);
        assert_eq!(cues("les codes sources, pas à Etalab").outside, [2]);
        assert_eq!(cues("pas etalab hein, la CNIL ?").outside, [0]);
        assert_eq!(cues("not DINUM, who?").outside, [0]);
        assert!(cues("chez Etalab").outside.is_empty());
    }

    #[test]
    fn parents_are_found_by_id_and_unknown_ones_are_none() {
        let mut catalogue = crate::catalogue::Catalogue::embedded();
        let parents = parents(&catalogue);
        for (e, p) in catalogue.entities.iter().zip(&parents) {
            let expected = e.parent.as_deref().and_then(|p| catalogue.position(p));
            assert_eq!(*p, expected, "{}", e.id);
        }
        assert!(parents.iter().any(Option::is_some));
        let orphan = catalogue
            .entities
            .iter()
            .position(|e| e.parent.is_some())
            .unwrap();
        catalogue.entities[orphan].parent = Some("nobody-has-this-id".into());
        assert_eq!(super::parents(&catalogue)[orphan], None);
        // Teams listed before their organisation, or after it: the same parents.
        for reversed in [false, true] {
            if reversed {
                catalogue.entities.reverse();
            }
            let parents = super::parents(&catalogue);
            for (e, p) in catalogue.entities.iter().zip(&parents) {
                let expected = e.parent.as_deref().and_then(|p| catalogue.position(p));
                assert_eq!(*p, expected, "{} (reversed: {reversed})", e.id);
            }
        }
    }

    #[test]
    fn cues_for_the_parent() {
        assert!(cues("À quelle direction appartient l'équipe design ?").parent);
        assert!(cues("Which directorate does the Design gouv team belong to?").parent);
        assert!(cues("de qui dépend beta.gouv.fr").parent);
        assert!(cues("quelle direction est au-dessus de l'équipe design ?").parent);
        assert!(!cues("accessibilité numérique").parent);
        assert!(cues("l'équipe design, c'est dans quelle orga ?").which_parent);
        let part = cues("I'd spend part of my week with the AI lab");
        assert!(part.parent && !part.which_parent);
    }

    #[test]
    fn organisations_contain_their_teams() {
        let c = Catalogue::embedded();
        let at = |id: &str| c.entities.iter().position(|e| e.id == id).unwrap();
        let parents = parents(&c);
        let inside = within(&parents, at("etalab"));
        assert!(inside[at("droit-societe")]);
        assert!(!inside[at("direction-juridique")]);
        assert!(!inside[at("etalab")]);
        assert!(is_organisation(&c, at("dinum")));
        assert_eq!(parents[at("design")], Some(at("dinum")));
        assert_eq!(parents[at("cnil")], None);
    }
}
