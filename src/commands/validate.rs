//! `validate`: checks catalogue and overlay files, reporting every problem with its place.
//!
//! A file's references (parents, related entities, route steps) may point into the base
//! catalogue (the embedded one, or `--catalogue`), as an overlay's do.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::app::Context;
use crate::catalogue::Problem;
use crate::catalogue::load::{parse_checked, read};
use crate::error::{EXIT_ERROR, EXIT_NO_MATCH, EXIT_OK, Result};
use crate::output::{Format, Record, write_records};

#[derive(Serialize)]
pub struct ProblemRow<'a> {
    pub file: &'a str,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub place: &'a str,
    pub message: &'a str,
}

impl Record for ProblemRow<'_> {
    fn columns() -> &'static [&'static str] {
        &["file", "line", "column", "place", "message"]
    }
    fn cells(&self) -> Vec<String> {
        let num = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
        vec![
            self.file.to_string(),
            num(self.line),
            num(self.column),
            self.place.to_string(),
            self.message.to_string(),
        ]
    }
}

pub fn run(context: &Context, out: &mut impl Write, files: &[PathBuf]) -> Result<u8> {
    let base = context.load()?;
    let base_ids = base.catalogue.ids();
    let mut problems: Vec<Problem> = Vec::new();
    let mut unreadable = false;
    for path in files {
        match read(path) {
            Ok(text) => problems.extend(parse_checked(&text, &base_ids).err().unwrap_or_default()),
            Err(failure) => {
                unreadable |= failure.unreadable;
                problems.push(failure.problem);
            }
        }
    }
    if context.format == Format::Table {
        for problem in &problems {
            writeln!(out, "{}", crate::output::sanitise(&problem.to_string()))?;
        }
    } else {
        let rows: Vec<ProblemRow> = problems
            .iter()
            .map(|p| ProblemRow {
                file: &p.file,
                line: p.position.map(|p| p.0),
                column: p.position.map(|p| p.1),
                place: &p.place,
                message: &p.message,
            })
            .collect();
        write_records(out, context.format, &rows, &context.style)?;
    }
    out.flush()?;
    crate::app::warn(&format!(
        "{} file{} checked, {} problem{}",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    ));
    Ok(if unreadable {
        EXIT_ERROR
    } else if problems.is_empty() {
        EXIT_OK
    } else {
        EXIT_NO_MATCH
    })
}
