//! Stage 3: the keys a word is matched by — the word itself and its French and English stems.
//!
//! Snowball's French stemmer gives different stems with and without accents (`données` →
//! `don`, `donnees` → `donne`), so both `stem(fold(w))` and `fold(stem(w))` are kept: a
//! question typed without accents then meets a catalogue written with them.
//! Words of three letters or fewer (acronyms: `IA`, `BAN`, `RNA`) are never stemmed. Each stem
//! carries the [`Lang`] of the stemmer that made it.

use std::borrow::Cow;

use frostem::{Algorithm, Stemmer};

pub use super::params::{MAX_STEMMED_WORD, SHORT_WORD};
use super::params::{MIN_STEM, MIN_STEM_SHARE};
use crate::text::normalise::fold;
use crate::text::tokenise::Token;

/// Which stemmer made a stem. A French stem only meets French stems: the French stem of
/// `cookies` is `cook`, which is also the English stem of `cooking`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    French,
    English,
    /// The light stem: a final `s`/`x`, then `e`, removed.
    Light,
}

/// A stem and the stemmer that made it (the embedded index's are borrowed from its data).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Stem<'a> {
    pub lang: Lang,
    pub text: Cow<'a, str>,
}

/// The keys a word is matched by: the folded word itself, and its stems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys<'a> {
    pub word: Cow<'a, str>,
    pub stems: Vec<Stem<'a>>,
}

impl Keys<'_> {
    /// Whether the two share the word, or a stem of the same language that is most of both
    /// words: `noms`/`nom`, `logiciels`/`logiciel`, but not `note`/`notamment` (both `not`).
    pub fn meet(&self, other: &Keys) -> bool {
        let longest = self.word.chars().count().max(other.word.chars().count());
        self.word == other.word
            || self.stems.iter().any(|s| {
                s.text.chars().count() as f64 >= MIN_STEM_SHARE * longest as f64
                    && other.stems.contains(s)
            })
    }
}

/// The keys of a word (see [`Keys`]).
pub fn keys(token: &Token) -> Keys<'static> {
    let mut keys = Keys {
        word: token.folded.clone().into(),
        stems: Vec::new(),
    };
    if token.folded.len() > MAX_STEMMED_WORD {
        return keys;
    }
    let length = token.folded.chars().count();
    if length <= SHORT_WORD {
        // Its own stem, so that `noms` (stem `nom`) still meets `nom`.
        if length >= MIN_STEM {
            for lang in [Lang::French, Lang::English, Lang::Light] {
                keys.stems.push(Stem {
                    lang,
                    text: token.folded.clone().into(),
                });
            }
        }
        return keys;
    }
    let french = Stemmer::new(Algorithm::French);
    let english = Stemmer::new(Algorithm::English);
    let french_folded = french.stem(&token.folded).into_owned();
    // Without accents the two French stems are one: stem it once.
    let french_accented = if token.lower == token.folded {
        None
    } else {
        Some(fold(&french.stem(&token.lower)))
    };
    let candidates = [
        Some((Lang::French, french_folded)),
        french_accented.map(|s| (Lang::French, s)),
        Some((Lang::English, english.stem(&token.folded).into_owned())),
        // Snowball's French leaves `jeux` whole, yet it is `jeu`.
        Some((Lang::Light, light_stem(&token.folded).to_string())),
    ];
    for (lang, text) in candidates.into_iter().flatten() {
        let stem = Stem {
            lang,
            text: text.into(),
        };
        if stem.text.chars().count() >= MIN_STEM && !keys.stems.contains(&stem) {
            keys.stems.push(stem);
        }
    }
    keys
}

/// Strips a final `s`/`x`, then a final `e`: `données` → `donne`, `jeux` → `jeu`.
pub fn light_stem(word: &str) -> &str {
    let word = word.strip_suffix(['s', 'x']).unwrap_or(word);
    word.strip_suffix('e').unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenise::tokenise;

    fn key_set(text: &str) -> Keys<'static> {
        keys(&tokenise(text)[0])
    }

    fn share_a_key(a: &str, b: &str) -> bool {
        key_set(a).meet(&key_set(b))
    }

    #[test]
    fn inflections_share_a_key() {
        for (a, b) in [
            ("noms", "nom"),
            ("pseudonymiser", "pseudonymisation"),
            ("logiciels", "logiciel"),
            ("libres", "libre"),
            ("données", "donnees"),
            ("personnelles", "personnelle"),
            ("startups", "startup"),
            ("adresses", "adresse"),
            ("domains", "domain"),
            ("jeux", "jeu"),
        ] {
            assert!(
                share_a_key(a, b),
                "{a} / {b}: {:?} {:?}",
                key_set(a),
                key_set(b)
            );
        }
    }

    #[test]
    fn a_stem_must_be_most_of_both_words() {
        assert!(!share_a_key("note", "notamment"));
        assert!(share_a_key("pseudonymiser", "pseudonymisation"));
    }

    #[test]
    fn stems_meet_only_stems_of_their_language() {
        assert!(!share_a_key("cooking", "cookies"));
    }

    #[test]
    fn short_words_are_not_stemmed() {
        assert!(key_set("IA").stems.is_empty());
        let ban = key_set("BAN");
        assert_eq!(ban.word, "ban");
        let langs: Vec<Lang> = ban.stems.iter().map(|s| s.lang).collect();
        assert_eq!(langs, [Lang::French, Lang::English, Lang::Light]);
        assert!(ban.stems.iter().all(|s| s.text == "ban"));
        assert!(!share_a_key("RNA", "RNE"));
    }

    #[test]
    fn first_key_is_the_folded_word() {
        assert_eq!(key_set("Données").word, "donnees");
    }
}
