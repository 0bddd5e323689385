//! Made for shells, jq and scripts: formats, topics, checklist, batch questions, local
//! catalogues, validate, schema, completions, man page, colour and width.

use crate::common::{ecosys, json, stdout};
use predicates::prelude::*;
use serde_json::Value;

const OVERLAY: &str = "tests/fixtures/overlay-ministere.json";
const BROKEN: &str = "tests/fixtures/broken-catalogue.json";

/// A minimal RFC 4180 reader: fields, with quotes and doubled quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn every_format_has_the_same_fields_and_rows() {
    for command in [
        &["list"][..],
        &["resources"],
        &["topics"],
        &["who-handles", "problème", "juridique"],
    ] {
        let json: Value =
            serde_json::from_str(&stdout(&[command, &["--format", "json"]].concat())).unwrap();
        let records = json.as_array().unwrap();
        assert!(!records.is_empty(), "{command:?}");

        let ndjson = stdout(&[command, &["--format", "ndjson"]].concat());
        let lines: Vec<Value> = ndjson
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(&lines, records, "{command:?}: ndjson = json");

        let csv = parse_csv(&stdout(&[command, &["--format", "csv"]].concat()));
        let header = &csv[0];
        assert_eq!(csv.len() - 1, records.len(), "{command:?}: csv rows");
        for name in header {
            assert!(
                records[0].get(name).is_some(),
                "{command:?}: csv column {name} is a json field"
            );
        }
        // Same values in CSV and JSON.
        let id_col = header
            .iter()
            .position(|h| h == "id" || h == "entity" || h == "topic")
            .unwrap();
        for (row, record) in csv[1..].iter().zip(records) {
            let key = &header[id_col];
            assert_eq!(record[key].as_str().unwrap(), row[id_col]);
        }

        let tsv = stdout(&[command, &["--format", "tsv"]].concat());
        let tsv_lines: Vec<&str> = tsv.lines().collect();
        assert_eq!(tsv_lines[0].split('\t').collect::<Vec<_>>(), *header);
        assert_eq!(tsv_lines.len() - 1, records.len());
        for line in &tsv_lines {
            assert_eq!(
                line.split('\t').count(),
                header.len(),
                "{command:?}: {line}"
            );
        }

        let md = stdout(&[command, &["--format", "markdown"]].concat());
        let md_lines: Vec<&str> = md.lines().collect();
        assert_eq!(md_lines[0], format!("| {} |", header.join(" | ")));
        assert!(md_lines[1].starts_with("| --- |"));
        assert_eq!(md_lines.len() - 2, records.len());
    }
}

#[test]
fn csv_quotes_fields_with_commas() {
    let csv = stdout(&["--lang", "fr", "list", "--format", "csv"]);
    let rows = parse_csv(&csv);
    let lab = rows.iter().find(|r| r[0] == "lab-ia").unwrap();
    assert!(lab[4].contains(", R&D, éthique"), "{lab:?}");
    assert!(csv.contains("\r\n"), "RFC 4180 line endings");
}

#[test]
fn topics_lists_every_topic_with_its_entity() {
    let v: Value = serde_json::from_str(&stdout(&["topics", "--json"])).unwrap();
    let all = v.as_array().unwrap();
    assert!(all.len() > 200);
    assert!(
        all.iter()
            .any(|t| t["topic"] == "SILL" && t["entity"] == "logiciels-libres")
    );
    let only: Value =
        serde_json::from_str(&stdout(&["topics", "--entity", "cada", "--json"])).unwrap();
    assert!(
        only.as_array()
            .unwrap()
            .iter()
            .all(|t| t["entity"] == "cada")
    );
}

#[test]
fn checklist_is_markdown_with_checkboxes() {
    let md = stdout(&["checklist"]);
    assert!(md.starts_with("# Onboarding"));
    for id in [
        "ouverture-donnees",
        "data-gouv",
        "lab-ia",
        "beta-gouv",
        "design",
        "cnil",
        "cada",
    ] {
        assert!(md.contains(&format!("(`{id}`)")), "{id}");
    }
    assert!(md.contains("- [ ] [Base Adresse Nationale](https://adresse.data.gouv.fr/)"));
    let one = stdout(&["checklist", "design", "cnil"]);
    // Their tasks, then the two teams.
    assert_eq!(one.matches("\n## ").count(), 3);
    ecosys().args(["checklist", "nope-x"]).assert().code(2);
    ecosys()
        .args(["checklist", "--format", "csv"])
        .assert()
        .code(2);
}

#[test]
fn stdin_batch_writes_one_object_a_line() {
    let out = ecosys()
        .args(["who-handles", "--stdin"])
        .write_stdin("SILL\n\nGDPR\r\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["question"], "SILL");
    assert_eq!(lines[0]["matches"][0]["id"], "logiciels-libres");
    assert_eq!(lines[1]["question"], "GDPR");
    assert_eq!(lines[1]["matches"][0]["id"], "cnil");

    ecosys()
        .args(["who-handles", "--stdin"])
        .write_stdin("SILL\nmétéo\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"matches\":[]"));
}

#[test]
fn overlay_adds_and_replaces_entities() {
    let v: Value =
        serde_json::from_str(&stdout(&["--overlay", OVERLAY, "list", "--json"])).unwrap();
    let all = v.as_array().unwrap();
    assert_eq!(all.len(), 14);
    let amdac = all.iter().find(|e| e["id"] == "amdac").unwrap();
    assert_eq!(amdac["name"], "AMDAC du ministère de l'Exemple");
    // Also through the environment, and after the command.
    let out = ecosys()
        .env("ECOSYS_OVERLAY", OVERLAY)
        .args(["show", "mission-innovation", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = ecosys()
        .args(["show", "mission-innovation", "--overlay", OVERLAY])
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn catalogue_replaces_the_embedded_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mini.json");
    std::fs::write(
        &path,
        r#"{"schema_version": 1, "source": {"title": "Mini"}, "entities": [
            {"id": "solo", "name": "Solo", "kind": "team", "summary": "Seul.", "source": "test",
             "topics": ["solitude"]}]}"#,
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let v: Value = serde_json::from_str(&stdout(&["--catalogue", p, "list", "--json"])).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    let v: Value = serde_json::from_str(&stdout(&[
        "who-handles",
        "solitude",
        "--json",
        "--catalogue",
        p,
    ]))
    .unwrap();
    assert_eq!(v[0]["id"], "solo");
    ecosys()
        .env("ECOSYS_CATALOGUE", p)
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 entities").and(predicate::str::contains("Mini")));
}

#[test]
fn a_broken_catalogue_is_refused_with_its_place() {
    ecosys()
        .args(["--catalogue", BROKEN, "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "broken-catalogue.json:5:54: entity 'alpha'",
        ));
}

#[test]
fn validate_lists_every_problem_with_its_place() {
    let out = ecosys().args(["validate", BROKEN]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "broken-catalogue.json:5:54: entity 'alpha': parent cycle: alpha -> beta -> alpha",
        "broken-catalogue.json:7:6: entity 'alpha': duplicate id",
        "broken-catalogue.json:8:54: entity 'gamma': parent 'nowhere' does not exist",
        "entity 'gamma': resources[0].url \"javascript:alert(1)\": must start with http:// or https://",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let v = json(&["validate", BROKEN, "--json"]);
    assert_eq!(v.as_array().unwrap().len(), 4);
    assert_eq!(v[0]["line"], 5);
    assert_eq!(v[0]["place"], "entity 'alpha'");
}

#[test]
fn validate_accepts_good_files_and_overlays() {
    ecosys()
        .args(["validate", "catalogue.json", OVERLAY])
        .assert()
        .code(0);
    ecosys()
        .args(["validate", "no/such/file.json"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("no/such/file.json: no such file"));
}

#[test]
fn validate_reports_syntax_and_unknown_fields() {
    let dir = tempfile::tempdir().unwrap();
    let syntax = dir.path().join("syntax.json");
    std::fs::write(
        &syntax,
        "{\n  \"schema_version\": 1,\n  \"entities\": [,]\n}\n",
    )
    .unwrap();
    let fields = dir.path().join("fields.json");
    std::fs::write(
        &fields,
        r#"{"schema_version": 1, "source": {"title": "t"}, "entities": [
  {"id": "a", "name": "A", "kind": "team", "summary": "s", "source": "s", "email": "x"}]}"#,
    )
    .unwrap();
    let out = ecosys()
        .arg("validate")
        .arg(&syntax)
        .arg(&fields)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("syntax.json:3:16: invalid JSON"), "{text}");
    assert!(
        text.contains("fields.json:2:75: entities[0] ('a'): unknown field `email`"),
        "{text}"
    );
}

#[test]
fn schema_is_json_schema_and_the_catalogue_validates_against_it() {
    let schema: Value = serde_json::from_str(&stdout(&["schema"])).unwrap();
    assert_eq!(schema["title"], "Catalogue");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let catalogue: Value = serde_json::from_str(include_str!("../catalogue.json")).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&catalogue)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let overlay: Value =
        serde_json::from_str(include_str!("fixtures/overlay-ministere.json")).unwrap();
    assert!(validator.is_valid(&overlay));
    let mut bad = catalogue.clone();
    bad["entities"][0]["colour"] = "red".into();
    assert!(!validator.is_valid(&bad), "unknown fields are refused");
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&["completions", shell]);
        assert!(script.contains("ecosys"), "{shell}");
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(script.contains("lab-ia"), "{shell}: entity ids complete");
        }
    }
}

#[test]
fn bash_completion_loads_registers_and_completes_ids() {
    let bin = crate::common::binary();
    let script = format!(
        r#"source <("{bin}" completions bash) || exit 3
complete -p ecosys || exit 4
COMP_WORDS=(ecosys show lab); COMP_CWORD=2; COMP_LINE="ecosys show lab"; COMP_POINT=${{#COMP_LINE}}
_ecosys ecosys lab show
printf '%s\n' "${{COMPREPLY[@]}}""#,
        bin = bin
    );
    let out = crate::common::hermetic("bash")
        .args(["-c", &script])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("-F _ecosys"), "{text}");
    assert!(text.lines().any(|l| l == "lab-ia"), "{text}");
}

#[test]
fn man_page_renders() {
    let roff = stdout(&["man"]);
    assert!(roff.contains(".TH ecosys"));
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("ecosys.1");
    std::fs::write(&page, roff).unwrap();
    let out = crate::common::hermetic("man")
        .arg("-l")
        .arg(&page)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .output();
    let Ok(out) = out else {
        panic!("`man` is needed to test the manual page (.ci/run installs man-db)");
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("who-handles"), "{text}");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = stdout(&["list"]);
    assert!(!plain.contains('\u{1b}'));
    let coloured = stdout(&["list", "--color", "always"]);
    assert!(coloured.contains("\u{1b}["));
    let out = ecosys()
        .args(["list", "--color", "auto"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}

/// On a terminal (a pseudo-terminal, from Python), tables are coloured, unless `NO_COLOR` is
/// set or the terminal says it has no colour (`TERM=dumb`).
#[test]
fn on_a_terminal_colour_is_off_for_no_color_and_a_dumb_terminal() {
    let coloured = |env: &[(&str, &str)]| {
        let out = crate::common::on_a_terminal(&["list"], env, 80)?;
        assert_eq!(out.status.code(), Some(0), "{env:?}");
        Ok::<bool, std::io::Error>(String::from_utf8_lossy(&out.stdout).contains("\u{1b}["))
    };
    let Ok(xterm) = coloured(&[("TERM", "xterm")]) else {
        println!("note: python3 is absent; this case is skipped");
        return;
    };
    assert!(xterm, "coloured on a terminal");
    assert!(!coloured(&[("TERM", "dumb")]).unwrap(), "TERM=dumb");
    let no_color = [("TERM", "xterm"), ("NO_COLOR", "1")];
    assert!(!coloured(&no_color).unwrap(), "NO_COLOR");
}

#[test]
fn tables_fit_columns() {
    for width in ["60", "100"] {
        let out = ecosys()
            .args(["who-handles", "données", "personnelles"])
            .env("COLUMNS", width)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let max = width.parse::<usize>().unwrap();
        assert!(
            text.lines().all(|l| l.chars().count() <= max),
            "{width}:\n{text}"
        );
    }
}
