//! Markdown → a tree of sections: a CommonMark parser's events (pulldown-cmark, with its byte
//! offsets) gathered into headings, paragraphs, list items and links, each with its line and
//! column. One pass over the events, one over the text for the line starts: linear.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::labels::{BlockKind, Labels};

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
}

/// Byte offsets → lines and columns, for offsets met in increasing order (any order works,
/// increasing order costs nothing more than one pass).
struct Locator<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    last: (usize, Place),
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text).map(|i| i + 1));
        Locator {
            text,
            line_starts,
            last: (0, Place { line: 1, column: 1 }),
        }
    }

    fn place(&mut self, offset: usize) -> Place {
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

/// What the inline text being gathered belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Heading(u8),
    Paragraph,
    Item,
}

/// Inline text being gathered.
struct Inline {
    owner: Owner,
    text: String,
    plain: String,
    start: usize,
    links: Vec<Link>,
    /// The open link: its address, where its text starts, where it is.
    link: Option<(String, usize, Place)>,
    /// A bold span opening the text: `Some(None)` while open, `Some(Some(end))` once closed.
    label: Option<Option<usize>>,
    strong_depth: usize,
}

impl Inline {
    fn new(owner: Owner, start: usize) -> Self {
        Inline {
            owner,
            text: String::new(),
            plain: String::new(),
            start,
            links: Vec::new(),
            link: None,
            label: None,
            strong_depth: 0,
        }
    }

    fn push_text(&mut self, text: &str, place: impl FnMut(usize) -> Place, at: usize) {
        self.text.push_str(text);
        if self.link.is_none() {
            self.plain.push_str(text);
            bare_urls(text, at, place, &mut self.links);
        }
    }

    fn space(&mut self) {
        if !self.text.ends_with(' ') {
            self.text.push(' ');
            self.plain.push(' ');
        }
    }

    /// The bold text the paragraph opens with, and the rest, when it opens with one.
    fn split_label(&self) -> Option<(&str, &str)> {
        let end = self.label??;
        Some((&self.text[..end], &self.text[end..]))
    }
}

/// Bare `http(s)://` addresses in `text` (CommonMark links them only when in `<…>`).
fn bare_urls(text: &str, at: usize, mut place: impl FnMut(usize) -> Place, out: &mut Vec<Link>) {
    let mut from = 0;
    while let Some(found) = text[from..].find("http") {
        let start = from + found;
        let rest = &text[start..];
        if !(rest.starts_with("https://") || rest.starts_with("http://")) {
            from = start + 4;
            continue;
        }
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '»' | '«'))
            .unwrap_or(rest.len());
        let url = rest[..len].trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '\'']);
        if url.len() > "https://".len() {
            out.push(Link {
                title: url.to_string(),
                url: url.to_string(),
                place: place(at + start),
                block: None,
            });
        }
        from = start + len.max(4);
    }
}

/// Builds the tree of sections of `text`.
pub fn parse(text: &str, labels: &Labels) -> Guide {
    let mut locator = Locator::new(text);
    let mut guide = Guide::default();
    let mut inline: Option<Inline> = None;
    // Open list items: the one being gathered is the innermost.
    let mut items = 0usize;
    let mut in_code = false;
    let parser = Parser::new(text).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                inline = Some(Inline::new(
                    Owner::Heading(level_number(level)),
                    range.start,
                ));
            }
            Event::Start(Tag::Paragraph) if items == 0 => {
                inline = Some(Inline::new(Owner::Paragraph, range.start));
            }
            Event::Start(Tag::Paragraph) => {
                if let Some(i) = inline.as_mut() {
                    i.space();
                }
            }
            Event::Start(Tag::Item) => {
                if let Some(done) = inline.take() {
                    finish(&mut guide, done, &mut locator, labels);
                }
                items += 1;
                inline = Some(Inline::new(Owner::Item, range.start));
            }
            Event::Start(Tag::List(_)) if items > 0 => {
                // A nested list: the item so far is a piece of its own.
                if let Some(done) = inline.take() {
                    finish(&mut guide, done, &mut locator, labels);
                }
            }
            Event::End(TagEnd::Item) => {
                items = items.saturating_sub(1);
                if let Some(done) = inline.take() {
                    finish(&mut guide, done, &mut locator, labels);
                }
            }
            Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::Paragraph) if items == 0 => {
                if let Some(done) = inline.take() {
                    finish(&mut guide, done, &mut locator, labels);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) | Event::Code(t) if !in_code => {
                if let Some(i) = inline.as_mut() {
                    i.push_text(&t, |o| locator.place(o), range.start);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(i) = inline.as_mut() {
                    i.space();
                }
            }
            Event::Start(Tag::Strong) => {
                if let Some(i) = inline.as_mut() {
                    if i.label.is_none() && i.text.trim().is_empty() && i.link.is_none() {
                        i.label = Some(None);
                    }
                    i.strong_depth += 1;
                }
            }
            Event::End(TagEnd::Strong) => {
                if let Some(i) = inline.as_mut() {
                    i.strong_depth = i.strong_depth.saturating_sub(1);
                    if i.strong_depth == 0 && i.label == Some(None) {
                        i.label = Some(Some(i.text.len()));
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(i) = inline.as_mut()
                    && i.link.is_none()
                {
                    let place = locator.place(range.start);
                    i.link = Some((dest_url.to_string(), i.text.len(), place));
                }
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if let Some(i) = inline.as_mut()
                    && let Some((url, from, place)) = i.link.take()
                {
                    let title = i.text[from..].trim().to_string();
                    i.links.push(Link {
                        title,
                        url,
                        place,
                        block: None,
                    });
                }
            }
            _ => {}
        }
    }
    if let Some(done) = inline.take() {
        finish(&mut guide, done, &mut locator, labels);
    }
    guide
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Whitespace runs as one space, trimmed.
pub fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Puts a finished heading, paragraph or item where it belongs.
fn finish(guide: &mut Guide, inline: Inline, locator: &mut Locator, labels: &Labels) {
    let place = locator.place(inline.start);
    match inline.owner {
        Owner::Heading(1) if guide.title.is_none() && guide.sections.is_empty() => {
            guide.title = Some((squeeze(&inline.text), place));
        }
        Owner::Heading(level @ (2 | 3)) => {
            let parent = if level == 3 {
                guide.sections.iter().rposition(|s| s.level == 2)
            } else {
                None
            };
            let index = guide.sections.len();
            if let Some(p) = parent {
                guide.sections[p].children.push(index);
            }
            guide.sections.push(Section {
                title: squeeze(&inline.text),
                level,
                parent,
                children: Vec::new(),
                place,
                summary: Vec::new(),
                items: Vec::new(),
                blocks: Vec::new(),
                links: inline.links,
            });
        }
        Owner::Heading(level) => {
            // `####` and deeper: a label when it reads as one, else a paragraph.
            let section = match guide.sections.last_mut() {
                Some(section) if level > 1 => section,
                _ => {
                    guide.stray_headings.push((level, place));
                    return;
                }
            };
            match labels.kind_of(&inline.text) {
                Some(kind) => open_block(section, kind, &inline.text, place),
                None => add_piece(section, inline, place, false),
            }
        }
        Owner::Paragraph | Owner::Item => {
            let Some(section) = guide.sections.last_mut() else {
                let text = squeeze(&inline.text);
                // A `[[toc]]` line is a site generator's, not the chapter's.
                let macro_line = text.starts_with("[[") && text.ends_with("]]");
                if !text.is_empty() && !macro_line {
                    guide.preamble.push(text);
                }
                return;
            };
            let label = inline
                .split_label()
                .filter(|_| inline.owner == Owner::Paragraph)
                .and_then(|(label, rest)| {
                    let kind = labels.kind_of(label)?;
                    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
                    let plain_rest = inline.plain.get(label.len()..).unwrap_or("");
                    Some((
                        kind,
                        label.to_string(),
                        rest.to_string(),
                        plain_rest.to_string(),
                    ))
                });
            if let Some((kind, label, rest, plain_rest)) = label {
                let rest_inline = Inline {
                    text: rest,
                    plain: plain_rest,
                    ..Inline::new(Owner::Paragraph, inline.start)
                };
                let links = inline.links;
                open_block(section, kind, &label, place);
                if !rest_inline.text.trim().is_empty() || !links.is_empty() {
                    add_piece(
                        section,
                        Inline {
                            links,
                            ..rest_inline
                        },
                        place,
                        false,
                    );
                }
                return;
            }
            let item = inline.owner == Owner::Item;
            add_piece(section, inline, place, item);
        }
    }
}

fn open_block(section: &mut Section, kind: BlockKind, label: &str, place: Place) {
    section.blocks.push(Block {
        kind,
        label: squeeze(label),
        place,
        paragraphs: Vec::new(),
        items: Vec::new(),
    });
}

fn add_piece(section: &mut Section, inline: Inline, place: Place, item: bool) {
    let text = squeeze(&inline.text);
    if text.is_empty() && inline.links.is_empty() {
        return;
    }
    let block = section.blocks.len().checked_sub(1);
    let first = section.links.len();
    section
        .links
        .extend(inline.links.into_iter().map(|l| Link { block, ..l }));
    let piece = Piece {
        text,
        place,
        links: first..section.links.len(),
        only_links: !inline.plain.chars().any(char::is_alphanumeric),
    };
    match (section.blocks.last_mut(), item) {
        (Some(b), true) => b.items.push(piece),
        (Some(b), false) => b.paragraphs.push(piece),
        (None, true) => section.items.push(piece),
        (None, false) => section.summary.push(piece),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide(text: &str) -> Guide {
        parse(text, &Labels::default())
    }

    #[test]
    fn places_count_lines_and_characters() {
        let mut l = Locator::new("ab\né x\n\ny");
        assert_eq!(l.place(0), Place { line: 1, column: 1 });
        assert_eq!(l.place(6), Place { line: 2, column: 3 });
        assert_eq!(l.place(3), Place { line: 2, column: 1 });
        assert_eq!(l.place(9), Place { line: 4, column: 1 });
    }

    #[test]
    fn tabs_after_bullets_and_a_list_right_after_a_paragraph() {
        let g = guide("## O\n### T\nIntro.\n\n**Services**\nLead-in :\n-\tOne ;\n-\tTwo\n");
        let t = &g.sections[1];
        assert_eq!(t.parent, Some(0));
        assert_eq!(t.blocks.len(), 1);
        assert_eq!(t.blocks[0].paragraphs[0].text, "Lead-in :");
        let items: Vec<&str> = t.blocks[0].items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(items, ["One ;", "Two"]);
        assert_eq!(t.blocks[0].items[1].place.line, 8);
    }

    #[test]
    fn a_label_with_its_content_on_the_same_line() {
        let g = guide("### T\n**Ressources :** [Guide ](https://g.fr/) \n\n**Contact :** a@b.fr");
        let t = &g.sections[0];
        assert_eq!(t.blocks.len(), 2);
        assert_eq!(t.links[0].title, "Guide");
        assert_eq!(t.links[0].block, Some(0));
        assert_eq!(
            t.links[0].place,
            Place {
                line: 2,
                column: 18
            }
        );
        assert_eq!(t.blocks[1].paragraphs[0].text, "a@b.fr");
    }

    #[test]
    fn bare_addresses_are_links_too() {
        let g = guide("### T\nSee https://x.fr/a, or <https://y.fr>.");
        let urls: Vec<&str> = g.sections[0].links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["https://x.fr/a", "https://y.fr"]);
    }
}
