//! A problem found in a catalogue file, with its place; and the paths that find that place.

use std::borrow::Cow;
use std::fmt;

use crate::lang::tr;

/// One problem in a catalogue file: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file (or `<embedded>`).
    pub file: String,
    /// 1-based line and column (in characters), when known.
    pub position: Option<(usize, usize)>,
    /// Where in the document: an entity id or a JSON path.
    pub place: String,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    pub fn new(file: &str, place: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            position: None,
            place: place.into(),
            message: message.into(),
        }
    }

    pub fn at(mut self, position: Option<(usize, usize)>) -> Self {
        self.position = position;
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        if !self.place.is_empty() {
            write!(f, ": {}", self.place)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// One step of a path into a JSON document: a key of an object, an element of an array.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(Cow<'static, str>),
    Index(u32),
}

impl Seg {
    pub fn key(key: &'static str) -> Seg {
        Seg::Key(Cow::Borrowed(key))
    }

    pub fn index(i: usize) -> Seg {
        Seg::Index(u32::try_from(i).unwrap_or(u32::MAX))
    }
}

/// `a.b[2].c`
pub fn render(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(key) if out.is_empty() => out.push_str(key),
            Seg::Key(key) => {
                out.push('.');
                out.push_str(key);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Where a problem is, before it has a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// The file as a whole.
    File,
    /// A byte offset in the file's text.
    Offset(usize),
    /// A path into the document: the key of its last step, or as far as it can be followed.
    Path(Vec<Seg>),
}

/// A problem of document `doc` (an index into the files loaded), not yet placed.
#[derive(Debug, Clone)]
pub struct Pending {
    pub doc: usize,
    pub at: At,
    pub problem: Problem,
}

/// How entity and route problems are named: `entity 'x'` (in the reader's language), or
/// `entities[3]` when the id is empty.
pub fn item_place(route: bool, index: usize, id: &str) -> String {
    match (route, id.is_empty()) {
        (false, true) => format!("entities[{index}]"),
        (true, true) => format!("routes[{index}]"),
        (false, false) => format!("{} '{id}'", tr("entité", "entity")),
        (true, false) => format!("route '{id}'"),
    }
}

/// Line and column (1-based, column in characters) of each byte offset, in one pass.
pub fn line_columns(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&k| offsets[k]);
    let bytes = text.as_bytes();
    let mut result = vec![(1, 1); offsets.len()];
    let (mut at, mut line, mut column) = (0usize, 1usize, 1usize);
    for k in order {
        let target = offsets[k].min(bytes.len());
        while at < target {
            let b = bytes[at];
            if b == b'\n' {
                line += 1;
                column = 1;
            } else if b & 0xC0 != 0x80 {
                column += 1;
            }
            at += 1;
        }
        result[k] = (line, column);
    }
    result
}

/// The byte offset of 1-based `line` and byte `column` (as serde_json counts them).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let mut at = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Loading failed: every problem, and the command that lists them all.
#[derive(Debug, Clone)]
pub struct Failure {
    pub problems: Vec<Problem>,
    /// `ecosys validate …` for these files.
    pub command: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.first() {
            Some(first) => write!(f, "{first}")?,
            None => f.write_str(tr("catalogue invalide", "invalid catalogue"))?,
        }
        let more = self.problems.len().saturating_sub(1);
        if more > 0 {
            let s = if more > 1 { "s" } else { "" };
            let (command, shown) = (&self.command, more);
            match crate::lang::current() {
                crate::lang::Lang::Fr => write!(
                    f,
                    " (et {shown} autre{s} problème{s} ; `{command}` les liste tous)"
                )?,
                crate::lang::Lang::En => write!(
                    f,
                    " (and {shown} more problem{s}; `{command}` lists them all)"
                )?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_columns_count_characters_from_one() {
        let text = "{\n  \"a\": 1,\n  \"é\": 2\n}";
        let e = text.find('2').unwrap();
        assert_eq!(line_columns(text, &[e, 0, 4]), vec![(3, 8), (1, 1), (2, 3)]);
    }

    #[test]
    fn offsets_of_lines_and_byte_columns() {
        let text = "ab\n\"é\", x\n";
        assert_eq!(offset_of(text, 1, 1), 0);
        assert_eq!(offset_of(text, 2, 6), 8);
        assert_eq!(line_columns(text, &[8]), vec![(2, 5)]);
        assert_eq!(offset_of(text, 9, 9), text.len());
    }

    #[test]
    fn display_names_file_place_and_position() {
        let p = Problem::new("x.json", "entity 'a'", "bad").at(Some((3, 4)));
        assert_eq!(p.to_string(), "x.json:3:4: entity 'a': bad");
        assert_eq!(
            render(&[Seg::key("a"), Seg::Index(2), Seg::key("b")]),
            "a[2].b"
        );
    }
}
