//! Tables for people: fit the terminal (or `COLUMNS`, else 80 columns), wrap long text, and
//! colour only when asked or on a terminal without `NO_COLOR`.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, ContentArrangement, LineStyle, Table, TableStyle};

use super::{Record, sanitise};

/// How tables look.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Columns to fit; `None` lets the table ask the terminal.
    pub width: Option<u16>,
}

/// A rule under the header, nothing else: dense and easy to read.
const COMPACT: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));
/// The same, with a rule between rows, for rows that wrap over several lines.
const SEPARATED: TableStyle = COMPACT.row_separator(LineStyle::none().fill('─').junction(' '));

fn new_table(style: &Style, separated: bool) -> Table {
    let mut table = Table::new();
    table
        .load_style(if separated { SEPARATED } else { COMPACT })
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(width) = style.width {
        table.set_width(width);
    }
    if style.color {
        table.enforce_styling();
    }
    table
}

fn header(style: &Style, columns: &[&str]) -> Vec<Cell> {
    columns
        .iter()
        .map(|c| {
            let cell = Cell::new(c);
            if style.color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        })
        .collect()
}

/// A table with a header and one row a record.
pub fn write<W: Write, R: Record>(out: &mut W, records: &[R], style: &Style) -> io::Result<()> {
    let mut table = new_table(style, R::table_separated());
    table.set_header(header(style, R::table_columns()));
    for record in records {
        table.add_row(record.table_cells().iter().map(|c| Cell::new(sanitise(c))));
    }
    writeln!(out, "{table}")
}

/// A two-column table of labels and values (for `show`); empty values are left out.
pub fn kv_table<W: Write>(out: &mut W, rows: &[(&str, String)], style: &Style) -> io::Result<()> {
    let mut table = new_table(style, true);
    for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        let label = Cell::new(label);
        let label = if style.color {
            label.add_attribute(Attribute::Bold)
        } else {
            label
        };
        let value: Vec<String> = value.lines().map(|l| sanitise(l).into_owned()).collect();
        table.add_row(vec![label, Cell::new(value.join("\n"))]);
    }
    writeln!(out, "{table}")
}
