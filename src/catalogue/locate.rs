//! Where paths are in a file's text, found by serde_json itself: a key written without escapes
//! is borrowed from the text, and a `RawValue` is the exact text of a value, so their addresses
//! are places in the file. Only the values the paths go through are read again: placing any
//! number of problems costs about two more readings of the file at most, and nothing when
//! there is none.

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::value::RawValue;

use super::json::Key;
use super::problem::Seg;
use crate::hash::FastMap;

/// The byte offset in `text` (a JSON text serde_json accepts) of each path: where the key of
/// its last step starts (its value's start, for a key written with escapes), or the element;
/// as deep as the path could be followed when it goes further than the document.
pub fn offsets(text: &str, paths: &[&[Seg]]) -> Vec<usize> {
    let start = text.len() - text.trim_start_matches(WHITESPACE).len();
    let mut out = vec![start; paths.len()];
    let wanted: Wanted = paths
        .iter()
        .copied()
        .enumerate()
        .filter(|p| !p.1.is_empty())
        .collect();
    if !wanted.is_empty() {
        // An early stop leaves the document unread: serde_json's complaint is no news.
        let mut de = serde_json::Deserializer::from_str(text);
        let finder = Finder {
            text,
            wanted,
            out: &mut out,
        };
        let _ = finder.deserialize(&mut de);
    }
    out
}

const WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];

type Wanted<'p> = Vec<(usize, &'p [Seg])>;

/// Places the `wanted` paths (none empty) inside the value being read.
struct Finder<'t, 'o, 'p> {
    text: &'t str,
    wanted: Wanted<'p>,
    out: &'o mut [usize],
}

impl<'de> DeserializeSeed<'de> for Finder<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if self.wanted.is_empty() {
            return IgnoredAny::deserialize(d).map(|_| ());
        }
        d.deserialize_any(self)
    }
}

impl<'t, 'o, 'p> Finder<'t, 'o, 'p> {
    /// Where `part`, text serde_json lent, starts.
    fn at(&self, part: &str) -> usize {
        part.as_ptr() as usize - self.text.as_ptr() as usize
    }

    /// The wanted paths by their next step, keys or indexes, the rest of the path with them.
    fn by<K: std::hash::Hash + Eq>(
        &self,
        step: impl Fn(&'p Seg) -> Option<K>,
    ) -> FastMap<K, Wanted<'p>> {
        let mut by: FastMap<K, Wanted<'p>> = FastMap::default();
        for &(slot, path) in &self.wanted {
            if let Some(k) = step(&path[0]) {
                by.entry(k).or_default().push((slot, &path[1..]));
            }
        }
        by
    }

    /// Places `rest` at `at`, and gives those that go further.
    fn here(&mut self, at: usize, rest: Wanted<'p>) -> Wanted<'p> {
        for &(slot, _) in &rest {
            self.out[slot] = at;
        }
        rest.into_iter().filter(|p| !p.1.is_empty()).collect()
    }

    /// A value whose exact text serde_json lent: `rest` placed at its start, and inside it.
    fn within(&mut self, raw: &'t str, rest: Wanted<'p>) {
        let wanted = self.here(self.at(raw), rest);
        let mut de = serde_json::Deserializer::from_str(raw);
        let (text, out) = (self.text, &mut *self.out);
        let _ = Finder { text, wanted, out }.deserialize(&mut de);
    }
}

impl<'de, 't, 'p> Visitor<'de> for Finder<'t, '_, 'p>
where
    'de: 't,
{
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut by_key = self.by(|s| match s {
            Seg::Key(k) => Some(&**k),
            Seg::Index(_) => None,
        });
        while !by_key.is_empty()
            && let Some(key) = map.next_key_seed(Key)?
        {
            // A key written without escapes is lent by serde_json: its opening quote is just
            // before.
            let quote = match &key {
                Cow::Borrowed(k) => Some(self.at(k).saturating_sub(1)),
                Cow::Owned(_) => None,
            };
            let Some(rest) = by_key.remove(&*key) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            match quote {
                Some(quote) => {
                    let wanted = self.here(quote, rest);
                    let (text, out) = (self.text, &mut *self.out);
                    map.next_value_seed(Finder { text, wanted, out })?;
                }
                // A key written with escapes: its value's place, from its exact text.
                None => {
                    let value: &'de RawValue = map.next_value()?;
                    self.within(value.get(), rest);
                }
            }
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut by_index = self.by(|s| match s {
            Seg::Index(i) => Some(*i),
            Seg::Key(_) => None,
        });
        let mut i = 0u32;
        while !by_index.is_empty() {
            let found = match by_index.remove(&i) {
                None => seq.next_element::<IgnoredAny>()?.is_some(),
                // An element's exact start is that of its text.
                Some(rest) => {
                    let value: Option<&'de RawValue> = seq.next_element()?;
                    value.map(|v| self.within(v.get(), rest)).is_some()
                }
            };
            if !found {
                break;
            }
            i = i.saturating_add(1);
        }
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::problem::line_columns;

    fn at(text: &str, path: &[Seg]) -> (usize, usize) {
        let offsets = offsets(text, &[path]);
        line_columns(text, &offsets)[0]
    }

    #[test]
    fn paths_reach_keys_and_elements() {
        let text = "{\"entities\": [\n {\"id\": \"a\", \"related\": [\"x\", \"y\"]},\n {\"\\u0069d\": \"b\",\n  \"parent\": \"a\"}],\n \"routes\": [{\"id\": \"a\"}]}";
        let e = |i: usize, rest: &[Seg]| {
            let mut path = vec![Seg::key("entities"), Seg::index(i)];
            path.extend_from_slice(rest);
            path
        };
        assert_eq!(at(text, &e(0, &[Seg::key("id")])), (2, 3));
        assert_eq!(
            at(text, &e(0, &[Seg::key("related"), Seg::index(1)])),
            (2, 31)
        );
        assert_eq!(at(text, &e(1, &[Seg::key("parent")])), (4, 3));
        // A key written with an escape: its value.
        assert_eq!(at(text, &e(1, &[Seg::key("id")])), (3, 14));
        // Not in the document: as deep as it goes.
        assert_eq!(at(text, &e(1, &[Seg::key("url")])), (3, 2));
        assert_eq!(at(text, &e(7, &[])), (1, 2));
        let route = [Seg::key("routes"), Seg::index(0), Seg::key("id")];
        assert_eq!(at(text, &route), (5, 14));
    }
}
