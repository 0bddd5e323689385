//! What people read of an answer: the table, the guide's notes under it, where to go next,
//! the evidence with `--explain`; and for no answer, why, with hints. All of it in the
//! language of the run.

use std::io::{self, Write};

use super::{Answered, MatchRow, Options};
use crate::catalogue::Catalogue;
use crate::context::Context;
use crate::lang::tr;
use crate::output::{Format, heading, kind_label, sanitise, wrap, write_records};
use crate::search::{self, Answer, Dropped};

/// The table of matches and what people need under it: the guide's notes, where to go
/// next, and with `--explain` the evidence and the candidates left out. Nothing for no match.
pub fn write_answer(
    out: &mut impl Write,
    context: &Context,
    catalogue: &Catalogue,
    answered: &Answered,
    answer: &Answer,
    options: &Options,
) -> io::Result<()> {
    let rows = &answered.matches;
    if rows.is_empty() {
        return Ok(());
    }
    write_records(out, Format::Table, rows, &context.style)?;
    write_notes(out, rows, context.style.width)?;
    write_next(out, rows)?;
    if options.explain {
        write_explanation(out, rows)?;
        write_dropped(out, catalogue, answer)?;
    }
    Ok(())
}

/// For no match: why, and what to try instead, one line each.
pub fn nothing(
    catalogue: &Catalogue,
    question: &str,
    answer: &Answer,
    explain: bool,
) -> Vec<String> {
    let mut lines = vec![nothing_message(question, answer)];
    lines.extend(hints(catalogue, answer, explain));
    lines
}

/// What a dropped candidate matched, in a few words: `adresse → sujet «adresse»`.
fn evidence(dropped: &Dropped) -> String {
    let words: Vec<String> = dropped
        .why
        .iter()
        .map(|w| format!("{} → {} «{}»", w.query, heading(w.field), w.matched))
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
            " ; parcourez-le avec `ecosys list` ou `ecosys topics`",
            "; browse with `ecosys list` or `ecosys topics`",
        ));
    } else {
        message.push_str(&format!(
            "{} {} {}{}",
            tr(" ;", ";"),
            tr("vouliez-vous dire", "did you mean"),
            suggestions.join(", "),
            tr(" ?", "?")
        ));
    }
    message
}

/// How to reach a match, one line a way: its contacts (from an overlay), else its URL.
fn ways(row: &MatchRow) -> Vec<String> {
    if row.contacts.is_empty() {
        return row.url.iter().map(ToString::to_string).collect();
    }
    let colon = tr(" :", ":");
    row.contacts
        .iter()
        .map(|c| {
            let label = c.label.unwrap_or_else(|| kind_label(c.kind));
            format!("{label}{colon} {}", c.value)
        })
        .collect()
}

/// Where to go next (the contacts of the first answer that has some, as a ministry's overlay
/// gives them; else the first answer's URL), and how to learn more.
fn write_next(out: &mut impl Write, rows: &[MatchRow]) -> io::Result<()> {
    let with_contacts = rows.iter().find(|r| !r.contacts.is_empty());
    let Some(first) = with_contacts.or(rows.first()) else {
        return Ok(());
    };
    let ways = ways(first);
    if !ways.is_empty() {
        writeln!(
            out,
            "{} {}",
            tr("Où aller :", "Next:"),
            sanitise(first.name)
        )?;
        for way in ways {
            writeln!(out, "  {}", sanitise(&way))?;
        }
    }
    writeln!(
        out,
        "{} ecosys show {}",
        tr("Détails :", "Details:"),
        sanitise(first.id)
    )
}

/// Under a table: the guide's advice for each prescribed order in the answer.
fn write_notes(out: &mut impl Write, rows: &[MatchRow], width: u16) -> io::Result<()> {
    let mut seen = Vec::new();
    for order in rows.iter().filter_map(|r| r.order) {
        if !seen.contains(&&order.route) {
            seen.push(&order.route);
            let note = sanitise(&order.note);
            let room = usize::from(width).saturating_sub(2);
            writeln!(out, "→ {}", wrap(&note, room, "  "))?;
        }
    }
    Ok(())
}

/// How a word matched, for people.
fn how_label(how: &str) -> &str {
    match how {
        "exact" => tr("exact", "exact"),
        "stem" => tr("même racine", "stem"),
        "synonym" => tr("synonyme", "synonym"),
        "prefix" => tr("début de mot", "prefix"),
        "typo" => tr("faute de frappe", "typo"),
        other => other,
    }
}

/// `--explain`: every piece of evidence behind each match.
/// The answer model's decision in one line: probability, bar, and the features it weighed.
fn decision(d: &search::Verdict, f: &search::features::Features, bar: f64) -> String {
    let features: Vec<String> = (search::features::NAMES.iter())
        .zip(f.0)
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

fn write_explanation(out: &mut impl Write, rows: &[MatchRow]) -> io::Result<()> {
    for row in rows {
        writeln!(out)?;
        writeln!(
            out,
            "{}. {} (score {})",
            row.rank,
            sanitise(row.id),
            row.score
        )?;
        if let (Some(v), Some(f)) = (row.verdict, row.features) {
            writeln!(out, "   {}", decision(v, f, row.bar))?;
        }
        if let Some(order) = row.order {
            writeln!(
                out,
                "   {} {}/{} {} '{}', {} «{}»{} {}",
                tr("étape", "step"),
                order.step,
                order.steps,
                tr("de l'ordre", "of route"),
                sanitise(&order.route),
                tr("déclenchée par", "triggered by"),
                sanitise(&order.trigger),
                tr(" :", ":"),
                sanitise(&order.role)
            )?;
        }
        for why in row.why {
            writeln!(
                out,
                "   {} → {} [{}, {}{}] «{}»",
                sanitise(&why.query),
                sanitise(why.matched),
                heading(why.field),
                how_label(why.how.as_str()),
                if why.phrase {
                    tr(", expression", ", phrase")
                } else {
                    ""
                },
                sanitise(why.text)
            )?;
        }
    }
    Ok(())
}
