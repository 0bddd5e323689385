//! Stage 9: what the answer model sees of a candidate. Every feature is a share of the
//! question, a weight from general word frequencies, a count, or a comparison between the
//! candidates of this question: none depends on how many entities the catalogue has or on
//! which words it uses, so the model decides alike on the embedded catalogue, an overlay or a
//! ministry's own.

use super::evidence::Explained;
use super::params::Class;

/// How many features there are.
pub const COUNT: usize = 21;

/// Their names, in order (`--explain`, the fitting script).
pub const NAMES: [&str; COUNT] = [
    "keyword",
    "keyword_loose",
    "described",
    "part",
    "resource",
    "mention",
    "evidence",
    "strongest",
    "focus",
    "text_cover",
    "unexplained",
    "heaviest_unexplained",
    "everyday",
    "heaviest_explained",
    "coverage_squared",
    "relative_score",
    "route",
    "named",
    "length",
    "part_cover",
    "personal",
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
    /// Per question word, whether it is a word of everyday life (see
    /// [`crate::text::everyday`]).
    pub everyday: &'e [bool],
    /// The question speaks of the asker's private life (see [`crate::text::personal`]).
    pub personal: bool,
    /// Its ranking score.
    pub score: f64,
    /// Per text of it that question words found, which words (see [`Scored::texts`]).
    ///
    /// [`Scored::texts`]: super::rank::Scored::texts
    pub texts: &'e [(u64, u32, f32)],
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

/// Whether a piece of evidence says what the team is or does (a keyword, tight or loose, or
/// a word of a service or need).
fn keyword(e: Explained) -> bool {
    matches!(e.class, Class::Keyword | Class::Described)
}

/// Share of the question's weight a candidate explains at all: what [`features`] compares
/// between candidates, and what hints call "explains N % of the question".
pub fn coverage(own: &Own) -> f64 {
    share(own, |_| true)
}

/// The weight of the question found in the candidate's one text that holds the most of it: a
/// paraphrase meets several words of one need, an incidental word one.
fn focus(own: &Own) -> f64 {
    (own.texts.iter())
        .map(|&(words, _, _)| weight_of(own, words))
        .fold(0.0, f64::max)
}

/// The weight of the question words `words` (bit `q` for word `q`).
fn weight_of(own: &Own, words: u64) -> f64 {
    (own.weights.iter().enumerate())
        .filter(|(q, _)| *q < 64 && words & (1 << q) != 0)
        .map(|(_, w)| w)
        .sum()
}

/// The share of the question's weight in words of everyday life the candidate leaves
/// unexplained: "acheter des licences", "la cantine de la DINUM".
fn everyday(own: &Own) -> f64 {
    let total: f64 = own.weights.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    let left: f64 = (own.explained.iter().zip(own.weights).zip(own.everyday))
        .filter(|((e, _), everyday)| e.is_none() && **everyday)
        .map(|((_, w), _)| w)
        .sum();
    left / total
}

/// The largest share of one of the candidate's texts that the question's words found: a
/// question that meets most of a need, not one word of a long one.
fn text_cover(own: &Own) -> f64 {
    (own.texts.iter())
        .map(|&(words, len, _)| (f64::from(words.count_ones()) / f64::from(len.max(1))).min(1.0))
        .fold(0.0, f64::max)
}

/// Over the candidate's names and topics of several words that the question found in part,
/// the largest share of the text's weight covered (see [`super::cover`]) times the share of
/// the question's weight that covers it.
fn part_cover(own: &Own) -> f64 {
    let total: f64 = own.weights.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    (own.texts.iter())
        .filter(|t| t.2 > 0.0)
        .map(|&(words, _, cover)| f64::from(cover) * weight_of(own, words) / total)
        .fold(0.0, f64::max)
}

/// The features of every candidate of one question (of `words` content words).
pub fn features(candidates: &[Own], words: usize) -> Vec<Features> {
    let best = best_score(candidates.iter().map(|c| c.score));
    candidates.iter().map(|own| one(own, words, best)).collect()
}

/// The best ranking score among a question's candidates, what `relative_score` compares with.
pub fn best_score(scores: impl Iterator<Item = f64>) -> f64 {
    scores.fold(0.0, f64::max)
}

/// The features of one candidate of a question whose candidates' best score is `best_score`
/// (see [`features`]): one at a time, a question that 100,000 entities match keeps no table
/// of them all.
pub fn one(own: &Own, words: usize, best_score: f64) -> Features {
    let pairs = || own.explained.iter().zip(own.weights);
    let strongest = (pairs())
        .filter(|(e, _)| e.is_some_and(keyword))
        .map(|(_, w)| *w)
        .fold(0.0, f64::max);
    let unexplained = || pairs().filter(|(e, _)| e.is_none()).map(|(_, w)| *w);
    let heaviest = pairs().max_by(|a, b| a.1.total_cmp(b.1));
    let coverage = coverage(own);
    Features([
        share(own, |e| e.class == Class::Keyword && !e.loose),
        share(own, |e| e.class == Class::Keyword && e.loose),
        share(own, |e| e.class == Class::Described),
        share(own, |e| e.class == Class::Part),
        share(own, |e| e.class == Class::Resource),
        share(own, |e| e.class == Class::Mention),
        weight(own, keyword).ln_1p(),
        strongest,
        focus(own),
        text_cover(own),
        unexplained().sum::<f64>().ln_1p(),
        unexplained().fold(0.0, f64::max),
        everyday(own),
        f64::from(u8::from(heaviest.is_some_and(|(e, _)| e.is_some()))),
        coverage * coverage,
        if best_score > 0.0 {
            own.score / best_score
        } else {
            0.0
        },
        f64::from(u8::from(own.route)),
        f64::from(u8::from(own.named)),
        (words as f64).ln_1p(),
        part_cover(own),
        f64::from(u8::from(own.personal)),
    ])
}

/// The value of the feature called `name`.
pub fn get(features: &Features, name: &str) -> f64 {
    let at = NAMES.iter().position(|n| *n == name);
    at.map_or(f64::NAN, |i| features.0[i])
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
            everyday: &[false; 3][..explained.len()],
            personal: false,
            score,
            texts: &[],
            route: false,
            named: false,
        }
    }

    #[test]
    fn shares_split_the_question_by_evidence() {
        let weights = [1.0, 0.5, 0.5];
        let explained = [KEYWORD, MENTION, None];
        let f = &features(&[own(&explained, &weights, 2.0)], 3)[0];
        assert_eq!(get(f, "keyword"), 0.5);
        assert_eq!(get(f, "mention"), 0.25);
        assert_eq!(get(f, "evidence"), 1.0f64.ln_1p());
        assert_eq!(get(f, "strongest"), 1.0);
        assert_eq!(get(f, "unexplained"), 0.5f64.ln_1p());
        assert_eq!(get(f, "heaviest_unexplained"), 0.5);
        assert_eq!(get(f, "heaviest_explained"), 1.0);
        assert_eq!(get(f, "coverage_squared"), 0.75 * 0.75);
        assert_eq!(get(f, "relative_score"), 1.0);
    }

    #[test]
    fn the_score_is_relative_to_the_best_candidate() {
        let weights = [1.0, 1.0];
        let (a, b) = ([KEYWORD, KEYWORD], [KEYWORD, None]);
        let f = features(&[own(&a, &weights, 4.0), own(&b, &weights, 1.0)], 2);
        assert_eq!(get(&f[0], "relative_score"), 1.0);
        assert_eq!(get(&f[1], "relative_score"), 0.25);
        assert_eq!(get(&f[1], "coverage_squared"), 0.25);
    }

    #[test]
    fn no_weight_explains_nothing() {
        let f = features(&[own(&[None], &[0.0], 0.0)], 1)[0].0;
        assert_eq!(&f[..6], &[0.0; 6]);
        assert_eq!(get(&Features(f), "relative_score"), 0.0);
    }
}
