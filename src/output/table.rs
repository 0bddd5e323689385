//! Tables for people: fit the terminal (or `COLUMNS`, else 80 columns), wrap prose at spaces
//! and never cut a URL or an id, and colour only when asked or on a terminal without
//! `NO_COLOR`.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, ContentArrangement, LineStyle, Table, TableStyle};

use super::{Record, Shown, kind_label, sanitise, truncate_cell, width};
use crate::catalogue::{Catalogue, Entity};

/// How tables look.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Columns to fit.
    pub width: u16,
}

/// The narrowest width tables are laid out for: a 1-column terminal gets a table that runs
/// past its edge rather than one column of single letters.
const MIN_WIDTH: u16 = 20;

/// Width for tables: `COLUMNS` if set, else the terminal's, else 80; at least [`MIN_WIDTH`].
/// A width of 0 (from `COLUMNS` or the terminal) means "unknown".
pub fn terminal_width() -> u16 {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c > 0)
        .or_else(|| {
            terminal_size::terminal_size_of(std::io::stdout())
                .map(|(w, _)| w.0)
                .filter(|&w| w > 0)
        })
        .map_or(80, |w| w.max(MIN_WIDTH))
}

/// The widest run of characters without a space in `text` (a URL, an id, a long word), in
/// columns.
fn longest_word(text: &str) -> usize {
    text.split_whitespace().map(width).max().unwrap_or(0)
}

/// The widest line of `text`, in columns.
fn longest_line(text: &str) -> usize {
    text.lines().map(width).max().unwrap_or(0)
}

/// Lays `rows` out in `width` columns (two of padding a column and one between columns) and
/// wraps their cells at spaces only, so that a URL, an id or a word is never cut in two.
/// Every column but the last is at least as wide as its longest word: a table whose words
/// cannot fit runs past the edge. In the last column, a word longer than the column is put
/// on a line of its own and runs past the edge.
fn lay_out(rows: &[Vec<String>], width: u16) -> Vec<Vec<String>> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return rows.to_vec();
    }
    let column = |i: usize| rows.iter().filter_map(move |r| r.get(i));
    let natural: Vec<usize> = (0..columns)
        .map(|i| column(i).map(|c| longest_line(c)).max().unwrap_or(0))
        .collect();
    let least: Vec<usize> = (0..columns)
        .map(|i| {
            if i + 1 == columns {
                1
            } else {
                column(i).map(|c| longest_word(c)).max().unwrap_or(0)
            }
        })
        .collect();
    let available = usize::from(width).saturating_sub(3 * columns - 1);
    let widths_at = |level: usize| -> Vec<usize> {
        (0..columns)
            .map(|i| level.min(natural[i]).max(least[i]))
            .collect()
    };
    // The highest level such that every column capped at it fits (water-filling).
    let top = natural.iter().copied().max().unwrap_or(0);
    let (mut low, mut high) = (0, top);
    while low < high {
        let mid = (low + high).div_ceil(2);
        if widths_at(mid).iter().sum::<usize>() <= available {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    let widths = widths_at(low);
    rows.iter()
        .map(|row| {
            row.iter()
                .zip(&widths)
                .map(|(cell, &w)| {
                    cell.lines()
                        .map(|line| super::wrap(line, w, ""))
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect()
        })
        .collect()
}

/// Writes `table` without trailing spaces, its rules no wider than the terminal: a URL
/// running past the edge does not make every line of the table wrap on the screen.
fn print<W: Write>(out: &mut W, table: &Table, width: u16) -> io::Result<()> {
    for line in table.lines() {
        let line = line.trim_end();
        if !line.is_empty() && line.chars().all(|c| c == '─' || c == ' ') {
            let rule: String = line.chars().take(usize::from(width)).collect();
            writeln!(out, "{}", rule.trim_end())?;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
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
        .set_content_arrangement(ContentArrangement::Disabled);
    if style.color {
        table.enforce_styling();
    }
    table
}

/// A column, label or field name, in the language of the run (field names stay as they are
/// in the machine formats).
pub fn heading(name: &str) -> &str {
    use crate::lang::tr;
    match name {
        "name" => tr("nom", "name"),
        "kind" => tr("type", "kind"),
        "summary" => tr("résumé", "summary"),
        "entity" => tr("entité", "entity"),
        "title" => tr("titre", "title"),
        "because" => tr("pourquoi", "because"),
        "topic" => tr("sujet", "topic"),
        "service" => tr("service", "service"),
        "need" => tr("besoin", "need"),
        "resource" => tr("ressource", "resource"),
        "fact" => tr("fait", "fact"),
        "contacts" => tr("contacts", "contacts"),
        "short name" => tr("nom court", "short name"),
        "aliases" => tr("autres noms", "aliases"),
        "services" => tr("services", "services"),
        "resources" => tr("ressources", "resources"),
        "facts" => tr("faits", "facts"),
        "children" => tr("enfants", "children"),
        "related" => tr("voir aussi", "related"),
        "topics" => tr("sujets", "topics"),
        "source" => tr("source", "source"),
        "file" => tr("fichier", "file"),
        "line" => tr("ligne", "line"),
        "column" => tr("colonne", "column"),
        "place" => tr("endroit", "place"),
        "message" => tr("message", "message"),
        other => other,
    }
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
    let mut fields: Vec<_> = R::fields()
        .into_iter()
        .filter(|f| f.shown != Shown::NotInTable)
        .collect();
    // A URL column comes last, where a URL too long for the terminal runs past the edge
    // without pushing the other columns away.
    fields.sort_by_key(|f| f.name == "url");
    let mut rows: Vec<Vec<String>> =
        vec![fields.iter().map(|f| heading(f.name).to_string()).collect()];
    for record in records {
        rows.push(
            fields
                .iter()
                .map(|f| sanitise(&truncate_cell(&(f.cell)(record))).into_owned())
                .collect(),
        );
    }
    let mut rows = lay_out(&rows, style.width).into_iter();
    if let Some(header) = rows.next() {
        table.set_header(header.iter().map(|h| label(style, h)));
    }
    for row in rows {
        table.add_row(row.into_iter().map(Cell::new));
    }
    print(out, &table, style.width)
}

/// A two-column table of labels and values (for `show`); empty values are left out.
fn kv_table<W: Write>(out: &mut W, rows: &[(&str, String)], style: &Style) -> io::Result<()> {
    let mut table = new_table(style, true);
    let rows: Vec<Vec<String>> = rows
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(name, value)| {
            let value: Vec<String> = value
                .lines()
                .map(|l| sanitise(&truncate_cell(l)).into_owned())
                .collect();
            vec![heading(name).to_string(), value.join("\n")]
        })
        .collect();
    for row in lay_out(&rows, style.width) {
        table.add_row(vec![label(style, &row[0]), Cell::new(&row[1])]);
    }
    print(out, &table, style.width)
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
    let text = |s: &Option<crate::catalogue::model::S>| s.as_deref().unwrap_or("").to_string();
    let rows = [
        ("id", entity.id.to_string()),
        ("name", entity.name.to_string()),
        ("short name", text(&entity.short_name)),
        ("aliases", entity.aliases.join(", ")),
        ("kind", kind_label(entity.kind.as_str()).to_string()),
        ("parent", parent.unwrap_or_default()),
        ("url", text(&entity.url)),
        (
            "contacts",
            bullets(&mut entity.contacts.iter().map(|c| {
                let kind = kind_label(c.kind.as_str());
                let label = if c.label.is_empty() { kind } else { &c.label };
                format!("{label} ({kind})\n  {}", c.value)
            })),
        ),
        ("summary", entity.summary.to_string()),
        (
            "services",
            bullets(&mut entity.services.iter().map(|s| s.text().to_string())),
        ),
        (
            "resources",
            bullets(&mut entity.resources.iter().map(|r| {
                let kind = kind_label(r.kind.as_str());
                format!("{} ({kind})\n  {}", r.title, r.url)
            })),
        ),
        (
            "facts",
            bullets(&mut entity.facts.iter().map(ToString::to_string)),
        ),
        ("children", children.join(", ")),
        ("related", entity.related.join(", ")),
        ("topics", entity.topics.join(", ")),
        ("source", entity.source.to_string()),
    ];
    kv_table(out, &rows, style)
}
