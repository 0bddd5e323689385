//! `who-handles`: ranked teams for a topic, the reason, and the order the guide prescribes.
//! What people read around the table (the guide's notes, where to go, hints) is in `people`;
//! a batch of questions on standard input, in `batch`.

mod batch;
mod people;

use std::io::Write;

use serde::Serialize;

use crate::catalogue::{Catalogue, Entity};
use crate::commands::entity::ContactRecord;
use crate::context::Context;
use crate::error::{Decided, Error, Outcome, Result, decided};
use crate::lang::tr;
use crate::output::{Field, Format, Record, write_json, write_json_line, write_records};
use crate::search::explain::{Why, because};
use crate::search::{self, Answer, Order, Relation};

pub use batch::{MAX_LINE, run_stdin};

/// At most this many rows in a table unless `--limit` says otherwise.
const TABLE_LIMIT: usize = 5;

pub struct Options {
    pub limit: Option<usize>,
    pub explain: bool,
}

impl Options {
    /// How many matches to show in `format`.
    fn limit(&self, format: Format) -> usize {
        self.limit.unwrap_or(if format == Format::Table {
            TABLE_LIMIT
        } else {
            usize::MAX
        })
    }
}

/// One match, as every format prints it. Every field is always there: null for an absent
/// value, `[]` for an empty list.
#[derive(Serialize)]
pub struct MatchRow<'a> {
    pub rank: usize,
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    /// Strength of the evidence (rounded to 3 decimals).
    pub score: f64,
    /// The answer model's probability that this is an answer (rounded to 3 decimals); null
    /// when a context rule answered (the organisation a named team belongs to).
    pub confidence: Option<f64>,
    /// `first` or `then` when the guide prescribes an order, else null.
    pub step: Option<&'static str>,
    /// Id of the prescribed order, else null.
    pub route: Option<&'a str>,
    /// A short reason, in the language of the run.
    pub because: String,
    /// Where to go: the entity's home page, else null.
    pub url: Option<&'a str>,
    /// How to reach it, as a ministry's overlay gives them (the embedded catalogue has none).
    pub contacts: Vec<ContactRecord<'a>>,
    pub summary: &'a str,
    /// The prescribed order in full, else null.
    pub order: Option<&'a Order>,
    /// Per question word: the catalogue word it matched, where, and how.
    pub why: &'a [Why<'a>],
    /// What the answer model saw (for `--explain`).
    #[serde(skip)]
    pub verdict: Option<&'a search::Verdict>,
    /// The features the answer model weighed (for `--explain`).
    #[serde(skip)]
    pub features: Option<&'a search::features::Features>,
    /// The bar the answer model's probability had to reach.
    #[serde(skip)]
    pub bar: f64,
}

/// A step of a prescribed order, for people.
fn step_label(step: &str) -> &str {
    match step {
        "first" => tr("d'abord", "first"),
        "then" => tr("puis", "then"),
        other => other,
    }
}

impl Record for MatchRow<'_> {
    fn fields() -> Vec<Field<Self>> {
        vec![
            Field::table("#", |r| match r.step {
                Some(step) => format!("{} {}", r.rank, step_label(step)).into(),
                None => r.rank.to_string().into(),
            }),
            Field::flat("rank", |r| r.rank.to_string().into()),
            Field::new("id", |r| r.id.into()),
            Field::new("name", |r| r.name.into()),
            Field::flat("kind", |r| r.kind.into()),
            Field::flat("score", |r| r.score.to_string().into()),
            Field::flat("confidence", |r| {
                (r.confidence)
                    .map_or_else(String::new, |c| c.to_string())
                    .into()
            }),
            Field::flat("step", |r| r.step.unwrap_or("").into()),
            Field::flat("route", |r| r.route.unwrap_or("").into()),
            Field::new("because", |r| r.because.as_str().into()),
            Field::flat("url", |r| r.url.unwrap_or("").into()),
            Field::flat("contacts", |r| ContactRecord::cell(&r.contacts).into()),
        ]
    }
    fn table_separated() -> bool {
        true
    }
}

/// A candidate too weak to be an answer: who, and how much of the question it explains.
#[derive(Serialize)]
pub struct NearMiss<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// The share of the question it explains, from 0 to 1 (rounded to 3 decimals).
    pub coverage: f64,
    /// The answer model's probability that it is an answer (rounded to 3 decimals): below the
    /// bar, or it would be one.
    pub confidence: f64,
}

/// A question and its answer, as scripts get it (each `--stdin` line, `--explain --json`).
#[derive(Serialize)]
pub struct Answered<'a> {
    pub question: &'a str,
    pub matches: Vec<MatchRow<'a>>,
    /// The closest candidates left out as too weak, best first; [] when none.
    pub near_misses: Vec<NearMiss<'a>>,
    /// The confidence a candidate must reach to be an answer.
    pub bar: f64,
}

/// `text`, one of `entity`'s texts that search matched, in the language of the run when the
/// catalogue has it in that language (an English question matching the English summary
/// quotes the French one to a French reader).
fn in_reader_language<'a>(entity: &'a Entity, text: &'a str) -> &'a str {
    std::iter::once(&entity.summary)
        .chain(&entity.services)
        .chain(entity.resources.iter().map(|r| &r.title))
        .find(|t| text == &***t || t.en.as_deref() == Some(text))
        .map_or(text, |t| t.text())
}

/// The short reason of a match, for people.
fn reason(catalogue: &Catalogue, entity: &Entity, m: &search::Match) -> String {
    let quoted: Vec<Why> = m
        .why
        .iter()
        .map(|w| Why {
            text: in_reader_language(entity, w.text),
            ..w.clone()
        })
        .collect();
    let mut reason = because(&quoted);
    if let Some(Relation::ParentOf(child)) = m.relation {
        let child = &catalogue.entities[child];
        reason = format!(
            "{} {}",
            child.display_name(),
            tr("en fait partie", "belongs to it")
        );
    }
    if let Some(order) = &m.order {
        let mut prefix = format!("{} ({})", order.role, order.trigger);
        if m.relation == Some(Relation::AlreadySeen) {
            prefix.push_str(tr(
                ", déjà consulté d'après la question",
                ", already consulted by your account",
            ));
        }
        reason = if reason.is_empty() {
            prefix
        } else {
            format!("{prefix}; {reason}")
        };
    }
    reason
}

fn rounded(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The first `limit` matches of `answer` as rows.
fn rows<'a>(catalogue: &'a Catalogue, answer: &'a Answer<'a>, limit: usize) -> Vec<MatchRow<'a>> {
    answer
        .matches
        .iter()
        .take(limit)
        .enumerate()
        .map(|(i, m)| {
            let entity = &catalogue.entities[m.entity];
            MatchRow {
                rank: i + 1,
                id: &entity.id,
                name: entity.display_name(),
                kind: entity.kind.as_str(),
                score: rounded(m.score),
                confidence: m.verdict.as_ref().map(|d| rounded(d.probability)),
                verdict: m.verdict.as_ref(),
                features: m.features.as_deref(),
                bar: answer.bar,
                step: m.order.as_ref().map(|o| o.label),
                route: m.order.as_ref().map(|o| o.route.as_str()),
                because: reason(catalogue, entity, m),
                url: entity.url.as_deref(),
                contacts: entity.contacts.iter().map(ContactRecord::from).collect(),
                summary: entity.summary.text(),
                order: m.order.as_deref(),
                why: &m.why,
            }
        })
        .collect()
}

/// The near misses of `answer`, from what search dropped (its entity and coverage only).
fn near_misses<'a>(catalogue: &'a Catalogue, answer: &Answer) -> Vec<NearMiss<'a>> {
    answer
        .dropped
        .iter()
        .map(|d| {
            let entity = &catalogue.entities[d.entity];
            NearMiss {
                id: &entity.id,
                name: entity.display_name(),
                coverage: rounded(d.decision.coverage),
                confidence: rounded(d.decision.probability),
            }
        })
        .collect()
}

/// `question` and its answer, at most `limit` matches.
fn answered<'a>(
    catalogue: &'a Catalogue,
    answer: &'a Answer<'a>,
    question: &'a str,
    limit: usize,
) -> Answered<'a> {
    Answered {
        question,
        matches: rows(catalogue, answer, limit),
        near_misses: near_misses(catalogue, answer),
        bar: rounded(answer.bar),
    }
}

/// The answer to `question`; its matches keep the answer model's features when a table
/// explains them.
fn ask<'a>(
    context: &Context,
    catalogue: &'a Catalogue,
    index: &'a search::Index,
    question: &str,
    options: &Options,
) -> Answer<'a> {
    if options.explain && context.format == Format::Table {
        search::search_explained(catalogue, index, question)
    } else {
        search::search(catalogue, index, question)
    }
}

/// Fails for a question with nothing to search for.
pub fn check_question(question: &str) -> Result<()> {
    if question.chars().any(char::is_alphanumeric) {
        Ok(())
    } else {
        Err(Error::Usage(
            tr(
                "la question est vide ; essayez `ecosys who-handles données personnelles`",
                "the question is empty; try `ecosys who-handles personal data`",
            )
            .into(),
        ))
    }
}

/// One question. JSON and NDJSON print the matches (`[]` for none); with `--explain`, the
/// answer as one object (`question`, `matches`, `near_misses`), as `--stdin` prints it. A table
/// is followed by what people need (see `people`); for no match, no table, and a message with
/// hints on stderr.
pub fn run(
    context: &Context,
    out: &mut impl Write,
    catalogue: &Catalogue,
    index: &search::Index,
    question: &str,
    options: &Options,
) -> Result<Decided> {
    let answer = ask(context, catalogue, index, question, options);
    let answered = answered(catalogue, &answer, question, options.limit(context.format));
    let outcome = if answered.matches.is_empty() {
        Outcome::NothingMatched
    } else {
        Outcome::Answer
    };
    let written = match context.format {
        Format::Table => people::write_answer(out, context, catalogue, &answered, &answer, options),
        Format::Json if options.explain => write_json(out, &answered),
        Format::Ndjson if options.explain => write_json_line(out, &answered),
        format => write_records(out, format, &answered.matches, &context.style),
    };
    // Flushed before the message on stderr, so that a terminal shows them in order.
    let written = written.and_then(|()| out.flush());
    if answered.matches.is_empty() {
        for line in people::nothing(catalogue, question, &answer, options.explain) {
            crate::context::warn(&line);
        }
    }
    decided(outcome, written)
}
