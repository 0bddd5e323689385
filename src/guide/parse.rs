//! Markdown → a tree of sections: a CommonMark parser's events (pulldown-cmark, with its byte
//! offsets) gathered into headings, paragraphs, list items and links, each with its line and
//! column. One pass over the events, one over the text for the line starts: linear.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::labels::{BlockKind, Labels};
use super::sections::Locator;
pub use super::sections::{Block, Guide, Link, Piece, Place, Section};
use crate::catalogue::check::strip_web;

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
    /// Whether a line break was the last thing read.
    line_start: bool,
    /// A bold span opening a later line (a label Markdown reads as a continuation line):
    /// where it starts in `text`, `plain` and `links`, and in the guide.
    line_label: Option<(usize, usize, usize, usize)>,
    /// Bold text opening a later line that reads as a label none the labels know, and where
    /// it starts in the guide.
    unknown: Vec<(String, usize)>,
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
            line_start: false,
            line_label: None,
            unknown: Vec::new(),
        }
    }

    fn push_text(&mut self, text: &str, place: impl FnMut(usize) -> Place, at: usize) {
        self.line_start = false;
        self.text.push_str(text);
        if self.link.is_none() {
            self.plain.push_str(text);
            bare_urls(text, at, place, &mut self.links);
        }
    }

    fn space(&mut self) {
        self.line_start = true;
        if !self.text.ends_with(' ') {
            self.text.push(' ');
            self.plain.push(' ');
        }
    }

    /// When a bold span that opened a line has just closed on a label, the text from it on,
    /// as a paragraph of its own (and this one ends before it).
    fn split_line_label(&mut self, labels: &Labels) -> Option<Inline> {
        let (from, plain_from, links_from, offset) = self.line_label.take()?;
        if labels.kind_of(&self.text[from..]).is_none() {
            if reads_as_label(&self.text[from..], false) {
                self.unknown.push((squeeze(&self.text[from..]), offset));
            }
            return None;
        }
        let mut rest = Inline::new(Owner::Paragraph, offset);
        rest.text = self.text.split_off(from);
        rest.plain = self.plain.split_off(plain_from.min(self.plain.len()));
        rest.links = self.links.split_off(links_from.min(self.links.len()));
        rest.label = Some(Some(rest.text.len()));
        Some(rest)
    }

    /// The bold text the paragraph opens with, and the rest, when it opens with one.
    fn split_label(&self) -> Option<(&str, &str)> {
        let end = self.label??;
        Some((&self.text[..end], &self.text[end..]))
    }
}

/// Whether bold text `label` reads as a label: it ends with a colon (`**Nous joindre :**`), or
/// it is the whole paragraph (`alone`: `**Missions**`, then a list).
fn reads_as_label(label: &str, alone: bool) -> bool {
    let label = label.trim();
    label.chars().any(char::is_alphanumeric) && (alone || label.ends_with(':'))
}

/// Bare `http(s)://` addresses in `text` (CommonMark links them only when in `<…>`).
fn bare_urls(text: &str, at: usize, mut place: impl FnMut(usize) -> Place, out: &mut Vec<Link>) {
    // Schemes in any case (`HTTPS://`); ASCII lowercasing keeps every offset.
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("http") {
        let start = from + found;
        let rest = &text[start..];
        if strip_web(rest).is_none() {
            from = start + 4;
            continue;
        }
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '»' | '«'))
            .unwrap_or(rest.len());
        let url = rest[..len].trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '\'']);
        // A host with a dot: `https://exa` cut from a broken link is no address.
        let host = url.split('/').nth(2).unwrap_or("");
        if host.contains('.') {
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
                    } else if i.line_start && i.strong_depth == 0 && i.link.is_none() {
                        let at = (i.text.len(), i.plain.len(), i.links.len(), range.start);
                        i.line_label = Some(at);
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
                let rest = inline.as_mut().and_then(|i| {
                    if i.strong_depth == 0 {
                        i.split_line_label(labels)
                    } else {
                        None
                    }
                });
                if let Some(rest) = rest
                    && let Some(done) = inline.replace(rest)
                {
                    finish(&mut guide, done, &mut locator, labels);
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
fn finish(guide: &mut Guide, mut inline: Inline, locator: &mut Locator, labels: &Labels) {
    let place = locator.place(inline.start);
    for (label, offset) in std::mem::take(&mut inline.unknown) {
        guide.unknown_labels.push((label, locator.place(offset)));
    }
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
                    let Some(kind) = labels.kind_of(label) else {
                        if reads_as_label(label, rest.trim().is_empty()) {
                            guide.unknown_labels.push((squeeze(label), place));
                        }
                        return None;
                    };
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
        plain: squeeze(&inline.plain),
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
    fn a_label_read_as_a_continuation_line_still_opens_its_block() {
        let g = guide("### T\n**Services**\n- One\n**Ressources**\n- [R](https://r.fr/)\n");
        let t = &g.sections[0];
        assert_eq!(t.blocks.len(), 2);
        assert_eq!(t.blocks[0].items[0].text, "One");
        assert_eq!(t.blocks[1].place.line, 4);
        assert_eq!(t.links[0].block, Some(1));
    }

    #[test]
    fn labels_none_knows_are_noted() {
        let g = guide(
            "### T\n**Services**\n- One\n\n**Nous joindre :** a@b.fr\n\n**Missions**\n\n- Two\n**Écrire :** c@d.fr\n\n**Important** prose.\n",
        );
        let unknown: Vec<(&str, u32)> = g
            .unknown_labels
            .iter()
            .map(|(l, p)| (l.as_str(), p.line))
            .collect();
        assert_eq!(
            unknown,
            [("Nous joindre :", 5), ("Missions", 7), ("Écrire :", 10)]
        );
    }

    #[test]
    fn bare_addresses_are_links_too() {
        let g = guide("### T\nSee https://x.fr/a, or <https://y.fr>, HTTPS://WWW.CNIL.FR/.");
        let urls: Vec<&str> = g.sections[0].links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            ["https://x.fr/a", "https://y.fr", "HTTPS://WWW.CNIL.FR/"]
        );
    }
}
