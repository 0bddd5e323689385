//! The embedded catalogue compiled in: the catalogue [`check`](super::check) reads from
//! `catalogue.json`, rendered as Rust code (`compiled_data.rs`) that builds it again without
//! parsing any JSON. Its strings are ranges of the embedded text itself (the program's static
//! data: no copy, no reference count), as the parser's are ranges of the text it read.
//!
//! Like the embedded index (`search::index::embedded`), the code records a hash of the text it
//! was made from: when `catalogue.json` changes and the code is not regenerated, [`load`]
//! declines and the text is parsed at run time (correct, only slower), and the test
//! `compiled_data_is_up_to_date` fails. Regenerate with
//! `ECOSYS_BLESS=1 cargo test --lib embedded_data` (both files at once).

#[cfg(test)]
use super::load::EMBEDDED;
use super::model::{
    Catalogue, Contact, ContactKind, Entity, Kind, Resource, ResourceKind, Route, S, Source,
    SourceLines, Step, Text,
};
use crate::search::index::embedded::EMBEDDED_HASH;

// What the generated code uses depends on the catalogue (contacts, source lines, escapes).
#[allow(unused_imports, unused_variables)]
mod data {
    use super::{
        Catalogue, Contact, ContactKind, Entity, Kind, Resource, ResourceKind, Route, S, Source,
        SourceLines, Step, Text,
    };
    include!("compiled_data.rs");
}

/// The embedded catalogue, if the compiled code was made from it as it is.
pub fn load() -> Option<Catalogue> {
    if data::SOURCE_HASH != EMBEDDED_HASH {
        return None;
    }
    let shared =
        |start: usize, end: usize| S::embedded(start, end).expect("a range of the embedded text");
    Some(data::catalogue(&shared, &|own: &str| S::from(own)))
}

/// Rust code for values of the catalogue's types.
#[cfg(test)]
struct Render {
    out: String,
}

#[cfg(test)]
impl Render {
    /// A string: a range of the embedded text where it is written there as is (`s(start,
    /// end)`), else a string of its own (`o("…")`: one with escapes in the JSON).
    fn s(&mut self, s: &str) {
        use std::fmt::Write;
        match EMBEDDED.find(s).filter(|_| !s.is_empty()) {
            Some(at) => write!(self.out, "s({at}, {})", at + s.len()),
            None => write!(self.out, "o({s:?})"),
        }
        .expect("writing to a String");
    }

    fn raw(&mut self, code: &str) {
        self.out.push_str(code);
    }

    fn option<T>(&mut self, value: Option<&T>, mut each: impl FnMut(&mut Self, &T)) {
        match value {
            None => self.raw("None"),
            Some(v) => {
                self.raw("Some(");
                each(self, v);
                self.raw(")");
            }
        }
    }

    fn list<T>(&mut self, items: &[T], each: impl FnMut(&mut Self, &T)) {
        self.list_in(items, ("Vec::new()", "vec![", "]"), each);
    }

    /// An entity's list: a boxed slice.
    fn boxed<T>(&mut self, items: &[T], each: impl FnMut(&mut Self, &T)) {
        self.list_in(items, ("Box::default()", "Box::new([", "])"), each);
    }

    fn list_in<T>(
        &mut self,
        items: &[T],
        (empty, open, close): (&str, &str, &str),
        mut each: impl FnMut(&mut Self, &T),
    ) {
        if items.is_empty() {
            return self.raw(empty);
        }
        self.raw(open);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.raw(", ");
            }
            each(self, item);
        }
        self.raw(close);
    }

    fn strings(&mut self, items: &[S]) {
        self.list(items, |r, s| r.s(s));
    }

    fn boxed_strings(&mut self, items: &[S]) {
        self.boxed(items, |r, s| r.s(s));
    }

    fn text(&mut self, text: &Text) {
        self.raw("Text { fr: ");
        self.s(&text.fr);
        self.raw(", en: ");
        self.option(text.en.as_ref(), |r, s| r.s(s));
        self.raw(" }");
    }

    fn numbers(&mut self, items: &[u32]) {
        self.list(items, |r, n| r.raw(&n.to_string()));
    }

    fn entity(&mut self, e: &Entity) {
        self.raw("Entity {\n            id: ");
        self.s(&e.id);
        self.raw(",\n            name: ");
        self.s(&e.name);
        self.raw(",\n            short_name: ");
        self.option(e.short_name.as_ref(), |r, s| r.s(s));
        self.raw(",\n            aliases: ");
        self.boxed_strings(&e.aliases);
        self.raw(&format!(",\n            kind: Kind::{:?}", e.kind));
        self.raw(",\n            parent: ");
        self.option(e.parent.as_ref(), |r, s| r.s(s));
        self.raw(",\n            url: ");
        self.option(e.url.as_ref(), |r, s| r.s(s));
        self.raw(",\n            summary: ");
        self.text(&e.summary);
        self.raw(",\n            services: ");
        self.boxed(&e.services, Self::text);
        self.raw(",\n            resources: ");
        self.boxed(&e.resources, |r, res: &Resource| {
            r.raw("Resource { title: ");
            r.text(&res.title);
            r.raw(", url: ");
            r.s(&res.url);
            r.raw(&format!(", kind: ResourceKind::{:?} }}", res.kind));
        });
        for (name, items) in [("facts", &e.facts), ("topics", &e.topics)]
            .into_iter()
            .chain([("needs", &e.needs), ("related", &e.related)])
        {
            self.raw(&format!(",\n            {name}: "));
            self.boxed_strings(items);
        }
        self.raw(",\n            contacts: ");
        self.boxed(&e.contacts, |r, c: &Contact| {
            r.raw(&format!(
                "Contact {{ kind: ContactKind::{:?}, value: ",
                c.kind
            ));
            r.s(&c.value);
            r.raw(", label: ");
            r.s(&c.label);
            r.raw(" }");
        });
        self.raw(",\n            source: ");
        self.s(&e.source);
        self.raw(",\n            source_lines: ");
        self.option(e.source_lines.as_deref(), |r, l: &SourceLines| {
            r.raw(&format!("Box::new(SourceLines {{ heading: {}", l.heading));
            let lists = [
                ("services", &l.services),
                ("resources", &l.resources),
                ("contacts", &l.contacts),
                ("facts", &l.facts),
            ];
            for (name, list) in lists {
                r.raw(&format!(", {name}: "));
                r.numbers(list);
            }
            r.raw(" })");
        });
        self.raw(",\n        }");
    }

    fn route(&mut self, route: &Route) {
        self.raw("Route {\n            id: ");
        self.s(&route.id);
        self.raw(",\n            when: ");
        self.strings(&route.when);
        self.raw(",\n            steps: ");
        self.list(&route.steps, |r, step: &Step| {
            r.raw("Step { entity: ");
            r.s(&step.entity);
            r.raw(", role: ");
            r.text(&step.role);
            r.raw(" }");
        });
        self.raw(",\n            note: ");
        self.text(&route.note);
        self.raw(",\n            source: ");
        self.s(&route.source);
        self.raw(",\n        }");
    }
}

/// `catalogue` as the Rust code [`load`] runs, for a catalogue text that hashes to `hash`.
#[cfg(test)]
pub fn render(catalogue: &Catalogue, hash: u64) -> String {
    let mut r = Render { out: String::new() };
    r.raw("// Generated by `ECOSYS_BLESS=1 cargo test --lib embedded_data` from catalogue.json\n");
    r.raw("// with `catalogue::check`: do not edit.\n");
    r.raw(&format!("pub const SOURCE_HASH: u64 = {hash:#018x};\n"));
    r.raw("/// `s(start, end)`: a range of the embedded text; `o(text)`: a string of its own.\n");
    r.raw(
        "pub fn catalogue(s: &dyn Fn(usize, usize) -> S, o: &dyn Fn(&str) -> S) -> Catalogue {\n",
    );
    r.raw(&format!(
        "    Catalogue {{\n    schema_version: {},\n    source: Source {{ title: ",
        catalogue.schema_version
    ));
    let source: &Source = &catalogue.source;
    r.s(&source.title);
    r.raw(", description: ");
    r.s(&source.description);
    r.raw(", file: ");
    r.s(&source.file);
    r.raw(", language: ");
    r.s(&source.language);
    r.raw(" },\n    entities: vec![\n");
    for e in &catalogue.entities {
        r.raw("        ");
        r.entity(e);
        r.raw(",\n");
    }
    r.raw("    ],\n    routes: vec![\n");
    for route in &catalogue.routes {
        r.raw("        ");
        r.route(route);
        r.raw(",\n");
    }
    r.raw("    ],\n    synonyms: vec![\n");
    for group in &catalogue.synonyms {
        r.raw("        ");
        r.strings(group);
        r.raw(",\n");
    }
    r.raw("    ],\n    }\n}\n");
    r.out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The catalogue as the loader reads it from the embedded text.
    fn parsed() -> Catalogue {
        let (catalogue, report) = super::super::check(None, &[] as &[&std::path::Path]);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        catalogue
    }

    #[test]
    fn embedded_data_compiled_is_up_to_date() {
        crate::search::index::embedded::bless_or_check(
            "src/catalogue/compiled_data.rs",
            include_str!("compiled_data.rs"),
            &render(&parsed(), EMBEDDED_HASH),
        );
    }

    #[test]
    fn compiled_catalogue_is_the_parsed_one() {
        let Some(compiled) = load() else {
            // Stale code: the test above says so; the loader then parses the text.
            return;
        };
        let parsed = parsed();
        assert_eq!(format!("{compiled:#?}"), format!("{parsed:#?}"));
        assert_eq!(
            serde_json::to_string(&compiled).unwrap(),
            serde_json::to_string(&parsed).unwrap()
        );
    }
}
