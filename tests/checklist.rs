//! The checklist has things to do, from the guide, in Markdown and as data.

use crate::common::{json, stdout};

#[test]
fn the_checklist_has_the_tasks_the_guide_implies() {
    let md = stdout(&["--lang", "fr", "checklist"]);
    assert!(md.contains("## À faire"), "{md}");
    for (needle, entity) in [
        ("AMDAC", "amdac"),
        ("direction juridique", "direction-juridique"),
        ("SILL", "logiciels-libres"),
        ("accessibilité", "design"),
    ] {
        assert!(
            md.lines()
                .any(|l| l.starts_with("- [ ] ") && l.contains(needle) && l.contains(entity)),
            "no task about {needle}:\n{md}"
        );
    }
}

#[test]
fn json_gives_the_same_content_as_data() {
    let md = stdout(&["checklist"]);
    let data = json(&["checklist", "--format", "json"]);
    let tasks = data["tasks"].as_array().unwrap();
    assert!(tasks.len() >= 4);
    for task in tasks {
        assert_eq!(task["done"], false);
        let text = task["text"].as_str().unwrap();
        let line = format!("- [ ] {text} (`{}`)", task["entity"].as_str().unwrap());
        assert!(md.contains(&line), "{line}");
    }
    for entity in data["entities"].as_array().unwrap() {
        let id = entity["id"].as_str().unwrap();
        assert!(md.contains(&format!("(`{id}`)")), "{id}");
        for read in entity["read"].as_array().unwrap() {
            assert!(md.contains(read["url"].as_str().unwrap()));
        }
    }
    // Task ids are stable, for scripts that track progress.
    assert!(tasks.iter().any(|t| t["id"] == "look-at-the-sill"));
}

#[test]
fn tasks_follow_the_teams_asked_for() {
    let data = json(&["checklist", "design", "--format", "json"]);
    let tasks = data["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0]["entity"], "design");
}
