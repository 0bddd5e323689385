//! Output formats, one file each. Every command hands over a list of [`Record`]s; the format
//! decides how they look. Field names are snake_case and the same in every format.

mod csv;
mod json;
mod markdown;
mod table;

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

pub use json::{write_line as write_json_line, write_value as write_json};
pub use table::{Style, kv_table};

/// How to print results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for people.
    Table,
    /// One JSON array.
    Json,
    /// One JSON object a line.
    Ndjson,
    /// RFC 4180 CSV with a header line.
    Csv,
    /// Tab-separated values with a header line; no tabs or newlines inside fields.
    Tsv,
    /// A GitHub-flavoured Markdown table.
    Markdown,
}

/// A row of results: serialised whole for JSON, as flat cells for the other formats.
pub trait Record: Serialize {
    /// Column names of the flat formats (a subset of the JSON field names).
    fn columns() -> &'static [&'static str];
    /// Cells, in the order of [`Record::columns`].
    fn cells(&self) -> Vec<String>;
    /// Columns a table shows (default: all).
    fn table_columns() -> &'static [&'static str] {
        Self::columns()
    }
    /// Whether table rows are separated by a rule (for rows that wrap).
    fn table_separated() -> bool {
        false
    }
    /// Cells a table shows, in the order of [`Record::table_columns`].
    fn table_cells(&self) -> Vec<String> {
        self.cells()
    }
}

/// Writes `records` in `format`.
pub fn write_records<W: Write, R: Record>(
    out: &mut W,
    format: Format,
    records: &[R],
    style: &Style,
) -> io::Result<()> {
    match format {
        Format::Table => table::write(out, records, style),
        Format::Json => json::write_array(out, records),
        Format::Ndjson => json::write_lines(out, records),
        Format::Csv => csv::write(out, records, b','),
        Format::Tsv => csv::write(out, records, b'\t'),
        Format::Markdown => markdown::write(out, records),
    }
}

/// Makes catalogue text safe to print on a terminal: control characters (C0, C1, DEL) and
/// bidirectional overrides become visible escapes such as `\u{1b}`; tabs and line breaks
/// become spaces.
pub fn sanitise(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` wrapped greedily at spaces to lines of at most `width` characters, each line after
/// the first indented by `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            out.push('\n');
            out.push_str(indent);
            line_len = indent.chars().count();
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(wrap("aa bb cc", 5, "  "), "aa bb\n  cc");
        assert_eq!(wrap("aaaaaaa b", 3, ""), "aaaaaaa\nb");
    }

    #[test]
    fn sanitise_neutralises_terminal_escapes() {
        assert_eq!(sanitise("plain é"), "plain é");
        assert_eq!(sanitise("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(sanitise("a\u{9b}b\u{7f}"), "a\\u{9b}b\\u{7f}");
        assert_eq!(sanitise("a\tb\nc"), "a b c");
        assert_eq!(sanitise("\u{202e}evil"), "\\u{202e}evil");
    }
}
