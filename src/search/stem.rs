//! Stage 3: the keys a word is matched by — the word itself and its French and English stems.
//!
//! Snowball's French stemmer gives different stems with and without accents (`données` →
//! `don`, `donnees` → `donne`), so both `stem(fold(w))` and `fold(stem(w))` are kept: a
//! question typed without accents then meets a catalogue written with them.
//! Words of three letters or fewer (acronyms: `IA`, `BAN`, `RNA`) are never stemmed. Stems are
//! tagged with their language (`fr:don`, `en:donne`).

use frostem::{Algorithm, Stemmer};

use crate::text::normalise::fold;
use crate::text::tokenise::Token;

/// Words this short are matched exactly, never stemmed nor corrected.
pub const SHORT_WORD: usize = 3;
/// Longer words (in bytes) are kept whole: no language has them, and hostile input does.
pub const MAX_STEMMED_WORD: usize = 64;
/// Stems shorter than this are too vague to match on.
const MIN_STEM: usize = 3;

/// The keys of a word: `keys[0]` is the folded word itself; the rest are its stems.
pub fn keys(token: &Token) -> Vec<String> {
    let mut keys = vec![token.folded.clone()];
    if token.folded.len() > MAX_STEMMED_WORD {
        return keys;
    }
    if token.folded.chars().count() <= SHORT_WORD {
        // Its own stem, so that `noms` (stem `nom`) still meets `nom`.
        if token.folded.chars().count() >= MIN_STEM {
            keys.push(format!("{FRENCH}{}", token.folded));
            keys.push(format!("{ENGLISH}{}", token.folded));
            keys.push(format!("{LIGHT}{}", token.folded));
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
        Some((FRENCH, french_folded)),
        french_accented.map(|s| (FRENCH, s)),
        Some((ENGLISH, english.stem(&token.folded).into_owned())),
    ];
    // A light plural/feminine stem too: Snowball's French leaves `jeux` whole, yet it is `jeu`.
    let light = (LIGHT, light_stem(&token.folded).to_string());
    for (tag, stem) in candidates.into_iter().flatten().chain([light]) {
        let key = format!("{tag}{stem}");
        if stem.chars().count() >= MIN_STEM && !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// Stems are tagged with their language, so a French stem only meets French stems: the
/// French stem of `cookies` is `cook`, which is also the English stem of `cooking`.
pub const FRENCH: &str = "fr:";
pub const ENGLISH: &str = "en:";
/// Tag of the light stem: a final `s`/`x`, then `e`, removed.
pub const LIGHT: &str = "lt:";

/// Strips a final `s`/`x`, then a final `e`: `données` → `donne`, `jeux` → `jeu`.
pub fn light_stem(word: &str) -> &str {
    let word = word.strip_suffix(['s', 'x']).unwrap_or(word);
    word.strip_suffix('e').unwrap_or(word)
}

/// A stem key without its language tag.
pub fn untagged(key: &str) -> &str {
    key.strip_prefix(FRENCH)
        .or_else(|| key.strip_prefix(ENGLISH))
        .or_else(|| key.strip_prefix(LIGHT))
        .unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenise::tokenise;

    fn key_set(text: &str) -> Vec<String> {
        keys(&tokenise(text)[0])
    }

    fn share_a_key(a: &str, b: &str) -> bool {
        let (a, b) = (key_set(a), key_set(b));
        a.iter().any(|k| b.contains(k))
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
    fn stems_meet_only_stems_of_their_language() {
        assert!(!share_a_key("cooking", "cookies"));
    }

    #[test]
    fn short_words_are_not_stemmed() {
        assert_eq!(key_set("IA"), ["ia"]);
        assert_eq!(key_set("BAN"), ["ban", "fr:ban", "en:ban", "lt:ban"]);
        assert!(!share_a_key("RNA", "RNE"));
    }

    #[test]
    fn first_key_is_the_folded_word() {
        assert_eq!(key_set("Données")[0], "donnees");
    }
}
