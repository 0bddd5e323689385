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

pub use json::{ArrayWriter, write_line as write_json_line, write_value as write_json};
pub use markdown::{escape as markdown_escape, write_entity as write_markdown_entity};
pub use table::{Style, heading, terminal_width, write_entity as write_table_entity};

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
    /// Whether the record's JSON is exactly its flat fields (every field but table-only
    /// cells), in order, each a string: it is then written without serde (the same text).
    fn flat_json() -> bool {
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

/// For the tests of a record that says [`Record::flat_json`]: its JSON written without serde
/// is serde's text.
#[cfg(test)]
pub fn assert_flat_json<R: Record>(records: &[R]) {
    assert!(R::flat_json());
    let (mut flat, mut serde) = (Vec::new(), Vec::new());
    json::write_flat_array(&mut flat, &flat_fields(), records).unwrap();
    json::write_array(&mut serde, records).unwrap();
    assert_eq!(String::from_utf8(flat), String::from_utf8(serde));
}

/// The column names of `R` in a flat format.
pub fn flat_names<R: Record>() -> Vec<&'static str> {
    flat_fields::<R>().iter().map(|f| f.name).collect()
}

/// The cells of `record` in a flat format, in the order of [`flat_names`].
pub fn flat_cells<R: Record>(record: &R) -> Vec<Cow<'_, str>> {
    flat_fields::<R>()
        .iter()
        .map(|f| (f.cell)(record))
        .collect()
}

/// Rows of a flat format (CSV, TSV or Markdown), written as they come under one header.
pub enum FlatWriter<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Markdown(W),
}

impl<W: Write> FlatWriter<W> {
    /// Writes the header of columns `names`; `None` for a format that is not flat.
    pub fn new(mut out: W, format: Format, names: &[&str]) -> io::Result<Option<FlatWriter<W>>> {
        Ok(Some(match format {
            Format::Csv | Format::Tsv => {
                let separator = if format == Format::Csv {
                    csv::Separator::Comma
                } else {
                    csv::Separator::Tab
                };
                FlatWriter::Csv(Box::new(csv::Writer::new(out, separator, names)?))
            }
            Format::Markdown => {
                markdown::header(&mut out, names)?;
                FlatWriter::Markdown(out)
            }
            Format::Table | Format::Json | Format::Ndjson => return Ok(None),
        }))
    }

    /// Writes one row, each cell escaped by the format's rules.
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> io::Result<()> {
        match self {
            FlatWriter::Csv(w) => w.row(cells),
            FlatWriter::Markdown(out) => markdown::row(out, cells),
        }
    }

    pub fn flush(&mut self) -> io::Result<()> {
        match self {
            FlatWriter::Csv(w) => w.flush(),
            FlatWriter::Markdown(out) => out.flush(),
        }
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
        Format::Json if R::flat_json() => json::write_flat_array(out, &flat_fields(), records),
        Format::Json => json::write_array(out, records),
        Format::Ndjson => json::write_lines(out, records),
        Format::Csv | Format::Tsv | Format::Markdown => {
            let fields = flat_fields::<R>();
            let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
            if let Some(mut writer) = FlatWriter::new(&mut *out, format, &names)? {
                for record in records {
                    writer.row(fields.iter().map(|f| (f.cell)(record)))?;
                }
                writer.flush()?;
            }
            Ok(())
        }
    }
}

/// A value of a kind (of entity, resource or contact), as people read it in the language of
/// the run; the machine formats keep the value itself.
pub fn kind_label(kind: &str) -> &str {
    use crate::lang::tr;
    match kind {
        "team" => tr("équipe", "team"),
        "outside-body" => tr("organisme extérieur", "outside body"),
        "own-administration" => tr("votre administration", "own administration"),
        "platform" => tr("plateforme", "platform"),
        "dataset" => tr("jeu de données", "dataset"),
        "website" => tr("site web", "website"),
        "law" => tr("texte de loi", "law"),
        "software" => tr("logiciel", "software"),
        "training" => tr("formation", "training"),
        "email" => tr("courriel", "email"),
        "url" => tr("site", "url"),
        "phone" => tr("téléphone", "phone"),
        "chat" => tr("messagerie", "chat"),
        // The same word in both languages: organisation, guide, documentation, page,
        // programme, article.
        other => other,
    }
}

/// Whether `c` is invisible or reorders text: a control character (C0, C1, DEL), a line or
/// paragraph separator (U+2028, U+2029), a format character (Unicode category Cf: bidi marks,
/// overrides and isolates, U+061C, zero-width characters U+200B–U+200D, U+FEFF, ...), any
/// other default-ignorable code point (variation selectors U+FE00–U+FE0F and
/// U+E0100–U+E01EF, Hangul fillers U+115F, U+1160, U+3164 and U+FFA0, the combining grapheme
/// joiner U+034F, Mongolian and Khmer invisible letters...), or the blank braille pattern
/// U+2800, which shows nothing.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{34f}'
                | '\u{600}'..='\u{605}'
                | '\u{61c}'
                | '\u{6dd}'
                | '\u{70f}'
                | '\u{890}'..='\u{891}'
                | '\u{8e2}'
                | '\u{115f}'..='\u{1160}'
                | '\u{17b4}'..='\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff0}'..='\u{fffb}'
                | '\u{110bd}'
                | '\u{110cd}'
                | '\u{13430}'..='\u{1343f}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

/// Whether `byte` can start a character that [`is_hidden`]: an ASCII control, or the first
/// byte of the UTF-8 form of one (French accents, which start with C3 or C5, never are).
fn may_start_hidden(byte: u8) -> bool {
    byte < 0x20
        || matches!(
            byte,
            0x7f | 0xc2
                | 0xcd
                | 0xd8
                | 0xdb
                | 0xdc
                | 0xe0
                | 0xe1
                | 0xe2
                | 0xe3
                | 0xef
                | 0xf0
                | 0xf3
        )
}

/// Whether `text` has a character that [`is_hidden`], looking closer only at the bytes that
/// can start one.
fn has_hidden(text: &str) -> bool {
    text.bytes().enumerate().any(|(i, b)| {
        // A byte that can start a character is where one starts.
        may_start_hidden(b) && text[i..].chars().next().is_some_and(is_hidden)
    })
}

/// Makes catalogue text safe to print on a terminal: control characters (C0, C1, DEL), line
/// and paragraph separators, and format characters (bidi controls, zero-width characters,
/// BOM: see [`is_hidden`]) become visible escapes such as `\u{1b}`; tabs and line breaks
/// become spaces.
pub fn sanitise(text: &str) -> Cow<'_, str> {
    let unsafe_char = is_hidden;
    if !has_hidden(text) {
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
    if text.len() <= MAX_CELL {
        // No more bytes than the limit, so no more characters.
        return Cow::Borrowed(text);
    }
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

/// How many columns `text` takes on a terminal (CJK and emoji take two, combining accents
/// none).
pub fn width(text: &str) -> usize {
    if printable_ascii(text) {
        return text.len();
    }
    unicode_width::UnicodeWidthStr::width(text)
}

/// Whether `text` is printable ASCII only (a column each, nothing hidden): the common case,
/// checked a byte at a time.
fn printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// `text` wrapped greedily at spaces to lines of at most `width` columns, each line after
/// the first indented by `indent`.
pub fn wrap(text: &str, columns: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let len = width(word);
        if line_len > 0 && line_len + 1 + len > columns {
            out.push('\n');
            out.push_str(indent);
            line_len = width(indent);
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
    fn wrap_counts_columns_not_characters() {
        // Two columns a CJK character; none for a combining accent (as macOS writes é).
        assert_eq!(wrap("数据 数据", 4, ""), "数据\n数据");
        assert_eq!(
            wrap("e\u{301}te\u{301} ete", 8, ""),
            "e\u{301}te\u{301} ete"
        );
    }

    #[test]
    fn invisible_characters_outside_cf_are_hidden() {
        for c in [
            '\u{fe0f}',
            '\u{e0100}',
            '\u{3164}',
            '\u{115f}',
            '\u{2800}',
            '\u{34f}',
            '\u{ffa0}',
            '\u{180b}',
        ] {
            assert!(is_hidden(c), "{:x}", c as u32);
        }
        for c in ['a', 'é', '数', '😀', ' ', '\u{a0}', '\u{301}'] {
            assert!(!is_hidden(c), "{:x}", c as u32);
        }
    }

    #[test]
    fn every_hidden_character_starts_with_a_byte_looked_at() {
        let mut buffer = [0u8; 4];
        for c in (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| is_hidden(c))
        {
            let first = c.encode_utf8(&mut buffer).as_bytes()[0];
            assert!(may_start_hidden(first), "{:x}", c as u32);
        }
        assert!(!has_hidden("données é ü œ — «»"));
        assert!(has_hidden("a\u{2800}") && has_hidden("\u{e0100}") && has_hidden("é\u{ad}"));
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
