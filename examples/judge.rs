//! Shows how `who-handles` judges questions on the embedded catalogue: each word's tag and
//! weight, and every candidate with its features and the answer model's probability. A tuning
//! aid for catalogue authors (the README's "Adding paraphrases" section).
//!
//! Usage: cargo run --release --example judge -- "question" ["question"…]

use ecosys::search::{self, Index, MODEL, Query, features};

fn main() {
    let none: &[&std::path::Path] = &[];
    let catalogue = ecosys::catalogue::load(None, none).expect("the embedded catalogue");
    let index = Index::build(&catalogue);
    for question in std::env::args().skip(1) {
        println!("{question}");
        let query = Query::read(&question, &index);
        for t in &query.tokens {
            let weight = match query.words.iter().position(|w| w.token.folded == t.folded) {
                Some(w) if t.is_content() => format!("weight {:.2}", query.weights[w]),
                _ => String::new(),
            };
            println!(
                "  {:<20} {:<12} {weight}",
                t.folded,
                format!("{:?}", t.kind)
            );
        }
        let ranked = search::rank::rank(&query.words, &index, query.language);
        let judged = search::judge(&catalogue, &index, query, ranked, &MODEL);
        let mut order: Vec<usize> = (0..judged.candidates.len()).collect();
        order.sort_by(|&a, &b| {
            let p = |c: usize| judged.verdicts[c].probability;
            p(b).total_cmp(&p(a))
        });
        for c in order {
            let d = judged.decision(c);
            let named: Vec<String> = features::NAMES
                .iter()
                .zip(d.features.0)
                .filter(|(_, v)| *v != 0.0)
                .map(|(n, v)| format!("{n}={v:.2}"))
                .collect();
            println!(
                "  {} {:<20} p {:.3}  {}",
                if d.probability >= MODEL.bar {
                    "ANSWER "
                } else {
                    "       "
                },
                catalogue.entities[judged.candidates[c].entity].id,
                d.probability,
                named.join(" ")
            );
        }
    }
}
