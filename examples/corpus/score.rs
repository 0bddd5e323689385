//! The labelled question corpus (`tests/corpus/*.tsv`) and how an answer to one of its
//! questions is graded. Shared by the report (`cargo run --release --example corpus`), the
//! answer model's fitting (`examples/fit.rs`) and the ratchet test (`tests/corpus.rs`).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// The columns of a corpus file, in order.
pub const HEADER: &str = "query\ttop1\ttop3\tcategory\tauthor\tsplit\tnote";
/// The kinds of question every author writes.
pub const CATEGORIES: [&str; 6] = [
    "fr-chat",
    "english",
    "paraphrase",
    "keywords",
    "context",
    "trap",
];
/// The splits: fitted on, chosen on, scored on.
pub const SPLITS: [&str; 3] = ["train", "dev", "test"];

/// One labelled question.
#[derive(Debug, Clone)]
pub struct Question {
    pub query: String,
    /// Ids accepted first; `["-"]` for a trap (the guide names no one).
    pub top1: Vec<String>,
    /// Ids that must all be among the first three answers.
    pub top3: Vec<String>,
    pub category: String,
    pub author: String,
    pub split: String,
    /// `file:line`, for messages.
    pub place: String,
}

impl Question {
    pub fn is_trap(&self) -> bool {
        self.top1 == ["-"]
    }

    /// Whether an answer (ids, best first; empty for "nothing") is the expected one.
    pub fn grade(&self, ids: &[String]) -> Grade {
        if self.is_trap() {
            return Grade {
                pass: ids.is_empty(),
                top1: ids.is_empty(),
                top3: None,
            };
        }
        let top1 = ids.first().is_some_and(|id| self.top1.contains(id));
        let first3 = &ids[..ids.len().min(3)];
        let top3 = (!self.top3.is_empty()).then(|| self.top3.iter().all(|t| first3.contains(t)));
        Grade {
            pass: top1 && top3 != Some(false),
            top1,
            top3,
        }
    }
}

/// How one answer fared.
#[derive(Debug, Clone, Copy)]
pub struct Grade {
    /// The question is answered as expected.
    pub pass: bool,
    /// The first answer is an accepted one (for a trap: nothing).
    pub top1: bool,
    /// The required ids are in the first three, when some are required.
    pub top3: Option<bool>,
}

/// Reads every `*.tsv` of `dir`, in file-name order; an error names the file and line.
pub fn load(dir: &Path) -> Result<Vec<Question>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv") && !p.ends_with("scores.tsv"))
        .collect();
    files.sort();
    let mut questions = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let name = file
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        questions.extend(parse(&name, &text)?);
    }
    Ok(questions)
}

/// Parses one corpus file.
pub fn parse(name: &str, text: &str) -> Result<Vec<Question>, String> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header == HEADER => {}
        _ => return Err(format!("{name}:1: the header must be {HEADER:?}")),
    }
    let ids = |cell: &str| -> Vec<String> {
        cell.split('|')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut questions = Vec::new();
    for (n, line) in lines {
        let place = format!("{name}:{}", n + 1);
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 7 {
            return Err(format!("{place}: {} columns, not 7", cols.len()));
        }
        let question = Question {
            query: cols[0].to_string(),
            top1: ids(cols[1]),
            top3: ids(cols[2]),
            category: cols[3].to_string(),
            author: cols[4].to_string(),
            split: cols[5].to_string(),
            place,
        };
        if question.query.trim().is_empty() || question.query.trim_start().starts_with('#') {
            return Err(format!(
                "{}: a question can be neither blank nor a `#` line",
                question.place
            ));
        }
        if !CATEGORIES.contains(&question.category.as_str()) {
            return Err(format!(
                "{}: no category {:?}",
                question.place, question.category
            ));
        }
        if !SPLITS.contains(&question.split.as_str()) {
            return Err(format!("{}: no split {:?}", question.place, question.split));
        }
        if question.top1.is_empty() || (question.is_trap() != (question.category == "trap")) {
            return Err(format!(
                "{}: a trap is category `trap` with top1 `-`, and only a trap",
                question.place
            ));
        }
        questions.push(question);
    }
    Ok(questions)
}

/// Counts for one group of questions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub questions: usize,
    /// Answered as expected.
    pub passed: usize,
    pub answerable: usize,
    /// Answerable questions whose first answer is an accepted one.
    pub top1: usize,
    pub traps: usize,
    /// Traps answered "nothing".
    pub rejected: usize,
    /// Questions with required top-3 ids.
    pub ordered: usize,
    /// ... that have them in the first three.
    pub top3: usize,
}

impl Tally {
    pub fn add(&mut self, q: &Question, g: Grade) {
        self.questions += 1;
        self.passed += usize::from(g.pass);
        if q.is_trap() {
            self.traps += 1;
            self.rejected += usize::from(g.pass);
        } else {
            self.answerable += 1;
            self.top1 += usize::from(g.top1);
        }
        if let Some(ok) = g.top3 {
            self.ordered += 1;
            self.top3 += usize::from(ok);
        }
    }

    pub fn accuracy(&self) -> f64 {
        ratio(self.passed, self.questions)
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

/// Tallies by (split, category), with `all` rows for each split's total.
pub fn tally(questions: &[Question], grades: &[Grade]) -> BTreeMap<(String, String), Tally> {
    let mut tallies: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for (q, g) in questions.iter().zip(grades) {
        for category in [q.category.as_str(), "all"] {
            let key = (q.split.clone(), category.to_string());
            tallies.entry(key).or_default().add(q, *g);
        }
    }
    tallies
}

/// The tallies as a table for people, split by split.
pub fn report(tallies: &BTreeMap<(String, String), Tally>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<6} {:<11} {:>5}  {:>15}  {:>15}  {:>15}  {:>13}",
        "split", "category", "n", "passed", "top-1", "traps rejected", "top-3"
    );
    let cell = |n: usize, d: usize| {
        if d == 0 {
            "-".to_string()
        } else {
            format!("{n}/{d} {:>5.1}%", 100.0 * ratio(n, d))
        }
    };
    for split in SPLITS {
        for category in CATEGORIES.iter().chain(&["all"]) {
            let Some(t) = tallies.get(&(split.to_string(), category.to_string())) else {
                continue;
            };
            let _ = writeln!(
                out,
                "{split:<6} {category:<11} {:>5}  {:>15}  {:>15}  {:>15}  {:>13}",
                t.questions,
                cell(t.passed, t.questions),
                cell(t.top1, t.answerable),
                cell(t.rejected, t.traps),
                cell(t.top3, t.ordered),
            );
        }
    }
    out
}

/// The committed figures (`tests/corpus/scores.tsv`): one line a (split, category).
pub const SCORES_HEADER: &str = "split\tcategory\tquestions\tpassed\ttop1\trejected\ttop3";

pub fn scores(tallies: &BTreeMap<(String, String), Tally>) -> String {
    let mut out = format!("{SCORES_HEADER}\n");
    for ((split, category), t) in tallies {
        let _ = writeln!(
            out,
            "{split}\t{category}\t{}\t{}\t{}\t{}\t{}",
            t.questions, t.passed, t.top1, t.rejected, t.top3
        );
    }
    out
}

/// Parses [`scores`]' output.
pub fn parse_scores(text: &str) -> Result<BTreeMap<(String, String), [usize; 5]>, String> {
    let mut lines = text.lines();
    if lines.next() != Some(SCORES_HEADER) {
        return Err(format!("scores: the header must be {SCORES_HEADER:?}"));
    }
    lines
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let n = |i: usize| -> Result<usize, String> {
                cols.get(i)
                    .and_then(|c| c.parse().ok())
                    .ok_or_else(|| format!("scores: bad line {line:?}"))
            };
            Ok((
                (cols[0].to_string(), cols.get(1).unwrap_or(&"").to_string()),
                [n(2)?, n(3)?, n(4)?, n(5)?, n(6)?],
            ))
        })
        .collect()
}

/// Asks every question through one `ecosys who-handles --stdin` (`ecosys` being `command`,
/// with its environment and global options) and returns the ids of each answer, in question
/// order.
pub fn answers(mut command: Command, questions: &[Question]) -> Result<Vec<Vec<String>>, String> {
    let mut child = command
        .args(["who-handles", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{:?}: {e}", command.get_program()))?;
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
