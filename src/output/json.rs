//! JSON (one array) and NDJSON (one object a line). serde_json escapes control characters.

use std::io::{self, Write};

use serde::Serialize;

/// One pretty-printed JSON array, then a newline.
pub fn write_array<W: Write, T: Serialize>(out: &mut W, records: &[T]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, records)?;
    writeln!(out)
}

/// One compact JSON object a line.
pub fn write_lines<W: Write, T: Serialize>(out: &mut W, records: &[T]) -> io::Result<()> {
    for record in records {
        serde_json::to_writer(&mut *out, record)?;
        writeln!(out)?;
    }
    Ok(())
}

/// One value, pretty-printed, then a newline.
pub fn write_value<W: Write, T: Serialize + ?Sized>(out: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}
