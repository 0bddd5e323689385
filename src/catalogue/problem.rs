//! A problem found in a catalogue file, with its place.

use std::fmt;

/// One problem in a catalogue file: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file (or `<embedded>`).
    pub file: String,
    /// 1-based line and column, when known.
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

/// Line and column (1-based, in characters) of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        let text = "{\n  \"a\": 1,\n  \"é\": 2\n}";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 4), (2, 3));
        let e = text.find("2").unwrap();
        assert_eq!(line_column(text, e), (3, 8));
    }

    #[test]
    fn display_names_file_place_and_position() {
        let p = Problem::new("x.json", "entity 'a'", "bad").at(Some((3, 4)));
        assert_eq!(p.to_string(), "x.json:3:4: entity 'a': bad");
    }
}
