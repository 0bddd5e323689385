//! Overlays: files that add entities to a catalogue, patch them, or replace them.
//!
//! An overlay entity whose id the catalogue already has is a *patch* by default: the fields
//! it gives replace the catalogue's scalars (name, kind, url…) and extend its lists (topics,
//! services, contacts…, without duplicates); the fields it leaves out stay as they were. With
//! `"replace": true` it replaces the whole entity instead. An entity with a new id is *added*
//! and needs every required field (`name`, `kind`, `summary`, `source`).

use serde::Deserialize;

use super::diagnose::json_problem;
use super::load::{Loaded, Text, parse};
use super::model::{
    Catalogue, Contact, ContactKind, Entity, Kind, Resource, Route, S, Source, Step,
};
use super::problem::Problem;
use super::spans::{self, Anchor, Pending, Target, place};
use super::validate::{Provenance, check_url, validate};

/// An overlay file: a catalogue whose entities may be patches.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverlayFile {
    schema_version: u32,
    source: Source,
    #[serde(default)]
    entities: Vec<Patch>,
    #[serde(default)]
    routes: Vec<RoutePatch>,
    #[serde(default)]
    synonyms: Vec<Vec<S>>,
}

/// An overlay route: a new route, or a patch of the route with its id (`when` and `steps`
/// extended, `note` and `source` replaced when given), or with `"replace": true` a new
/// version of it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoutePatch {
    id: S,
    #[serde(default)]
    replace: bool,
    #[serde(default)]
    when: Vec<S>,
    #[serde(default)]
    steps: Vec<Step>,
    note: Option<crate::lang::Text>,
    source: Option<S>,
}

/// An overlay entity: every field but the id optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Patch {
    id: S,
    /// Replace the catalogue's entity of this id whole, instead of patching it.
    #[serde(default)]
    replace: bool,
    name: Option<S>,
    short_name: Option<S>,
    #[serde(default)]
    aliases: Vec<S>,
    kind: Option<Kind>,
    parent: Option<S>,
    url: Option<S>,
    summary: Option<crate::lang::Text>,
    #[serde(default)]
    services: Vec<crate::lang::Text>,
    #[serde(default)]
    resources: Vec<Resource>,
    #[serde(default)]
    facts: Vec<S>,
    #[serde(default)]
    topics: Vec<S>,
    #[serde(default)]
    needs: Vec<S>,
    #[serde(default)]
    related: Vec<S>,
    #[serde(default)]
    contacts: Vec<Contact>,
    source: Option<S>,
    source_lines: Option<super::model::SourceLines>,
}

/// What an overlay does to one entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Adds,
    Patches,
    Replaces,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Adds => "adds",
            Effect::Patches => "patches",
            Effect::Replaces => "replaces",
        }
    }
}

/// An overlay resolved against a catalogue: whole entities (patches merged into what they
/// patch), and what it does to each.
pub struct Resolved {
    pub catalogue: Catalogue,
    pub effects: Vec<(S, Effect)>,
}

/// `items` extended with those of `more` it does not have yet.
fn extend_unique<T: PartialEq>(items: &mut Vec<T>, more: Vec<T>) {
    for item in more {
        if !items.contains(&item) {
            items.push(item);
        }
    }
}

impl Patch {
    /// A new (or replacing) entity: the required fields must all be there.
    fn into_entity(self) -> Result<Entity, Vec<&'static str>> {
        let missing: Vec<&'static str> = [
            ("name", self.name.is_none()),
            ("kind", self.kind.is_none()),
            ("summary", self.summary.is_none()),
            ("source", self.source.is_none()),
        ]
        .into_iter()
        .filter_map(|(field, absent)| absent.then_some(field))
        .collect();
        match (self.name, self.kind, self.summary, self.source) {
            (Some(name), Some(kind), Some(summary), Some(source)) => Ok(Entity {
                id: self.id,
                name,
                short_name: self.short_name,
                aliases: self.aliases,
                kind,
                parent: self.parent,
                url: self.url,
                summary,
                services: self.services,
                resources: self.resources,
                facts: self.facts,
                topics: self.topics,
                needs: self.needs,
                related: self.related,
                contacts: self.contacts,
                source,
                source_lines: self.source_lines,
            }),
            _ => Err(missing),
        }
    }

    /// `base` with this patch applied: scalars replaced, lists extended.
    fn merge_into(self, mut base: Entity) -> Entity {
        if let Some(name) = self.name {
            base.name = name;
        }
        if self.short_name.is_some() {
            base.short_name = self.short_name;
        }
        if let Some(kind) = self.kind {
            base.kind = kind;
        }
        if self.parent.is_some() {
            base.parent = self.parent;
        }
        if self.url.is_some() {
            base.url = self.url;
        }
        if let Some(summary) = self.summary {
            base.summary = summary;
        }
        if let Some(source) = self.source {
            base.source = source;
        }
        if self.source_lines.is_some() {
            base.source_lines = self.source_lines;
        }
        extend_unique(&mut base.aliases, self.aliases);
        // The same service is the same French text; a patch may bring its English.
        for service in self.services {
            match base.services.iter_mut().find(|s| s.fr == service.fr) {
                Some(known) => {
                    if service.en.is_some() {
                        known.en = service.en;
                    }
                }
                None => base.services.push(service),
            }
        }
        // A resource is the same resource if it has the same address.
        for resource in self.resources {
            match base.resources.iter_mut().find(|r| r.url == resource.url) {
                Some(known) => *known = resource,
                None => base.resources.push(resource),
            }
        }
        extend_unique(&mut base.facts, self.facts);
        extend_unique(&mut base.topics, self.topics);
        extend_unique(&mut base.needs, self.needs);
        extend_unique(&mut base.related, self.related);
        extend_unique(&mut base.contacts, self.contacts);
        base
    }
}

/// Parses the overlay `text` and resolves it against `base`; checks the result on its own,
/// its references allowed to point into `base`.
pub fn resolve(text: &Text, base: &Catalogue) -> Result<Resolved, Vec<Problem>> {
    let file: OverlayFile = match crate::shared::parsing(&text.text, |t| serde_json::from_str(t)) {
        Ok(file) => file,
        // The shape diagnostics of a whole catalogue, else serde's own message.
        Err(error) => {
            return Err(match parse(text) {
                Err(problems) => problems,
                Ok(_) => vec![json_problem(&text.name, &error)],
            });
        }
    };
    let mut pending: Vec<Pending> = Vec::new();
    let mut problem = |problem: Problem, anchor: Anchor| {
        pending.push(Pending {
            problem,
            doc: 0,
            anchor: Some(anchor),
        })
    };
    // Ids of the base, looked up once each: an overlay of any size stays linear.
    let entity_at: crate::hash::FastMap<&str, usize> = base
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let route_at: crate::hash::FastMap<&str, usize> = base
        .routes
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut entities = Vec::with_capacity(file.entities.len());
    let mut effects = Vec::with_capacity(file.entities.len());
    for (i, patch) in file.entities.into_iter().enumerate() {
        let id = patch.id.clone();
        let known = entity_at.get(id.as_str()).map(|&k| &base.entities[k]);
        let (effect, entity) = match known {
            Some(known) if !patch.replace => (Effect::Patches, Ok(patch.merge_into(known.clone()))),
            Some(_) => (Effect::Replaces, patch.into_entity()),
            None => (Effect::Adds, patch.into_entity()),
        };
        match entity {
            Ok(entity) => {
                entities.push(entity);
                effects.push((id, effect));
            }
            Err(missing) => {
                let place = if id.is_empty() {
                    format!("entities[{i}]")
                } else {
                    format!("entity '{id}'")
                };
                let why = if effect == Effect::Replaces {
                    "replaces an entity"
                } else {
                    "is a new entity"
                };
                problem(
                    Problem::new(
                        &text.name,
                        place,
                        format!("{why}: missing field `{}`", missing.join("`, `")),
                    ),
                    Anchor::new(Target::EntityAt(i), vec![spans::Step::key("id")]),
                );
            }
        }
    }
    let mut routes = Vec::with_capacity(file.routes.len());
    for (k, patch) in file.routes.into_iter().enumerate() {
        let known = route_at.get(patch.id.as_str()).map(|&r| &base.routes[r]);
        match known {
            Some(known) if !patch.replace => {
                let mut route = known.clone();
                extend_unique(&mut route.when, patch.when);
                for step in patch.steps {
                    if !route.steps.iter().any(|s| s.entity == step.entity) {
                        route.steps.push(step);
                    }
                }
                if let Some(note) = patch.note {
                    route.note = note;
                }
                if let Some(source) = patch.source {
                    route.source = source;
                }
                routes.push(route);
            }
            _ => match (patch.note, patch.source) {
                (Some(note), Some(source)) => routes.push(Route {
                    id: patch.id,
                    when: patch.when,
                    steps: patch.steps,
                    note,
                    source,
                }),
                _ => problem(
                    Problem::new(
                        &text.name,
                        format!("route '{}'", patch.id),
                        "is a new route: missing field `note` or `source`",
                    ),
                    Anchor::new(Target::RouteAt(k), vec![spans::Step::key("id")]),
                ),
            },
        }
    }
    let catalogue = Catalogue {
        schema_version: file.schema_version,
        source: file.source,
        entities,
        routes,
        synonyms: file.synonyms,
    };
    let mut problems = place(&[&text.text], pending);
    {
        // The entities that resolved are checked even when others did not.
        let known: Vec<&str> = base.ids();
        problems.extend(validate(
            &catalogue,
            &[text.document()],
            &Provenance::single(&catalogue),
            &known,
        ));
        problems.sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
    }
    if problems.is_empty() {
        Ok(Resolved { catalogue, effects })
    } else {
        Err(problems)
    }
}

/// Reads the overlay `text` and applies it to `loaded`, whose last text it becomes.
pub fn apply(loaded: &mut Loaded, text: Text) -> Result<(), Vec<Problem>> {
    let resolved = resolve(&text, &loaded.catalogue)?;
    loaded.texts.push(text);
    apply_overlay(loaded, resolved.catalogue);
    Ok(())
}

/// Adds or replaces (by id) the resolved entities and routes of an overlay, the last text
/// of `loaded`; appends its synonyms.
pub fn apply_overlay(loaded: &mut Loaded, overlay: Catalogue) {
    let doc = loaded.texts.len() - 1;
    let catalogue = &mut loaded.catalogue;
    let provenance = &mut loaded.provenance;
    upsert(
        &mut catalogue.entities,
        &mut provenance.entities,
        overlay.entities,
        doc,
        |e| e.id.as_str(),
    );
    upsert(
        &mut catalogue.routes,
        &mut provenance.routes,
        overlay.routes,
        doc,
        |r| r.id.as_str(),
    );
    catalogue.synonyms.extend(overlay.synonyms);
}

/// Replaces the `items` that share an id with one of `new`, appends the others, and records
/// that they come from document `doc`.
fn upsert<T>(
    items: &mut Vec<T>,
    origins: &mut Vec<usize>,
    new: Vec<T>,
    doc: usize,
    id: impl Fn(&T) -> &str,
) {
    let mut at: crate::hash::FastMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (id(item).to_string(), i))
        .collect();
    for item in new {
        match at.get(id(&item)) {
            Some(&i) => {
                items[i] = item;
                origins[i] = doc;
            }
            None => {
                at.insert(id(&item).to_string(), items.len());
                items.push(item);
                origins.push(doc);
            }
        }
    }
}

impl Entity {
    /// Where to go next: its contacts (`label: value`), else its main URL.
    pub fn reach(&self) -> Vec<String> {
        if self.contacts.is_empty() {
            return self.url.iter().map(ToString::to_string).collect();
        }
        self.contacts
            .iter()
            .map(|c| {
                let label = if c.label.trim().is_empty() {
                    c.kind.as_str()
                } else {
                    c.label.as_str()
                };
                format!("{label}: {}", c.value)
            })
            .collect()
    }
}

/// Checks a contact by its kind: an email address (or `mailto:` link), an http(s) URL, a
/// phone number (or `tel:` link), a chat link (http(s)) or Matrix room or user.
pub fn check_contact(contact: &Contact) -> Result<(), &'static str> {
    let value = contact.value.trim();
    if value.is_empty() {
        return Err("must not be empty");
    }
    if value.chars().any(char::is_control) {
        return Err("must not contain control characters");
    }
    match contact.kind {
        ContactKind::Email => {
            let address = value.strip_prefix("mailto:").unwrap_or(value);
            let (local, domain) = address.split_once('@').ok_or("is not an email address")?;
            let domain_ok = domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && domain
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
            if local.is_empty()
                || !domain_ok
                || address.chars().any(char::is_whitespace)
                || local.contains(['<', '>', '"', ',', ';'])
            {
                return Err("is not an email address");
            }
            Ok(())
        }
        ContactKind::Url => check_url(value),
        ContactKind::Phone => {
            let number = value.strip_prefix("tel:").unwrap_or(value);
            let digits = number.chars().filter(char::is_ascii_digit).count();
            let allowed = number.chars().enumerate().all(|(i, c)| {
                c.is_ascii_digit()
                    || matches!(c, ' ' | '.' | '-' | '(' | ')')
                    || (c == '+' && i == 0)
            });
            if allowed && (4..=20).contains(&digits) {
                Ok(())
            } else {
                Err("is not a phone number (digits, spaces, a leading +, or tel:)")
            }
        }
        ContactKind::Chat => {
            if value.starts_with("http://") || value.starts_with("https://") {
                return check_url(value);
            }
            // A Matrix room (#room:server) or user (@user:server).
            let matrix = value
                .strip_prefix('#')
                .or_else(|| value.strip_prefix('@'))
                .and_then(|rest| rest.split_once(':'))
                .is_some_and(|(name, server)| {
                    !name.is_empty()
                        && server.contains('.')
                        && !value.chars().any(char::is_whitespace)
                });
            // A handle on the chat the label names (`@equipe-beta` on Slack).
            let handle = value.strip_prefix('@').is_some_and(|name| {
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
            });
            if matrix || handle {
                Ok(())
            } else {
                Err(
                    "is not a chat link (http:// or https://), Matrix room (#room:server) or handle (@name)",
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(kind: ContactKind, value: &str) -> Contact {
        Contact {
            kind,
            value: value.into(),
            label: Default::default(),
        }
    }

    #[test]
    fn contacts_are_checked_by_kind() {
        use ContactKind::*;
        for (kind, good) in [
            (Email, "amdac@example.org"),
            (Email, "mailto:amdac@example.org"),
            (Url, "https://example.org/contact"),
            (Phone, "+33 1 23 45 67 89"),
            (Phone, "tel:+33123456789"),
            (Chat, "https://chat.example.org/channel/donnees"),
            (Chat, "#donnees:matrix.example.org"),
            (Chat, "@equipe-beta"),
        ] {
            assert!(check_contact(&contact(kind, good)).is_ok(), "{good}");
        }
        for (kind, bad) in [
            (Email, "amdac"),
            (Email, "amdac@localhost"),
            (Email, "a b@example.org"),
            (Email, "tel:+33123456789"),
            (Url, "mailto:amdac@example.org"),
            (Url, "ftp://example.org"),
            (Url, "javascript:alert(1)"),
            (Phone, "call me"),
            (Phone, "12"),
            (Phone, "mailto:amdac@example.org"),
            (Chat, "javascript:alert(1)"),
            (Chat, "donnees"),
            (Chat, "@"),
            (Chat, "@a b"),
            (Email, ""),
        ] {
            assert!(check_contact(&contact(kind, bad)).is_err(), "{bad}");
        }
    }
}
