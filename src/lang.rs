//! One language at a time: French or English, for everything a person reads.
//!
//! The language is chosen once a run (`--lang`, else the locale) and kept here, so that catalogue
//! texts print and serialise in it wherever they go. Two languages need no framework: a
//! [`Lang`], a [`Text`] that may carry both, and `match`es where words are printed.

use std::fmt;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize, Serializer};

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

/// How a [`Text`] is written in a file (for the schema; [`Text`] reads it by hand).
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

impl<'de> Deserialize<'de> for Text {
    /// A string, or a map of `fr` and `en`, read in one pass (serde's untagged enums buffer
    /// every value first, a cost paid on every run for every text of the catalogue).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"a string, or {"fr": "…", "en": "…"}"#)
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Text, E> {
                Ok(Text::from(S::borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::from(S::from(v)))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::from(S::from(v)))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                use serde::de::Error;
                let (mut fr, mut en) = (None, None);
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match &*key {
                        "fr" if fr.is_none() => fr = Some(map.next_value::<S>()?),
                        "en" if en.is_none() => en = map.next_value::<Option<S>>()?,
                        "fr" | "en" => return Err(A::Error::duplicate_field("fr or en")),
                        other => return Err(A::Error::unknown_field(other, &["fr", "en"])),
                    }
                }
                let fr = fr.ok_or_else(|| A::Error::missing_field("fr"))?;
                Ok(Text { fr, en })
            }
        }
        d.deserialize_any(Visitor)
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

    #[test]
    fn texts_read_both_forms() {
        let plain: Text = serde_json::from_str(r#""bonjour""#).unwrap();
        assert_eq!(&*plain, "bonjour");
        assert_eq!(plain.en, None);
        let both: Text = serde_json::from_str(r#"{"fr": "bonjour", "en": "hello"}"#).unwrap();
        assert_eq!(&*both, "bonjour");
        assert_eq!(both.en.as_deref(), Some("hello"));
        assert!(serde_json::from_str::<Text>(r#"{"en": "hello"}"#).is_err());
    }
}
