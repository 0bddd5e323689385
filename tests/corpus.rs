//! The labelled question corpus (tests/corpus/, see its README): big, varied and independent
//! enough not to be tuned to, and a ratchet — no split's figures may fall below those committed
//! in tests/corpus/scores.tsv. One `who-handles --stdin` process answers every question.

#[path = "../examples/corpus/score.rs"]
mod score;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::ecosys_std;

fn corpus() -> Vec<score::Question> {
    score::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")).unwrap()
}

#[test]
fn the_corpus_is_large_varied_and_independent() {
    let all = corpus();
    assert!(all.len() >= 1500, "only {} questions", all.len());
    let traps = all.iter().filter(|q| q.is_trap()).count();
    assert!(traps * 3 >= all.len(), "{traps} traps of {}", all.len());
    // Authors who wrote from the guide alone (the v2- suites were tuned on by earlier work).
    let authors: BTreeSet<&str> = (all.iter())
        .map(|q| q.author.as_str())
        .filter(|a| !a.starts_with("v2-"))
        .collect();
    assert!(authors.len() >= 5, "{authors:?}");
    for author in &authors {
        for category in score::CATEGORIES {
            let n = (all.iter())
                .filter(|q| q.author == *author && q.category == category)
                .count();
            assert!(n >= 10, "{author} wrote {n} {category} questions");
        }
    }
    // At least one whole author is scored only, and the earlier suites never are.
    assert!(authors.iter().any(|a| {
        all.iter()
            .filter(|q| q.author == *a)
            .all(|q| q.split == "test")
    }));
    assert!(
        all.iter()
            .filter(|q| q.author.starts_with("v2-"))
            .all(|q| q.split != "test")
    );
    for split in score::SPLITS {
        assert!(
            all.iter().filter(|q| q.split == split).count() >= 200,
            "{split}"
        );
    }
}

#[test]
fn the_same_question_stands_in_one_split() {
    let mut splits: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for q in corpus() {
        // As scripts/split-corpus.py compares them: case, accents and punctuation aside.
        let folded = ecosys::text::fold(&q.query);
        let words: Vec<&str> = (folded.split(|c: char| !c.is_ascii_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        let key = words.join(" ");
        splits.entry(key).or_default().insert(q.split);
    }
    let leaks: Vec<_> = splits.iter().filter(|(_, s)| s.len() > 1).collect();
    assert!(leaks.is_empty(), "{leaks:?}");
}

#[test]
fn no_figure_falls_below_the_committed_one() {
    let questions = corpus();
    let answers = score::answers(ecosys_std(), &questions).unwrap();
    let grades: Vec<score::Grade> = (questions.iter().zip(&answers))
        .map(|(q, ids)| q.grade(ids))
        .collect();
    let tallies = score::tally(&questions, &grades);
    let committed = score::parse_scores(include_str!("corpus/scores.tsv")).unwrap();
    let mut fallen = Vec::new();
    for (key, floor) in &committed {
        let t = tallies.get(key).copied().unwrap_or_default();
        let now = [t.questions, t.passed, t.top1, t.rejected, t.top3];
        if now[0] != floor[0] || now[1..].iter().zip(&floor[1..]).any(|(n, f)| n < f) {
            fallen.push(format!("{key:?}: committed {floor:?}, now {now:?}"));
        }
    }
    assert!(
        fallen.is_empty(),
        "below the committed figures (questions, passed, top-1, traps rejected, top-3):\n{}\n{}",
        fallen.join("\n"),
        score::report(&tallies)
    );
}
