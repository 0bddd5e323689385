//! A chapter → a catalogue: one entity a section, with ids from the headings, parents from
//! the heading tree, and the section's facts (see [`super::facts`]), each with its line.

use crate::catalogue::model::{
    Catalogue, Entity, Kind, Resource, ResourceKind, Source, SourceLines,
};
use crate::hash::{FastMap, FastSet};
use crate::lang::Text;
use crate::shared::S;
use crate::text::fold;

use super::facts::{Facts, Skipped, facts};
use super::parse::{Guide, Section};
use super::words::slug;

/// Separates the headings of a `source` path, as in the embedded catalogue.
pub const PATH_SEPARATOR: &str = " > ";

/// The heading path of section `i`: the chapter's title (when it has one), then each heading
/// down to the section's.
pub fn path(guide: &Guide, i: usize) -> String {
    let mut parts = vec![guide.sections[i].title.as_str()];
    let mut at = guide.sections[i].parent;
    while let Some(p) = at {
        parts.push(&guide.sections[p].title);
        at = guide.sections[p].parent;
    }
    if let Some((title, _)) = &guide.title {
        parts.push(title);
    }
    parts.reverse();
    parts.join(PATH_SEPARATOR)
}

/// The kind of section `i`: an organisation when it has teams under it, else a team.
pub fn kind(section: &Section) -> Kind {
    if section.children.is_empty() {
        Kind::Team
    } else {
        Kind::Organisation
    }
}

/// What a resource is, from its address and title: software on a code forge, a guide or
/// documentation when its title says so, else a page.
fn resource_kind(title: &str, url: &str) -> ResourceKind {
    let title = fold(title);
    let host = url.split('/').nth(2).unwrap_or("");
    if ["github.com", "gitlab.com", "framagit.org"].contains(&host) {
        ResourceKind::Software
    } else if title.contains("guide") {
        ResourceKind::Guide
    } else if title.contains("documentation") {
        ResourceKind::Documentation
    } else {
        ResourceKind::Page
    }
}

/// The catalogue `guide` gives; `file` names it in `source.file`, and titles it when it has
/// no `#` title.
pub fn import(guide: &Guide, file: &str) -> (Catalogue, Vec<Skipped>) {
    let all: Vec<Facts> = guide.sections.iter().map(facts).collect();
    let ids = ids(guide);
    let mut skipped = Vec::new();
    let entities = guide
        .sections
        .iter()
        .zip(all)
        .enumerate()
        .map(|(i, (section, facts))| {
            skipped.extend(facts.skipped.iter().cloned());
            entity(guide, i, section, facts, &ids)
        })
        .collect();
    let stem = std::path::Path::new(file)
        .file_stem()
        .map_or_else(|| file.to_string(), |s| s.to_string_lossy().into_owned());
    let title = guide.title.as_ref().map_or(stem, |(t, _)| t.clone());
    // Standard input (`-`) has no file name.
    let name = std::path::Path::new(file)
        .file_name()
        .filter(|_| file != "-")
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let catalogue = Catalogue {
        schema_version: crate::catalogue::check::SCHEMA_VERSION,
        source: Source {
            title: S::from(title),
            description: S::from(guide.preamble.join(" ")),
            file: S::from(name),
            language: S::default(),
        },
        entities,
        routes: Vec::new(),
        synonyms: Vec::new(),
    };
    (catalogue, skipped)
}

/// Unique ids: each heading's slug; on a clash, its parent's slug before it, then a number.
fn ids(guide: &Guide) -> Vec<String> {
    let mut taken: FastSet<String> = FastSet::default();
    let mut next: FastMap<String, usize> = FastMap::default();
    let mut ids = Vec::with_capacity(guide.sections.len());
    for section in &guide.sections {
        let own = Some(slug(&section.title)).filter(|s| !s.is_empty());
        let own = own.unwrap_or_else(|| "section".to_string());
        let mut id = own.clone();
        if taken.contains(&id)
            && let Some(p) = section.parent
        {
            id = format!("{}-{own}", ids[p]);
        }
        // The next number to try for each base (a thousand clashes cost a thousand tries).
        let base = id.clone();
        while taken.contains(&id) {
            let n = next.entry(base.clone()).or_insert(2);
            id = format!("{base}-{n}");
            *n += 1;
        }
        taken.insert(id.clone());
        ids.push(id);
    }
    ids
}

fn entity(guide: &Guide, i: usize, section: &Section, facts: Facts, ids: &[String]) -> Entity {
    let summary = if !facts.summary.is_empty() {
        facts.summary.clone()
    } else if !section.children.is_empty() {
        // An organisation the guide does not describe: its teams.
        let names: Vec<&str> = section
            .children
            .iter()
            .map(|&c| guide.sections[c].title.as_str())
            .collect();
        names.join(", ")
    } else {
        facts
            .services
            .first()
            .map_or_else(|| section.title.clone(), |(s, _)| s.clone())
    };
    let lines = SourceLines {
        heading: section.place.line,
        services: facts.services.iter().map(|(_, p)| p.line).collect(),
        resources: facts.resources.iter().map(|r| r.place.line).collect(),
        contacts: facts.contacts.iter().map(|(_, p)| p.line).collect(),
        facts: facts.facts.iter().map(|(_, p)| p.line).collect(),
    };
    Entity {
        id: S::from(ids[i].as_str()),
        name: S::from(section.title.as_str()),
        short_name: None,
        aliases: Box::default(),
        kind: kind(section),
        parent: section.parent.map(|p| S::from(ids[p].as_str())),
        url: facts.url.map(S::from),
        summary: Text::from(summary),
        services: facts
            .services
            .into_iter()
            .map(|(s, _)| Text::from(s))
            .collect(),
        resources: facts
            .resources
            .into_iter()
            .map(|r| Resource {
                kind: resource_kind(&r.title, &r.url),
                title: Text::from(r.title),
                url: S::from(r.url),
            })
            .collect(),
        facts: facts.facts.into_iter().map(|(f, _)| S::from(f)).collect(),
        topics: Box::default(),
        needs: Box::default(),
        related: Box::default(),
        contacts: facts.contacts.into_iter().map(|(c, _)| c).collect(),
        source: S::from(path(guide, i)),
        source_lines: Some(Box::new(lines)),
    }
}
