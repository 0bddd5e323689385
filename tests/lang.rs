//! One language at a time: `--lang`, else the locale; field names never change.

use crate::common::ecosys;

fn run(env: &[(&str, &str)], args: &[&str]) -> (String, String) {
    let mut cmd = ecosys();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const QUESTION: &[&str] = &["who-handles", "problème", "juridique"];

#[test]
fn lang_fr_gives_french_everywhere() {
    let (out, _) = run(&[], &[&["--lang", "fr"], QUESTION].concat());
    for french in [
        "nom",
        "pourquoi",
        "1 d'abord",
        "2 puis",
        "en premier lieu",
        "Pour un problème juridique",
        "Détails :",
    ] {
        assert!(out.contains(french), "{french} in\n{out}");
    }
    for english in ["because", "first", "then", "Details:"] {
        assert!(!out.contains(english), "{english} in\n{out}");
    }
    let (_, err) = run(&[], &["--lang", "fr", "show", "cnal"]);
    assert!(
        err.contains("aucune entité 'cnal'; vouliez-vous dire 'cnil' ?"),
        "{err}"
    );
    let (out, _) = run(&[], &["--lang", "fr", "checklist", "design"]);
    assert!(out.contains("## À faire") && out.contains("**Ce que vous pouvez leur demander**"));
}

#[test]
fn lang_en_gives_english_everywhere() {
    let (out, _) = run(&[], &[&["--lang", "en"], QUESTION].concat());
    for english in [
        "name",
        "because",
        "1 first",
        "2 then",
        "For a legal problem",
        "Details:",
    ] {
        assert!(out.contains(english), "{english} in\n{out}");
    }
    for french in [
        "pourquoi",
        "Pour un problème juridique",
        "en premier lieu",
        "d'abord",
    ] {
        assert!(!out.contains(french), "{french} in\n{out}");
    }
    let (out, _) = run(&[], &["--lang", "en", "show", "cnil"]);
    assert!(
        out.contains("The outside authority in charge of personal data"),
        "{out}"
    );
    assert!(
        out.contains("Questions about personal data"),
        "services: {out}"
    );
    assert!(
        !out.contains("Questions sur les données personnelles"),
        "{out}"
    );
    let (_, err) = run(&[], &["--lang", "en", "who-handles", "zzzqqq"]);
    assert!(err.contains("nothing in the catalogue matches"), "{err}");
    let (out, _) = run(&[], &["--lang", "en", "checklist", "design"]);
    assert!(
        out.contains("## To do") && out.contains("**What you can ask them**"),
        "{out}"
    );
}

#[test]
fn the_locale_chooses_when_lang_is_not_given() {
    let (out, _) = run(&[("LANG", "fr_FR.UTF-8")], QUESTION);
    assert!(out.contains("pourquoi"), "{out}");
    let (out, _) = run(&[("LANG", "en_GB.UTF-8")], QUESTION);
    assert!(out.contains("because"), "{out}");
    let (out, _) = run(&[], QUESTION);
    assert!(out.contains("because"), "no locale: English\n{out}");
    // LC_ALL before LC_MESSAGES before LANG.
    let (out, _) = run(
        &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "fr_FR.UTF-8")],
        QUESTION,
    );
    assert!(out.contains("pourquoi"), "{out}");
    let (out, _) = run(&[("LC_MESSAGES", "fr_FR.UTF-8"), ("LC_ALL", "C")], QUESTION);
    assert!(out.contains("because"), "{out}");
    // The flag wins.
    let (out, _) = run(
        &[("LC_ALL", "fr_FR.UTF-8")],
        &[&["--lang", "en"], QUESTION].concat(),
    );
    assert!(out.contains("because"), "{out}");
}

#[test]
fn machine_formats_keep_field_names_and_values_follow_the_language() {
    let json = |lang: &str| -> serde_json::Value {
        let (out, _) = run(
            &[],
            &[
                "--lang",
                lang,
                "who-handles",
                "problème",
                "juridique",
                "--json",
            ],
        );
        serde_json::from_str(&out).unwrap()
    };
    let (fr, en) = (json("fr"), json("en"));
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v[0].as_object().unwrap().keys().cloned().collect()
    };
    assert_eq!(keys(&fr), keys(&en));
    assert_eq!(fr[0]["id"], en[0]["id"]);
    assert_eq!(fr[0]["order"]["role"], "en premier lieu");
    assert_eq!(en[0]["order"]["role"], "first");
    assert!(
        en[0]["summary"]
            .as_str()
            .unwrap()
            .starts_with("The legal department")
    );
    let (csv, _) = run(&[], &["--lang", "fr", "list", "--format", "csv"]);
    assert!(csv.starts_with("id,name,kind,parent,summary"), "{csv}");
}

#[test]
fn version_one_files_with_plain_strings_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.json");
    std::fs::write(
        &path,
        r#"{"schema_version": 1, "source": {"title": "t"}, "entities": [
            {"id": "a", "name": "A", "kind": "team", "summary": "Seul.", "source": "s"}]}"#,
    )
    .unwrap();
    let (out, _) = run(
        &[],
        &[
            "--lang",
            "en",
            "--catalogue",
            path.to_str().unwrap(),
            "show",
            "a",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"], "Seul.", "no English: the French text");
}

#[test]
fn validate_speaks_the_language_too() {
    let (_, err) = run(
        &[],
        &[
            "--lang",
            "fr",
            "validate",
            "tests/fixtures/overlay-amdac.json",
        ],
    );
    assert!(
        err.contains("ajoute 1 entité (bureau-donnees); complète 1 entité (amdac)"),
        "{err}"
    );
    assert!(err.contains("1 fichier vérifié, 0 problème"), "{err}");
}

#[test]
fn resource_titles_follow_the_language() {
    let (en, _) = run(
        &[],
        &["--lang", "en", "resources", "lab-ia", "--format", "csv"],
    );
    assert!(en.contains("Guide to pseudonymising data"), "{en}");
    let (fr, _) = run(
        &[],
        &["--lang", "fr", "resources", "lab-ia", "--format", "csv"],
    );
    assert!(
        fr.contains("Guide sur la pseudonymisation des données"),
        "{fr}"
    );
    assert_eq!(en.lines().next(), fr.lines().next(), "the same header");
}
