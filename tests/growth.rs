//! Big catalogues are answered whole, at once: `checklist` on a deep team tree and on many
//! entities, `topics` as a table. A guard against hangs, not a speed goal: the growth from n
//! to 8n is measured by bench/hostile.sh.

use std::time::Duration;

use serde_json::json;

use crate::common::ecosys;

const HANG_GUARD: Duration = Duration::from_secs(60);

/// A catalogue of `n` teams, each the child of the one before (`chain`) or all children of
/// the first, each with a service and three topics.
fn catalogue(dir: &tempfile::TempDir, n: usize, chain: bool) -> String {
    let entities: Vec<_> = (0..n)
        .map(|i| {
            let parent = match (i, chain) {
                (0, _) => None,
                (_, true) => Some(format!("e{}", i - 1)),
                (_, false) => Some("e0".to_string()),
            };
            json!({"id": format!("e{i}"), "name": format!("Équipe {i}"), "kind": "team",
                   "parent": parent, "summary": "S", "source": "s", "services": [format!("s{i}")],
                   "topics": [format!("sujet {i}"), "commun", format!("thème {}", i % 97)]})
        })
        .collect();
    let doc = json!({"schema_version": 1, "source": {"title": "t"}, "entities": entities});
    let path = dir.path().join("big.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    path.to_str().unwrap().to_string()
}

fn run(path: &str, args: &[&str]) -> String {
    let out = ecosys()
        .args(["--catalogue", path])
        .args(args)
        .timeout(HANG_GUARD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn checklist_covers_a_deep_tree_and_a_wide_one() {
    let n = 5_000;
    for chain in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let path = catalogue(&dir, n, chain);
        let md = run(&path, &["checklist"]);
        assert_eq!(md.matches("\n## Équipe").count(), n, "chain: {chain}");
        // Each team under its parent's name.
        assert!(
            md.contains("## Équipe 4999 (`e4999`)\n\n*Équipe "),
            "chain: {chain}"
        );
    }
}

#[test]
fn topics_as_a_table_lists_every_topic() {
    let n = 5_000;
    let dir = tempfile::tempdir().unwrap();
    let path = catalogue(&dir, n, false);
    let table = run(&path, &["topics"]);
    let tsv = run(&path, &["topics", "--format", "tsv"]);
    let rows = tsv.lines().count() - 1;
    assert_eq!(rows, 3 * n);
    // One line a row (every row fits), under a header and its rule.
    assert_eq!(table.lines().count(), rows + 2);
    assert!(table.lines().all(|l| l.chars().count() <= 80));
}

/// A parent cycle through every entity of a big catalogue is one short line: its first ids,
/// then `…` and how many more (not a line of megabytes naming them all).
#[test]
fn a_huge_parent_cycle_is_one_short_line() {
    let n = 20_000;
    let dir = tempfile::tempdir().unwrap();
    let path = catalogue(&dir, n, true);
    let ring = json!({"schema_version": 1, "source": {"title": "ring"},
                      "entities": [{"id": "e0", "parent": format!("e{}", n - 1)}]});
    let overlay = dir.path().join("ring.json");
    std::fs::write(&overlay, ring.to_string()).unwrap();
    let overlay = overlay.to_str().unwrap();
    for (args, status) in [
        (vec!["--overlay", overlay, "list"], 2),
        (vec!["validate", overlay], 1),
    ] {
        let out = ecosys()
            .args(["--catalogue", &path])
            .args(&args)
            .timeout(HANG_GUARD)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(status), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap() + &String::from_utf8_lossy(&out.stderr);
        let cycle = text.lines().find(|l| l.contains("parent cycle: ")).unwrap();
        assert!(
            cycle.chars().count() < 1_200,
            "{args:?}: {} characters",
            cycle.len()
        );
        assert!(cycle.contains(&format!("e0 -> e{} -> ", n - 1)), "{cycle}");
        assert!(
            cycle.contains(&format!(" -> … ({} more) -> e0", n - 10)),
            "{cycle}"
        );
    }
}
