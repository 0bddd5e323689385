//! The real chapter and its earlier versions (../shared/seed, read as data): `import` counts
//! what the file has, and `drift` holds the embedded catalogue to the guide. Under `CI=true`
//! a missing file fails these tests (see `common::seed_file`).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common::{ecosys, seed_file, status_and_array};

/// What a chapter holds, counted from its text alone (not by ecosys).
#[derive(Debug, Default)]
struct Counted {
    teams: usize,
    organisations: usize,
    urls: BTreeSet<String>,
    /// (section line, URL) pairs: an address given in two sections counts twice.
    placed_urls: BTreeSet<(usize, String)>,
    contacts: usize,
}

fn count(text: &str) -> Counted {
    let mut counted = Counted::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut section = 0;
    for (n, line) in lines.iter().enumerate() {
        if line.starts_with("## ") {
            let has_teams = lines[n + 1..]
                .iter()
                .take_while(|l| !l.starts_with("## "))
                .any(|l| l.starts_with("### "));
            if has_teams {
                counted.organisations += 1;
            } else {
                counted.teams += 1;
            }
            section = n;
        } else if line.starts_with("### ") {
            counted.teams += 1;
            section = n;
        }
        for part in line.split("](").skip(1) {
            let url = &part[..part.find(')').unwrap()];
            counted.urls.insert(url.to_string());
            counted.placed_urls.insert((section, url.to_string()));
        }
        if let Some(rest) = line.strip_prefix("**Contact") {
            counted.contacts += rest.split_whitespace().filter(|w| w.contains('@')).count();
        }
    }
    counted
}

/// `ecosys import` of a seed file, and what the file holds.
fn import(relative: &str) -> Option<(Value, Counted)> {
    let path = seed_file(relative)?;
    let out = ecosys().arg("import").arg(&path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&path).unwrap();
    Some((serde_json::from_slice(&out.stdout).unwrap(), count(&text)))
}

fn check_counts(catalogue: &Value, counted: &Counted) {
    let entities = catalogue["entities"].as_array().unwrap();
    let of_kind = |kind: &str| entities.iter().filter(|e| e["kind"] == kind).count();
    assert_eq!(of_kind("team"), counted.teams);
    assert_eq!(of_kind("organisation"), counted.organisations);
    let resources: Vec<&str> = entities
        .iter()
        .flat_map(|e| e["resources"].as_array().unwrap())
        .map(|r| r["url"].as_str().unwrap())
        .collect();
    // Every URL exactly as written, once a section.
    let urls: BTreeSet<String> = resources.iter().map(|u| u.to_string()).collect();
    assert_eq!(urls, counted.urls);
    assert_eq!(resources.len(), counted.placed_urls.len());
    let contacts: usize = entities
        .iter()
        .map(|e| e["contacts"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(contacts, counted.contacts);
}

#[test]
fn import_counts_what_each_version_holds() {
    // (file, teams, organisations, distinct URLs, contacts), as the files have them.
    for (file, teams, organisations, urls, contacts) in [
        ("ecosysteme.md", 7, 2, 24, 0),
        ("history/ecosysteme-2023-04-25.md", 7, 2, 24, 0),
        ("history/ecosysteme-2020.md", 11, 3, 40, 11),
    ] {
        let Some((catalogue, counted)) = import(file) else {
            continue;
        };
        assert_eq!(
            (
                counted.teams,
                counted.organisations,
                counted.urls.len(),
                counted.contacts
            ),
            (teams, organisations, urls, contacts),
            "{file}"
        );
        check_counts(&catalogue, &counted);
        // The output loads as a catalogue of its own.
        let saved = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(saved.path(), serde_json::to_vec(&catalogue).unwrap()).unwrap();
        let out = ecosys()
            .args(["validate", "--standalone"])
            .arg(saved.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{file}: {out:?}");
    }
}

#[test]
fn the_2020_contacts_by_kind() {
    let Some((catalogue, _)) = import("history/ecosysteme-2020.md") else {
        return;
    };
    let beta = catalogue["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "beta.gouv.fr")
        .unwrap();
    assert_eq!(
        beta["contacts"],
        serde_json::json!([
            {"kind": "email", "value": "contact@beta.gouv.fr"},
            {"kind": "chat", "value": "@equipe-beta", "label": "Slack"}
        ])
    );
}

/// `drift` of the embedded catalogue against a seed file: (status, differences).
fn drift(relative: &str) -> Option<(i32, Vec<Value>)> {
    let path = seed_file(relative)?;
    Some(status_and_array(
        ecosys().arg("drift").arg(&path).arg("--json"),
    ))
}

#[test]
fn the_embedded_catalogue_has_no_drift_from_the_guide() {
    // The contract that holds catalogue.json to the guide: CI runs it.
    for file in ["ecosysteme.md", "history/ecosysteme-2023-04-25.md"] {
        if let Some(result) = drift(file) {
            assert_eq!(result, (0, vec![]), "{file}");
        }
    }
}

#[test]
fn drift_finds_what_changed_since_2020() {
    let Some((status, found)) = drift("history/ecosysteme-2020.md") else {
        return;
    };
    assert_eq!(status, 1);
    let values = |kind: &str| -> Vec<String> {
        found
            .iter()
            .filter(|d| d["kind"] == kind)
            .map(|d| d["value"].as_str().unwrap().to_string())
            .collect()
    };
    // Renamed teams: the heading each entity cites, and the one it most likely became.
    let became = |id: &str| -> String {
        let d = found
            .iter()
            .find(|d| d["kind"] == "section-missing" && d["entity"][0] == id)
            .unwrap_or_else(|| panic!("{id} is not reported: {found:#?}"));
        let other = d["other"].as_str().unwrap_or("");
        other.rsplit(" > ").next().unwrap().to_string()
    };
    assert_eq!(
        became("droit-societe"),
        "Cadre légal de l'ouverture et de la circulation des données publiques"
    );
    assert_eq!(became("ouverture-donnees"), "Open data");
    assert_eq!(became("data-gouv"), "data.gouv.fr");
    assert_eq!(became("lab-ia"), "Lab IA");
    assert_eq!(became("beta-gouv"), "beta.gouv.fr");
    // Pôle Logiciels libres came after 2020: its heading is not there.
    assert!(
        values("section-missing")
            .iter()
            .any(|v| v.ends_with("Pôle Logiciels libres"))
    );
    // Teams that no longer exist: sections no entity cites.
    let uncited = values("section-uncited");
    for team in [
        "api.gouv.fr",
        "France Connect",
        "OpenFisca",
        "Algorithmes publics",
    ] {
        assert!(uncited.contains(&team.to_string()), "{team}: {uncited:?}");
    }
    // URLs added and removed.
    let added = values("url-added");
    for url in [
        "https://api.gouv.fr/",
        "https://franceconnect.gouv.fr/",
        "https://template.data.gouv.fr/",
        "https://piaf.etalab.studio/",
    ] {
        assert!(added.iter().any(|v| v.starts_with(url)), "{url}: {added:?}");
    }
    let removed = values("url-removed");
    for url in [
        "https://www.10pourcent.etalab.gouv.fr/",
        "https://doc.data.gouv.fr/",
        "https://code.gouv.fr/",
        "https://sill.etalab.gouv.fr/software",
    ] {
        assert!(removed.contains(&url.to_string()), "{url}: {removed:?}");
    }
    // Services moved in or out, by their words.
    assert!(
        values("service-added")
            .iter()
            .any(|s| s.contains("éclaireurs")),
        "{found:#?}"
    );
    assert!(
        values("service-removed")
            .iter()
            .any(|s| s.contains("programme 10"))
    );
    // Every contact of the chapter: the embedded catalogue has none.
    assert_eq!(values("contact-missing").len(), 11);
    assert!(values("contact-missing").contains(&"chat @equipe-datagouv".to_string()));
}

#[test]
fn drift_speaks_french_too() {
    let Some(path) = seed_file("history/ecosysteme-2020.md") else {
        return;
    };
    let out = ecosys()
        .args(["--lang", "fr", "drift"])
        .arg(&path)
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("titre disparu"), "{table}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("différence(s)"), "{err}");
    // The messages of the formats for scripts follow --lang; their kinds do not.
    let out = ecosys()
        .args(["--lang", "fr", "drift", "--format", "tsv"])
        .arg(&path)
        .output()
        .unwrap();
    let tsv = String::from_utf8(out.stdout).unwrap();
    assert!(tsv.contains("\tsection-missing\t"), "{tsv}");
    assert!(tsv.contains("sans doute devenu «Cadre légal"), "{tsv}");
}
