//! The sections of a chapter, as the parser leaves them: headings, labelled blocks,
//! paragraphs and list items, links, each with its line and column.

use std::ops::Range;

use super::labels::BlockKind;

/// A 1-based line and column (in characters) in the guide.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    pub line: u32,
    pub column: u32,
}

/// A paragraph or a list item: its text as a reader sees it (links by their text, breaks as
/// spaces), where it starts, and its links (indexes into its section's links).
#[derive(Debug, Clone)]
pub struct Piece {
    pub text: String,
    pub place: Place,
    pub links: Range<usize>,
    /// Whether the text outside the links is only spaces and punctuation.
    pub only_links: bool,
    /// The text outside the links.
    pub plain: String,
}

/// A link (or an image, or a bare `https://` address in the text).
#[derive(Debug, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
    pub place: Place,
    /// The block it is in (an index into its section's blocks), if any.
    pub block: Option<usize>,
}

/// A labelled block: `**Services**` and what follows it, up to the next label or heading.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// The label as written (without `**`).
    pub label: String,
    pub place: Place,
    pub paragraphs: Vec<Piece>,
    pub items: Vec<Piece>,
}

/// A `##` or `###` section: an organisation or a team.
#[derive(Debug, Clone)]
pub struct Section {
    pub title: String,
    /// 2 or 3.
    pub level: u8,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub place: Place,
    /// Paragraphs before the first label.
    pub summary: Vec<Piece>,
    /// List items before the first label.
    pub items: Vec<Piece>,
    pub blocks: Vec<Block>,
    /// Every link of the section, in order.
    pub links: Vec<Link>,
}

/// A chapter: its title (`#`), what comes before the first section, and the sections.
#[derive(Debug, Clone, Default)]
pub struct Guide {
    pub title: Option<(String, Place)>,
    pub preamble: Vec<String>,
    pub sections: Vec<Section>,
    /// Headings that are neither the title nor a section (a second `#`, `####` and deeper
    /// that are no label), for messages.
    pub stray_headings: Vec<(u8, Place)>,
    /// Bold text that reads as a label (`**Nous joindre :**`) but is none the labels know: its
    /// block is read as part of what comes before it. For warnings.
    pub unknown_labels: Vec<(String, Place)>,
}

/// Byte offsets → lines and columns, for offsets met in increasing order (any order works,
/// increasing order costs nothing more than one pass).
pub struct Locator<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    last: (usize, Place),
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text).map(|i| i + 1));
        Locator {
            text,
            line_starts,
            last: (0, Place { line: 1, column: 1 }),
        }
    }

    pub fn place(&mut self, offset: usize) -> Place {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let (last_offset, last) = self.last;
        let column = if last.line as usize == line && last_offset <= offset {
            last.column as usize + count_chars(&self.text[last_offset..offset])
        } else {
            1 + count_chars(&self.text[start..offset])
        };
        let place = Place {
            line: to_u32(line),
            column: to_u32(column),
        };
        self.last = (offset, place);
        place
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter_map(|(i, b)| (b == b'\n').then_some(i))
}

/// Characters of `text` (offsets come from the parser, so they are char boundaries; a stray
/// one counts from the next boundary).
fn count_chars(text: &str) -> usize {
    text.chars().count()
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_count_lines_and_characters() {
        let mut l = Locator::new("ab\né x\n\ny");
        assert_eq!(l.place(0), Place { line: 1, column: 1 });
        assert_eq!(l.place(6), Place { line: 2, column: 3 });
        assert_eq!(l.place(3), Place { line: 2, column: 1 });
        assert_eq!(l.place(9), Place { line: 4, column: 1 });
    }
}
