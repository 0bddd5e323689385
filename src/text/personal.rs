//! Whether a question speaks of the asker's private life — their family, home, money, papers
//! or "perso" things: "mon mari veut un numéro SIRET", "my taxes", "mon tel perso". No team of
//! the guide handles a private matter, whatever work words the question also holds. Whether it
//! is one is a feature of the answer model (its worth is fitted), not a rule.
//!
//! Read from the tagged words, grammar words included (`pour moi`); `perso` and `personal`
//! after or before a word of data stay the guide's (`données perso`, `personal data`);
//! `personnel` is also the staff, and is left out.

use super::tokenise::Token;

/// Possessives of the first person, folded.
const MINE: &[&str] = &["ma", "mes", "mon", "my"];

/// What a possessive of the first person makes private, folded, sorted for binary search.
const PRIVATE: &[&str] = &[
    "address",
    "adresse",
    "apartment",
    "appart",
    "appartement",
    "bank",
    "banque",
    "boyfriend",
    "carte",
    "children",
    "compagne",
    "compagnon",
    "conges",
    "conjoint",
    "conjointe",
    "copain",
    "copine",
    "daughter",
    "demenagement",
    "divorce",
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
    "health",
    "holiday",
    "holidays",
    "husband",
    "impot",
    "impots",
    "kids",
    "life",
    "loyer",
    "maison",
    "mari",
    "mariage",
    "micro",
    "microentreprise",
    "moving",
    "mutuelle",
    "paie",
    "parents",
    "partner",
    "passeport",
    "passport",
    "pension",
    "permis",
    "postal",
    "rent",
    "residence",
    "retraite",
    "salaire",
    "salary",
    "sante",
    "son",
    "spouse",
    "taxes",
    "vacances",
    "vacation",
    "vie",
    "visa",
    "voiture",
    "wedding",
    "wife",
];

/// Pairs of words that say "for me, privately", folded.
const PAIRS: &[[&str; 2]] = &[["pour", "moi"], ["for", "myself"], ["at", "home"]];

/// How words of data begin, typos of their ends included (`donees`, `infos`, `datas`):
/// `perso` or `personal` next to one is the guide's personal data.
const DATA: &[&str] = &["data", "detail", "don", "info", "record"];

/// Whether the question (its words as the tokeniser tagged them) speaks of the asker's private
/// life.
pub fn is_personal(tokens: &[Token]) -> bool {
    let word = |i: usize| tokens.get(i).map(|t| t.folded.as_str());
    let data = |i: Option<usize>| {
        (i.and_then(word)).is_some_and(|w| DATA.iter().any(|d| w.starts_with(d)))
    };
    (0..tokens.len()).any(|i| {
        let next = word(i + 1);
        match tokens[i].folded.as_str() {
            "perso" | "personal" | "personnelle" | "personnelles" => {
                !data(i.checked_sub(1)) && !data(Some(i + 1))
            }
            // "ma vie privée" is privacy, which the guide's CNIL handles.
            w if MINE.contains(&w) => next.is_some_and(|n| {
                PRIVATE.binary_search(&n).is_ok()
                    && !(n == "vie" && word(i + 2).is_some_and(|w| w.starts_with("priv")))
            }),
            w => next.is_some_and(|n| PAIRS.contains(&[w, n])),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn personal(question: &str) -> bool {
        is_personal(&crate::text::tokenise::tag(question))
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
        assert!(personal(
            "comment obtenir un SIRET pour ma micro-entreprise"
        ));
        assert!(personal("I need to change my postal address"));
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
        assert!(!personal("ma base adresse locale est-elle à jour ?"));
    }
}
