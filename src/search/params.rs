//! Every number that shapes an answer, in one table, read by every stage.
//!
//! - **Ranking** (BM25F, Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25
//!   and Beyond", 2009): per field a weight and a length damping `b`, per kind of match a
//!   factor, `k1`. Ranking only orders the candidates; whether one is an answer, and which
//!   comes first among those that are, is the answer model's call.
//! - **Evidence classes**: how a field and a kind of match explain a word of the question
//!   (what the team does, a word of one of its names, a resource, a mention). The classes
//!   are the answer model's inputs; what each is worth is fitted, not set here.
//! - **Word weights**: how much a word of the question says, from its frequency in general
//!   language (wordfreq's Zipf scale).
//! - **The answer model**: a logistic model over features that do not depend on the catalogue
//!   (see [`super::features`]), its coefficients and its bar fitted by
//!   `scripts/fit-model.py` on the corpus's train split, the bar chosen on dev. The block
//!   between `BEGIN FITTED` and `END FITTED` is written by that script; do not edit it by hand.

use super::index::Field;
use super::resolve::How;

/// BM25F per-field parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldParams {
    /// How much a match in this field counts (names and topics are the title-like fields).
    pub weight: f64,
    /// How much the field's length dampens its matches (BM25's `b`; 0.75 is the classic
    /// value for running text, title-like fields are damped less).
    pub damping: f64,
    /// What a match here says about the team.
    pub class: Class,
}

/// What a match in a field says about an entity, for the answer model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// What the team is called or deals with: a whole name or topic.
    Keyword,
    /// A word of what the team does for you: a service, a need.
    Described,
    /// One word of a name or topic of several words, the rest of it not in the question
    /// (`informatique` of `informatique et libertés`).
    Part,
    /// A resource's title: what the team publishes.
    Resource,
    /// A mention in passing: the summary, a fact.
    Mention,
}

/// Per field: BM25F weight, damping, evidence class.
pub const fn field(field: Field) -> FieldParams {
    let (weight, damping, class) = match field {
        Field::Name => (3.0, 0.5, Class::Keyword),
        Field::Topic => (2.5, 0.2, Class::Keyword),
        Field::Service | Field::Need => (1.2, 0.75, Class::Described),
        Field::Resource => (1.5, 0.75, Class::Resource),
        Field::Summary | Field::Fact => (1.0, 0.75, Class::Mention),
    };
    FieldParams {
        weight,
        damping,
        class,
    }
}

/// Per kind of match: its BM25F factor, and whether it is loose (a guess: the start of a
/// longer word, a typo) rather than tight (the word, its stem, a synonym).
pub const fn how(how: How) -> (f64, bool) {
    match how {
        How::Exact => (1.0, false),
        How::Stem => (0.9, false),
        How::Synonym => (0.8, false),
        How::Prefix | How::Typo => (0.6, true),
    }
}

/// Two words share a stem (`logiciels`, `logiciel`) when the stem is at least this share of
/// the longer word: `mont` is no stem of `montant` and `monter`. Chosen on dev.
pub const MIN_STEM_SHARE: f64 = 0.6;

/// Words this short (in characters) are matched exactly, never stemmed nor corrected: acronyms
/// (`IA`, `BAN`, `RNA`) and grammar.
pub const SHORT_WORD: usize = 3;
/// Longer words (in bytes) are kept whole: no language has them, and hostile input does.
pub const MAX_STEMMED_WORD: usize = 64;
/// Stems shorter than this are too vague to match on.
pub const MIN_STEM: usize = 3;
/// Shortest question word that may match as the start of a longer word (`pseudonym`).
pub const MIN_PREFIX_WORD: usize = 5;
/// Shortest stem that may match as the start of a longer one (`cadastr` / `cadastral`).
pub const MIN_PREFIX_STEM: usize = 5;
/// Edits forgiven in a word of `len` characters: none up to 4, 1 up to 8, 2 beyond —
/// Elasticsearch's `fuzziness: AUTO:5,9`, a stricter variant of its default `AUTO:3,6`, since
/// the acronyms of three and four letters (`IA`, `BAN`, `SILL`) must never be "corrected".
pub const fn typo_budget(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}
/// A catalogue word is suggested for a word that matched nothing when their normalised
/// Damerau–Levenshtein similarity reaches this.
pub const SUGGESTION_SIMILARITY: f64 = 0.75;
/// Words of a question past this many (stop words aside) are ignored: no one asks in more, and
/// a 100 kB argument must still be answered at once.
pub const MAX_QUESTION_WORDS: usize = 32;

/// BM25's term-frequency saturation (the classic 1.2).
pub const K1: f64 = 1.2;
/// Lucene's coordination factor (the share of the question's words an entity matched), taken
/// at half strength: `score × (1 - c + c × matched share)`.
pub const COORDINATION: f64 = 0.5;
/// Share of two adjacent words' scores added when they stand side by side in one text.
pub const PHRASE_BONUS: f64 = 0.3;
/// Catalogues smaller than this are scored as if they had this many entities, so that in a
/// catalogue of one or two entities a word is not "common" merely for being there.
pub const MIN_CATALOGUE: usize = 10;

/// A word's weight is `(ZIPF_NOTHING - zipf) / ZIPF_RANGE`, clamped to `MIN_WEIGHT..=1`: Zipf 7
/// (`de`, once every 10 words) says nothing, Zipf 3.5 or less (rarer than once in 300,000
/// words) says all a word can.
pub const ZIPF_NOTHING: f64 = 7.0;
pub const ZIPF_RANGE: f64 = 3.5;
/// Lightest weight a content word can have: even `données` says something.
pub const MIN_WEIGHT: f64 = 0.12;
/// Weight of a token with a digit (`2024`, `31m`): a number rarely names a subject. Zipf 5.95,
/// that of a common noun, on the same scale.
pub const NUMBER_WEIGHT: f64 = 0.3;

/// Candidates whose probability falls below the bar, kept for hints and `--explain`.
pub const MAX_DROPPED: usize = 3;

/// The answer model: `p = 1 / (1 + e^-(bias + Σ coefficient·feature))`; a candidate is an
/// answer when `p ≥ bar`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Model {
    pub bias: f64,
    pub coefficients: [f64; super::features::COUNT],
    pub bar: f64,
}

// BEGIN FITTED
/// Fitted by `cargo run --release --example fit -- --write`.
pub const MODEL: Model = Model {
    bias: -10.966747,
    coefficients: [
        3.851990,  // keyword
        3.932858,  // keyword_loose
        -0.078205, // described
        -0.975121, // part
        -9.701934, // resource
        0.943384,  // mention
        2.271365,  // evidence
        0.397305,  // strongest
        0.632719,  // focus
        1.201036,  // text_cover
        -0.141061, // unexplained
        0.533142,  // heaviest_unexplained
        -8.911458, // everyday
        0.086036,  // heaviest_explained
        0.867364,  // coverage_squared
        5.532732,  // relative_score
        2.029973,  // route
        -1.725025, // named
        -0.009625, // length
        0.766661,  // part_cover
        -2.967961, // personal
    ],
    bar: 0.40,
};
// END FITTED
