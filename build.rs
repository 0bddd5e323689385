//! Learns the words of the embedded catalogue at build time, so that `who-handles` on it starts
//! from a ready index instead of reading 2,000 words on every run.
//!
//! It uses the search pipeline's own normalise and tokenise stages (included below), and walks
//! the texts of each entity in the order `search::index::fields` does; the test
//! `embedded_index_is_what_build_makes` checks that the result equals `Index::build`.
//! An embedded catalogue that is not valid JSON fails the build here.
#![allow(dead_code)]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

use serde_json::Value;

#[path = "src/text"]
mod text {
    pub mod normalise;
    pub mod tokenise;
}

use text::tokenise::{split_words, word_forms};

#[derive(Default)]
struct Learner {
    words: Vec<(String, String)>,
    in_entities: Vec<bool>,
    by_folded: HashMap<String, u32>,
    by_raw: HashMap<String, Option<u32>>,
}

impl Learner {
    fn learn(&mut self, raw: &str) -> Option<u32> {
        if let Some(&known) = self.by_raw.get(raw) {
            return known;
        }
        let word = word_forms(raw).map(|(lower, folded)| match self.by_folded.get(&folded) {
            Some(&id) => id,
            None => {
                let id = self.words.len() as u32;
                self.by_folded.insert(folded.clone(), id);
                self.words.push((folded, lower));
                self.in_entities.push(false);
                id
            }
        });
        self.by_raw.insert(raw.to_string(), word);
        word
    }

    fn phrase(&mut self, text: &str) -> Vec<u32> {
        split_words(text)
            .filter_map(|raw| self.learn(raw))
            .collect()
    }
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The texts of an entity, in `search::index::fields` order: (FieldRef, Field, text).
fn fields(e: &Value) -> Vec<(String, &'static str, &str)> {
    let mut out = vec![(
        "FieldRef::Name".to_string(),
        "Name",
        e["name"].as_str().unwrap_or(""),
    )];
    if let Some(short) = e["short_name"].as_str() {
        out.push(("FieldRef::ShortName".into(), "Name", short));
    }
    let lists: [(&str, &str, &str); 3] = [
        ("aliases", "Alias", "Name"),
        ("topics", "Topic", "Topic"),
        ("services", "Service", "Service"),
    ];
    for (key, variant, field) in lists {
        for (i, text) in strings(&e[key]).into_iter().enumerate() {
            out.push((format!("FieldRef::{variant}({i})"), field, text));
        }
    }
    for (i, r) in e["resources"].as_array().into_iter().flatten().enumerate() {
        let title = r["title"].as_str().unwrap_or("");
        out.push((format!("FieldRef::Resource({i})"), "Resource", title));
    }
    out.push((
        "FieldRef::Summary".into(),
        "Summary",
        e["summary"].as_str().unwrap_or(""),
    ));
    for (i, text) in strings(&e["facts"]).into_iter().enumerate() {
        out.push((format!("FieldRef::Fact({i})"), "Fact", text));
    }
    out
}

fn ids(list: &[u32]) -> String {
    let items: Vec<String> = list.iter().map(u32::to_string).collect();
    format!("&[{}]", items.join(", "))
}

fn main() {
    for path in [
        "catalogue.json",
        "src/text/normalise.rs",
        "src/text/tokenise.rs",
        "build.rs",
    ] {
        println!("cargo:rerun-if-changed={path}");
    }
    let text = fs::read_to_string("catalogue.json").expect("catalogue.json is readable");
    let catalogue: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("catalogue.json is not valid JSON: {e}"));
    let entities = catalogue["entities"]
        .as_array()
        .cloned()
        .unwrap_or_default();

    let mut learner = Learner::default();
    let mut tokens: Vec<u32> = Vec::new();
    let mut instances = String::new();
    let mut totals: Vec<(&str, f64, f64)> = Vec::new();
    for (e, entity) in entities.iter().enumerate() {
        for (field_ref, field, text) in fields(entity) {
            let start = tokens.len();
            for raw in split_words(text) {
                if let Some(w) = learner.learn(raw) {
                    learner.in_entities[w as usize] = true;
                    tokens.push(w);
                }
            }
            let len = tokens.len() - start;
            writeln!(instances, "    ({e}, {field_ref}, {len}, {start}),").unwrap();
            match totals.iter_mut().find(|t| t.0 == field) {
                Some(t) => {
                    t.1 += len as f64;
                    t.2 += 1.0;
                }
                None => totals.push((field, len as f64, 1.0)),
            }
        }
    }
    let routes: Vec<Vec<Vec<u32>>> = catalogue["routes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            strings(&r["when"])
                .into_iter()
                .map(|p| learner.phrase(p))
                .collect()
        })
        .collect();
    let synonyms: Vec<Vec<Vec<u32>>> = catalogue["synonyms"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|g| strings(g).into_iter().map(|m| learner.phrase(m)).collect())
        .collect();

    let mut out = String::new();
    writeln!(
        out,
        "// Generated by build.rs from catalogue.json: do not edit."
    )
    .unwrap();
    writeln!(out, "pub const ENTITY_COUNT: usize = {};", entities.len()).unwrap();
    writeln!(out, "pub static WORDS: &[(&str, &str, bool)] = &[").unwrap();
    for ((folded, display), used) in learner.words.iter().zip(&learner.in_entities) {
        writeln!(out, "    ({folded:?}, {display:?}, {used}),").unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(out, "pub static TOKENS: &[u32] = {};", ids(&tokens)).unwrap();
    writeln!(
        out,
        "pub static INSTANCES: &[(u32, FieldRef, u32, u32)] = &[\n{instances}];"
    )
    .unwrap();
    writeln!(out, "pub static TOTALS: &[(Field, f64, f64)] = &[").unwrap();
    for (field, len, count) in &totals {
        writeln!(out, "    (Field::{field}, {len:?}, {count:?}),").unwrap();
    }
    writeln!(out, "];").unwrap();
    for (name, groups) in [("ROUTES", &routes), ("SYNONYMS", &synonyms)] {
        writeln!(out, "pub static {name}: &[&[&[u32]]] = &[").unwrap();
        for group in groups {
            let members: Vec<String> = group.iter().map(|m| ids(m)).collect();
            writeln!(out, "    &[{}],", members.join(", ")).unwrap();
        }
        writeln!(out, "];").unwrap();
    }
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("embedded_index.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
