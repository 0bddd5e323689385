//! Whether a question speaks of the asker's private life — their family, home, money, papers
//! or "perso" things: "mon mari veut un numéro SIRET", "my taxes", "mon tel perso". No team of
//! the guide handles a private matter, whatever work words the question also holds. Whether it
//! is one is a feature of the answer model (its worth is fitted), not a rule.
//!
//! Read from the folded words, grammar words included (`pour moi`); `perso` and `personal`
//! after or before a word of data stay the guide's (`données perso`, `personal data`);
//! `personnel` is also the staff, and is left out.

/// Possessives of the first person, folded.
const MINE: &[&str] = &["ma", "mes", "mon", "my"];

/// What a possessive of the first person makes private, folded, sorted for binary search.
const PRIVATE: &[&str] = &[
    "apartment",
    "appart",
    "appartement",
    "bank",
    "banque",
    "boyfriend",
    "children",
    "compagne",
    "compagnon",
    "conjoint",
    "conjointe",
    "copain",
    "copine",
    "daughter",
    "enfant",
    "enfants",
    "epouse",
    "epoux",
    "famille",
    "family",
    "femme",
    "fille",
    "fils",
    "flat",
    "girlfriend",
    "husband",
    "impot",
    "impots",
    "kids",
    "life",
    "loyer",
    "maison",
    "mari",
    "parents",
    "partner",
    "passeport",
    "passport",
    "rent",
    "residence",
    "son",
    "spouse",
    "taxes",
    "vie",
    "visa",
    "wife",
];

/// Pairs of words that say "for me, privately", folded.
const PAIRS: &[[&str; 2]] = &[["pour", "moi"], ["for", "myself"], ["at", "home"]];

/// How words of data begin, typos of their ends included (`donees`, `infos`, `datas`):
/// `perso` or `personal` next to one is the guide's personal data.
const DATA: &[&str] = &["data", "detail", "don", "info", "record"];

/// Whether the question (its words, folded, in order) speaks of the asker's private life.
pub fn is_personal(words: &[&str]) -> bool {
    let data = |i: Option<usize>| {
        (i.and_then(|i| words.get(i))).is_some_and(|w| DATA.iter().any(|d| w.starts_with(d)))
    };
    words.iter().enumerate().any(|(i, &word)| {
        let next = words.get(i + 1).copied();
        match word {
            "perso" | "personal" | "personnelle" | "personnelles" => {
                !data(i.checked_sub(1)) && !data(Some(i + 1))
            }
            // "ma vie privée" is privacy, which the guide's CNIL handles.
            _ if MINE.contains(&word) => next.is_some_and(|n| {
                PRIVATE.binary_search(&n).is_ok()
                    && !(n == "vie" && words.get(i + 2).is_some_and(|w| w.starts_with("priv")))
            }),
            _ => next.is_some_and(|n| PAIRS.contains(&[word, n])),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn personal(question: &str) -> bool {
        let tokens = crate::text::tokenise::tag(question);
        let words: Vec<&str> = tokens.iter().map(|t| t.folded.as_str()).collect();
        is_personal(&words)
    }

    #[test]
    fn the_list_is_sorted_and_folded() {
        assert!(PRIVATE.windows(2).all(|w| w[0] < w[1]));
        for word in PRIVATE.iter().chain(MINE).chain(DATA) {
            assert_eq!(crate::text::fold(word), *word);
        }
    }

    #[test]
    fn private_matters_are_personal() {
        assert!(personal("Mon mari veut créer son entreprise"));
        assert!(personal("how do I file my taxes"));
        assert!(personal("une formation Python pour moi"));
        assert!(personal("mon tel perso ne marche plus"));
        assert!(personal("My personal phone is broken"));
        assert!(personal("le loyer de mon appart"));
    }

    #[test]
    fn personal_data_and_work_are_not() {
        assert!(!personal("données personnelles"));
        assert!(!personal("mes données perso sont-elles protégées ?"));
        assert!(!personal("donees perso"));
        assert!(!personal("infos personnelles des agents"));
        assert!(!personal("personal data in our app"));
        assert!(!personal("ma vie privée en ligne"));
        assert!(!personal("mon ministère ouvre ses données"));
        assert!(!personal("my team wants to publish a dataset"));
        assert!(!personal("le personnel de mon service"));
    }
}
