//! CSV (RFC 4180) and TSV, each with a header line.

use std::io::{self, Write};

use super::{Record, sanitise};

/// Writes a header and one line a record; `,` gives CSV, `\t` TSV.
pub fn write<W: Write, R: Record>(out: &mut W, records: &[R], separator: u8) -> io::Result<()> {
    let line = |out: &mut W, cells: &mut dyn Iterator<Item = String>| -> io::Result<()> {
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                out.write_all(&[separator])?;
            }
            let cell = if separator == b'\t' {
                tsv_field(&cell)
            } else {
                csv_field(&cell)
            };
            out.write_all(cell.as_bytes())?;
        }
        out.write_all(if separator == b',' { b"\r\n" } else { b"\n" })
    };
    line(out, &mut R::columns().iter().map(|c| c.to_string()))?;
    for record in records {
        line(out, &mut record.cells().into_iter())?;
    }
    Ok(())
}

/// A CSV field, quoted when it holds a comma, quote or line break.
fn csv_field(text: &str) -> String {
    let text = sanitise(text);
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
    }
}

/// A TSV field: never holds a tab or a line break.
fn tsv_field(text: &str) -> String {
    sanitise(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn tsv_fields_have_no_tabs_or_newlines() {
        assert_eq!(tsv_field("a\tb\nc"), "a b c");
    }
}
