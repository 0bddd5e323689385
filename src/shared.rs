//! Catalogue strings that share the text they were read from.
//!
//! A catalogue of 100,000 entities holds two million strings. Each [`S`] that appears in its
//! file as written (no JSON escape) is a range of that file's text, which the strings own
//! together through a reference count: no allocation per string, no copy, and no leak: the
//! text goes when the last string that uses it does. A string that escapes changed (`\u00e9`,
//! `\n`) owns its own copy.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The text a catalogue is read from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Compiled into the binary.
    Static(&'static str),
    /// Read at run time; shared by the strings parsed from it.
    Shared(Arc<String>),
}

impl Deref for Source {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Source::Static(text) => text,
            Source::Shared(text) => text,
        }
    }
}

thread_local! {
    /// The text being parsed on this thread, if [`parsing`] set one.
    static CURRENT: RefCell<Option<Arc<String>>> = const { RefCell::new(None) };
}

/// Runs `parse` on `source`, whose strings then share its text. A text compiled into the
/// binary is copied once into a shared one (the embedded catalogue: 50 kB).
pub fn parsing<T>(source: &Source, parse: impl FnOnce(&str) -> T) -> T {
    struct Reset(Option<Arc<String>>);
    impl Drop for Reset {
        fn drop(&mut self) {
            CURRENT.with(|c| *c.borrow_mut() = self.0.take());
        }
    }
    let text = match source {
        Source::Static(text) => Arc::new(text.to_string()),
        Source::Shared(text) => Arc::clone(text),
    };
    let previous = CURRENT.with(|c| c.borrow_mut().replace(Arc::clone(&text)));
    let _reset = Reset(previous);
    parse(&text)
}

/// A catalogue string: a range of a shared text (16 bytes: the text's reference count and the
/// range). A string with escapes, or made at run time, is a range of a text of its own.
#[derive(Clone)]
pub struct S {
    text: Arc<String>,
    start: u32,
    end: u32,
}

impl S {
    pub fn as_str(&self) -> &str {
        &self.text[self.start as usize..self.end as usize]
    }

    /// `part`, a string the parser borrowed: a range of the text being parsed when it lies in
    /// it, else a copy.
    pub fn borrowed(part: &str) -> S {
        S::within_current(part).unwrap_or_else(|| S::from(part))
    }

    /// `part`, borrowed from the text being parsed, as a range of it; `None` when it is not
    /// part of that text.
    fn within_current(part: &str) -> Option<S> {
        CURRENT.with(|current| {
            let current = current.borrow();
            let text = current.as_ref()?;
            // Where `part` starts in the text, if it lies inside it (addresses compared as
            // numbers: nothing is dereferenced).
            let at = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
            let end = at.checked_add(part.len())?;
            if end > text.len() || !text.is_char_boundary(at) || !text.is_char_boundary(end) {
                return None;
            }
            Some(S {
                text: Arc::clone(text),
                start: u32::try_from(at).ok()?,
                end: u32::try_from(end).ok()?,
            })
        })
    }
}

impl Deref for S {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for S {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for S {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl Default for S {
    fn default() -> Self {
        S::from(String::new())
    }
}

impl From<String> for S {
    fn from(mut s: String) -> Self {
        // Strings past 4 GiB do not occur (files are read up to 256 MiB); cut rather than fail.
        if s.len() > u32::MAX as usize {
            let mut cut = u32::MAX as usize;
            while !s.is_char_boundary(cut) {
                cut -= 1;
            }
            s.truncate(cut);
        }
        let end = s.len() as u32;
        S {
            text: Arc::new(s),
            start: 0,
            end,
        }
    }
}

impl From<&str> for S {
    fn from(s: &str) -> Self {
        S::from(s.to_string())
    }
}

impl PartialEq for S {
    fn eq(&self, other: &S) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for S {}

impl PartialEq<str> for S {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for S {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<S> for &str {
    fn eq(&self, other: &S) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<String> for S {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialOrd for S {
    fn partial_cmp(&self, other: &S) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for S {
    fn cmp(&self, other: &S) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for S {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for S {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for S {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for S {
    fn serialize<Z: serde::Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for S {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = S;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<S, E> {
                Ok(S::borrowed(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<S, E> {
                Ok(S::from(v))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<S, E> {
                Ok(S::from(v))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl JsonSchema for S {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_written_as_is_share_the_text() {
        let source = Source::Shared(Arc::new(r#"["plain", "esc\u00e9"]"#.to_string()));
        let parsed: Vec<S> = parsing(&source, |text| serde_json::from_str(text).unwrap());
        assert_eq!(parsed, ["plain", "escé"].map(S::from));
        let Source::Shared(text) = &source else {
            unreachable!()
        };
        assert!(Arc::ptr_eq(&parsed[0].text, text));
        assert!(!Arc::ptr_eq(&parsed[1].text, text));
    }

    #[test]
    fn without_a_source_strings_own_themselves() {
        let parsed: Vec<S> = serde_json::from_str(r#"["a"]"#).unwrap();
        assert_eq!(parsed[0].as_str(), "a");
        assert_eq!(std::mem::size_of::<S>(), 16);
    }

    #[test]
    fn a_text_parsed_elsewhere_is_not_taken_for_the_source() {
        let source = Source::Static("[\"x\"]");
        let other = String::from("[\"y\"]");
        let parsed: Vec<S> = parsing(&source, |_| serde_json::from_str(&other).unwrap());
        assert_eq!(parsed[0], "y");
        assert_eq!(parsed[0].text.as_str(), "y");
    }
}
