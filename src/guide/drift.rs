//! Where a catalogue and a guide disagree: sections nobody cites, cited headings the guide no
//! longer has, addresses added, removed or moved, services added or removed (by their words),
//! and contacts the catalogue lacks. Entities meet sections through their `source` only, so
//! that curated names, ids and search aids never count.

use crate::catalogue::Catalogue;
use crate::hash::{FastMap, FastSet};

use super::cite::{Citation, citations, entity_urls};
use super::facts::{Facts, Skipped, facts};
use super::import::path;
use super::parse::{Guide, Place};
use super::words::{Bag, COVERED};

/// What kind of difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A section of the guide that no entity cites.
    SectionUncited,
    /// A heading the catalogue cites that the guide does not have.
    SectionMissing,
    UrlAdded,
    UrlRemoved,
    UrlMoved,
    ServiceAdded,
    ServiceRemoved,
    ContactMissing,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::SectionUncited => "section-uncited",
            Kind::SectionMissing => "section-missing",
            Kind::UrlAdded => "url-added",
            Kind::UrlRemoved => "url-removed",
            Kind::UrlMoved => "url-moved",
            Kind::ServiceAdded => "service-added",
            Kind::ServiceRemoved => "service-removed",
            Kind::ContactMissing => "contact-missing",
        }
    }
}

/// One difference.
#[derive(Debug, Clone)]
pub struct Difference {
    pub kind: Kind,
    /// The entities it concerns (ids), and the routes.
    pub entities: Vec<String>,
    pub routes: Vec<String>,
    /// The guide's section (its heading path), or the heading path cited when the guide has
    /// none.
    pub section: String,
    /// Where in the guide, when it is there.
    pub place: Option<Place>,
    /// The address, service, contact or cited heading.
    pub value: String,
    /// The other section: where a URL moved, or the heading a missing one most likely became.
    pub other: Option<String>,
    /// The other section's place (the likely heading's line).
    pub other_place: Option<Place>,
    /// For an uncited section: its services, URLs and contacts.
    pub counts: Option<[usize; 3]>,
}

struct Drift<'a> {
    catalogue: &'a Catalogue,
    guide: &'a Guide,
    facts: &'a [Facts],
    out: Vec<Difference>,
}

impl Drift<'_> {
    fn push(&mut self, kind: Kind, section: Option<usize>, value: String, place: Option<Place>) {
        let (name, at) = match section {
            Some(s) => (path(self.guide, s), Some(self.guide.sections[s].place)),
            None => (String::new(), None),
        };
        self.out.push(Difference {
            kind,
            entities: Vec::new(),
            routes: Vec::new(),
            section: name,
            place: place.or(at),
            value,
            other: None,
            other_place: None,
            counts: None,
        });
    }

    fn last(&mut self) -> &mut Difference {
        self.out.last_mut().expect("just pushed")
    }

    fn ids(&self, entities: &[usize]) -> Vec<String> {
        entities
            .iter()
            .map(|&e| self.catalogue.entities[e].id.to_string())
            .collect()
    }
}

/// Every difference between `catalogue` and `guide`, in the guide's order (what the guide
/// does not have, after); and what the guide says that was left out of the comparison.
pub fn drift(catalogue: &Catalogue, guide: &Guide) -> (Vec<Difference>, Vec<Skipped>) {
    let facts: Vec<Facts> = guide.sections.iter().map(facts).collect();
    let cites = citations(catalogue, guide, &facts);
    let mut d = Drift {
        catalogue,
        guide,
        facts: &facts,
        out: Vec::new(),
    };
    // Which entities each section is compared with.
    let mut of_section: Vec<Vec<usize>> = vec![Vec::new(); guide.sections.len()];
    let mut cited_by_route = vec![false; guide.sections.len()];
    for c in &cites {
        if let Some(s) = c.target() {
            of_section[s].extend(&c.entities);
            cited_by_route[s] |= !c.routes.is_empty();
        }
    }
    for c in &cites {
        if c.section.is_none() {
            missing(&mut d, c);
        }
    }
    for (s, entities) in of_section.iter().enumerate() {
        if entities.is_empty() && !cited_by_route[s] {
            let f = &facts[s];
            let counts = [f.services.len(), f.resources.len(), f.contacts.len()];
            d.push(
                Kind::SectionUncited,
                Some(s),
                guide.sections[s].title.clone(),
                None,
            );
            d.last().counts = Some(counts);
        }
    }
    urls(&mut d, &cites, &of_section);
    for (s, entities) in of_section.iter().enumerate() {
        if !entities.is_empty() {
            services(&mut d, s, entities);
        }
    }
    contacts(&mut d);
    let mut out = d.out;
    out.sort_by_key(|x| (x.place.map_or(u32::MAX, |p| p.line), x.kind));
    let skipped = facts.into_iter().flat_map(|f| f.skipped).collect();
    (out, skipped)
}

fn missing(d: &mut Drift, c: &Citation) {
    d.out.push(Difference {
        kind: Kind::SectionMissing,
        entities: d.ids(&c.entities),
        routes: c
            .routes
            .iter()
            .map(|&r| d.catalogue.routes[r].id.to_string())
            .collect(),
        section: c.cited.clone(),
        place: None,
        value: c.cited.clone(),
        other: c.likely.map(|s| path(d.guide, s)),
        other_place: c.likely.map(|s| d.guide.sections[s].place),
        counts: None,
    });
    // Listed where the guide's likely heading is, else at the end.
    let likely = d.last().other_place;
    d.last().place = likely;
}

/// Addresses: the guide's (address, section) pairs against the catalogue's, where an entity
/// counts for the section it cites (or most likely cites).
fn urls(d: &mut Drift, cites: &[Citation], of_section: &[Vec<usize>]) {
    let mut guide: FastMap<&str, Vec<usize>> = FastMap::default();
    let mut guide_pairs: FastMap<(&str, usize), Place> = FastMap::default();
    let mut order: Vec<(&str, usize, Place, &str)> = Vec::new();
    for (s, f) in d.facts.iter().enumerate() {
        for r in &f.resources {
            guide.entry(r.url.as_str()).or_default().push(s);
            guide_pairs.insert((r.url.as_str(), s), r.place);
            order.push((r.url.as_str(), s, r.place, r.title.as_str()));
        }
    }
    // The catalogue's pairs, each with the entities giving it.
    let mut catalogue: FastMap<(&str, Option<usize>), Vec<usize>> = FastMap::default();
    let mut catalogue_order: Vec<(&str, Option<usize>)> = Vec::new();
    for c in cites {
        for &e in &c.entities {
            for u in entity_urls(&d.catalogue.entities[e]) {
                let entry = catalogue.entry((u, c.target())).or_default();
                if entry.is_empty() {
                    catalogue_order.push((u, c.target()));
                }
                // An entity's own addresses come together: one look back dedups them.
                if entry.last() != Some(&e) {
                    entry.push(e);
                }
            }
        }
    }
    // Removed from a section: moved, when the guide has the address elsewhere and the
    // catalogue does not.
    let mut moved_to: FastSet<(&str, usize)> = FastSet::default();
    for (u, s) in catalogue_order {
        if s.is_some_and(|s| guide_pairs.contains_key(&(u, s))) {
            continue;
        }
        let entities = d.ids(&catalogue[&(u, s)]);
        let elsewhere = guide.get(u).and_then(|list| {
            list.iter()
                .copied()
                .find(|&g| !catalogue.contains_key(&(u, Some(g))))
        });
        match elsewhere {
            Some(g) => {
                moved_to.insert((u, g));
                let place = d.facts[g]
                    .resources
                    .iter()
                    .find(|r| r.url == u)
                    .map(|r| r.place);
                d.push(Kind::UrlMoved, s, u.to_string(), None);
                let (other, line) = (path(d.guide, g), place);
                let x = d.last();
                x.other = Some(other);
                x.other_place = line;
                x.place = line;
                x.entities = entities;
            }
            None => {
                d.push(Kind::UrlRemoved, s, u.to_string(), None);
                d.last().entities = entities;
            }
        }
    }
    for (u, s, place, title) in order {
        if catalogue.contains_key(&(u, Some(s))) || moved_to.contains(&(u, s)) {
            continue;
        }
        let value = if title == u {
            u.to_string()
        } else {
            format!("{u} «{title}»")
        };
        d.push(Kind::UrlAdded, Some(s), value, Some(place));
        d.last().entities = d.ids(&of_section[s]);
    }
}

/// Services: each of the guide's must find its words among the catalogue's texts for the
/// section, and each of the catalogue's among the guide's.
fn services(d: &mut Drift, s: usize, entities: &[usize]) {
    let section = &d.guide.sections[s];
    let mut catalogue_words = Bag::default();
    for &e in entities {
        let e = &d.catalogue.entities[e];
        catalogue_words.add(&e.name);
        catalogue_words.add(&e.summary.fr);
        for t in e.services.iter().map(|t| &t.fr).chain(&e.facts) {
            catalogue_words.add(t);
        }
        for r in &e.resources {
            catalogue_words.add(&r.title.fr);
        }
    }
    let mut guide_words = Bag::of(&section.title);
    for &c in &section.children {
        guide_words.add(&d.guide.sections[c].title);
    }
    let pieces = section.summary.iter().chain(&section.items).chain(
        section
            .blocks
            .iter()
            .flat_map(|b| b.paragraphs.iter().chain(&b.items)),
    );
    for p in pieces {
        guide_words.add(&p.text);
    }
    let added: Vec<(String, Place)> = d.facts[s]
        .services
        .iter()
        .filter(|(text, _)| catalogue_words.covers(text) < COVERED)
        .cloned()
        .collect();
    let ids = d.ids(entities);
    for (text, place) in added {
        d.push(Kind::ServiceAdded, Some(s), text, Some(place));
        d.last().entities = ids.clone();
    }
    for &e in entities {
        let entity = &d.catalogue.entities[e];
        for service in &entity.services {
            if guide_words.covers(&service.fr) < COVERED {
                d.push(Kind::ServiceRemoved, Some(s), service.fr.to_string(), None);
                d.last().entities = vec![entity.id.to_string()];
            }
        }
    }
}

/// The guide's contacts the catalogue has nowhere.
fn contacts(d: &mut Drift) {
    let normal = |v: &str| v.trim_start_matches("mailto:").to_lowercase();
    let known: FastSet<String> = d
        .catalogue
        .entities
        .iter()
        .flat_map(|e| &e.contacts)
        .map(|c| normal(&c.value))
        .collect();
    for s in 0..d.facts.len() {
        for (contact, place) in d.facts[s].contacts.clone() {
            if !known.contains(&normal(&contact.value)) {
                let value = format!("{} {}", contact.kind.as_str(), contact.value);
                d.push(Kind::ContactMissing, Some(s), value, Some(place));
            }
        }
    }
}
