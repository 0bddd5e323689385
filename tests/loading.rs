//! Issue 16 §5 and issue 17 §3, §5, §6: one loader for loading and `validate`, exact places,
//! overlays of routes, French messages, files swapped under ecosys, memory short.

use std::path::Path;
use std::time::Duration;

use crate::common::{ecosys, hermetic, json, swap_for_fifo};

const REST: &str = r#""name": "N", "kind": "team", "summary": "S", "source": "s""#;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn doc(entities: &str, routes: &str) -> String {
    format!(
        "{{\"schema_version\": 1, \"source\": {{\"title\": \"t\"}},\n\"entities\": [{entities}],\n\"routes\": [{routes}]}}"
    )
}

/// Status, stdout and stderr of a run.
fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = ecosys();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr),
    )
}

// --- §3: one rule for ECOSYS_OVERLAY and files ---

#[test]
fn validate_and_loading_follow_one_overlay_rule() {
    let dir = tempfile::tempdir().unwrap();
    let up = write(
        dir.path(),
        "up.json",
        &doc(&format!("{{\"id\": \"up\", {REST}}}"), ""),
    );
    let down = write(
        dir.path(),
        "down.json",
        &doc(
            &format!("{{\"id\": \"down\", \"parent\": \"up\", {REST}}}"),
            "",
        ),
    );
    let env = [("ECOSYS_OVERLAY", up.as_str())];
    // ECOSYS_OVERLAY alone is loaded.
    assert_eq!(run(&["show", "up"], &env).0, 0);
    // Files named replace it, as --overlay does: validate and loading agree.
    let (status, out, _) = run(&["validate", &down], &env);
    assert_eq!(status, 1, "{out}");
    assert!(out.contains("parent 'up' does not exist"), "{out}");
    assert_eq!(run(&["--overlay", &down, "show", "down"], &env).0, 2);
    // With the ground named as --overlay, both accept.
    assert_eq!(run(&["--overlay", &up, "validate", &down], &env).0, 0);
    assert_eq!(
        run(
            &["--overlay", &up, "--overlay", &down, "show", "down"],
            &env
        )
        .0,
        0
    );
}

// --- §3: validate names routes; a route patch is read as a patch ---

#[test]
fn validate_says_what_a_file_does_to_routes() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "routes.json",
        &doc(
            "",
            r#"{"id": "question-juridique", "when": ["contentieux"]},
               {"id": "acces-documents", "replace": true, "when": ["archives"], "steps": [{"entity": "cada", "role": "r"}], "note": "n", "source": "s"},
               {"id": "nouvelle", "when": ["x"], "steps": [{"entity": "cnil", "role": "r"}], "note": "n", "source": "s"}"#,
        ),
    );
    let (status, _, err) = run(&["validate", &path], &[]);
    assert_eq!(status, 0, "{err}");
    assert!(
        err.contains("adds 1 route (nouvelle); patches 1 route (question-juridique); replaces 1 route (acces-documents)"),
        "{err}"
    );
    let (_, _, err) = run(&["--lang", "fr", "validate", &path], &[]);
    assert!(
        err.contains("ajoute 1 route (nouvelle); complète 1 route"),
        "{err}"
    );
}

#[test]
fn a_route_patch_is_no_missing_when_because_of_another_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "both.json",
        &doc(
            r#"{"id": "amdac", "colour": "red"}"#,
            r#"{"id": "question-juridique", "steps": [{"entity": "amdac", "role": "enfin"}]}"#,
        ),
    );
    let (status, out, _) = run(&["validate", &path], &[]);
    assert_eq!(status, 1);
    assert!(out.contains("unknown field `colour`"), "{out}");
    assert!(!out.contains("missing field"), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
}

// --- §3: the hint names the command that lists every problem ---

#[test]
fn the_hint_names_validate_standalone_for_a_base_and_validate_for_overlays() {
    let dir = tempfile::tempdir().unwrap();
    let two = doc(
        &format!(r#"{{"id": "a", "parent": "x", {REST}}}, {{"id": "b", "parent": "y", {REST}}}"#),
        "",
    );
    let path = write(dir.path(), "two.json", &two);
    let (status, _, err) = run(&["--catalogue", &path, "list"], &[]);
    assert_eq!(status, 2);
    let hint =
        format!("(and 1 more problem; `ecosys validate --standalone {path}` lists them all)");
    assert!(err.contains(&hint), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let (_, out, _) = run(&["validate", "--standalone", &path], &[]);
    assert_eq!(
        out.lines().count(),
        2,
        "the command named lists both: {out}"
    );
    let (_, _, err) = run(&["--overlay", &path, "list"], &[]);
    assert!(
        err.contains(&format!("`ecosys validate {path}` lists them all")),
        "{err}"
    );
    let (_, _, err) = run(&["--lang", "fr", "--catalogue", &path, "list"], &[]);
    assert!(
        err.contains("(et 1 autre problème ; `ecosys validate --standalone"),
        "{err}"
    );
}

// --- §3: exact places ---

#[test]
fn a_type_error_is_placed_at_its_field_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = "{\"schema_version\": 1, \"source\": {\"title\": \"t\"}, \"entities\": [\n  {\"id\": \"e0\", \"kind\": \"team\", \"summary\": \"s\", \"source\": \"s\",\n   \"name\": 5, \"resources\": [{\"title\": \"t\", \"url\": \"https://x.fr/\", \"kind\": \"leaflet\"}]}]}";
    let path = write(dir.path(), "types.json", text);
    let (status, out, _) = run(&["validate", "--standalone", &path], &[]);
    assert_eq!(status, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].ends_with(
            "types.json:3:4: entities[0] ('e0'): name: invalid type: integer `5`, expected a string"
        ),
        "{out}"
    );
    assert!(
        lines[1].contains(
            "types.json:3:68: entities[0] ('e0'): resources[0].kind: unknown variant `leaflet`"
        ),
        "{out}"
    );
}

#[test]
fn columns_count_characters_in_syntax_errors_too() {
    let dir = tempfile::tempdir().unwrap();
    // `é` and `→` are 2 and 3 bytes: the comma in error is the 20th character.
    let path = write(dir.path(), "accents.json", "{\"é→\": [1, 2,, 3]}");
    let (_, out, _) = run(&["validate", "--standalone", &path], &[]);
    assert!(
        out.contains("accents.json:1:14: invalid JSON: expected value"),
        "{out}"
    );
}

#[test]
fn every_missing_field_of_an_entity_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "bare.json",
        &doc(r#"{"id": "a", "name": "A"}"#, ""),
    );
    let (status, out, _) = run(&["validate", "--standalone", &path], &[]);
    assert_eq!(status, 1);
    assert!(
        out.contains(
            "bare.json:2:14: entities[0] ('a'): missing field `kind`, `summary`, `source`"
        ),
        "{out}"
    );
}

#[test]
fn an_unknown_parent_gets_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "typo.json",
        &doc(&format!(r#"{{"id": "x", "parent": "lab-ai", {REST}}}"#), ""),
    );
    let (_, out, _) = run(&["validate", &path], &[]);
    assert!(
        out.contains("entity 'x': parent 'lab-ai' does not exist; did you mean 'lab-ia'?"),
        "{out}"
    );
    let (_, out, _) = run(&["--lang", "fr", "validate", &path], &[]);
    assert!(
        out.contains("entité 'x': parent 'lab-ai' n'existe pas ; vouliez-vous dire 'lab-ia' ?"),
        "{out}"
    );
}

// --- §3: a patched name shows ---

#[test]
fn a_patched_name_shows_in_tables_and_the_old_short_name_still_finds() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "name.json",
        &doc(r#"{"id": "amdac", "name": "Madame la CDO"}"#, ""),
    );
    let (_, table, _) = run(
        &["--overlay", &path, "list", "--kind", "own-administration"],
        &[],
    );
    assert!(table.contains("Madame la CDO"), "{table}");
    let (_, answer, _) = run(
        &[
            "--overlay",
            &path,
            "who-handles",
            "chief",
            "data",
            "officer",
        ],
        &[],
    );
    assert!(answer.contains("Madame la CDO"), "{answer}");
    let shown = json(&["--overlay", &path, "show", "AMDAC", "--json"]);
    assert_eq!(shown["name"], "Madame la CDO");
    assert!(
        shown["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "AMDAC")
    );
}

// --- §3: route steps ---

fn route_steps(overlay: &str, question: &str, route: &str) -> Vec<String> {
    let v = json(&["--overlay", overlay, "who-handles", question, "--json"]);
    let mut steps: Vec<(u64, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["route"] == route)
        .map(|m| {
            (
                m["order"]["step"].as_u64().unwrap(),
                m["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    steps.sort();
    steps.into_iter().map(|(_, id)| id).collect()
}

#[test]
fn a_ministry_puts_its_step_before_the_guide_s() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "dpo.json",
        &doc(
            r#"{"id": "dpo-ministere", "name": "DPO du ministère", "kind": "own-administration", "summary": "Le délégué à la protection des données.", "source": "Annuaire"}"#,
            r#"{"id": "donnees-personnelles", "steps": [{"entity": "dpo-ministere", "role": "en premier lieu", "before": "cnil"}]}"#,
        ),
    );
    assert_eq!(run(&["validate", &path], &[]).0, 0);
    assert_eq!(
        route_steps(&path, "données personnelles", "donnees-personnelles"),
        ["dpo-ministere", "cnil"]
    );
    // `before` names a step of the route.
    let bad = write(
        dir.path(),
        "bad-before.json",
        &doc(
            "",
            r#"{"id": "donnees-personnelles", "steps": [{"entity": "amdac", "role": "r", "before": "cada"}]}"#,
        ),
    );
    let (status, out, _) = run(&["validate", &bad], &[]);
    assert_eq!(status, 1);
    assert!(
        out.contains("before 'cada': no step of this route asks 'cada'"),
        "{out}"
    );
}

#[test]
fn a_step_the_route_asks_already_is_reported_unless_it_repeats_it() {
    let dir = tempfile::tempdir().unwrap();
    let other_role = write(
        dir.path(),
        "again.json",
        &doc(
            "",
            r#"{"id": "donnees-personnelles", "steps": [{"entity": "cnil", "role": "enfin"}]}"#,
        ),
    );
    let (status, out, _) = run(&["validate", &other_role], &[]);
    assert_eq!(status, 1);
    assert!(
        out.contains(":3:")
            && out.contains(
                "route 'donnees-personnelles': step entity 'cnil' is already a step of this route"
            ),
        "{out}"
    );
    assert_eq!(run(&["--overlay", &other_role, "list"], &[]).0, 2);
    // The catalogue over itself changes nothing and says nothing.
    assert_eq!(run(&["validate", "catalogue.json"], &[]).0, 0);
}

// --- §3: the schema of overlays ---

#[test]
fn schema_overlay_accepts_patches_and_refuses_the_unknown() {
    let (_, text, _) = run(&["schema", "overlay"], &[]);
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(schema["title"], "Overlay");
    let overlay = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let (_, text, _) = run(&["schema"], &[]);
    let catalogue = jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap();
    let patch: serde_json::Value = serde_json::from_str(&doc(
        r#"{"id": "amdac", "topics": ["x"]}, {"id": "cnil", "replace": true, "name": "CNIL", "kind": "outside-body", "summary": "s", "source": "s"}"#,
        r#"{"id": "donnees-personnelles", "steps": [{"entity": "amdac", "role": "r", "before": "cnil"}]}"#,
    ))
    .unwrap();
    assert!(overlay.is_valid(&patch));
    assert!(
        !catalogue.is_valid(&patch),
        "a patch is not a whole catalogue"
    );
    for fixture in ["overlay-amdac.json", "overlay-ministere.json"] {
        let text = std::fs::read_to_string(format!("tests/fixtures/{fixture}")).unwrap();
        assert!(
            overlay.is_valid(&serde_json::from_str(&text).unwrap()),
            "{fixture}"
        );
    }
    let mut bad = patch.clone();
    bad["entities"][0]["colour"] = "red".into();
    assert!(!overlay.is_valid(&bad));
}

// --- §5: one language ---

const ENGLISH: &[&str] = &[
    "must ",
    "invalid ",
    "expected",
    "missing",
    "does not",
    "is not",
    "unknown",
    "duplicate",
    "more problem",
    "entity '",
    "larger than",
    "empty;",
    "a new",
    "replaces",
    "lists them",
];

#[test]
fn french_readers_get_every_catalogue_message_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("latin1.json", b"{\"a\": \"donn\xe9es\"}".to_vec()),
        ("empty.json", b"  ".to_vec()),
        ("syntax.json", b"{\"a\": [1,]}".to_vec()),
        ("array.json", b"[]".to_vec()),
        ("version.json", br#"{"schema_version": 2, "source": {"title": ""}, "entities": []}"#.to_vec()),
        (
            "shapes.json",
            doc(
                r#"{"id": "Bad_Id", "name": 5, "kind": "wizard", "colour": 1, "summary": "", "source": "s",
                    "url": "ftp://x", "contacts": [{"kind": "email", "value": "nope"}, {"kind": "phone", "value": "x"}]},
                   {"id": "b", "parent": "nowhere", "related": ["b"], "name": "B", "kind": "team", "summary": "s", "source": "s"},
                   {"id": "b", "name": "B", "kind": "team", "summary": "s", "source": "s"}"#,
                r#"{"id": "r", "when": [""], "steps": [], "note": "", "source": "s"}"#,
            )
            .into_bytes(),
        ),
        ("patch.json", doc(r#"{"id": "new-one"}, {"id": "cnil", "replace": true}"#, r#"{"id": "new-route"}"#).into_bytes()),
    ];
    let mut paths = Vec::new();
    for (name, bytes) in &files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        paths.push(path.to_str().unwrap().to_string());
    }
    let big = dir.path().join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(300 << 20)
        .unwrap();
    let mut runs: Vec<Vec<String>> = vec![vec!["validate".into(), "--standalone".into()]];
    runs[0].extend(paths[..6].iter().cloned());
    runs.push(vec!["validate".into(), paths[6].clone()]);
    for path in paths.iter().chain([&big.to_str().unwrap().to_string()]) {
        runs.push(vec!["--catalogue".into(), path.clone(), "list".into()]);
    }
    for args in runs {
        let mut all = vec!["--lang".to_string(), "fr".into()];
        all.extend(args);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let (_, out, err) = run(&all, &[]);
        assert!(!(out.clone() + &err).trim().is_empty());
        for line in out.lines().chain(err.lines()) {
            // The file name and the values quoted are the reader's; the words are ours.
            let words = line.replace(dir.path().to_str().unwrap(), "");
            for english in ENGLISH {
                assert!(!words.contains(english), "{english:?} in {line:?}");
            }
        }
    }
}

// --- §6: files and memory ---

/// A path that is a regular file when looked at and a FIFO when opened must not block:
/// ecosys opens once, without waiting, and looks at what it opened.
#[test]
fn a_file_swapped_for_a_fifo_never_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("swap.json");
    let regular = dir.path().join("regular.json");
    std::fs::write(&regular, doc(&format!("{{\"id\": \"a\", {REST}}}"), "")).unwrap();
    let swapper = swap_for_fifo(&path, &regular);
    let p = path.to_str().unwrap();
    for _ in 0..300 {
        let out = ecosys()
            .args(["--catalogue", p, "list", "--json"])
            .timeout(Duration::from_secs(10))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 2)),
            "{:?} {err}",
            out.status
        );
    }
    drop(swapper);
}

/// Above the floor the README states, memory short never aborts: no thread is started whose
/// stack could take the last megabytes. (The floor of this test build is higher than the
/// release build's: it is larger.)
#[test]
fn above_its_floor_a_short_memory_never_aborts() {
    let bin = assert_cmd::cargo::cargo_bin("ecosys");
    let status = |limit: u32, args: &str| {
        let script = format!(
            "ulimit -v {limit}; exec '{}' {args} >/dev/null 2>&1",
            bin.display()
        );
        hermetic("bash")
            .args(["-c", &script])
            .status()
            .unwrap()
            .code()
    };
    let cases = [
        "--catalogue catalogue.json list",
        "--overlay tests/fixtures/overlay-amdac.json who-handles chief data officer",
        "validate tests/fixtures/overlay-amdac.json",
    ];
    for args in cases {
        let floor = (6000..60_000)
            .step_by(500)
            .find(|&limit| status(limit, args) == Some(0))
            .expect("runs with 60 MB");
        for limit in (floor + 500..floor + 6000).step_by(250) {
            assert_eq!(
                status(limit, args),
                Some(0),
                "{args}: ulimit -v {limit} (floor {floor})"
            );
        }
    }
    // A file too large for the memory left is an error, not an abort.
    let dir = tempfile::tempdir().unwrap();
    let many: Vec<String> = (0..50_000)
        .map(|i| format!("{{\"id\": \"e{i}\", {REST}}}"))
        .collect();
    let path = write(dir.path(), "many.json", &doc(&many.join(","), ""));
    let floor = (6000..60_000)
        .step_by(500)
        .find(|&limit| status(limit, "--catalogue catalogue.json list") == Some(0))
        .unwrap();
    let script = format!(
        "ulimit -v {}; exec '{}' --catalogue {path} list",
        floor + 1000,
        bin.display()
    );
    let out = hermetic("bash").args(["-c", &script]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("not enough memory to read it"), "{err}");
}
