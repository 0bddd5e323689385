//! The shapes of values: lists, strings, flags, counts, names of an enumeration, prose.

use std::marker::PhantomData;

use serde::de::{MapAccess, SeqAccess};

use super::json::{Cx, Obj, Read, Scalar, Shape, object};
use super::model::Named;
use super::problem::Seg;
use super::words::{Expect, invalid_value, unknown_variant};
use crate::lang::{Text, tr};
use crate::shared::S;

/// An array of values of one shape; those with a problem are left out.
#[derive(Clone, Copy)]
pub struct List<K>(pub K);

impl<'de, K: Shape<'de> + Clone> Shape<'de> for List<K> {
    type Out = Vec<K::Out>;
    const EXPECT: Expect = Expect::ARRAY;
    const ARRAY: bool = true;
    fn array<A: SeqAccess<'de>>(
        self,
        cx: &Cx<'_>,
        mut seq: A,
    ) -> Result<Option<Self::Out>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        for i in 0.. {
            let shape = self.0.clone();
            let mark = cx.mark();
            let element = seq.next_element_seed(Read(cx, shape));
            cx.within(mark, || Seg::index(i));
            match element? {
                Some(Some(value)) => out.push(value),
                Some(None) => {}
                None => break,
            }
        }
        // Grown by doubling, a list of 9 topics would keep room for 16: at 100,000 entities
        // that slack is 21 MB of a `who-handles`' peak (glibc reuses the freed tails).
        out.shrink_to_fit();
        Ok(Some(out))
    }
}

/// A string.
#[derive(Clone, Copy)]
pub struct Str;

impl<'de> Shape<'de> for Str {
    type Out = S;
    const EXPECT: Expect = Expect::STRING;
    fn scalar(self, cx: &Cx<'_>, value: Scalar<'_>) -> Result<Option<S>, ()> {
        match value {
            Scalar::Str(s) => Ok(Some(cx.share(s))),
            _ => Err(()),
        }
    }
}

/// A string or null.
#[derive(Clone, Copy)]
pub struct OptStr;

impl<'de> Shape<'de> for OptStr {
    type Out = Option<S>;
    const EXPECT: Expect = Expect::STRING;
    fn scalar(self, cx: &Cx<'_>, value: Scalar<'_>) -> Result<Option<Option<S>>, ()> {
        match value {
            Scalar::Str(s) => Ok(Some(Some(cx.share(s)))),
            Scalar::Null => Ok(Some(None)),
            _ => Err(()),
        }
    }
}

/// `true` or `false`.
pub struct Flag;

impl<'de> Shape<'de> for Flag {
    type Out = bool;
    const EXPECT: Expect = Expect::BOOLEAN;
    fn scalar(self, _: &Cx<'_>, value: Scalar<'_>) -> Result<Option<bool>, ()> {
        match value {
            Scalar::Bool(b) => Ok(Some(b)),
            _ => Err(()),
        }
    }
}

/// An integer from 0 to 2³²−1.
#[derive(Clone, Copy)]
pub struct Count;

impl<'de> Shape<'de> for Count {
    type Out = u32;
    const EXPECT: Expect = Expect::U32;
    fn scalar(self, cx: &Cx<'_>, value: Scalar<'_>) -> Result<Option<u32>, ()> {
        match value {
            Scalar::Unsigned(n) => Ok(u32::try_from(n).ok().or_else(|| {
                cx.found(None, invalid_value(value.unexpected(), Expect::U32));
                None
            })),
            Scalar::Signed(_) => {
                cx.found(None, invalid_value(value.unexpected(), Expect::U32));
                Ok(None)
            }
            _ => Err(()),
        }
    }
}

/// One of the names of a [`Named`] enumeration.
pub struct Variant<T>(pub PhantomData<T>);

impl<T> Clone for Variant<T> {
    fn clone(&self) -> Self {
        Variant(PhantomData)
    }
}

impl<T> Variant<T> {
    pub fn new() -> Self {
        Variant(PhantomData)
    }
}

impl<'de, T: Named> Shape<'de> for Variant<T> {
    type Out = T;
    const EXPECT: Expect = Expect::STRING;
    fn scalar(self, cx: &Cx<'_>, value: Scalar<'_>) -> Result<Option<T>, ()> {
        let Scalar::Str(name) = value else {
            return Err(());
        };
        let found = T::ALL.iter().copied().find(|v| v.as_str() == name);
        if found.is_none() {
            let names: Vec<&str> = T::ALL.iter().map(|v| v.as_str()).collect();
            cx.found(None, unknown_variant(name, &names));
        }
        Ok(found)
    }
}

/// Prose: a French string, or `{"fr": …, "en": …}`.
#[derive(Clone, Copy)]
pub struct Txt;

impl<'de> Shape<'de> for Txt {
    type Out = Text;
    const EXPECT: Expect = Expect::TEXT;
    const OBJECT: bool = true;
    fn scalar(self, cx: &Cx<'_>, value: Scalar<'_>) -> Result<Option<Text>, ()> {
        match value {
            Scalar::Str(s) => Ok(Some(Text::from(cx.share(s)))),
            _ => Err(()),
        }
    }
    fn object<A: MapAccess<'de>>(self, cx: &Cx<'_>, map: A) -> Result<Option<Text>, A::Error> {
        Obj(TextFields::default()).object(cx, map)
    }
}

object!(TextFields => Text {
    fr: S = Str,
    #[default]
    en: Option<S> = OptStr,
});

/// A message in the reader's language for a value of the wrong type at the top of a file.
pub fn not_a_catalogue() -> String {
    tr(
        "un catalogue est un objet JSON avec schema_version, source et entities",
        "a catalogue is a JSON object with schema_version, source and entities",
    )
    .to_string()
}
