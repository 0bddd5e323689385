//! JSON (one array) and NDJSON (one object a line).
//!
//! serde_json escapes C0 control characters; [`Escaping`] also escapes DEL, the C1 controls
//! and bidirectional overrides, which JSON allows raw but a terminal may act on.

use std::io::{self, Write};

use serde::Serialize;

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
    serde_json::to_writer(Escaping(&mut *out), value)?;
    writeln!(out)
}

/// One value, pretty-printed, then a newline.
pub fn write_value<W: Write, T: Serialize + ?Sized>(out: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(Escaping(&mut *out), value)?;
    writeln!(out)
}

/// Whether JSON output escapes `c` although JSON does not require it.
fn needs_escape(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Escapes [`needs_escape`] characters as `\uXXXX`. Outside strings JSON is ASCII, so such a
/// character is always inside a string, where the escape means the same character.
struct Escaping<W>(W);

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Every character to escape starts with one of these bytes (DEL; C1 as U+0080–U+009F;
        // bidi controls as U+200E… and U+202A…, U+2066…): most writes pass straight through.
        if !buf.iter().any(|&b| matches!(b, 0x7f | 0xc2 | 0xe2)) {
            self.0.write_all(buf)?;
            return Ok(buf.len());
        }
        // serde_json writes whole string fragments, so a character is never split.
        match std::str::from_utf8(buf) {
            Ok(text) if text.chars().any(needs_escape) => {
                let mut escaped = String::with_capacity(text.len() + 16);
                for c in text.chars() {
                    if needs_escape(c) {
                        escaped.push_str(&format!("\\u{:04x}", c as u32));
                    } else {
                        escaped.push(c);
                    }
                }
                self.0.write_all(escaped.as_bytes())?;
            }
            _ => self.0.write_all(buf)?,
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_c1_and_bidi_but_keeps_meaning() {
        let mut out = Vec::new();
        write_line(&mut out, &["a\u{1b}[31m\u{9b}b\u{202e}é"]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "[\"a\\u001b[31m\\u009bb\\u202eé\"]\n");
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back[0], "a\u{1b}[31m\u{9b}b\u{202e}é");
    }
}
