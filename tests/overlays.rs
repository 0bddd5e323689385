//! Overlays patch by default, replace when asked, and may carry contacts checked by kind.

use crate::common::{ecosys, json};
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn overlay(entities: &str) -> String {
    format!(r#"{{"schema_version": 1, "source": {{"title": "t"}}, "entities": [{entities}]}}"#)
}

/// Ids `who-handles QUESTION --json` answers with, the overlay applied.
fn answers(overlay: &str, question: &str) -> Vec<String> {
    let v = json(&["--overlay", overlay, "who-handles", question, "--json"]);
    v.as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_patch_keeps_what_it_does_not_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "patch.json",
        &overlay(r#"{"id": "amdac", "topics": ["feuille de route données"]}"#),
    );
    // The built-in topic still answers, and the new one too.
    assert!(answers(&path, "chief data officer").contains(&"amdac".to_string()));
    assert_eq!(answers(&path, "feuille de route données")[0], "amdac");
    let amdac = json(&["--overlay", &path, "show", "amdac", "--json"]);
    assert_eq!(amdac["name"], "AMDAC de votre ministère");
    let topics = amdac["topics"].as_array().unwrap();
    assert!(topics.iter().any(|t| t == "chief data officer"));
    assert!(topics.iter().any(|t| t == "feuille de route données"));
    // Lists are deduplicated.
    assert_eq!(topics.iter().filter(|t| *t == "AMDAC").count(), 1);
}

#[test]
fn a_patch_replaces_scalars_and_extends_lists() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "patch.json",
        &overlay(
            r#"{"id": "cnil", "name": "CNIL (patched)", "services": ["Questions sur les données personnelles", "Nouveau service"]}"#,
        ),
    );
    let cnil = json(&["--lang", "fr", "--overlay", &path, "show", "cnil", "--json"]);
    assert_eq!(cnil["name"], "CNIL (patched)");
    assert_eq!(cnil["kind"], "outside-body");
    assert_eq!(
        cnil["services"],
        serde_json::json!(["Questions sur les données personnelles", "Nouveau service"])
    );
}

#[test]
fn replace_true_replaces_the_whole_entity() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "replace.json",
        &overlay(
            r#"{"id": "amdac", "replace": true, "name": "AMDAC", "kind": "own-administration",
                "summary": "s", "topics": ["feuille de route"], "source": "s"}"#,
        ),
    );
    let amdac = json(&["--overlay", &path, "show", "amdac", "--json"]);
    assert_eq!(amdac["topics"], serde_json::json!(["feuille de route"]));
    assert_eq!(
        amdac["aliases"],
        serde_json::json!([]),
        "replaced, not kept"
    );
    // Replacing needs every required field.
    let partial = write(
        dir.path(),
        "partial.json",
        &overlay(r#"{"id": "amdac", "replace": true, "name": "AMDAC"}"#),
    );
    let out = ecosys().args(["validate", &partial]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("entity 'amdac': replaces an entity: missing field `kind`"),
        "{report}"
    );
}

#[test]
fn a_new_entity_needs_the_required_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "new.json",
        &overlay(r#"{"id": "new-team", "kind": "team"}"#),
    );
    let out = ecosys().args(["validate", &path]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains(
            "entity 'new-team': is a new entity: missing field `name`, `summary`, `source`"
        ),
        "{report}"
    );
    let out = ecosys()
        .args(["--overlay", &path, "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn validate_says_what_a_file_adds_patches_and_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "all.json",
        &overlay(
            r#"{"id": "amdac", "topics": ["x"]},
               {"id": "cnil", "replace": true, "name": "CNIL", "kind": "outside-body", "summary": "s", "source": "s"},
               {"id": "new-team", "name": "N", "kind": "team", "summary": "s", "source": "s"}"#,
        ),
    );
    let out = ecosys().args(["validate", &path]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "adds 1 entity (new-team); patches 1 entity (amdac); replaces 1 entity (cnil)"
        ),
        "{err}"
    );
}

#[test]
fn contacts_are_validated_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "good.json",
        &overlay(
            r##"{"id": "amdac", "contacts": [
                {"kind": "email", "value": "amdac@exemple.gouv.fr", "label": "AMDAC"},
                {"kind": "email", "value": "mailto:amdac@exemple.gouv.fr"},
                {"kind": "url", "value": "https://exemple.gouv.fr/amdac"},
                {"kind": "phone", "value": "tel:+33100000000"},
                {"kind": "chat", "value": "#donnees:exemple.gouv.fr"}]}"##,
        ),
    );
    ecosys().args(["validate", &good]).assert().code(0);
    let bad = write(
        dir.path(),
        "bad.json",
        &overlay(
            r#"{"id": "amdac", "contacts": [
                {"kind": "email", "value": "tel:+33100000000"},
                {"kind": "url", "value": "mailto:amdac@exemple.gouv.fr"},
                {"kind": "url", "value": "ftp://exemple.gouv.fr"},
                {"kind": "phone", "value": "call us"},
                {"kind": "chat", "value": "javascript:alert(1)"}]}"#,
        ),
    );
    let out = ecosys().args(["validate", &bad]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    for k in 0..5 {
        assert!(report.contains(&format!("contacts[{k}]")), "{k}: {report}");
    }
    let unknown = write(
        dir.path(),
        "unknown.json",
        &overlay(r#"{"id": "amdac", "contacts": [{"kind": "fax", "value": "1234"}]}"#),
    );
    ecosys().args(["validate", &unknown]).assert().code(1);
}

#[test]
fn the_embedded_catalogue_has_no_contacts() {
    let all = include_str!("../catalogue.json");
    assert!(!all.contains("\"contacts\""), "the guide gives no contacts");
    let v: serde_json::Value = serde_json::from_str(all).unwrap();
    for e in v["entities"].as_array().unwrap() {
        let shown = json(&["show", e["id"].as_str().unwrap(), "--json"]);
        assert_eq!(shown["contacts"], serde_json::json!([]), "{}", e["id"]);
    }
}

#[test]
fn answers_say_where_to_go_next() {
    let out = ecosys()
        .args(["--overlay", "tests/fixtures/overlay-amdac.json"])
        .args(["who-handles", "chief", "data", "officer"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("amdac@exemple.gouv.fr"), "{text}");
    assert!(
        text.trim_end().ends_with("Details: ecosys show amdac"),
        "{text}"
    );
    // Without contacts, the main URL.
    let text = crate::common::stdout(&["who-handles", "cnil"]);
    assert!(text.contains("https://www.cnil.fr/"), "{text}");
    assert!(
        text.trim_end().ends_with("Details: ecosys show cnil"),
        "{text}"
    );
    // `show` lists the contacts.
    let out = ecosys()
        .args([
            "--overlay",
            "tests/fixtures/overlay-amdac.json",
            "show",
            "amdac",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("contacts"), "{text}");
    assert!(text.contains("amdac@exemple.gouv.fr"), "{text}");
    // And in Markdown.
    let out = ecosys()
        .args([
            "--overlay",
            "tests/fixtures/overlay-amdac.json",
            "show",
            "amdac",
        ])
        .args(["--format", "markdown"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("`amdac@exemple.gouv.fr`"), "{text}");
}

#[test]
fn a_route_patch_adds_a_step_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "route.json",
        r#"{"schema_version": 1, "source": {"title": "t"},
            "entities": [{"id": "juristes-ministere", "name": "Juristes du ministère", "kind": "own-administration", "summary": "s", "source": "s"}],
            "routes": [{"id": "question-juridique", "steps": [{"entity": "juristes-ministere", "role": "enfin"}]}]}"#,
    );
    let v = json(&[
        "--overlay",
        &path,
        "who-handles",
        "problème",
        "juridique",
        "--json",
    ]);
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["route"] == "question-juridique")
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["direction-juridique", "droit-societe", "juristes-ministere"],
        "the guide's steps stay, the ministry's comes after"
    );
    // A new route still needs its note and source.
    let bad = write(
        dir.path(),
        "bad-route.json",
        r#"{"schema_version": 1, "source": {"title": "t"},
            "routes": [{"id": "nouvelle", "when": ["x"], "steps": [{"entity": "cnil", "role": "r"}]}]}"#,
    );
    let out = ecosys().args(["validate", &bad]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("route 'nouvelle': is a new route"));
}
