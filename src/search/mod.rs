//! Search: a pipeline of small pure stages.
//!
//! text (normalise → tokenise and tag) → resolve (exact, stem, prefix, synonym, typo) → weigh
//! (how much each word says) → rank (BM25F) → route (the guide's prescribed orders) → context
//! (scope, next step, parent) → candidates → evidence → features → model (is it an answer?)
//! → answer (in the guide's order) → explain. Every number is in [`params`].

pub mod answer;
pub mod candidates;
pub mod context;
pub mod cover;
pub mod evidence;
pub mod explain;
pub mod features;
pub mod index;
pub mod model;
pub mod params;
pub mod rank;
pub mod resolve;
pub mod route;
pub mod specificity;
pub mod stem;
pub mod typo;
pub mod weigh;

use crate::catalogue::Catalogue;
use crate::text::tokenise::{Token, tag};
pub use answer::{Answer, Decision, Dropped, Judged, Match, Order, Relation, Verdict};
use candidates::Scope;
use context::Cues;
use features::Own;
pub use index::Index;
pub use params::{MODEL, Model};
use rank::Scored;
use resolve::QueryWord;

/// A question, read: its words tagged, its content words resolved and weighed, its cues.
#[derive(Debug, Clone)]
pub struct Query {
    pub tokens: Vec<Token>,
    pub words: Vec<QueryWord>,
    pub weights: Vec<f64>,
    /// Per word, whether it is a word of everyday life.
    pub everyday: Vec<bool>,
    /// It speaks of the asker's private life (see [`crate::text::personal`]).
    pub personal: bool,
    pub cues: Cues,
    /// The question's language, when its grammar words tell it.
    pub language: Option<crate::lang::Lang>,
}

impl Query {
    pub fn read(question: &str, index: &Index) -> Query {
        let tokens = tag(question);
        let words = resolve::resolve(&tokens, index);
        let language = specificity::language(tokens.iter().map(|t| t.folded.as_str()));
        let weights = weigh::weights(&words, index, language);
        let everyday = (words.iter())
            .map(|w| crate::text::everyday::is_everyday(&w.token.folded))
            .collect();
        let cues = context::cues(&tokens);
        let personal = crate::text::personal::is_personal(&tokens);
        Query {
            tokens,
            words,
            weights,
            everyday,
            personal,
            cues,
            language,
        }
    }
}

/// The embedded catalogue and the index built from it, made once per test binary.
#[cfg(test)]
pub(crate) fn embedded() -> &'static (Catalogue, Index) {
    static BUILT: std::sync::OnceLock<(Catalogue, Index)> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let catalogue = Catalogue::embedded();
        let index = Index::build(&catalogue);
        (catalogue, index)
    })
}

/// Answers `question` from `catalogue` (indexed as `index`).
pub fn search<'a>(catalogue: &'a Catalogue, index: &'a Index, question: &str) -> Answer<'a> {
    search_with(catalogue, index, question, &MODEL)
}

/// [`search`], the matches keeping the features the answer model weighed (`--explain`).
pub fn search_explained<'a>(
    catalogue: &'a Catalogue,
    index: &'a Index,
    question: &str,
) -> Answer<'a> {
    prepare(catalogue, index, question, &MODEL).answer(true)
}

/// [`search`] with another answer model (the fitting script tries some).
pub fn search_with<'a>(
    catalogue: &'a Catalogue,
    index: &'a Index,
    question: &str,
    model: &'a Model,
) -> Answer<'a> {
    prepare(catalogue, index, question, model).answer(false)
}

/// A question taken up to the answer model's decisions, or already answered without it.
pub enum Prepared<'a> {
    /// No word to search for (an empty answer), or a context rule answered (the parent).
    Answered(Answer<'a>),
    Judged(Box<Judged<'a>>),
}

impl<'a> Prepared<'a> {
    /// The answer; its matches keep the features the model weighed when `features` is set
    /// (`--explain` shows them).
    pub fn answer(self, features: bool) -> Answer<'a> {
        match self {
            Prepared::Answered(answer) => answer,
            Prepared::Judged(mut judged) => {
                judged.features = features;
                judged.answer()
            }
        }
    }
}

/// Every stage before the answer is assembled.
pub fn prepare<'a>(
    catalogue: &'a Catalogue,
    index: &'a Index,
    question: &str,
    model: &'a Model,
) -> Prepared<'a> {
    let query = Query::read(question, index);
    if query.words.is_empty() {
        // Nothing to search for: no answer, and the bar one would have needed.
        let nothing = Answer {
            bar: model.bar,
            ..Answer::default()
        };
        return Prepared::Answered(nothing);
    }
    let ranked = rank::rank(&query.words, index, query.language);
    if let Some(answer) = answer::by_cue(catalogue, index, &query, &ranked, model.bar) {
        return Prepared::Answered(answer);
    }
    Prepared::Judged(Box::new(judge(catalogue, index, query, ranked, model)))
}

/// Every candidate of a question and the model's decision on it: the stages before the answer
/// is assembled.
pub fn judge<'a>(
    catalogue: &'a Catalogue,
    index: &'a Index,
    query: Query,
    ranked: Vec<Scored>,
    model: &'a Model,
) -> Judged<'a> {
    let scope = Scope::of(catalogue, &ranked, &query.tokens, &query.words, &query.cues);
    let rest = scope.as_ref().map(|s| s.rest(&query.weights));
    let mut fired = route::fire(&query.words, &catalogue.routes, index);
    let weigh = |fired: &[route::Fired]| {
        let candidates =
            candidates::gather(catalogue, &ranked, fired, scope.as_ref(), query.words.len());
        let weighed = weigh(
            &candidates,
            &query,
            &ranked,
            scope.as_ref(),
            rest.as_deref(),
            model,
        );
        (candidates, weighed)
    };
    let (mut candidates, (mut verdicts, mut best)) = weigh(&fired);
    if fired.is_empty()
        && let Some(f) = route::implied(catalogue, &ranked, &candidates, &verdicts, model, &query)
    {
        fired.push(f);
        (candidates, (verdicts, best)) = weigh(&fired);
    }
    for f in &mut fired {
        f.skip_first = query.cues.next_step && f.route.steps.len() > 1;
    }
    Judged {
        catalogue,
        index,
        model,
        query,
        ranked,
        fired,
        scope,
        rest,
        candidates,
        verdicts,
        best,
        features: false,
    }
}

/// The model's verdict on each candidate, and the best ranking score among them.
fn weigh(
    candidates: &[candidates::Candidate],
    query: &Query,
    ranked: &[Scored],
    scope: Option<&Scope>,
    rest: Option<&[f64]>,
    model: &Model,
) -> (Vec<Verdict>, Best) {
    let words = query.words.len();
    let own = |c| own(c, query, ranked, scope, rest);
    // One candidate at a time: no table of every candidate's features.
    let best = Best::of(candidates, scope, |c| {
        c.rank().map_or(0.0, |r| ranked[r].score)
    });
    let verdicts = (candidates.iter())
        .map(|c| decision(&own(c), words, best.of_candidate(c, scope), model).verdict())
        .collect();
    (verdicts, best)
}

/// The best ranking scores a candidate's `relative_score` compares with. Within the
/// organisation a question is scoped to, its teams are compared among themselves: the
/// organisation's own score counts the words that name it, which for its teams are context,
/// not topic (they are judged without them, see [`own`]) — unless the question names two of
/// them or more. The organisation itself, and every candidate of a question without scope, is
/// compared with every candidate.
#[derive(Debug, Clone, Copy, Default)]
pub struct Best {
    all: f64,
    teams: f64,
}

impl Best {
    fn of(
        candidates: &[candidates::Candidate],
        scope: Option<&Scope>,
        score: impl Fn(&candidates::Candidate) -> f64,
    ) -> Best {
        let all = features::best_score(candidates.iter().map(&score));
        let teams = || candidates.iter().filter(|c| is_team_in(c, scope));
        // A question that names two of its teams or more asks about what groups them ("qui
        // regroupe le Lab IA et les logiciels libres ?"): everyone is compared with everyone.
        if teams().filter(|c| c.named).count() >= 2 {
            return Best { all, teams: all };
        }
        Best {
            all,
            teams: features::best_score(teams().map(&score)),
        }
    }

    fn of_candidate(self, c: &candidates::Candidate, scope: Option<&Scope>) -> f64 {
        if is_team_in(c, scope) {
            self.teams
        } else {
            self.all
        }
    }
}

/// Whether `c` is judged as a team of the organisation the question is scoped to (or, when it
/// excludes one, as anyone else): on the question's other words.
fn is_team_in(c: &candidates::Candidate, scope: Option<&Scope>) -> bool {
    scope.is_some_and(|s| s.org != c.entity)
}

/// What is known of candidate `c` on its own. Within the organisation `scope` names, its teams
/// are judged on `rest`: the question's weights without the words that name it.
fn own<'c>(
    c: &'c candidates::Candidate,
    query: &'c Query,
    ranked: &'c [Scored],
    scope: Option<&Scope>,
    rest: Option<&'c [f64]>,
) -> Own<'c> {
    let rest = rest.filter(|_| is_team_in(c, scope));
    let scored = c.rank().map(|r| &ranked[r]);
    Own {
        explained: c.explained(ranked),
        weights: rest.unwrap_or(&query.weights),
        everyday: &query.everyday,
        personal: query.personal,
        score: scored.map_or(0.0, |s| s.score),
        texts: scored.map_or(&[][..], |s| &s.texts),
        route: c.step.is_some(),
        named: c.named,
    }
}

/// Features, probability and coverage of each candidate.
fn decide(own: &[Own], words: usize, model: &Model) -> Vec<Decision> {
    let best = features::best_score(own.iter().map(|o| o.score));
    (own.iter())
        .map(|o| decision(o, words, best, model))
        .collect()
}

/// Features, probability and coverage of a candidate, among candidates whose best score is
/// `best`.
fn decision(own: &Own, words: usize, best: f64, model: &Model) -> Decision {
    let features = features::one(own, words, best);
    Decision {
        probability: model::probability(&features, model),
        coverage: features::coverage(own),
        features,
    }
}

impl<'a> Judged<'a> {
    /// The answer; when it is nothing, the hints: what lay outside the organisation the
    /// question named, the words that may be typos.
    pub fn answer(&self) -> Answer<'a> {
        let mut answer = self.assemble();
        if answer.matches.is_empty() {
            if let Some(scope) = self.scope.as_ref().filter(|s| !s.excluded) {
                answer.dropped = outside(self, scope);
            }
            answer.suggestions = explain::suggestions(&self.query.words, &self.ranked, self.index);
        }
        answer
    }

    /// What is known of candidate `c` on its own.
    pub fn own(&self, c: usize) -> Own<'_> {
        let (query, scope) = (&self.query, self.scope.as_ref());
        own(
            &self.candidates[c],
            query,
            &self.ranked,
            scope,
            self.rest.as_deref(),
        )
    }

    /// The answer model's decision on candidate `c`, its features found again.
    pub fn decision(&self, c: usize) -> Decision {
        let words = self.query.words.len();
        let Verdict {
            probability,
            coverage,
        } = self.verdicts[c];
        Decision {
            features: features::one(
                &self.own(c),
                words,
                self.best
                    .of_candidate(&self.candidates[c], self.scope.as_ref()),
            ),
            probability,
            coverage,
        }
    }

    /// The same candidates, decided by another model.
    pub fn rejudge(&mut self, model: &'a Model) {
        for c in 0..self.candidates.len() {
            let features = self.decision(c).features;
            self.verdicts[c].probability = model::probability(&features, model);
        }
        self.model = model;
    }
}

/// When nothing inside the organisation the question named is an answer: what lay outside it.
fn outside<'a>(judged: &Judged<'a>, scope: &Scope) -> Vec<Dropped<'a>> {
    let (catalogue, index, query) = (judged.catalogue, judged.index, &judged.query);
    let ranked: Vec<&Scored> = (judged.ranked.iter())
        .filter(|s| !scope.inside[s.entity as usize])
        .take(params::MAX_DROPPED)
        .collect();
    let own: Vec<Own> = ranked
        .iter()
        .map(|s| Own {
            explained: &s.explained,
            weights: &query.weights,
            everyday: &query.everyday,
            personal: query.personal,
            score: s.score,
            texts: &s.texts,
            route: false,
            named: !s.named_by().is_empty(),
        })
        .collect();
    (ranked
        .iter()
        .zip(decide(&own, query.words.len(), judged.model)))
    .map(|(s, decision)| Dropped {
        entity: s.entity as usize,
        decision,
        why: explain::why(s, &query.words, index, catalogue),
        outside: Some(scope.org),
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{normalise, tokenise};
    use proptest::prelude::*;

    fn catalogue() -> &'static (Catalogue, Index) {
        super::embedded()
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

    /// A catalogue from its JSON text, which must have no problem, and its index.
    fn built(json: String) -> (Catalogue, Index) {
        let (catalogue, report) = crate::catalogue::load::check_text("t", json);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        let index = Index::build(&catalogue);
        (catalogue, index)
    }

    /// A small synthetic catalogue: `n` teams, the first `sharing` with the topic `shared`,
    /// each with a topic of its own.
    fn synthetic(n: usize, sharing: usize, shared: &str) -> (Catalogue, Index) {
        let entities: Vec<String> = (0..n)
            .map(|i| {
                let mut topics = vec![format!("\"sujet{}\"", ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon"][i % 20])];
                if i < sharing {
                    topics.push(format!("\"{shared}\""));
                }
                format!(
                    r#"{{"id": "e{i}", "name": "Équipe {i}", "kind": "team", "summary": "Une équipe.", "topics": [{}], "source": "s"}}"#,
                    topics.join(", ")
                )
            })
            .collect();
        let json = format!(
            r#"{{"schema_version": 1, "source": {{"title": "t"}}, "entities": [{}]}}"#,
            entities.join(", ")
        );
        built(json)
    }

    #[test]
    fn a_topic_most_entities_share_still_answers() {
        // However many of the 13 entities share it (issue 15, class 6): IDF is no bar.
        for sharing in [1, 7, 11, 13] {
            let (catalogue, index) = synthetic(13, sharing, "télétravail");
            let answer = search(&catalogue, &index, "télétravail");
            let mut ids: Vec<usize> = answer.matches.iter().map(|m| m.entity).collect();
            ids.sort_unstable();
            assert_eq!(ids, (0..sharing).collect::<Vec<_>>(), "{sharing} of 13");
        }
    }

    #[test]
    fn an_excluded_organisation_leaves_its_teams_out() {
        let (catalogue, index) = catalogue();
        let etalab = |e: usize| {
            let entity = &catalogue.entities[e];
            entity.id == "etalab" || entity.parent.as_deref() == Some("etalab")
        };
        let within = search(
            catalogue,
            index,
            "chez Etalab, qui s'occupe des codes sources ?",
        );
        assert!(within.matches.iter().all(|m| etalab(m.entity)));
        let outside = search(
            catalogue,
            index,
            "hors Etalab, qui s'occupe des codes sources ?",
        );
        assert!(!outside.matches.is_empty());
        assert!(outside.matches.iter().all(|m| !etalab(m.entity)));
        // Two organisations excluded at once.
        let in_org = |e: usize, org: &str| {
            let entity = &catalogue.entities[e];
            entity.id == org || entity.parent.as_deref() == Some(org)
        };
        for q in [
            "hors Etalab et DINUM, qui s'occupe des données personnelles ?",
            "hors Etalab et de la DINUM, qui s'occupe des données personnelles ?",
            "outside Etalab and DINUM, who handles personal data?",
        ] {
            let answer = search(catalogue, index, q);
            assert!(!answer.matches.is_empty(), "{q}");
            for m in &answer.matches {
                assert!(
                    !in_org(m.entity, "etalab") && !in_org(m.entity, "dinum"),
                    "{q}"
                );
            }
        }
    }

    #[test]
    fn an_organisation_after_an_excluded_one_and_more_than_a_conjunction_scopes() {
        let (catalogue, index) = catalogue();
        let q = "hors Etalab, quelle équipe de la DINUM s'occupe de l'accessibilité ?";
        let answer = search(catalogue, index, q);
        assert!(!answer.matches.is_empty());
        for m in &answer.matches {
            let entity = &catalogue.entities[m.entity];
            assert_eq!(
                entity.parent.as_deref(),
                Some("dinum"),
                "{q}: {}",
                entity.id
            );
        }
    }

    #[test]
    fn asked_plainly_for_a_parent_the_described_entity_s_parent_leads() {
        let (catalogue, index) = catalogue();
        let first_two = |q: &str| -> Vec<&str> {
            let answer = search(catalogue, index, q);
            (answer.matches.iter().take(2))
                .map(|m| catalogue.entities[m.entity].id.as_str())
                .collect()
        };
        // The team is described, not named.
        assert_eq!(
            first_two(
                "l'équipe de la plateforme nationale des données ouvertes, elle est dans quelle direction ?"
            ),
            ["etalab", "data-gouv"]
        );
        // "part of" is no plain question for a parent: the described team stays first.
        assert_eq!(
            first_two(
                "je voudrais consacrer une part of my time à la plateforme nationale des données ouvertes"
            )[0],
            "data-gouv"
        );
    }

    #[test]
    fn a_service_that_names_an_order_s_trigger_leads_the_order() {
        let json = r#"{"schema_version": 1, "source": {"title": "t"}, "entities": [
            {"id": "dj", "name": "Direction juridique", "kind": "team", "summary": "Vos juristes.",
             "topics": ["juridique"], "source": "s"},
            {"id": "ds", "name": "Pôle Droit", "kind": "team", "summary": "Le cadre.",
             "topics": ["cadre juridique"], "source": "s"},
            {"id": "od", "name": "Pôle Ouverture", "kind": "team", "summary": "L'open data.",
             "services": ["questions juridiques sur l'ouverture des bases de données"],
             "topics": ["ouverture des données"], "source": "s"}],
            "routes": [{"id": "legal", "when": ["juridique"], "source": "s",
             "note": {"fr": "n", "en": "n"},
             "steps": [{"entity": "dj", "role": {"fr": "d'abord", "en": "first"}},
                       {"entity": "ds", "role": {"fr": "ensuite", "en": "then"}}]}]}"#;
        let (catalogue, index) = built(json.to_string());
        // A model that takes every candidate with evidence, likelier the more it explains.
        let mut model = Model {
            bias: 0.0,
            coefficients: [0.0; features::COUNT],
            bar: 0.5,
        };
        let evidence = features::NAMES
            .iter()
            .position(|&n| n == "evidence")
            .unwrap();
        model.coefficients[evidence] = 1.0;
        let ids = |q: &str| -> Vec<String> {
            let answer = search_with(&catalogue, &index, q, &model);
            (answer.matches.iter())
                .map(|m| catalogue.entities[m.entity].id.to_string())
                .collect()
        };
        // The service is the question: it leads, the order follows.
        assert_eq!(
            ids("questions juridiques sur l'ouverture de nos bases de données"),
            ["od", "dj", "ds"]
        );
        // A legal problem of any other kind: the order alone leads.
        assert_eq!(ids("un problème juridique")[..2], ["dj", "ds"]);
    }

    /// An organisation with two teams, and a legal department of one's own outside it.
    fn house() -> (Catalogue, Index) {
        let json = r#"{"schema_version": 1, "source": {"title": "t"}, "entities": [
            {"id": "maison", "name": "Maison", "kind": "organisation", "summary": "Une direction.",
             "topics": ["administration"], "source": "s"},
            {"id": "droit", "name": "Pôle Droit", "kind": "team", "parent": "maison",
             "summary": "Le cadre.", "topics": ["cadre juridique"], "source": "s"},
            {"id": "atelier", "name": "Atelier", "kind": "team", "parent": "maison",
             "summary": "Les outils.", "topics": ["logiciels"], "source": "s"},
            {"id": "dj", "name": "Direction juridique", "kind": "own-administration",
             "summary": "Vos juristes.", "topics": ["contrats"], "source": "s"}]}"#;
        built(json.to_string())
    }

    /// The organisation a question is scoped to, and which entities are inside it.
    fn scope_of(catalogue: &Catalogue, index: &Index, q: &str) -> Option<(String, Vec<String>)> {
        let Prepared::Judged(judged) = prepare(catalogue, index, q, &MODEL) else {
            panic!("{q}: answered before the model");
        };
        let scope = judged.scope.as_ref()?;
        let inside = (catalogue.entities.iter().zip(&scope.inside))
            .filter(|(_, inside)| **inside)
            .map(|(e, _)| e.id.to_string())
            .collect();
        Some((catalogue.entities[scope.org].id.to_string(), inside))
    }

    #[test]
    fn an_organisation_that_qualifies_its_own_team_is_no_scope() {
        let (catalogue, index) = house();
        for q in [
            "le pôle Droit de Maison, c'est pour quoi ?",
            "le pôle Droit d'Maison",
            "Maison's Atelier, what does it do?",
        ] {
            assert_eq!(scope_of(&catalogue, &index, q), None, "{q}");
        }
        // Beside a team of its own with more between them, it scopes again.
        let (org, _) =
            scope_of(&catalogue, &index, "chez Maison, qui fait les logiciels ?").unwrap();
        assert_eq!(org, "maison");
        // Beside a team that is not its own, it scopes.
        let (org, _) = scope_of(
            &catalogue,
            &index,
            "la direction juridique de Maison, des contrats",
        )
        .unwrap();
        assert_eq!(org, "maison");
    }

    #[test]
    fn a_question_of_definition_answers_the_entity_it_names() {
        let (catalogue, index) = house();
        let first = |q: &str| {
            let answer = search_with(&catalogue, &index, q, &MODEL);
            let ids: Vec<&str> = (answer.matches.iter())
                .map(|m| catalogue.entities[m.entity].id.as_str())
                .collect();
            ids.first().map(|id| id.to_string())
        };
        for (q, id) in [
            ("Maison's Atelier, what is it for?", "atelier"),
            (
                "c'est quoi la Maison, au juste ? on me parle de ses pôles",
                "maison",
            ),
            (
                "what is the Atelier and how do I reach its people?",
                "atelier",
            ),
        ] {
            assert_eq!(first(q).as_deref(), Some(id), "{q}");
        }
        // A word that names nothing is left to the model; so is something of the entity.
        for q in [
            "c'est quoi un contrat cadre",
            "what's Maison's budget this year",
        ] {
            assert!(
                matches!(prepare(&catalogue, &index, q, &MODEL), Prepared::Judged(_)),
                "{q}"
            );
        }
    }

    /// Per candidate id, its `relative_score` for question `q`.
    fn relative_scores(catalogue: &Catalogue, index: &Index, q: &str) -> Vec<(String, f64)> {
        let Prepared::Judged(judged) = prepare(catalogue, index, q, &MODEL) else {
            panic!("{q}: answered before the model");
        };
        (0..judged.candidates.len())
            .map(|c| {
                let id = catalogue.entities[judged.candidates[c].entity]
                    .id
                    .to_string();
                let f = judged.decision(c).features;
                (id, features::get(&f, "relative_score"))
            })
            .collect()
    }

    #[test]
    fn within_a_scope_its_teams_are_compared_among_themselves() {
        let (catalogue, index) = house();
        let of = |q: &str, id: &str| {
            let scores = relative_scores(&catalogue, &index, q);
            (scores.iter().find(|(e, _)| e == id))
                .unwrap_or_else(|| panic!("{q}: no {id} in {scores:?}"))
                .1
        };
        // The organisation's score counts its own name; its best team's does not need to.
        let q = "chez Maison, qui fait les logiciels ?";
        assert_eq!(scope_of(&catalogue, &index, q).unwrap().0, "maison");
        assert_eq!(of(q, "atelier"), 1.0);
        // A question naming two teams asks about what groups them: everyone with everyone,
        // and the organisation (its name and a topic) outscores both.
        let q = "qui regroupe Atelier et Pôle Droit dans l'administration, c'est Maison ?";
        assert_eq!(scope_of(&catalogue, &index, q).unwrap().0, "maison");
        assert_eq!(of(q, "maison"), 1.0);
        assert!(of(q, "atelier") < 1.0 && of(q, "droit") < 1.0);
    }

    #[test]
    fn an_entity_the_question_names_stays_inside_the_scope() {
        let (catalogue, index) = house();
        let (org, inside) = scope_of(
            &catalogue,
            &index,
            "direction juridique ou Maison ? dans quel ordre",
        )
        .unwrap();
        assert_eq!(org, "maison");
        assert_eq!(inside, ["maison", "droit", "atelier", "dj"]);
        // Unless the question leaves it out.
        let (org, inside) = scope_of(
            &catalogue,
            &index,
            "hors Maison, le pôle Droit ou la direction juridique ?",
        )
        .unwrap();
        assert_eq!(org, "maison");
        assert_eq!(inside, ["dj"]);
    }

    #[test]
    fn an_organisation_named_after_a_before_cue_is_no_scope() {
        let (catalogue, index) = house();
        assert_eq!(
            scope_of(&catalogue, &index, "chez Maison, qui fait les logiciels ?")
                .unwrap()
                .0,
            "maison"
        );
        for q in [
            "une question juridique : avant Maison, je vais voir qui ?",
            "legal question, should I go straight to Maison?",
        ] {
            assert!(scope_of(&catalogue, &index, q).is_none(), "{q}");
        }
    }

    #[test]
    fn an_answer_that_is_a_later_step_after_one_s_own_administration_brings_its_order() {
        let catalogue = |first_kind: &str| {
            let json = format!(
                r#"{{"schema_version": 1, "source": {{"title": "t"}}, "entities": [
                {{"id": "dj", "name": "Direction juridique", "kind": "{first_kind}",
                 "summary": "Vos juristes.", "topics": ["juridique"], "source": "s"}},
                {{"id": "ds", "name": "Pôle Droit", "kind": "team", "summary": "Le cadre.",
                 "needs": ["relire les règles que les usagers acceptent"], "source": "s"}}],
                "routes": [{{"id": "legal", "when": ["juridique"], "source": "s",
                 "note": {{"fr": "n", "en": "n"}},
                 "steps": [{{"entity": "dj", "role": {{"fr": "d'abord", "en": "first"}}}},
                           {{"entity": "ds", "role": {{"fr": "ensuite", "en": "then"}}}}]}}]}}"#
            );
            built(json)
        };
        let mut model = Model {
            bias: 0.0,
            coefficients: [0.0; features::COUNT],
            bar: 0.5,
        };
        let at = |name: &str| features::NAMES.iter().position(|&n| n == name).unwrap();
        model.coefficients[at("described")] = 1.0;
        model.coefficients[at("route")] = 1.0;
        let ids = |(catalogue, index): &(Catalogue, Index), q: &str| -> Vec<String> {
            let answer = search_with(catalogue, index, q, &model);
            (answer.matches.iter())
                .map(|m| catalogue.entities[m.entity].id.to_string())
                .collect()
        };
        let own = catalogue("own-administration");
        let q = "qui relit les règles que nos usagers acceptent ?";
        assert_eq!(ids(&own, q), ["dj", "ds"]);
        // Already seen: the next step leads.
        assert_eq!(
            ids(
                &own,
                "notre DJ a déjà relu les règles que nos usagers acceptent"
            )[0],
            "ds"
        );
        // Named, the team is what the question is about.
        assert_eq!(
            ids(&own, "le pôle Droit relit les règles des usagers ?"),
            ["ds"]
        );
        // Unless it is named as the step the asker would take too soon.
        assert_eq!(
            ids(&own, "avant de solliciter le pôle Droit, par qui passer ?"),
            ["dj", "ds"]
        );
        // An order that starts elsewhere than one's own administration is not implied.
        assert_eq!(ids(&catalogue("team"), q), ["ds"]);
    }

    #[test]
    fn a_word_no_entity_has_answers_nothing() {
        let (catalogue, index) = synthetic(13, 7, "télétravail");
        let answer = search(&catalogue, &index, "cantine");
        assert!(answer.matches.is_empty());
        assert!(answer.had_words);
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
