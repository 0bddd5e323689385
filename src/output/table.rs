//! Tables for people: fit the terminal (or `COLUMNS`, else 80 columns), wrap long text, and
//! colour only when asked or on a terminal without `NO_COLOR`.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, ContentArrangement, LineStyle, Table, TableStyle};

use super::{Record, Shown, sanitise, truncate_cell};
use crate::catalogue::{Catalogue, Entity};

/// How tables look.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Columns to fit.
    pub width: u16,
}

/// Width for tables: `COLUMNS` if set (at least 20), else the terminal's, else 80.
pub fn terminal_width() -> u16 {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
    {
        return columns.max(20);
    }
    terminal_size::terminal_size_of(std::io::stdout()).map_or(80, |(w, _)| w.0)
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
    table.set_width(style.width);
    if style.color {
        table.enforce_styling();
    }
    table
}

/// A header or label cell: bold when in colour.
fn label(style: &Style, text: &str) -> Cell {
    let cell = Cell::new(text);
    if style.color {
        cell.add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

/// A table with a header and one row a record.
pub fn write<W: Write, R: Record>(out: &mut W, records: &[R], style: &Style) -> io::Result<()> {
    let mut table = new_table(style, R::table_separated());
    let fields: Vec<_> = R::fields()
        .into_iter()
        .filter(|f| f.shown != Shown::NotInTable)
        .collect();
    table.set_header(fields.iter().map(|f| label(style, f.name)));
    for record in records {
        table.add_row(
            fields
                .iter()
                .map(|f| Cell::new(sanitise(&truncate_cell(&(f.cell)(record))))),
        );
    }
    writeln!(out, "{table}")
}

/// A two-column table of labels and values (for `show`); empty values are left out.
fn kv_table<W: Write>(out: &mut W, rows: &[(&str, String)], style: &Style) -> io::Result<()> {
    let mut table = new_table(style, true);
    for (name, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        let value: Vec<String> = value
            .lines()
            .map(|l| sanitise(&truncate_cell(l)).into_owned())
            .collect();
        table.add_row(vec![label(style, name), Cell::new(value.join("\n"))]);
    }
    writeln!(out, "{table}")
}

/// Everything about one entity, as labels and values, its `children` included.
pub fn write_entity<W: Write>(
    out: &mut W,
    catalogue: &Catalogue,
    entity: &Entity,
    children: &[&str],
    style: &Style,
) -> io::Result<()> {
    let parent = entity.parent.as_deref().map(|p| {
        let name = catalogue.find(p).map_or("", |e| e.display_name());
        format!("{p} ({name})")
    });
    let bullets = |items: &mut dyn Iterator<Item = String>| -> String {
        items
            .map(|s| format!("• {s}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let text = |s: &Option<String>| s.as_deref().unwrap_or("").to_string();
    let rows = [
        ("id", entity.id.to_string()),
        ("name", entity.name.to_string()),
        ("short name", text(&entity.short_name)),
        ("aliases", entity.aliases.join(", ")),
        ("kind", entity.kind.as_str().to_string()),
        ("parent", parent.unwrap_or_default()),
        ("url", text(&entity.url)),
        ("summary", entity.summary.to_string()),
        ("services", bullets(&mut entity.services.iter().cloned())),
        (
            "resources",
            bullets(
                &mut entity
                    .resources
                    .iter()
                    .map(|r| format!("{} ({}): {}", r.title, r.kind.as_str(), r.url)),
            ),
        ),
        ("facts", bullets(&mut entity.facts.iter().cloned())),
        ("children", children.join(", ")),
        ("related", entity.related.join(", ")),
        ("topics", entity.topics.join(", ")),
        ("source", entity.source.to_string()),
    ];
    kv_table(out, &rows, style)
}
