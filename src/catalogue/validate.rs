//! Checks a parsed catalogue: ids, references, cycles, URLs, required text.

use crate::hash::{FastMap, FastSet};
use crate::lang::tr;

use super::model::{Catalogue, Entity};
use super::problem::Problem;
use super::spans::{Anchor, Pending, Step, Target, place};

/// A document a catalogue was read from: its name for messages, its text to find places in.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// Which document each entity and route came from (indexes into a list of documents).
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    pub entities: Vec<usize>,
    pub routes: Vec<usize>,
}

impl Provenance {
    /// Everything from one document.
    pub fn single(catalogue: &Catalogue) -> Self {
        Provenance {
            entities: vec![0; catalogue.entities.len()],
            routes: vec![0; catalogue.routes.len()],
        }
    }
}

/// The only schema version this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Every problem in `catalogue`, each with its file and place.
///
/// `known_ids` are ids that references may also point to (the base catalogue, when checking an
/// overlay on its own).
pub fn validate(
    catalogue: &Catalogue,
    docs: &[Document<'_>],
    provenance: &Provenance,
    known_ids: &[&str],
) -> Vec<Problem> {
    let mut checker = Checker {
        docs,
        provenance,
        problems: Vec::new(),
        occurrence: Vec::new(),
    };
    let root = |path: Vec<Step>| Some(Anchor::new(Target::Root, path));
    if catalogue.schema_version != SCHEMA_VERSION {
        checker.push(
            0,
            "schema_version".into(),
            format!(
                "unsupported schema_version {} (this build reads {SCHEMA_VERSION})",
                catalogue.schema_version
            ),
            root(vec![Step::key("schema_version")]),
        );
    }
    if catalogue.source.title.trim().is_empty() {
        checker.push(
            0,
            "source.title".into(),
            tr("ne doit pas être vide", "must not be empty").into(),
            root(vec![Step::key("source"), Step::key("title")]),
        );
    }
    let known_ids: FastSet<&str> = known_ids.iter().copied().collect();
    let index = checker.check_ids(&catalogue.entities);
    let known = |id: &str| index.contains_key(id) || known_ids.contains(id);
    for (i, entity) in catalogue.entities.iter().enumerate() {
        checker.check_entity(i, entity, &known);
    }
    checker.check_cycles(&catalogue.entities, &index);
    checker.check_routes(catalogue, &known);
    for (g, group) in catalogue.synonyms.iter().enumerate() {
        if group.len() < 2 || group.iter().any(|w| w.trim().is_empty()) {
            checker.push(
                0,
                format!("synonyms[{g}]"),
                tr(
                    "un groupe de synonymes a besoin d'au moins deux mots non vides",
                    "a synonym group needs at least two non-empty words",
                )
                .into(),
                root(vec![Step::key("synonyms"), Step::Index(g)]),
            );
        }
    }
    // In file order, so that a long report reads top to bottom.
    let texts: Vec<&str> = docs.iter().map(|d| d.text).collect();
    place(&texts, checker.problems)
}

struct Checker<'a> {
    docs: &'a [Document<'a>],
    provenance: &'a Provenance,
    problems: Vec<Pending>,
    /// For each entity, how many entities of its document came before it with its id.
    occurrence: Vec<usize>,
}

impl Checker<'_> {
    fn push(&mut self, doc: usize, place: String, message: String, anchor: Option<Anchor>) {
        let name = self.docs.get(doc).map_or("", |d| d.name);
        self.problems.push(Pending {
            problem: Problem::new(name, place, message),
            doc,
            anchor,
        });
    }

    /// A problem with entity `i`, at `path` inside it.
    fn entity_problem(&mut self, i: usize, entity: &Entity, path: Vec<Step>, message: String) {
        let doc = self.provenance.entities.get(i).copied().unwrap_or(0);
        let place = if entity.id.is_empty() {
            format!("entities[{i}]")
        } else {
            format!("entity '{}'", entity.id)
        };
        let occurrence = self.occurrence.get(i).copied().unwrap_or(0);
        let anchor = Anchor::new(Target::Entity(entity.id.to_string(), occurrence), path);
        self.push(doc, place, message, Some(anchor));
    }

    /// Ids must be kebab-case and unique; returns id → index of its first entity.
    fn check_ids<'e>(&mut self, entities: &'e [Entity]) -> FastMap<&'e str, usize> {
        let mut index: FastMap<&str, usize> =
            FastMap::with_capacity_and_hasher(entities.len(), Default::default());
        let mut seen_in_doc: FastMap<(usize, &str), usize> = FastMap::default();
        for (i, entity) in entities.iter().enumerate() {
            let doc_index = self.provenance.entities.get(i).copied().unwrap_or(0);
            let occurrence = seen_in_doc.entry((doc_index, &entity.id)).or_insert(0);
            self.occurrence.push(*occurrence);
            *occurrence += 1;
            if !is_kebab_case(&entity.id) {
                self.entity_problem(
                    i,
                    entity,
                    vec![Step::key("id")],
                    format!(
                        "id {:?} {}",
                        entity.id,
                        tr(
                            "doit être en kebab-case (a-z, 0-9 et tirets simples)",
                            "must be kebab-case (a-z, 0-9 and single hyphens)"
                        )
                    ),
                );
            }
            if let Some(&first) = index.get(entity.id.as_str()) {
                self.entity_problem(
                    i,
                    entity,
                    vec![Step::key("id")],
                    format!(
                        "{} entities[{first}])",
                        tr(
                            "id en double (défini d'abord à",
                            "duplicate id (first defined at"
                        )
                    ),
                );
            } else {
                index.insert(&entity.id, i);
            }
        }
        index
    }

    fn check_entity(&mut self, i: usize, entity: &Entity, known: &dyn Fn(&str) -> bool) {
        for (field, value) in [
            ("name", entity.name.as_str()),
            ("summary", &entity.summary),
            ("source", entity.source.as_str()),
        ] {
            if value.trim().is_empty() {
                self.entity_problem(
                    i,
                    entity,
                    vec![Step::key(field)],
                    format!(
                        "{field} {}",
                        tr("ne doit pas être vide", "must not be empty")
                    ),
                );
            }
        }
        if let Some(k) = entity.services.iter().position(|s| s.trim().is_empty()) {
            self.entity_problem(
                i,
                entity,
                vec![Step::key("services"), Step::Index(k)],
                format!(
                    "services[{k}] {}",
                    tr("ne doit pas être vide", "must not be empty")
                ),
            );
        }
        let lists = [
            ("topics", &entity.topics),
            ("needs", &entity.needs),
            ("aliases", &entity.aliases),
            ("facts", &entity.facts),
        ];
        for (field, list) in lists {
            if let Some(k) = list.iter().position(|s| s.trim().is_empty()) {
                self.entity_problem(
                    i,
                    entity,
                    vec![Step::key(field), Step::Index(k)],
                    format!(
                        "{field}[{k}] {}",
                        tr("ne doit pas être vide", "must not be empty")
                    ),
                );
            }
        }
        if let Some(parent) = &entity.parent {
            let at = || vec![Step::key("parent")];
            if parent == &entity.id {
                let message = tr("est son propre parent", "is its own parent").to_string();
                self.entity_problem(i, entity, at(), message);
            } else if !known(parent) {
                let message = format!("parent '{parent}' {}", tr("n'existe pas", "does not exist"));
                self.entity_problem(i, entity, at(), message);
            }
        }
        for (k, related) in entity.related.iter().enumerate() {
            if !known(related) {
                self.entity_problem(
                    i,
                    entity,
                    vec![Step::key("related"), Step::Index(k)],
                    format!(
                        "related '{related}' {}",
                        tr("n'existe pas", "does not exist")
                    ),
                );
            }
        }
        if let Some(url) = &entity.url
            && let Err(why) = check_url(url)
        {
            self.entity_problem(
                i,
                entity,
                vec![Step::key("url")],
                format!("url {url:?}: {why}"),
            );
        }
        for (k, resource) in entity.resources.iter().enumerate() {
            let at = |field| vec![Step::key("resources"), Step::Index(k), Step::key(field)];
            if resource.title.trim().is_empty() {
                self.entity_problem(
                    i,
                    entity,
                    at("title"),
                    format!(
                        "resources[{k}].title {}",
                        tr("ne doit pas être vide", "must not be empty")
                    ),
                );
            }
            if let Err(why) = check_url(&resource.url) {
                self.entity_problem(
                    i,
                    entity,
                    at("url"),
                    format!("resources[{k}].url {:?}: {why}", resource.url),
                );
            }
        }
        for (k, contact) in entity.contacts.iter().enumerate() {
            if let Err(why) = super::overlay::check_contact(contact) {
                let (kind, value) = (contact.kind.as_str(), &contact.value);
                self.entity_problem(
                    i,
                    entity,
                    vec![Step::key("contacts"), Step::Index(k), Step::key("value")],
                    format!("contacts[{k}] {kind} {value:?}: {why}"),
                );
            }
        }
    }

    /// Parent chains must end; each cycle is reported once, on its first entity.
    fn check_cycles(&mut self, entities: &[Entity], index: &FastMap<&str, usize>) {
        // 0 = unvisited, 1 = on the current path, 2 = done.
        let mut state = vec![0u8; entities.len()];
        for start in 0..entities.len() {
            let mut path = Vec::new();
            let mut at = Some(start);
            while let Some(i) = at {
                match state[i] {
                    2 => break,
                    1 => {
                        let ids: Vec<&str> = path
                            .iter()
                            .skip_while(|&&p| p != i)
                            .map(|&p: &usize| entities[p].id.as_str())
                            .collect();
                        let message = format!(
                            "{}: {} -> {}",
                            tr("cycle de parents", "parent cycle"),
                            ids.join(" -> "),
                            ids[0]
                        );
                        self.entity_problem(i, &entities[i], vec![Step::key("parent")], message);
                        break;
                    }
                    _ => {}
                }
                state[i] = 1;
                path.push(i);
                at = entities[i]
                    .parent
                    .as_deref()
                    .filter(|p| *p != entities[i].id.as_str())
                    .and_then(|p| index.get(p).copied());
            }
            for i in path {
                state[i] = 2;
            }
        }
    }

    fn check_routes(&mut self, catalogue: &Catalogue, known: &dyn Fn(&str) -> bool) {
        let mut ids = FastMap::default();
        let mut seen_in_doc: FastMap<(usize, &str), usize> = FastMap::default();
        for (r, route) in catalogue.routes.iter().enumerate() {
            let doc = self.provenance.routes.get(r).copied().unwrap_or(0);
            let occurrence = seen_in_doc.entry((doc, route.id.as_str())).or_insert(0);
            let target = Target::Route(route.id.to_string(), *occurrence);
            *occurrence += 1;
            let place = format!("route '{}'", route.id);
            let mut problem = |path: Vec<Step>, message: String| {
                let anchor = Anchor::new(target.clone(), path);
                self.push(doc, place.clone(), message, Some(anchor));
            };
            if !is_kebab_case(&route.id) {
                problem(
                    vec![Step::key("id")],
                    format!(
                        "id {:?} {}",
                        route.id,
                        tr("doit être en kebab-case", "must be kebab-case")
                    ),
                );
            }
            if ids.insert(route.id.as_str(), r).is_some() {
                problem(
                    vec![Step::key("id")],
                    tr("id de route en double", "duplicate route id").to_string(),
                );
            }
            if route.when.is_empty() || route.when.iter().any(|w| w.trim().is_empty()) {
                problem(
                    vec![Step::key("when")],
                    tr(
                        "when doit lister des mots ou expressions non vides",
                        "when must list non-empty words or phrases",
                    )
                    .to_string(),
                );
            }
            if route.steps.is_empty() {
                problem(
                    vec![Step::key("steps")],
                    tr("steps ne doit pas être vide", "steps must not be empty").to_string(),
                );
            }
            if route.note.trim().is_empty() {
                problem(
                    vec![Step::key("note")],
                    tr("note ne doit pas être vide", "note must not be empty").to_string(),
                );
            }
            for (k, step) in route.steps.iter().enumerate() {
                if !known(&step.entity) {
                    problem(
                        vec![Step::key("steps"), Step::Index(k), Step::key("entity")],
                        format!(
                            "step entity '{}' {}",
                            step.entity,
                            tr("n'existe pas", "does not exist")
                        ),
                    );
                }
            }
        }
    }
}

/// `a-z`, `0-9` and single inner hyphens.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A resource URL must be absolute http(s), with a host, and no spaces or control characters.
pub fn check_url(url: &str) -> Result<(), &'static str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("must start with http:// or https://")?;
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain spaces or control characters");
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    let host_name = host.split(':').next().unwrap_or("");
    if host_name.is_empty()
        || !host_name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
    {
        return Err("has no valid host name");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case() {
        assert!(is_kebab_case("lab-ia"));
        assert!(is_kebab_case("cada"));
        assert!(is_kebab_case("a1-b2"));
        for bad in ["", "Lab-ia", "lab_ia", "-a", "a-", "a--b", "é"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert!(check_url("https://www.data.gouv.fr/").is_ok());
        assert!(check_url("https://guides.etalab.gouv.fr/pseudonymisation/#a-quoi").is_ok());
        assert!(check_url("http://localhost:8080/x?y=1&z").is_ok());
        for bad in [
            "",
            "ftp://x.fr",
            "javascript:alert(1)",
            "https://",
            "https:///path",
            "https://exa mple.fr",
            "https://x.fr/\u{1b}[31m",
            "www.cnil.fr",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }
}
