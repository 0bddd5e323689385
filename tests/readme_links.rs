//! The README points nowhere outside the repository, the docs' links name files of it, and
//! the README says what the tests need.

#[test]
fn the_readme_points_nowhere_outside_the_repository() {
    let readme = include_str!("../README.md");
    let mut in_code = false;
    for (n, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        // Example output shows the catalogue's URLs; the prose links nowhere else.
        if in_code {
            assert!(!line.contains("../"), "line {}: {line}", n + 1);
            continue;
        }
        assert!(
            !line.contains("](http"),
            "line {}: a link outside: {line}",
            n + 1
        );
        assert!(
            !line.contains("../"),
            "line {}: a path outside: {line}",
            n + 1
        );
        // Relative links name files of the repository.
        for target in line.split("](").skip(1) {
            let target = target.split(')').next().unwrap_or("");
            let path = target.split('#').next().unwrap_or("");
            if !path.is_empty() {
                assert!(
                    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                        .join(path)
                        .exists(),
                    "line {}: {path} does not exist",
                    n + 1
                );
            }
        }
    }
}

#[test]
fn the_docs_link_to_files_that_exist() {
    for path in crate::readme::documents() {
        let text = std::fs::read_to_string(&path).unwrap();
        let dir = path.parent().unwrap();
        let mut in_code = false;
        for (n, line) in text.lines().enumerate() {
            if line.starts_with("```") {
                in_code = !in_code;
            }
            if in_code {
                continue;
            }
            for target in line.split("](").skip(1) {
                let target = target.split(')').next().unwrap_or("");
                let file = target.split('#').next().unwrap_or("");
                if !file.is_empty() && !file.starts_with("http") {
                    assert!(
                        dir.join(file).exists(),
                        "{}:{}: {file} does not exist",
                        path.display(),
                        n + 1
                    );
                }
            }
        }
    }
}

#[test]
fn the_readme_says_what_the_tests_need() {
    let readme = include_str!("../README.md");
    let top: String = readme.lines().take(40).collect::<Vec<_>>().join("\n");
    for needed in ["`jq`", "`man`", "`node`", ".ci/run", "first `cargo test`"] {
        assert!(top.contains(needed), "{needed}");
    }
}
