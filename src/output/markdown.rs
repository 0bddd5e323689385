//! Markdown: GitHub-flavoured tables of records, and an entity as a section (for `show` and
//! `checklist`). One escaper for all of it: [`escape`].

use std::io::{self, Write};

use super::{Record, flat_fields, sanitise};
use crate::catalogue::{Catalogue, Entity};

pub fn write<W: Write, R: Record>(out: &mut W, records: &[R]) -> io::Result<()> {
    let fields = flat_fields::<R>();
    let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
    writeln!(out, "| {} |", names.join(" | "))?;
    writeln!(out, "|{}", " --- |".repeat(fields.len()))?;
    for record in records {
        let cells: Vec<String> = fields.iter().map(|f| escape(&(f.cell)(record))).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// One entity as a Markdown section: who they are, what to ask, what to read.
pub fn write_entity(
    out: &mut impl Write,
    catalogue: &Catalogue,
    entity: &Entity,
) -> io::Result<()> {
    writeln!(out, "## {} (`{}`)", escape(&entity.name), entity.id)?;
    writeln!(out)?;
    if let Some(parent) = entity.parent.as_deref().and_then(|p| catalogue.find(p)) {
        let kind = entity.kind.as_str();
        writeln!(out, "*{}* · {kind}", escape(parent.display_name()))?;
        writeln!(out)?;
    }
    writeln!(out, "{}", escape(entity.summary.text()))?;
    if !entity.services.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "**{}**",
            crate::lang::tr("Ce que vous pouvez leur demander", "What you can ask them")
        )?;
        writeln!(out)?;
        for service in &entity.services {
            writeln!(out, "- {}", escape(service.text()))?;
        }
    }
    if !entity.contacts.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "**{}**",
            crate::lang::tr("Où les joindre", "How to reach them")
        )?;
        writeln!(out)?;
        for c in &entity.contacts {
            let label = if c.label.is_empty() {
                c.kind.as_str()
            } else {
                &c.label
            };
            writeln!(
                out,
                "- {}: `{}`",
                escape(label),
                sanitise(&c.value).replace('`', "'")
            )?;
        }
    }
    if !entity.resources.is_empty() {
        writeln!(out)?;
        writeln!(out, "**{}**", crate::lang::tr("À lire", "To read"))?;
        writeln!(out)?;
        for r in &entity.resources {
            writeln!(
                out,
                "- [ ] [{}]({})",
                escape(r.title.text()),
                link_url(&r.url)
            )?;
        }
    }
    Ok(())
}

/// Catalogue text safe anywhere in Markdown (a table cell, a heading, a link's text): no
/// control characters, and a backslash before the characters that would make markup (table
/// pipes, raw HTML, links).
pub fn escape(text: &str) -> String {
    let text = sanitise(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '|' | '\\' | '<' | '>' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A URL safe as a link's destination: no parentheses or spaces to end it early.
fn link_url(url: &str) -> String {
    sanitise(url)
        .replace('(', "%28")
        .replace(')', "%29")
        .replace(' ', "%20")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_pipes_and_markup() {
        assert_eq!(super::escape("a|b <c> [d]"), "a\\|b \\<c\\> \\[d\\]");
    }

    #[test]
    fn link_urls_cannot_end_early() {
        assert_eq!(
            super::link_url("https://x.fr/a (b)"),
            "https://x.fr/a%20%28b%29"
        );
    }
}
