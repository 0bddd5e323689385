//! Stage 7: how an entity explains each word of the question — the best class of evidence among
//! its hits there (see [`super::params::Class`]): what the team does, a word of one of its
//! names, a resource, a mention; by a tight match or a loose one.

use super::index::{Field, Index};
use super::params::{self, Class};
use super::resolve::Hit;

/// How one entity explains one word of the question. Smaller is better: a keyword before a
/// part of one, a tight match before a loose one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Explained {
    pub class: Class,
    pub loose: bool,
}

impl Explained {
    /// What a prescribed order's trigger says of its steps: the guide sends you there.
    pub const ROUTE: Explained = Explained {
        class: Class::Keyword,
        loose: false,
    };
}

/// How many question words [`Explanations`] holds in place.
const INLINE: usize = 11;

/// Per question word, how one entity explains it: in place for a question of up to 11 content
/// words (nearly all), boxed beyond. At 100k entities a common word ranks most of them, one
/// `Explanations` each; 24 bytes in place, where a box costs 16 and a heap block.
#[derive(Debug, Clone)]
pub enum Explanations {
    Inline(u8, [Option<Explained>; INLINE]),
    Boxed(Box<[Option<Explained>]>),
}

impl std::ops::Deref for Explanations {
    type Target = [Option<Explained>];
    fn deref(&self) -> &[Option<Explained>] {
        match self {
            Explanations::Inline(len, items) => &items[..usize::from(*len)],
            Explanations::Boxed(items) => items,
        }
    }
}

impl FromIterator<Option<Explained>> for Explanations {
    fn from_iter<I: IntoIterator<Item = Option<Explained>>>(items: I) -> Explanations {
        let mut items = items.into_iter();
        let mut inline = [None; INLINE];
        for (len, slot) in (1u8..).zip(inline.iter_mut()) {
            match items.next() {
                Some(e) => *slot = e,
                None => return Explanations::Inline(len - 1, inline),
            }
        }
        match items.next() {
            None => Explanations::Inline(INLINE as u8, inline),
            Some(e) => {
                let spilled = inline.into_iter().chain(std::iter::once(e)).chain(items);
                Explanations::Boxed(spilled.collect())
            }
        }
    }
}

/// Per question word, how one entity explains it (`None`: not at all), from all its hits there
/// (`hits_of(q)`); `whole` lists the entity's names and topics found whole in the question.
pub fn explained<'h>(
    words: usize,
    hits_of: impl Fn(usize) -> &'h [Hit],
    whole: &[u32],
    index: &Index,
) -> Explanations {
    (0..words)
        .map(|q| {
            hits_of(q)
                .iter()
                .map(|hit| {
                    let instance = &index.instances[hit.posting.instance as usize];
                    let field = instance.field.field();
                    let partial = matches!(field, Field::Name | Field::Topic)
                        && instance.len > 1
                        && whole.binary_search(&hit.posting.instance).is_err();
                    Explained {
                        class: if partial {
                            Class::Part
                        } else {
                            params::field(field).class
                        },
                        loose: params::how(hit.how).1,
                    }
                })
                .min()
        })
        .collect()
}

/// Word by word, the better of two explanations.
pub fn union(a: &[Option<Explained>], b: &[Option<Explained>]) -> Vec<Option<Explained>> {
    a.iter()
        .zip(b)
        .map(|(x, y)| match (x, y) {
            (Some(x), Some(y)) => Some(*x.min(y)),
            _ => x.or(*y),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESOURCE: Explained = Explained {
        class: Class::Resource,
        loose: false,
    };

    #[test]
    fn a_keyword_explains_better_than_a_mention() {
        let mention = Explained {
            class: Class::Mention,
            loose: false,
        };
        assert!(Explained::ROUTE < RESOURCE && RESOURCE < mention);
        let loose = Explained {
            class: Class::Keyword,
            loose: true,
        };
        assert!(Explained::ROUTE < loose && loose < RESOURCE);
    }

    #[test]
    fn explanations_hold_short_questions_in_place_and_long_ones_whole() {
        for len in [0, 1, INLINE - 1, INLINE, INLINE + 1, 63] {
            let words: Vec<Option<Explained>> = (0..len)
                .map(|q| {
                    (q % 3 != 0).then_some(if q % 2 == 0 {
                        RESOURCE
                    } else {
                        Explained::ROUTE
                    })
                })
                .collect();
            let held: Explanations = words.iter().copied().collect();
            assert_eq!(*held, *words, "{len} words");
            assert_eq!(
                matches!(held, Explanations::Inline(..)),
                len <= INLINE,
                "{len} words"
            );
        }
        assert_eq!(size_of::<Explanations>(), 24);
    }

    #[test]
    fn union_keeps_the_better_explanation() {
        assert_eq!(
            union(&[Some(RESOURCE), None], &[Some(Explained::ROUTE), None]),
            [Some(Explained::ROUTE), None]
        );
        assert_eq!(union(&[None], &[Some(RESOURCE)]), [Some(RESOURCE)]);
    }
}
