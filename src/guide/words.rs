//! Words, for matching a guide's prose with a catalogue's: folded, short and common words
//! left out, each cut to a stem of six letters (`administrations` and `administration`,
//! `modèles` and `modele` meet). Crude on purpose: both sides go through it, and the question
//! is only whether a service's words are still there, not what they mean.

use crate::hash::FastSet;
use crate::text::fold;

/// Words that say nothing of a service (French and English).
const COMMON: &[&str] = &[
    "les", "des", "une", "aux", "par", "pour", "sur", "dans", "avec", "vous", "votre", "vos",
    "nous", "notre", "nos", "son", "ses", "leur", "leurs", "qui", "que", "quoi", "dont", "est",
    "sont", "etre", "ont", "elle", "ils", "elles", "cet", "cette", "ces", "pas", "plus", "tout",
    "tous", "ainsi", "aussi", "comme", "entre", "mais", "sans", "sous", "the", "and", "for",
    "with", "your", "you", "are", "its", "from", "that", "this", "etc",
];

/// Stems this long or shorter are kept whole.
const STEM: usize = 6;

/// The stems of the words of `text` that say something.
pub fn stems(text: &str) -> impl Iterator<Item = String> + '_ {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2 && !COMMON.contains(w))
        .map(|w| {
            let w = w.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(w);
            w.chars().take(STEM).collect::<String>()
        })
        .collect::<Vec<_>>()
        .into_iter()
}

/// A bag of stems.
#[derive(Debug, Default, Clone)]
pub struct Bag(FastSet<String>);

impl Bag {
    pub fn add(&mut self, text: &str) {
        self.0.extend(stems(text));
    }

    /// Adds `word` as it is (an address).
    pub fn add_whole(&mut self, word: &str) {
        self.0.insert(word.to_string());
    }

    /// The stems, in no order.
    pub fn words(&self) -> impl Iterator<Item = &String> {
        self.0.iter()
    }

    pub fn of(text: &str) -> Bag {
        let mut bag = Bag::default();
        bag.add(text);
        bag
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The share of `text`'s stems that are in the bag (1 for a text without any).
    pub fn covers(&self, text: &str) -> f64 {
        let words: FastSet<String> = stems(text).collect();
        if words.is_empty() {
            return 1.0;
        }
        words.iter().filter(|w| self.0.contains(*w)).count() as f64 / words.len() as f64
    }

    /// Dice's coefficient of two bags: 1 for the same words, 0 for none in common.
    pub fn dice(&self, other: &Bag) -> f64 {
        if self.0.is_empty() || other.0.is_empty() {
            return 0.0;
        }
        let (small, large) = if self.len() <= other.len() {
            (self, other)
        } else {
            (other, self)
        };
        let shared = small.0.iter().filter(|w| large.0.contains(*w)).count();
        2.0 * shared as f64 / (self.len() + other.len()) as f64
    }
}

/// The share of a service's words that must be found for it to be there.
pub const COVERED: f64 = 0.5;

/// The sentences of a paragraph: cut after `.`, `!` or `?` followed by a space and a
/// capital (so `data.gouv.fr` and `etc. et` stay whole).
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let rest = &text[i + c.len_utf8()..];
        let after = rest.trim_start();
        if rest.len() != after.len() && after.chars().next().is_some_and(char::is_uppercase) {
            let end = i + c.len_utf8();
            out.push(text[start..end].trim());
            start = end;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// A service as the guide writes it, without the list's punctuation (`… ;`, `… .`, `… :`).
pub fn tidy_service(text: &str) -> &str {
    text.trim()
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | ':'))
        .trim_end_matches(" .")
        .trim()
}

/// A kebab-case id made of `text`: folded, ASCII letters and digits, French articles and
/// prepositions left out, at most 48 characters (cut at a hyphen).
pub fn slug(text: &str) -> String {
    const LEFT_OUT: &[&str] = &["l", "d", "le", "la", "les", "de", "des", "du", "et"];
    let folded = fold(text);
    let mut id = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !LEFT_OUT.contains(w))
    {
        if !id.is_empty() && id.len() + 1 + word.len() > 48 {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(&word[..word.len().min(48)]);
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_across_plurals_and_accents() {
        let bag = Bag::of("Effectuer des revues de modèles, administrations d'accueil");
        assert_eq!(bag.covers("les modeles de l'administration"), 1.0);
        assert!(bag.covers("programme 10% de collaboration") < COVERED);
    }

    #[test]
    fn sentences_are_cut_at_a_capital() {
        assert_eq!(
            sentences("Voir data.gouv.fr et etc. ici. Puis là ! Fin"),
            ["Voir data.gouv.fr et etc. ici.", "Puis là !", "Fin"]
        );
    }

    #[test]
    fn services_lose_the_list_punctuation() {
        assert_eq!(tidy_service("Poser des questions ;"), "Poser des questions");
        assert_eq!(
            tidy_service("une démarche d’ouverture de données ."),
            "une démarche d’ouverture de données"
        );
        assert_eq!(tidy_service("propose son aide :"), "propose son aide");
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Pôle Ouverture et partage des donnée"),
            "pole-ouverture-partage-donnee"
        );
        assert_eq!(slug("Plateforme data.gouv.fr"), "plateforme-data-gouv-fr");
        assert_eq!(slug("L'écosystème"), "ecosysteme");
        assert_eq!(slug("🚀"), "");
        assert!(slug(&"mot ".repeat(100)).len() <= 48);
    }
}
