//! GitHub-flavoured Markdown tables.

use std::io::{self, Write};

use super::{Record, sanitise};

pub fn write<W: Write, R: Record>(out: &mut W, records: &[R]) -> io::Result<()> {
    let columns = R::columns();
    writeln!(out, "| {} |", columns.join(" | "))?;
    writeln!(out, "|{}", " --- |".repeat(columns.len()))?;
    for record in records {
        let cells: Vec<String> = record.cells().iter().map(|c| escape(c)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// Text safe inside a Markdown table cell.
pub fn escape(text: &str) -> String {
    let text = sanitise(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '|' | '\\' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_pipes_and_markup() {
        assert_eq!(super::escape("a|b <c>"), "a\\|b \\<c\\>");
    }
}
