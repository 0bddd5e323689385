//! JSON (one array) and NDJSON (one object a line).
//!
//! serde_json escapes C0 control characters; [`Escaping`] also escapes DEL, the C1 controls
//! and bidirectional overrides, which JSON allows raw but a terminal may act on.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use super::Field;

/// One pretty-printed JSON array, then a newline.
pub fn write_array<W: Write, T: Serialize>(out: &mut W, records: &[T]) -> io::Result<()> {
    write_value(out, records)
}

/// One compact JSON object a line.
pub fn write_lines<W: Write, T: Serialize>(out: &mut W, records: &[T]) -> io::Result<()> {
    for record in records {
        write_line(out, record)?;
    }
    Ok(())
}

/// One value, compact, then a newline.
pub fn write_line<W: Write, T: Serialize + ?Sized>(out: &mut W, value: &T) -> io::Result<()> {
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut *out, Escaping(CompactFormatter));
    value.serialize(&mut serializer)?;
    writeln!(out)
}

/// One value, pretty-printed, then a newline.
pub fn write_value<W: Write, T: Serialize + ?Sized>(out: &mut W, value: &T) -> io::Result<()> {
    let formatter = Escaping(PrettyFormatter::new());
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, formatter);
    value.serialize(&mut serializer)?;
    writeln!(out)
}

/// A pretty-printed JSON array written one element at a time, as it comes: the same text as
/// [`write_value`] of the whole array, in memory that does not grow with it.
pub struct ArrayWriter {
    empty: bool,
}

impl ArrayWriter {
    /// Starts the array.
    pub fn begin<W: Write>(out: &mut W) -> io::Result<ArrayWriter> {
        out.write_all(b"[")?;
        Ok(ArrayWriter { empty: true })
    }

    /// Writes one element (JSON strings hold no raw line break: each line is indented).
    pub fn item<W: Write, T: Serialize + ?Sized>(
        &mut self,
        out: &mut W,
        value: &T,
    ) -> io::Result<()> {
        let mut text = Vec::new();
        write_value(&mut text, value)?;
        out.write_all(if self.empty { b"\n" } else { b",\n" })?;
        self.empty = false;
        for (i, line) in text.trim_ascii_end().split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(b"  ")?;
            out.write_all(line)?;
        }
        Ok(())
    }

    /// Ends the array, then the line.
    pub fn end<W: Write>(self, out: &mut W) -> io::Result<()> {
        out.write_all(if self.empty { b"]\n" } else { b"\n]\n" })
    }
}

/// A pretty-printed JSON array of objects whose values are all strings, from each record's
/// `fields`: the text [`write_array`] writes, byte for byte, without serde's machinery (for
/// `topics`, 319 rows, that machinery was a third of the run).
pub fn write_flat_array<W: Write, R>(
    out: &mut W,
    fields: &[Field<R>],
    records: &[R],
) -> io::Result<()> {
    if records.is_empty() {
        return out.write_all(b"[]\n");
    }
    // What comes before each field's value, written once.
    let keys: Vec<Vec<u8>> = (fields.iter().enumerate())
        .map(|(j, field)| {
            let mut key = if j == 0 {
                b"\n    ".to_vec()
            } else {
                b",\n    ".to_vec()
            };
            write_str(&mut key, field.name);
            key.extend_from_slice(b": ");
            key
        })
        .collect();
    let mut text = Vec::with_capacity(records.len() * 128);
    text.push(b'[');
    for (i, record) in records.iter().enumerate() {
        text.extend_from_slice(if i == 0 { b"\n  {" } else { b",\n  {" });
        for (key, field) in keys.iter().zip(fields) {
            text.extend_from_slice(key);
            write_str(&mut text, &(field.cell)(record));
        }
        text.extend_from_slice(if fields.is_empty() { b"}" } else { b"\n  }" });
    }
    text.extend_from_slice(b"\n]\n");
    out.write_all(&text)
}

/// `s` as a JSON string, escaped as serde_json and [`Escaping`] together escape it: quote,
/// backslash and C0 controls as JSON requires, then [`needs_escape`] characters.
fn write_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let (mut done, mut i) = (0, 0);
    while i < bytes.len() {
        // Most bytes need nothing: skip them by table.
        while i < bytes.len() && !SPECIAL[bytes[i] as usize] {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else { break };
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            // A C0 control, or a byte that starts a character that may need `\uXXXX`.
            _ => {
                let c = s[i..].chars().next().unwrap_or(' ');
                let width = c.len_utf8();
                if b < 0x20 || needs_escape(c) {
                    out.extend_from_slice(&bytes[done..i]);
                    let _ = write!(out, "\\u{:04x}", c as u32);
                    done = i + width;
                }
                i += width;
                continue;
            }
        };
        out.extend_from_slice(&bytes[done..i]);
        out.extend_from_slice(short);
        i += 1;
        done = i;
    }
    out.extend_from_slice(&bytes[done..]);
    out.push(b'"');
}

/// The bytes the escapers look at ([`write_str`], [`Escaping`]): quote, backslash, C0
/// controls, and the first bytes of the [`needs_escape`] characters (U+007F; C2 for
/// U+0080–U+009F; D8 for U+061C; E2 for U+200E–U+2069).
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table[0x7f] = true;
    table[0xc2] = true;
    table[0xd8] = true;
    table[0xe2] = true;
    table
};

/// Whether JSON output escapes `c` although JSON does not require it.
fn needs_escape(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}' | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A formatter that writes [`needs_escape`] characters of strings as `\uXXXX`, and leaves
/// everything else to the formatter it wraps.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        // Only the bytes of [`SPECIAL`] can start a character to escape (serde_json has
        // escaped the quote, the backslash and the C0 controls already).
        let mut from = 0;
        while let Some(found) = rest.as_bytes()[from..]
            .iter()
            .position(|&b| SPECIAL[b as usize])
        {
            let at = from + found;
            let c = rest[at..].chars().next().unwrap_or(' ');
            if needs_escape(c) {
                writer.write_all(&rest.as_bytes()[..at])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                rest = &rest[at + c.len_utf8()..];
                from = 0;
            } else {
                from = at + c.len_utf8();
            }
        }
        writer.write_all(rest.as_bytes())
    }

    // The layout is the wrapped formatter's.
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_separators_and_the_arabic_letter_mark_are_escaped() {
        // Readers of NDJSON that split on U+2028 (Python's `splitlines`) see one line.
        let mut out = Vec::new();
        write_line(&mut out, &["a\u{2028}b\u{2029}c\u{61c}d\u{61b}"]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "[\"a\\u2028b\\u2029c\\u061cd\u{61b}\"]\n");
    }

    #[test]
    fn escapes_c1_and_bidi_but_keeps_meaning() {
        let mut out = Vec::new();
        write_line(&mut out, &["a\u{1b}[31m\u{9b}b\u{202e}é"]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "[\"a\\u001b[31m\\u009bb\\u202eé\"]\n");
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back[0], "a\u{1b}[31m\u{9b}b\u{202e}é");
    }

    #[test]
    fn an_array_written_element_by_element_is_the_whole_array() {
        let whole = serde_json::json!([{"a": [1, {"b": []}], "c": "x\u{7f}"}, [], 3, {}]);
        for items in [&whole.as_array().unwrap()[..], &[]] {
            let mut expected = Vec::new();
            write_value(&mut expected, items).unwrap();
            let mut out = Vec::new();
            let mut array = ArrayWriter::begin(&mut out).unwrap();
            for item in items {
                array.item(&mut out, item).unwrap();
            }
            array.end(&mut out).unwrap();
            assert_eq!(String::from_utf8(out), String::from_utf8(expected));
        }
    }

    #[derive(Serialize)]
    struct Row {
        a: String,
        b: String,
    }

    #[test]
    fn a_flat_array_is_serde_json_s_text() {
        let fields = vec![
            Field::new("a", |r: &Row| r.a.as_str().into()),
            Field::new("b", |r: &Row| r.b.as_str().into()),
        ];
        // Every byte that escapes, every character that starts like one that does, and a few
        // that do not.
        let mut hostile: String = (0u8..0x80).map(char::from).collect();
        hostile
            .push_str("é\u{80}\u{9f}\u{a0}\u{61b}\u{61c}\u{200d}\u{200e}\u{2028}\u{2029}\u{202e}\u{2069}\u{206a}—€数据\u{1f600}");
        let rows: Vec<Row> = [("", ""), ("x", "\"\\/"), (hostile.as_str(), "é")]
            .iter()
            .map(|&(a, b)| Row {
                a: a.to_string(),
                b: b.to_string(),
            })
            .collect();
        for rows in [&rows[..], &rows[..1], &[]] {
            let (mut flat, mut serde) = (Vec::new(), Vec::new());
            write_flat_array(&mut flat, &fields, rows).unwrap();
            write_array(&mut serde, rows).unwrap();
            assert_eq!(String::from_utf8(flat), String::from_utf8(serde));
        }
    }

    #[test]
    fn pretty_layout_is_serde_json_s() {
        let value = serde_json::json!({"a": [1, "x\u{7f}"], "b": {}});
        let mut out = Vec::new();
        write_value(&mut out, &value).unwrap();
        let expected = serde_json::to_string_pretty(&value)
            .unwrap()
            .replace('\u{7f}', "\\u007f");
        assert_eq!(String::from_utf8(out).unwrap(), expected + "\n");
    }
}
