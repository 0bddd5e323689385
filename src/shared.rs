//! Catalogue strings that share the text they were read from.
//!
//! A catalogue of 100,000 entities holds two million strings. Each [`S`] that appears in its
//! file as written (no JSON escape) is a range of that file's text, which the strings own
//! together through a reference count: no allocation per string, no copy, and no leak: the
//! text goes when the last string that uses it does. A string that escapes changed (`\u00e9`,
//! `\n`) owns its own copy. The embedded catalogue's strings are ranges of its text, the
//! program's static data: no copy of it, and no count to keep.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::num::NonZeroU32;
use std::ops::Deref;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Serialize;

use crate::catalogue::load::EMBEDDED;

/// A catalogue string: a range of a shared text (16 bytes: the text's reference count and the
/// range; an `Option<S>` too). A string with escapes, or made at run time, is a range of a
/// text of its own.
#[derive(Clone)]
pub struct S {
    /// The text it is a range of; `None`: the embedded catalogue's ([`EMBEDDED`]).
    text: Option<Arc<String>>,
    start: u32,
    /// The range's end plus one: never zero, so that `Option<S>` (an entity's parent, a
    /// text's English) needs no room of its own, `None` being that zero.
    end: NonZeroU32,
}

/// `end` as [`S`] keeps it.
fn past(end: usize) -> Option<NonZeroU32> {
    NonZeroU32::new(u32::try_from(end).ok()?.checked_add(1)?)
}

impl S {
    pub fn as_str(&self) -> &str {
        let text = self.text.as_ref().map_or(EMBEDDED, |text| text.as_str());
        &text[self.start as usize..self.end.get() as usize - 1]
    }

    /// The range `start..end` of the embedded catalogue's text, if it is one.
    pub fn embedded(start: usize, end: usize) -> Option<S> {
        EMBEDDED.get(start..end)?;
        Some(S {
            text: None,
            start: u32::try_from(start).ok()?,
            end: past(end)?,
        })
    }

    /// `part` as a range of `text` when it lies inside it (a string the parser borrowed from
    /// the text), else `None`. Addresses are compared as numbers: nothing is dereferenced.
    pub fn within(text: &Arc<String>, part: &str) -> Option<S> {
        let at = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
        let end = at.checked_add(part.len())?;
        if end > text.len() || !text.is_char_boundary(at) || !text.is_char_boundary(end) {
            return None;
        }
        Some(S {
            text: Some(Arc::clone(text)),
            start: u32::try_from(at).ok()?,
            end: past(end)?,
        })
    }

    /// `part`, shared with `text` when it lies inside it, else a copy of its own.
    pub fn shared(text: &Arc<String>, part: &str) -> S {
        S::within(text, part).unwrap_or_else(|| S::from(part))
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
        // Strings of 4 GiB do not occur (files are read up to 256 MiB); cut rather than fail.
        if s.len() >= u32::MAX as usize {
            let mut cut = u32::MAX as usize - 1;
            while !s.is_char_boundary(cut) {
                cut -= 1;
            }
            s.truncate(cut);
        }
        let end = past(s.len()).expect("cut below u32::MAX");
        S {
            text: Some(Arc::new(s)),
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
    fn strings_inside_the_text_share_it() {
        let text = Arc::new(r#"["plain", "other"]"#.to_string());
        let inside = S::shared(&text, &text[2..7]);
        assert_eq!(inside, "plain");
        assert!(Arc::ptr_eq(inside.text.as_ref().unwrap(), &text));
        let copy = S::shared(&text, "plain");
        assert_eq!(copy, "plain");
        assert!(!Arc::ptr_eq(copy.text.as_ref().unwrap(), &text));
        assert_eq!(std::mem::size_of::<S>(), 16);
        assert_eq!(std::mem::size_of::<Option<S>>(), 16);
    }

    #[test]
    fn embedded_strings_are_ranges_of_the_embedded_text() {
        let id = EMBEDDED.find("\"cnil\"").unwrap() + 1;
        let s = S::embedded(id, id + 4).unwrap();
        assert_eq!(s, "cnil");
        assert!(s.text.is_none());
        assert_eq!(s.clone(), s);
        assert!(S::embedded(0, EMBEDDED.len() + 1).is_none());
        // Not between two bytes of one character.
        let e = EMBEDDED.find('é').unwrap();
        assert!(S::embedded(e + 1, e + 2).is_none());
    }
}
