//! Runs our own question suite (tests/questions.tsv) through the real binary.

use assert_cmd::Command;

struct Question {
    line: usize,
    query: String,
    top1: Vec<String>,
    top3: Vec<String>,
}

fn questions() -> Vec<Question> {
    let text = include_str!("questions.tsv");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1) // header
        .map(|(n, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            let ids = |i: usize| -> Vec<String> {
                cols.get(i)
                    .map(|c| {
                        c.split('|')
                            .filter(|s| !s.is_empty())
                            .map(String::from)
                            .collect()
                    })
                    .unwrap_or_default()
            };
            Question {
                line: n + 1,
                query: cols[0].to_string(),
                top1: ids(1),
                top3: ids(2),
            }
        })
        .collect()
}

fn ask(query: &str) -> (i32, Vec<String>) {
    let out = Command::cargo_bin("ecosys")
        .unwrap()
        .args(["who-handles", "--format", "json", "--", query])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{query:?}: stdout is not JSON: {e}"));
    let ids = json
        .as_array()
        .expect("an array")
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect();
    (out.status.code().unwrap(), ids)
}

#[test]
fn the_suite_is_big_and_varied() {
    let all = questions();
    assert!(all.len() >= 60, "only {} questions", all.len());
    assert!(all.iter().filter(|q| q.top1 == ["-"]).count() >= 5);
    assert!(all.iter().filter(|q| !q.top3.is_empty()).count() >= 5);
}

#[test]
fn every_question_gets_the_expected_answer() {
    let mut failures = Vec::new();
    let all = questions();
    for q in &all {
        let (code, ids) = ask(&q.query);
        let ok = if q.top1 == ["-"] {
            code == 1 && ids.is_empty()
        } else {
            code == 0
                && ids.first().is_some_and(|id| q.top1.contains(id))
                && q.top3.iter().all(|t| ids.iter().take(3).any(|id| id == t))
        };
        if !ok {
            failures.push(format!(
                "line {}: {:?}: expected {:?} first{}, got exit {code} {:?}",
                q.line,
                q.query,
                q.top1,
                if q.top3.is_empty() {
                    String::new()
                } else {
                    format!(" and {:?} in top 3", q.top3)
                },
                &ids[..ids.len().min(3)]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} questions failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}
