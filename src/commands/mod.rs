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

use crate::app::Context;
use crate::catalogue::Catalogue;
use crate::cli::Cli;
use crate::error::{EXIT_OK, Result};

/// `--version`: the program's version and the catalogue in use.
pub fn version(context: &Context, out: &mut impl Write) -> Result<u8> {
    let loaded = context.load()?;
    let catalogue = &loaded.catalogue;
    let origin = context
        .cli
        .catalogue
        .as_ref()
        .map_or_else(|| "embedded".to_string(), |p| p.display().to_string());
    let line = format!(
        "ecosys {} (catalogue: {origin}, schema {}, {} entities{}, source: {}{})",
        env!("CARGO_PKG_VERSION"),
        catalogue.schema_version,
        catalogue.entities.len(),
        if context.cli.overlay.is_empty() {
            String::new()
        } else {
            format!(", {} overlay(s)", context.cli.overlay.len())
        },
        catalogue.source.title,
        if catalogue.source.file.is_empty() {
            String::new()
        } else {
            format!(", {}", catalogue.source.file)
        },
    );
    writeln!(out, "{}", crate::output::sanitise(&line))?;
    Ok(EXIT_OK)
}

/// `schema`: the JSON Schema of the catalogue format, derived from the Rust types.
pub fn schema(out: &mut impl Write) -> Result<u8> {
    let schema = schemars::schema_for!(Catalogue);
    crate::output::write_json(out, &schema)?;
    Ok(EXIT_OK)
}

/// `completions SHELL`: a completion script, with the catalogue's ids after `show` and
/// `resources`.
pub fn completions(
    context: &Context,
    out: &mut impl Write,
    shell: clap_complete::Shell,
) -> Result<u8> {
    let loaded = context.load()?;
    let ids: Vec<String> = loaded
        .catalogue
        .entities
        .iter()
        .map(|e| e.id.to_string())
        .collect();
    let mut command = Cli::command();
    for sub in ["show", "resources"] {
        let ids = ids.clone();
        command = command.mut_subcommand(sub, |s| {
            s.mut_arg("id", |a| a.value_parser(PossibleValuesParser::new(ids)))
        });
    }
    let all = ids.clone();
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
    Ok(EXIT_OK)
}

/// `man`: the manual page, in roff.
pub fn man(out: &mut impl Write) -> Result<u8> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(EXIT_OK)
}
