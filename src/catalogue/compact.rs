//! A loaded catalogue keeps of its files' texts only what its strings use (see
//! [`crate::shared::compact`]): at 100,000 entities, a fifth of a 109 MB file is keys, quotes
//! and blanks.

use std::sync::Arc;

use crate::hash::FastSet;

use super::model::{Catalogue, Contact, Entity, Resource, Route, S, Source, Step, Text};

impl Catalogue {
    /// Calls `f` on every string of the catalogue. The structures are taken apart whole, so
    /// that a field added to one cannot be forgotten here (a forgotten string would keep its
    /// file's text whole: [`Catalogue::compact`] leaves a text someone else holds).
    pub fn each_string(&mut self, f: &mut dyn FnMut(&mut S)) {
        let Catalogue {
            schema_version: _,
            source,
            entities,
            routes,
            synonyms,
        } = self;
        let Source {
            title,
            description,
            file,
            language,
        } = source;
        for s in [title, description, file, language] {
            f(s);
        }
        for entity in entities {
            entity_strings(entity, f);
        }
        for route in routes {
            route_strings(route, f);
        }
        synonyms.iter_mut().flatten().for_each(f);
    }

    /// Keeps of each text the catalogue's strings are parts of (the files it was read from)
    /// only the bytes they use. Returns how many were compacted: a text someone else still
    /// holds is not. The bitmap it needs, an eighth of a text, is worth it only when more is to
    /// come (an index): a command that only prints has its peak already.
    pub fn compact(&mut self) -> usize {
        let mut texts: Vec<Arc<String>> = Vec::new();
        let mut seen: FastSet<*const String> = FastSet::default();
        self.each_string(&mut |s| {
            if let Some(text) = s.shared_text()
                && seen.insert(Arc::as_ptr(text))
            {
                texts.push(Arc::clone(text));
            }
        });
        (texts.into_iter())
            .map(|text| crate::shared::compact(text, &mut |f| self.each_string(f)))
            .filter(|&done| done)
            .count()
    }
}

fn text(t: &mut Text, f: &mut dyn FnMut(&mut S)) {
    let Text { fr, en } = t;
    f(fr);
    en.iter_mut().for_each(f);
}

fn route_strings(route: &mut Route, f: &mut dyn FnMut(&mut S)) {
    let Route {
        id,
        when,
        steps,
        note,
        source,
    } = route;
    f(id);
    when.iter_mut().for_each(&mut *f);
    for Step { entity, role } in steps {
        f(entity);
        text(role, f);
    }
    text(note, f);
    f(source);
}

fn entity_strings(e: &mut Entity, f: &mut dyn FnMut(&mut S)) {
    let Entity {
        id,
        name,
        short_name,
        aliases,
        kind: _,
        parent,
        url,
        summary,
        services,
        resources,
        facts,
        topics,
        needs,
        related,
        contacts,
        source,
        source_lines: _,
    } = e;
    for s in [id, name, source] {
        f(s);
    }
    for s in [short_name, parent, url] {
        s.iter_mut().for_each(&mut *f);
    }
    text(summary, f);
    for service in services {
        text(service, f);
    }
    for Resource {
        title,
        url,
        kind: _,
    } in resources
    {
        text(title, f);
        f(url);
    }
    for Contact {
        kind: _,
        value,
        label,
    } in contacts
    {
        f(value);
        f(label);
    }
    for list in [aliases, facts, topics, needs, related] {
        list.iter_mut().for_each(&mut *f);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::catalogue::load::{EMBEDDED, check, check_text};

    /// The catalogue as JSON, and the total length of the texts its strings share.
    fn seen(catalogue: &mut Catalogue) -> (String, usize) {
        let json = serde_json::to_string(catalogue).unwrap();
        let mut texts: Vec<Arc<String>> = Vec::new();
        catalogue.each_string(&mut |s| {
            if let Some(t) = s.shared_text()
                && !texts.iter().any(|k| Arc::ptr_eq(k, t))
            {
                texts.push(Arc::clone(t));
            }
        });
        (json, texts.iter().map(|t| t.len()).sum())
    }

    #[test]
    fn compacting_keeps_every_string_and_gives_back_the_rest() {
        let (mut catalogue, report) = check_text("catalogue.json", EMBEDDED.to_string());
        assert!(report.problems.is_empty());
        drop(report);
        let (before, text) = seen(&mut catalogue);
        assert_eq!(text, EMBEDDED.len());
        assert_eq!(catalogue.compact(), 1);
        let (after, kept) = seen(&mut catalogue);
        assert_eq!(after, before);
        assert!(kept < text * 9 / 10, "{kept} of {text} bytes kept");
        // Once is enough: nothing more to give back.
        assert_eq!(catalogue.compact(), 1);
        assert_eq!(seen(&mut catalogue), (after, kept));
    }

    #[test]
    fn every_file_of_a_stack_is_compacted_contacts_and_patches_included() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let overlays = [
            fixtures.join("overlay-ministere.json"),
            fixtures.join("overlay-amdac.json"),
        ];
        let (mut catalogue, report) = check(None, &overlays);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        drop(report);
        let (before, _) = seen(&mut catalogue);
        assert_eq!(catalogue.compact(), 3);
        assert_eq!(seen(&mut catalogue).0, before);
    }

    #[test]
    fn a_text_someone_else_holds_is_left_whole() {
        let (mut catalogue, _) = check_text("catalogue.json", EMBEDDED.to_string());
        let (before, text) = seen(&mut catalogue);
        // Another owner of the file's text.
        let mut held = None;
        catalogue.each_string(&mut |s| held = held.take().or(s.shared_text().cloned()));
        assert_eq!(catalogue.compact(), 0);
        assert_eq!(seen(&mut catalogue), (before, text));
        drop(held);
    }
}
