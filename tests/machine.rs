//! Issue 17 §2: machine output says everything the table says, in one stable shape; formats
//! that do not apply are refused the same way by every command.

use serde_json::Value;

use crate::common::{answer_while_stdin_is_open, ecosys, json, stdout};

const CONTACTS: &str = "tests/fixtures/overlay-amdac.json";
const QUESTION: &[&str] = &["who-handles", "chief", "data", "officer"];

#[test]
fn who_handles_json_carries_where_to_go() {
    let v = json(&[&["--overlay", CONTACTS], QUESTION, &["--json"]].concat());
    let amdac = v
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "amdac")
        .unwrap();
    assert_eq!(amdac["contacts"][0]["kind"], "email");
    assert_eq!(amdac["contacts"][0]["value"], "amdac@exemple.gouv.fr");
    assert_eq!(amdac["contacts"][0]["label"], "Boîte de l'AMDAC");
    assert_eq!(amdac["url"], Value::Null, "no url in this overlay");
    let cnil = json(&["who-handles", "cnil", "--json"]);
    assert_eq!(cnil[0]["url"], "https://www.cnil.fr/");
    assert_eq!(cnil[0]["contacts"], serde_json::json!([]));
}

#[test]
fn who_handles_csv_and_tsv_carry_where_to_go() {
    for (format, separator) in [("csv", ','), ("tsv", '\t')] {
        let text = stdout(&[&["--overlay", CONTACTS], QUESTION, &["--format", format]].concat());
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split(separator).collect();
        let (url, contacts) = (
            header.iter().position(|h| *h == "url").unwrap(),
            header.iter().position(|h| *h == "contacts").unwrap(),
        );
        let amdac: Vec<&str> = lines
            .map(|l| l.split(separator).collect::<Vec<_>>())
            .find(|cells| cells[1] == "amdac")
            .unwrap();
        assert_eq!(amdac[url], "", "{format}");
        assert_eq!(
            amdac[contacts],
            "email:amdac@exemple.gouv.fr; chat:https://tchap.example.org/#/room/#donnees:exemple.gouv.fr",
            "{format}"
        );
    }
    let text = stdout(&["who-handles", "cnil", "--format", "tsv"]);
    assert!(text.contains("\thttps://www.cnil.fr/\t"), "{text}");
}

#[test]
fn near_misses_reach_scripts_without_breaking_the_empty_answer() {
    let question = ["who-handles", "adresse", "de", "la", "tour", "eiffel"];
    // Plain JSON: still `[]` and status 1.
    let out = ecosys().args(question).arg("--json").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "[]\n");
    // With --explain: the answer as one object, its near misses with their share.
    let out = ecosys()
        .args(question)
        .args(["--explain", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["question"], "adresse de la tour eiffel");
    assert_eq!(v["matches"], serde_json::json!([]));
    let near = v["near_misses"].as_array().unwrap();
    assert!(!near.is_empty(), "{v}");
    assert_eq!(near[0]["id"], "data-gouv");
    let share = near[0]["coverage"].as_f64().unwrap();
    assert!(share > 0.0 && share < 1.0, "{share}");
    // And as a field of each --stdin object, [] when there is none.
    let out = ecosys()
        .args(["who-handles", "--stdin"])
        .write_stdin("adresse de la tour eiffel\nSILL\n")
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["near_misses"], v["near_misses"]);
    assert_eq!(lines[1]["near_misses"], serde_json::json!([]));
}

/// The keys of a JSON object as written, in order.
fn keys_in_order(text: &str) -> Vec<String> {
    let v: serde_json::Map<String, Value> = serde_json::from_str(text).unwrap();
    // serde_json's map sorts its keys: read them off the text instead.
    let mut keys: Vec<(usize, String)> = v
        .keys()
        .map(|k| (text.find(&format!("\"{k}\":")).unwrap(), k.clone()))
        .collect();
    keys.sort();
    keys.into_iter().map(|(_, k)| k).collect()
}

#[test]
fn stdin_keeps_the_documented_key_order_in_json_and_ndjson() {
    let out = ecosys()
        .args(["who-handles", "--stdin"])
        .write_stdin("SILL\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        keys_in_order(&text),
        ["question", "matches", "near_misses", "bar"]
    );
    let single = stdout(&["who-handles", "SILL", "--format", "ndjson"]);
    let expected = [
        "rank",
        "id",
        "name",
        "kind",
        "score",
        "confidence",
        "step",
        "route",
        "because",
        "url",
        "contacts",
        "summary",
        "order",
        "why",
    ];
    assert_eq!(keys_in_order(single.lines().next().unwrap()), expected);
    let batch: Value = serde_json::from_str(&text).unwrap();
    let from_batch = serde_json::to_string(&batch["matches"][0]).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&from_batch).unwrap(),
        serde_json::from_str::<Value>(single.lines().next().unwrap()).unwrap()
    );
    let text = String::from_utf8(
        ecosys()
            .args(["who-handles", "--stdin", "--json"])
            .write_stdin("SILL\n")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let at = |key: &str| text.find(&format!("\"{key}\":")).unwrap();
    assert!(at("question") < at("matches") && at("matches") < at("near_misses"));
    assert!(at("rank") < at("id") && at("because") < at("url") && at("order") < at("why"));
}

/// Stdout of `who-handles --stdin --format FORMAT` reading `input`, in which "météo" finds
/// nothing (status 1).
fn batch(format: &str, input: &str) -> String {
    let out = ecosys()
        .args(["who-handles", "--stdin", "--format", format])
        .write_stdin(input.to_string())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{format}: météo finds nothing");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn stdin_json_is_the_ndjson_lines_in_one_array() {
    let input = "SILL\nmétéo\n# a comment\nGDPR\n";
    let run = |format: &str| batch(format, input);
    let array: Value = serde_json::from_str(&run("json")).unwrap();
    let lines: Vec<Value> = run("ndjson")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(array, Value::from(lines));
    assert_eq!(array.as_array().unwrap().len(), 3);
    let empty = ecosys()
        .args(["who-handles", "--stdin", "--json"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(empty.stdout).unwrap(), "[]\n");
}

#[test]
fn stdin_json_streams_each_answer_as_it_comes() {
    // The array is written as it goes: the first answer arrives while stdin is still open.
    let seen = answer_while_stdin_is_open(&["who-handles", "--stdin", "--json"], "SILL", |l| {
        l.contains("near_misses")
    });
    assert!(
        seen.iter().any(|l| l.contains("logiciels-libres")),
        "{seen:?}"
    );
}

#[test]
fn stdin_takes_every_format_with_a_question_column() {
    let run = |format: &str| batch(format, "SILL\nmétéo\n");
    let csv = run("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("question,rank,id,name,"), "{csv}");
    assert!(lines[0].ends_with(",url,contacts"), "{csv}");
    assert!(lines[1].starts_with("SILL,1,logiciels-libres,"), "{csv}");
    // A question without a match keeps its row, empty but for the question.
    assert_eq!(*lines.last().unwrap(), format!("météo{}", ",".repeat(11)));
    let tsv = run("tsv");
    let columns = tsv.lines().next().unwrap().split('\t').count();
    assert!(
        tsv.lines().all(|l| l.split('\t').count() == columns),
        "{tsv}"
    );
    assert!(tsv.lines().any(|l| l.starts_with("météo\t")), "{tsv}");
    let md = run("markdown");
    assert!(md.starts_with("| question | rank | id |"), "{md}");
    assert!(md.contains("| SILL | 1 | logiciels-libres |"), "{md}");
    let table = run("table");
    assert!(table.contains("Question: SILL"), "{table}");
    assert!(table.contains("logiciels-libres"), "{table}");
    assert!(table.contains("Question: météo"), "{table}");
    assert!(
        table.contains("nothing in the catalogue matches 'météo'"),
        "{table}"
    );
}

/// The field names the README's table lists for `command`, in the row starting with it.
fn readme_fields(command: &str) -> Vec<String> {
    let readme = include_str!("../README.md");
    let row = readme
        .lines()
        .find(|l| l.starts_with(&format!("| `{command}` |")))
        .unwrap_or_else(|| panic!("no README row for {command}"));
    row.split('`')
        .skip(3)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn every_json_record_of_a_kind_has_every_field() {
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let all = json(&["list", "--json"]);
    let ids: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let first = keys(&json(&["show", ids[0], "--json"]));
    let documented = readme_fields("show");
    for key in &first {
        assert!(documented.contains(key), "README lacks show's `{key}`");
    }
    for id in &ids {
        let shown = json(&["show", id, "--json"]);
        assert_eq!(
            keys(&shown),
            first,
            "{id}: the same fields for every entity"
        );
        for list in [
            "aliases",
            "services",
            "resources",
            "facts",
            "topics",
            "needs",
            "related",
            "contacts",
            "children",
        ] {
            assert!(shown[list].is_array(), "{id}: {list} is a list");
        }
        for value in ["short_name", "parent", "url"] {
            assert!(
                shown[value].is_string() || shown[value].is_null(),
                "{id}: {value}"
            );
        }
    }
    // jq can iterate over every list.
    let out =
        crate::common::bash("ecosys show cnil --json | jq -r '.facts[], .needs[], .contacts[]'")
            .output()
            .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&["show", "dinum", "--json"])["parent"], Value::Null);
    let list = json(&["list", "--json"]);
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|e| e["parent"].is_null())
    );
    let matched = json(&["who-handles", "problème", "juridique", "--json"]);
    let documented = readme_fields("who-handles");
    for m in matched.as_array().unwrap() {
        for key in keys(m) {
            assert!(
                documented.contains(&key),
                "README lacks who-handles' `{key}`"
            );
        }
    }
}

#[test]
fn formats_that_do_not_apply_are_refused_the_same_way() {
    for (args, format) in [
        (&["schema"][..], "tsv"),
        (&["schema"], "table"),
        (&["man"], "csv"),
        (&["man"], "json"),
        (&["completions", "bash"], "json"),
        (&["show", "cnil"], "csv"),
        (&["checklist"], "tsv"),
    ] {
        let out = ecosys()
            .args(args)
            .args(["--format", format])
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?} {format}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} {format}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with(&format!("ecosys: `{}` prints", args[0]))
                && err.ends_with(&format!("; --format {format} does not apply\n")),
            "{args:?}: {err}"
        );
    }
    // --json is --format json.
    ecosys().args(["man", "--json"]).assert().code(2);
    // Their own format, or none given, works.
    ecosys().args(["schema", "--json"]).assert().success();
    ecosys().args(["man"]).assert().success();
}
