//! Stage 6: rank entities by the evidence of the question's words (BM25F-style).
//!
//! - a rare word counts more than a common one (inverse document frequency);
//! - a match in a name or topic counts more than one in a long description (field weights and
//!   length normalisation);
//! - matching more of the question counts more (sum, then a coverage factor);
//! - adjacent question words found adjacent in one text count more (phrase bonus).

use super::cover::Cover;
use super::evidence::{self, Explanations};
use super::index::{Field, Index};
use super::params::{self, COORDINATION, K1, MIN_CATALOGUE, PHRASE_BONUS};
use super::resolve::{Finder, Hit, How, QueryWord};
use crate::lang::Lang;

/// `ln(1 + (N - df + 0.5) / (df + 0.5))`: near 0 for a word every entity has.
pub fn idf(entity_count: usize, df: usize) -> f64 {
    let (n, df) = (entity_count.max(MIN_CATALOGUE) as f64, df as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The best evidence one question word found in one entity.
#[derive(Debug, Clone, Copy)]
pub struct Evidence {
    /// What this word added to the score.
    pub score: f64,
    /// Index of the question word (see [`Evidence::query`]).
    query: u32,
    /// Its best hit: the text, the catalogue word and how it matched (24 bytes, not 32: at
    /// 100k entities a common word has evidence in most of them).
    pub instance: u32,
    pub word: u32,
    pub how: How,
}

impl Evidence {
    /// Index of the question word.
    pub fn query(&self) -> usize {
        self.query as usize
    }
}

/// An entity and why it matched.
#[derive(Debug, Clone)]
pub struct Scored {
    pub entity: u32,
    pub score: f64,
    pub evidence: Box<[Evidence]>,
    /// What few entities have (none: an empty box of each, in 8 bytes).
    naming: Option<Box<Naming>>,
    /// Share of the question's words it matched.
    pub coverage: f64,
    /// Whether a whole name or topic is in the question (not just a word of it): `intelligence
    /// économique` has a word of the topic `intelligence artificielle`, not the topic.
    pub complete: bool,
    /// Per question word, how this entity explains it (see [`super::evidence`]).
    pub explained: Explanations,
    /// Per text of the entity that question words found: which words (bit `q` for word `q`;
    /// a question has fewer than 64), how many words the text has, and how much of it they
    /// cover (see [`super::cover`]), for the answer model's `focus`, `text_cover` and
    /// `part_cover`.
    pub texts: Box<[(u64, u32, f32)]>,
}

/// What few of the entities a question finds have.
#[derive(Debug, Clone)]
struct Naming {
    phrases: Box<[(usize, usize)]>,
    named_by: Box<[usize]>,
}

impl Scored {
    /// Question words found side by side, as pairs of question word indexes.
    pub fn phrases(&self) -> &[(usize, usize)] {
        self.naming.as_ref().map_or(&[], |n| &n.phrases)
    }

    /// The question words that name the entity: a whole name, short name or alias of it.
    pub fn named_by(&self) -> &[usize] {
        self.naming.as_ref().map_or(&[], |n| &n.named_by)
    }
}

/// Scores every entity any question word matched, best first (ties by catalogue order).
///
/// The entities are scanned once, in catalogue order, each taken whole from its own hits
/// before the next (no table of every entity matched, and no list of every hit of a word).
/// A word's rarity is known only at the end of the scan: each entity keeps its words' term
/// frequencies, and is scored then.
pub fn rank(words: &[QueryWord], index: &Index, language: Option<Lang>) -> Vec<Scored> {
    let mut finder = Finder::new(words, index);
    // Per question word, its hits in the entity being read, and how many entities it is in.
    let mut hits: Vec<Vec<Hit>> = vec![Vec::new(); words.len()];
    let mut entities = vec![0usize; words.len()];
    let mut ranked: Vec<Scored> = Vec::new();
    let mut cover = Cover::new(words, index, language);
    for entity in 0..index.entity_count as u32 {
        if !finder.entity(entity, &mut hits) {
            continue;
        }
        let asked = hits.iter().filter(|h| !h.is_empty()).count();
        let mut evidence = Vec::with_capacity(asked);
        for (q, hits) in hits.iter().enumerate() {
            if hits.is_empty() {
                continue;
            }
            entities[q] += 1;
            let (tf, best) = term_frequency(hits, index);
            // The term frequency until the word's rarity is known (see `score`).
            evidence.push(Evidence {
                score: tf,
                // A question's words are fewer than its bytes, and a question is a line.
                query: q as u32,
                instance: best.posting.instance,
                word: best.word,
                how: best.how,
            });
        }
        let phrases = phrases(words, &hits);
        let coverage = evidence.len() as f64 / words.len().max(1) as f64;
        let complete = complete_fields(&hits, index);
        let whole: Vec<u32> = complete.iter().map(|c| c.0).collect();
        let explained = evidence::explained(words.len(), |q| &hits[q], &whole, index);
        let texts = texts(&hits, index, index.entity_start(entity), &mut cover);
        let named_by = (complete.iter())
            .filter(|c| c.1 == Field::Name)
            .map(|c| &c.2)
            .max_by_key(|n| n.len())
            .map_or_else(Box::default, |n| n.clone().into_boxed_slice());
        let naming = (!phrases.is_empty() || !named_by.is_empty()).then(|| {
            Box::new(Naming {
                phrases: phrases.into_boxed_slice(),
                named_by,
            })
        });
        // Each list in a room of its own size (boxed slices): 100,000 entities matched keep
        // one `Scored` each.
        ranked.push(Scored {
            entity,
            score: 0.0,
            evidence: evidence.into_boxed_slice(),
            naming,
            coverage,
            complete: !complete.is_empty(),
            explained,
            texts,
        });
    }
    let idfs: Vec<f64> = (entities.iter())
        .map(|&df| idf(index.entity_count, df))
        .collect();
    for scored in &mut ranked {
        score(scored, &idfs);
    }
    // Entities are distinct: an unstable sort gives the one order, and needs no buffer.
    ranked.sort_unstable_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
    ranked
}

/// Scores an entity read by [`rank`], its evidence holding term frequencies: BM25 of each
/// word, then the bonus of the phrases (as specific as their weaker word), then the share of
/// the question matched.
fn score(scored: &mut Scored, idfs: &[f64]) {
    let mut score = 0.0;
    for e in scored.evidence.iter_mut() {
        let (idf, tf) = (idfs[e.query()], e.score);
        e.score = idf * tf * (K1 + 1.0) / (K1 + tf);
        score += e.score;
    }
    let evidence = &scored.evidence;
    let score_of = |q: usize| evidence.iter().find(|e| e.query() == q).map(|e| e.score);
    let mut bonus = 0.0;
    for &(q, next) in scored.phrases() {
        bonus += PHRASE_BONUS
            * 2.0
            * score_of(q)
                .unwrap_or(0.0)
                .min(score_of(next).unwrap_or(0.0));
    }
    score += bonus;
    score *= 1.0 - COORDINATION + COORDINATION * scored.coverage;
    scored.score = score;
}

/// For each text of `entity` that question words found, which words found it.
fn texts(
    hits: &[Vec<Hit>],
    index: &Index,
    (first, start): (usize, usize),
    cover: &mut Cover,
) -> Box<[(u64, u32, f32)]> {
    // (text, bit of the question word) for every hit, then one entry a text, in text order.
    let mut found: Vec<(u32, u64)> = Vec::new();
    for (q, hits) in hits.iter().enumerate().take(64) {
        found.extend(hits.iter().map(|h| (h.posting.instance, 1 << q)));
    }
    found.sort_unstable_by_key(|&(i, _)| i);
    found.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 |= later.1;
        }
        same
    });
    // Collected anew, not in place: `found`'s room for every hit would stay with the entity.
    // Where a name's or topic's words start (the others need no cover): from the entity's
    // first text's, adding up lengths (the texts are in order, names and topics first).
    let (mut next, mut at) = (first, start);
    (found.iter())
        .map(|&(i, words)| {
            let (i, text) = (i as usize, &index.instances[i as usize]);
            if !Cover::wanted(text) {
                return (words, text.len, 0.0);
            }
            for before in index.instances.get(next..i).unwrap_or(&[]) {
                at += before.len as usize;
            }
            next = next.max(i);
            (words, text.len, cover.of(i, at, words))
        })
        .collect()
}

/// The BM25F term frequency of one question word in one entity (its weighted hits), and its
/// best hit.
fn term_frequency<'h>(hits: &'h [Hit], index: &Index) -> (f64, &'h Hit) {
    let mut tf = 0.0;
    let mut best: Option<(f64, &Hit)> = None;
    for hit in hits {
        let instance = &index.instances[hit.posting.instance as usize];
        let field = instance.field.field();
        let average = index.average_len.get(field).unwrap_or(1.0);
        let field = params::field(field);
        let b = field.damping;
        let norm = 1.0 - b + b * f64::from(instance.len) / average;
        let weight = field.weight * params::how(hit.how).0 / norm;
        tf += weight;
        // Ties go to the better kind of match, then the earlier text: the answer must not
        // depend on hash order.
        let better = |(w, h): (f64, &Hit)| {
            weight > w
                || (weight == w
                    && (hit.how, hit.posting.instance, hit.word)
                        < (h.how, h.posting.instance, h.word))
        };
        if best.is_none_or(better) {
            best = Some((weight, hit));
        }
    }
    (tf, best.map(|(_, h)| h).expect("at least one hit"))
}

/// The names and topics of an entity (its question words' `hits`) that have every one of
/// their words matched (by anything but a prefix): their instance and field, and the question
/// words that match them, in catalogue order.
fn complete_fields(hits: &[Vec<Hit>], index: &Index) -> Vec<(u32, Field, Vec<usize>)> {
    // (text, position in the text, question word) for every word matched in a name or a
    // topic; sorted, each text's are together, in text order.
    let mut covered: Vec<(u32, u32, usize)> = Vec::new();
    for (q, hits) in hits.iter().enumerate() {
        for hit in hits {
            let instance = &index.instances[hit.posting.instance as usize];
            if hit.how != How::Prefix
                && matches!(instance.field.field(), Field::Name | Field::Topic)
            {
                covered.push((hit.posting.instance, hit.posting.position, q));
            }
        }
    }
    covered.sort_unstable();
    (covered.chunk_by(|a, b| a.0 == b.0))
        .filter_map(|places| {
            let i = places[0].0;
            let instance = &index.instances[i as usize];
            let asked = in_order(places, instance.len)?;
            Some((i, instance.field.field(), asked))
        })
        .collect()
}

/// Question words that cover every position of a text of `len` words in the text's order
/// (`personal data` is not in `data person`), from its sorted (text, text position, question
/// word) places.
fn in_order(places: &[(u32, u32, usize)], len: u32) -> Option<Vec<usize>> {
    let mut asked: Vec<usize> = Vec::new();
    for position in 0..len {
        let q = places
            .iter()
            .filter(|p| p.1 == position)
            .map(|p| p.2)
            .find(|&q| asked.last().is_none_or(|&last| q > last))?;
        asked.push(q);
    }
    Some(asked)
}

/// The pairs of adjacent question words found adjacent in one text of an entity (its question
/// words' `hits`).
fn phrases(words: &[QueryWord], hits: &[Vec<Hit>]) -> Vec<(usize, usize)> {
    let mut phrases = Vec::new();
    for q in 0..words.len().saturating_sub(1) {
        if words[q + 1].token.position != words[q].token.position + 1 {
            continue;
        }
        let (first, second) = (&hits[q], &hits[q + 1]);
        if first.is_empty() || second.is_empty() {
            continue;
        }
        // Hits are in catalogue order: the place before each of the second word's is
        // looked for by binary search among the first's.
        let follows = |h: &Hit| {
            (first.binary_search_by(|f| {
                (f.posting.instance, f.posting.position + 1)
                    .cmp(&(h.posting.instance, h.posting.position))
            }))
            .is_ok()
        };
        if second.iter().any(follows) {
            phrases.push((q, q + 1));
        }
    }
    phrases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::resolve::resolve;
    use crate::text::tokenise::tag;

    fn ranking(question: &str) -> Vec<(String, f64)> {
        let (catalogue, index) = crate::search::embedded();
        let words = resolve(&tag(question), index);
        rank(&words, index, None)
            .into_iter()
            .map(|s| {
                (
                    catalogue.entities[s.entity as usize].id.to_string(),
                    s.score,
                )
            })
            .collect()
    }

    #[test]
    fn a_whole_keyword_keeps_its_order() {
        // (text, position, question word), sorted.
        assert_eq!(in_order(&[(7, 0, 1), (7, 1, 0)], 2), None);
        assert_eq!(in_order(&[(7, 0, 1), (7, 1, 2)], 2), Some(vec![1, 2]));
        assert_eq!(in_order(&[(7, 0, 0)], 2), None);
    }

    #[test]
    fn rare_words_count_more_than_common_ones() {
        assert!(idf(13, 1) > idf(13, 6));
        assert!(idf(13, 13) > 0.0 && idf(13, 13) < 0.1);
        assert!(idf(1, 1) > 1.0, "a tiny catalogue is smoothed");
    }

    #[test]
    fn name_and_topic_matches_beat_description_matches() {
        let r = ranking("SILL");
        assert_eq!(r[0].0, "logiciels-libres");
    }

    #[test]
    fn matching_more_of_the_question_counts_more() {
        let one = ranking("données");
        let two = ranking("données personnelles");
        let cnil_one = one.iter().find(|(id, _)| id == "cnil").map_or(0.0, |x| x.1);
        let cnil_two = two.iter().find(|(id, _)| id == "cnil").unwrap().1;
        assert!(cnil_two > cnil_one);
    }

    #[test]
    fn what_each_ranked_entity_keeps_stays_small() {
        // At 100k entities a common word ranks nearly all of them (issue 18).
        assert!(size_of::<Evidence>() <= 24, "{}", size_of::<Evidence>());
        assert!(size_of::<Scored>() <= 88, "{}", size_of::<Scored>());
    }

    #[test]
    fn adjacent_words_earn_a_phrase_bonus() {
        let (catalogue, index) = crate::search::embedded();
        let words = resolve(&tag("noms de domaine"), index);
        let top = &rank(&words, index, None)[0];
        assert_eq!(catalogue.entities[top.entity as usize].id, "droit-societe");
        assert_eq!(top.phrases(), [(0, 1)]);
    }
}
