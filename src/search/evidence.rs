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

/// Per question word, how one entity explains it (`None`: not at all), from all its hits there
/// (`hits_of(q)`); `whole` lists the entity's names and topics found whole in the question.
pub fn explained<'h>(
    words: usize,
    hits_of: impl Fn(usize) -> &'h [Hit],
    whole: &[u32],
    index: &Index,
) -> Vec<Option<Explained>> {
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
    fn union_keeps_the_better_explanation() {
        assert_eq!(
            union(&[Some(RESOURCE), None], &[Some(Explained::ROUTE), None]),
            [Some(Explained::ROUTE), None]
        );
        assert_eq!(union(&[None], &[Some(RESOURCE)]), [Some(RESOURCE)]);
    }
}
