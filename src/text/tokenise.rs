//! Stage 2: split text into words, dropping elided articles and a short list of stop words.
//!
//! The stop list is hand-written and short on purpose: the ISO lists drop words that matter
//! here (`état`, `ouvert`, `open`, `free`). Besides grammar words it drops the words of asking
//! (`qui`, `contacter`, `help`…), which say nothing about the topic.

use super::filler::{elides_a_verb, is_filler};
use super::normalise::{fold, lower};

/// A word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower-cased, accents kept (`données`).
    pub lower: String,
    /// Lower-cased, accents stripped (`donnees`).
    pub folded: String,
    /// Place among the kept words of the text, for phrase matching.
    pub position: u32,
}

/// Elided forms (`l'`, `d'`, `qu'`…) that carry no meaning once split from their word.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// Grammar words and the words of asking, French and English, folded. Sorted for binary search.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "adresser",
    "afin",
    "after",
    "aide",
    "aider",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "ask",
    "at",
    "au",
    "aupres",
    "autre",
    "autres",
    "aux",
    "avant",
    "avec",
    "avoir",
    "be",
    "before",
    "besoin",
    "but",
    "by",
    "ca",
    "can",
    "car",
    "ce",
    "ceci",
    "cela",
    "celle",
    "celui",
    "ces",
    "cet",
    "cette",
    "ceux",
    "chaque",
    "chez",
    "comme",
    "comment",
    "concernant",
    "contact",
    "contacter",
    "could",
    "dans",
    "de",
    "demande",
    "demander",
    "depuis",
    "des",
    "do",
    "does",
    "dois",
    "doit",
    "donc",
    "dont",
    "du",
    "dun",
    "dune",
    "each",
    "elle",
    "elles",
    "en",
    "est",
    "est-ce",
    "estce",
    "et",
    "etre",
    "eux",
    "faire",
    "faut",
    "find",
    "for",
    "from",
    "get",
    "have",
    "he",
    "help",
    "her",
    "him",
    "his",
    "how",
    "i",
    "il",
    "ils",
    "in",
    "into",
    "is",
    "it",
    "its",
    "je",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "lui",
    "ma",
    "mais",
    "me",
    "meme",
    "mes",
    "moi",
    "mon",
    "my",
    "na",
    "nai",
    "ne",
    "need",
    "ni",
    "no",
    "nos",
    "not",
    "notre",
    "nous",
    "of",
    "on",
    "ont",
    "or",
    "other",
    "ou",
    "our",
    "par",
    "pas",
    "pendant",
    "peut",
    "peux",
    "plus",
    "pour",
    "pourquoi",
    "probleme",
    "problemes",
    "quand",
    "que",
    "quel",
    "quelle",
    "quelles",
    "quels",
    "question",
    "questions",
    "qui",
    "qun",
    "quoi",
    "quun",
    "regarding",
    "rien",
    "sa",
    "sans",
    "se",
    "ses",
    "she",
    "should",
    "si",
    "so",
    "some",
    "sommes",
    "son",
    "sont",
    "souhaite",
    "sous",
    "sujet",
    "sur",
    "ta",
    "tes",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "these",
    "they",
    "this",
    "those",
    "to",
    "ton",
    "tous",
    "toute",
    "toutes",
    "tres",
    "trop",
    "trouver",
    "tu",
    "un",
    "une",
    "vers",
    "very",
    "veux",
    "vos",
    "votre",
    "voudrais",
    "vous",
    "want",
    "we",
    "what",
    "when",
    "where",
    "which",
    "who",
    "whom",
    "why",
    "with",
    "would",
    "y",
    "ya",
    "you",
    "your",
];

/// Whether `folded` is dropped from texts and questions alike.
pub fn is_stop_word(folded: &str) -> bool {
    STOP_WORDS.binary_search(&folded).is_ok() || ELISIONS.contains(&folded) || is_filler(folded)
}

/// Whether `c` belongs to a word: letters and digits, but no apostrophe of any kind — not
/// even the modifier letter `ʼ`, which Unicode counts as a letter (`lʼÉtat` is two words).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && c != '\u{02BC}'
}

/// The raw words of `text`, as written: runs of [`is_word_char`]. ASCII is classified byte by
/// byte; only other characters are decoded.
pub fn split_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while at < bytes.len() {
            let b = bytes[at];
            let (is_word, len) = if b.is_ascii() {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                let c = text[at..].chars().next().unwrap_or(' ');
                (is_word_char(c), c.len_utf8())
            };
            match (is_word, start) {
                (true, None) => start = Some(at),
                (false, Some(s)) => return Some(&text[s..at]),
                _ => {}
            }
            at += len;
        }
        start.map(|s| &text[s..])
    })
}

/// A raw word's forms: lower-case with accents, and folded. `None` for a stop word or an
/// elided article.
pub fn word_forms(raw: &str) -> Option<(String, String)> {
    if raw.is_ascii() {
        // Most words: one lower-casing serves as both forms.
        let lowered = raw.to_ascii_lowercase();
        return (!is_stop_word(&lowered)).then(|| (lowered.clone(), lowered));
    }
    let lowered = lower(raw);
    let folded = fold(&lowered);
    (!folded.is_empty() && !is_stop_word(&folded)).then_some((lowered, folded))
}

/// The words of a question, in order, without stop words, filler and elided articles; the
/// verb after an elided pronoun (`j'ai`) goes too (see [`super::filler`]).
pub fn tokenise(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut after_pronoun = false;
    for raw in split_words(text) {
        let elided = raw.len() <= 2 && elides_a_verb(&raw.to_ascii_lowercase());
        if std::mem::replace(&mut after_pronoun, elided) && !elided {
            continue;
        }
        if let Some((lower, folded)) = word_forms(raw) {
            tokens.push(Token {
                lower,
                folded,
                position: tokens.len() as u32,
            });
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenise(text).into_iter().map(|t| t.folded).collect()
    }

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn splits_elisions_with_either_apostrophe() {
        assert_eq!(words("l'accessibilité"), ["accessibilite"]);
        assert_eq!(words("Startups d’État"), ["startups", "etat"]);
        assert_eq!(words("qu'est-ce que l'open data"), ["open", "data"]);
    }

    #[test]
    fn keeps_words_that_iso_lists_drop() {
        assert_eq!(
            words("état ouvert open free"),
            ["etat", "ouvert", "open", "free"]
        );
    }

    #[test]
    fn drops_the_words_of_asking() {
        assert_eq!(words("Qui contacter pour la météo ?"), ["meteo"]);
        assert_eq!(
            words("who do I ask about free software"),
            ["free", "software"]
        );
    }

    #[test]
    fn positions_count_kept_words() {
        let t = tokenise("noms de domaine");
        assert_eq!((t[0].position, t[1].position), (0, 1));
        assert_eq!(t[1].lower, "domaine");
    }

    #[test]
    fn split_words_handles_ascii_and_beyond() {
        let words: Vec<&str> = split_words("  l’État, data.gouv.fr 10% œuvre-é ").collect();
        assert_eq!(
            words,
            ["l", "État", "data", "gouv", "fr", "10", "œuvre", "é"]
        );
        assert_eq!(split_words("").count(), 0);
        assert_eq!(split_words("ÉtÉ").collect::<Vec<_>>(), ["ÉtÉ"]);
    }

    #[test]
    fn every_apostrophe_splits() {
        assert_eq!(words("lʼÉtat l’État l'État"), ["etat", "etat", "etat"]);
    }

    #[test]
    fn keeps_acronyms_and_numbers() {
        assert_eq!(
            words("IA, BAN & RNA: programme 10%"),
            ["ia", "ban", "rna", "programme", "10"]
        );
    }
}
