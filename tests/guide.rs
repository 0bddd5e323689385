//! `import` (and `drift`'s handling of bad input) on small chapters of our own
//! (tests/fixtures/guide-*.md): both generations of labels, the guide's edge cases, a user's
//! labels, bad and hostile input.

use serde_json::Value;

use crate::common::{ecosys, entity, hermetic, json, swap_for_fifo};
use crate::drift::drift_tsv;

pub fn fixture(name: &str) -> String {
    format!("tests/fixtures/{name}")
}

/// The catalogue `import` makes of `args`, which must succeed.
pub fn import(args: &[&str]) -> Value {
    let mut all = vec!["import"];
    all.extend(args);
    let out = ecosys().args(&all).output().unwrap();
    assert!(
        out.status.success(),
        "{all:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The `name` field of each object of `list`.
fn each<'a>(list: &'a Value, name: &str) -> Vec<&'a str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x[name].as_str().unwrap())
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|s| s.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The catalogue `import` makes of the chapter `text` (written to the file returned).
fn import_text(text: &str) -> (Value, tempfile::NamedTempFile) {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), text).unwrap();
    (import(&[file.path().to_str().unwrap()]), file)
}

/// Writes `catalogue` to a temporary file, for `--catalogue` and `validate`.
pub fn saved(catalogue: &Value) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        file.path(),
        serde_json::to_string_pretty(catalogue).unwrap(),
    )
    .unwrap();
    file
}

#[test]
fn the_current_labels_and_the_guides_edge_cases() {
    // Tabs after bullets, labels with trailing spaces, a list right after a paragraph, both
    // apostrophes, no final newline.
    let c = import(&[&fixture("guide-2021.md")]);
    assert_eq!(c["source"]["title"], "Guide de l'Exemple");
    assert_eq!(
        each(&c["entities"], "id"),
        [
            "direction-numerique",
            "pole-donnees-ouvertes",
            "atelier-logiciel",
            "secretariat-general",
            "cellule-juridique"
        ]
    );
    let pole = entity(&c, "pole-donnees-ouvertes");
    assert_eq!(pole["kind"], "team");
    assert_eq!(pole["parent"], "direction-numerique");
    assert_eq!(
        strings(&pole["services"]),
        [
            "Relire un jeu de données avant sa publication",
            "Trouver le bon format pour un fichier"
        ]
    );
    assert_eq!(
        each(&pole["resources"], "url"),
        [
            "https://donnees.exemple.gouv.fr/",
            "https://guides.exemple.gouv.fr/publier/",
            "https://www.cnil.fr/"
        ]
    );
    // A link's title as written, without its trailing space.
    assert_eq!(pole["resources"][1]["title"], "Guide de la publication");
    assert_eq!(pole["resources"][1]["kind"], "guide");
    assert_eq!(
        strings(&pole["facts"]),
        ["La CNIL répond sur les données personnelles : CNIL"]
    );
    assert_eq!(
        pole["source"],
        "Guide de l'Exemple > La direction du numérique > Pôle Données ouvertes"
    );
    assert_eq!(pole["source_lines"]["heading"], 7);
    assert_eq!(
        pole["source_lines"]["services"],
        serde_json::json!([12, 13])
    );
    // The list right after a paragraph: the lead-in is a service, each item one.
    let atelier = entity(&c, "atelier-logiciel");
    assert_eq!(
        strings(&atelier["services"]),
        [
            "L’atelier propose son aide sur les questions de code",
            "Héberger un dépôt sur la forge",
            "Faire relire une architecture."
        ]
    );
    assert_eq!(
        atelier["summary"],
        "L’atelier développe les outils internes du ministère."
    );
    // A team with prose only: its sentences are its services; the last line has no newline.
    let cellule = entity(&c, "cellule-juridique");
    assert_eq!(strings(&cellule["services"]).len(), 2);
    assert!(
        strings(&cellule["services"])[1].ends_with("services en ligne."),
        "{cellule}"
    );
    // An organisation the chapter does not describe is summed up by its teams.
    assert_eq!(
        entity(&c, "direction-numerique")["summary"],
        "Pôle Données ouvertes, Atelier logiciel"
    );
}

#[test]
fn the_2020_labels_contacts_and_a_team_without_an_organisation() {
    let c = import(&[&fixture("guide-2020.md")]);
    let donnees = entity(&c, "donnees");
    assert_eq!(strings(&donnees["services"]).len(), 2);
    assert_eq!(
        donnees["resources"][0]["url"],
        "https://donnees.exemple.gouv.fr/"
    );
    assert_eq!(
        donnees["contacts"],
        serde_json::json!([
            {"kind": "email", "value": "donnees@exemple.gouv.fr"},
            {"kind": "chat", "value": "@equipe-donnees", "label": "Slack"}
        ])
    );
    // `l'atelier` with a straight apostrophe, `l’équipe` with a curly one: both labels.
    let atelier = entity(&c, "atelier");
    assert_eq!(
        strings(&atelier["services"]),
        [
            "Héberger un dépôt sur la forge",
            "Faire relire une architecture."
        ]
    );
    assert_eq!(atelier["resources"][0]["title"], "La forge");
    let referent = entity(&c, "referent-logiciel-libre");
    assert_eq!(referent["kind"], "team");
    assert!(referent.get("parent").is_none());
    assert_eq!(referent["contacts"][0]["value"], "libre@exemple.gouv.fr");
    // `[[toc]]` is not the chapter's description.
    assert_eq!(c["source"]["description"], Value::Null);
}

#[test]
fn a_users_labels() {
    let labels = fixture("guide-labels.txt");
    let c = import(&[&fixture("guide-labels.md"), "--labels", &labels]);
    let bureau = entity(&c, "bureau-usages");
    assert_eq!(
        strings(&bureau["services"]),
        [
            "Conduire des entretiens avec les usagers",
            "Tester un prototype."
        ]
    );
    assert_eq!(
        bureau["resources"][0]["url"],
        "https://usages.exemple.gouv.fr/charte"
    );
    assert_eq!(bureau["contacts"][0]["value"], "usages@exemple.gouv.fr");
    // The same from the command line.
    let same = import(&[
        &fixture("guide-labels.md"),
        "--label",
        "Missions=services",
        "--label",
        "À lire…=resources",
        "--label",
        "Joindre le bureau=contacts",
    ]);
    assert_eq!(same, c);
    // Without them the chapter has no block it knows.
    let out = ecosys()
        .args(["import", &fixture("guide-labels.md")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("guide-labels.md:1:1:"), "{err}");
    assert!(err.contains("--label"), "{err}");
    // A mapping that does not read is a usage error.
    let out = ecosys()
        .args(["import", &fixture("guide-labels.md"), "--label", "Missions"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("LABEL=KIND"));
}

/// Writes `bytes` to the file `name` of `dir`, and gives its path.
fn write_in(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// `import` of the chapter `text` (in a file of `dir`): the catalogue, stderr and the file.
fn import_with_stderr(
    dir: &tempfile::TempDir,
    name: &str,
    text: &str,
    args: &[&str],
) -> (Value, String, String) {
    let path = write_in(dir, name, text.as_bytes());
    let out = ecosys()
        .arg("import")
        .arg(&path)
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{err}");
    (serde_json::from_slice(&out.stdout).unwrap(), err, path)
}

const TEAM: &str = "# C\n\n## Org\n\n### Team\n\n**Services**\n\n- s\n\n";

/// A Contact line's `tel:` numbers, Matrix rooms and international numbers are read whole;
/// what it says that reads as no contact is named on stderr with its line, never dropped;
/// `drift` sees the contacts `import` gives, and `validate` takes them.
#[test]
fn every_token_of_a_contact_line_is_read_or_named() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{TEAM}**Contact :** tel:+33123456789, #donnees:matrix.org\n");
    let (c, err, path) = import_with_stderr(&dir, "c2.md", &text, &[]);
    assert_eq!(
        entity(&c, "team")["contacts"],
        serde_json::json!([
            {"kind": "phone", "value": "+33123456789"},
            {"kind": "chat", "value": "#donnees:matrix.org"}
        ])
    );
    assert!(err.contains("2 contact(s)"), "{err}");
    // Against a catalogue without them, drift names both; against its own import, none.
    let bare = saved(&import_text(TEAM).0);
    let tsv = drift_tsv(&["--catalogue", bare.path().to_str().unwrap(), "drift", &path]);
    assert!(tsv.contains("\tphone +33123456789\t"), "{tsv}");
    assert!(tsv.contains("\tchat #donnees:matrix.org\t"), "{tsv}");
    let own = saved(&c);
    let own = own.path().to_str().unwrap();
    ecosys()
        .args(["--catalogue", own, "drift", &path])
        .assert()
        .code(0);
    ecosys()
        .args(["validate", "--standalone", own])
        .assert()
        .code(0);

    let text = format!(
        "{TEAM}**Contact :** tel:+33 1 23 45 67 89, Accueil +33 (0)1 98 76 54 32, foo@@bar,\nequipe@exemple, via Slack @equipe-x, [Standard](tel:+33100000000) (bureau)\n"
    );
    let (c, err, path) = import_with_stderr(&dir, "c3.md", &text, &[]);
    assert_eq!(
        entity(&c, "team")["contacts"],
        serde_json::json!([
            {"kind": "phone", "value": "+33 1 23 45 67 89"},
            {"kind": "phone", "value": "+33 (0)1 98 76 54 32", "label": "Accueil"},
            {"kind": "chat", "value": "@equipe-x", "label": "Slack"},
            {"kind": "phone", "value": "+33100000000", "label": "Standard"}
        ])
    );
    for left_out in [
        "contact \"foo@@bar\" left out",
        "contact \"equipe@exemple\" left out",
        "words \"bureau\" of a Contact line left out",
    ] {
        assert!(
            err.contains(&format!("ecosys: {path}:11:1: {left_out}")),
            "{left_out}: {err}"
        );
    }
    let file = saved(&c);
    let file = file.path().to_str().unwrap();
    ecosys()
        .args(["validate", "--standalone", file])
        .assert()
        .code(0);
    // drift says the same of the same chapter.
    let out = ecosys()
        .args(["--catalogue", file, "drift", &path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let drift_err = String::from_utf8_lossy(&out.stderr);
    assert!(
        drift_err.contains(&format!("{path}:11:1: contact \"foo@@bar\" left out")),
        "{drift_err}"
    );
}

/// A labelled block whose label none knows is named on stderr, with its line and the
/// `--label` option that reads it; a warning, not an error (status 0).
#[test]
fn an_unknown_label_is_named_with_the_option_that_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{TEAM}**Nous joindre :** equipe@exemple.gouv.fr\n");
    let (c, err, path) = import_with_stderr(&dir, "joindre.md", &text, &[]);
    let expected = format!(
        "ecosys: {path}:11:1: unknown label «Nous joindre :»: its block is read with what comes before it; say what it holds with --label 'Nous joindre=contacts'"
    );
    assert!(err.contains(&expected), "{err}");
    assert_eq!(entity(&c, "team")["contacts"], Value::Null);
    let out = ecosys().args(["drift", &path]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains(&expected));
    // With the option it names: the contact, and no warning.
    let (c, err, _) = import_with_stderr(
        &dir,
        "joindre.md",
        &text,
        &["--label", "Nous joindre=contacts"],
    );
    assert!(!err.contains("unknown label"), "{err}");
    assert_eq!(
        entity(&c, "team")["contacts"][0]["value"],
        "equipe@exemple.gouv.fr"
    );
}

/// URL schemes are case-insensitive (RFC 3986 §3.1): `HTTPS://`, `Mailto:`, `TEL:` are read
/// by `import` and taken by `validate`.
#[test]
fn schemes_in_any_case_are_read_and_validate() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{TEAM}**Ressources**\n\n- [CNIL](HTTPS://WWW.CNIL.FR/)\n- Voir HTTPS://X.FR/doc\n\n**Contact :** Mailto:a@b.fr, HTTPS://C.FR/, TEL:+33123456789\n"
    );
    let (c, err, _) = import_with_stderr(&dir, "schemes.md", &text, &[]);
    assert!(!err.contains("left out"), "{err}");
    let team = entity(&c, "team");
    assert_eq!(
        each(&team["resources"], "url"),
        ["HTTPS://WWW.CNIL.FR/", "HTTPS://X.FR/doc"]
    );
    assert_eq!(
        each(&team["contacts"], "value"),
        ["a@b.fr", "HTTPS://C.FR/", "+33123456789"]
    );
    let file = saved(&c);
    ecosys()
        .args(["validate", "--standalone", file.path().to_str().unwrap()])
        .assert()
        .code(0);
}

#[test]
fn an_imported_chapter_validates_and_answers_at_once() {
    for name in ["guide-2021.md", "guide-2020.md"] {
        let c = import(&[&fixture(name)]);
        let file = saved(&c);
        let path = file.path().to_str().unwrap();
        let out = ecosys()
            .args(["validate", "--standalone", path])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {out:?}");
        // A question in its own words: an imported chapter has services, not curated topics.
        let question = "héberger un dépôt sur la forge";
        let answer = json(&["--catalogue", path, "who-handles", question, "--json"]);
        assert!(
            answer[0]["id"].as_str().unwrap().starts_with("atelier"),
            "{answer}"
        );
        // As an overlay, over the embedded catalogue.
        let answer = json(&["--overlay", path, "who-handles", question, "--json"]);
        assert!(
            answer[0]["id"].as_str().unwrap().starts_with("atelier"),
            "{answer}"
        );
    }
}

#[test]
fn bad_input_says_what_was_expected_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| write_in(&dir, name, bytes);
    let cases: Vec<(String, &str)> = vec![
        (
            write("prose.md", b"Just some prose.\n\nNo headings."),
            ":1:1: no heading; expected",
        ),
        (
            write("title.md", b"\n# A title\n\nProse."),
            ":2:1: a title (`# …`) but no `##`",
        ),
        (
            write("deep.md", b"#### Deep\n"),
            ":1:1: a level-4 heading but no",
        ),
        (write("empty.md", b""), ":1:1: no heading"),
        (
            write("two.md", b"# One\n## O\n### T\n**Services**\n- a\n# Two\n"),
            ":6:1: a second level-1 heading",
        ),
        (
            write("bytes.md", b"## O\n### T\n\xff\xfe"),
            ":3:1: is not valid UTF-8",
        ),
        (
            write("nameless.md", b"## O\n###\n**Services**\n- a\n"),
            ":2:1: an empty `###` heading",
        ),
        (
            dir.path().to_str().unwrap().to_string(),
            ": is a directory; expected a Markdown file",
        ),
        (
            format!("{}/absent.md", dir.path().display()),
            ": no such file",
        ),
    ];
    for (path, expected) in &cases {
        for command in ["import", "drift"] {
            let out = ecosys().args([command, path]).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{command} {path}");
            assert!(out.stdout.is_empty(), "{command} {path}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.starts_with(&format!("ecosys: {path}{expected}")),
                "{command} {path}: {err}"
            );
        }
    }
    // A huge file is refused before it is read.
    let huge = dir.path().join("huge.md");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(17 * 1024 * 1024)
        .unwrap();
    let out = ecosys().arg("import").arg(&huge).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is larger than 16 MiB"));
}

/// A chapter or labels file that is a FIFO, that is swapped for one between the look and the
/// open, or whose reads would wait (`/proc/kmsg`, as root) never blocks `import`, `drift` or
/// `--labels`: ecosys reads every file as it reads a catalogue, and refuses these (status 2).
#[test]
fn a_fifo_never_blocks_import_drift_or_labels() {
    let hang_guard = std::time::Duration::from_secs(20);
    let dir = tempfile::tempdir().unwrap();
    let chapter = fixture("guide-2021.md");
    let fifo = dir.path().join("plain.fifo");
    assert!(hermetic("mkfifo").arg(&fifo).status().unwrap().success());
    let fifo = fifo.to_str().unwrap();
    let run = |args: &[&str]| {
        let out = ecosys().args(args).timeout(hang_guard).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let chapter_expected = "is not a regular file (a pipe or a device?); expected a Markdown file (a chapter of the guide)";
    let labels_expected = "is not a regular file (a pipe or a device?); expected a labels file (one LABEL = KIND a line)";
    let mut cases = vec![
        (vec!["import", fifo], chapter_expected, fifo),
        (vec!["drift", fifo], chapter_expected, fifo),
        (
            vec!["import", &chapter, "--labels", fifo],
            labels_expected,
            fifo,
        ),
        (
            vec!["drift", &chapter, "--labels", fifo],
            labels_expected,
            fifo,
        ),
    ];
    if std::path::Path::new("/proc/kmsg").exists() {
        // Unreadable unless root ("permission denied"); as root, reads would wait.
        cases.push((vec!["import", "/proc/kmsg"], "", "/proc/kmsg"));
        cases.push((
            vec!["import", &chapter, "--labels", "/proc/kmsg"],
            "",
            "/proc/kmsg",
        ));
    }
    for (args, expected, file) in &cases {
        let (code, err) = run(args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        let line = format!("ecosys: {file}: {expected}");
        assert!(err.starts_with(&line), "{args:?}: {err}");
    }
    // Swapped between a regular file and a FIFO while ecosys runs: an answer or a refusal,
    // never a wait.
    let swapped = dir.path().join("swap.md");
    let swapper = swap_for_fifo(&swapped, &std::fs::canonicalize(&chapter).unwrap());
    let swapped = swapped.to_str().unwrap();
    for round in 0..100 {
        for args in [
            vec!["import", swapped],
            vec!["drift", swapped],
            vec!["import", &chapter, "--labels", swapped],
        ] {
            let (code, err) = run(&args);
            assert!(
                matches!(code, Some(0..=2)),
                "{round}: {args:?}: {code:?} {err}"
            );
        }
    }
    drop(swapper);
}

/// Each file's messages say what that file should have been (a labels file is no chapter),
/// with the spacing of their language: `16 MiB; a chapter` in English, `aucun titre ; attendu`
/// in French.
#[test]
fn messages_name_each_files_expectation_in_its_languages_spacing() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| write_in(&dir, name, bytes);
    let chapter = fixture("guide-2021.md");
    let latin1 = write("latin1.txt", b"Donn\xe9es = services\n");
    let prose = write("prose.md", b"Just prose.\n");
    let huge = dir.path().join("huge.md");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(17 * 1024 * 1024)
        .unwrap();
    let huge = huge.to_str().unwrap();
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["import", &chapter, "--labels", &latin1],
            format!(
                "{latin1}:1:5: is not valid UTF-8 text; expected a labels file (one LABEL = KIND a line)"
            ),
        ),
        (
            vec!["import", &chapter, "--labels", dir.path().to_str().unwrap()],
            format!(
                "{}: is a directory; expected a labels file (one LABEL = KIND a line)",
                dir.path().display()
            ),
        ),
        (
            vec!["import", huge],
            format!("{huge}: is larger than 16 MiB; a chapter of the guide is a few kilobytes"),
        ),
        (
            vec!["--lang", "fr", "import", huge],
            format!("{huge}: fait plus de 16 Mio ; un chapitre du guide fait quelques kilo-octets"),
        ),
        (
            vec!["--lang", "fr", "import", &prose],
            format!("{prose}:1:1: aucun titre ; attendu : un chapitre comme celui du guide"),
        ),
        (
            vec!["--lang", "fr", "import", &chapter, "--label", "x"],
            "étiquette \"x\" : attendu LABEL=TYPE".to_string(),
        ),
        (
            vec!["import", &chapter, "--label", "x"],
            "label \"x\": expected LABEL=KIND".to_string(),
        ),
    ];
    for (args, expected) in &cases {
        let out = ecosys().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with(&format!("ecosys: {expected}")),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_large_chapter_is_read_whole() {
    // 20,000 teams on one line each, and a 2 MB line of links: linear, so quick enough to run
    // in a test (which checks the result, not the time).
    let mut text = String::from("# T\n## O\n");
    for i in 0..20_000 {
        text.push_str(&format!("### Équipe\n**Services**\n-\tService {i}\n"));
    }
    text.push_str("### Liens\n**Ressources** ");
    for i in 0..40_000 {
        text.push_str(&format!("[l{i}](https://x.fr/{i}) "));
    }
    let (c, file) = import_text(&text);
    let entities = c["entities"].as_array().unwrap();
    assert_eq!(entities.len(), 20_002);
    assert_eq!(entities[1]["id"], "equipe");
    assert_eq!(entities[2]["id"], "o-equipe");
    assert_eq!(entities[3]["id"], "o-equipe-2");
    let last = &entities[20_001];
    assert_eq!(last["resources"].as_array().unwrap().len(), 40_000);
    assert_eq!(last["source_lines"]["resources"][39_999], 60_004);
    // And drift of the embedded catalogue against it: every team uncited, every heading gone.
    let tsv = drift_tsv(&["drift", file.path().to_str().unwrap()]);
    assert!(
        tsv.lines()
            .filter(|l| l.contains("\tsection-uncited\t"))
            .count()
            > 19_990
    );
}

#[test]
fn import_reads_standard_input() {
    let text = std::fs::read(fixture("guide-2020.md")).unwrap();
    let out = ecosys()
        .args(["import", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(out.status.success());
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Without a file name, the chapter's own title names it.
    assert_eq!(c["source"]["title"], "Écosystème de l'Exemple");
    assert_eq!(c["source"]["file"], Value::Null);
    assert_eq!(c["entities"].as_array().unwrap().len(), 4);
}

#[test]
fn hostile_markdown_is_read_to_the_end() {
    // Quotes 100,000 deep, a million unclosed brackets, a million emphasis openers, list
    // items 100,000 deep on one line: each an answer, no crash.
    let head = "## O\n### T\n**Services**\n";
    for body in [
        ">".repeat(100_000) + " x\n",
        "[".repeat(1_000_000),
        "*a ".repeat(1_000_000),
        "- ".repeat(100_000) + "x\n",
    ] {
        let (c, _) = import_text(&format!("{head}{body}"));
        assert_eq!(c["entities"][1]["id"], "t");
    }
}

#[test]
fn links_left_out_are_named_with_their_place() {
    let text = "## O\n### T\n**Services**\n- See [x](./x.md), [y](<https://a b.fr>), [m](mailto:nope) and [ok](https://ok.fr/)\n";
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), text).unwrap();
    let out = ecosys().arg("import").arg(file.path()).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let name = file.path().display();
    for (column, link) in [(7, "./x.md"), (20, "https://a b.fr"), (43, "mailto:nope")] {
        let line = format!("ecosys: {name}:4:{column}: link or contact {link:?} left out");
        assert!(err.contains(&line), "{line}\n{err}");
    }
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        each(&c["entities"][1]["resources"], "url"),
        ["https://ok.fr/"]
    );
}
