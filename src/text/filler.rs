//! Filler: what people write around a question that says nothing about its topic.
//!
//! - greetings and politeness (`bonjour`, `salut`, `merci`, `svp`, `hi`, `thanks`);
//! - question frames (`à qui je m'adresse`, `qui peut m'aider`, `je fais comment`, `who do I
//!   ask`, `who can advise`, `qui s'occupe de`, `who handles`): each of their words is filler;
//! - chat forms typed without an apostrophe (`jai`, `cest`, `qqn`);
//! - the verb or pronoun after a pronoun elision (`j'ai`, `m'adresse`, `n'ai`, `c'est`,
//!   `t'as`, `s'occupe`): see [`super::tokenise::Elision`].
//!
//! - the cues the search's context stage looks for (`déjà`, `already`, `appartient`,
//!   `deuxième avis`): the tokeniser tags them as cues.
//!
//! Filler is never evidence, in questions and catalogue texts alike.

/// A context cue: what a question says besides its topic (read by the search's context
/// stage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// The first step of an order was already taken: the next one comes first.
    NextStep,
    /// The question asks what an entity belongs to.
    Parent,
    /// The question asks which organisation an entity belongs to ("dans quelle direction",
    /// "which department"): so plainly that, when it names no entity, the parent of the one
    /// it describes is asked for ("part of" is no such cue: "part of my time").
    WhichParent,
    /// What follows is excluded ("hors Etalab", "not at DINUM").
    Outside,
    /// The question asks what something is ("c'est quoi", "what is"): the entity it names
    /// right after (or, when the cue ends its clause, right before) is the one asked about.
    Define,
    /// The asker names a step they would take too soon ("avant de solliciter le pôle Droit
    /// et société", "should I go straight to Etalab?"): what the clause names after it is the
    /// later step of an order, not the answer's scope.
    Before,
}

/// Words and word pairs that make a cue, folded.
const CUES: &[(&[&str], Cue)] = &[
    (&["deja"], Cue::NextStep),
    (&["already"], Cue::NextStep),
    (&["deuxieme", "avis"], Cue::NextStep),
    (&["second", "avis"], Cue::NextStep),
    (&["autre", "avis"], Cue::NextStep),
    (&["second", "opinion"], Cue::NextStep),
    (&["next", "step"], Cue::NextStep),
    (&["etape", "suivante"], Cue::NextStep),
    (&["prochaine", "etape"], Cue::NextStep),
    (&["ensuite"], Cue::NextStep),
    (&["next"], Cue::NextStep),
    (&["maintenant"], Cue::NextStep),
    (&["relais"], Cue::NextStep),
    (&["apres"], Cue::NextStep),
    (&["une", "fois"], Cue::NextStep),
    (&["once"], Cue::NextStep),
    (&["second", "temps"], Cue::NextStep),
    (&["escalader"], Cue::NextStep),
    (&["escalate"], Cue::NextStep),
    (&["appartient"], Cue::Parent),
    (&["appartiennent"], Cue::Parent),
    (&["appartenir"], Cue::Parent),
    (&["rattache"], Cue::Parent),
    (&["rattachee"], Cue::Parent),
    (&["rattaches"], Cue::Parent),
    (&["depend"], Cue::Parent),
    (&["dependent"], Cue::Parent),
    (&["belong"], Cue::Parent),
    (&["belongs"], Cue::Parent),
    (&["fait", "partie"], Cue::Parent),
    (&["part", "of"], Cue::Parent),
    (&["report", "to"], Cue::Parent),
    (&["reports", "to"], Cue::Parent),
    (&["sous", "tutelle"], Cue::Parent),
    (&["parent"], Cue::Parent),
    (&["releve"], Cue::Parent),
    (&["relevent"], Cue::Parent),
    (&["rattachement"], Cue::Parent),
    (&["sous", "quelle"], Cue::WhichParent),
    (&["sous", "quel"], Cue::WhichParent),
    (&["dans", "quel", "departement"], Cue::WhichParent),
    (&["dans", "quelle", "organisation"], Cue::WhichParent),
    (&["dans", "quelle", "orga"], Cue::WhichParent),
    (&["dans", "quelle", "structure"], Cue::WhichParent),
    (&["dans", "quelle", "direction"], Cue::WhichParent),
    (&["dans", "quelle", "entite"], Cue::WhichParent),
    (&["quelle", "maison", "mere"], Cue::WhichParent),
    (&["sits", "in"], Cue::Parent),
    (&["sit", "in"], Cue::Parent),
    (&["sits", "under"], Cue::Parent),
    (&["which", "department"], Cue::WhichParent),
    (&["which", "directorate"], Cue::WhichParent),
    (&["which", "organisation"], Cue::WhichParent),
    (&["which", "organization"], Cue::WhichParent),
    (&["which", "org"], Cue::WhichParent),
    (&["au", "dessus"], Cue::Parent),
    (&["parent", "organisation"], Cue::Parent),
    (&["parent", "organization"], Cue::Parent),
    (&["c", "est", "quoi"], Cue::Define),
    (&["cest", "quoi"], Cue::Define),
    (&["c", "quoi"], Cue::Define),
    (&["qu", "est", "ce", "que"], Cue::Define),
    (&["qu", "est", "ce", "qu"], Cue::Define),
    (&["quest", "ce", "que"], Cue::Define),
    (&["what", "is"], Cue::Define),
    (&["what", "s"], Cue::Define),
    (&["whats"], Cue::Define),
    (&["what", "are"], Cue::Define),
    (&["avant"], Cue::Before),
    (&["before"], Cue::Before),
    (&["straight", "to"], Cue::Before),
    (&["directement"], Cue::Before),
    (&["prior", "to"], Cue::Before),
    (&["hors"], Cue::Outside),
    (&["dehors"], Cue::Outside),
    (&["sauf"], Cue::Outside),
    (&["excepte"], Cue::Outside),
    (&["pas"], Cue::Outside),
    (&["pas", "a"], Cue::Outside),
    (&["pas", "au"], Cue::Outside),
    (&["pas", "chez"], Cue::Outside),
    (&["outside"], Cue::Outside),
    (&["except"], Cue::Outside),
    (&["excluding"], Cue::Outside),
    (&["not"], Cue::Outside),
    (&["not", "at"], Cue::Outside),
    (&["not", "in"], Cue::Outside),
    (&["not", "asking"], Cue::Outside),
    (&["other", "than"], Cue::Outside),
];

/// The cue that starts at `words[0]` (folded words), and how many words it spans; the longest
/// when several do.
pub fn cue_at(words: &[String]) -> Option<(Cue, usize)> {
    CUES.iter()
        .filter(|(phrase, _)| {
            phrase.len() <= words.len() && phrase.iter().zip(words).all(|(p, w)| p == w)
        })
        .max_by_key(|(phrase, _)| phrase.len())
        .map(|(phrase, cue)| (*cue, phrase.len()))
}

/// Greetings, politeness, question frames and chat forms, French and English, folded.
/// Sorted for binary search.
const FILLER: &[&str] = &[
    "actually",
    "adressez",
    "advise",
    "aimerais",
    "aimerait",
    "alors",
    "already",
    "anybody",
    "anyone",
    "apparemment",
    "appartenir",
    "appartiennent",
    "appartient",
    "as",
    "asked",
    "asking",
    "aujourd",
    "aurais",
    "aurait",
    "aussi",
    "avez",
    "avons",
    "bcp",
    "beaucoup",
    "been",
    "being",
    "belong",
    "belongs",
    "bien",
    "bjr",
    "bon",
    "bonjour",
    "bonsoir",
    "cc",
    "cest",
    "charge",
    "cheers",
    "cherche",
    "chercher",
    "cherchons",
    "chez",
    "chose",
    "chuis",
    "conseiller",
    "conseillez",
    "consulte",
    "consulted",
    "contacte",
    "contactez",
    "coucou",
    "deal",
    "dealing",
    "deals",
    "dear",
    "deja",
    "depend",
    "dependent",
    "deuxieme",
    "devez",
    "devons",
    "devrais",
    "devrait",
    "did",
    "dire",
    "does",
    "doing",
    "done",
    "dont",
    "encore",
    "ensuite",
    "equipe",
    "es",
    "etait",
    "ete",
    "etes",
    "euh",
    "exactement",
    "exactly",
    "excusez",
    "fais",
    "faisons",
    "fait",
    "faites",
    "faudrait",
    "font",
    "gere",
    "gerent",
    "gerer",
    "go",
    "goes",
    "going",
    "got",
    "guys",
    "had",
    "handle",
    "handles",
    "handling",
    "has",
    "hello",
    "here",
    "hey",
    "hi",
    "hui",
    "ici",
    "if",
    "im",
    "issue",
    "issues",
    "ive",
    "jai",
    "joindre",
    "jsuis",
    "just",
    "juste",
    "know",
    "lets",
    "look",
    "looking",
    "matters",
    "may",
    "merci",
    "might",
    "moment",
    "must",
    "next",
    "occupe",
    "occupent",
    "occuper",
    "ok",
    "okay",
    "opinion",
    "oriente",
    "orienter",
    "orientez",
    "parler",
    "partie",
    "personne",
    "plait",
    "please",
    "pls",
    "plz",
    "pole",
    "pourrais",
    "pourrait",
    "pourriez",
    "pouvez",
    "pouvoir",
    "problem",
    "problems",
    "prochaine",
    "puis",
    "qqn",
    "qqun",
    "quelqu",
    "quelque",
    "quelquun",
    "quoi",
    "rattache",
    "rattachee",
    "rattaches",
    "reach",
    "redirect",
    "renseigner",
    "repondre",
    "reviewed",
    "sais",
    "saisir",
    "saisissez",
    "saisit",
    "sait",
    "salut",
    "savent",
    "savez",
    "savoir",
    "second",
    "seen",
    "serait",
    "should",
    "slt",
    "sollicite",
    "solliciter",
    "somebody",
    "someone",
    "souhaiterais",
    "speak",
    "stp",
    "stuff",
    "suis",
    "suivante",
    "svp",
    "talk",
    "team",
    "tell",
    "thank",
    "thanks",
    "there",
    "thing",
    "things",
    "thx",
    "toi",
    "tout",
    "trouve",
    "truc",
    "try",
    "trying",
    "tutelle",
    "uh",
    "um",
    "us",
    "venir",
    "veut",
    "via",
    "voila",
    "voir",
    "vois",
    "voudrait",
    "voulez",
    "voulons",
    "vraiment",
    "vu",
    "was",
    "were",
    "will",
    "yo",
];

/// Whether `folded` is filler (see the module documentation).
pub fn is_filler(folded: &str) -> bool {
    FILLER.binary_search(&folded).is_ok()
}

/// Whether `folded`, a word of no language, is a typo of a filler word of five letters or
/// more (`handels` for `handles`, `renseigenr`): one letter off, swapped, missing or extra.
pub fn is_filler_typo(folded: &str) -> bool {
    is_typo_of(FILLER, folded)
}

/// Whether `folded` is one letter off (changed, swapped, missing or extra) a word of five
/// letters or more of `words`.
pub fn is_typo_of(words: &[&str], folded: &str) -> bool {
    let length = folded.chars().count();
    (5..=20).contains(&length)
        && (words.iter())
            .filter(|w| w.len().abs_diff(folded.len()) <= 1 && w.len() >= 5)
            .any(|w| strsim::osa_distance(w, folded) <= 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenise::tokenise;

    fn words(text: &str) -> Vec<String> {
        tokenise(text).into_iter().map(|t| t.folded).collect()
    }

    #[test]
    fn the_list_is_sorted_and_folded() {
        assert!(FILLER.windows(2).all(|w| w[0] < w[1]), "sorted");
        for word in FILLER {
            assert_eq!(crate::text::fold(word), *word);
        }
    }

    #[test]
    fn greetings_and_politeness_are_filler() {
        assert!(words("Bonjour ! Salut, merci svp, hello, hi, thanks please").is_empty());
    }

    #[test]
    fn question_frames_are_filler() {
        for frame in [
            "à qui je m'adresse ?",
            "je m'adresse à qui ?",
            "qui peut m'aider",
            "je fais comment",
            "qui fait quoi",
            "who do I ask",
            "who can advise",
            "qui s'occupe de ça",
            "who handles this",
            "c'est qui qui gère ?",
        ] {
            assert_eq!(words(frame), Vec::<String>::new(), "{frame}");
        }
    }

    #[test]
    fn a_pronoun_elision_takes_its_verb_along() {
        assert_eq!(words("j'ai une question sur les cookies"), ["cookies"]);
        assert_eq!(words("j’ai perdu mes clés"), ["perdu", "cles"]);
        assert_eq!(words("je n'ai pas les droits"), ["droits"]);
        assert_eq!(words("qu'il publie"), ["publie"]);
        assert_eq!(words("t'as publié l'on"), ["publie"]);
        assert_eq!(words("je m adresse à qui"), Vec::<String>::new());
    }

    #[test]
    fn typos_of_filler_are_filler() {
        assert!(is_filler_typo("handels"));
        assert!(!is_filler_typo("handles2000"));
        assert!(!is_filler_typo("cnil"));
    }

    #[test]
    fn articles_keep_their_word() {
        assert_eq!(words("l'IA"), ["ia"]);
        assert_eq!(words("la taxe d'habitation"), ["taxe", "habitation"]);
        assert_eq!(words("l'accessibilité"), ["accessibilite"]);
    }

    #[test]
    fn chat_forms_typed_without_apostrophe_are_filler() {
        assert_eq!(words("jai besoin de qqn pour le RGAA"), ["rgaa"]);
        assert_eq!(words("cest quoi le SILL"), ["sill"]);
    }
}
