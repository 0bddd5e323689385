//! The catalogue format: what `catalogue.json` (and any `--catalogue` or `--overlay` file) holds.
//!
//! The JSON Schema printed by `ecosys schema` is derived from these types, so the two cannot
//! drift apart; `read` reads them (the `serde` attributes here describe the schema and the
//! output).

use schemars::JsonSchema;
use serde::Serialize;

pub use crate::lang::Text;

/// Catalogue text: a range of the file text it was read from, shared (see [`crate::shared`]).
pub use crate::shared::S;

/// A catalogue of the ecosystem: who is who, what they do, and where the guide sends you.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Version of this format; currently 1.
    pub schema_version: u32,
    /// Where the facts come from.
    pub source: Source,
    /// Teams, organisations and contacts.
    pub entities: Vec<Entity>,
    /// Orders the guide prescribes: for such a question, ask these entities, in this order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
    /// Groups of words or phrases that mean the same thing (French, English, acronyms).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<Vec<S>>,
}

/// The document the facts come from.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title of the document or chapter.
    pub title: S,
    /// What the document is.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub description: S,
    /// File name or address of the document.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub file: S,
    /// Language of the document (e.g. `fr`).
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub language: S,
}

/// What sort of entity this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A direction or department (DINUM, Etalab).
    Organisation,
    /// A team, pole or programme you can ask.
    Team,
    /// An outside body the guide sends you to (CNIL, CADA).
    OutsideBody,
    /// Someone in your own administration (legal department, AMDAC).
    OwnAdministration,
}

/// An enumeration written in files as one of a few names.
pub trait Named: Copy + 'static {
    /// Every value, in the order the schema lists them.
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
}

/// Gives an enumeration its names in files: `as_str`, and [`Named`].
macro_rules! named {
    ($enum:ident { $($variant:ident = $name:literal),* $(,)? }) => {
        impl $enum {
            pub fn as_str(self) -> &'static str {
                match self {
                    $($enum::$variant => $name,)*
                }
            }
        }

        impl Named for $enum {
            const ALL: &'static [$enum] = &[$($enum::$variant),*];
            fn as_str(self) -> &'static str {
                $enum::as_str(self)
            }
        }
    };
}

named!(Kind {
    Organisation = "organisation",
    Team = "team",
    OutsideBody = "outside-body",
    OwnAdministration = "own-administration",
});

named!(ContactKind {
    Email = "email",
    Url = "url",
    Phone = "phone",
    Chat = "chat",
});

named!(ResourceKind {
    Guide = "guide",
    Platform = "platform",
    Dataset = "dataset",
    Documentation = "documentation",
    Page = "page",
    Website = "website",
    Law = "law",
    Software = "software",
    Programme = "programme",
    Training = "training",
    Article = "article",
    Organisation = "organisation",
});

/// A team, organisation or contact.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Stable kebab-case identifier; scripts use it.
    pub id: S,
    /// Full name, as the guide gives it.
    pub name: S,
    /// Short name people use (e.g. `data.gouv.fr`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<S>,
    /// Other names the entity goes by.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub aliases: Box<[S]>,
    /// What sort of entity this is.
    pub kind: Kind,
    /// Id of the entity this one belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<S>,
    /// Home page, when the guide gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<S>,
    /// What they do, in a few French sentences (or `{"fr": …, "en": …}`).
    pub summary: Text,
    /// What a newcomer can ask them.
    #[serde(default)]
    pub services: Box<[Text]>,
    /// Their guides, platforms, datasets and pages.
    #[serde(default)]
    pub resources: Box<[Resource]>,
    /// Facts worth knowing (stack, figures, dates).
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub facts: Box<[S]>,
    /// Search keywords: French and English, synonyms, acronyms.
    #[serde(default)]
    pub topics: Box<[S]>,
    /// Needs people describe in their own words, French and English ("a service usable by
    /// blind people"): search matches them like services, so that a question need not use
    /// the guide's terms.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub needs: Box<[S]>,
    /// Ids of entities worth knowing alongside this one.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub related: Box<[S]>,
    /// How to reach them (overlays only: the guide gives no contact details, and the embedded
    /// catalogue invents none).
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub contacts: Box<[Contact]>,
    /// The section of the source document the facts come from.
    pub source: S,
    /// Where `source` and each fact are in the source document, by line (`ecosys import`
    /// writes them, for people to look the text up; nothing else reads them). Boxed: most
    /// entities have none, and 100,000 entities would carry 100 bytes each for nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_lines: Option<Box<SourceLines>>,
}

/// Lines of the source document: the heading an entity cites, and each of its services,
/// resources, contacts and facts, in their lists' order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceLines {
    /// The line of the heading.
    pub heading: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<u32>,
}

/// One way to reach an entity.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// How: `email` (an address, or `mailto:`), `url` (http or https), `phone` (digits,
    /// spaces, `+`, or `tel:`) or `chat` (an http or https link, a Matrix room or user
    /// such as `#room:server`, or a handle such as `@team` on the chat the label names).
    pub kind: ContactKind,
    /// The address, link or number.
    pub value: S,
    /// What it is, for people (e.g. `Secrétariat`).
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub label: S,
}

/// How a contact is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ContactKind {
    Email,
    Url,
    Phone,
    Chat,
}

/// A guide, platform, dataset or page.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Title of the resource (or `{"fr": …, "en": …}`).
    pub title: Text,
    /// Its address (http or https).
    pub url: S,
    /// What sort of resource it is.
    pub kind: ResourceKind,
}

/// What sort of resource this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ResourceKind {
    Guide,
    Platform,
    Dataset,
    Documentation,
    Page,
    Website,
    Law,
    Software,
    Programme,
    Training,
    Article,
    Organisation,
}

/// An order the guide prescribes for a kind of question.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Stable kebab-case identifier.
    pub id: S,
    /// Words or phrases that make a question one of this kind; all the words of one must be in it.
    pub when: Vec<S>,
    /// Whom to ask, in order.
    pub steps: Vec<Step>,
    /// The guide's advice, in a sentence (or `{"fr": …, "en": …}`).
    pub note: Text,
    /// The section of the source document the order comes from.
    pub source: S,
}

/// One step of a route.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Id of the entity to ask.
    pub entity: S,
    /// When to ask it, in the guide's words (e.g. `en premier lieu`, or `{"fr": …, "en": …}`).
    pub role: Text,
}

impl Entity {
    /// The name people use: the short name if there is one, else the full name.
    pub fn display_name(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }

    /// Where to go next: its contacts (`label: value`), else its main URL.
    pub fn reach(&self) -> Vec<String> {
        if self.contacts.is_empty() {
            return self.url.iter().map(ToString::to_string).collect();
        }
        self.contacts
            .iter()
            .map(|c| {
                let label = if c.label.trim().is_empty() {
                    c.kind.as_str()
                } else {
                    c.label.as_str()
                };
                format!("{label}: {}", c.value)
            })
            .collect()
    }
}
