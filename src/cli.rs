//! Command-line interface: the `--help` text is the doc comments below.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::catalogue::Kind;
use crate::output::Format;

/// Who do I ask about X? The French State's digital ecosystem (Etalab, DINUM, CNIL, CADA…), from
/// the onboarding guide's chapter "L'écosystème", in one command.
#[derive(Debug, Parser)]
#[command(
    name = "ecosys",
    disable_version_flag = true,
    after_help = "Examples:\n  ecosys who-handles donnees personnelles\n  ecosys who-handles free software --json | jq -r '.[0].id'\n  ecosys list --kind team\n  ecosys show lab-ia\n  ecosys resources data.gouv.fr --format csv\n  ecosys drift GUIDE.md\n\nExit status: 0 an answer, 1 nothing matched (or problems found by `validate`, or differences found by `drift`), 2 usage error, unknown id, unusable catalogue or guide."
)]
pub struct Cli {
    /// Output format [default: table]
    #[arg(long, short = 'f', global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Shorthand for --format json
    #[arg(long, global = true, conflicts_with = "format")]
    pub json: bool,

    /// When to colour tables: auto means on a terminal, unless NO_COLOR is set or TERM is dumb
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Use this catalogue file instead of the embedded one [env: ECOSYS_CATALOGUE=, empty
    /// meaning unset]
    #[arg(long, global = true, value_name = "FILE")]
    pub catalogue: Option<PathBuf>,

    /// Add entities from this file, or patch (with "replace": true, replace) those it names
    /// by id (repeatable; the name is taken whole, colons
    /// included). Without --overlay, ECOSYS_OVERLAY gives a colon-separated list (empty
    /// entries are ignored)
    #[arg(long, global = true, value_name = "FILE")]
    pub overlay: Vec<PathBuf>,

    /// Language of what people read: fr or en [default: from LC_ALL, LC_MESSAGES or LANG:
    /// French for fr*, English otherwise]
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<crate::lang::Lang>,

    /// Print version and which catalogue is in use
    #[arg(short = 'V', long)]
    pub version: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every entity: id, kind, name, parent
    List {
        /// Only entities of this kind
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// Only entities whose parent is this id (or name)
        #[arg(long, value_name = "ID")]
        parent: Option<String>,
    },

    /// Everything about one entity, and its children
    Show {
        /// Id, name or short name (e.g. lab-ia, data.gouv.fr)
        id: String,
    },

    /// Guides, platforms, datasets and pages of an entity (and of its children)
    Resources {
        /// Id, name or short name; every entity's resources when left out
        id: Option<String>,
    },

    /// Who handles a topic: ranked teams, the reason, and the order the guide prescribes
    #[command(visible_alias = "who")]
    WhoHandles {
        /// The topic, in French or English; words may be unquoted
        #[arg(required_unless_present = "stdin", num_args = 1.., value_name = "TOPIC")]
        topic: Vec<String>,

        /// Show at most N matches (N ≥ 1; fewer when fewer match) [default: those worth
        /// showing, at most 5 in a table]
        #[arg(long, short = 'n', value_name = "N", value_parser = at_least_one)]
        limit: Option<usize>,

        /// Show every piece of evidence behind each match, and the near misses; with --json
        /// or --format ndjson, print the answer as one object (question, matches,
        /// near_misses)
        #[arg(long)]
        explain: bool,

        /// Read one question a line from standard input and answer each as it comes: one JSON
        /// object a line (question, matches, near_misses), or --format json, csv, tsv,
        /// markdown (a question column) or table
        #[arg(long, conflicts_with = "topic")]
        stdin: bool,
    },

    /// Every topic the catalogue knows, and who handles it
    Topics {
        /// Only the topics of this entity
        #[arg(long, value_name = "ID")]
        entity: Option<String>,
    },

    /// A Markdown onboarding checklist: per team, who they are, what to ask, what to read
    Checklist {
        /// Teams to include (ids or names); all when left out
        ids: Vec<String>,
    },

    /// Check overlay files as `--overlay FILE...` would load them (over the catalogue and the
    /// --overlay files in use, in order; ECOSYS_OVERLAY is not used, as with --overlay),
    /// reporting every problem with its place
    Validate {
        /// Files to check
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,

        /// Check each file on its own, as a whole catalogue (not as an overlay)
        #[arg(long)]
        standalone: bool,
    },

    /// Make a catalogue from a chapter shaped like the guide's: `##` organisations, `###`
    /// teams, labelled blocks (prints JSON; other formats list the entities)
    Import {
        /// The chapter, in Markdown (`-` for standard input)
        #[arg(value_name = "GUIDE.md", value_hint = clap::ValueHint::FilePath)]
        guide: PathBuf,

        #[command(flatten)]
        labels: LabelArgs,
    },

    /// Where the catalogue in use and a guide disagree: sections nobody cites, headings gone,
    /// URLs, services and contacts added, removed or moved (exit status 1 when they disagree)
    Drift {
        /// The chapter, in Markdown (`-` for standard input)
        #[arg(value_name = "GUIDE.md", value_hint = clap::ValueHint::FilePath)]
        guide: PathBuf,

        #[command(flatten)]
        labels: LabelArgs,
    },

    /// Print the JSON Schema of the catalogue format, or of overlays (`schema overlay`)
    Schema {
        /// A whole catalogue, or an overlay (whose entities and routes may be patches)
        #[arg(value_enum, default_value_t = SchemaOf::Catalogue)]
        of: SchemaOf,
    },

    /// Print a shell completion script
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print the manual page (roff)
    Man,
}

/// Labels of the chapter's blocks beyond the guide's own (`**Services**`, `**Ressources**`,
/// `**Contact :**`, `**Ce que vous pouvez faire avec … :**`).
#[derive(Debug, clap::Args)]
pub struct LabelArgs {
    /// Read the blocks under this label too: LABEL=KIND, KIND being services, resources or
    /// contacts; a LABEL ending in … or * stands for every label that starts so (repeatable)
    #[arg(long = "label", value_name = "LABEL=KIND")]
    pub label: Vec<String>,

    /// Read such mappings from FILE, one `LABEL = KIND` a line (# starts a comment line)
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub labels: Option<PathBuf>,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl Cli {
    /// The format asked for, table by default.
    pub fn format(&self) -> Format {
        self.explicit_format().unwrap_or(Format::Table)
    }

    /// The language asked for, else the locale's.
    pub fn lang(&self) -> crate::lang::Lang {
        self.lang.unwrap_or_else(crate::lang::Lang::from_locale)
    }

    /// The format asked for, if one was (`--format` or `--json`).
    pub fn explicit_format(&self) -> Option<Format> {
        if self.json {
            Some(Format::Json)
        } else {
            self.format
        }
    }
}

impl Cli {
    /// The command line in the shapes most runs have (`list`, `show ID`, `who-handles WORDS…`,
    /// `checklist`, `topics`, `resources [ID]`, each with or without one `--json`), read
    /// without building clap's command tree; `None` for anything else (any other option, a
    /// `-`, an empty or non-UTF-8 argument, a shape clap would refuse), which clap then
    /// parses. A property test checks that the two agree wherever this one answers.
    pub fn parse_common(args: &[std::ffi::OsString]) -> Option<Cli> {
        let mut json = false;
        let mut words = Vec::with_capacity(args.len());
        for arg in args {
            let arg = arg.to_str().filter(|a| !a.is_empty())?;
            if arg == "--json" && !json {
                json = true;
            } else if arg.starts_with('-') {
                return None;
            } else {
                words.push(arg.to_string());
            }
        }
        let mut words = words.into_iter();
        let name = words.next()?;
        let mut rest: Vec<String> = words.collect();
        let one = |rest: &mut Vec<String>| (rest.len() <= 1).then(|| rest.pop());
        let command = match name.as_str() {
            "list" if rest.is_empty() => Command::List {
                kind: None,
                parent: None,
            },
            "show" if rest.len() == 1 => Command::Show { id: rest.pop()? },
            "resources" => Command::Resources {
                id: one(&mut rest)?,
            },
            "topics" if rest.is_empty() => Command::Topics { entity: None },
            "checklist" => Command::Checklist { ids: rest },
            "who-handles" | "who" if !rest.is_empty() => Command::WhoHandles {
                topic: rest,
                limit: None,
                explain: false,
                stdin: false,
            },
            _ => return None,
        };
        Some(Cli {
            format: None,
            json,
            color: ColorChoice::Auto,
            catalogue: None,
            overlay: Vec::new(),
            lang: None,
            version: false,
            command: Some(command),
        })
    }
}

/// A `--limit`: 0 would ask for nothing, a usage error rather than an empty answer.
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// Which files `schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaOf {
    /// `--catalogue` files and catalogue.json
    Catalogue,
    /// `--overlay` files
    Overlay,
}

impl Cli {
    /// The base catalogue file: `--catalogue`, else ECOSYS_CATALOGUE unless empty; `None`
    /// for the embedded one.
    pub fn catalogue(&self) -> Option<PathBuf> {
        self.catalogue.clone().or_else(|| {
            std::env::var_os("ECOSYS_CATALOGUE")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
    }

    /// The overlays to apply, in order: those of `--overlay`, else those ECOSYS_OVERLAY lists
    /// (separated by `:`, empty entries ignored).
    pub fn overlays(&self) -> Vec<PathBuf> {
        self.overlays_with(&[])
    }

    /// The one rule for overlays, of loading and of `validate` alike: the files of
    /// `--overlay`, then `more` (the files `validate` checks, which count as `--overlay`s);
    /// ECOSYS_OVERLAY's only when there are none, as a flag replaces its environment variable.
    pub fn overlays_with(&self, more: &[PathBuf]) -> Vec<PathBuf> {
        if !self.overlay.is_empty() || !more.is_empty() {
            return self.overlay.iter().chain(more).cloned().collect();
        }
        std::env::var_os("ECOSYS_OVERLAY")
            .map(|list| {
                std::env::split_paths(&list)
                    .filter(|p| !p.as_os_str().is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    fn os(args: &[&str]) -> Vec<std::ffi::OsString> {
        args.iter().map(Into::into).collect()
    }

    /// Where the common-shape parser answers, clap gives the same.
    fn agree(args: &[&str]) -> bool {
        let Some(fast) = Cli::parse_common(&os(args)) else {
            return false;
        };
        let full = Cli::try_parse_from(std::iter::once("ecosys").chain(args.iter().copied()))
            .expect("clap takes what the common-shape parser takes");
        assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{args:?}");
        true
    }

    #[test]
    fn the_common_shapes_take_the_fast_path() {
        for args in [
            &["list"][..],
            &["list", "--json"],
            &["--json", "show", "cnil"],
            &["who-handles", "données", "personnelles"],
            &["who", "Salut, qui peut m'aider ?", "--json"],
            &["checklist"],
            &["checklist", "cnil", "cada"],
            &["topics"],
            &["resources"],
            &["resources", "data-gouv", "--json"],
        ] {
            assert!(agree(args), "{args:?}");
        }
        for args in [
            &[][..],
            &["list", "x"],
            &["list", "--json", "--json"],
            &["show"],
            &["show", "a", "b"],
            &["who-handles"],
            &["who-handles", "-n", "2", "x"],
            &["who-handles", ""],
            &["list", "--format", "csv"],
            &["--help"],
            &["help"],
            &["man"],
            &["--", "list"],
        ] {
            assert!(Cli::parse_common(&os(args)).is_none(), "{args:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_and_clap_parsers_agree(
            args in proptest::collection::vec(
                proptest::sample::select(vec![
                    "list", "show", "resources", "topics", "checklist", "who-handles", "who",
                    "validate", "man", "schema", "--json", "--format", "json", "-n", "--", "-",
                    "", "cnil", "données", "a b", "--help", "-V", "--stdin", "help",
                ]),
                0..6,
            )
        ) {
            agree(&args);
        }
    }
}
