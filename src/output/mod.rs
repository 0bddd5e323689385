//! Output formats, one file each (as hyperfine's exporters). Every command hands over a list
//! of [`Record`]s, each declaring its fields once; the format decides how they look, and
//! escapes by its own rules. Field names are snake_case and the same in every format.

mod csv;
mod json;
mod markdown;
mod table;

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

pub use json::{write_line as write_json_line, write_value as write_json};
pub use markdown::{escape as markdown_escape, write_entity as write_markdown_entity};
pub use table::{Style, terminal_width, write_entity as write_table_entity};

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

impl Format {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Markdown => "markdown",
        }
    }
}

/// Where a field of a [`Record`] is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// In every format.
    Everywhere,
    /// In the flat formats (CSV, TSV, Markdown), not in a table for people.
    NotInTable,
    /// Only in a table for people (a cell that combines others).
    OnlyInTable,
}

/// One field of a record: declared once, each format takes what it shows.
pub struct Field<R> {
    pub name: &'static str,
    pub shown: Shown,
    pub cell: fn(&R) -> Cow<'_, str>,
}

impl<R> Field<R> {
    pub fn new(name: &'static str, cell: fn(&R) -> Cow<'_, str>) -> Self {
        Field {
            name,
            shown: Shown::Everywhere,
            cell,
        }
    }

    /// A field of the flat formats that a table for people leaves out.
    pub fn flat(name: &'static str, cell: fn(&R) -> Cow<'_, str>) -> Self {
        Field {
            name,
            shown: Shown::NotInTable,
            cell,
        }
    }

    /// A cell only a table for people shows.
    pub fn table(name: &'static str, cell: fn(&R) -> Cow<'_, str>) -> Self {
        Field {
            name,
            shown: Shown::OnlyInTable,
            cell,
        }
    }
}

/// A row of results: serialised whole for JSON, its [`Field`]s for the other formats (their
/// names are a subset of the JSON field names, except for table-only cells).
pub trait Record: Serialize + Sized {
    fn fields() -> Vec<Field<Self>>;
    /// Whether table rows are separated by a rule (for rows that wrap).
    fn table_separated() -> bool {
        false
    }
}

/// The fields of `R` a flat format (CSV, TSV, Markdown) shows.
fn flat_fields<R: Record>() -> Vec<Field<R>> {
    R::fields()
        .into_iter()
        .filter(|f| f.shown != Shown::OnlyInTable)
        .collect()
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
        Format::Csv => csv::write(out, records, csv::Separator::Comma),
        Format::Tsv => csv::write(out, records, csv::Separator::Tab),
        Format::Markdown => markdown::write(out, records),
    }
}

/// Whether `c` is invisible or reorders text: a control character (C0, C1, DEL), a line or
/// paragraph separator (U+2028, U+2029), or a format character (Unicode category Cf: bidi
/// marks, overrides and isolates, U+061C, zero-width characters U+200B–U+200D, U+FEFF, ...).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{600}'..='\u{605}'
                | '\u{61c}'
                | '\u{6dd}'
                | '\u{70f}'
                | '\u{890}'..='\u{891}'
                | '\u{8e2}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{110bd}'
                | '\u{110cd}'
                | '\u{13430}'..='\u{1343f}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0001}'
                | '\u{e0020}'..='\u{e007f}'
        )
}

/// Makes catalogue text safe to print on a terminal: control characters (C0, C1, DEL), line
/// and paragraph separators, and format characters (bidi controls, zero-width characters,
/// BOM: see [`is_hidden`]) become visible escapes such as `\u{1b}`; tabs and line breaks
/// become spaces.
pub fn sanitise(text: &str) -> Cow<'_, str> {
    let unsafe_char = is_hidden;
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

/// The most characters a table cell shows; longer text ends with `…` (the other formats
/// keep the whole value).
pub const MAX_CELL: usize = 1000;

/// `text` cut to [`MAX_CELL`] characters, the last being `…`, when longer.
pub fn truncate_cell(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MAX_CELL) {
        None => Cow::Borrowed(text),
        Some(_) => {
            let end = text
                .char_indices()
                .nth(MAX_CELL - 1)
                .map_or(text.len(), |(i, _)| i);
            Cow::Owned(format!("{}…", &text[..end]))
        }
    }
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
        for c in [
            '\u{61c}', '\u{2028}', '\u{2029}', '\u{200b}', '\u{200d}', '\u{feff}', '\u{2066}',
        ] {
            assert_eq!(
                sanitise(&format!("a{c}b")),
                format!("a\\u{{{:x}}}b", c as u32)
            );
        }
    }
}
