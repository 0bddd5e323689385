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

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use score::Question;

/// Asks every question through one `BIN who-handles --stdin` and returns the ids of each
/// answer, in question order.
pub fn answers(
    bin: &Path,
    catalogue: &Path,
    questions: &[Question],
) -> Result<Vec<Vec<String>>, String> {
    let mut child = Command::new(bin)
        .arg("--catalogue")
        .arg(catalogue)
        .args(["who-handles", "--stdin"])
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let mut stdin = child.stdin.take().expect("piped");
    let input: String = questions.iter().map(|q| format!("{}\n", q.query)).collect();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let stdout = BufReader::new(child.stdout.take().expect("piped"));
    let mut all = Vec::with_capacity(questions.len());
    for (line, q) in stdout.lines().zip(questions) {
        let line = line.map_err(|e| e.to_string())?;
        let value: serde_json::Value = serde_json::from_str(&line).map_err(|e| e.to_string())?;
        if value["question"].as_str() != Some(q.query.trim_end_matches('\r')) {
            return Err(format!("{}: answers out of step with questions", q.place));
        }
        let ids = value["matches"]
            .as_array()
            .ok_or_else(|| format!("{}: no matches array", q.place))?
            .iter()
            .filter_map(|m| m["id"].as_str().map(str::to_string))
            .collect();
        all.push(ids);
    }
    writer.join().expect("writer").map_err(|e| e.to_string())?;
    child.wait().map_err(|e| e.to_string())?;
    if all.len() != questions.len() {
        return Err(format!(
            "{} answers to {} questions",
            all.len(),
            questions.len()
        ));
    }
    Ok(all)
}

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
    let answers = answers(&bin, &root.join("catalogue.json"), &questions).unwrap_or_else(|e| {
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
