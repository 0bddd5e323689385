//! A catalogue built file by file: the base, then each overlay in order. Each file's entities
//! and routes are added, patched or replaced as they are read, and what the file brings is
//! checked against what is loaded by the end of it (its own ids included): a reference may
//! point into the file or below it, never above. Lookups go through hash maps kept from file
//! to file, and the lists patches extend lose their duplicates once, at the end: the cost is
//! linear in the files, however many there are.

use std::mem::take;
use std::sync::Arc;

use super::check::{Flaw, SCHEMA_VERSION, closest, entity_values};
use super::model::{Catalogue, S};
use super::patch::{Effect, EntityPatch, RoutePatch, dedup};
use super::problem::{At, Pending, Problem, Seg, item_place, render};
use super::read::{Item, Sink, read};
use super::route::{BROKEN, Routes, Said, Slot};
use super::words::{dangling, missing};
use crate::hash::FastMap;
use crate::lang::tr;

/// What one overlay does to entities and routes.
#[derive(Debug, Clone, Default)]
pub struct FileEffects {
    pub file: String,
    pub entities: Vec<(S, Effect)>,
    pub routes: Vec<(S, Effect)>,
}

/// A reference to an id the file had not defined yet where it was read: checked at its end.
struct Unresolved {
    route: bool,
    index: usize,
    owner: S,
    what: &'static str,
    id: S,
    path: Vec<Seg>,
}

/// "Did you mean" costs a walk over every id: the first dangling references get one, at most
/// 16, while the ids compared in all stay under 250,000 (all 16 in a catalogue of 15,000
/// entities, 2 in one of 100,000).
const SUGGESTIONS: usize = 16;
const COMPARISONS: usize = 250_000;

pub struct Stack {
    pub catalogue: Catalogue,
    /// Each file's name and text (none when it could not be read).
    pub docs: Vec<(String, Option<Arc<String>>)>,
    pub problems: Vec<Pending>,
    pub effects: Vec<FileEffects>,
    entities: FastMap<S, Slot>,
    routes: Routes,
    /// Entities whose lists patches extended.
    touched: Vec<u32>,
    /// The file being read: an overlay, what it does, its references to check at its end.
    overlay: bool,
    current: FileEffects,
    unresolved: Vec<Unresolved>,
    suggestions: usize,
    compared: usize,
    /// The values of the next file are not checked: the embedded catalogue, which the test
    /// suite checks (its shape is read as any file's), so that a run does no work it needs not.
    pub trusted: bool,
}

impl Default for Stack {
    fn default() -> Self {
        Stack {
            catalogue: Catalogue {
                schema_version: SCHEMA_VERSION,
                source: Default::default(),
                entities: Vec::new(),
                routes: Vec::new(),
                synonyms: Vec::new(),
            },
            docs: Vec::new(),
            problems: Vec::new(),
            effects: Vec::new(),
            entities: FastMap::default(),
            routes: Routes::default(),
            touched: Vec::new(),
            overlay: false,
            current: FileEffects::default(),
            unresolved: Vec::new(),
            suggestions: SUGGESTIONS,
            compared: 0,
            trusted: false,
        }
    }
}

impl Stack {
    fn problem(&mut self, at: At, place: String, message: String) {
        let doc = self.docs.len() - 1;
        let problem = Problem::new(&self.docs[doc].0, place, message);
        self.problems.push(Pending { doc, at, problem });
    }

    /// A file that gave no text: why, and where when known.
    pub fn failed(&mut self, name: String, message: String, position: Option<(usize, usize)>) {
        self.docs.push((name, None));
        self.problem(At::File, String::new(), message);
        if let Some(last) = self.problems.last_mut() {
            last.problem.position = position;
        }
    }

    /// Reads and applies the next file: the base catalogue first, then overlays.
    pub fn add(&mut self, name: String, text: Arc<String>, overlay: bool) {
        self.docs.push((name.clone(), Some(Arc::clone(&text))));
        self.overlay = overlay;
        self.current = FileEffects {
            file: name,
            ..FileEffects::default()
        };
        let mark = self.problems.len();
        let doc = read(&text, overlay, self);
        if let Some((offset, message)) = doc.syntax {
            // What follows a syntax error has no meaning, and what precedes it waits.
            self.problems.truncate(mark);
            self.unresolved.clear();
            return self.problem(At::Offset(offset), String::new(), message);
        }
        for found in doc.found {
            let shown = &found.path[..found.shown];
            let (place, message) = found_text(shown, found.id.as_ref(), found.what);
            let at = if found.path.is_empty() {
                At::File
            } else {
                At::Path(found.path)
            };
            self.problem(at, place, message);
        }
        if let Some(version) = doc.schema_version {
            if version != SCHEMA_VERSION {
                let why = match crate::lang::current() {
                    crate::lang::Lang::Fr => format!(
                        "schema_version {version} non prise en charge (cette version lit {SCHEMA_VERSION})"
                    ),
                    crate::lang::Lang::En => format!(
                        "unsupported schema_version {version} (this build reads {SCHEMA_VERSION})"
                    ),
                };
                let at = At::Path(vec![Seg::key("schema_version")]);
                self.problem(at, "schema_version".into(), why);
            } else if !overlay {
                self.catalogue.schema_version = version;
            }
        }
        if let Some(source) = doc.source {
            if source.title.trim().is_empty() {
                let at = At::Path(vec![Seg::key("source"), Seg::key("title")]);
                let why = tr("ne doit pas être vide", "must not be empty").to_string();
                self.problem(at, "source.title".into(), why);
            }
            if !overlay {
                self.catalogue.source = source;
            }
        }
        for group in doc.synonyms.into_iter().filter(|g| !g.flawed) {
            if group.value.len() < 2 || group.value.iter().any(|w| w.trim().is_empty()) {
                let why = tr(
                    "un groupe de synonymes a besoin d'au moins deux mots non vides",
                    "a synonym group needs at least two non-empty words",
                );
                let at = At::Path(vec![Seg::key("synonyms"), Seg::index(group.index)]);
                self.problem(at, format!("synonyms[{}]", group.index), why.into());
            }
            self.catalogue.synonyms.push(group.value);
        }
        for reference in std::mem::take(&mut self.unresolved) {
            if !self.known(&reference.id) {
                let why = self.dangling(reference.what, &reference.id);
                let (route, index, owner) = (reference.route, reference.index, &reference.owner);
                self.item_problem(route, index, owner, (reference.path, why));
            }
        }
        if overlay {
            self.effects.push(std::mem::take(&mut self.current));
        }
    }

    fn doc(&self) -> u32 {
        (self.docs.len() - 1) as u32
    }

    /// A problem with entity (or route) `index` of this file, at `path` inside it.
    fn item_problem(&mut self, route: bool, index: usize, id: &str, flaw: Flaw) {
        let list = if route { "routes" } else { "entities" };
        let mut path = vec![Seg::key(list), Seg::index(index)];
        path.extend(flaw.0);
        self.problem(At::Path(path), item_place(route, index, id), flaw.1);
    }

    /// Whether `id` is known by now.
    fn known(&self, id: &str) -> bool {
        self.entities.contains_key(id)
    }

    /// Checks that `id`, which `what` of entity (or route) `index` names, is known by the end
    /// of this file.
    fn refer(
        &mut self,
        route: bool,
        index: usize,
        owner: &S,
        what: &'static str,
        id: &S,
        path: Vec<Seg>,
    ) {
        if !self.known(id) {
            let (owner, id) = (owner.clone(), id.clone());
            let reference = Unresolved {
                route,
                index,
                owner,
                what,
                id,
                path,
            };
            self.unresolved.push(reference);
        }
    }

    /// "does not exist", and the id meant (for the first few).
    fn dangling(&mut self, what: &str, id: &str) -> String {
        let cost = self.entities.len();
        let affordable = self.suggestions > 0 && self.compared + cost <= COMPARISONS;
        let closest = affordable
            .then(|| closest(self.entities.keys().map(|k| k.as_str()), id))
            .flatten()
            .map(str::to_string);
        if affordable {
            self.suggestions -= 1;
            self.compared += cost;
        }
        dangling(what, id, closest.as_deref())
    }

    /// What entity `item` does: `None` when it is not applied (and why, if that is a problem);
    /// [`BROKEN`] for one checked but not applied (a duplicate).
    fn plan(&mut self, item: &Item<EntityPatch>) -> Option<(Effect, u32)> {
        let (doc, overlay) = (self.doc(), self.overlay);
        let (id, index) = (&item.value.id, item.index);
        let next = self.catalogue.entities.len() as u32;
        let slot = Slot {
            at: BROKEN,
            doc,
            item: index as u32,
        };
        let lacks = item.value.lacks();
        let (flaw, plan) = match self.entities.get_mut(id) {
            _ if item.flawed && id.is_empty() => (None, None),
            Some(known) if known.doc == doc => {
                let first = known.item;
                let why = tr(
                    "id en double (défini d'abord à",
                    "duplicate id (first defined at",
                );
                let flaw = format!("{why} entities[{first}])");
                // Checked all the same, not applied.
                (Some(flaw), (!item.flawed).then_some((Effect::Adds, BROKEN)))
            }
            Some(known) => {
                let at = known.at;
                *known = Slot { at, ..slot };
                match (item.flawed || at == BROKEN, item.value.replace) {
                    (true, _) => (None, None),
                    (false, true) if !lacks.is_empty() => {
                        let why = tr("remplace une entité", "replaces an entity");
                        (
                            Some(format!("{why}{}{}", tr(" : ", ": "), missing(&lacks))),
                            None,
                        )
                    }
                    (false, true) => (None, Some((Effect::Replaces, at))),
                    (false, false) => (None, Some((Effect::Patches, at))),
                }
            }
            None => {
                let complete = !item.flawed && lacks.is_empty();
                let flaw = (overlay && !item.flawed && !lacks.is_empty()).then(|| {
                    let why = tr("est une nouvelle entité", "is a new entity");
                    format!("{why}{}{}", tr(" : ", ": "), missing(&lacks))
                });
                let at = if complete { next } else { BROKEN };
                self.entities.insert(id.clone(), Slot { at, ..slot });
                (flaw, complete.then_some((Effect::Adds, at)))
            }
        };
        if let Some(flaw) = flaw {
            self.item_problem(false, index, id, (vec![Seg::key("id")], flaw));
        }
        plan
    }

    /// The parent and related ids an entity gives.
    fn references(&mut self, index: usize, patch: &EntityPatch) {
        if let Some(parent) = &patch.parent {
            if *parent == patch.id {
                let why = tr("est son propre parent", "is its own parent").to_string();
                self.item_problem(false, index, &patch.id, (vec![Seg::key("parent")], why));
            } else {
                self.refer(
                    false,
                    index,
                    &patch.id,
                    "parent",
                    parent,
                    vec![Seg::key("parent")],
                );
            }
        }
        for (k, related) in patch.related.iter().enumerate() {
            let path = vec![Seg::key("related"), Seg::index(k)];
            self.refer(false, index, &patch.id, "related", related, path);
        }
    }

    /// After the last file: parent chains must end (each cycle reported once, on its first
    /// entity), and the lists patches extended lose their duplicates.
    pub fn finish(&mut self) {
        for (i, message) in self.cycles() {
            let id = self.catalogue.entities[i].id.clone();
            let slot = self.entities[&id];
            let item = slot.item as usize;
            let path = vec![Seg::key("entities"), Seg::index(item), Seg::key("parent")];
            let problem = Problem::new(
                &self.docs[slot.doc as usize].0,
                item_place(false, item, &id),
                message,
            );
            let (doc, at) = (slot.doc as usize, At::Path(path));
            self.problems.push(Pending { doc, at, problem });
        }
        self.touched.sort_unstable();
        self.touched.dedup();
        for &i in &self.touched {
            dedup(&mut self.catalogue.entities[i as usize]);
        }
        self.routes.finish(&mut self.catalogue.routes);
    }

    /// Each parent cycle, once: the entity it is reported on, and the message.
    fn cycles(&self) -> Vec<(usize, String)> {
        let entities = &self.catalogue.entities;
        let parent_of = |i: usize| {
            let e = &entities[i];
            let p = e.parent.as_deref().filter(|p| *p != e.id.as_str())?;
            let at = self.entities.get(p)?.at;
            (at != BROKEN).then_some(at as usize)
        };
        // 0 = unvisited, 1 = on the current path, 2 = done.
        let mut state = vec![0u8; entities.len()];
        let mut cycles = Vec::new();
        for start in 0..entities.len() {
            let mut path = Vec::new();
            let mut at = Some(start);
            while let Some(i) = at {
                if state[i] == 2 {
                    break;
                }
                if state[i] == 1 {
                    let on = path.iter().skip_while(|&&p| p != i);
                    let ids: Vec<&str> = on.map(|&p: &usize| entities[p].id.as_str()).collect();
                    cycles.push((i, cycle_message(&ids)));
                    break;
                }
                state[i] = 1;
                path.push(i);
                at = parent_of(i);
            }
            for i in path {
                state[i] = 2;
            }
        }
        cycles
    }
}

/// The most ids a parent cycle's message names, and about the most characters it takes.
const CYCLE_IDS: usize = 10;
const CYCLE_CHARS: usize = 1000;

/// The message for a parent cycle through `ids` (each the child of the next, the last the
/// child of the first): every id when the cycle is short; else the first ones, then `…` and
/// how many more, so that a ring of 200,000 entities is one short line.
fn cycle_message(ids: &[&str]) -> String {
    let what = tr("cycle de parents", "parent cycle");
    let mut shown: Vec<String> = Vec::new();
    let mut chars = 0;
    for id in ids.iter().take(CYCLE_IDS) {
        // A long id is shown by its start, as a table cell would be.
        let id: String = match id.char_indices().nth(CYCLE_CHARS / CYCLE_IDS) {
            Some((end, _)) => format!("{}…", &id[..end]),
            None => id.to_string(),
        };
        chars += id.chars().count() + 4;
        shown.push(id);
        if chars > CYCLE_CHARS {
            break;
        }
    }
    let first = shown[0].clone();
    let more = ids.len() - shown.len();
    if more == 0 {
        return format!("{what}: {} -> {first}", shown.join(" -> "));
    }
    let more = match crate::lang::current() {
        crate::lang::Lang::Fr => format!("… (et {more} autres)"),
        crate::lang::Lang::En => format!("… ({more} more)"),
    };
    format!("{what}: {} -> {more} -> {first}", shown.join(" -> "))
}

impl Sink for Stack {
    fn entity(&mut self, item: Item<EntityPatch>) {
        let Some((effect, at)) = self.plan(&item) else {
            return;
        };
        let (index, patch) = (item.index, item.value);
        if !self.trusted {
            for flaw in entity_values(&patch, effect == Effect::Adds) {
                self.item_problem(false, index, &patch.id, flaw);
            }
            self.references(index, &patch);
        }
        if at == BROKEN {
            return;
        }
        if self.overlay {
            self.current.entities.push((patch.id.clone(), effect));
        }
        let entities = &mut self.catalogue.entities;
        if effect == Effect::Patches {
            patch.merge_into(&mut entities[at as usize]);
            self.touched.push(at);
            return;
        }
        let entity = patch.into_entity().expect("checked complete");
        if effect == Effect::Adds {
            entities.push(entity);
        } else {
            entities[at as usize] = entity;
        }
    }

    fn route(&mut self, item: Item<RoutePatch>) {
        let (mut routes, mut list) = (take(&mut self.routes), take(&mut self.catalogue.routes));
        let (id, doc) = (item.value.id.clone(), self.doc());
        let effect = routes.apply(&mut list, item, doc, self);
        (self.routes, self.catalogue.routes) = (routes, list);
        if let Some(effect) = effect.filter(|_| self.overlay) {
            self.current.routes.push((id, effect));
        }
    }
}

impl Said for Stack {
    fn problem(&mut self, index: usize, id: &str, flaw: Flaw) {
        self.item_problem(true, index, id, flaw);
    }
    fn step_entity(&mut self, index: usize, route: &S, entity: &S, path: Vec<Seg>) {
        self.refer(true, index, route, "step entity", entity, path);
    }
}

/// The place and message of a problem of shape at `path`: `entities[3] ('x')` and
/// `resources[0].url: …` inside an entity or route, else the path and what.
fn found_text(path: &[Seg], id: Option<&S>, what: String) -> (String, String) {
    if let [Seg::Key(list), Seg::Index(i), rest @ ..] = path
        && (list == "entities" || list == "routes")
    {
        let mut place = format!("{list}[{i}]");
        if let Some(id) = id {
            place.push_str(&format!(" ('{id}')"));
        }
        let message = if rest.is_empty() {
            what
        } else {
            format!("{}: {what}", render(rest))
        };
        return (place, message);
    }
    (render(path), what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parent_cycle_message_is_bounded() {
        let what = tr("cycle de parents", "parent cycle");
        assert_eq!(cycle_message(&["a", "b"]), format!("{what}: a -> b -> a"));
        let ring: Vec<String> = (0..200_000).map(|i| format!("e{i}")).collect();
        let ring: Vec<&str> = ring.iter().map(String::as_str).collect();
        let more = tr("et 199990 autres", "199990 more");
        assert_eq!(
            cycle_message(&ring),
            format!(
                "{what}: e0 -> e1 -> e2 -> e3 -> e4 -> e5 -> e6 -> e7 -> e8 -> e9 -> … ({more}) -> e0"
            )
        );
        let long = "x".repeat(1_000_000);
        let message = cycle_message(&[
            &long, &long, &long, &long, &long, &long, &long, &long, &long, &long, &long, &long,
        ]);
        assert!(
            message.chars().count() < CYCLE_CHARS + 200,
            "{}",
            message.len()
        );
        let shown = format!("{}…", "x".repeat(CYCLE_CHARS / CYCLE_IDS));
        assert!(message.ends_with(&format!(") -> {shown}")), "{message}");
    }
}
