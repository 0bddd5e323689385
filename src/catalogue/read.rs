//! Reads one catalogue or overlay file into its parts, with every problem of shape it has.
//!
//! Every entity and route is read as a patch ([`EntityPatch`], [`RoutePatch`]); in a whole
//! catalogue, the fields a whole entity needs are required, and `replace` and `before` are not
//! taken. Each goes to a [`Sink`] as soon as it is read, so that a file's entities are never
//! held twice (as patches and as entities). One with a problem is passed on all the same,
//! marked `flawed`, so that its id is known (and references to it are not reported too).

use std::cell::RefCell;
use std::sync::Arc;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess};

use super::json::{Cx, Fields, Found, Obj, Read, Scalar, Shape, object, slot};
use super::model::{
    Contact, ContactKind, Kind, Resource, ResourceKind, S, Source, SourceLines, Text,
};
use super::patch::{EntityPatch, RoutePatch, StepPatch};
use super::problem::Seg;
use super::shapes::{Count, Flag, List, OptStr, Str, Txt, Variant, not_a_catalogue};
use super::words::Expect;

/// An entity or route of a file, with its index in the file's list.
#[derive(Debug)]
pub struct Item<T> {
    pub index: usize,
    pub flawed: bool,
    pub value: T,
}

/// Where a file's entities and routes go, one by one, as they are read.
pub trait Sink {
    fn entity(&mut self, item: Item<EntityPatch>);
    fn route(&mut self, item: Item<RoutePatch>);
}

/// What one file holds besides its entities and routes, and the problems of shape found in it.
#[derive(Debug, Default)]
pub struct Doc {
    pub schema_version: Option<u32>,
    pub source: Option<Source>,
    pub synonyms: Vec<Item<Vec<S>>>,
    pub found: Vec<Found>,
    /// A JSON syntax error: where (a byte offset) and what. Nothing else is read then.
    pub syntax: Option<(usize, String)>,
}

/// Reads `text`, a whole catalogue or (`overlay`) an overlay, its entities and routes into
/// `sink`.
pub fn read(text: &Arc<String>, overlay: bool, sink: &mut dyn Sink) -> Doc {
    let cx = Cx::new(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let root = Read(&cx, Root(overlay, RefCell::new(sink))).deserialize(&mut de);
    match root.and_then(|doc| de.end().map(|()| doc)) {
        Ok(doc) => Doc {
            found: cx.into_found(),
            ..doc.unwrap_or_default()
        },
        Err(error) => {
            let at = super::problem::offset_of(text, error.line(), error.column());
            Doc {
                syntax: Some((at, super::words::syntax(&error))),
                ..Doc::default()
            }
        }
    }
}

/// The top of a file: of a whole catalogue (`.0` false), or of an overlay.
struct Root<'s>(bool, RefCell<&'s mut dyn Sink>);

impl<'de> Shape<'de> for Root<'_> {
    type Out = Doc;
    const EXPECT: Expect = Expect::OBJECT;
    const OBJECT: bool = true;
    fn object<A: MapAccess<'de>>(self, cx: &Cx<'_>, map: A) -> Result<Option<Doc>, A::Error> {
        Obj(RootFields(Doc::default(), self.0, self.1)).object(cx, map)
    }
    fn wrong(_: serde::de::Unexpected<'_>) -> String {
        not_a_catalogue()
    }
}

/// The members of a file.
struct RootFields<'s>(Doc, bool, RefCell<&'s mut dyn Sink>);

impl<'de> Fields<'de> for RootFields<'_> {
    type Out = Doc;
    fn names(&self) -> &'static [&'static str] {
        &["schema_version", "source", "entities", "routes", "synonyms"]
    }
    fn required(&self, slot: usize) -> bool {
        slot < 2 || (slot == 2 && !self.1)
    }
    fn field<A: MapAccess<'de>>(
        &mut self,
        cx: &Cx<'_>,
        key: &str,
        map: &mut A,
    ) -> Result<Option<usize>, A::Error> {
        let (doc, overlay, sink) = (&mut self.0, self.1, &self.2);
        let slot = ["schema_version", "source", "entities", "routes", "synonyms"]
            .iter()
            .position(|n| *n == key);
        match key {
            "schema_version" => doc.schema_version = cx.value(map, "schema_version", Count)?,
            "source" => doc.source = cx.value(map, "source", Obj(SourceFields::default()))?,
            "entities" => {
                let each = || Obj(EntityFields(EntityPatch::default(), overlay));
                let put = |item| sink.borrow_mut().entity(item);
                cx.value(map, "entities", Items(each, put))?;
            }
            "routes" => {
                let each = || Obj(RouteFields(RoutePatch::default(), overlay));
                let put = |item| sink.borrow_mut().route(item);
                cx.value(map, "routes", Items(each, put))?;
            }
            "synonyms" => {
                let groups = &mut doc.synonyms;
                cx.value(map, "synonyms", Items(|| Group, |item| groups.push(item)))?;
            }
            _ => {}
        }
        Ok(slot)
    }
    fn finish(self, _: &Cx<'_>, _: bool) -> Option<Doc> {
        Some(self.0)
    }
}

/// What the elements of an entity or route list are read as.
trait ItemShape<'de>: Shape<'de> {
    fn id(out: &Self::Out) -> Option<&S>;
}

/// A list of entities, routes or synonym groups: each element (read as `.0` makes) an
/// [`Item`], its problems named after its id, given to `.1` as soon as it is read.
struct Items<F, P>(F, P);

impl<'de, K: ItemShape<'de>, F: Fn() -> K, P: FnMut(Item<K::Out>)> Shape<'de> for Items<F, P> {
    type Out = ();
    const EXPECT: Expect = Expect::ARRAY;
    const ARRAY: bool = true;
    fn array<A: SeqAccess<'de>>(mut self, cx: &Cx<'_>, mut seq: A) -> Result<Option<()>, A::Error> {
        for index in 0.. {
            let mark = cx.mark();
            let element = seq.next_element_seed(Read(cx, (self.0)()));
            cx.within(mark, || Seg::index(index));
            let element = element?;
            let Some(value) = element else { break };
            let flawed = cx.mark() > mark;
            if let Some(value) = value {
                if flawed && let Some(id) = K::id(&value) {
                    cx.name_since(mark, id);
                }
                (self.1)(Item {
                    index,
                    flawed,
                    value,
                });
            }
        }
        Ok(Some(()))
    }
}

impl<'de> ItemShape<'de> for Obj<EntityFields> {
    fn id(out: &EntityPatch) -> Option<&S> {
        Some(&out.id).filter(|id| !id.is_empty())
    }
}

impl<'de> ItemShape<'de> for Obj<RouteFields> {
    fn id(out: &RoutePatch) -> Option<&S> {
        Some(&out.id).filter(|id| !id.is_empty())
    }
}

/// A group of synonyms.
#[derive(Clone, Copy)]
struct Group;

impl<'de> Shape<'de> for Group {
    type Out = Vec<S>;
    const EXPECT: Expect = Expect::ARRAY;
    const ARRAY: bool = true;
    fn array<A: SeqAccess<'de>>(self, cx: &Cx<'_>, seq: A) -> Result<Option<Vec<S>>, A::Error> {
        List(Str).array(cx, seq)
    }
}

impl<'de> ItemShape<'de> for Group {
    fn id(_: &Vec<S>) -> Option<&S> {
        None
    }
}

/// The arms of a [`Fields::field`]: `"name" => field: shape` reads member `name` of `$self.0`
/// and gives its slot in `$names` (`replace` only in an overlay, `$self.1`).
macro_rules! members {
    ($self:ident, $cx:ident, $key:ident, $map:ident, $names:ident; $($name:literal => $field:ident: $shape:expr),* $(,)?) => {
        Ok(Some(match $key {
            "replace" if !$self.1 => return Ok(None),
            $($name => {
                $self.0.$field = $cx.value($map, $name, $shape)?.unwrap_or_default();
                const { slot($names, $name) }
            })*
            _ => return Ok(None),
        }))
    };
}

/// An entity: of a whole catalogue (`.1` false), or of an overlay.
struct EntityFields(EntityPatch, bool);

#[rustfmt::skip]
const ENTITY: &[&str] = &[
    "id", "name", "short_name", "aliases", "kind", "parent", "url", "summary", "services",
    "resources", "facts", "topics", "needs", "related", "contacts", "source", "source_lines",
];
#[rustfmt::skip]
const PATCH: &[&str] = &[
    "id", "replace", "name", "short_name", "aliases", "kind", "parent", "url", "summary",
    "services", "resources", "facts", "topics", "needs", "related", "contacts", "source",
    "source_lines",
];

impl<'de> Fields<'de> for EntityFields {
    type Out = EntityPatch;
    fn names(&self) -> &'static [&'static str] {
        PATCH
    }
    fn taken(&self) -> &'static [&'static str] {
        if self.1 { PATCH } else { ENTITY }
    }
    fn required(&self, slot: usize) -> bool {
        let name = PATCH[slot];
        name == "id" || (!self.1 && ["name", "kind", "summary", "source"].contains(&name))
    }
    fn field<A: MapAccess<'de>>(
        &mut self,
        cx: &Cx<'_>,
        key: &str,
        map: &mut A,
    ) -> Result<Option<usize>, A::Error> {
        members!(self, cx, key, map, PATCH;
            "id" => id: Str,
            "replace" => replace: Flag,
            "name" => name: Opt(Str),
            "short_name" => short_name: OptStr,
            "aliases" => aliases: List(Str),
            "kind" => kind: Opt(Variant::<Kind>::new()),
            "parent" => parent: OptStr,
            "url" => url: OptStr,
            "summary" => summary: Opt(Txt),
            "services" => services: List(Txt),
            "resources" => resources: List(Obj(ResourceFields::default())),
            "facts" => facts: List(Str),
            "topics" => topics: List(Str),
            "needs" => needs: List(Str),
            "related" => related: List(Str),
            "contacts" => contacts: List(Obj(ContactFields::default())),
            "source" => source: Opt(Str),
            "source_lines" => source_lines: Opt(Obj(SourceLinesFields::default())),
        )
    }
    fn finish(self, _: &Cx<'_>, _: bool) -> Option<EntityPatch> {
        Some(self.0)
    }
}

/// A route: of a whole catalogue (`.1` false), or of an overlay.
struct RouteFields(RoutePatch, bool);

const ROUTE: &[&str] = &["id", "when", "steps", "note", "source"];
const ROUTE_PATCH: &[&str] = &["id", "replace", "when", "steps", "note", "source"];

impl<'de> Fields<'de> for RouteFields {
    type Out = RoutePatch;
    fn names(&self) -> &'static [&'static str] {
        ROUTE_PATCH
    }
    fn taken(&self) -> &'static [&'static str] {
        if self.1 { ROUTE_PATCH } else { ROUTE }
    }
    fn required(&self, slot: usize) -> bool {
        slot == 0 || (!self.1 && slot != 1)
    }
    fn field<A: MapAccess<'de>>(
        &mut self,
        cx: &Cx<'_>,
        key: &str,
        map: &mut A,
    ) -> Result<Option<usize>, A::Error> {
        let step = Obj(StepFields::default());
        members!(self, cx, key, map, ROUTE_PATCH;
            "id" => id: Str,
            "replace" => replace: Flag,
            "when" => when: List(Str),
            "steps" => steps: List(step),
            "note" => note: Opt(Txt),
            "source" => source: Opt(Str),
        )
    }
    fn finish(self, _: &Cx<'_>, _: bool) -> Option<RoutePatch> {
        Some(self.0)
    }
}

object!(StepFields => StepPatch {
    entity: S = Str,
    role: Text = Txt,
    #[default]
    before: Option<S> = OptStr,
});

object!(ResourceFields => Resource {
    title: Text = Txt,
    url: S = Str,
    kind: ResourceKind = Variant::new(),
});

object!(ContactFields => Contact {
    kind: ContactKind = Variant::new(),
    value: S = Str,
    #[default]
    label: S = Str,
});

object!(SourceLinesFields => SourceLines {
    heading: u32 = Count,
    #[default]
    services: Vec<u32> = List(Count),
    #[default]
    resources: Vec<u32> = List(Count),
    #[default]
    contacts: Vec<u32> = List(Count),
    #[default]
    facts: Vec<u32> = List(Count),
});

object!(SourceFields => Source {
    title: S = Str,
    #[default]
    description: S = Str,
    #[default]
    file: S = Str,
    #[default]
    language: S = Str,
});

/// An optional member: given, its value is `Some`.
#[derive(Clone, Copy)]
struct Opt<K>(K);

impl<'de, K: Shape<'de>> Shape<'de> for Opt<K> {
    type Out = Option<K::Out>;
    const EXPECT: Expect = K::EXPECT;
    const OBJECT: bool = K::OBJECT;
    const ARRAY: bool = K::ARRAY;
    fn scalar(self, cx: &Cx<'_>, value: Scalar<'_>) -> Result<Option<Self::Out>, ()> {
        self.0.scalar(cx, value).map(|v| v.map(Some))
    }
    fn object<A: MapAccess<'de>>(self, cx: &Cx<'_>, map: A) -> Result<Option<Self::Out>, A::Error> {
        self.0.object(cx, map).map(|v| v.map(Some))
    }
}
