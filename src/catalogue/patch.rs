//! Overlays: files that add entities and routes to a catalogue, patch them, or replace them.
//!
//! An overlay entity whose id the catalogue already has is a *patch* by default: the fields it
//! gives replace the catalogue's scalars (name, kind, url…) and extend its lists (topics,
//! services, contacts…, without duplicates); the fields it leaves out stay as they were. With
//! `"replace": true` it replaces the whole entity instead. An entity with a new id is *added*
//! and needs every required field (`name`, `kind`, `summary`, `source`). Routes likewise; a
//! patch's step goes after the route's, or `"before"` the step of another entity.
//!
//! These types are what the loader reads every entity and route into (a whole catalogue's are
//! complete patches), and what `ecosys schema overlay` describes.

use schemars::JsonSchema;

use super::model::{Contact, Entity, Kind, Resource, Route, S, Source, SourceLines, Step, Text};
use crate::hash::FastMap;

/// An overlay file: a catalogue whose entities and routes may be patches.
#[derive(Debug, JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct Overlay {
    /// Version of this format; currently 1.
    schema_version: u32,
    /// Where the facts come from.
    source: Source,
    /// Entities to add, patch (an id the catalogue has) or replace (`"replace": true`).
    #[serde(default)]
    entities: Vec<EntityPatch>,
    /// Routes to add, patch or replace, likewise.
    #[serde(default)]
    routes: Vec<RoutePatch>,
    /// Groups of words that mean the same thing, appended to the catalogue's.
    #[serde(default)]
    synonyms: Vec<Vec<S>>,
}

/// An overlay entity: every field but the id optional.
#[derive(Debug, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityPatch {
    /// The entity's id: one the catalogue has (a patch), or a new one.
    pub id: S,
    /// Replace the catalogue's entity of this id whole, instead of patching it.
    #[serde(default)]
    pub replace: bool,
    pub name: Option<S>,
    pub short_name: Option<S>,
    #[serde(default)]
    pub aliases: Vec<S>,
    pub kind: Option<Kind>,
    pub parent: Option<S>,
    pub url: Option<S>,
    pub summary: Option<Text>,
    #[serde(default)]
    pub services: Vec<Text>,
    #[serde(default)]
    pub resources: Vec<Resource>,
    #[serde(default)]
    pub facts: Vec<S>,
    #[serde(default)]
    pub topics: Vec<S>,
    #[serde(default)]
    pub needs: Vec<S>,
    #[serde(default)]
    pub related: Vec<S>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    pub source: Option<S>,
    /// Lines of the source document (see [`SourceLines`]); a patch's replace the entity's.
    pub source_lines: Option<SourceLines>,
}

/// An overlay route: a new route, a patch of the route with its id (`when` and `steps`
/// extended, `note` and `source` replaced when given), or with `"replace": true` a new version.
#[derive(Debug, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoutePatch {
    pub id: S,
    #[serde(default)]
    pub replace: bool,
    #[serde(default)]
    pub when: Vec<S>,
    #[serde(default)]
    pub steps: Vec<StepPatch>,
    pub note: Option<Text>,
    pub source: Option<S>,
}

/// A step of an overlay route.
#[derive(Debug, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepPatch {
    /// Id of the entity to ask.
    pub entity: S,
    /// When to ask it, in the guide's words (or `{"fr": …, "en": …}`).
    pub role: Text,
    /// In a patch of a route: the id of the entity whose step this one comes before (else it
    /// comes after the route's steps).
    pub before: Option<S>,
}

impl StepPatch {
    pub fn step(self) -> Step {
        Step {
            entity: self.entity,
            role: self.role,
        }
    }
}

/// What a file does to one entity or route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Adds,
    Patches,
    Replaces,
}

impl EntityPatch {
    /// The required fields it lacks to be a whole entity.
    pub fn lacks(&self) -> Vec<&'static str> {
        [
            ("name", self.name.is_none()),
            ("kind", self.kind.is_none()),
            ("summary", self.summary.is_none()),
            ("source", self.source.is_none()),
        ]
        .into_iter()
        .filter_map(|(field, absent)| absent.then_some(field))
        .collect()
    }

    /// The whole entity, when nothing required is missing.
    pub fn into_entity(self) -> Option<Entity> {
        Some(Entity {
            id: self.id,
            name: self.name?,
            short_name: self.short_name,
            aliases: self.aliases.into(),
            kind: self.kind?,
            parent: self.parent,
            url: self.url,
            summary: self.summary?,
            services: self.services.into(),
            resources: self.resources.into(),
            facts: self.facts.into(),
            topics: self.topics.into(),
            needs: self.needs.into(),
            related: self.related.into(),
            contacts: self.contacts.into(),
            source: self.source?,
            source_lines: self.source_lines.map(Box::new),
        })
    }

    /// Applies the patch to `base`: scalars replaced, lists extended (their duplicates go in
    /// [`dedup`], once, after the last file). A new name without a short name retires the old
    /// short name (it named the old name) to the aliases, so that tables show the new name.
    pub fn merge_into(self, base: &mut Entity) {
        if let Some(name) = self.name {
            if self.short_name.is_none()
                && let Some(short) = base.short_name.take()
            {
                extend(&mut base.aliases, vec![short]);
            }
            base.name = name;
        }
        let set = |to: &mut Option<S>, value: Option<S>| {
            if value.is_some() {
                *to = value;
            }
        };
        set(&mut base.short_name, self.short_name);
        set(&mut base.parent, self.parent);
        set(&mut base.url, self.url);
        if let Some(kind) = self.kind {
            base.kind = kind;
        }
        if let Some(summary) = self.summary {
            base.summary = summary;
        }
        if let Some(source) = self.source {
            base.source = source;
        }
        if self.source_lines.is_some() {
            base.source_lines = self.source_lines.map(Box::new);
        }
        extend(&mut base.aliases, self.aliases);
        extend(&mut base.services, self.services);
        extend(&mut base.resources, self.resources);
        extend(&mut base.facts, self.facts);
        extend(&mut base.topics, self.topics);
        extend(&mut base.needs, self.needs);
        extend(&mut base.related, self.related);
        extend(&mut base.contacts, self.contacts);
    }
}

impl RoutePatch {
    /// The whole route, when it has its note and source.
    pub fn into_route(self) -> Option<Route> {
        Some(Route {
            id: self.id,
            when: self.when,
            steps: self.steps.into_iter().map(StepPatch::step).collect(),
            note: self.note?,
            source: self.source?,
        })
    }
}

/// Keeps the first of equal items (by `key`), in place; a later one passes what it brings to
/// the first with `merge`. Linear: one hash lookup an item.
fn dedup_by<T, K: std::hash::Hash + Eq>(
    items: &mut Vec<T>,
    key: impl Fn(&T) -> K,
    merge: impl Fn(&mut T, T),
) {
    if items.len() < 2 {
        return;
    }
    let mut first: FastMap<K, usize> = FastMap::default();
    let mut kept: Vec<T> = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        match first.get(&key(&item)) {
            Some(&at) => merge(&mut kept[at], item),
            None => {
                first.insert(key(&item), kept.len());
                kept.push(item);
            }
        }
    }
    *items = kept;
}

/// [`dedup_by`] of an entity's list.
fn dedup_list<T, K: std::hash::Hash + Eq>(
    list: &mut Box<[T]>,
    key: impl Fn(&T) -> K,
    merge: impl Fn(&mut T, T),
) {
    if list.len() < 2 {
        return;
    }
    let mut items = std::mem::take(list).into_vec();
    dedup_by(&mut items, key, merge);
    *list = items.into_boxed_slice();
}

/// Adds `more` to an entity's list (a boxed slice, in a room of its own size).
fn extend<T>(list: &mut Box<[T]>, more: Vec<T>) {
    if more.is_empty() {
        return;
    }
    let mut items = std::mem::take(list).into_vec();
    items.extend(more);
    *list = items.into_boxed_slice();
}

/// Drops the duplicates patches brought into an entity's lists: the same service is the same
/// French text (a later one may bring its English), the same resource the same address (a
/// later one replaces it), anything else the same value.
pub fn dedup(entity: &mut Entity) {
    let keep = |_: &mut S, _: S| {};
    dedup_list(&mut entity.aliases, S::clone, keep);
    dedup_list(&mut entity.facts, S::clone, keep);
    dedup_list(&mut entity.topics, S::clone, keep);
    dedup_list(&mut entity.needs, S::clone, keep);
    dedup_list(&mut entity.related, S::clone, keep);
    dedup_list(&mut entity.contacts, Contact::clone, |_, _| {});
    dedup_list(
        &mut entity.services,
        |s| s.fr.clone(),
        |known, later| {
            if later.en.is_some() {
                known.en = later.en;
            }
        },
    );
    dedup_list(
        &mut entity.resources,
        |r| r.url.clone(),
        |known, later| *known = later,
    );
}

/// Drops the `when` words patches repeated.
pub fn dedup_route(route: &mut Route) {
    dedup_by(&mut route.when, S::clone, |_, _| {});
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedup_keeps_the_first_place_and_the_later_content() {
        let mut entity = EntityPatch {
            id: "a".into(),
            name: Some("A".into()),
            kind: Some(Kind::Team),
            summary: Some(Text::from(S::from("s"))),
            source: Some("s".into()),
            topics: vec!["x".into(), "y".into()],
            ..EntityPatch::default()
        }
        .into_entity()
        .unwrap();
        EntityPatch {
            topics: vec!["y".into(), "z".into(), "x".into()],
            services: vec![Text::from(S::from("svc"))],
            ..EntityPatch::default()
        }
        .merge_into(&mut entity);
        EntityPatch {
            services: vec![Text {
                fr: "svc".into(),
                en: Some("service".into()),
            }],
            ..EntityPatch::default()
        }
        .merge_into(&mut entity);
        dedup(&mut entity);
        assert_eq!(*entity.topics, ["x", "y", "z"].map(S::from));
        assert_eq!(entity.services.len(), 1);
        assert_eq!(entity.services[0].en.as_deref(), Some("service"));
    }

    #[test]
    fn a_new_name_retires_the_short_name() {
        let mut entity = EntityPatch {
            id: "a".into(),
            name: Some("AMDAC de votre ministère".into()),
            short_name: Some("AMDAC".into()),
            kind: Some(Kind::OwnAdministration),
            summary: Some(Text::from(S::from("s"))),
            source: Some("s".into()),
            ..EntityPatch::default()
        }
        .into_entity()
        .unwrap();
        EntityPatch {
            name: Some("AMDAC du ministère de l'Exemple".into()),
            ..EntityPatch::default()
        }
        .merge_into(&mut entity);
        assert_eq!(entity.display_name(), "AMDAC du ministère de l'Exemple");
        assert_eq!(*entity.aliases, [S::from("AMDAC")]);
    }
}
