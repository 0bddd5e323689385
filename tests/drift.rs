//! `drift` between catalogues imported from our own chapters and versions of those chapters:
//! headings gone or renamed, URLs added, removed or moved, services by their words, contacts;
//! the formats and the exit status as scripts see them.

use std::path::Path;

use serde_json::Value;

use crate::common::{ecosys, hermetic, status_and_array};
use crate::guide::{fixture, import, saved};

/// `drift` of the catalogue `catalogue` against `guide`: (status, differences).
fn drift(catalogue: &Path, guide: &str) -> (i32, Vec<Value>) {
    let catalogue = catalogue.to_str().unwrap();
    status_and_array(ecosys().args(["--catalogue", catalogue, "drift", guide, "--json"]))
}

#[test]
fn the_readmes_catalogue_is_the_import_of_its_chapter() {
    let committed: Value =
        serde_json::from_str(include_str!("fixtures/catalogue-exemple.json")).unwrap();
    assert_eq!(
        import(&[&fixture("guide-2021.md")]),
        committed,
        "regenerate it: ecosys import tests/fixtures/guide-2021.md > tests/fixtures/catalogue-exemple.json"
    );
}

/// The TSV of a `drift` run that finds differences.
pub fn drift_tsv(args: &[&str]) -> String {
    let out = ecosys()
        .args(args)
        .args(["--format", "tsv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_chapter_has_no_drift_from_its_own_import() {
    for name in ["guide-2021.md", "guide-2020.md"] {
        let file = saved(&import(&[&fixture(name)]));
        assert_eq!(drift(file.path(), &fixture(name)), (0, vec![]), "{name}");
    }
}

#[test]
fn a_heading_typo_is_found_with_the_heading_it_became() {
    let file = saved(&import(&[&fixture("guide-2021.md")]));
    let (status, found) = drift(file.path(), &fixture("guide-typo.md"));
    assert_eq!(status, 1);
    let missing: Vec<(&str, &str)> = found
        .iter()
        .filter(|d| d["kind"] == "section-missing")
        .map(|d| (d["value"].as_str().unwrap(), d["other"].as_str().unwrap()))
        .collect();
    assert_eq!(
        missing,
        [
            (
                "La direction du numérique > Pôle Données ouvertes",
                "Guide de l'Exemple > La direction du numérique > Pôle Donnée ouvertes"
            ),
            (
                "La direction du numérique > Atelier logiciel",
                "Guide de l'Exemple > La direction du numérique > Atelier du logiciel"
            ),
        ]
    );
    // Nothing else: the facts are the same.
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0]["line"], 7);
    assert_eq!(
        found[0]["entity"],
        serde_json::json!(["pole-donnees-ouvertes"])
    );
}

#[test]
fn drift_names_what_changed_between_two_chapters() {
    // The 2021 chapter's catalogue against the 2020 one: other teams, URLs and contacts.
    let file = saved(&import(&[&fixture("guide-2021.md")]));
    let (status, found) = drift(file.path(), &fixture("guide-2020.md"));
    assert_eq!(status, 1);
    let of = |kind: &str| -> Vec<String> {
        found
            .iter()
            .filter(|d| d["kind"] == kind)
            .map(|d| d["value"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(of("contact-missing").contains(&"chat @equipe-donnees".to_string()));
    assert!(of("url-removed").contains(&"https://www.cnil.fr/".to_string()));
    assert!(
        of("url-added")
            .iter()
            .any(|u| u.starts_with("https://sill.exemple.gouv.fr/")),
        "{found:#?}"
    );
    assert!(of("section-uncited").contains(&"Référent logiciel libre".to_string()));
    // Tables and TSV for people and scripts.
    let catalogue = file.path().to_str().unwrap();
    let tsv = drift_tsv(&["--catalogue", catalogue, "drift", &fixture("guide-2020.md")]);
    assert!(
        tsv.starts_with(
            "line\tkind\tentity\troute\tsection\tcolumn\tvalue\tother\tother_line\tmessage\n"
        ),
        "{tsv}"
    );
    assert_eq!(tsv.lines().count(), found.len() + 1);
}

/// As scripts call it: Python with `subprocess.DEVNULL`, Node with `stdio: 'ignore'`, bash
/// with a reader that leaves early; the status is the run's own (0 agree, 1 drift, 2 error).
#[test]
fn drift_statuses_are_a_contract_for_every_caller() {
    let bin = assert_cmd::cargo::cargo_bin("ecosys").display().to_string();
    let catalogue = fixture("catalogue-exemple.json");
    for (guide, status) in [
        (fixture("guide-2021.md"), 0),
        (fixture("guide-typo.md"), 1),
        (fixture("catalogue-exemple.json"), 2),
    ] {
        let args = ["--catalogue", &catalogue, "drift", &guide];
        let script = format!(
            "import subprocess, sys; sys.exit(subprocess.run([{bin:?}] + {args:?}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode)"
        );
        let out = hermetic("python3").args(["-c", &script]).output().unwrap();
        assert_eq!(out.status.code(), Some(status), "python3 {args:?}");
        let script = format!(
            "process.exit(require('child_process').spawnSync({bin:?}, {args:?}, {{stdio: 'ignore'}}).status)"
        );
        match hermetic("node").args(["-e", &script]).output() {
            Ok(out) => assert_eq!(out.status.code(), Some(status), "node {args:?}"),
            Err(_) => println!("note: node is absent; its case is skipped"),
        }
    }
    let script = format!(
        "set -o pipefail; {bin:?} --catalogue {catalogue} drift {} | head -1 >/dev/null",
        fixture("guide-2020.md")
    );
    let out = hermetic("bash").args(["-c", &script]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}

#[test]
fn urls_move_and_services_match_by_their_words() {
    let file = saved(&import(&[&fixture("guide-2021.md")]));
    let original = std::fs::read_to_string(fixture("guide-2021.md")).unwrap();
    let link = "-\t[Documentation de la forge](https://doc.forge.exemple.gouv.fr/)\n";
    let changed = original
        // The forge's documentation moves to the open data team's resources.
        .replace(link, "")
        .replace("**Ressources** \n\n", &format!("**Ressources** \n\n{link}"))
        // A service reworded with the same words, and one new service.
        .replace(
            "Relire un jeu de données avant sa publication ;",
            "Avant sa publication, relire le jeu de données ;\n-\tFormer les agents à la licence ouverte ;",
        );
    let guide = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(guide.path(), changed).unwrap();
    let (status, found) = drift(file.path(), guide.path().to_str().unwrap());
    assert_eq!(status, 1);
    let kinds: Vec<(&str, &str)> = found
        .iter()
        .map(|d| (d["kind"].as_str().unwrap(), d["value"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("service-added", "Former les agents à la licence ouverte"),
            ("url-moved", "https://doc.forge.exemple.gouv.fr/"),
        ],
        "{found:#?}"
    );
    let moved = &found[1];
    assert_eq!(moved["entity"], serde_json::json!(["atelier-logiciel"]));
    assert!(
        moved["section"]
            .as_str()
            .unwrap()
            .ends_with("Atelier logiciel")
    );
    assert!(
        moved["other"]
            .as_str()
            .unwrap()
            .ends_with("Pôle Données ouvertes")
    );
    assert_eq!(moved["line"], moved["other_line"]);
}
