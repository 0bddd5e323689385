//! Stage 2: split text into words, dropping elided articles and a short list of stop words.
//!
//! The stop list is hand-written and short on purpose: the ISO lists drop words that matter
//! here (`état`, `ouvert`, `open`, `free`). Besides grammar words it drops the words of asking
//! (`qui`, `contacter`, `help`…), which say nothing about the topic.

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
    "aide",
    "aider",
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
    "aux",
    "avec",
    "avoir",
    "be",
    "besoin",
    "but",
    "by",
    "can",
    "ce",
    "ceci",
    "cela",
    "ces",
    "cet",
    "cette",
    "chez",
    "comment",
    "concernant",
    "contact",
    "contacter",
    "could",
    "dans",
    "de",
    "demande",
    "demander",
    "des",
    "do",
    "does",
    "dois",
    "doit",
    "dont",
    "du",
    "elle",
    "elles",
    "en",
    "est",
    "et",
    "etre",
    "faire",
    "faut",
    "find",
    "for",
    "from",
    "get",
    "have",
    "help",
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
    "ma",
    "me",
    "mes",
    "moi",
    "mon",
    "my",
    "ne",
    "need",
    "nos",
    "notre",
    "nous",
    "of",
    "on",
    "or",
    "ou",
    "our",
    "par",
    "pas",
    "peut",
    "peux",
    "plus",
    "pour",
    "pourquoi",
    "probleme",
    "problemes",
    "que",
    "quel",
    "quelle",
    "quelles",
    "quels",
    "question",
    "questions",
    "qui",
    "quoi",
    "regarding",
    "sa",
    "sans",
    "se",
    "ses",
    "should",
    "son",
    "sont",
    "souhaite",
    "sujet",
    "sur",
    "ta",
    "tes",
    "that",
    "the",
    "their",
    "these",
    "this",
    "those",
    "to",
    "ton",
    "trouver",
    "tu",
    "un",
    "une",
    "veux",
    "vos",
    "votre",
    "voudrais",
    "vous",
    "want",
    "we",
    "what",
    "where",
    "which",
    "who",
    "whom",
    "why",
    "with",
    "would",
    "y",
    "you",
    "your",
];

/// Whether `folded` is dropped from texts and questions alike.
pub fn is_stop_word(folded: &str) -> bool {
    STOP_WORDS.binary_search(&folded).is_ok() || ELISIONS.contains(&folded)
}

/// The words of `text`, in order, without stop words and elided articles.
pub fn tokenise(text: &str) -> Vec<Token> {
    let lowered = lower(text);
    let mut tokens = Vec::new();
    for word in lowered.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let folded = fold(word);
        if folded.is_empty() || is_stop_word(&folded) {
            continue;
        }
        tokens.push(Token {
            lower: word.to_string(),
            folded,
            position: tokens.len() as u32,
        });
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
    fn keeps_acronyms_and_numbers() {
        assert_eq!(
            words("IA, BAN & RNA: programme 10%"),
            ["ia", "ban", "rna", "programme", "10"]
        );
    }
}
