//! Stage 2: split text into words and tag each: content, stop word, filler, context cue,
//! elision, or the verb an elided pronoun introduces (as charabia's `TokenKind` does). Nothing is
//! dropped here: search reads the content words as evidence and the cues as context, from one
//! stream; catalogue texts keep their content words only.
//!
//! The stop list is hand-written and short on purpose: the ISO lists drop words that matter
//! here (`état`, `ouvert`, `open`, `free`). Besides grammar words it holds the words of asking
//! (`qui`, `contacter`, `help`…), which say nothing about the topic.

use super::filler::{Cue, cue_at, is_filler};
use super::normalise::{fold, lower};

/// What a word of a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word that can say what the question is about.
    Content,
    /// A grammar word or a word of asking (`de`, `qui`, `contacter`).
    Stop,
    /// Greetings, question frames, chat forms (see [`super::filler`]).
    Filler,
    /// A word of a context cue (`déjà`, `appartient`, `deuxième avis`).
    Cue(Cue),
    /// An elided article or pronoun (`l`, `j`, `qu`).
    Elision,
    /// The verb or pronoun after an elided pronoun (`ai` of `j'ai`, `occupe` of `s'occupe`).
    ElidedVerb,
}

/// A word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower-cased, accents kept (`données`).
    pub lower: String,
    /// Lower-cased, accents stripped (`donnees`).
    pub folded: String,
    /// Place among the content words of the text, for phrase matching (a content word's; for
    /// another, the place of the next content word).
    pub position: u32,
    pub kind: TokenKind,
    /// Typed as one with the word before it (`data.gouv.fr`, `code/gouv`): one word for
    /// what it says, however many parts it splits into.
    pub joined: bool,
    /// A clause ends right before it: `,`, `;`, `?`, `!`, or a `.` or `:` with a space
    /// (`c'est quoi ? une équipe…`).
    pub pause: bool,
}

impl Token {
    /// A content word at `position`.
    pub fn content(lower: String, folded: String, position: u32) -> Token {
        Token {
            lower,
            folded,
            position,
            kind: TokenKind::Content,
            joined: false,
            pause: false,
        }
    }

    pub fn is_content(&self) -> bool {
        self.kind == TokenKind::Content
    }
}

/// How an elided form is read: an article keeps its word (`l'IA`, `taxe d'habitation`); in
/// French only a verb or a pronoun follows a pronoun or conjunction `j'`, `m'`, `t'`, `s'`,
/// `n'`, `c'`, and a question's verbs frame it. `qu'` may precede anything (`qu'Etalab`,
/// `qu'un`), so it is an article here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Elision {
    Article,
    Pronoun,
}

/// Elided forms, folded (one list: the tokeniser, the filler and the matching of elisions
/// typed without apostrophe all read it).
pub const ELISIONS: &[(&str, Elision)] = &[
    ("c", Elision::Pronoun),
    ("d", Elision::Article),
    ("j", Elision::Pronoun),
    ("jusqu", Elision::Article),
    ("l", Elision::Article),
    ("lorsqu", Elision::Article),
    ("m", Elision::Pronoun),
    ("n", Elision::Pronoun),
    ("puisqu", Elision::Article),
    ("qu", Elision::Article),
    ("quoiqu", Elision::Article),
    ("s", Elision::Pronoun),
    ("t", Elision::Pronoun),
];

/// How `folded` elides, if it is an elided form.
pub fn elision(folded: &str) -> Option<Elision> {
    ELISIONS
        .binary_search_by(|(e, _)| e.cmp(&folded))
        .ok()
        .map(|i| ELISIONS[i].1)
}

/// Forms of avoir and être that follow the pronoun `l'` ("je l'ai vu", "on l'a fait"), folded.
const AUXILIARIES: &[&str] = &[
    "a", "ai", "aie", "aient", "as", "aura", "aurai", "avaient", "avais", "avait", "avez",
    "avions", "avons", "ayant", "est", "etaient", "etait", "ont", "sera", "sont",
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
    "for",
    "from",
    "gere",
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
    "inside",
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
    "maintains",
    "mais",
    "manage",
    "manages",
    "managing",
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
    "operates",
    "or",
    "other",
    "ou",
    "our",
    "oversees",
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
    "responsible",
    "rien",
    "run",
    "running",
    "runs",
    "sa",
    "sans",
    "se",
    "sein",
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
    "within",
    "would",
    "y",
    "ya",
    "you",
    "your",
];

/// Whether `folded`, a word of no language, is a typo of a stop word or a filler word of five
/// letters or more (`contcat`, `handels`): one letter off, swapped, missing or extra.
pub fn is_stop_typo(folded: &str) -> bool {
    super::filler::is_filler_typo(folded) || super::filler::is_typo_of(STOP_WORDS, folded)
}

/// Whether `folded` is never evidence, in texts and questions alike: a stop word, an elided
/// form or filler.
pub fn is_stop_word(folded: &str) -> bool {
    STOP_WORDS.binary_search(&folded).is_ok() || elision(folded).is_some() || is_filler(folded)
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

/// Every word of `text`, in order, tagged (see [`TokenKind`]).
pub fn tag(text: &str) -> Vec<Token> {
    let raws: Vec<&str> = split_words(text).collect();
    let gaps = gaps(text, &raws);
    let mut folded: Vec<String> = raws.iter().map(|raw| fold(raw)).collect();
    let mut tokens = Vec::with_capacity(raws.len());
    let mut position = 0;
    let mut after_pronoun = false;
    // `l'` is an article or a pronoun: before a form of avoir or être, a pronoun ("je l'ai
    // perdu": `ai` is no AI).
    let mut after_l = false;
    let mut cue: Option<(Cue, usize)> = None;
    for (i, raw) in raws.iter().enumerate() {
        if cue.is_none_or(|(_, end)| i >= end) {
            cue = cue_at(&folded[i..]).map(|(kind, len)| (kind, i + len));
        }
        let clitic = is_clitic(gaps[i], &folded[i]);
        let elided = elision(&folded[i]).filter(|_| !clitic);
        let forms = word_forms(raw).filter(|_| !clitic);
        let kind = match (cue, elided, forms.is_some()) {
            (Some((kind, _)), _, _) => TokenKind::Cue(kind),
            (None, Some(_), _) => TokenKind::Elision,
            _ if after_pronoun || (after_l && AUXILIARIES.contains(&folded[i].as_str())) => {
                TokenKind::ElidedVerb
            }
            (None, None, true) => TokenKind::Content,
            _ if is_filler(&folded[i]) => TokenKind::Filler,
            _ => TokenKind::Stop,
        };
        after_pronoun = elided == Some(Elision::Pronoun) && raw.len() <= 2;
        after_l = folded[i] == "l" && !clitic;
        // Cues look ahead, never back: this word's folded form is no longer needed.
        let (lower, folded) = forms.unwrap_or_else(|| (lower(raw), std::mem::take(&mut folded[i])));
        tokens.push(Token {
            lower,
            folded,
            position,
            kind,
            joined: is_join(gaps[i]),
            pause: is_pause(gaps[i]),
        });
        if kind == TokenKind::Content {
            position += 1;
        }
    }
    tokens
}

/// Per raw word of `text` (slices of it, in order), what separates it from the word before
/// (empty for the first).
fn gaps<'t>(text: &'t str, raws: &[&str]) -> Vec<&'t str> {
    let offset = |raw: &str| raw.as_ptr() as usize - text.as_ptr() as usize;
    let mut gaps = vec![""; raws.len()];
    for i in 1..raws.len() {
        let end = offset(raws[i - 1]) + raws[i - 1].len();
        gaps[i] = &text[end..offset(raws[i])];
    }
    gaps
}

/// Whether only a `.`, `/`, `_`, `@` or `:` separates a word from the one before
/// (`data.gouv.fr`: the parts of one word).
fn is_join(gap: &str) -> bool {
    !gap.is_empty()
        && gap
            .chars()
            .all(|c| matches!(c, '.' | '/' | '_' | '@' | ':'))
}

/// Whether a gap between two words ends a clause (see [`Token::pause`]).
fn is_pause(gap: &str) -> bool {
    gap.contains([',', ';', '?', '!'])
        || (gap.contains(['.', ':']) && gap.contains(char::is_whitespace))
}

/// English contractions and the possessive, folded: what follows an apostrophe in `I've`,
/// `don't`, `Etalab's`. French elides before the apostrophe (`s'occuper`), English after it,
/// so `s` or `t` right after one is no French pronoun and the next word no elided verb.
const CLITICS: &[&str] = &["d", "ll", "m", "re", "s", "t", "ve"];

/// Whether a word is an English clitic: one of [`CLITICS`], right after an apostrophe.
fn is_clitic(gap: &str, folded: &str) -> bool {
    matches!(gap, "'" | "\u{2019}") && CLITICS.contains(&folded)
}

/// The content words of `text`, in order (see [`tag`]).
pub fn tokenise(text: &str) -> Vec<Token> {
    tag(text).into_iter().filter(Token::is_content).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenise(text).into_iter().map(|t| t.folded).collect()
    }

    #[test]
    fn typos_of_stop_words_are_known() {
        assert!(is_stop_typo("contcat"));
        assert!(is_stop_typo("handels"));
        assert!(!is_stop_typo("contrat"));
        assert!(!is_stop_typo("cnil"));
    }

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn english_contractions_and_possessives_are_no_french_elisions() {
        assert_eq!(
            words("I've asked Etalab's legal experts"),
            ["etalab", "legal", "experts"]
        );
        assert_eq!(
            words("it’s the CNIL's guide, isn't it"),
            ["cnil", "guide", "isn"]
        );
        // French elides before the apostrophe.
        assert_eq!(words("qui s'occupe de l'open data"), ["open", "data"]);
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
    fn l_before_avoir_or_etre_is_a_pronoun() {
        let kind = |text: &str, word: &str| {
            (tag(text).into_iter())
                .find(|t| t.folded == word)
                .map(|t| t.kind)
        };
        assert_eq!(kind("je l'ai perdu", "ai"), Some(TokenKind::ElidedVerb));
        assert_eq!(kind("on l'a publié", "a"), Some(TokenKind::ElidedVerb));
        // An article before a noun, and AI elsewhere, stay content.
        assert_eq!(kind("l'IA générative", "ia"), Some(TokenKind::Content));
        assert_eq!(kind("AI projects", "ai"), Some(TokenKind::Content));
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
    fn parts_of_one_typed_word_are_joined() {
        let joined: Vec<bool> = tag("data.gouv.fr et code / gouv")
            .iter()
            .map(|t| t.joined)
            .collect();
        assert_eq!(joined, [false, true, true, false, false, false]);
    }

    #[test]
    fn keeps_acronyms_and_numbers() {
        assert_eq!(
            words("IA, BAN & RNA: programme 10%"),
            ["ia", "ban", "rna", "programme", "10"]
        );
    }
}
