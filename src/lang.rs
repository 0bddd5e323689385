//! One language at a time: French or English, for everything a person reads.
//!
//! The language is chosen once a run (`--lang`, else the locale) and kept here, so that catalogue
//! texts print and serialise in it wherever they go. Two languages need no framework: a
//! [`Lang`], a [`Text`] that may carry both, and `match`es where words are printed.

use std::fmt;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use crate::shared::S;

/// A language people read ecosys in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Français
    Fr,
    /// English
    En,
}

impl Lang {
    /// The language of a locale name such as `fr_FR.UTF-8`: French for `fr*`, else English.
    pub fn of_locale(locale: &str) -> Lang {
        if locale.trim().to_ascii_lowercase().starts_with("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    /// The language of the locale: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set
    /// and not empty; English when none is.
    pub fn from_locale() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.trim().is_empty())
            .map_or(Lang::En, |v| Lang::of_locale(&v))
    }

    /// `fr` in French, `en` in English.
    pub fn pick<'a>(self, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}

static CURRENT: OnceLock<Lang> = OnceLock::new();

/// Chooses the language of this run (the first choice stands).
pub fn set(lang: Lang) {
    let _ = CURRENT.set(lang);
}

/// The language of this run; French, the guide's, until one is chosen.
pub fn current() -> Lang {
    CURRENT.get().copied().unwrap_or(Lang::Fr)
}

/// `fr` or `en`, in the language of this run.
pub fn tr<'a>(fr: &'a str, en: &'a str) -> &'a str {
    current().pick(fr, en)
}

/// Catalogue prose: a French string, as in version-1 files, or `{"fr": …, "en": …}`.
///
/// It dereferences to the French text (what search indexes, what validation checks); it
/// prints and serialises in the language of the run, French when it has no English.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub fr: S,
    pub en: Option<S>,
}

/// How a [`Text`] is written in a file (for the schema; the catalogue loader reads it).
#[derive(JsonSchema)]
#[allow(dead_code)]
#[serde(untagged)]
enum TextForm {
    /// French only.
    Plain(String),
    /// French and English.
    Both {
        fr: String,
        #[serde(default)]
        en: Option<String>,
    },
}

impl Text {
    /// The text in the language of the run.
    pub fn text(&self) -> &str {
        match (current(), &self.en) {
            (Lang::En, Some(en)) if !en.trim().is_empty() => en,
            _ => &self.fr,
        }
    }
}

impl From<S> for Text {
    fn from(fr: S) -> Self {
        Text { fr, en: None }
    }
}

impl From<String> for Text {
    fn from(fr: String) -> Self {
        Text::from(S::from(fr))
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.fr
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text())
    }
}

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        TextForm::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales() {
        assert_eq!(Lang::of_locale("fr_FR.UTF-8"), Lang::Fr);
        assert_eq!(Lang::of_locale("fr"), Lang::Fr);
        assert_eq!(Lang::of_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::of_locale("C"), Lang::En);
        assert_eq!(Lang::of_locale("de_DE"), Lang::En);
    }
}
