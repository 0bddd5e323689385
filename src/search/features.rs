//! Stage 9: what the answer model sees of a candidate. Every feature is a share of the
//! question, a weight from general word frequencies, a count, or a comparison between the
//! candidates of this question: none depends on how many entities the catalogue has or on
//! which words it uses, so the model decides alike on the embedded catalogue, an overlay or a
//! ministry's own.

use super::evidence::Explained;
use super::params::Class;

/// How many features there are.
pub const COUNT: usize = 13;

/// Their names, in order (`--explain`, the fitting script).
pub const NAMES: [&str; COUNT] = [
    "keyword",
    "keyword_loose",
    "part",
    "resource",
    "mention",
    "evidence",
    "strongest",
    "unexplained",
    "relative_score",
    "lead",
    "route",
    "named",
    "length",
];

/// One candidate's features, in the order of [`NAMES`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Features(pub [f64; COUNT]);

/// What is known of one candidate before it is compared with the others.
#[derive(Debug, Clone, Copy)]
pub struct Own<'e> {
    /// Per question word, how the candidate explains it.
    pub explained: &'e [Option<Explained>],
    /// Per question word, its weight for this candidate.
    pub weights: &'e [f64],
    /// Its ranking score.
    pub score: f64,
    /// It is a step of an order the guide prescribes for the question.
    pub route: bool,
    /// The question names it.
    pub named: bool,
}

/// The share of the weight `explained` covers with evidence `keep` accepts.
fn share(own: &Own, keep: impl Fn(Explained) -> bool) -> f64 {
    let total: f64 = own.weights.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    weight(own, keep) / total
}

/// The weight `explained` covers with evidence `keep` accepts.
fn weight(own: &Own, keep: impl Fn(Explained) -> bool) -> f64 {
    own.explained
        .iter()
        .zip(own.weights)
        .filter(|(e, _)| e.is_some_and(&keep))
        .map(|(_, w)| w)
        .sum()
}

/// Whether a piece of evidence says what the team does (a keyword, tight or loose).
fn keyword(e: Explained) -> bool {
    e.class == Class::Keyword
}

/// Share of the question's weight a candidate explains at all: what [`features`] compares
/// between candidates, and what hints call "explains N % of the question".
pub fn coverage(own: &Own) -> f64 {
    share(own, |_| true)
}

/// The features of every candidate of one question (of `words` content words).
pub fn features(candidates: &[Own], words: usize) -> Vec<Features> {
    let coverages: Vec<f64> = candidates.iter().map(coverage).collect();
    let best_score = candidates.iter().map(|c| c.score).fold(0.0, f64::max);
    candidates
        .iter()
        .enumerate()
        .map(|(i, own)| {
            let best_other = coverages
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, c)| *c)
                .fold(0.0, f64::max);
            let strongest = own
                .explained
                .iter()
                .zip(own.weights)
                .filter(|(e, _)| e.is_some_and(keyword))
                .map(|(_, w)| *w)
                .fold(0.0, f64::max);
            let unexplained: f64 = own
                .explained
                .iter()
                .zip(own.weights)
                .filter(|(e, _)| e.is_none())
                .map(|(_, w)| w)
                .sum();
            Features([
                share(own, |e| keyword(e) && !e.loose),
                share(own, |e| keyword(e) && e.loose),
                share(own, |e| e.class == Class::Part),
                share(own, |e| e.class == Class::Resource),
                share(own, |e| e.class == Class::Mention),
                weight(own, keyword).ln_1p(),
                strongest,
                unexplained.ln_1p(),
                if best_score > 0.0 {
                    own.score / best_score
                } else {
                    0.0
                },
                coverages[i] - best_other,
                f64::from(u8::from(own.route)),
                f64::from(u8::from(own.named)),
                (words as f64).ln_1p(),
            ])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYWORD: Option<Explained> = Some(Explained::ROUTE);
    const MENTION: Option<Explained> = Some(Explained {
        class: Class::Mention,
        loose: false,
    });

    fn own<'e>(explained: &'e [Option<Explained>], weights: &'e [f64], score: f64) -> Own<'e> {
        Own {
            explained,
            weights,
            score,
            route: false,
            named: false,
        }
    }

    #[test]
    fn shares_split_the_question_by_evidence() {
        let weights = [1.0, 0.5, 0.5];
        let explained = [KEYWORD, MENTION, None];
        let f = features(&[own(&explained, &weights, 2.0)], 3)[0].0;
        assert_eq!(f[0], 0.5, "keyword share");
        assert_eq!(f[4], 0.25, "mention share");
        assert_eq!(f[5], 1.0f64.ln_1p(), "keyword evidence");
        assert_eq!(f[6], 1.0, "strongest keyword word");
        assert_eq!(f[7], 0.5f64.ln_1p(), "unexplained weight");
        assert_eq!(f[8], 1.0, "the best score");
        assert_eq!(f[9], 0.75, "alone, its lead is its coverage");
    }

    #[test]
    fn the_lead_compares_with_the_best_other_candidate() {
        let weights = [1.0, 1.0];
        let (a, b) = ([KEYWORD, KEYWORD], [KEYWORD, None]);
        let f = features(&[own(&a, &weights, 4.0), own(&b, &weights, 1.0)], 2);
        assert_eq!(f[0].0[9], 0.5);
        assert_eq!(f[1].0[9], -0.5);
        assert_eq!(f[1].0[8], 0.25, "relative score");
    }

    #[test]
    fn no_weight_explains_nothing() {
        let f = features(&[own(&[None], &[0.0], 0.0)], 1)[0].0;
        assert_eq!(&f[..5], &[0.0; 5]);
        assert_eq!(f[8], 0.0);
    }
}
