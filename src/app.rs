//! Parses the command line, loads the catalogue for the commands that need one, and
//! dispatches. The run owns what it loads; commands borrow it.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::mem::ManuallyDrop;

use clap::Parser;

use crate::catalogue::{Catalogue, load};
use crate::cli::{Cli, ColorChoice, Command};
use crate::commands;
use crate::context::{Context, warn};
use crate::error::{Decided, Error, Outcome, Result, reader_gone};
use crate::output::{Format, Style, sanitise, terminal_width};
use crate::search::Index;

pub fn run() -> Result<Outcome> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let cli = match Cli::parse_common(&args).map_or_else(Cli::try_parse, Ok) {
        Ok(cli) => cli,
        Err(e) => {
            // Not parsed, so no --lang: the locale's language.
            crate::lang::set(crate::lang::Lang::from_locale());
            return clap_ended(&e);
        }
    };
    crate::lang::set(cli.lang());
    let stdout = io::stdout();
    let is_terminal = stdout.is_terminal();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && !no_color(),
    };
    let context = Context {
        format: cli.format(),
        style: Style {
            color,
            width: terminal_width(),
        },
    };
    let mut out = BufWriter::new(stdout.lock());
    let Decided { outcome, written } = dispatch(&cli, &context, &mut out)?;
    finish(outcome, written.and_then(|()| out.flush()))
}

/// The one place where writing meets the status: the outcome was decided before writing; a
/// closed pipe keeps it (it hides output, never a failure: a `validate` that found problems
/// still exits 1 under `| head -1`); any other write error is one.
fn finish(outcome: Outcome, written: io::Result<()>) -> Result<Outcome> {
    match written {
        Err(e) if !reader_gone(&e) => Err(Error::Write(e)),
        _ => Ok(outcome),
    }
}

/// Whether colour is out: NO_COLOR set and not empty, or a terminal that says it has none
/// (`TERM=dumb`).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        || std::env::var_os("TERM").is_some_and(|term| term == "dumb")
}

/// When clap stops the run: help on stdout (status 0, or 2 when it cannot be written, as for
/// every command), or a usage error on stderr, its echo of the command line neutralised
/// like every message.
fn clap_ended(e: &clap::Error) -> Result<Outcome> {
    if e.use_stderr() {
        // clap quotes the command line: the same error, from the arguments with their control
        // and invisible characters made visible (clap's own rendering would only drop
        // escape sequences, and keep a right-to-left override).
        let visible = std::env::args_os().map(|a| sanitise(&a.to_string_lossy()).into_owned());
        let shown = Cli::try_parse_from(visible).err();
        let text = shown.as_ref().unwrap_or(e).render().to_string();
        let mut stderr = io::stderr().lock();
        for line in text.trim_end().lines() {
            let _ = writeln!(stderr, "{}", sanitise(line));
        }
        return Ok(Outcome::Failure);
    }
    let stdout = io::stdout();
    let text = if stdout.is_terminal() && !no_color() {
        e.render().ansi().to_string()
    } else {
        e.render().to_string()
    };
    let mut out = stdout.lock();
    finish(
        Outcome::Answer,
        write!(out, "{text}").and_then(|()| out.flush()),
    )
}

/// How a failed run ends: one line on stderr, status 2.
pub fn report(error: Error) -> Outcome {
    // Messages can quote the catalogue or the question: `warn` neutralises them.
    warn(&error.to_string());
    Outcome::Failure
}

/// The catalogue named by the options (embedded, `--catalogue`, `--overlay`), kept until the
/// process ends: a run loads one catalogue and exits once its command is done, when the kernel
/// takes back its memory at once, where dropping it would free every entity and list one by
/// one (a tenth of an embedded question's instructions; longer still at 100,000 entities).
fn load_catalogue(cli: &Cli) -> Result<ManuallyDrop<Catalogue>> {
    load(cli.catalogue().as_deref(), &cli.overlays())
        .map(ManuallyDrop::new)
        .map_err(Error::Catalogue)
}

/// The catalogue and its search index, both kept until the process ends (see
/// [`load_catalogue`]); for the embedded catalogue, the generated index (see
/// `search::index::embedded`).
fn load_indexed(cli: &Cli) -> Result<(ManuallyDrop<Catalogue>, ManuallyDrop<Index>)> {
    let mut catalogue = load_catalogue(cli)?;
    let index = if cli.catalogue().is_none() && cli.overlays().is_empty() {
        Index::embedded(&catalogue)
    } else {
        // The index joins the catalogue in memory: the files' texts first give back what
        // no string uses.
        catalogue.compact();
        Index::build(&catalogue)
    };
    Ok((catalogue, ManuallyDrop::new(index)))
}

fn dispatch(cli: &Cli, context: &Context, out: &mut impl Write) -> Result<Decided> {
    if cli.version {
        let catalogue = load_catalogue(cli)?;
        let origin = cli
            .catalogue()
            .as_ref()
            .map_or_else(|| "embedded".to_string(), |p| p.display().to_string());
        return commands::version(out, &catalogue, &origin, cli.overlays().len());
    }
    let Some(command) = &cli.command else {
        return Err(Error::Usage(
            crate::lang::tr(
                "il faut une commande ; essayez `ecosys who-handles SUJET` ou `ecosys --help`",
                "a command is needed; try `ecosys who-handles TOPIC` or `ecosys --help`",
            )
            .into(),
        ));
    };
    commands::check_format(command, cli.explicit_format())?;
    match command {
        Command::Schema { of } => return commands::schema(out, *of),
        // Reports a broken base catalogue among its problems rather than failing on it.
        Command::Validate { files, standalone } => {
            let catalogue_file = cli.catalogue();
            let request = commands::validate::Request {
                base: catalogue_file.as_deref(),
                overlays: &cli.overlays_with(files),
                files,
                standalone: *standalone,
            };
            return commands::validate::run(context, out, &request);
        }
        Command::Man => return commands::man(out),
        Command::Import { guide, labels } => {
            let labels = crate::guide::labels(&labels.label, labels.labels.as_deref())?;
            // A catalogue is JSON unless another format is asked for.
            let context = Context {
                format: cli.explicit_format().unwrap_or(Format::Json),
                ..*context
            };
            return commands::import::run(&context, out, guide, &labels);
        }
        Command::Completions { shell } => {
            // Ids make completions better, not possible: without a catalogue, none.
            let ids: Vec<String> = load_catalogue(cli)
                .map(|c| c.ids().into_iter().map(str::to_string).collect())
                .unwrap_or_default();
            return commands::completions(out, *shell, &ids);
        }
        Command::WhoHandles {
            topic,
            limit,
            explain,
            stdin,
        } => {
            let options = commands::who_handles::Options {
                limit: *limit,
                explain: *explain,
            };
            let question = topic.join(" ");
            // A batch is NDJSON unless another format is asked for.
            let batch = Context {
                format: cli.explicit_format().unwrap_or(Format::Ndjson),
                ..*context
            };
            if !*stdin {
                commands::who_handles::check_question(&question)?;
            }
            let (catalogue, index) = load_indexed(cli)?;
            let catalogue = &catalogue;
            return if *stdin {
                commands::who_handles::run_stdin(&batch, out, catalogue, &index, &options)
            } else {
                commands::who_handles::run(context, out, catalogue, &index, &question, &options)
            };
        }
        _ => {}
    }
    let catalogue = &load_catalogue(cli)?;
    match command {
        Command::List { kind, parent } => {
            commands::list::run(context, out, catalogue, *kind, parent.as_deref())
        }
        Command::Show { id } => commands::show::run(context, out, catalogue, id),
        Command::Resources { id } => {
            commands::resources::run(context, out, catalogue, id.as_deref())
        }
        Command::Topics { entity } => {
            commands::topics::run(context, out, catalogue, entity.as_deref())
        }
        Command::Checklist { ids } => commands::checklist::run(context, out, catalogue, ids),
        Command::Drift { guide, labels } => {
            let labels = crate::guide::labels(&labels.label, labels.labels.as_deref())?;
            commands::drift::run(context, out, catalogue, guide, &labels)
        }
        Command::Schema { .. }
        | Command::Import { .. }
        | Command::Validate { .. }
        | Command::Man
        | Command::Completions { .. }
        | Command::WhoHandles { .. } => unreachable!("dispatched above"),
    }
}
