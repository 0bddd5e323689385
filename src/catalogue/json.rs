//! Reading JSON leniently, on serde_json: a value of the wrong shape is a problem recorded with
//! its path, and reading goes on, so that one pass over a file finds every problem of shape
//! (serde alone stops at the first). A string written without escapes becomes a range of the
//! file's text (see [`crate::shared`]); the text is handed down explicitly, in the seeds.
//!
//! A [`Shape`] says what a value must be (those of values are in `shapes`); [`Fields`] reads
//! the members of an object.
//! A JSON syntax error still stops reading: what follows it has no meaning.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};

use super::problem::Seg;
use super::words::{Expect, invalid_type, missing, unknown_field};
use crate::shared::S;

/// A problem of shape: where (`path`, whose first `shown` steps the message names), and what.
#[derive(Debug)]
pub struct Found {
    pub path: Vec<Seg>,
    pub shown: usize,
    pub what: String,
    /// The id of the entity or route it is in, once read.
    pub id: Option<S>,
    /// Whether the path ends with the member it is about (an unknown or repeated one).
    member: bool,
}

/// What reading one document needs: its text, and what it has found. A problem's path is
/// built as the values it is in finish reading (innermost first), so that reading a value
/// without problems costs nothing for paths.
pub struct Cx<'t> {
    text: &'t Arc<String>,
    found: RefCell<Vec<Found>>,
    count: Cell<usize>,
}

impl<'t> Cx<'t> {
    pub fn new(text: &'t Arc<String>) -> Self {
        Cx {
            text,
            found: RefCell::new(Vec::new()),
            count: Cell::new(0),
        }
    }

    /// `part` of the text, shared with it when the parser borrowed it from there.
    pub fn share(&self, part: &str) -> S {
        S::shared(self.text, part)
    }

    /// How many problems have been found so far.
    pub fn mark(&self) -> usize {
        self.count.get()
    }

    /// Records a problem with the value being read (or, with `key`, with one of its members).
    pub fn found(&self, key: Option<Seg>, what: String) {
        let member = key.is_some();
        let path = key.into_iter().collect();
        let found = Found {
            path,
            shown: 0,
            what,
            id: None,
            member,
        };
        self.found.borrow_mut().push(found);
        self.count.set(self.count.get() + 1);
    }

    /// Gives the problems found since `mark` the id of the entity or route they are in.
    pub fn name_since(&self, mark: usize, id: &S) {
        for found in &mut self.found.borrow_mut()[mark..] {
            found.id = Some(id.clone());
        }
    }

    /// Reads the value of member `key` (the value `map` is at) as `shape`.
    pub fn value<'de, A: MapAccess<'de>, K: Shape<'de>>(
        &self,
        map: &mut A,
        key: &'static str,
        shape: K,
    ) -> Result<Option<K::Out>, A::Error> {
        let mark = self.mark();
        let value = map.next_value_seed(Read(self, shape));
        self.within(mark, || Seg::key(key));
        value
    }

    /// The problems found since `mark` are in element (or member) `seg` of the value being read.
    pub fn within(&self, mark: usize, seg: impl Fn() -> Seg) {
        if self.mark() > mark {
            for found in &mut self.found.borrow_mut()[mark..] {
                found.path.push(seg());
            }
        }
    }

    pub fn into_found(self) -> Vec<Found> {
        let mut found = self.found.into_inner();
        for f in &mut found {
            f.path.reverse();
            f.shown = f.path.len() - usize::from(f.member);
        }
        found
    }
}

/// The index of `name` in `names`, for `const` blocks: the slot of a member, known when
/// compiling.
pub const fn slot(names: &[&str], name: &str) -> usize {
    let mut i = 0;
    while i < names.len() {
        let (a, b) = (names[i].as_bytes(), name.as_bytes());
        let mut same = a.len() == b.len();
        let mut k = 0;
        while same && k < a.len() {
            same = a[k] == b[k];
            k += 1;
        }
        if same {
            return i;
        }
        i += 1;
    }
    panic!("not one of the names")
}

/// A string, a boolean, a number or null.
#[derive(Debug, Clone, Copy)]
pub enum Scalar<'a> {
    Str(&'a str),
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Null,
}

impl<'a> Scalar<'a> {
    pub fn unexpected(self) -> Unexpected<'a> {
        match self {
            Scalar::Str(s) => Unexpected::Str(s),
            Scalar::Bool(b) => Unexpected::Bool(b),
            Scalar::Unsigned(n) => Unexpected::Unsigned(n),
            Scalar::Signed(n) => Unexpected::Signed(n),
            Scalar::Float(f) => Unexpected::Float(f),
            Scalar::Null => Unexpected::Unit,
        }
    }
}

/// What a value must be, and what to make of it.
pub trait Shape<'de>: Sized {
    type Out;
    const EXPECT: Expect;
    const OBJECT: bool = false;
    const ARRAY: bool = false;

    /// `Ok(Some)` for a value of this shape, `Ok(None)` for one with a problem (recorded), `Err`
    /// for a value of another type.
    fn scalar(self, cx: &Cx<'_>, value: Scalar<'_>) -> Result<Option<Self::Out>, ()> {
        let _ = (cx, value);
        Err(())
    }

    /// An object, when [`Shape::OBJECT`].
    fn object<A: MapAccess<'de>>(self, cx: &Cx<'_>, map: A) -> Result<Option<Self::Out>, A::Error> {
        let _ = cx;
        Drain.visit_map(map).map(|()| None)
    }

    /// An array, when [`Shape::ARRAY`].
    fn array<A: SeqAccess<'de>>(self, cx: &Cx<'_>, seq: A) -> Result<Option<Self::Out>, A::Error> {
        let _ = cx;
        Drain.visit_seq(seq).map(|()| None)
    }

    /// What to say of a value of another type.
    fn wrong(unexpected: Unexpected<'_>) -> String {
        invalid_type(unexpected, Self::EXPECT)
    }
}

/// Reads one value as the shape `K`: `None` when it has a problem (recorded in the context).
pub struct Read<'c, 't, K>(pub &'c Cx<'t>, pub K);

impl<'de, K: Shape<'de>> DeserializeSeed<'de> for Read<'_, '_, K> {
    type Value = Option<K::Out>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<K> Read<'_, '_, K> {
    fn scalar<'de>(self, value: Scalar<'_>) -> Option<K::Out>
    where
        K: Shape<'de>,
    {
        let Read(cx, shape) = self;
        shape.scalar(cx, value).unwrap_or_else(|()| {
            cx.found(None, K::wrong(value.unexpected()));
            None
        })
    }
}

impl<'de, K: Shape<'de>> Visitor<'de> for Read<'_, '_, K> {
    type Value = Option<K::Out>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(K::EXPECT.en)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(self.scalar(Scalar::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(self.scalar(Scalar::Signed(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(self.scalar(Scalar::Unsigned(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(self.scalar(Scalar::Float(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.scalar(Scalar::Str(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.scalar(Scalar::Null))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        if K::OBJECT {
            return self.1.object(self.0, map);
        }
        Drain.visit_map(map)?;
        self.0.found(None, K::wrong(Unexpected::Map));
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        if K::ARRAY {
            return self.1.array(self.0, seq);
        }
        Drain.visit_seq(seq)?;
        self.0.found(None, K::wrong(Unexpected::Seq));
        Ok(None)
    }
}

/// Reads a value of no interest whole, nesting as the parser allows (its recursion limit
/// holds, as for any value).
pub struct Drain;

impl<'de> DeserializeSeed<'de> for Drain {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Drain)
    }
}

impl<'de> Visitor<'de> for Drain {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(Drain)?.is_some() {
            map.next_value_seed(Drain)?;
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Drain)?.is_some() {}
        Ok(())
    }
}

/// A key of an object, borrowed from the text when written without escapes.
pub struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }
}

/// The members of an object.
pub trait Fields<'de> {
    type Out;
    const EXPECT: Expect = Expect::OBJECT;
    /// Every name it may take, in the order of their slots.
    fn names(&self) -> &'static [&'static str];
    /// The names it takes, for the message about one it does not (by default, all).
    fn taken(&self) -> &'static [&'static str] {
        self.names()
    }
    /// Whether it must have the member of that slot (an index into [`Fields::names`]).
    fn required(&self, slot: usize) -> bool;
    /// Reads the member `key` (its value is next in `map`) and gives its slot; `None`, the
    /// value left unread, for a name it does not take.
    fn field<A: MapAccess<'de>>(
        &mut self,
        cx: &Cx<'_>,
        key: &str,
        map: &mut A,
    ) -> Result<Option<usize>, A::Error>;
    /// After the last member, `flawed` if a problem was found in it: the value, or `None`.
    fn finish(self, cx: &Cx<'_>, flawed: bool) -> Option<Self::Out>;
}

/// Declares the [`Fields`] of an object read into `$out`, as a derive would: each member
/// `name: Type = Shape` must be there; one marked `#[default]` may be left out.
macro_rules! object {
    ($fields:ident => $out:ident { $($(#[$default:ident])? $name:ident: $ty:ty = $shape:expr),* $(,)? }) => {
        #[derive(Default, Clone)]
        pub(super) struct $fields {
            $($name: Option<$ty>,)*
        }

        impl $fields {
            const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];
        }

        impl<'de> $crate::catalogue::json::Fields<'de> for $fields {
            type Out = $out;
            fn names(&self) -> &'static [&'static str] {
                Self::NAMES
            }
            fn required(&self, slot: usize) -> bool {
                [$(object!(@required $($default)?)),*][slot]
            }
            fn field<A: serde::de::MapAccess<'de>>(
                &mut self,
                cx: &$crate::catalogue::json::Cx<'_>,
                key: &str,
                map: &mut A,
            ) -> Result<Option<usize>, A::Error> {
                use $crate::catalogue::json::slot;
                Ok(Some(match key {
                    $(stringify!($name) => {
                        self.$name = cx.value(map, stringify!($name), $shape)?;
                        const { slot($fields::NAMES, stringify!($name)) }
                    })*
                    _ => return Ok(None),
                }))
            }
            fn finish(self, _: &$crate::catalogue::json::Cx<'_>, flawed: bool) -> Option<$out> {
                if flawed {
                    return None;
                }
                Some($out {
                    $($name: object!(@take self.$name $(, $default)?),)*
                })
            }
        }
    };
    (@required default) => { false };
    (@required) => { true };
    (@take $value:expr, default) => { $value.unwrap_or_default() };
    (@take $value:expr) => { $value? };
}
pub(super) use object;

/// An object read by its [`Fields`]: unknown, repeated and missing members are problems.
#[derive(Clone)]
pub struct Obj<F>(pub F);

impl<'de, F: Fields<'de>> Shape<'de> for Obj<F> {
    type Out = F::Out;
    const EXPECT: Expect = F::EXPECT;
    const OBJECT: bool = true;
    fn object<A: MapAccess<'de>>(
        self,
        cx: &Cx<'_>,
        mut map: A,
    ) -> Result<Option<F::Out>, A::Error> {
        let Obj(mut fields) = self;
        let (mark, names) = (cx.mark(), fields.names());
        let mut seen = 0u64;
        while let Some(key) = map.next_key_seed(Key)? {
            let Some(slot) = fields.field(cx, &key, &mut map)? else {
                let what = unknown_field(&key, fields.taken());
                cx.found(Some(Seg::Key(key.into_owned().into())), what);
                map.next_value_seed(Drain)?;
                continue;
            };
            let bit = 1u64 << slot.min(63);
            if seen & bit != 0 {
                let what = super::words::duplicate(&key);
                cx.found(Some(Seg::Key(key.into_owned().into())), what);
            }
            seen |= bit;
        }
        let absent: Vec<&str> = (names.iter().enumerate())
            .filter(|&(k, _)| seen & (1 << k.min(63)) == 0 && fields.required(k))
            .map(|(_, name)| *name)
            .collect();
        if !absent.is_empty() {
            cx.found(None, missing(&absent));
        }
        let flawed = cx.mark() > mark;
        Ok(fields.finish(cx, flawed))
    }
}
