//! [`Str`]: catalogue text borrowed from the file it was read from, which is kept for the whole
//! run. A string with JSON escapes cannot be borrowed: it is unescaped once and kept as long.
//! A catalogue of 100,000 entities then costs its file, not its file twice over, and each of
//! its strings two words.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Str<'a>(pub &'a str);

impl<'a> Str<'a> {
    pub fn as_str(&self) -> &'a str {
        self.0
    }
}

impl Deref for Str<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for Str<'_> {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl Borrow<str> for Str<'_> {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl fmt::Debug for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

impl PartialEq<str> for Str<'_> {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Str<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Str<'_> {
    fn eq(&self, other: &String) -> bool {
        self.0 == other.as_str()
    }
}

impl<'a> From<&'a str> for Str<'a> {
    fn from(s: &'a str) -> Self {
        Str(s)
    }
}

impl Serialize for Str<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

/// Text that had to be unescaped: kept, like the file it came from, until the program ends.
fn keep(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Str<'de>, E> {
                Ok(Str(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Str<'de>, E> {
                Ok(Str(keep(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Str<'de>, E> {
                Ok(Str(keep(v)))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl JsonSchema for Str<'_> {
    fn schema_name() -> Cow<'static, str> {
        "String".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_when_it_can() {
        let text = r#"["plain", "esc\"aped"]"#;
        let v: Vec<Str> = serde_json::from_str(text).unwrap();
        assert!(
            std::ptr::eq(v[0].0.as_ptr(), text[2..].as_ptr()),
            "borrowed"
        );
        assert_eq!(v[1], "esc\"aped");
    }
}
