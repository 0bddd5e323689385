//! Parses the command line, loads the catalogue for the commands that need one, and
//! dispatches. The run owns what it loads; commands borrow it.

use std::io::{self, BufWriter, IsTerminal, Write};

use clap::Parser;

use crate::catalogue::{Catalogue, load};
use crate::cli::{Cli, ColorChoice, Command};
use crate::commands;
use crate::context::{Context, warn};
use crate::error::{Error, Outcome, Result};
use crate::output::{Format, Style, terminal_width};
use crate::search::Index;

pub fn run() -> Result<Outcome> {
    let cli = Cli::parse();
    crate::lang::set(cli.lang());
    let stdout = io::stdout();
    let is_terminal = stdout.is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && !no_color,
    };
    let context = Context {
        format: cli.format(),
        style: Style {
            color,
            width: terminal_width(),
        },
    };
    let mut out = BufWriter::new(stdout.lock());
    let outcome = dispatch(&cli, &context, &mut out)?;
    match out.flush() {
        // A closed pipe keeps the outcome: it hides output, never a failure (a `validate`
        // that found problems still exits 1 under `| head -1`).
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(outcome),
        result => result.map(|()| outcome).map_err(Error::Write),
    }
}

/// How a failed run ends: a closed pipe quietly, anything else with a message.
pub fn report(error: Error) -> Outcome {
    if error.is_broken_pipe() {
        return Outcome::Answer;
    }
    // Messages can quote the catalogue or the question: `warn` neutralises them.
    warn(&error.to_string());
    Outcome::Failure
}

/// The catalogue named by the options (embedded, `--catalogue`, `--overlay`).
fn load_catalogue(cli: &Cli) -> Result<Catalogue> {
    load(cli.catalogue().as_deref(), &cli.overlays()).map_err(Error::Catalogue)
}

/// The catalogue and its search index; for the embedded catalogue, the generated one (see
/// `search::index::embedded`).
fn load_indexed(cli: &Cli) -> Result<(Catalogue, Index)> {
    let catalogue = load_catalogue(cli)?;
    let index = if cli.catalogue().is_none() && cli.overlays().is_empty() {
        Index::embedded(&catalogue)
    } else {
        Index::build(&catalogue)
    };
    Ok((catalogue, index))
}

fn dispatch(cli: &Cli, context: &Context, out: &mut impl Write) -> Result<Outcome> {
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
            "a command is needed; try `ecosys who-handles TOPIC` or `ecosys --help`".into(),
        ));
    };
    if let Some((name, allowed)) = commands::formats(command) {
        context.only_formats(name, allowed)?;
    }
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
            if *stdin {
                batch.only_formats("who-handles --stdin", commands::who_handles::BATCH_FORMATS)?;
            } else {
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
        Command::Schema { .. }
        | Command::Validate { .. }
        | Command::Man
        | Command::Completions { .. }
        | Command::WhoHandles { .. } => unreachable!("dispatched above"),
    }
}
