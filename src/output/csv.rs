//! CSV (RFC 4180) and TSV, each with a header line, through the `csv` crate.

use std::io::{self, Write};

use super::sanitise;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    /// CSV: quoted where needed, CRLF line ends.
    Comma,
    /// TSV: no quoting; tabs and line breaks inside fields become spaces.
    Tab,
}

/// CSV or TSV rows, written as they come under a header line.
pub struct Writer<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> Writer<W> {
    /// Writes the header line of columns `names`.
    pub fn new(out: W, separator: Separator, names: &[&str]) -> io::Result<Writer<W>> {
        let mut builder = csv::WriterBuilder::new();
        match separator {
            Separator::Comma => builder.terminator(csv::Terminator::CRLF),
            Separator::Tab => builder
                .delimiter(b'\t')
                .quote_style(csv::QuoteStyle::Never)
                .terminator(csv::Terminator::Any(b'\n')),
        };
        let mut inner = builder.from_writer(out);
        inner.write_record(names).map_err(io_error)?;
        Ok(Writer { inner })
    }

    /// Writes one row, its cells made safe by [`field`].
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> io::Result<()> {
        let cells = cells.into_iter().map(|c| field(c.as_ref()));
        self.inner.write_record(cells).map_err(io_error)
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The I/O error behind a CSV error, with its kind (a closed pipe stays a closed pipe).
fn io_error(error: csv::Error) -> io::Error {
    if !matches!(error.kind(), csv::ErrorKind::Io(_)) {
        return io::Error::other(error);
    }
    match error.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Whether a spreadsheet would take `text` for a formula: it starts with a tab or a carriage
/// return, or its first character after any leading spaces and line breaks is `=`, `+`, `-`
/// or `@`.
fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['\t', '\r']) || text.trim_start().starts_with(['=', '+', '-', '@'])
}

/// A field with terminal escapes neutralised (and so no line breaks or tabs); one that a
/// spreadsheet would take for a formula is prefixed with `'`, as OWASP advises against CSV
/// injection.
fn field(text: &str) -> String {
    let formula = looks_like_formula(text);
    let text = sanitise(text);
    if formula {
        format!("'{text}")
    } else {
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &'static str, separator: Separator) -> String {
        let mut out = Vec::new();
        let mut writer = Writer::new(&mut out, separator, &["text"]).unwrap();
        writer.row([text]).unwrap();
        writer.flush().unwrap();
        drop(writer);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(lines("plain", Separator::Comma), "text\r\nplain\r\n");
        assert_eq!(lines("a, b", Separator::Comma), "text\r\n\"a, b\"\r\n");
        assert_eq!(
            lines("say \"hi\"", Separator::Comma),
            "text\r\n\"say \"\"hi\"\"\"\r\n"
        );
    }

    #[test]
    fn formulas_are_defused() {
        for cell in [
            "=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "  =1+1", "\n=cmd", " \r\n @x",
            "\u{a0}-2",
        ] {
            let out = lines(cell, Separator::Comma);
            assert!(
                out.starts_with("text\r\n'") || out.starts_with("text\r\n\"'"),
                "{cell:?}: {out:?}"
            );
        }
        assert_eq!(lines("a=b", Separator::Tab), "text\na=b\n");
        assert_eq!(lines(" a -b", Separator::Tab), "text\n a -b\n");
    }

    #[test]
    fn tsv_fields_have_no_tabs_or_newlines() {
        assert_eq!(lines("a\tb\nc", Separator::Tab), "text\na b c\n");
    }
}
