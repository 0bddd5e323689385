//! Where paths are in a file's text, found by serde_json itself: a key written without escapes
//! is borrowed from the text, and a `RawValue` is the exact text of a value, so their addresses
//! are places in the file. Only the values the paths go through are read again, each once:
//! placing any number of problems costs about one more reading of the file, and nothing when
//! there is none.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::json::Key;
use super::problem::Seg;
use crate::hash::FastMap;

/// The byte offset in `text` (a JSON text serde_json accepts) of each path: where the key of
/// its last step starts (its value's start, for a key written with escapes), or the element;
/// as deep as the path could be followed when it goes further than the document.
pub fn offsets(text: &str, paths: &[&[Seg]]) -> Vec<usize> {
    let mut out = vec![0; paths.len()];
    let start = text.len() - text.trim_start_matches([' ', '\t', '\n', '\r']).len();
    let wanted = paths.iter().copied().enumerate().collect();
    let base = text.as_ptr() as usize;
    find(&text[start..], base, None, wanted, &mut out);
    out
}

type Wanted<'p> = Vec<(usize, &'p [Seg])>;

/// Places the `wanted` paths inside the value whose text is `raw` (`at`: where to place those
/// that end here or go no further; its start when `None`).
fn find(raw: &str, base: usize, at: Option<usize>, wanted: Wanted<'_>, out: &mut [usize]) {
    let here = at.unwrap_or(raw.as_ptr() as usize - base);
    let mut deeper = Vec::new();
    for (slot, path) in wanted {
        out[slot] = here;
        if !path.is_empty() {
            deeper.push((slot, path));
        }
    }
    if !deeper.is_empty() {
        // An early stop leaves the value unread: serde_json's complaint is no news.
        let mut de = serde_json::Deserializer::from_str(raw);
        let _ = (&mut de).deserialize_any(Finder {
            base,
            wanted: deeper,
            out,
        });
    }
}

struct Finder<'o, 'p> {
    base: usize,
    wanted: Wanted<'p>,
    out: &'o mut [usize],
}

impl<'p> Finder<'_, 'p> {
    /// The wanted paths by their next step, keys or indexes, the rest of the path with them.
    fn by<K: std::hash::Hash + Eq>(
        &mut self,
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
}

impl<'de, 'p> Visitor<'de> for Finder<'_, 'p> {
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
            let Some(rest) = by_key.remove(&*key) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let value: &RawValue = map.next_value()?;
            // The key's opening quote, just before the text serde_json lent.
            let at = match key {
                Cow::Borrowed(k) => (k.as_ptr() as usize - self.base).checked_sub(1),
                Cow::Owned(_) => None,
            };
            find(value.get(), self.base, at, rest, self.out);
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
            match by_index.remove(&i) {
                None => {
                    if seq.next_element::<IgnoredAny>()?.is_none() {
                        break;
                    }
                }
                Some(rest) => {
                    let Some(value) = seq.next_element::<&RawValue>()? else {
                        break;
                    };
                    find(value.get(), self.base, None, rest, self.out);
                }
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
