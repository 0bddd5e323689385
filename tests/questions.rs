//! Runs our own question suites through the real binary: tests/questions.tsv (keywords, typos,
//! acronyms, orders) and tests/sentences.tsv (whole sentences as newcomers type them, written
//! from the guide alone by someone who had not read the code: French chat, English,
//! paraphrases, traps that must get nothing, and the context rules).

struct Question {
    kind: String,
    line: usize,
    query: String,
    top1: Vec<String>,
    top3: Vec<String>,
}

fn questions() -> Vec<Question> {
    parse(include_str!("questions.tsv"))
}

fn sentences() -> Vec<Question> {
    parse(include_str!("sentences.tsv"))
}

fn parse(text: &str) -> Vec<Question> {
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
                kind: cols.get(3).unwrap_or(&"").to_string(),
                line: n + 1,
                query: cols[0].to_string(),
                top1: ids(1),
                top3: ids(2),
            }
        })
        .collect()
}

/// The ids each question gets, best first, from one `who-handles --stdin` process for them
/// all (hundreds of processes otherwise): an empty list is an honest "nothing".
fn ask(questions: &[&Question]) -> Vec<Vec<String>> {
    let input: String = questions.iter().map(|q| format!("{}\n", q.query)).collect();
    let out = crate::common::ecosys()
        .args(["who-handles", "--stdin"])
        .write_stdin(input)
        .output()
        .unwrap();
    let answers: Vec<Vec<String>> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let answer: serde_json::Value = serde_json::from_str(line).unwrap();
            answer["matches"]
                .as_array()
                .expect("an array")
                .iter()
                .map(|m| m["id"].as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    assert_eq!(answers.len(), questions.len(), "one answer a question");
    answers
}

#[test]
fn the_suite_is_big_and_varied() {
    let all = questions();
    assert!(all.len() >= 60, "only {} questions", all.len());
    assert!(all.iter().filter(|q| q.top1 == ["-"]).count() >= 5);
    assert!(all.iter().filter(|q| !q.top3.is_empty()).count() >= 5);
}

#[test]
fn the_sentence_suite_is_big_and_covers_every_kind() {
    let all = sentences();
    assert!(all.len() >= 150, "only {} sentences", all.len());
    for kind in ["fr-chat", "en", "paraphrase", "trap", "context", "typo"] {
        let n = all.iter().filter(|q| q.kind == kind).count();
        assert!(n >= 10, "only {n} sentences of kind {kind}");
    }
    assert!(all.iter().filter(|q| q.top1 == ["-"]).count() >= 50);
}

#[test]
fn every_question_gets_the_expected_answer() {
    check(&questions());
}

/// Sentences not yet answered as expected, one per line (see the file's header).
fn known_misses() -> Vec<&'static str> {
    include_str!("sentences-known-misses.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect()
}

#[test]
fn every_sentence_gets_the_expected_answer() {
    let misses = known_misses();
    let all = sentences();
    for miss in &misses {
        assert!(
            all.iter().any(|q| q.query == *miss),
            "known miss {miss:?} is not in tests/sentences.tsv"
        );
    }
    // Few, and never a trap: a wrong answer to an off-topic question is not tolerated.
    assert!(
        misses.len() * 10 <= all.len(),
        "{} known misses",
        misses.len()
    );
    let (expected_misses, rest): (Vec<Question>, Vec<Question>) = all
        .into_iter()
        .partition(|q| misses.contains(&q.query.as_str()));
    assert!(expected_misses.iter().all(|q| q.top1 != ["-"]));
    check(&rest);
    let misses: Vec<&Question> = expected_misses.iter().collect();
    let now_passing: Vec<&str> = misses
        .iter()
        .zip(ask(&misses))
        .filter(|(q, ids)| answered_as_expected(q, ids))
        .map(|(q, _)| q.query.as_str())
        .collect();
    assert!(
        now_passing.is_empty(),
        "answered as expected now, remove from tests/sentences-known-misses.txt: {now_passing:?}"
    );
}

fn answered_as_expected(q: &Question, ids: &[String]) -> bool {
    if q.top1 == ["-"] {
        ids.is_empty()
    } else {
        ids.first().is_some_and(|id| q.top1.contains(id))
            && q.top3.iter().all(|t| ids.iter().take(3).any(|id| id == t))
    }
}

fn check(all: &[Question]) {
    let mut failures = Vec::new();
    let questions: Vec<&Question> = all.iter().collect();
    for (q, ids) in questions.iter().zip(ask(&questions)) {
        if !answered_as_expected(q, &ids) {
            failures.push(format!(
                "line {}: {:?}: expected {:?} first{}, got {:?}",
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
