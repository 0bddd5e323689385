//! Parses the command line, loads the catalogue when the command needs it, and dispatches.

use std::io::{self, BufWriter, IsTerminal, Write};

use clap::Parser;

use crate::catalogue::load::{Loaded, load, load_with};
use crate::catalogue::{Catalogue, Entity};
use crate::cli::{Cli, ColorChoice, Command};
use crate::commands;
use crate::error::{Error, Result};
use crate::output::{Format, Style};
use crate::search::Index;

/// What every command gets: the options and, when it needs it, the catalogue.
pub struct Context {
    pub cli: Cli,
    pub format: Format,
    pub style: Style,
}

impl Context {
    /// Loads the catalogue named by the options (embedded, `--catalogue`, `--overlay`).
    pub fn load(&self) -> Result<Loaded> {
        load(self.cli.catalogue.as_deref(), &self.cli.overlay).map_err(Error::Catalogue)
    }

    /// [`Context::load`], running `work` on the catalogue while it is validated.
    pub fn load_with<T: Send>(
        &self,
        work: impl FnOnce(&Catalogue) -> T + Send,
    ) -> Result<(Loaded, T)> {
        load_with(self.cli.catalogue.as_deref(), &self.cli.overlay, work).map_err(Error::Catalogue)
    }

    /// The search index of the catalogue in use, built while the catalogue is validated; for
    /// the embedded catalogue, the one learnt at build time.
    pub fn load_indexed(&self) -> Result<(Loaded, Index)> {
        if self.cli.catalogue.is_none() && self.cli.overlay.is_empty() {
            self.load_with(|_| Index::embedded())
        } else {
            self.load_with(Index::build)
        }
    }

    /// Fails for formats a command has no use for.
    pub fn only_formats(&self, command: &str, allowed: &[Format]) -> Result<()> {
        if allowed.contains(&self.format) {
            return Ok(());
        }
        let names: Vec<String> = allowed
            .iter()
            .map(|f| format!("{f:?}").to_lowercase())
            .collect();
        Err(Error::Usage(format!(
            "`{command}` prints {}; --format {} does not apply",
            names.join(" or "),
            format!("{:?}", self.format).to_lowercase()
        )))
    }
}

/// The entity `key` names, or an error that suggests the closest id.
pub fn find<'c>(catalogue: &'c Catalogue, key: &str) -> Result<&'c Entity> {
    catalogue.find(key).ok_or_else(|| Error::UnknownEntity {
        id: key.to_string(),
        suggestion: catalogue.closest_id(key).map(str::to_string),
    })
}

pub fn run() -> Result<u8> {
    let cli = Cli::parse();
    check_stdout_open()?;
    let stdout = io::stdout();
    let is_terminal = stdout.is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && !no_color,
    };
    let style = Style {
        color,
        width: table_width(is_terminal),
    };
    let format = cli.format();
    let context = Context { cli, format, style };
    let mut out = BufWriter::new(stdout.lock());
    let code = dispatch(&context, &mut out)?;
    out.flush()?;
    Ok(code)
}

fn dispatch(context: &Context, out: &mut impl Write) -> Result<u8> {
    if context.cli.version {
        return commands::version(context, out);
    }
    let Some(command) = &context.cli.command else {
        return Err(Error::Usage(
            "a command is needed; try `ecosys who-handles TOPIC` or `ecosys --help`".into(),
        ));
    };
    match command {
        Command::List { kind, parent } => {
            commands::list::run(context, out, *kind, parent.as_deref())
        }
        Command::Show { id } => commands::show::run(context, out, id),
        Command::Resources { id } => commands::resources::run(context, out, id.as_deref()),
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
            if *stdin {
                commands::who_handles::run_stdin(context, out, &options)
            } else {
                commands::who_handles::run(context, out, &topic.join(" "), &options)
            }
        }
        Command::Topics { entity } => commands::topics::run(context, out, entity.as_deref()),
        Command::Checklist { ids } => commands::checklist::run(context, out, ids),
        Command::Validate { files } => commands::validate::run(context, out, files),
        Command::Schema => commands::schema(out),
        Command::Completions { shell } => commands::completions(context, out, *shell),
        Command::Man => commands::man(out),
    }
}

/// Width for tables: `COLUMNS` if set, else the terminal's (found by the table itself), else 80.
fn table_width(is_terminal: bool) -> Option<u16> {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
    {
        return Some(columns.max(20));
    }
    (!is_terminal).then_some(80)
}

/// Fails when standard output was closed (`ecosys list >&-`).
///
/// At start-up the standard library reopens a closed stdout on `/dev/null`, read-write, and
/// output then vanishes without a word. A shell's `> /dev/null` opens it write-only, so a
/// read-write `/dev/null` on fd 1 means stdout was closed.
fn check_stdout_open() -> Result<()> {
    #[cfg(unix)]
    {
        use std::mem::MaybeUninit;
        // SAFETY: fcntl and fstat only query the descriptor; `fstat` writes into `stat`, which
        // is read only when it succeeded; `stat` on a NUL-terminated path likewise.
        unsafe {
            let flags = libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFL);
            if flags == -1 {
                return Err(Error::Write(io::Error::last_os_error()));
            }
            if flags & libc::O_ACCMODE == libc::O_RDWR {
                let mut out = MaybeUninit::<libc::stat>::uninit();
                let mut null = MaybeUninit::<libc::stat>::uninit();
                if libc::fstat(libc::STDOUT_FILENO, out.as_mut_ptr()) == 0
                    && libc::stat(c"/dev/null".as_ptr(), null.as_mut_ptr()) == 0
                {
                    let (out, null) = (out.assume_init(), null.assume_init());
                    if out.st_mode & libc::S_IFMT == libc::S_IFCHR && out.st_rdev == null.st_rdev {
                        return Err(Error::Write(io::Error::other("standard output is closed")));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Writes `ecosys: MESSAGE` on stderr, neutralising control characters; a stderr that cannot
/// be written to is ignored (a message is never worth a crash).
pub fn warn(message: &str) {
    let message = crate::output::sanitise(message);
    let _ = writeln!(io::stderr(), "ecosys: {message}");
}
