//! CSV (RFC 4180) and TSV, each with a header line, through the `csv` crate.

use std::io::{self, Write};

use super::{Record, flat_fields, sanitise};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    /// CSV: quoted where needed, CRLF line ends.
    Comma,
    /// TSV: no quoting; tabs and line breaks inside fields become spaces.
    Tab,
}

/// Writes a header and one line a record.
pub fn write<W: Write, R: Record>(
    out: &mut W,
    records: &[R],
    separator: Separator,
) -> io::Result<()> {
    let mut builder = csv::WriterBuilder::new();
    match separator {
        Separator::Comma => builder.terminator(csv::Terminator::CRLF),
        Separator::Tab => builder
            .delimiter(b'\t')
            .quote_style(csv::QuoteStyle::Never)
            .terminator(csv::Terminator::Any(b'\n')),
    };
    let mut writer = builder.from_writer(out);
    let fields = flat_fields::<R>();
    writer.write_record(fields.iter().map(|f| f.name))?;
    for record in records {
        writer.write_record(fields.iter().map(|f| field(&(f.cell)(record))))?;
    }
    writer.flush()
}

/// A field with terminal escapes neutralised (and so no line breaks or tabs); one that a
/// spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) is prefixed with `'`, as OWASP advises against CSV injection.
fn field(text: &str) -> String {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = sanitise(text);
    if formula {
        format!("'{text}")
    } else {
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use serde::Serialize;

    use super::*;
    use crate::output::Field;

    #[derive(Serialize)]
    struct Row(&'static str);

    impl Record for Row {
        fn fields() -> Vec<Field<Self>> {
            vec![Field::new("text", |r| Cow::Borrowed(r.0))]
        }
    }

    fn lines(text: &'static str, separator: Separator) -> String {
        let mut out = Vec::new();
        write(&mut out, &[Row(text)], separator).unwrap();
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
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            let out = lines(cell, Separator::Comma);
            assert!(
                out.starts_with("text\r\n'") || out.starts_with("text\r\n\"'"),
                "{out:?}"
            );
        }
        assert_eq!(lines("a=b", Separator::Tab), "text\na=b\n");
    }

    #[test]
    fn tsv_fields_have_no_tabs_or_newlines() {
        assert_eq!(lines("a\tb\nc", Separator::Tab), "text\na b c\n");
    }
}
