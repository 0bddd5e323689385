//! Issue 17 §5 and §6: one language at a time, and text that stays text: display widths,
//! Markdown that cannot become markup, invisible characters made visible, defused formulas,
//! clap's errors and the manual page; a terminal one column wide.

use std::path::Path;

use serde_json::json;

use crate::common::{ecosys, hermetic, stdout};

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// A catalogue file of `entities`, each needing only an id and a name.
fn catalogue(dir: &Path, entities: &[(&str, &str, &str)]) -> String {
    let entities: Vec<_> = entities
        .iter()
        .map(|(id, name, summary)| {
            json!({"id": id, "name": name, "kind": "team", "summary": summary, "source": "s",
                   "topics": ["commun"], "services": [summary],
                   "resources": [{"title": name, "url": "https://x.fr/", "kind": "platform"}]})
        })
        .collect();
    let doc = json!({"schema_version": 1, "source": {"title": "t"}, "entities": entities});
    write(dir, "c.json", &doc.to_string())
}

// --- one language ---

#[test]
fn french_explanations_hints_and_values() {
    let explained = stdout(&[
        "--lang",
        "fr",
        "who-handles",
        "--explain",
        "problème",
        "juridique",
    ]);
    assert!(
        explained.contains("étape 1/2 de l'ordre 'question-juridique', déclenchée par «juridique» : en premier lieu"),
        "{explained}"
    );
    assert!(explained.contains("[nom, exact]"), "{explained}");
    for english in ["step ", "of route", "triggered by", "[name,"] {
        assert!(!explained.contains(english), "{english} in\n{explained}");
    }
    let out = ecosys()
        .args([
            "--lang",
            "fr",
            "who-handles",
            "--explain",
            "adresse de la tour eiffel",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("[adresse → sujet «adresse»]"), "{err}");
    assert!(!err.contains("→ topic"), "{err}");
    // Values of tables, in the reader's words; the machine formats keep the values.
    let list = stdout(&["--lang", "fr", "list"]);
    assert!(
        list.contains(" équipe ") && !list.contains(" team "),
        "{list}"
    );
    let show = stdout(&["--lang", "fr", "show", "logiciels-libres"]);
    assert!(
        show.contains("(plateforme)") && !show.contains("(platform)"),
        "{show}"
    );
    let resources = stdout(&["--lang", "fr", "resources", "cnil"]);
    assert!(resources.contains("site web"), "{resources}");
    let checklist = stdout(&["--lang", "fr", "checklist", "design"]);
    assert!(checklist.contains("*DINUM* · équipe"), "{checklist}");
    let csv = stdout(&["--lang", "fr", "list", "--format", "csv"]);
    assert!(csv.contains(",team,"), "{csv}");
    // What ecosys adds to a catalogue's problem, and its refusals, in French too.
    let out = ecosys()
        .args([
            "--lang",
            "fr",
            "--catalogue",
            "tests/fixtures/broken-catalogue.json",
            "list",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("(et 3 autres problèmes ; `ecosys validate"),
        "{err}"
    );
    assert!(!err.contains("more problem"), "{err}");
    let out = ecosys()
        .args(["--lang", "fr", "man", "--format", "csv"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`man` n'a qu'une forme ; --format csv ne s'applique pas"),
        "{err}"
    );
}

#[test]
fn a_french_answer_quotes_the_french_text() {
    // An English question matches the English of a service; a French reader reads its French.
    let v = crate::common::json(&[
        "--lang",
        "fr",
        "who-handles",
        "methodological",
        "questions",
        "about",
        "opening",
        "data",
        "--json",
    ]);
    let open_data = v
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "ouverture-donnees")
        .unwrap();
    let because = open_data["because"].as_str().unwrap();
    assert!(
        because.contains("service «Questions méthodologiques"),
        "{because}"
    );
    assert!(!because.contains("Methodological"), "{because}");
    // And the other way round.
    let v = crate::common::json(&[
        "--lang",
        "en",
        "who-handles",
        "monter",
        "une",
        "instance",
        "uData",
        "--json",
    ]);
    let because = v[0]["because"].as_str().unwrap();
    assert!(because.contains("service «Set up an instance"), "{because}");
    assert!(!because.contains("Monter"), "{because}");
}

// --- widths ---

#[test]
fn tables_fit_in_display_columns() {
    let dir = tempfile::tempdir().unwrap();
    // Tables wrap at spaces only: words short enough to fit.
    let cjk = "数据开放 平台数据 开放平台 团队 数据开放 平台数据 开放平台 한국어 팀 한국어 팀";
    let emoji = "Équipe 🚀🚀🚀 données 🎉🎉 ouvertes 🚀🚀🚀🚀🚀🚀 publiques";
    let decomposed =
        "E\u{301}quipe de\u{301}cisions publiques e\u{301}tat e\u{301}te\u{301} de\u{301}mocratie";
    let path = catalogue(
        dir.path(),
        &[
            ("a", cjk, cjk),
            ("b", emoji, emoji),
            ("c", decomposed, decomposed),
        ],
    );
    for args in [
        &["list"][..],
        &["list", "--kind", "team"],
        &["show", "a"],
        &["show", "c"],
        &["resources"],
        &["topics"],
        &["who-handles", "commun"],
    ] {
        for columns in ["80", "60"] {
            let out = ecosys()
                .env("COLUMNS", columns)
                .args(["--catalogue", &path])
                .args(args)
                .output()
                .unwrap();
            let text = String::from_utf8(out.stdout).unwrap();
            let max: usize = columns.parse().unwrap();
            for line in text.lines() {
                let width = unicode_width::UnicodeWidthStr::width(line);
                assert!(
                    width <= max,
                    "{args:?} at {columns}: {width} columns: {line}"
                );
            }
        }
    }
}

// --- Markdown ---

#[test]
fn markdown_output_cannot_be_turned_into_markup() {
    let dir = tempfile::tempdir().unwrap();
    let path = catalogue(
        dir.path(),
        &[
            ("evil", "Team &#x202E;evil", "# Fake heading"),
            (
                "list",
                "- [x] done <b>bold</b>",
                "> quote *em* `code` 2021. year",
            ),
        ],
    );
    for args in [
        &["checklist"][..],
        &["show", "evil", "--format", "markdown"],
        &["list", "--format", "markdown"],
        &["resources", "--format", "markdown"],
    ] {
        let text = stdout(&[&["--catalogue", &path][..], args].concat());
        assert!(
            !text.contains(" &#x202E;"),
            "{args:?}: an entity stays text\n{text}"
        );
        assert!(text.contains("\\&#x202E;"), "{args:?}\n{text}");
        for line in text.lines() {
            let line = line.trim_start_matches("- ").trim_start_matches("| ");
            assert!(!line.starts_with("# Fake"), "{args:?}: a heading: {line}");
            assert!(!line.starts_with("> "), "{args:?}: a quote: {line}");
            assert!(!line.contains("<b>"), "{args:?}: raw HTML: {line}");
            assert!(!line.starts_with("[x]"), "{args:?}: {line}");
        }
    }
    let checklist = stdout(&["--catalogue", &path, "checklist"]);
    assert!(checklist.contains("\n\\# Fake heading\n"), "{checklist}");
    assert!(
        checklist.contains("## \\- \\[x\\] done \\<b\\>bold\\</b\\>"),
        "{checklist}"
    );
    assert!(
        checklist.contains("- \\> quote \\*em\\* \\`code\\` 2021. year"),
        "{checklist}"
    );
}

// --- invisible characters, formulas ---

#[test]
fn every_invisible_character_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let hidden = [
        '\u{fe0f}',
        '\u{e0100}',
        '\u{3164}',
        '\u{115f}',
        '\u{2800}',
        '\u{34f}',
        '\u{ffa0}',
        '\u{180b}',
        '\u{17b4}',
    ];
    let name: String = hidden.iter().map(|c| format!("x{c}")).collect();
    let path = catalogue(dir.path(), &[("a", &name, &name)]);
    for format in ["table", "csv", "tsv", "markdown"] {
        for args in [&["list"][..], &["show", "a"], &["who-handles", "commun"]] {
            let out = ecosys()
                .args(["--catalogue", &path, "--format", format])
                .args(args)
                .output()
                .unwrap();
            if out.status.code() == Some(2) {
                continue; // a format the command does not print
            }
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(!text.contains(hidden), "{format} {args:?}: {text:?}");
            assert!(
                text.contains("\\u{fe0f}") && text.contains("\\u{e0100}"),
                "{format} {args:?}: {text}"
            );
        }
    }
}

#[test]
fn formula_signs_after_spaces_or_line_breaks_are_defused() {
    let dir = tempfile::tempdir().unwrap();
    let path = catalogue(
        dir.path(),
        &[
            ("a", "  =HYPERLINK(\"http://x\")", "\n@SUM(A1)"),
            ("b", " \r\n+1", "plain - text"),
        ],
    );
    for format in ["csv", "tsv"] {
        let text = stdout(&["--catalogue", &path, "list", "--format", format]);
        for cell in ["'  =HYPERLINK(", "' @SUM(A1)", "'   +1", "plain - text"] {
            assert!(text.contains(cell), "{format}: {cell:?} in {text:?}");
        }
    }
}

// --- what clap and man print ---

#[test]
fn clap_errors_go_through_the_sanitiser() {
    let out = ecosys()
        .arg("\u{1b}]0;pwned\u{7}\u{202e}")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{err:?}");
    assert!(err.contains("\\u{1b}]0;pwned\\u{7}\\u{202e}"), "{err}");
    let out = ecosys()
        .args(["who-handles", "--limit", "\u{9b}31m", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("\\u{9b}31m") && !err.contains('\u{9b}'),
        "{err}"
    );
}

#[test]
fn the_manual_page_has_no_stray_font_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), "ecosys.1", &stdout(&["man"]));
    let out = hermetic("man")
        .args(["-l", &page])
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .output()
        .expect("`man` is needed (.ci/run installs man-db)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("ENVIRONMENT"), "{text}");
    for stray in ["\\f", "\\-", "fB", "fR"] {
        assert!(!text.contains(stray), "{stray} in the rendered page");
    }
    assert!(text.contains("when --lang is not given"), "{text}");
}

// --- a terminal one column wide ---

#[test]
fn a_one_column_terminal_gets_a_table() {
    // A pseudo-terminal of 1 column by 24 lines on stdout.
    let out = crate::common::on_a_terminal(&["who-handles", "problème", "juridique"], &[], 1)
        .expect("python3 runs the pseudo-terminal");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("direction-juridique"), "{text}");
    assert!(text.contains("→ "), "the guide's note: {text}");
}
