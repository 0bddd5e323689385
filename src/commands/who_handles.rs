//! `who-handles`: ranked teams for a topic, the reason, and the order the guide prescribes.

use std::io::{self, BufRead, Write};

use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::context::Context;
use crate::error::{Error, Outcome, Result};
use crate::lang::tr;
use crate::output::{Field, Format, Record, write_records};
use crate::search::explain::{Why, because};
use crate::search::{self, Answer, Dropped, Index, Order, Relation};

/// A step of a prescribed order, for people.
fn step_label(step: &str) -> &str {
    match step {
        "first" => tr("d'abord", "first"),
        "then" => tr("puis", "then"),
        other => other,
    }
}

/// At most this many rows in a table unless `--limit` says otherwise.
const TABLE_LIMIT: usize = 5;

pub struct Options {
    pub limit: Option<usize>,
    pub explain: bool,
}

/// One match, as every format prints it.
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
    /// A short reason.
    pub because: String,
    pub summary: &'a str,
    /// The prescribed order in full, else null.
    pub order: Option<&'a Order>,
    /// Per question word: the catalogue word it matched, where, and how.
    pub why: &'a [Why<'a>],
    /// What the answer model saw (for `--explain`).
    #[serde(skip)]
    pub decision: Option<&'a search::Decision>,
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
                r.confidence
                    .map_or_else(String::new, |c| c.to_string())
                    .into()
            }),
            Field::flat("step", |r| r.step.unwrap_or("").into()),
            Field::flat("route", |r| r.route.unwrap_or("").into()),
            Field::new("because", |r| r.because.as_str().into()),
        ]
    }
    fn table_separated() -> bool {
        true
    }
}

fn rows<'a>(catalogue: &'a Catalogue, answer: &'a Answer<'a>, limit: usize) -> Vec<MatchRow<'a>> {
    answer
        .matches
        .iter()
        .take(limit)
        .enumerate()
        .map(|(i, m)| {
            let entity = &catalogue.entities[m.entity];
            let mut reason = because(&m.why);
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
            MatchRow {
                rank: i + 1,
                id: &entity.id,
                name: entity.display_name(),
                kind: entity.kind.as_str(),
                score: (m.score * 1000.0).round() / 1000.0,
                confidence: (m.decision.as_ref())
                    .map(|d| (d.probability * 1000.0).round() / 1000.0),
                decision: m.decision.as_ref(),
                step: m.order.as_ref().map(|o| o.label),
                route: m.order.as_ref().map(|o| o.route.as_str()),
                because: reason,
                summary: entity.summary.text(),
                order: m.order.as_ref(),
                why: &m.why,
            }
        })
        .collect()
}

/// The formats `--stdin` prints (NDJSON unless told otherwise).
pub const BATCH_FORMATS: &[Format] = &[Format::Ndjson, Format::Json];

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

pub fn run(
    context: &Context,
    out: &mut impl Write,
    catalogue: &Catalogue,
    index: &Index,
    question: &str,
    options: &Options,
) -> Result<Outcome> {
    let answer = search::search(catalogue, index, question);
    let limit = options.limit.unwrap_or(if context.format == Format::Table {
        TABLE_LIMIT
    } else {
        usize::MAX
    });
    let rows = rows(catalogue, &answer, limit);
    let explain = options.explain.then_some(answer.bar);
    write(context, out, catalogue, &rows, explain).map_err(Error::Write)?;
    if context.format == Format::Table && options.explain && !rows.is_empty() {
        write_dropped(out, catalogue, &answer).map_err(Error::Write)?;
    }
    if rows.is_empty() {
        crate::context::warn(&nothing_message(question, &answer));
        for hint in hints(catalogue, &answer, options.explain) {
            crate::context::warn(&hint);
        }
        return Ok(Outcome::NothingMatched);
    }
    Ok(Outcome::Answer)
}

/// What a dropped candidate matched, in a few words: `adresse → topic «adresse»`.
fn evidence(dropped: &Dropped) -> String {
    let words: Vec<String> = dropped
        .why
        .iter()
        .map(|w| format!("{} → {} «{}»", w.query, w.field, w.matched))
        .collect();
    words.join(", ")
}

/// A share as people write it: `43 %` in French, `43%` in English.
fn percent(share: f64) -> String {
    format!("{:.0}{}%", share * 100.0, tr(" ", ""))
}

/// Under "nothing": the closest candidates, worded as hints, and why they fell short.
fn hints(catalogue: &Catalogue, answer: &Answer, explain: bool) -> Vec<String> {
    let mut hints = Vec::new();
    for d in &answer.dropped {
        let entity = &catalogue.entities[d.entity];
        let mut hint = match d.outside {
            Some(org) => format!(
                "{} {} ({}) {} {}",
                tr("piste :", "hint:"),
                entity.id,
                entity.display_name(),
                tr(
                    "pourrait convenir, mais ne fait pas partie de",
                    "might fit, but it is not part of"
                ),
                catalogue.entities[org].display_name()
            ),
            None => format!(
                "{} {} ({}), {} {} {} {}",
                tr(
                    "piste : le plus proche, trop faible pour être une réponse :",
                    "hint: closest, too weak to be an answer:"
                ),
                entity.id,
                entity.display_name(),
                tr("qui explique", "which explains"),
                percent(d.decision.coverage),
                tr("de la question, confiance", "of the question, confidence"),
                percent(d.decision.probability)
            ),
        };
        if explain {
            hint.push_str(&format!(" [{}]", evidence(d)));
        }
        hints.push(hint);
    }
    if !answer.dropped.is_empty() && !explain {
        hints.push(format!(
            "{} {}{}",
            tr(
                "piste : une réponse demande une confiance d'au moins",
                "hint: an answer needs a confidence of at least"
            ),
            percent(answer.bar),
            tr(
                " ; reformulez, ou voyez pourquoi avec --explain",
                "; rephrase, or see why with --explain"
            )
        ));
    }
    hints
}

/// `--explain` under a table: the candidates left out as too weak, and why.
fn write_dropped(out: &mut impl Write, catalogue: &Catalogue, answer: &Answer) -> io::Result<()> {
    use crate::output::sanitise;
    for d in &answer.dropped {
        writeln!(out)?;
        writeln!(
            out,
            "{} {} {} {} {} {}{} {} {}){} {}",
            tr("écarté :", "dropped:"),
            catalogue.entities[d.entity].id,
            tr("explique", "explains"),
            percent(d.decision.coverage),
            tr("de la question (confiance", "of the question (confidence"),
            percent(d.decision.probability),
            tr(" ;", ";"),
            tr("une réponse en demande", "an answer needs"),
            percent(answer.bar),
            tr(" :", ":"),
            sanitise(&evidence(d))
        )?;
    }
    Ok(())
}

/// The matches; in a table, the guide's notes under them, and the evidence if asked. No
/// table at all for no match (the message on stderr says it); flushed before that message.
fn write(
    context: &Context,
    out: &mut impl Write,
    catalogue: &Catalogue,
    rows: &[MatchRow],
    explain: Option<f64>,
) -> io::Result<()> {
    let table = context.format == Format::Table;
    if !(table && rows.is_empty()) {
        write_records(out, context.format, rows, &context.style)?;
    }
    if table && !rows.is_empty() {
        write_notes(out, rows, context.style.width)?;
        write_next(out, catalogue, rows)?;
        if let Some(bar) = explain {
            write_explanation(out, rows, bar)?;
        }
    }
    out.flush()
}

/// Why there is no answer, and what to try instead.
fn nothing_message(question: &str, answer: &Answer) -> String {
    let mut shown: String = question.trim().chars().take(60).collect();
    if question.trim().chars().count() > 60 {
        shown.push('…');
    }
    let mut message = format!(
        "{} '{shown}'",
        tr(
            "rien dans le catalogue ne correspond à",
            "nothing in the catalogue matches"
        )
    );
    if !answer.had_words {
        message.push_str(tr(" (que des mots courants)", " (only common words)"));
    }
    let suggestions: Vec<String> = answer
        .suggestions
        .iter()
        .map(|(word, near)| format!("'{near}' {} '{word}'", tr("pour", "for")))
        .collect();
    if suggestions.is_empty() {
        message.push_str(tr(
            "; parcourez-le avec `ecosys list` ou `ecosys topics`",
            "; browse with `ecosys list` or `ecosys topics`",
        ));
    } else {
        message.push_str(&format!(
            "; {} {}{}",
            tr("vouliez-vous dire", "did you mean"),
            suggestions.join(", "),
            tr(" ?", "?")
        ));
    }
    message
}

/// Where to go next (the contacts of the first answer that has some, as a ministry's overlay
/// gives them; else the first answer's URL), and how to learn more.
fn write_next(out: &mut impl Write, catalogue: &Catalogue, rows: &[MatchRow]) -> io::Result<()> {
    use crate::output::sanitise;
    let with_contacts = rows
        .iter()
        .find(|r| catalogue.find(r.id).is_some_and(|e| !e.contacts.is_empty()));
    let Some(first) = with_contacts.or(rows.first()) else {
        return Ok(());
    };
    if let Some(entity) = catalogue.find(first.id) {
        let reach = entity.reach();
        if !reach.is_empty() {
            writeln!(
                out,
                "{} {}",
                tr("Où aller :", "Next:"),
                sanitise(first.name)
            )?;
            for way in reach {
                writeln!(out, "  {}", sanitise(&way))?;
            }
        }
    }
    writeln!(
        out,
        "{} ecosys show {}",
        tr("Détails :", "Details:"),
        first.id
    )
}

/// Under a table: the guide's advice for each prescribed order in the answer.
fn write_notes(out: &mut impl Write, rows: &[MatchRow], width: u16) -> io::Result<()> {
    let mut seen = Vec::new();
    for order in rows.iter().filter_map(|r| r.order) {
        if !seen.contains(&&order.route) {
            seen.push(&order.route);
            let note = crate::output::sanitise(&order.note);
            writeln!(
                out,
                "→ {}",
                crate::output::wrap(&note, usize::from(width) - 2, "  ")
            )?;
        }
    }
    Ok(())
}

/// The answer model's decision in one line: probability, bar, and the features it weighed.
fn decision(d: &search::Decision, bar: f64) -> String {
    let features: Vec<String> = (search::features::NAMES.iter())
        .zip(d.features.0)
        .filter(|(_, v)| *v != 0.0)
        .map(|(name, v)| format!("{name} {v:.2}"))
        .collect();
    format!(
        "{} {} ({} {}){} {}",
        tr("confiance", "confidence"),
        percent(d.probability),
        tr("seuil", "bar"),
        percent(bar),
        tr(" ; caractéristiques :", "; features:"),
        features.join(", ")
    )
}

/// `--explain`: every piece of evidence behind each match.
fn write_explanation(out: &mut impl Write, rows: &[MatchRow], bar: f64) -> io::Result<()> {
    use crate::output::sanitise;
    for row in rows {
        writeln!(out)?;
        writeln!(out, "{}. {} (score {})", row.rank, row.id, row.score)?;
        if let Some(d) = row.decision {
            writeln!(out, "   {}", decision(d, bar))?;
        }
        if let Some(order) = row.order {
            writeln!(
                out,
                "   step {}/{} of route '{}', triggered by «{}»: {}",
                order.step,
                order.steps,
                order.route,
                sanitise(&order.trigger),
                sanitise(&order.role)
            )?;
        }
        for why in row.why {
            writeln!(
                out,
                "   {} → {} [{}, {}{}] «{}»",
                sanitise(&why.query),
                sanitise(why.matched),
                why.field,
                why.how.as_str(),
                if why.phrase { ", phrase" } else { "" },
                sanitise(why.text)
            )?;
        }
    }
    Ok(())
}

/// One line of `--stdin` output.
#[derive(Serialize)]
struct BatchLine<'a> {
    question: &'a str,
    matches: Vec<MatchRow<'a>>,
}

/// `--stdin`: one question a line in; out, one JSON object a question (NDJSON, as each is
/// answered) or one array of them (JSON). Lines that are not UTF-8 are decoded lossily
/// (invalid bytes become U+FFFD).
/// The longest question `--stdin` reads (64 KiB): a longer line is answered as its first
/// 64 KiB, the rest of it read and dropped, so memory stays flat whatever the input.
pub const MAX_LINE: usize = 64 * 1024;

/// Reads one line (without more than [`MAX_LINE`] bytes of it) into `line`; false at the end.
fn read_capped_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<bool> {
    line.clear();
    let mut read_any = false;
    loop {
        let buffer = match input.fill_buf() {
            Ok(buffer) => buffer,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            return Ok(read_any);
        }
        read_any = true;
        let (chunk, done) = match buffer.iter().position(|&b| b == b'\n') {
            Some(end) => (&buffer[..end], Some(end + 1)),
            None => (buffer, None),
        };
        let room = MAX_LINE.saturating_sub(line.len());
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = done.unwrap_or(buffer.len());
        input.consume(used);
        if done.is_some() {
            return Ok(true);
        }
    }
}

pub fn run_stdin(
    context: &Context,
    out: &mut impl Write,
    catalogue: &Catalogue,
    index: &Index,
    options: &Options,
) -> Result<Outcome> {
    let mut answers = Vec::new();
    let limit = options.limit.unwrap_or(usize::MAX);
    let mut all_answered = true;
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut line = Vec::new();
    while read_capped_line(&mut input, &mut line).map_err(Error::Stdin)? {
        let text = String::from_utf8_lossy(&line);
        let question = text.trim_end_matches(['\n', '\r']);
        // Blank lines and `# comments` are no questions: not answered, not counted.
        if question.trim().is_empty() || question.trim_start().starts_with('#') {
            continue;
        }
        let answer = search::search(catalogue, index, question);
        let matches = rows(catalogue, &answer, limit);
        all_answered &= !matches.is_empty();
        let line = BatchLine { question, matches };
        if context.format == Format::Json {
            answers.push(serde_json::to_value(&line).map_err(|e| Error::Write(e.into()))?);
        } else {
            // A co-process that writes a question and waits gets its answer now.
            let written = crate::output::write_json_line(out, &line).and_then(|()| out.flush());
            match written {
                // A reader gone early does not turn an unanswered question into success.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe && !all_answered => {
                    return Ok(Outcome::NothingMatched);
                }
                other => other.map_err(Error::Write)?,
            }
        }
    }
    if context.format == Format::Json {
        crate::output::write_json(out, &answers).map_err(Error::Write)?;
    }
    Ok(if all_answered {
        Outcome::Answer
    } else {
        Outcome::NothingMatched
    })
}
