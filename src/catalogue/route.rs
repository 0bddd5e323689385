//! Routes, file by file: added, replaced, or patched (`when` and steps extended; a step may go
//! `before` the step of another entity, as a ministry's DPO before the CNIL).

use super::check::{Flaw, route_values};
use super::model::{Route, S, Text};
use super::patch::{Effect, RoutePatch, StepPatch, dedup_route};
use super::problem::Seg;
use super::read::Item;
use super::words::missing;
use crate::hash::{FastMap, FastSet};
use crate::lang::tr;

/// Where an id was last defined or patched: the entity's (or route's) index, or [`BROKEN`]
/// when it has problems of its own; and the file and list index that said so.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    pub at: u32,
    pub doc: u32,
    pub item: u32,
}

pub const BROKEN: u32 = u32::MAX;

/// What applying a route has to say: its problems, and the entities its steps name (known by
/// the end of the file, or a problem then).
pub trait Said {
    fn problem(&mut self, index: usize, id: &str, flaw: Flaw);
    fn step_entity(&mut self, index: usize, route: &S, entity: &S, path: Vec<Seg>);
}

/// The routes loaded so far, by id, and what patches need of them.
#[derive(Default)]
pub struct Routes {
    slots: FastMap<S, Slot>,
    /// The entities of each patched route's steps, and their roles.
    steps: FastMap<u32, FastMap<S, Text>>,
    /// Routes whose `when` patches extended.
    touched: Vec<u32>,
}

/// A step whose entity the route asks already.
fn already(entity: &str) -> String {
    match crate::lang::current() {
        crate::lang::Lang::Fr => format!(
            "l'entité '{entity}' est déjà une étape de cette route ; un correctif ajoute des étapes, \"replace\": true réécrit la route"
        ),
        crate::lang::Lang::En => format!(
            "step entity '{entity}' is already a step of this route; a patch adds steps, \"replace\": true rewrites the route"
        ),
    }
}

fn at_step(k: usize, field: &'static str) -> Vec<Seg> {
    vec![Seg::key("steps"), Seg::index(k), Seg::key(field)]
}

impl Routes {
    /// Checks route `item` of file `doc` and applies it to `routes`; what it did, if anything.
    pub fn apply(
        &mut self,
        routes: &mut Vec<Route>,
        item: Item<RoutePatch>,
        doc: u32,
        said: &mut impl Said,
    ) -> Option<Effect> {
        if item.flawed {
            return None;
        }
        let (index, patch) = (item.index, item.value);
        let known = self.slots.get(&patch.id).copied();
        let effect = match known {
            Some(k) if k.doc == doc => {
                let why = tr("id de route en double", "duplicate route id").to_string();
                said.problem(index, &patch.id, (vec![Seg::key("id")], why));
                return None;
            }
            Some(_) if !patch.replace => Effect::Patches,
            Some(_) => Effect::Replaces,
            None => Effect::Adds,
        };
        let whole = effect != Effect::Patches;
        let lacks: Vec<&str> = [
            ("note", patch.note.is_none()),
            ("source", patch.source.is_none()),
        ]
        .into_iter()
        .filter_map(|(field, absent)| absent.then_some(field))
        .collect();
        if whole && !lacks.is_empty() {
            let why = match effect {
                Effect::Adds => tr("est une nouvelle route", "is a new route"),
                _ => tr("remplace une route", "replaces a route"),
            };
            let colon = tr(" : ", ": ");
            let flaw = (
                vec![Seg::key("id")],
                format!("{why}{colon}{}", missing(&lacks)),
            );
            said.problem(index, &patch.id, flaw);
            return None;
        }
        for flaw in route_values(&patch, whole) {
            said.problem(index, &patch.id, flaw);
        }
        let at = known.map_or(routes.len() as u32, |k| k.at);
        let slot = Slot {
            at,
            doc,
            item: index as u32,
        };
        self.slots.insert(patch.id.clone(), slot);
        for (k, step) in patch.steps.iter().enumerate() {
            said.step_entity(index, &patch.id, &step.entity, at_step(k, "entity"));
        }
        if whole {
            for (k, _) in patch
                .steps
                .iter()
                .enumerate()
                .filter(|(_, s)| s.before.is_some())
            {
                let why = tr(
                    "before ne s'applique qu'à une étape ajoutée à une route existante",
                    "before only applies to a step added to an existing route",
                );
                said.problem(index, &patch.id, (at_step(k, "before"), why.into()));
            }
            self.steps.remove(&at);
            let route = patch
                .into_route()
                .expect("a whole route has its note and source");
            match known {
                Some(_) => routes[at as usize] = route,
                None => routes.push(route),
            }
        } else {
            self.patch(&mut routes[at as usize], index, patch, at, said);
        }
        Some(effect)
    }

    /// `when` extended, steps added after the route's (or before the one they name), `note`
    /// and `source` replaced when given. A step the route has already (same entity, same role)
    /// changes nothing; one that names an entity the route asks already, with another role or
    /// to move it, is a problem: a patch adds steps, `"replace": true` rewrites a route.
    fn patch(
        &mut self,
        route: &mut Route,
        index: usize,
        patch: RoutePatch,
        at: u32,
        said: &mut impl Said,
    ) {
        let mut asked = self.steps.remove(&at).unwrap_or_else(|| {
            let steps = route.steps.iter();
            steps.map(|s| (s.entity.clone(), s.role.clone())).collect()
        });
        let (mut added, mut placed) = (Vec::new(), false);
        let mut new_here: FastSet<S> = FastSet::default();
        for (k, step) in patch.steps.into_iter().enumerate() {
            if let Some(role) = asked.get(&step.entity) {
                if *role != step.role || step.before.is_some() {
                    said.problem(
                        index,
                        &patch.id,
                        (at_step(k, "entity"), already(&step.entity)),
                    );
                }
                continue;
            }
            asked.insert(step.entity.clone(), step.role.clone());
            new_here.insert(step.entity.clone());
            if let Some(before) = &step.before
                && (!asked.contains_key(before) || new_here.contains(before))
            {
                let why = match crate::lang::current() {
                    crate::lang::Lang::Fr => {
                        format!(
                            "before '{before}' : aucune étape de cette route ne désigne '{before}'"
                        )
                    }
                    crate::lang::Lang::En => {
                        format!("before '{before}': no step of this route asks '{before}'")
                    }
                };
                said.problem(index, &patch.id, (at_step(k, "before"), why));
                continue;
            }
            placed |= step.before.is_some();
            added.push(step);
        }
        if placed {
            // One pass: the steps that go before another, then that one.
            let mut before: FastMap<S, Vec<StepPatch>> = FastMap::default();
            let mut after = Vec::new();
            for step in added {
                match step.before.clone() {
                    Some(b) => before.entry(b).or_default().push(step),
                    None => after.push(step),
                }
            }
            for step in std::mem::take(&mut route.steps) {
                let first = before.remove(&step.entity).unwrap_or_default();
                route.steps.extend(first.into_iter().map(StepPatch::step));
                route.steps.push(step);
            }
            route.steps.extend(after.into_iter().map(StepPatch::step));
        } else {
            route.steps.extend(added.into_iter().map(StepPatch::step));
        }
        route.when.extend(patch.when);
        if let Some(note) = patch.note {
            route.note = note;
        }
        if let Some(source) = patch.source {
            route.source = source;
        }
        self.steps.insert(at, asked);
        self.touched.push(at);
    }

    /// After the last file: the `when` words patches repeated go.
    pub fn finish(&mut self, routes: &mut [Route]) {
        self.touched.sort_unstable();
        self.touched.dedup();
        for &i in &self.touched {
            dedup_route(&mut routes[i as usize]);
        }
    }
}
