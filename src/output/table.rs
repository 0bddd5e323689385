//! Tables for people: fit the terminal (or `COLUMNS`, else 80 columns), wrap prose at spaces
//! and never cut a URL or an id, and colour only when asked or on a terminal without
//! `NO_COLOR` (nor `TERM=dumb`).

use std::borrow::Cow;
use std::io::{self, Write};

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

/// The widths of columns whose widest lines are `natural` and widest words `least`, to fit
/// `width` columns (two of padding a column and one between columns): water-filling, every
/// column capped at the highest level that fits, but never narrower than its widest word, so
/// that a URL, an id or a word is never cut in two (a table whose words cannot fit runs past
/// the edge).
fn fit(natural: &[usize], least: &[usize], width: u16) -> Vec<usize> {
    let columns = natural.len();
    let available = usize::from(width).saturating_sub((3 * columns).saturating_sub(1));
    let widths_at = |level: usize| -> Vec<usize> {
        (0..columns)
            .map(|i| level.min(natural[i]).max(least[i]))
            .collect()
    };
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
    widths_at(low)
}

/// `cell` wrapped at spaces to `width` columns, one string a line (one empty line at least);
/// borrowed when it fits as it is (the common case: no allocation).
fn wrapped(cell: &str, width: usize) -> Vec<Cow<'_, str>> {
    if !cell.contains('\n') && super::width(cell) <= width {
        return vec![Cow::Borrowed(cell)];
    }
    let mut lines: Vec<Cow<str>> = cell
        .lines()
        .flat_map(|l| {
            super::wrap(l, width, "")
                .split('\n')
                .map(|l| Cow::Owned(l.to_string()))
                .collect::<Vec<_>>()
        })
        .collect();
    if lines.is_empty() {
        lines.push(Cow::Borrowed(""));
    }
    lines
}

/// A table for people: an optional header, then rows, laid out in passes over the rows so
/// that none is kept (`rows` gives them anew each time), written line by line as they are
/// made. Cells are padded by a space each side, columns joined by a space; a rule under the
/// header and, if `separated`, between rows; in colour, the header (or, for a table of
/// labels, the first column) in bold. No line has trailing spaces, and no rule is wider than
/// the terminal: a URL running past the edge does not make every line wrap on the screen.
struct Grid<'h> {
    header: Option<&'h [String]>,
    separated: bool,
    bold_first_column: bool,
}

impl Grid<'_> {
    fn write<'r, W, I>(&self, out: &mut W, rows: impl Fn() -> I, style: &Style) -> io::Result<()>
    where
        W: Write,
        I: Iterator<Item = Vec<Cow<'r, str>>>,
    {
        let columns = match self.header {
            Some(header) => header.len(),
            None => rows().map(|r| r.len()).max().unwrap_or(0),
        };
        if columns == 0 {
            return Ok(());
        }
        // First pass: the widest line and word of each column (the last may wrap anywhere).
        let (mut natural, mut least) = (vec![0; columns], vec![0; columns]);
        let mut measure = |row: &[Cow<str>]| {
            for (i, cell) in row.iter().enumerate().take(columns) {
                natural[i] = natural[i].max(longest_line(cell));
                least[i] = least[i].max(longest_word(cell));
            }
        };
        let header: Option<Vec<Cow<str>>> = self
            .header
            .map(|h| h.iter().map(|c| Cow::Borrowed(c.as_str())).collect());
        header.iter().for_each(|h| measure(h));
        rows().for_each(|r| measure(&r));
        least[columns - 1] = 1;
        let target = fit(&natural, &least, style.width);
        // Second pass, over the columns that wrap: each as wide as its widest line once
        // wrapped. (A column that fits is as wide as its widest line.)
        let fits: Vec<bool> = (0..columns).map(|i| natural[i] <= target[i]).collect();
        let mut widths: Vec<usize> = (0..columns)
            .map(|i| if fits[i] { natural[i] } else { 0 })
            .collect();
        if fits.contains(&false) {
            let mut measure_wrapped = |row: &[Cow<str>]| {
                for i in (0..columns).filter(|&i| !fits[i]) {
                    let cell = row.get(i).map_or("", |c| c.as_ref());
                    let widest = wrapped(cell, target[i]).iter().map(|l| width(l)).max();
                    widths[i] = widths[i].max(widest.unwrap_or(0));
                }
            };
            header.iter().for_each(|h| measure_wrapped(h));
            rows().for_each(|r| measure_wrapped(&r));
        }
        // Third pass: the lines.
        let full: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
        let rule: String = full
            .join(" ")
            .chars()
            .take(usize::from(style.width))
            .collect();
        let rule = rule.trim_end();
        let line = Line {
            target: &target,
            widths: &widths,
            fits: &fits,
        };
        if let Some(header) = &header {
            line.write(out, header, |_| style.color)?;
            writeln!(out, "{rule}")?;
        }
        for (n, row) in rows().enumerate() {
            if n > 0 && self.separated {
                writeln!(out, "{rule}")?;
            }
            line.write(out, &row, |i| {
                style.color && self.bold_first_column && i == 0
            })?;
        }
        Ok(())
    }
}

/// How a row is written: wrapped to the `target` widths (but in the columns that `fits`),
/// padded to the `widths`.
struct Line<'a> {
    target: &'a [usize],
    widths: &'a [usize],
    fits: &'a [bool],
}

impl Line<'_> {
    /// One row, over as many lines as its tallest cell, the cells `bold` says in bold.
    fn write<W: Write>(
        &self,
        out: &mut W,
        row: &[Cow<str>],
        bold: impl Fn(usize) -> bool,
    ) -> io::Result<()> {
        let cells: Vec<Vec<Cow<str>>> = (0..self.widths.len())
            .map(|i| {
                let cell = row.get(i).map_or("", |c| c.as_ref());
                if self.fits[i] {
                    cell.lines().map(Cow::Borrowed).collect()
                } else {
                    wrapped(cell, self.target[i])
                }
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        let mut line = String::new();
        for k in 0..height {
            line.clear();
            for (i, cell) in cells.iter().enumerate() {
                let text = cell.get(k).map_or("", |c| c.as_ref());
                if i > 0 {
                    line.push(' ');
                }
                let bold = bold(i) && !text.is_empty();
                if bold {
                    line.push_str("\u{1b}[1m");
                }
                line.push(' ');
                line.push_str(text);
                let pad = self.widths[i].saturating_sub(width(text)) + 1;
                push_spaces(&mut line, pad);
                if bold {
                    line.push_str("\u{1b}[0m");
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// Appends `n` spaces, a run at a time rather than a character at a time.
fn push_spaces(line: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let run = n.min(SPACES.len());
        line.push_str(&SPACES[..run]);
        n -= run;
    }
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

/// A cell as people read it: sanitised, and cut to [`MAX_CELL`](super::MAX_CELL) characters;
/// borrowed when nothing needs to change.
fn cell(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(text) => match truncate_cell(text) {
            Cow::Borrowed(text) => sanitise(text),
            Cow::Owned(cut) => Cow::Owned(sanitise(&cut).into_owned()),
        },
        Cow::Owned(text) => Cow::Owned(sanitise(&truncate_cell(&text)).into_owned()),
    }
}

/// A table with a header and one row a record.
pub fn write<W: Write, R: Record>(out: &mut W, records: &[R], style: &Style) -> io::Result<()> {
    let mut fields: Vec<_> = R::fields()
        .into_iter()
        .filter(|f| f.shown != Shown::NotInTable)
        .collect();
    // A URL column comes last, where a URL too long for the terminal runs past the edge
    // without pushing the other columns away.
    fields.sort_by_key(|f| f.name == "url");
    let header: Vec<String> = fields.iter().map(|f| heading(f.name).to_string()).collect();
    let rows = || {
        records
            .iter()
            .map(|record| fields.iter().map(|f| cell((f.cell)(record))).collect())
    };
    let grid = Grid {
        header: Some(&header),
        separated: R::table_separated(),
        bold_first_column: false,
    };
    grid.write(out, rows, style)
}

/// A two-column table of labels and values (for `show`); empty values are left out.
fn kv_table<W: Write>(out: &mut W, rows: &[(&str, String)], style: &Style) -> io::Result<()> {
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
    let grid = Grid {
        header: None,
        separated: true,
        bold_first_column: true,
    };
    let rows = || {
        rows.iter()
            .map(|r| r.iter().map(|c| Cow::Borrowed(c.as_str())).collect())
    };
    grid.write(out, rows, style)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_are_pushed_in_runs_of_any_length() {
        for n in [0, 1, 63, 64, 65, 200] {
            let mut line = String::from("x");
            push_spaces(&mut line, n);
            assert_eq!(line, format!("x{}", " ".repeat(n)));
        }
    }

    fn grid(rows: &[&[&str]], width: u16, color: bool, separated: bool) -> String {
        let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        let body = || {
            rows[1..]
                .iter()
                .map(|r| r.iter().map(|c| Cow::Borrowed(*c)).collect())
        };
        let grid = Grid {
            header: Some(&header),
            separated,
            bold_first_column: false,
        };
        let mut out = Vec::new();
        grid.write(&mut out, body, &Style { color, width }).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn columns_are_padded_ruled_and_wrapped_at_spaces() {
        let text = grid(
            &[&["id", "why"], &["a", "one two three"], &["bb", "four"]],
            16,
            false,
            true,
        );
        assert_eq!(
            text,
            " id   why\n──── ─────────\n a    one two\n      three\n──── ─────────\n bb   four\n"
        );
    }

    #[test]
    fn a_long_word_runs_past_the_edge_but_rules_do_not() {
        let url = "https://example.org/a/very/long/path";
        let text = grid(&[&["id", "url"], &["a", url]], 20, false, false);
        assert!(text.lines().any(|l| l.contains(url)), "{text}");
        assert!(
            text.lines().all(|l| !l.starts_with('─') || width(l) <= 20),
            "{text}"
        );
    }

    #[test]
    fn colour_makes_the_header_bold_and_nothing_else() {
        let text = grid(&[&["id"], &["a"]], 80, true, false);
        assert_eq!(text, "\u{1b}[1m id \u{1b}[0m\n────\n a\n");
    }
}
