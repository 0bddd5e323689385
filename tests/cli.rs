//! The real binary: every command, format and exit status.

use crate::common::{ecosys, json};
use predicates::prelude::*;

// --- list ---

#[test]
fn list_json_has_the_contract_fields() {
    let v = json(&["list", "--format", "json"]);
    let all = v.as_array().unwrap();
    assert_eq!(all.len(), 13);
    for e in all {
        for key in ["id", "name", "kind", "parent", "summary"] {
            assert!(e.get(key).is_some(), "{key} missing in {e}");
        }
    }
    let lab = all.iter().find(|e| e["id"] == "lab-ia").unwrap();
    assert_eq!(lab["parent"], "etalab");
    assert_eq!(lab["kind"], "team");
}

#[test]
fn list_filters_by_kind_and_parent() {
    let v = json(&["list", "--kind", "outside-body", "--json"]);
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["cnil", "cada"]);
    let v = json(&["--json", "list", "--parent", "DINUM"]);
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["beta-gouv", "design"]);
}

#[test]
fn list_table_fits_80_columns_without_colour() {
    let out = ecosys().arg("list").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("lab-ia"));
    assert!(!text.contains('\u{1b}'), "no escape codes when piped");
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
}

#[test]
fn list_with_unknown_parent_is_a_usage_error() {
    ecosys()
        .args(["list", "--parent", "etalb"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no entity 'etalb'; did you mean 'etalab'?",
        ));
}

// --- show ---

#[test]
fn show_json_is_the_entity_plus_children() {
    let v = json(&["show", "etalab", "--format", "json"]);
    assert_eq!(v["id"], "etalab");
    let children: Vec<&str> = v["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        children,
        [
            "ouverture-donnees",
            "data-gouv",
            "droit-societe",
            "lab-ia",
            "logiciels-libres"
        ]
    );
    let v = json(&["show", "data-gouv", "--json"]);
    assert!(v["resources"].as_array().unwrap().len() >= 9);
    assert!(v["services"].as_array().unwrap().len() >= 3);
}

#[test]
fn show_accepts_any_case_and_names() {
    for key in [
        "LAB-IA",
        "Lab IA",
        "Pôle Exploitation des données (Laboratoire d'intelligence artificielle)",
    ] {
        assert_eq!(json(&["show", key, "--json"])["id"], "lab-ia", "{key}");
    }
    assert_eq!(json(&["show", "data.gouv.fr", "--json"])["id"], "data-gouv");
}

#[test]
fn show_unknown_id_suggests_the_closest() {
    ecosys()
        .args(["show", "lab-ai"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("ecosys: no entity 'lab-ai'; did you mean 'lab-ia'?\n");
    ecosys()
        .args(["show", "zzzzzzzz"])
        .assert()
        .code(2)
        .stderr("ecosys: no entity 'zzzzzzzz'\n");
}

#[test]
fn show_table_and_markdown() {
    ecosys()
        .args(["show", "cnil"])
        .assert()
        .success()
        .stdout(predicate::str::contains("https://www.cnil.fr/"));
    ecosys()
        .args(["show", "cnil", "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("## CNIL (`cnil`)"));
    ecosys()
        .args(["show", "cnil", "--format", "csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not apply"));
}

// --- resources ---

#[test]
fn resources_json_has_entity_title_url_kind() {
    let v = json(&["resources", "logiciels-libres", "--format", "json"]);
    let all = v.as_array().unwrap();
    assert_eq!(all.len(), 3);
    for r in all {
        assert_eq!(r["entity"], "logiciels-libres");
        for key in ["title", "url", "kind"] {
            assert!(r[key].is_string(), "{key}");
        }
    }
    assert!(
        all.iter()
            .any(|r| r["url"] == "https://sill.etalab.gouv.fr/software")
    );
}

#[test]
fn resources_of_an_organisation_include_its_teams() {
    let v = json(&["resources", "dinum", "--json"]);
    let entities: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["entity"].as_str().unwrap())
        .collect();
    assert!(entities.contains(&"beta-gouv") && entities.contains(&"design"));
}

#[test]
fn resources_unknown_id_exits_2() {
    ecosys().args(["resources", "nope-nope"]).assert().code(2);
}

// --- who-handles ---

#[test]
fn who_handles_json_contract() {
    let v = json(&["who-handles", "données", "personnelles", "--format", "json"]);
    let first = &v[0];
    assert_eq!(first["id"], "cnil");
    for key in ["id", "name", "kind", "score", "why"] {
        assert!(first.get(key).is_some(), "{key}");
    }
    assert!(first["score"].is_number());
    let why = first["why"].as_array().unwrap();
    assert!(!why.is_empty());
    for key in ["query", "matched", "field", "how"] {
        assert!(why[0][key].is_string(), "{key}");
    }
}

#[test]
fn who_handles_accepts_options_before_or_after() {
    let a = json(&["--format", "json", "who-handles", "SILL"]);
    let b = json(&["who-handles", "SILL", "--format", "json"]);
    let c = json(&["who-handles", "--json", "SILL"]);
    assert_eq!(a, b);
    assert_eq!(b, c);
    assert_eq!(a[0]["id"], "logiciels-libres");
}

#[test]
fn who_handles_prescribed_order_in_json() {
    let v = json(&["who-handles", "problème juridique", "--json"]);
    assert_eq!(v[0]["id"], "direction-juridique");
    assert_eq!(v[0]["step"], "first");
    assert_eq!(v[0]["order"]["route"], "question-juridique");
    assert_eq!(v[1]["id"], "droit-societe");
    assert_eq!(v[1]["step"], "then");
    assert_eq!(v[1]["order"]["step"], 2);
}

#[test]
fn who_handles_prescribed_order_in_words_in_the_table() {
    ecosys()
        .args(["who-handles", "problème", "juridique", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 first").and(predicate::str::contains("2 then")))
        .stdout(predicate::str::contains("legal department"));
    ecosys()
        .args(["who-handles", "problème", "juridique", "--lang", "fr"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 d'abord").and(predicate::str::contains("2 puis")))
        .stdout(predicate::str::contains("direction juridique"));
}

#[test]
fn who_handles_nothing_matched() {
    ecosys()
        .args(["who-handles", "météo", "--json"])
        .assert()
        .code(1)
        .stdout("[]\n")
        .stderr(predicate::str::contains("nothing in the catalogue matches"));
    ecosys()
        .args(["who-handles", "blockchain"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains("ecosys list").and(predicate::str::contains("ecosys topics")),
        );
}

#[test]
fn who_handles_suggests_a_near_word() {
    ecosys()
        .args(["who-handles", "xncubateur"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean 'incubateur'"));
}

#[test]
fn who_handles_empty_question_is_a_usage_error() {
    ecosys()
        .args(["who-handles", ""])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty"));
    ecosys()
        .args(["who-handles", "?!", "--json"])
        .assert()
        .code(2);
    ecosys().arg("who-handles").assert().code(2);
}

#[test]
fn who_handles_limit_and_explain() {
    let v = json(&[
        "who-handles",
        "données",
        "ouvertes",
        "--json",
        "--limit",
        "1",
    ]);
    assert_eq!(v.as_array().unwrap().len(), 1);
    ecosys()
        .args(["who-handles", "pseudonimisation", "--explain"])
        .assert()
        .success()
        .stdout(predicate::str::contains("typo").and(predicate::str::contains("pseudonymisation")));
}

#[test]
fn who_handles_table_shows_at_most_five() {
    let out = ecosys()
        .args([
            "who-handles",
            "problème",
            "juridique",
            "--limit",
            "2",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let lines = String::from_utf8(out.stdout).unwrap().lines().count();
    assert!(lines <= 3);
}

// --- exit codes and pipes ---

#[test]
fn no_command_is_a_usage_error() {
    ecosys().assert().code(2);
    ecosys().arg("frobnicate").assert().code(2);
    ecosys().args(["list", "--format", "yaml"]).assert().code(2);
}

#[test]
fn help_and_version_succeed() {
    ecosys()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("who-handles"));
    ecosys()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains("schema 1").and(predicate::str::contains("13 entities")));
}

// Closed pipes, full disks and closed stdout: see tests/hostile.rs.
