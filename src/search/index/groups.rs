//! Groups of phrases of words, kept flat: the `when` phrases of each route, the members of each
//! synonym group. One array of numbers: per group, its number of phrases, then per phrase its
//! number of words and the words. The embedded index's groups are its static data, read where
//! they lie (nothing to rebuild at start-up); a built index's are the same array, made once.

use std::borrow::Cow;

/// Groups of phrases, each phrase the ids of its words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups(Cow<'static, [u32]>);

impl Groups {
    /// Groups of phrases, flattened.
    pub fn new<G, P>(groups: G) -> Groups
    where
        G: IntoIterator<Item = P>,
        P: IntoIterator<Item = Vec<u32>>,
    {
        let mut flat = Vec::new();
        for group in groups {
            let at = flat.len();
            flat.push(0);
            for phrase in group {
                flat[at] += 1;
                flat.push(phrase.len() as u32);
                flat.extend_from_slice(&phrase);
            }
        }
        Groups(Cow::Owned(flat))
    }

    /// Groups as [`Groups::new`] flattens them, from static data.
    pub const fn from_static(flat: &'static [u32]) -> Groups {
        Groups(Cow::Borrowed(flat))
    }

    /// The flat array (for the generated data).
    pub fn as_flat(&self) -> &[u32] {
        &self.0
    }

    /// Each group's phrases, in order.
    pub fn iter(&self) -> impl Iterator<Item = Phrases<'_>> {
        let mut flat: &[u32] = &self.0;
        std::iter::from_fn(move || {
            let (&count, mut rest) = flat.split_first()?;
            let start = rest;
            for _ in 0..count {
                let (&len, tail) = rest.split_first()?;
                rest = tail.get(len as usize..)?;
            }
            let group = &start[..start.len() - rest.len()];
            flat = rest;
            Some(Phrases { flat: group })
        })
    }
}

/// The phrases of one group, in order, each the ids of its words.
#[derive(Debug, Clone, Copy)]
pub struct Phrases<'a> {
    flat: &'a [u32],
}

impl<'a> Iterator for Phrases<'a> {
    type Item = &'a [u32];

    fn next(&mut self) -> Option<&'a [u32]> {
        let (&len, rest) = self.flat.split_first()?;
        let (phrase, rest) = rest.split_at_checked(len as usize)?;
        self.flat = rest;
        Some(phrase)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(groups: &Groups) -> Vec<Vec<Vec<u32>>> {
        groups
            .iter()
            .map(|g| g.map(<[u32]>::to_vec).collect())
            .collect()
    }

    #[test]
    fn groups_flatten_and_back() {
        let groups = vec![vec![vec![1, 2], vec![]], vec![], vec![vec![3]]];
        let flat = Groups::new(groups.clone());
        assert_eq!(flat.as_flat(), [2, 2, 1, 2, 0, 0, 1, 1, 3]);
        assert_eq!(nested(&flat), groups);
        let leaked: &'static [u32] = flat.as_flat().to_vec().leak();
        assert_eq!(Groups::from_static(leaked), flat);
    }

    #[test]
    fn a_cut_array_ends_the_groups_without_a_panic() {
        let cut = Groups::from_static(&[1, 3, 1]);
        assert!(cut.iter().next().is_none());
        let cut = Groups::from_static(&[1, 1, 7, 2]);
        assert_eq!(nested(&cut), vec![vec![vec![7]]]);
    }
}
