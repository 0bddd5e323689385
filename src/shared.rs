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

    /// The text this string is a part of, if it is a part of a larger one (a range of a
    /// file's text, not a string with its own copy, nor one of the embedded catalogue).
    pub fn shared_text(&self) -> Option<&Arc<String>> {
        let text = self.text.as_ref()?;
        let whole = self.start == 0 && self.end.get() as usize - 1 == text.len();
        (!whole).then_some(text)
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

/// Every string of a structure, for [`compact`] to rewrite: calls its argument on each.
pub type Visit<'v> = dyn FnMut(&mut dyn FnMut(&mut S)) + 'v;

/// Keeps of `text` only the bytes its strings use, in place, when they are the only owners of
/// it: a catalogue file's keys, quotes, commas, blanks and escaped strings (copied apart) are
/// a fifth of it, and stay allocated for as long as any string does otherwise.
///
/// `each` must visit every string that holds `text`; if one is missed (another owner keeps
/// the text alive), nothing is changed. Returns whether the text was compacted. Linear in the
/// text and the strings; the bitmap of used bytes it needs is an eighth of the text.
pub fn compact(text: Arc<String>, each: &mut Visit<'_>) -> bool {
    let holds = |s: &S, text: &Arc<String>| s.text.as_ref().is_some_and(|t| Arc::ptr_eq(t, text));
    // Bit i: byte i is in some string (strings may repeat or overlap).
    let mut used = vec![0u64; text.len().div_ceil(64)];
    let mut whole = true;
    each(&mut |s| {
        if holds(s, &text) {
            let (start, end) = (s.start as usize, s.end.get() as usize - 1);
            // Every string is whole characters (`S::within` makes sure): checked again,
            // since the kept bytes are then whole characters without reading them.
            whole &= text.is_char_boundary(start) && text.is_char_boundary(end);
            mark(&mut used, start, end);
        }
    });
    if !whole {
        return false;
    }
    // Every string that held the text holds a placeholder meanwhile, so that the text has one
    // owner left: this function.
    let placeholder = Arc::new(String::new());
    each(&mut |s| {
        if holds(s, &text) {
            s.text = Some(Arc::clone(&placeholder));
        }
    });
    let (text, done) = match Arc::try_unwrap(text) {
        Ok(owned) => {
            let (kept, ranks) = squeeze(owned, &used);
            (Arc::new(kept), Some(ranks))
        }
        // Someone else holds it: the strings get it back as they were.
        Err(text) => (text, None),
    };
    each(&mut |s| {
        if holds(s, &placeholder) {
            if let Some(ranks) = &done {
                let (start, len) = (s.start as usize, s.end.get() - 1 - s.start);
                let at = ranks.before(&used, start);
                s.start = at as u32;
                s.end = NonZeroU32::new(at as u32 + len + 1).expect("within the text");
            }
            s.text = Some(Arc::clone(&text));
        }
    });
    done.is_some()
}

/// Sets the bits of bytes `start..end`.
fn mark(used: &mut [u64], start: usize, end: usize) {
    let mut i = start;
    while i < end {
        let (word, bit) = (i / 64, i % 64);
        let n = (64 - bit).min(end - i);
        let ones = if n == 64 {
            u64::MAX
        } else {
            ((1u64 << n) - 1) << bit
        };
        used[word] |= ones;
        i += n;
    }
}

/// How many bytes are used before a place: counts per block of 8 bitmap words (512 bytes).
struct Ranks(Vec<u32>);

impl Ranks {
    fn of(used: &[u64]) -> Ranks {
        let mut total = 0u32;
        let mut before: Vec<u32> = (used.chunks(8))
            .map(|block| {
                let at = total;
                total += block.iter().map(|w| w.count_ones()).sum::<u32>();
                at
            })
            .collect();
        // The end of the text, when it ends a block.
        before.push(total);
        Ranks(before)
    }

    /// The used bytes before byte `at`.
    fn before(&self, used: &[u64], at: usize) -> usize {
        let (word, bit) = (at / 64, at % 64);
        let block = word / 8;
        let whole: u32 = used[block * 8..word].iter().map(|w| w.count_ones()).sum();
        let part = used
            .get(word)
            .map_or(0, |w| (w & ((1u64 << bit) - 1)).count_ones());
        (self.0[block] + whole + part) as usize
    }
}

/// `text` with only its used bytes, moved down in place and the rest given back, and the
/// counts to find where each byte went.
fn squeeze(text: String, used: &[u64]) -> (String, Ranks) {
    let ranks = Ranks::of(used);
    let mut bytes = text.into_bytes();
    let mut kept = 0;
    for (w, &bits) in used.iter().enumerate() {
        let mut bits = bits;
        while bits != 0 {
            // A run of used bytes: copied down at once.
            let from = bits.trailing_zeros() as usize;
            let run = (bits >> from).trailing_ones() as usize;
            let at = w * 64 + from;
            bytes.copy_within(at..at + run, kept);
            kept += run;
            bits = if from + run == 64 {
                0
            } else {
                bits & !(((1u64 << run) - 1) << from)
            };
        }
    }
    bytes.truncate(kept);
    bytes.shrink_to_fit();
    // SAFETY: `text` was UTF-8, and every used byte is in a string that starts and ends on a
    // character boundary (checked by `compact`): each run of used bytes is whole characters,
    // and so is their concatenation. (Checking again would cost a tenth of loading a file.)
    let kept = unsafe { String::from_utf8_unchecked(bytes) };
    (kept, ranks)
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

    /// Strings of `text` at these ranges, compacted by [`compact`].
    fn compacted(text: &str, ranges: &[(usize, usize)]) -> (bool, Vec<S>, usize) {
        let text = Arc::new(text.to_string());
        let mut strings: Vec<S> = (ranges.iter())
            .map(|&(a, b)| S::within(&text, &text[a..b]).unwrap())
            .collect();
        let done = compact(text, &mut |f| strings.iter_mut().for_each(f));
        let len = strings[0].text.as_ref().unwrap().len();
        (done, strings, len)
    }

    #[test]
    fn compacting_keeps_each_string_and_only_what_they_use() {
        let text = "{\"a\": \"été\", \"b\": [\"données\", \"x\"], \"c\": \"\"}";
        let at = |part: &str| {
            let start = text.find(part).unwrap();
            (start, start + part.len())
        };
        // Repeated, overlapping, empty, and across 64-byte words.
        let ranges = [
            at("été"),
            at("données"),
            at("été"),
            at("onn"),
            at("x"),
            (6, 6),
        ];
        let (done, strings, len) = compacted(text, &ranges);
        assert!(done);
        let got: Vec<&str> = strings.iter().map(S::as_str).collect();
        assert_eq!(got, ["été", "données", "été", "onn", "x", ""]);
        assert_eq!(len, "été".len() + "données".len() + 1);
        let long: String = (0..50).map(|i| format!("\"mot{i}\", ")).collect();
        let ranges: Vec<(usize, usize)> = (0..50)
            .map(|i| {
                let start = long.find(&format!("mot{i}\"")).unwrap();
                (start, start + format!("mot{i}").len())
            })
            .collect();
        let (_, strings, len) = compacted(&long, &ranges);
        assert!((0..50).all(|i| strings[i] == format!("mot{i}").as_str()));
        assert_eq!(len, (0..50).map(|i| format!("mot{i}").len()).sum::<usize>());
    }

    #[test]
    fn a_text_another_owner_holds_is_not_compacted() {
        let text = Arc::new("[\"un\", \"deux\"]".to_string());
        let other = Arc::clone(&text);
        let mut strings = [S::within(&text, &text[2..4]).unwrap()];
        assert!(!compact(text, &mut |f| strings.iter_mut().for_each(f)));
        assert_eq!(strings[0], "un");
        assert!(Arc::ptr_eq(strings[0].text.as_ref().unwrap(), &other));
    }
}
