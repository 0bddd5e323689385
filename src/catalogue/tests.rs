//! The loader's unit and property tests. A unit test runs in the language of a run that chose
//! none (French): messages are compared in the reader's language with `tr`.

use std::sync::Arc;

use super::load::{EMBEDDED, check_text};
use super::problem::Problem;
use super::stack::Stack;
use crate::lang::tr;

fn problems(text: &str) -> Vec<Problem> {
    check_text("t.json", text.to_string()).1.problems
}

fn lines(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(Problem::to_string).collect()
}

#[test]
fn the_embedded_catalogue_is_valid() {
    let (catalogue, report) = check_text("embedded", EMBEDDED.to_string());
    assert!(report.problems.is_empty(), "{:#?}", lines(&report.problems));
    assert!(catalogue.entities.len() > 10);
}

#[test]
fn syntax_errors_have_a_position_and_stand_alone() {
    let found = problems("{\n  \"schema_version\": 1,\n  \"entities\": [{\"id\": 5}],\n  oops\n}");
    assert_eq!(found.len(), 1, "{:#?}", lines(&found));
    assert_eq!(found[0].position, Some((4, 3)));
    assert!(
        found[0]
            .message
            .starts_with(tr("JSON invalide", "invalid JSON"))
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for deep in [
        "[".repeat(100_000),
        format!("{{\"x\": {}", "[".repeat(100_000)),
    ] {
        let found = problems(&deep);
        let limit = tr("imbrication trop profonde", "recursion limit exceeded");
        assert!(found[0].message.contains(limit), "{:?}", lines(&found));
    }
}

#[test]
fn shape_problems_are_all_listed() {
    let found = problems(
        r#"{"schema_version": 1, "source": {"title": "t"}, "extra": 1,
            "entities": [
              {"id": "a", "name": "A", "kind": "team", "summary": "s", "source": "s", "colour": "red"},
              {"id": "b", "name": "B", "kind": "wizard", "summary": "s", "source": "s"},
              {"name": "C"}
            ]}"#,
    );
    let all = lines(&found);
    assert_eq!(found.len(), 4, "{all:#?}");
    assert!(all[0].contains("`extra`"));
    assert!(all[1].contains("entities[0] ('a')") && all[1].contains("colour"));
    assert!(all[2].contains("entities[1] ('b')") && all[2].contains("wizard"));
    assert!(all[3].contains("entities[2]") && all[3].contains("`id`, `kind`, `summary`, `source`"));
}

#[test]
fn strings_share_the_file_text() {
    let text = r#"{"schema_version": 1, "source": {"title": "t"}, "entities": [
        {"id": "a", "name": "plain", "kind": "team", "summary": "esc\u00e9", "source": "s"}]}"#;
    let (catalogue, report) = check_text("t.json", text.to_string());
    assert!(report.problems.is_empty());
    let e = &catalogue.entities[0];
    assert_eq!((e.name.as_str(), &*e.summary), ("plain", "escé"));
}

fn stack(texts: &[&str]) -> (crate::catalogue::Catalogue, Vec<Problem>) {
    let mut stack = Stack::default();
    for (i, text) in texts.iter().enumerate() {
        stack.add(format!("{i}.json"), Arc::new(text.to_string()), i > 0);
    }
    stack.finish();
    let problems = stack.problems.iter().map(|p| p.problem.clone()).collect();
    (stack.catalogue, problems)
}

const BASE: &str = r#"{"schema_version": 1, "source": {"title": "t"}, "entities": [
    {"id": "a", "name": "A", "kind": "team", "summary": "s", "source": "s", "topics": ["x"]}],
    "routes": [{"id": "r", "when": ["w"], "steps": [{"entity": "a", "role": "r"}], "note": "n", "source": "s"}]}"#;

#[test]
fn overlays_patch_add_and_reference_what_lies_below() {
    let overlay = r#"{"schema_version": 1, "source": {"title": "o"}, "entities": [
        {"id": "c", "parent": "b", "name": "C", "kind": "team", "summary": "s", "source": "s"},
        {"id": "b", "parent": "a", "name": "B", "kind": "team", "summary": "s", "source": "s"},
        {"id": "a", "topics": ["x", "y", "y"]}],
        "routes": [{"id": "r", "when": ["w", "v"], "steps": [{"entity": "b", "role": "d'abord", "before": "a"}, {"entity": "c", "role": "enfin"}]}]}"#;
    let (catalogue, problems) = stack(&[BASE, overlay]);
    assert!(problems.is_empty(), "{:#?}", lines(&problems));
    let ids: Vec<&str> = catalogue.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["a", "c", "b"]);
    assert_eq!(
        *catalogue.entities[0].topics,
        ["x", "y"].map(crate::shared::S::from)
    );
    let route = &catalogue.routes[0];
    let steps: Vec<&str> = route.steps.iter().map(|s| s.entity.as_str()).collect();
    assert_eq!(steps, ["b", "a", "c"]);
    assert_eq!(route.when.len(), 2);
    // A reference to a later file is not one to what lies below.
    let later = r#"{"schema_version": 1, "source": {"title": "o"}, "entities": [{"id": "d", "name": "D", "kind": "team", "summary": "s", "source": "s"}]}"#;
    let early = r#"{"schema_version": 1, "source": {"title": "o"}, "entities": [{"id": "e", "related": ["d"], "name": "E", "kind": "team", "summary": "s", "source": "s"}]}"#;
    assert_eq!(stack(&[BASE, early, later]).1.len(), 1);
    assert!(stack(&[BASE, later, early]).1.is_empty());
}

mod properties {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<String>().prop_map(Value::from),
            prop_oneof![
                Just("lab-ia"),
                Just("team"),
                Just("https://x.fr/"),
                Just("a")
            ]
            .prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            let key = prop_oneof![
                Just("id".to_string()),
                Just("name".to_string()),
                Just("kind".to_string()),
                Just("parent".to_string()),
                Just("summary".to_string()),
                Just("source".to_string()),
                Just("entities".to_string()),
                Just("steps".to_string()),
                any::<String>()
            ];
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map(key, inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// Catalogues that parse, with random ids, parents and URLs.
    fn entities() -> impl Strategy<Value = Vec<(String, Option<String>, String)>> {
        let id = prop_oneof![
            Just("a"),
            Just("b"),
            Just("c"),
            Just("d"),
            Just("B-x"),
            Just("")
        ];
        let url = prop_oneof![Just("https://ok.fr/"), Just("ftp://no"), Just("")];
        prop::collection::vec((id.clone(), prop::option::of(id), url), 0..8).prop_map(|v| {
            v.into_iter()
                .map(|(i, p, u)| (i.to_string(), p.map(str::to_string), u.to_string()))
                .collect()
        })
    }

    /// Every problem with a place has a line and column inside the text.
    fn placed_inside(text: &str, problems: &[Problem]) -> bool {
        let lines: Vec<&str> = text.split('\n').collect();
        problems.iter().all(|p| {
            p.position.is_none_or(|(line, column)| {
                line >= 1
                    && line <= lines.len()
                    && column >= 1
                    && column <= lines[line - 1].chars().count() + 1
            })
        })
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(s in any::<String>()) {
            let found = problems(&s);
            prop_assert!(placed_inside(&s, &found));
        }

        #[test]
        fn arbitrary_json_never_panics_and_is_placed_inside(v in json()) {
            let text = v.to_string();
            prop_assert!(placed_inside(&text, &problems(&text)));
            let wrapped = serde_json::json!({"schema_version": 1, "source": {"title": "t"}, "entities": [v.clone()], "routes": [v]});
            let text = serde_json::to_string_pretty(&wrapped).unwrap();
            prop_assert!(placed_inside(&text, &problems(&text)));
            let (_, as_overlay) = stack(&[BASE, &text]);
            prop_assert!(as_overlay.iter().all(|p| p.file == "1.json"));
        }

        #[test]
        fn checks_end_on_any_graph_and_say_the_same_twice(list in entities()) {
            let entities: Vec<Value> = list
                .iter()
                .map(|(id, parent, url)| serde_json::json!({
                    "id": id, "name": "N", "kind": "team", "summary": "S", "source": "s",
                    "parent": parent, "resources": [{"title": "t", "url": url, "kind": "page"}]
                }))
                .collect();
            let doc = serde_json::json!({"schema_version": 1, "source": {"title": "t"}, "entities": entities});
            let text = doc.to_string();
            let first = problems(&text);
            prop_assert_eq!(&first, &problems(&text));
            prop_assert!(placed_inside(&text, &first));
        }
    }
}
