//! Fits the answer model (`src/search/params.rs`, the block between `BEGIN FITTED` and
//! `END FITTED`) on the corpus's train split, and chooses its regularisation and its bar on
//! dev. The test split is never read.
//!
//! Usage: cargo run --release --example fit [-- --write]
//!
//! - Every candidate of every train question is one example: its features (see
//!   `src/search/features.rs`), labelled 1 when it is an expected answer (an accepted first id
//!   or a required top-3 id), 0 otherwise (every candidate of a trap).
//! - A logistic model is fitted by Newton's method on standardised features with an L2
//!   penalty, for each penalty of a grid and each number of best-ranked candidates learnt from.
//! - For each of those, and each bar from 0.05 to 0.95, the whole pipeline answers the dev
//!   questions; each fit keeps its best bar (ties: the bar nearest 0.5). Among the fits, the
//!   one-standard-error rule chooses: the most regularised whose dev accuracy is within one
//!   standard error of the best (ties: fewer candidates learnt from).
//! - `--write` writes the winner into `src/search/params.rs`; rebuild, then record the new
//!   figures with `cargo run --release --example corpus -- --write-scores`.

#[path = "corpus/score.rs"]
mod score;

use std::path::Path;

use ecosys::catalogue::Catalogue;
use ecosys::search::{self, Index, MODEL, Model, Prepared, features};

const PENALTIES: [f64; 5] = [0.001, 0.01, 0.1, 1.0, 10.0];
/// How many of a question's best-ranked candidates it learns from (every order's steps too):
/// the answer is chosen among the first few, so the far tail need not be modelled.
const TOPS: [usize; 4] = [2, 3, 5, usize::MAX];

fn main() {
    let write = std::env::args().any(|a| a == "--write");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let questions = score::load(&root.join("tests/corpus")).expect("the corpus");
    let train: Vec<&score::Question> = questions.iter().filter(|q| q.split == "train").collect();
    let dev: Vec<&score::Question> = questions.iter().filter(|q| q.split == "dev").collect();
    // The catalogue file, not the embedded copy: a curator refits after editing it, unbuilt.
    let file = root.join("catalogue.json");
    let catalogue: Catalogue = ecosys::catalogue::load(Some(&file), &[] as &[&Path])
        .unwrap_or_else(|e| panic!("catalogue.json: {e}"));
    let index = Index::build(&catalogue);

    let mut fits: Vec<Model> = Vec::new();
    let mut grid: Vec<(usize, f64)> = Vec::new();
    for top in TOPS {
        let (x, y) = examples(&catalogue, &index, &train, top);
        println!(
            "train: {} questions, top {top}: {} candidates ({} expected answers); dev: {} questions",
            train.len(),
            x.len(),
            y.iter().filter(|&&v| v).count(),
            dev.len()
        );
        for l in PENALTIES {
            fits.push(fit(&x, &y, l));
            grid.push((top, l));
        }
    }
    let bars: Vec<f64> = (5..=95).map(|b| f64::from(b) / 100.0).collect();
    let trials: Vec<Model> = fits
        .iter()
        .flat_map(|m| bars.iter().map(move |&bar| Model { bar, ..*m }))
        .collect();
    let mut prepared: Vec<Prepared> = dev
        .iter()
        .map(|q| search::prepare(&catalogue, &index, &q.query, &MODEL))
        .collect();
    // Per fit, the bar with the best dev accuracy (among equals the one nearest 0.5).
    let distance = |t: usize| (trials[t].bar - 0.5).abs();
    let mut cell_best: Vec<Option<(usize, usize)>> = vec![None; grid.len()];
    for (t, model) in trials.iter().enumerate() {
        let mut passed = 0;
        for (q, p) in dev.iter().zip(&mut prepared) {
            passed += usize::from(q.grade(&ids(&catalogue, p, model)).pass);
        }
        let cell = &mut cell_best[t / bars.len()];
        if cell.is_none_or(|(bp, bt)| passed > bp || (passed == bp && distance(t) < distance(bt))) {
            *cell = Some((passed, t));
        }
    }
    let cells: Vec<(usize, usize)> = cell_best.into_iter().flatten().collect();
    for &(passed, t) in &cells {
        let (top, penalty) = grid[t / bars.len()];
        let bar = trials[t].bar;
        println!("  top {top}, penalty {penalty}: best dev {passed} at bar {bar:.2}");
    }
    // The one-standard-error rule (Hastie, Tibshirani and Friedman, The Elements of
    // Statistical Learning, 2nd ed., § 7.10): the most regularised fit whose dev accuracy is
    // within one standard error of the best; among equals the fewer candidates learnt from.
    // A nearly unpenalised fit of nearly separable data swings with every change to the
    // catalogue or the corpus; within the error, the steadier one is as good.
    let n = dev.len().max(1) as f64;
    let most = cells.iter().map(|c| c.0).max().expect("at least one trial");
    let p = most as f64 / n;
    let error = (p * (1.0 - p) / n).sqrt() * n;
    let (passed, t) = (cells.iter().copied())
        .filter(|&(passed, _)| passed as f64 + error >= most as f64)
        .max_by(|a, b| {
            let (ga, gb) = (grid[a.1 / bars.len()], grid[b.1 / bars.len()]);
            ga.1.total_cmp(&gb.1).then(gb.0.cmp(&ga.0))
        })
        .expect("the best is within its own error");
    println!("best dev {most}, one standard error {error:.1} questions");
    let model = trials[t];
    let (top, penalty) = grid[t / bars.len()];
    println!(
        "chosen: top {top}, penalty {penalty}, bar {:.2}: dev {passed}/{} ({:.1} %)",
        model.bar,
        dev.len(),
        100.0 * passed as f64 / dev.len().max(1) as f64
    );
    let train_passed = train
        .iter()
        .filter(|q| {
            let answer = search::search_with(&catalogue, &index, &q.query, &model);
            q.grade(&answer_ids(&catalogue, &answer)).pass
        })
        .count();
    println!("train {train_passed}/{}", train.len());
    if std::env::args().any(|a| a == "--export") {
        export(&catalogue, &index, &questions);
    }
    if std::env::args().any(|a| a == "--dump") {
        dump(&catalogue, &index, &train, &model);
    }
    let block = render(&model);
    println!("{block}");
    if write {
        let path = root.join("src/search/params.rs");
        let text = std::fs::read_to_string(&path).expect("params.rs");
        let start = text.find("// BEGIN FITTED\n").expect("BEGIN FITTED");
        let end = text.find("// END FITTED").expect("END FITTED");
        let updated = format!("{}{block}{}", &text[..start], &text[end..]);
        std::fs::write(&path, updated).expect("write params.rs");
        println!("wrote {}", path.display());
    }
}

fn answer_ids(catalogue: &Catalogue, answer: &search::Answer) -> Vec<String> {
    (answer.matches.iter())
        .map(|m| catalogue.entities[m.entity].id.to_string())
        .collect()
}

/// The ids a prepared question gets under `model`.
fn ids<'a>(catalogue: &'a Catalogue, prepared: &mut Prepared<'a>, model: &'a Model) -> Vec<String> {
    match prepared {
        Prepared::Answered(answer) => answer_ids(catalogue, answer),
        Prepared::Judged(judged) => {
            judged.rejudge(model);
            answer_ids(catalogue, &judged.answer())
        }
    }
}

/// Every candidate of every question: its features and whether it is an expected answer.
fn examples(
    catalogue: &Catalogue,
    index: &Index,
    questions: &[&score::Question],
    top: usize,
) -> (Vec<[f64; features::COUNT]>, Vec<bool>) {
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for q in questions {
        let Prepared::Judged(judged) = search::prepare(catalogue, index, &q.query, &MODEL) else {
            continue;
        };
        let candidates = judged.candidates.iter().enumerate();
        for (k, c) in
            candidates.filter(|(_, c)| c.rank().is_some_and(|r| r < top) || c.step.is_some())
        {
            let id = catalogue.entities[c.entity].id.to_string();
            x.push(judged.decision(k).features.0);
            y.push(!q.is_trap() && (q.top1.contains(&id) || q.top3.contains(&id)));
        }
    }
    (x, y)
}

/// Logistic regression with an L2 penalty `lambda` (on standardised coefficients, not on the
/// bias), by Newton's method; returned on the features' own scale, with bar 0.5.
fn fit(x: &[[f64; features::COUNT]], y: &[bool], lambda: f64) -> Model {
    const D: usize = features::COUNT + 1;
    let n = x.len().max(1) as f64;
    let mut mean = [0.0; features::COUNT];
    let mut sd = [0.0; features::COUNT];
    for row in x {
        for j in 0..features::COUNT {
            mean[j] += row[j] / n;
        }
    }
    for row in x {
        for j in 0..features::COUNT {
            sd[j] += (row[j] - mean[j]).powi(2) / n;
        }
    }
    let sd = sd.map(|v| if v > 1e-12 { v.sqrt() } else { 1.0 });
    let z = |row: &[f64; features::COUNT]| -> [f64; D] {
        let mut out = [1.0; D];
        for j in 0..features::COUNT {
            out[j + 1] = (row[j] - mean[j]) / sd[j];
        }
        out
    };
    let mut beta = [0.0; D];
    for _ in 0..50 {
        let mut gradient = [0.0; D];
        let mut hessian = [[0.0; D]; D];
        for (row, &label) in x.iter().zip(y) {
            let v = z(row);
            let p = 1.0 / (1.0 + (-dot(&beta, &v)).exp());
            let w = (p * (1.0 - p)).max(1e-9);
            for i in 0..D {
                gradient[i] += (p - f64::from(u8::from(label))) * v[i];
                for j in 0..D {
                    hessian[i][j] += w * v[i] * v[j];
                }
            }
        }
        for i in 1..D {
            gradient[i] += lambda * beta[i];
            hessian[i][i] += lambda;
        }
        let step = solve(hessian, gradient);
        let mut moved = 0.0f64;
        for i in 0..D {
            beta[i] -= step[i];
            moved = moved.max(step[i].abs());
        }
        if moved < 1e-10 {
            break;
        }
    }
    let mut coefficients = [0.0; features::COUNT];
    let mut bias = beta[0];
    for j in 0..features::COUNT {
        coefficients[j] = beta[j + 1] / sd[j];
        bias -= coefficients[j] * mean[j];
    }
    Model {
        bias,
        coefficients,
        bar: 0.5,
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Solves `a · x = b` by Gaussian elimination with partial pivoting.
fn solve<const D: usize>(mut a: [[f64; D]; D], mut b: [f64; D]) -> [f64; D] {
    for col in 0..D {
        let pivot = (col..D)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let p = a[col][col];
        if p.abs() < 1e-15 {
            continue;
        }
        let pivot_row = a[col];
        for row in col + 1..D {
            let f = a[row][col] / p;
            for (x, y) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * y;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0; D];
    for row in (0..D).rev() {
        let rest: f64 = (row + 1..D).map(|k| a[row][k] * x[k]).sum();
        x[row] = if a[row][row].abs() < 1e-15 {
            0.0
        } else {
            (b[row] - rest) / a[row][row]
        };
    }
    x
}

/// The `FITTED` block of `params.rs` for `model`.
fn render(model: &Model) -> String {
    let coefficients: Vec<String> = features::NAMES
        .iter()
        .zip(model.coefficients)
        .map(|(name, c)| format!("        {c:.6}, // {name}"))
        .collect();
    format!(
        "// BEGIN FITTED\n/// Fitted by `cargo run --release --example fit -- --write`.\npub const MODEL: Model = Model {{\n    bias: {:.6},\n    coefficients: [\n{}\n    ],\n    bar: {:.2},\n}};\n",
        model.bias,
        coefficients.join("\n"),
        model.bar
    )
}

/// `--dump`: per train question, its category, whether its first candidate is right, and the
/// probability of that candidate: how well the model separates answers from non-answers.
fn dump(catalogue: &Catalogue, index: &Index, questions: &[&score::Question], model: &Model) {
    for q in questions {
        let Prepared::Judged(judged) = search::prepare(catalogue, index, &q.query, model) else {
            continue;
        };
        let best = (0..judged.candidates.len()).max_by(|&a, &b| {
            judged.verdicts[a]
                .probability
                .total_cmp(&judged.verdicts[b].probability)
        });
        let Some(b) = best else { continue };
        let id = catalogue.entities[judged.candidates[b].entity]
            .id
            .to_string();
        let right = !q.is_trap() && (q.top1.contains(&id) || q.top3.contains(&id));
        println!(
            "DUMP\t{}\t{}\t{:.3}\t{}\t{}",
            q.category,
            u8::from(right),
            judged.verdicts[b].probability,
            id,
            q.query
        );
    }
}

/// `--export`: every candidate of every train and dev question, as TSV, for experiments with
/// other learners: split, question number, first-answer label, expected label, rank, features.
fn export(catalogue: &Catalogue, index: &Index, questions: &[score::Question]) {
    for (n, q) in questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.split != "test")
    {
        let Prepared::Judged(judged) = search::prepare(catalogue, index, &q.query, &MODEL) else {
            continue;
        };
        for (k, c) in judged.candidates.iter().enumerate() {
            let d = judged.decision(k);
            let id = catalogue.entities[c.entity].id.to_string();
            let first = u8::from(q.top1.contains(&id));
            let expected = u8::from(!q.is_trap() && (q.top1.contains(&id) || q.top3.contains(&id)));
            let rank = c.rank().unwrap_or(99);
            let f: Vec<String> = d.features.0.iter().map(|v| format!("{v:.4}")).collect();
            println!(
                "EXPORT\t{}\t{n}\t{first}\t{expected}\t{rank}\t{}\t{}",
                q.split,
                u8::from(q.is_trap()),
                f.join("\t")
            );
        }
    }
}
