//! What a section says, as a catalogue would hold it: summary, services, resources,
//! contacts and facts, each with its place. `import` writes them; `drift` compares them.

use crate::catalogue::check::{check_contact, check_url, strip_scheme, strip_web};
use crate::catalogue::model::{Contact, ContactKind};
use crate::hash::FastSet;
use crate::shared::S;
use crate::text::fold;

use super::contacts::contacts;
use super::labels::BlockKind;
use super::parse::{Piece, Place, Section};
use super::words::{sentences, tidy_service};

/// A link a catalogue can hold.
#[derive(Debug, Clone)]
pub struct Resource {
    pub title: String,
    pub url: String,
    pub place: Place,
}

/// What a section says.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Its prose before the first label, on one line.
    pub summary: String,
    pub services: Vec<(String, Place)>,
    /// Its http(s) links (but those of a Contact block), each address once.
    pub resources: Vec<Resource>,
    pub contacts: Vec<(Contact, Place)>,
    /// What a Ressources block says besides its links.
    pub facts: Vec<(String, Place)>,
    /// Its home page: a link of the summary named like the section.
    pub url: Option<String>,
    /// What was left out, with its place: links that are neither http(s), `mailto:` nor
    /// `tel:` (relative, anchors), or not valid addresses; what a Contact line says that reads
    /// as no contact.
    pub skipped: Vec<Skipped>,
}

/// Something the chapter says that the catalogue it gives leaves out: what, where, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub value: String,
    pub place: Place,
    pub why: LeftOut,
}

impl Skipped {
    fn new(value: String, place: Place, why: LeftOut) -> Skipped {
        Skipped { value, place, why }
    }
}

/// Why something the chapter says is not in the catalogue it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// A link that is not a valid http(s), `mailto:` or `tel:` address.
    Link,
    /// A token of a Contact line that looks like a contact but is not a valid one.
    Contact,
    /// Words of a Contact line after its last contact: they label nothing.
    Words,
}

fn is_web(url: &str) -> bool {
    strip_web(url).is_some()
}

/// The facts of `section`.
pub fn facts(section: &Section) -> Facts {
    let prose = |pieces: &[Piece]| -> Vec<String> {
        pieces
            .iter()
            .filter(|p| !p.only_links)
            .map(|p| p.text.clone())
            .collect()
    };
    let summary = prose(&section.summary).join(" ");
    let mut out = Facts {
        summary,
        ..Facts::default()
    };
    // Services: the Services blocks' items and sentences, in document order; without such a
    // block, the list items before the first label, or the summary's sentences when there
    // are none.
    let mut services: Vec<(Place, String)> = Vec::new();
    let service_blocks: Vec<_> = section
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Services)
        .collect();
    let sentences_of = |pieces: &[Piece], into: &mut Vec<(Place, String)>| {
        for p in pieces.iter().filter(|p| !p.only_links) {
            into.extend(
                sentences(&p.text)
                    .into_iter()
                    .map(|s| (p.place, s.to_string())),
            );
        }
    };
    let items_of = |pieces: &[Piece], into: &mut Vec<(Place, String)>| {
        into.extend(
            pieces
                .iter()
                .filter(|p| !p.only_links)
                .map(|p| (p.place, p.text.clone())),
        );
    };
    if !service_blocks.is_empty() {
        for block in service_blocks {
            sentences_of(&block.paragraphs, &mut services);
            items_of(&block.items, &mut services);
        }
    } else if !section.items.is_empty() {
        items_of(&section.items, &mut services);
    } else {
        sentences_of(&section.summary, &mut services);
    }
    services.sort_by_key(|(p, _)| (p.line, p.column));
    out.services = services
        .into_iter()
        .map(|(place, s)| (tidy_service(&s).to_string(), place))
        .filter(|(s, _)| !s.is_empty())
        .collect();

    for block in &section.blocks {
        for piece in block.paragraphs.iter().chain(&block.items) {
            match block.kind {
                BlockKind::Contacts => {
                    let line = contacts(&piece.plain);
                    for c in line.contacts {
                        if check_contact(&c).is_ok() {
                            out.contacts.push((c, piece.place));
                        } else {
                            let value = c.value.to_string();
                            out.skipped
                                .push(Skipped::new(value, piece.place, LeftOut::Contact));
                        }
                    }
                    for unread in line.unread {
                        out.skipped
                            .push(Skipped::new(unread, piece.place, LeftOut::Contact));
                    }
                    if let Some(words) = line.trailing {
                        out.skipped
                            .push(Skipped::new(words, piece.place, LeftOut::Words));
                    }
                }
                BlockKind::Resources if !piece.only_links => {
                    out.facts
                        .push((tidy_service(&piece.text).to_string(), piece.place));
                }
                _ => {}
            }
        }
    }
    let mut seen: FastSet<String> = out.resources.iter().map(|r| r.url.clone()).collect();
    let mut seen_contacts: FastSet<String> = out
        .contacts
        .iter()
        .map(|(c, _)| c.value.to_string())
        .collect();
    let in_contacts =
        |block: Option<usize>| block.is_some_and(|b| section.blocks[b].kind == BlockKind::Contacts);
    for link in &section.links {
        let skip = Skipped::new(link.url.clone(), link.place, LeftOut::Link);
        // A link's text labels it, unless it is the address itself.
        let label = |value: &str| {
            if link.title == value || link.title == link.url {
                String::new()
            } else {
                link.title.clone()
            }
        };
        let contact = if let Some(address) = strip_scheme(&link.url, "mailto:") {
            Some((ContactKind::Email, address))
        } else if let Some(number) = strip_scheme(&link.url, "tel:") {
            Some((ContactKind::Phone, number))
        } else if !is_web(&link.url) || check_url(&link.url).is_err() {
            out.skipped.push(skip);
            continue;
        } else if in_contacts(link.block) {
            Some((ContactKind::Url, link.url.as_str()))
        } else {
            None
        };
        if let Some((kind, value)) = contact {
            let contact = (kind, value, label(value));
            if !push_contact(&mut out.contacts, &mut seen_contacts, contact, link.place) {
                out.skipped.push(skip);
            }
        } else if seen.insert(link.url.clone()) {
            let title = if link.title.is_empty() {
                &link.url
            } else {
                &link.title
            };
            out.resources.push(Resource {
                title: title.clone(),
                url: link.url.clone(),
                place: link.place,
            });
        }
    }
    out.contacts.sort_by_key(|(_, p)| (p.line, p.column));
    out.url = home_page(section);
    out
}

/// Adds a contact unless it is there already; false when it is not valid.
fn push_contact(
    contacts: &mut Vec<(Contact, Place)>,
    seen: &mut FastSet<String>,
    (kind, value, label): (ContactKind, &str, String),
    place: Place,
) -> bool {
    if !seen.insert(value.to_string()) {
        return true;
    }
    let contact = Contact {
        kind,
        value: S::from(value),
        label: S::from(label.trim()),
    };
    let valid = check_contact(&contact).is_ok();
    if valid {
        contacts.push((contact, place));
    }
    valid
}

/// A summary link named like the section (its text is the heading or a part of it, or its
/// host is the heading).
fn home_page(section: &Section) -> Option<String> {
    let heading = format!(" {} ", fold(&section.title));
    section
        .summary
        .iter()
        .flat_map(|p| &section.links[p.links.clone()])
        .filter(|l| is_web(&l.url))
        .find(|l| {
            let title = fold(&l.title);
            let host = l.url.split('/').nth(2).unwrap_or("");
            let host = host.strip_prefix("www.").unwrap_or(host);
            (title.chars().count() >= 4 && heading.contains(&format!(" {title} ")))
                || heading.trim() == host
        })
        .map(|l| l.url.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::labels::Labels;
    use crate::guide::parse::parse;

    fn facts_of(text: &str) -> Facts {
        let g = parse(text, &Labels::default());
        facts(g.sections.last().unwrap())
    }

    #[test]
    fn services_from_items_or_from_prose() {
        let f = facts_of("### T\nIntro.\n\n**Services**\n\nLead-in :\n-\tOne ;\n-\tTwo .\n");
        let s: Vec<&str> = f.services.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(s, ["Lead-in", "One", "Two"]);
        let f = facts_of("### T\nIl fait ceci. Il fait cela.");
        let s: Vec<&str> = f.services.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(s, ["Il fait ceci.", "Il fait cela."]);
        assert_eq!(f.summary, "Il fait ceci. Il fait cela.");
    }

    #[test]
    fn resources_contacts_and_facts() {
        let f = facts_of(
            "### [data.gouv.fr](https://www.data.gouv.fr/)\nLa plateforme [data.gouv.fr](https://www.data.gouv.fr/) et [x](./rel.md).\n\n**Ressources :**\n- La CNIL gère ça : [CNIL](https://www.cnil.fr/)\n- [Doc](https://doc.fr/)\n\n**Contact :** a@b.fr, [le site](https://c.fr/), [écrire](mailto:c@d.fr)",
        );
        let urls: Vec<&str> = f.resources.iter().map(|r| r.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://www.data.gouv.fr/",
                "https://www.cnil.fr/",
                "https://doc.fr/"
            ]
        );
        assert_eq!(f.url.as_deref(), Some("https://www.data.gouv.fr/"));
        assert_eq!(f.facts[0].0, "La CNIL gère ça : CNIL");
        let c: Vec<(&str, &str)> = f
            .contacts
            .iter()
            .map(|(c, _)| (c.kind.as_str(), c.value.as_str()))
            .collect();
        assert_eq!(
            c,
            [
                ("email", "a@b.fr"),
                ("url", "https://c.fr/"),
                ("email", "c@d.fr")
            ]
        );
        assert_eq!(f.skipped[0].value, "./rel.md");
        assert_eq!(f.skipped[0].why, LeftOut::Link);
    }
}
