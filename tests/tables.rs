//! Tables for people never cut what people copy: URLs and ids stay whole on one line.

use crate::common::{ecosys, json};
use serde_json::Value;

/// Stdout of a table run at `columns` columns.
fn table_at(columns: &str, args: &[&str]) -> String {
    let out = ecosys()
        .env("COLUMNS", columns)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// Asserts that each of `whole` is on one line of `text`.
fn assert_whole(text: &str, whole: &[String], what: &str) {
    assert!(!whole.is_empty(), "{what}: nothing to look for");
    for w in whole {
        assert!(
            text.lines().any(|l| l.contains(w.as_str())),
            "{what}: {w} is cut in\n{text}"
        );
    }
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r[key].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn resource_urls_are_whole_at_80_60_and_50_columns() {
    let urls = strings(
        &json(&["resources", "data-gouv", "--format", "json"]),
        "url",
    );
    for columns in ["80", "60", "50"] {
        let text = table_at(columns, &["resources", "data-gouv"]);
        assert_whole(&text, &urls, &format!("resources at {columns}"));
    }
}

#[test]
fn show_urls_are_whole_at_80_60_and_50_columns() {
    let cnil = json(&["show", "cnil", "--format", "json"]);
    let mut urls = strings(&cnil["resources"], "url");
    urls.push(cnil["url"].as_str().unwrap().to_string());
    for columns in ["80", "60", "50"] {
        let text = table_at(columns, &["show", "cnil"]);
        assert_whole(&text, &urls, &format!("show at {columns}"));
    }
}

#[test]
fn who_handles_ids_are_whole_at_80_60_and_50_columns() {
    let question = ["who-handles", "problème", "juridique"];
    let mut args = question.to_vec();
    args.extend(["--format", "json"]);
    let ids = strings(&json(&args), "id");
    assert!(ids.contains(&"direction-juridique".to_string()));
    for columns in ["80", "60", "50"] {
        let text = table_at(columns, &question);
        assert_whole(&text, &ids, &format!("who-handles at {columns}"));
    }
}

#[test]
fn prose_still_wraps_and_no_line_has_trailing_spaces() {
    let text = table_at("50", &["show", "cnil"]);
    for line in text.lines() {
        assert_eq!(line, line.trim_end(), "trailing spaces");
        if !line.contains("http") {
            assert!(line.chars().count() <= 50, "too wide: {line}");
        }
    }
}

#[test]
fn zero_columns_means_an_unknown_width() {
    // Like no COLUMNS at all (not a terminal): 80 columns.
    assert_eq!(
        table_at("0", &["list"]),
        table_at("80", &["list"]),
        "COLUMNS=0 is not a 20-column terminal"
    );
}
