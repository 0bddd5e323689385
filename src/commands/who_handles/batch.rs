//! `who-handles --stdin`: one question a line in; out, each answer as soon as it is found, in
//! any format: NDJSON (the default) one object a line, JSON one array of them, CSV, TSV and
//! Markdown one row a match under a `question` column (a question without a match gets a
//! row of its own, empty but for the question), a table for people one answer after another.
//! Memory does not grow with the input: each answer is written, flushed and dropped.

use std::io::{self, BufRead, Write};

use super::people;
use super::{Answered, MatchRow, Options, answered};
use crate::catalogue::Catalogue;
use crate::context::Context;
use crate::error::{Decided, Error, Outcome, Result, decided, reader_gone};
use crate::lang::tr;
use crate::output::{
    ArrayWriter, FlatWriter, Format, flat_cells, flat_names, sanitise, write_json_line,
};
use crate::search::{self, Index};

/// The longest question `--stdin` reads (64 KiB): a longer line is answered as its first
/// 64 KiB (cut at a character boundary, and said once on stderr), the rest of it read and
/// dropped, so memory stays flat whatever the input.
pub const MAX_LINE: usize = 64 * 1024;

/// A line read by [`read_capped_line`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    /// The input has ended.
    End,
    /// A whole line.
    Line,
    /// A line longer than [`MAX_LINE`], cut.
    Cut,
}

/// Reads one line (without more than [`MAX_LINE`] bytes of it) into `line`. A longer line is
/// cut at a character boundary, so that the question does not end in half a character.
fn read_capped_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<Read> {
    line.clear();
    let mut read_any = false;
    let mut cut = false;
    loop {
        let buffer = match input.fill_buf() {
            Ok(buffer) => buffer,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            break;
        }
        read_any = true;
        let (chunk, done) = match buffer.iter().position(|&b| b == b'\n') {
            Some(end) => (&buffer[..end], Some(end + 1)),
            None => (buffer, None),
        };
        let room = MAX_LINE.saturating_sub(line.len());
        cut |= chunk.len() > room;
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = done.unwrap_or(buffer.len());
        input.consume(used);
        if done.is_some() {
            break;
        }
    }
    if !read_any {
        return Ok(Read::End);
    }
    if !cut {
        return Ok(Read::Line);
    }
    line.truncate(char_boundary(line));
    Ok(Read::Cut)
}

/// The length of `bytes` without the incomplete UTF-8 character it may end with.
fn char_boundary(bytes: &[u8]) -> usize {
    // A character is at most 4 bytes: look back at most 3 for the start of the last one.
    let from = bytes.len().saturating_sub(3);
    let Some(start) = (from..bytes.len()).rev().find(|&i| bytes[i] & 0xC0 != 0x80) else {
        return bytes.len();
    };
    let needs = match bytes[start] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    };
    if start + needs > bytes.len() {
        start
    } else {
        bytes.len()
    }
}

/// Says, once a run, that line `number` of standard input was cut to [`MAX_LINE`] bytes.
fn warn_cut(number: usize) {
    let kib = MAX_LINE / 1024;
    crate::context::warn(&match crate::lang::current() {
        crate::lang::Lang::Fr => format!(
            "entrée standard, ligne {number} : plus longue que {kib} Kio ; la question est son début (toute autre ligne aussi longue est coupée de même, sans autre message)"
        ),
        crate::lang::Lang::En => format!(
            "standard input, line {number}: longer than {kib} KiB; the question is its start (any other line as long is cut the same way, without another message)"
        ),
    });
}

/// Where the answers go, in the format asked for.
enum Sink<'w, W: Write> {
    Lines(&'w mut W),
    Array(&'w mut W, ArrayWriter),
    Flat(FlatWriter<&'w mut W>),
    People(&'w mut W),
}

impl<'w, W: Write> Sink<'w, W> {
    /// Starts the output: `[` for JSON, a header for the flat formats.
    fn begin(out: &'w mut W, format: Format) -> io::Result<Sink<'w, W>> {
        Ok(match format {
            Format::Ndjson => Sink::Lines(out),
            Format::Json => {
                let array = ArrayWriter::begin(out)?;
                Sink::Array(out, array)
            }
            Format::Table => Sink::People(out),
            Format::Csv | Format::Tsv | Format::Markdown => {
                let mut names = vec!["question"];
                names.extend(flat_names::<MatchRow>());
                match FlatWriter::new(out, format, &names)? {
                    Some(flat) => Sink::Flat(flat),
                    None => unreachable!("csv, tsv and markdown are flat"),
                }
            }
        })
    }

    /// Writes one answer, and flushes it: a co-process that writes a question and waits gets
    /// its answer now.
    fn answer(
        &mut self,
        context: &Context,
        catalogue: &Catalogue,
        answered: &Answered,
        answer: &search::Answer,
        options: &Options,
    ) -> io::Result<()> {
        match self {
            Sink::Lines(out) => write_json_line(out, answered).and_then(|()| out.flush()),
            Sink::Array(out, array) => array.item(out, answered).and_then(|()| out.flush()),
            Sink::Flat(flat) => {
                let question = answered.question;
                if answered.matches.is_empty() {
                    let empty = flat_names::<MatchRow>()
                        .iter()
                        .map(|_| "")
                        .collect::<Vec<_>>();
                    flat.row(std::iter::once(question).chain(empty))?;
                }
                for row in &answered.matches {
                    let cells = std::iter::once(question.into()).chain(flat_cells(row));
                    flat.row(cells)?;
                }
                flat.flush()
            }
            Sink::People(out) => {
                let question = sanitise(answered.question);
                writeln!(out, "{} {question}", tr("Question :", "Question:"))?;
                if answered.matches.is_empty() {
                    let lines =
                        people::nothing(catalogue, answered.question, answer, options.explain);
                    for line in lines {
                        writeln!(out, "{}", sanitise(&line))?;
                    }
                }
                people::write_answer(out, context, catalogue, answered, answer, options)?;
                writeln!(out)?;
                out.flush()
            }
        }
    }

    /// Ends the output: `]` for JSON.
    fn end(self) -> io::Result<()> {
        match self {
            Sink::Array(out, array) => array.end(out),
            _ => Ok(()),
        }
    }
}

/// Answers every question of standard input. Lines that are not UTF-8 are decoded lossily
/// (invalid bytes become U+FFFD); blank lines and `# comments` are no questions; a leading
/// byte-order mark is skipped. The status is
/// 1 when some question found nothing, even after the reader has gone: the questions left are
/// then still answered (without output) until one goes unanswered or the input ends.
pub fn run_stdin(
    context: &Context,
    out: &mut impl Write,
    catalogue: &Catalogue,
    index: &Index,
    options: &Options,
) -> Result<Decided> {
    let limit = options.limit(context.format);
    let mut all_answered = true;
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut line = Vec::new();
    let mut sink = Sink::begin(out, context.format);
    let (mut number, mut said_cut) = (0usize, false);
    loop {
        let read = read_capped_line(&mut input, &mut line).map_err(Error::Stdin)?;
        if read == Read::End {
            break;
        }
        number += 1;
        if read == Read::Cut && !std::mem::replace(&mut said_cut, true) {
            warn_cut(number);
        }
        // A byte-order mark opening the input is no part of its first question (as in files).
        if number == 1 {
            crate::files::skip_bom(&mut line);
        }
        let text = String::from_utf8_lossy(&line);
        let question = text.trim_end_matches(['\n', '\r']);
        if question.trim().is_empty() || question.trim_start().starts_with('#') {
            continue;
        }
        let answer = super::ask(context, catalogue, index, question, options);
        let answered = answered(catalogue, &answer, question, limit);
        all_answered &= !answered.matches.is_empty();
        if let Ok(writing) = &mut sink
            && let Err(e) = writing.answer(context, catalogue, &answered, &answer, options)
        {
            sink = Err(e);
        }
        if let Err(e) = &sink
            && (!reader_gone(e) || !all_answered)
        {
            // The status is decided: 2 for a failed write, 1 once a question went unanswered.
            break;
        }
    }
    let outcome = if all_answered {
        Outcome::Answer
    } else {
        Outcome::NothingMatched
    };
    decided(outcome, sink.and_then(Sink::end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_at_a_character_boundary() {
        for filler in ["é", "€", "🚀", "x"] {
            for pad in 0..4 {
                let text = "a".repeat(pad) + &filler.repeat(MAX_LINE + 1);
                let mut input = io::Cursor::new(format!("{text}\nnext\n").into_bytes());
                let mut line = Vec::new();
                assert_eq!(read_capped_line(&mut input, &mut line).unwrap(), Read::Cut);
                let question = std::str::from_utf8(&line).expect("whole characters");
                assert!(text.starts_with(question));
                assert!(MAX_LINE - line.len() < filler.len(), "{filler} {pad}");
                assert_eq!(read_capped_line(&mut input, &mut line).unwrap(), Read::Line);
                assert_eq!(line, b"next");
                assert_eq!(read_capped_line(&mut input, &mut line).unwrap(), Read::End);
            }
        }
        // Bytes that are not UTF-8 at all are left to the lossy decoding.
        assert_eq!(char_boundary(b"ab\xff"), 3);
        assert_eq!(char_boundary(b"ab\xe2\x82"), 2);
        assert_eq!(char_boundary(b"ab\xe2\x82\xac"), 5);
    }
}
