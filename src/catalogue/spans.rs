//! Places in a catalogue's text, found without rescanning it for each problem.
//!
//! Problems name what they are about as an [`Anchor`] (an entity or route, by id or index,
//! and a path to the offending field). [`place`] then walks each document once to find the
//! entities and routes, walks only the containers that the anchors go through (each once),
//! and turns all the byte offsets into lines and columns in one pass over the text. The cost
//! is linear in the text and the number of problems.

use std::borrow::Cow;

use crate::hash::FastMap;

use super::problem::Problem;

/// One step of a path into a JSON value: a key of an object, an element of an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(Cow<'static, str>),
    Index(usize),
}

impl Step {
    pub fn key(key: &'static str) -> Step {
        Step::Key(Cow::Borrowed(key))
    }
}

/// What a problem is about, in the document it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The top-level object.
    Root,
    /// The `occurrence`-th (0-based) entity with this id.
    Entity(String, usize),
    /// The `occurrence`-th (0-based) route with this id.
    Route(String, usize),
    /// The entity at this index of the `entities` array.
    EntityAt(usize),
    /// The route at this index of the `routes` array.
    RouteAt(usize),
}

/// Where a problem is: a target, then a path to the offending field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub target: Target,
    pub path: Vec<Step>,
}

impl Anchor {
    pub fn new(target: Target, path: Vec<Step>) -> Self {
        Anchor { target, path }
    }
}

/// A problem, the document (index) it belongs to, and what it is about.
pub struct Pending {
    pub problem: Problem,
    pub doc: usize,
    pub anchor: Option<Anchor>,
}

/// Gives each problem its line and column, and sorts them in file order (documents in the
/// order given, then by place; problems without a place first in their document).
pub fn place(texts: &[&str], mut pending: Vec<Pending>) -> Vec<Problem> {
    let mut offsets: Vec<Option<usize>> = vec![None; pending.len()];
    for (doc, text) in texts.iter().enumerate() {
        let wanted: Vec<usize> = (0..pending.len())
            .filter(|&k| pending[k].doc == doc && pending[k].anchor.is_some())
            .collect();
        if wanted.is_empty() {
            continue;
        }
        let mut walker = Walker::new(text);
        for &k in &wanted {
            offsets[k] = pending[k].anchor.as_ref().and_then(|a| walker.resolve(a));
        }
        let found: Vec<usize> = wanted.iter().filter_map(|&k| offsets[k]).collect();
        let positions = line_columns(text, &found);
        let mut positions = positions.into_iter();
        for &k in &wanted {
            if offsets[k].is_some() {
                pending[k].problem.position = positions.next();
            }
        }
    }
    let mut order: Vec<usize> = (0..pending.len()).collect();
    order.sort_by_key(|&k| (pending[k].doc, offsets[k].map_or(0, |o| o + 1)));
    let mut slots: Vec<Option<Problem>> = pending.into_iter().map(|p| Some(p.problem)).collect();
    order.into_iter().filter_map(|k| slots[k].take()).collect()
}

/// Line and column (1-based, column in characters) of each byte offset, in one pass.
pub fn line_columns(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&k| offsets[k]);
    let bytes = text.as_bytes();
    let mut result = vec![(1, 1); offsets.len()];
    let (mut at, mut line, mut column) = (0usize, 1usize, 1usize);
    for k in order {
        let target = offsets[k].min(bytes.len());
        while at < target {
            let b = bytes[at];
            if b == b'\n' {
                line += 1;
                column = 1;
            } else if b & 0xC0 != 0x80 {
                column += 1;
            }
            at += 1;
        }
        result[k] = (line, column);
    }
    result
}

/// A member of an object (its key, where the key starts) or an element of an array (where it
/// starts), and where its value starts.
#[derive(Debug, Clone)]
struct Member {
    key: Option<(usize, usize)>,
    at: usize,
    value: usize,
}

/// Walks a JSON text that serde_json has accepted (and never panics on one it has not).
struct Walker<'t> {
    text: &'t str,
    root: Option<usize>,
    entities: Vec<usize>,
    routes: Vec<usize>,
    ids: FastMap<(bool, String), Vec<usize>>,
    members: FastMap<usize, Vec<Member>>,
}

impl<'t> Walker<'t> {
    fn new(text: &'t str) -> Self {
        let mut walker = Walker {
            text,
            root: None,
            entities: Vec::new(),
            routes: Vec::new(),
            ids: FastMap::default(),
            members: FastMap::default(),
        };
        let start = ws(text.as_bytes(), 0);
        if text.as_bytes().get(start) != Some(&b'{') {
            return walker;
        }
        walker.root = Some(start);
        let root = members(text.as_bytes(), start);
        for (key, is_route) in [("entities", false), ("routes", true)] {
            let Some(list) = find_key(text, &root, key) else {
                continue;
            };
            if text.as_bytes().get(list.value) != Some(&b'[') {
                continue;
            }
            let elements: Vec<usize> = members(text.as_bytes(), list.value)
                .iter()
                .map(|m| m.value)
                .collect();
            for (i, &element) in elements.iter().enumerate() {
                if text.as_bytes().get(element) != Some(&b'{') {
                    continue;
                }
                let fields = members(text.as_bytes(), element);
                if let Some(id) = find_key(text, &fields, "id")
                    && let Some(id) = string_value(text, id.value)
                {
                    walker
                        .ids
                        .entry((is_route, id.into_owned()))
                        .or_default()
                        .push(i);
                }
            }
            if is_route {
                walker.routes = elements;
            } else {
                walker.entities = elements;
            }
        }
        walker.members.insert(start, root);
        walker
    }

    /// The byte offset an anchor points at: the key of its last step (or the element), else
    /// as far as the path could be followed.
    fn resolve(&mut self, anchor: &Anchor) -> Option<usize> {
        let element = |list: &[usize], i: usize| list.get(i).copied();
        let by_id = |ids: &FastMap<(bool, String), Vec<usize>>, route: bool, id: &str, n: usize| {
            ids.get(&(route, id.to_string()))
                .and_then(|v| v.get(n).copied())
        };
        let start = match &anchor.target {
            Target::Root => self.root?,
            Target::EntityAt(i) => element(&self.entities, *i)?,
            Target::RouteAt(i) => element(&self.routes, *i)?,
            Target::Entity(id, n) => element(&self.entities, by_id(&self.ids, false, id, *n)?)?,
            Target::Route(id, n) => element(&self.routes, by_id(&self.ids, true, id, *n)?)?,
        };
        let (mut container, mut at) = (start, start);
        for step in &anchor.path {
            let text = self.text;
            let list = self
                .members
                .entry(container)
                .or_insert_with(|| members(text.as_bytes(), container));
            let found = match step {
                Step::Key(key) => find_key(text, list, key),
                Step::Index(i) => list.get(*i).filter(|m| m.key.is_none()),
            };
            let Some(member) = found else {
                break;
            };
            at = member.at;
            container = member.value;
        }
        Some(at)
    }
}

fn find_key<'m>(text: &str, members: &'m [Member], key: &str) -> Option<&'m Member> {
    members.iter().find(|m| {
        m.key
            .is_some_and(|(s, e)| string_at(text, s, e).is_some_and(|k| k == key))
    })
}

/// The string value starting at `at`, decoded (ids may be written with `\u` escapes).
fn string_value(text: &str, at: usize) -> Option<Cow<'_, str>> {
    if text.as_bytes().get(at) != Some(&b'"') {
        return None;
    }
    string_at(text, at, string_end(text.as_bytes(), at))
}

fn string_at(text: &str, start: usize, end: usize) -> Option<Cow<'_, str>> {
    let raw = text.get(start..end)?;
    if raw.len() < 2 {
        return None;
    }
    if raw.contains('\\') {
        serde_json::from_str::<String>(raw).ok().map(Cow::Owned)
    } else {
        Some(Cow::Borrowed(&raw[1..raw.len() - 1]))
    }
}

fn ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// Just after the string starting at `i` (a `"`).
fn string_end(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return j + 1,
            _ => j += 1,
        }
    }
    b.len()
}

/// Just after the value starting at `i`.
fn value_end(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        None => b.len(),
        Some(b'"') => string_end(b, i),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = string_end(b, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            b.len()
        }
        Some(_) => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            {
                j += 1;
            }
            j.max(i + 1)
        }
    }
}

/// The members of the object or array starting at `i`.
fn members(b: &[u8], i: usize) -> Vec<Member> {
    let mut out = Vec::new();
    let object = match b.get(i) {
        Some(b'{') => true,
        Some(b'[') => false,
        _ => return out,
    };
    let mut j = ws(b, i + 1);
    if matches!(b.get(j), Some(b'}' | b']') | None) {
        return out;
    }
    while j < b.len() {
        let member = if object {
            if b[j] != b'"' {
                break;
            }
            let key_end = string_end(b, j);
            let colon = ws(b, key_end);
            if b.get(colon) != Some(&b':') {
                break;
            }
            Member {
                key: Some((j, key_end)),
                at: j,
                value: ws(b, colon + 1),
            }
        } else {
            Member {
                key: None,
                at: j,
                value: j,
            }
        };
        let next = ws(b, value_end(b, member.value));
        out.push(member);
        if b.get(next) != Some(&b',') {
            break;
        }
        j = ws(b, next + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, anchor: Anchor) -> Option<(usize, usize)> {
        let mut walker = Walker::new(text);
        let offset = walker.resolve(&anchor)?;
        Some(line_columns(text, &[offset])[0])
    }

    #[test]
    fn line_columns_count_characters_from_one() {
        let text = "{\n  \"a\": 1,\n  \"é\": 2\n}";
        let e = text.find('2').unwrap();
        assert_eq!(line_columns(text, &[e, 0, 4]), vec![(3, 8), (1, 1), (2, 3)]);
    }

    #[test]
    fn anchors_reach_fields_and_elements() {
        let text = "{\"entities\": [\n {\"id\": \"a\", \"related\": [\"x\", \"y\"]},\n {\"id\": \"\\u0062\",\n  \"parent\": \"a\"}],\n \"routes\": [{\"id\": \"a\"}]}";
        let entity = |id: &str| Target::Entity(id.into(), 0);
        assert_eq!(
            at(text, Anchor::new(entity("a"), vec![Step::key("id")])),
            Some((2, 3))
        );
        assert_eq!(
            at(
                text,
                Anchor::new(entity("a"), vec![Step::key("related"), Step::Index(1)])
            ),
            Some((2, 31))
        );
        assert_eq!(
            at(text, Anchor::new(entity("b"), vec![Step::key("parent")])),
            Some((4, 3))
        );
        assert_eq!(
            at(
                text,
                Anchor::new(Target::Route("a".into(), 0), vec![Step::key("id")])
            ),
            Some((5, 14))
        );
        assert_eq!(at(text, Anchor::new(entity("zz"), vec![])), None);
    }
}
