//! Where a question's words stand in the catalogue, found entity by entity: ranking scores
//! one entity at a time, so it needs one entity's hits at a time, not every hit of a word
//! that 100,000 entities have (a million hits, 17 MB).

use super::{How, QueryWord};
use crate::hash::{FastMap, FastSet};
use crate::search::index::{Index, Posting, Postings};

/// One place in the catalogue a question word matched.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub posting: Posting,
    pub word: u32,
    pub how: How,
}

/// What to look for: the catalogue words of every question word, and its synonym phrases.
pub struct Finder<'q> {
    index: &'q Index,
    wanted: Vec<bool>,
    /// Catalogue word → the question words that match it, and how.
    askers: FastMap<u32, Vec<(usize, How)>>,
    /// The words of synonym phrases, and where they stand in the entity being scanned.
    phrase_words: FastSet<u32>,
    phrase_postings: Postings,
    /// Per question word, its synonym phrases.
    phrases: Vec<&'q [Vec<Vec<u32>>]>,
}

impl<'q> Finder<'q> {
    pub fn new(words: &'q [QueryWord], index: &'q Index) -> Finder<'q> {
        let mut wanted = vec![false; index.words.len()];
        let mut askers: FastMap<u32, Vec<(usize, How)>> = FastMap::default();
        for (q, word) in words.iter().enumerate() {
            for (&w, &how) in &word.matches {
                wanted[w as usize] = true;
                askers.entry(w).or_default().push((q, how));
            }
        }
        let phrase_words: FastSet<u32> = words
            .iter()
            .flat_map(|w| w.phrases.iter().flatten().flatten().copied())
            .collect();
        for &w in &phrase_words {
            wanted[w as usize] = true;
        }
        Finder {
            index,
            wanted,
            askers,
            phrase_words,
            phrase_postings: Postings::default(),
            phrases: words.iter().map(|w| w.phrases.as_slice()).collect(),
        }
    }

    /// Fills `hits[q]` with question word `q`'s hits in entity `e`, in catalogue order: the
    /// places of its matches and of its whole synonym phrases. Returns whether there is any.
    pub fn entity(&mut self, e: u32, hits: &mut [Vec<Hit>]) -> bool {
        hits.iter_mut().for_each(Vec::clear);
        self.phrase_postings.values_mut().for_each(Vec::clear);
        let (askers, phrase_words) = (&self.askers, &self.phrase_words);
        let phrase_postings = &mut self.phrase_postings;
        self.index.scan_entity(e, &self.wanted, |posting, w| {
            for &(q, how) in askers.get(&w).into_iter().flatten() {
                hits[q].push(Hit {
                    posting,
                    word: w,
                    how,
                });
            }
            if phrase_words.contains(&w) {
                phrase_postings.entry(w).or_default().push(posting);
            }
        });
        for (word, phrases) in hits.iter_mut().zip(&self.phrases) {
            if phrases.is_empty() {
                continue;
            }
            for slots in *phrases {
                word.extend(phrase_hits(slots, &self.phrase_postings));
            }
            // Back in catalogue order (stable: a place's first hit stays first).
            word.sort_by_key(|h| (h.posting.instance, h.posting.position));
        }
        hits.iter().any(|h| !h.is_empty())
    }
}

/// Where a synonym phrase stands whole: its words in order and adjacent in one text. Each
/// word's postings are in catalogue order: whether one stands at a place is a binary search.
fn phrase_hits(slots: &[Vec<u32>], postings: &Postings) -> Vec<Hit> {
    let stands = |w: &u32, place: &Posting| {
        (postings.get(w)).is_some_and(|places| places.binary_search(place).is_ok())
    };
    let Some((first, rest)) = slots.split_first() else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    for &w in first {
        for posting in postings.get(&w).into_iter().flatten() {
            let whole = rest.iter().enumerate().all(|(j, slot)| {
                let next = Posting {
                    instance: posting.instance,
                    position: posting.position + 1 + j as u32,
                };
                slot.iter().any(|v| stands(v, &next))
            });
            if whole {
                hits.push(Hit {
                    posting: *posting,
                    word: w,
                    how: How::Synonym,
                });
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::resolve::resolve;
    use crate::text::tokenise::tag;

    #[test]
    fn entity_by_entity_the_hits_are_every_place_in_catalogue_order() {
        let (_, index) = crate::search::embedded();
        for question in ["données personnelles", "logiciel libre", "open data", "CGU"] {
            let words = resolve(&tag(question), index);
            let mut finder = Finder::new(&words, index);
            let mut hits = vec![Vec::new(); words.len()];
            let mut found: Vec<Vec<(Posting, u32)>> = vec![Vec::new(); words.len()];
            for e in 0..index.entity_count as u32 {
                let any = finder.entity(e, &mut hits);
                assert_eq!(any, hits.iter().any(|h| !h.is_empty()));
                for (f, h) in found.iter_mut().zip(&hits) {
                    for hit in h {
                        assert_eq!(index.entity_of(hit.posting.instance), e);
                        f.push((hit.posting, hit.word));
                    }
                }
            }
            for (q, word) in words.iter().enumerate() {
                // Without synonym phrases, a word's hits are the places of its matches.
                let mut wanted = vec![false; index.words.len()];
                for &w in word.matches.keys() {
                    wanted[w as usize] = true;
                }
                let mut places = Vec::new();
                index.scan(&wanted, |p, w| places.push((p, w)));
                if word.phrases.is_empty() {
                    assert_eq!(found[q], places, "{question}: word {q}");
                } else {
                    assert!(found[q].is_sorted_by_key(|(p, _)| *p), "{question}");
                }
            }
        }
    }
}
