//! Which section of a guide each entity and route cites, through its `source`; and, for a
//! cited heading the guide no longer has, the one it most likely became.
//!
//! A `source` is a heading path (`L'écosystème > Le département Etalab > Pôle Droit et
//! société`), perhaps naming a block of the section (`… (Ressources)`). The chapter's title
//! may lead it or not. A missing heading is looked for among the sections that share an
//! address or a word of the heading with what cites it, or, for an organisation, that hold
//! the sections its teams became: linear, whatever the sizes.

use crate::catalogue::{Catalogue, Entity};
use crate::hash::FastMap;
use crate::text::fold;

use super::facts::Facts;
use super::import::PATH_SEPARATOR;
use super::labels::Labels;
use super::parse::Guide;
use super::words::{Bag, stems};

/// A heading or path as compared: folded (case, accents, apostrophes), spaces squeezed.
pub fn key(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A cited heading path and the entities and routes citing it.
#[derive(Debug, Clone)]
pub struct Citation {
    /// The path as the first citer wrote it (without a block).
    pub cited: String,
    pub entities: Vec<usize>,
    pub routes: Vec<usize>,
    /// The section it names, when the guide has it.
    pub section: Option<usize>,
    /// The section it most likely became, when the guide does not have it.
    pub likely: Option<usize>,
}

impl Citation {
    /// The section its facts are compared with: the one it names, else the likely one.
    pub fn target(&self) -> Option<usize> {
        self.section.or(self.likely)
    }
}

/// A section's path without the chapter's title, as compared.
fn section_keys(guide: &Guide) -> Vec<String> {
    (0..guide.sections.len())
        .map(|i| {
            let mut parts = vec![key(&guide.sections[i].title)];
            if let Some(p) = guide.sections[i].parent {
                parts.insert(0, key(&guide.sections[p].title));
            }
            parts.join(PATH_SEPARATOR)
        })
        .collect()
}

/// `source` without the chapter's title before it and without a final `(Block)`, as
/// compared, and as written; `found` says whether a path is a section of the guide.
fn split_source(source: &str, titles: &[String], found: impl Fn(&str) -> bool) -> (String, String) {
    let mut parts: Vec<&str> = source.split(PATH_SEPARATOR).map(str::trim).collect();
    if parts.len() > 1 && titles.contains(&key(parts[0])) {
        parts.remove(0);
    }
    let whole = parts.join(PATH_SEPARATOR);
    if found(&key(&whole)) {
        return (key(&whole), whole);
    }
    // A final `(…)` names a block when it is a label, or when the path without it is a
    // section; else it is part of the heading (`Pôle Exploitation des données (Laboratoire
    // d'intelligence artificielle)`).
    if let Some(last) = parts.last_mut()
        && let Some(inner) = last.strip_suffix(')')
        && let Some(open) = inner.rfind(" (")
    {
        let heading = &last[..open];
        let label = &inner[open + 2..];
        let mut shorter = parts.clone();
        *shorter.last_mut().expect("not empty") = heading;
        let shorter = shorter.join(PATH_SEPARATOR);
        if found(&key(&shorter)) || Labels::default().kind_of(label).is_some() {
            return (key(&shorter), shorter);
        }
    }
    (key(&whole), whole)
}

/// Every heading path the catalogue cites, in catalogue order, each with what it names.
pub fn citations(catalogue: &Catalogue, guide: &Guide, facts: &[Facts]) -> Vec<Citation> {
    let keys = section_keys(guide);
    let by_key: FastMap<&str, usize> = keys
        .iter()
        .enumerate()
        .rev()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let mut titles = vec![key(&catalogue.source.title)];
    if let Some((t, _)) = &guide.title {
        titles.push(key(t));
    }
    let mut citations: Vec<Citation> = Vec::new();
    let mut index: FastMap<String, usize> = FastMap::default();
    let sources = catalogue
        .entities
        .iter()
        .map(|e| (true, e.source.as_str()))
        .chain(catalogue.routes.iter().map(|r| (false, r.source.as_str())));
    for (n, (is_entity, source)) in sources.enumerate() {
        let (k, cited) = split_source(source, &titles, |k| by_key.contains_key(k));
        let at = *index.entry(k.clone()).or_insert_with(|| {
            citations.push(Citation {
                cited,
                entities: Vec::new(),
                routes: Vec::new(),
                section: by_key.get(k.as_str()).copied(),
                likely: None,
            });
            citations.len() - 1
        });
        if is_entity {
            citations[at].entities.push(n);
        } else {
            citations[at].routes.push(n - catalogue.entities.len());
        }
    }
    find_likely(catalogue, guide, facts, &mut citations);
    citations
}

/// Posting lists longer than this (a word in every heading) say nothing of a match.
const MAX_POSTING: usize = 64;
/// The least score of a likely heading.
const LIKELY: f64 = 0.3;

/// The addresses an entity gives.
pub fn entity_urls(e: &Entity) -> impl Iterator<Item = &str> {
    e.url
        .iter()
        .map(|u| u.as_str())
        .chain(e.resources.iter().map(|r| r.url.as_str()))
}

fn find_likely(catalogue: &Catalogue, guide: &Guide, facts: &[Facts], citations: &mut [Citation]) {
    // Sections by address and by heading word.
    let mut by_url: FastMap<&str, Vec<usize>> = FastMap::default();
    let mut by_word: FastMap<String, Vec<usize>> = FastMap::default();
    let mut section_urls: Vec<Bag> = Vec::with_capacity(facts.len());
    for (i, f) in facts.iter().enumerate() {
        let mut bag = Bag::default();
        for r in &f.resources {
            by_url.entry(r.url.as_str()).or_default().push(i);
            bag.add_whole(&r.url);
        }
        section_urls.push(bag);
        for w in stems(&guide.sections[i].title) {
            by_word.entry(w).or_default().push(i);
        }
    }
    let titles: Vec<Bag> = guide.sections.iter().map(|s| Bag::of(&s.title)).collect();
    // Deeper citations (teams) first: an organisation follows its teams.
    let mut order: Vec<usize> = (0..citations.len()).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(citations[c].cited.matches(PATH_SEPARATOR).count()));
    // Which citation each entity is in, for the children of organisations.
    let mut of_entity: FastMap<&str, usize> = FastMap::default();
    for (c, citation) in citations.iter().enumerate() {
        for &e in &citation.entities {
            of_entity
                .entry(catalogue.entities[e].id.as_str())
                .or_insert(c);
        }
    }
    let mut children: FastMap<&str, Vec<&str>> = FastMap::default();
    for e in &catalogue.entities {
        if let Some(p) = &e.parent {
            children.entry(p.as_str()).or_default().push(&e.id);
        }
    }
    for c in order {
        if citations[c].section.is_some() {
            continue;
        }
        let citers = citations[c]
            .entities
            .iter()
            .map(|&e| &catalogue.entities[e]);
        let mut urls = Bag::default();
        let mut names: Vec<Bag> = vec![Bag::of(last_heading(&citations[c].cited))];
        let mut candidates: Vec<usize> = Vec::new();
        let mut votes: FastMap<usize, usize> = FastMap::default();
        let mut voters = 0;
        for e in citers {
            for u in entity_urls(e) {
                urls.add_whole(u);
                candidates.extend(by_url.get(u).into_iter().flatten().take(MAX_POSTING));
            }
            names.extend(e.short_name.iter().chain(&e.aliases).map(|n| Bag::of(n)));
            names.push(Bag::of(&e.name));
            for child in children.get(e.id.as_str()).into_iter().flatten() {
                voters += 1;
                let target = of_entity.get(child).and_then(|&cc| citations[cc].target());
                if let Some(parent) = target.and_then(|s| guide.sections[s].parent) {
                    *votes.entry(parent).or_insert(0) += 1;
                    candidates.push(parent);
                }
            }
        }
        for name in &names {
            for w in name.words() {
                candidates.extend(by_word.get(w).into_iter().flatten().take(MAX_POSTING));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let score = |s: usize| {
            let url = urls.dice(&section_urls[s]);
            let name = names.iter().map(|n| n.dice(&titles[s])).fold(0.0, f64::max);
            let children = votes
                .get(&s)
                .map_or(0.0, |&v| v as f64 / voters.max(1) as f64);
            url.max(name).max(children) + 0.1 * (url + name + children)
        };
        citations[c].likely = candidates
            .into_iter()
            .map(|s| (score(s), s))
            .filter(|(score, _)| *score >= LIKELY)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(_, s)| s);
    }
}

/// The last heading of a path.
pub fn last_heading(path: &str) -> &str {
    path.rsplit(PATH_SEPARATOR).next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_final_parenthesis_is_a_block_only_when_it_reads_as_one() {
        let titles = [key("L'écosystème")];
        let none = |_: &str| false;
        assert_eq!(
            split_source(
                "L'écosystème > Etalab > Pôle Droit (Ressources)",
                &titles,
                none
            )
            .1,
            "Etalab > Pôle Droit"
        );
        assert_eq!(
            split_source(
                "L'écosystème > Etalab > Pôle X (Laboratoire d'IA)",
                &titles,
                none
            )
            .1,
            "Etalab > Pôle X (Laboratoire d'IA)"
        );
        let found = |k: &str| k == key("Etalab > Pôle X");
        assert_eq!(
            split_source("Etalab > Pôle X (Laboratoire d'IA)", &titles, found).1,
            "Etalab > Pôle X"
        );
        // The chapter's title leads a path only when it is followed by more.
        assert_eq!(
            split_source("L'écosystème", &titles, none).1,
            "L'écosystème"
        );
    }
}
