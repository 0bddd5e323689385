//! One module a command; the small ones live here.

pub mod checklist;
pub mod list;
pub mod resources;
pub mod show;
pub mod topics;
pub mod validate;
pub mod who_handles;

use std::io::Write;

use clap::CommandFactory;
use clap::builder::PossibleValuesParser;

use crate::catalogue::Catalogue;
use crate::cli::{Cli, Command};
use crate::error::{Error, Outcome, Result};
use crate::output::Format;

/// The formats a command prints, when it does not print them all.
pub fn formats(command: &Command) -> Option<(&'static str, &'static [Format])> {
    match command {
        Command::Show { .. } => Some(("show", show::FORMATS)),
        Command::Checklist { .. } => Some(("checklist", checklist::FORMATS)),
        _ => None,
    }
}

/// `--version`: the program's version and the catalogue in use (`origin`, with `overlays`).
pub fn version(
    out: &mut impl Write,
    catalogue: &Catalogue,
    origin: &str,
    overlays: usize,
) -> Result<Outcome> {
    let line = format!(
        "ecosys {} (catalogue: {origin}, schema {}, {} entities{}, source: {}{})",
        env!("CARGO_PKG_VERSION"),
        catalogue.schema_version,
        catalogue.entities.len(),
        if overlays == 0 {
            String::new()
        } else {
            format!(", {overlays} overlay(s)")
        },
        catalogue.source.title,
        if catalogue.source.file.is_empty() {
            String::new()
        } else {
            format!(", {}", catalogue.source.file)
        },
    );
    writeln!(out, "{}", crate::output::sanitise(&line)).map_err(Error::Write)?;
    Ok(Outcome::Answer)
}

/// `schema`: the JSON Schema of the catalogue format, derived from the Rust types.
pub fn schema(out: &mut impl Write) -> Result<Outcome> {
    let schema = schemars::schema_for!(Catalogue);
    crate::output::write_json(out, &schema).map_err(Error::Write)?;
    Ok(Outcome::Answer)
}

/// `completions SHELL`: a completion script, with `ids` after `show`, `resources` and
/// `checklist`.
pub fn completions(
    out: &mut impl Write,
    shell: clap_complete::Shell,
    ids: &[String],
) -> Result<Outcome> {
    write_completions(out, shell, ids).map_err(Error::Write)?;
    Ok(Outcome::Answer)
}

fn write_completions(
    out: &mut impl Write,
    shell: clap_complete::Shell,
    ids: &[String],
) -> std::io::Result<()> {
    let mut command = Cli::command();
    for sub in ["show", "resources"] {
        let ids = ids.to_vec();
        command = command.mut_subcommand(sub, |s| {
            s.mut_arg("id", |a| a.value_parser(PossibleValuesParser::new(ids)))
        });
    }
    let all = ids.to_vec();
    command = command.mut_subcommand("checklist", |s| {
        s.mut_arg("ids", |a| a.value_parser(PossibleValuesParser::new(all)))
    });
    // clap_complete panics when it cannot write; generate into memory, then write.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "ecosys", &mut script);
    out.write_all(&script)?;
    if shell == clap_complete::Shell::Fish {
        // clap_complete's fish script does not complete positional values: add the ids.
        for sub in ["show", "resources", "checklist"] {
            writeln!(
                out,
                "complete -c ecosys -n \"__fish_ecosys_using_subcommand {sub}\" -f -a \"{}\"",
                ids.join(" ")
            )?;
        }
    }
    Ok(())
}

/// `man`: the manual page, in roff.
pub fn man(out: &mut impl Write) -> Result<Outcome> {
    clap_mangen::Man::new(Cli::command())
        .render(out)
        .map_err(Error::Write)?;
    Ok(Outcome::Answer)
}
