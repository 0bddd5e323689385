//! Markdown: GitHub-flavoured tables of records, and an entity as a section (for `show` and
//! `checklist`). One escaper for all of it: [`escape`].

use std::io::{self, Write};

use super::{kind_label, sanitise};
use crate::catalogue::Entity;
use crate::lang::tr;

/// The header of a table of columns `names`.
pub fn header(out: &mut impl Write, names: &[&str]) -> io::Result<()> {
    writeln!(out, "| {} |", names.join(" | "))?;
    writeln!(out, "|{}", " --- |".repeat(names.len()))
}

/// One row of a table, its cells escaped.
pub fn row<S: AsRef<str>>(
    out: &mut impl Write,
    cells: impl IntoIterator<Item = S>,
) -> io::Result<()> {
    let cells: Vec<String> = cells.into_iter().map(|c| escape(c.as_ref())).collect();
    writeln!(out, "| {} |", cells.join(" | "))
}

/// One entity as a Markdown section: who they are, what to ask, what to read. `parent` is
/// the entity it belongs to, if the catalogue has it.
pub fn write_entity(
    out: &mut impl Write,
    parent: Option<&Entity>,
    entity: &Entity,
) -> io::Result<()> {
    writeln!(out, "## {} ({})", escape(&entity.name), code(&entity.id))?;
    writeln!(out)?;
    if let Some(parent) = parent {
        let kind = kind_label(entity.kind.as_str());
        writeln!(out, "*{}* · {kind}", escape(parent.display_name()))?;
        writeln!(out)?;
    }
    writeln!(out, "{}", escape(entity.summary.text()))?;
    if !entity.services.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "**{}**",
            tr("Ce que vous pouvez leur demander", "What you can ask them")
        )?;
        writeln!(out)?;
        for service in &entity.services {
            writeln!(out, "- {}", escape(service.text()))?;
        }
    }
    if !entity.contacts.is_empty() {
        writeln!(out)?;
        writeln!(out, "**{}**", tr("Où les joindre", "How to reach them"))?;
        writeln!(out)?;
        for c in &entity.contacts {
            let label = if c.label.is_empty() {
                kind_label(c.kind.as_str())
            } else {
                &c.label
            };
            writeln!(
                out,
                "- {}{} {}",
                escape(label),
                tr(" :", ":"),
                code(&c.value)
            )?;
        }
    }
    if !entity.resources.is_empty() {
        writeln!(out)?;
        writeln!(out, "**{}**", tr("À lire", "To read"))?;
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

/// Catalogue text that stays text wherever it goes in Markdown (a table cell, a heading, a
/// list item, a link's text): no control or invisible characters ([`sanitise`]), a backslash
/// before every character that makes inline markup (emphasis, code, links, raw HTML, entities
/// such as `&#x202E;`, table pipes, strikethrough, math), and before what would start a block
/// at the beginning of a line (`# heading`, `> quote`, `- item`, `1. item`, `===`). Leading
/// spaces are dropped (four of them would make code).
pub fn escape(text: &str) -> String {
    let text = sanitise(text);
    let text = text.trim_start();
    let mut out = String::with_capacity(text.len() + 8);
    if text.starts_with(['#', '-', '+', '=']) {
        out.push('\\');
    }
    // `2021. Something` would be item 2021 of a list.
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = (1..=9).contains(&digits) && text[digits..].starts_with(['.', ')']);
    // Every character escaped is ASCII: copy the runs between them whole.
    let mut from = 0;
    for (i, b) in text.bytes().enumerate() {
        if matches!(
            b,
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'&' | b'~' | b'$'
        ) || (numbered && i == digits)
        {
            out.push_str(&text[from..i]);
            out.push('\\');
            from = i;
        }
    }
    out.push_str(&text[from..]);
    out
}

/// Catalogue text as inline code: no control characters, and no backtick to end it early.
fn code(text: &str) -> String {
    format!("`{}`", sanitise(text).replace('`', "'"))
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
    use super::escape;

    #[test]
    fn escapes_pipes_and_markup() {
        assert_eq!(escape("a|b <c> [d]"), "a\\|b \\<c\\> \\[d\\]");
        assert_eq!(escape("Team &#x202E;evil"), "Team \\&#x202E;evil");
        assert_eq!(
            escape("*bold* `code` ~~s~~ $x$"),
            "\\*bold\\* \\`code\\` \\~\\~s\\~\\~ \\$x\\$"
        );
    }

    #[test]
    fn block_syntax_stays_text() {
        assert_eq!(escape("# Fake heading"), "\\# Fake heading");
        assert_eq!(escape("   ## x"), "\\## x");
        assert_eq!(escape("> quote"), "\\> quote");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("+ item"), "\\+ item");
        assert_eq!(escape("==="), "\\===");
        assert_eq!(escape("2021. Année"), "2021\\. Année");
        assert_eq!(escape("3) trois"), "3\\) trois");
        assert_eq!(escape("10 mai. 2021"), "10 mai. 2021");
        assert_eq!(escape("    code"), "code");
        assert_eq!(escape("a # b - c"), "a # b - c");
    }

    /// The character-by-character escaping that the byte-wise one replaced.
    fn escape_by_char(text: &str) -> String {
        let text = super::sanitise(text);
        let text = text.trim_start();
        let mut out = String::new();
        if text.starts_with(['#', '-', '+', '=']) {
            out.push('\\');
        }
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let numbered = (1..=9).contains(&digits) && text[digits..].starts_with(['.', ')']);
        for (i, c) in text.char_indices() {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '$'
            ) || (numbered && i == digits)
            {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn escapes_as_char_by_char_did(text in "[0-9 .)#>*_`|&~$<é\\\\\u{202e}a-z-]{0,24}") {
            proptest::prop_assert_eq!(escape(&text), escape_by_char(&text));
        }
    }

    #[test]
    fn link_urls_cannot_end_early() {
        assert_eq!(
            super::link_url("https://x.fr/a (b)"),
            "https://x.fr/a%20%28b%29"
        );
    }
}
