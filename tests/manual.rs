//! The manual page is complete, and completions offer ids wherever an id is expected.

use crate::common::stdout;

/// The manual page as `man` renders it.
fn rendered_man() -> String {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("ecosys.1");
    std::fs::write(&page, stdout(&["man"])).unwrap();
    let out = crate::common::hermetic("man")
        .arg("-l")
        .arg(&page)
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .env("MAN_KEEP_FORMATTING", "0")
        .output()
        .expect("`man` is needed to test the manual page (.ci/run installs man-db)");
    assert!(out.status.success());
    // No bold or underline overstrikes.
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut plain = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if chars.peek() == Some(&'\u{8}') {
            chars.next();
            continue;
        }
        plain.push(c);
    }
    plain
}

#[test]
fn the_manual_has_every_section() {
    let text = rendered_man();
    for section in [
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "COMMANDS",
        "ENVIRONMENT",
        "EXIT STATUS",
        "FILES",
        "EXAMPLES",
    ] {
        assert!(
            text.lines().any(|l| l.trim_end() == section),
            "no {section} section in\n{text}"
        );
    }
    for variable in [
        "ECOSYS_CATALOGUE",
        "ECOSYS_OVERLAY",
        "NO_COLOR",
        "COLUMNS",
        "LANG",
    ] {
        assert!(text.contains(variable), "{variable}");
    }
}

#[test]
fn the_manual_documents_every_command_and_its_options() {
    let text = rendered_man();
    for command in [
        "list",
        "show",
        "resources",
        "who-handles",
        "topics",
        "checklist",
        "validate",
        "schema",
        "completions",
        "man",
        "import",
        "drift",
    ] {
        assert!(text.contains(&format!("ecosys {command}")), "{command}");
    }
    for option in [
        "--stdin",
        "--lang",
        "--limit",
        "--explain",
        "--kind",
        "--parent",
        "--entity",
        "--format",
        "--overlay",
        "--catalogue",
        "--label",
        "--labels",
    ] {
        assert!(text.contains(option), "{option} is not documented");
    }
}

#[test]
fn the_manual_cites_no_page_that_does_not_exist() {
    let roff = stdout(&["man"]);
    assert!(!roff.contains("ecosys-"), "cites a per-command page");
    assert!(!roff.contains("(1)"), "cites a manual page");
}

/// What bash completes for `words` (the last one being completed).
fn bash_complete(words: &[&str]) -> Vec<String> {
    let bin = crate::common::binary();
    let line = words.join(" ");
    let array = words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let script = format!(
        r#"source <("{bin}" completions bash) || exit 3
COMP_WORDS=({array}); COMP_CWORD={cword}; COMP_LINE="{line}"; COMP_POINT=${{#COMP_LINE}}
_ecosys ecosys '{cur}' '{prev}'
printf '%s\n' "${{COMPREPLY[@]}}""#,
        bin = bin,
        cword = words.len() - 1,
        cur = words[words.len() - 1],
        prev = words[words.len() - 2],
    );
    let out = crate::common::hermetic("bash")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_ids_after_parent_and_entity() {
    assert_eq!(
        bash_complete(&["ecosys", "list", "--parent", "eta"]),
        ["etalab"]
    );
    assert_eq!(
        bash_complete(&["ecosys", "topics", "--entity", "lab"]),
        ["lab-ia"]
    );
    assert_eq!(bash_complete(&["ecosys", "show", "cn"]), ["cnil"]);
}

#[test]
fn zsh_and_fish_complete_ids_after_parent_and_entity() {
    let zsh = stdout(&["completions", "zsh"]);
    for option in ["--parent=", "--entity="] {
        let line = zsh.lines().find(|l| l.contains(option)).unwrap();
        assert!(line.contains("lab-ia"), "zsh {option}: {line}");
    }
    let fish = stdout(&["completions", "fish"]);
    for option in ["-l parent", "-l entity"] {
        // The values may span lines, up to the next `complete`.
        let at = fish.find(option).unwrap();
        let rest = &fish[at..];
        let spec = &rest[..rest.find("\ncomplete ").unwrap_or(rest.len())];
        assert!(spec.contains("lab-ia"), "fish {option}: {spec}");
    }
}

#[test]
fn completions_and_help_know_import_and_drift() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(&["completions", shell]);
        for word in ["import", "drift", "labels"] {
            assert!(script.contains(word), "{shell}: {word}");
        }
    }
    assert_eq!(bash_complete(&["ecosys", "dri"]), ["drift"]);
    let help = stdout(&["--help"]);
    assert!(help.contains("import") && help.contains("drift"), "{help}");
    let help = stdout(&["drift", "--help"]);
    assert!(help.contains("exit status 1"), "{help}");
}
