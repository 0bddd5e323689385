//! Scores `who-handles` on the labelled corpus (`tests/corpus/`): top-1 accuracy, trap rejection
//! and top-3 agreement per split and per category, through one `who-handles --stdin` process.
//!
//! Usage: cargo run --release --example corpus -- [--bin PATH] [--misses train|dev]
//!        [--write-scores]
//!
//! It asks with `--catalogue catalogue.json`: the file the binary embeds once built.
//!
//! `--misses` lists the questions of a split that are not answered as expected; the test split
//! is scored, never read: it has no `--misses`. `--write-scores` records the figures in
//! `tests/corpus/scores.tsv`, the floor the ratchet test holds every later build to.

mod score;

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let mut bin = PathBuf::from("target/release/ecosys");
    let mut misses: Option<String> = None;
    let mut write_scores = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bin" => bin = args.next().expect("--bin PATH").into(),
            "--misses" => misses = args.next(),
            "--write-scores" => write_scores = true,
            other => {
                eprintln!("unknown argument {other:?}; see the file's header");
                std::process::exit(2);
            }
        }
    }
    if misses
        .as_deref()
        .is_some_and(|s| s != "train" && s != "dev")
    {
        eprintln!("--misses takes train or dev: the test split is scored, never read");
        std::process::exit(2);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/corpus");
    let questions = score::load(&dir).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    // The catalogue file, which is what the binary embeds once built (a curator edits it and
    // scores it without a build).
    let mut command = Command::new(&bin);
    command
        .env_clear()
        .arg("--catalogue")
        .arg(root.join("catalogue.json"));
    let answers = score::answers(command, &questions).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let grades: Vec<score::Grade> = (questions.iter().zip(&answers))
        .map(|(q, ids)| q.grade(ids))
        .collect();
    if let Some(split) = &misses {
        for ((q, ids), g) in questions.iter().zip(&answers).zip(&grades) {
            if q.split == *split && !g.pass {
                println!(
                    "{} [{}] {:?}: expected {}{}, got {:?}",
                    q.place,
                    q.category,
                    q.query,
                    q.top1.join("|"),
                    if q.top3.is_empty() {
                        String::new()
                    } else {
                        format!(" with {} in top 3", q.top3.join("|"))
                    },
                    &ids[..ids.len().min(3)]
                );
            }
        }
    }
    let tallies = score::tally(&questions, &grades);
    print!("{}", score::report(&tallies));
    if write_scores {
        let path = dir.join("scores.tsv");
        std::fs::write(&path, score::scores(&tallies)).expect("write scores");
        println!("wrote {}", path.display());
    }
}
