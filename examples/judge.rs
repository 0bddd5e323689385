//! Shows how `who-handles` judges questions on the embedded catalogue: each word's weight,
//! and every candidate with the share of the question it explains. A tuning aid for catalogue
//! authors (the README's "Adding paraphrases" section).
//!
//! Usage: cargo run --release --example judge -- "question" ["question"…]

use ecosys::search::{self, Index, judge};

fn main() {
    let none: &[&std::path::Path] = &[];
    let catalogue = ecosys::catalogue::load(None, none).expect("the embedded catalogue");
    let index = Index::build(&catalogue);
    for question in std::env::args().skip(1) {
        println!("{question}");
        let words = search::resolve::resolve(&question, &index);
        for w in &words {
            println!(
                "  word {:<20} weight {:.2}  matches {}",
                w.token.folded,
                judge::specificity(&w.token.folded),
                w.hits.len()
            );
        }
        let answer = search::search(&catalogue, &index, &question);
        for m in &answer.matches {
            println!(
                "  ANSWER  {:<20} coverage {:.2} score {:.2}",
                catalogue.entities[m.entity].id, m.coverage, m.score
            );
        }
        for d in &answer.dropped {
            let words: Vec<String> = d
                .why
                .iter()
                .map(|w| format!("{}→{}", w.query, w.field))
                .collect();
            println!(
                "  dropped {:<20} coverage {:.2}  {}",
                catalogue.entities[d.entity].id,
                d.coverage,
                words.join(" ")
            );
        }
    }
}
