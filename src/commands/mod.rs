//! One module a command; the small ones live here.

pub mod checklist;
pub mod drift;
pub mod entity;
pub mod import;
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
use crate::error::{Decided, Error, Outcome, Result, decided};
use crate::lang::tr;
use crate::output::Format;

/// The formats a command prints, when it does not print them all: an empty list for a
/// command that prints one thing of its own (a manual page, a completion script).
fn formats(command: &Command) -> Option<(&'static str, &'static [Format])> {
    match command {
        Command::Show { .. } => Some(("show", show::FORMATS)),
        Command::Checklist { .. } => Some(("checklist", checklist::FORMATS)),
        Command::Schema { .. } => Some(("schema", &[Format::Json])),
        Command::Man => Some(("man", &[])),
        Command::Completions { .. } => Some(("completions", &[])),
        _ => None,
    }
}

/// Fails, the same way for every command, when `--format` (or `--json`) asks `command` for a
/// format it does not print.
pub fn check_format(command: &Command, asked: Option<Format>) -> Result<()> {
    let (Some(asked), Some((name, allowed))) = (asked, formats(command)) else {
        return Ok(());
    };
    if allowed.contains(&asked) {
        return Ok(());
    }
    let prints = if allowed.is_empty() {
        tr("n'a qu'une forme", "prints one form only").to_string()
    } else {
        let names: Vec<&str> = allowed.iter().map(|f| f.name()).collect();
        format!(
            "{} {}",
            tr("imprime", "prints"),
            names.join(tr(" ou ", " or "))
        )
    };
    Err(Error::Usage(format!(
        "`{name}` {prints}{} --format {} {}",
        tr(" ;", ";"),
        asked.name(),
        tr("ne s'applique pas", "does not apply")
    )))
}

/// `--version`: the program's version and the catalogue in use (`origin`, with `overlays`).
pub fn version(
    out: &mut impl Write,
    catalogue: &Catalogue,
    origin: &str,
    overlays: usize,
) -> Result<Decided> {
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
    decided(
        Outcome::Answer,
        writeln!(out, "{}", crate::output::sanitise(&line)),
    )
}

/// `schema`: the JSON Schema of the catalogue format, or of overlays, derived from the Rust
/// types the loader reads.
pub fn schema(out: &mut impl Write, of: crate::cli::SchemaOf) -> Result<Decided> {
    let schema = match of {
        crate::cli::SchemaOf::Catalogue => schemars::schema_for!(Catalogue),
        crate::cli::SchemaOf::Overlay => schemars::schema_for!(crate::catalogue::patch::Overlay),
    };
    decided(Outcome::Answer, crate::output::write_json(out, &schema))
}

/// `completions SHELL`: a completion script, with `ids` after `show`, `resources`,
/// `checklist`, `list --parent` and `topics --entity`.
pub fn completions(
    out: &mut impl Write,
    shell: clap_complete::Shell,
    ids: &[String],
) -> Result<Decided> {
    decided(Outcome::Answer, write_completions(out, shell, ids))
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
    for (sub, arg) in [
        ("checklist", "ids"),
        ("list", "parent"),
        ("topics", "entity"),
    ] {
        let ids = ids.to_vec();
        command = command.mut_subcommand(sub, |s| {
            s.mut_arg(arg, |a| a.value_parser(PossibleValuesParser::new(ids)))
        });
    }
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

/// `man`: the manual page, in roff: one complete page, every command and its options in it.
pub fn man(out: &mut impl Write) -> Result<Decided> {
    let mut page = Vec::new();
    let written = write_man(&mut page).and_then(|()| out.write_all(&page));
    decided(Outcome::Answer, written)
}

/// The sections a page needs beyond what clap knows, in roff.
const MAN_EXTRA: &str = r#".SH ENVIRONMENT
.TP
\fBECOSYS_CATALOGUE\fR
A catalogue file to use instead of the embedded one (as \fB\-\-catalogue\fR).
.TP
\fBECOSYS_OVERLAY\fR
Overlay files, separated by colons (as \fB\-\-overlay\fR, repeated), when no \fB\-\-overlay\fR is given; \fBvalidate\fR does not use it, its files counting as \fB\-\-overlay\fRs.
.TP
\fBNO_COLOR\fR
When set and not empty, tables are not coloured unless \fB\-\-color always\fR is given.
.TP
\fBTERM\fR
When \fBdumb\fR, tables are not coloured either, unless \fB\-\-color always\fR is given.
.TP
\fBCOLUMNS\fR
The width tables fit; when unset or 0, the terminal's width, else 80 columns. URLs and ids are never cut: a table whose words cannot fit runs past the edge.
.TP
\fBLANG\fR (and \fBLC_ALL\fR, \fBLC_MESSAGES\fR)
The language of what people read when \fB\-\-lang\fR is not given: the first of \fBLC_ALL\fR, \fBLC_MESSAGES\fR and \fBLANG\fR that is set; French for fr*, English otherwise (and when none is set).
.SH EXIT STATUS
.TP
\fB0\fR
An answer was printed (for \fBvalidate\fR: no problems).
.TP
\fB1\fR
\fBwho\-handles\fR matched nothing (JSON prints []); with \fB\-\-stdin\fR, some question found nothing; \fBvalidate\fR found problems; \fBdrift\fR found differences between the catalogue and the guide.
.TP
\fB2\fR
A usage error, an unknown id, an unusable catalogue file, a guide that \fBimport\fR or \fBdrift\fR cannot read (not Markdown shaped like the guide's chapter, not UTF\-8, a directory, over 16 MiB), or output that could not be written.
.SH FILES
.TP
\fIcatalogue.json\fR
The catalogue embedded in the binary, written from the onboarding guide's chapter "L'écosystème"; \fBecosys \-\-version\fR says which catalogue is in use and \fBecosys schema\fR prints its JSON Schema.
.TP
\fIoverlay files\fR
Files given with \fB\-\-overlay\fR or \fBECOSYS_OVERLAY\fR: an entity with a new id is added; one with an existing id is patched (lists extended, scalars replaced) unless it says "replace": true. \fBecosys validate FILE\fR checks them.
.SH EXAMPLES
.TP
\fBecosys who\-handles donnees personnelles\fR
Who handles personal data, in the order the guide prescribes.
.TP
\fBecosys who\-handles free software \-\-json | jq \-r '.[0].id'\fR
The id of the best answer, for a script.
.TP
\fBprintf 'cnil\\nopen data\\n' | ecosys who\-handles \-\-stdin\fR
One JSON line an answered question.
.TP
\fBecosys list \-\-kind team \-\-parent etalab\fR
The teams of Etalab.
.TP
\fBecosys topics \-\-entity lab\-ia\fR
What the Lab IA handles.
.TP
\fBecosys resources data\-gouv \-\-format csv\fR
The resources of data.gouv.fr, as CSV.
.TP
\fBecosys validate ministere.json\fR
Check a ministry's overlay, and see which entities it adds, patches or replaces.
.TP
\fBecosys \-\-overlay ministere.json \-\-lang en who\-handles chief data officer\fR
Ask with the ministry's overlay applied, in English.
.TP
\fBecosys import ministere.md > ministere.json\fR
Make a catalogue of a ministry's own chapter, shaped like the guide's (\fB##\fR organisations, \fB###\fR teams, \fB**Services**\fR, \fB**Ressources**\fR and \fB**Contact :**\fR blocks).
.TP
\fBecosys import ministere.md \-\-label 'Missions=services'\fR
The same, for a chapter whose services are under \fB**Missions**\fR.
.TP
\fBecosys drift ecosysteme.md\fR
Where the embedded catalogue and the guide's chapter disagree; exit status 1 when they do.
.TP
\fBecosys \-\-overlay ministere.json drift ministere.md \-\-format tsv\fR
The same for a ministry's overlay and chapter, for a script.
"#;

fn write_man(out: &mut Vec<u8>) -> std::io::Result<()> {
    let command = Cli::command();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name().to_string();
        writeln!(out, ".SS \"ecosys {name}\"")?;
        let sub = sub.clone().name(format!("ecosys {name}"));
        let man = clap_mangen::Man::new(sub);
        // The synopsis and description, then the options, under this command's heading.
        let mut part = Vec::new();
        man.render_synopsis_section(&mut part)?;
        man.render_description_section(&mut part)?;
        man.render_options_section(&mut part)?;
        for line in String::from_utf8_lossy(&part).lines() {
            match line {
                ".SH SYNOPSIS" => {}
                ".SH DESCRIPTION" => writeln!(out, ".PP")?,
                ".SH OPTIONS" => writeln!(out, ".PP\nOptions:")?,
                _ => writeln!(out, "{line}")?,
            }
        }
    }
    out.write_all(MAN_EXTRA.as_bytes())?;
    writeln!(out, ".SH VERSION\nv{}", env!("CARGO_PKG_VERSION"))
}
