//! What the loader says, in the reader's language: problems of shape (in English as serde says
//! them), JSON syntax errors (serde_json's, translated), and the checks' messages.

use serde::de::{Error as _, Unexpected};

use crate::lang::{Lang, current, tr};

/// What a value should have been, for messages.
#[derive(Debug, Clone, Copy)]
pub struct Expect {
    pub en: &'static str,
    pub fr: &'static str,
}

impl Expect {
    pub const STRING: Expect = Expect {
        en: "a string",
        fr: "une chaîne",
    };
    pub const TEXT: Expect = Expect {
        en: r#"a string, or {"fr": "…", "en": "…"}"#,
        fr: r#"une chaîne, ou {"fr": "…", "en": "…"}"#,
    };
    pub const BOOLEAN: Expect = Expect {
        en: "a boolean",
        fr: "un booléen",
    };
    pub const U32: Expect = Expect {
        en: "u32",
        fr: "un entier de 0 à 4294967295",
    };
    pub const ARRAY: Expect = Expect {
        en: "a sequence",
        fr: "un tableau",
    };
    pub const OBJECT: Expect = Expect {
        en: "an object",
        fr: "un objet",
    };
}

impl serde::de::Expected for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.en)
    }
}

type JsonError = serde_json::Error;

fn french(unexpected: Unexpected<'_>) -> String {
    match unexpected {
        Unexpected::Bool(b) => format!("booléen `{b}`"),
        Unexpected::Unsigned(n) => format!("entier `{n}`"),
        Unexpected::Signed(n) => format!("entier `{n}`"),
        Unexpected::Float(x) => format!("nombre `{x}`"),
        Unexpected::Str(s) => format!("chaîne {s:?}"),
        Unexpected::Unit => "null".into(),
        Unexpected::Map => "objet".into(),
        Unexpected::Seq => "tableau".into(),
        other => other.to_string(),
    }
}

fn ticked(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    names.join(", ")
}

pub fn invalid_type(unexpected: Unexpected<'_>, expected: Expect) -> String {
    match current() {
        Lang::En => JsonError::invalid_type(unexpected, &expected).to_string(),
        Lang::Fr => format!(
            "type invalide : {}, attendu : {}",
            french(unexpected),
            expected.fr
        ),
    }
}

pub fn invalid_value(unexpected: Unexpected<'_>, expected: Expect) -> String {
    match current() {
        Lang::En => JsonError::invalid_value(unexpected, &expected).to_string(),
        Lang::Fr => format!(
            "valeur invalide : {}, attendu : {}",
            french(unexpected),
            expected.fr
        ),
    }
}

pub fn unknown_field(key: &str, names: &'static [&'static str]) -> String {
    match current() {
        Lang::En => JsonError::unknown_field(key, names).to_string(),
        Lang::Fr => format!(
            "champ inconnu `{key}` ; champs possibles : {}",
            ticked(names)
        ),
    }
}

pub fn unknown_variant(name: &str, names: &[&str]) -> String {
    match current() {
        Lang::En => format!(
            "unknown variant `{name}`, expected one of {}",
            ticked(names)
        ),
        Lang::Fr => format!(
            "valeur inconnue `{name}` ; valeurs possibles : {}",
            ticked(names)
        ),
    }
}

pub fn duplicate(key: &str) -> String {
    match current() {
        Lang::En => JsonError::duplicate_field("")
            .to_string()
            .replace("``", &format!("`{key}`")),
        Lang::Fr => format!("champ `{key}` en double"),
    }
}

/// `missing field `a``, or `missing field `a`, `b`` for several.
pub fn missing(names: &[&str]) -> String {
    match (current(), names.len()) {
        (Lang::En, _) => format!("missing field {}", ticked(names)),
        (Lang::Fr, 1) => format!("champ {} manquant", ticked(names)),
        (Lang::Fr, _) => format!("champs {} manquants", ticked(names)),
    }
}

/// serde_json's message for a syntax error, without its position, in the reader's language.
pub fn syntax(error: &JsonError) -> String {
    let message = error.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => &message,
    };
    if current() == Lang::En {
        return format!("invalid JSON: {message}");
    }
    const FRENCH: &[(&str, &str)] = &[
        (
            "EOF while parsing a list",
            "fin du fichier au milieu d'un tableau",
        ),
        (
            "EOF while parsing an object",
            "fin du fichier au milieu d'un objet",
        ),
        (
            "EOF while parsing a string",
            "fin du fichier au milieu d'une chaîne",
        ),
        (
            "EOF while parsing a value",
            "fin du fichier là où une valeur était attendue",
        ),
        ("expected `:`", "`:` attendu"),
        ("expected `,` or `]`", "`,` ou `]` attendu"),
        ("expected `,` or `}`", "`,` ou `}` attendu"),
        ("expected ident", "mot-clé attendu (true, false ou null)"),
        ("expected value", "valeur attendue"),
        ("expected `\"`", "`\"` attendu"),
        ("invalid escape", "échappement invalide"),
        ("invalid number", "nombre invalide"),
        ("number out of range", "nombre hors limites"),
        (
            "invalid unicode code point",
            "point de code Unicode invalide",
        ),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "caractère de contrôle (\\u0000-\\u001F) dans une chaîne",
        ),
        ("key must be a string", "une clé doit être une chaîne"),
        (
            "lone leading surrogate in hex escape",
            "demi-codet isolé dans un échappement \\u",
        ),
        ("trailing comma", "virgule en trop"),
        ("trailing characters", "caractères après la fin du document"),
        ("unexpected end of hex escape", "échappement \\u incomplet"),
        ("recursion limit exceeded", "imbrication trop profonde"),
    ];
    let french = FRENCH
        .iter()
        .find(|(en, _)| *en == message)
        .map_or("erreur de syntaxe", |(_, fr)| fr);
    format!("JSON invalide : {french}")
}

/// "must not be empty", for a field named `what`.
pub fn empty(what: &str) -> String {
    format!(
        "{what} {}",
        tr("ne doit pas être vide", "must not be empty")
    )
}

/// "`what` 'id' does not exist", and the id meant, if one is close.
pub fn dangling(what: &str, id: &str, closest: Option<&str>) -> String {
    let mut message = format!("{what} '{id}' {}", tr("n'existe pas", "does not exist"));
    if let Some(closest) = closest {
        let (semicolon, question) = (tr(" ;", ";"), tr(" ?", "?"));
        let did_you_mean = tr("vouliez-vous dire", "did you mean");
        message.push_str(&format!("{semicolon} {did_you_mean} '{closest}'{question}"));
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_serde_s_and_french_is_french() {
        // Unit tests run in the language of a run that chose none: French.
        let cases = [
            (
                invalid_type(Unexpected::Signed(5), Expect::STRING),
                "type invalide : entier `5`, attendu : une chaîne",
                "invalid type: integer `5`, expected a string",
            ),
            (
                invalid_type(Unexpected::Unit, Expect::STRING),
                "type invalide : null, attendu : une chaîne",
                "invalid type: null, expected a string",
            ),
            (
                duplicate("name"),
                "champ `name` en double",
                "duplicate field `name`",
            ),
            (
                unknown_field("x", &["a", "b", "c"]),
                "champ inconnu `x` ; champs possibles : `a`, `b`, `c`",
                "unknown field `x`, expected one of `a`, `b`, `c`",
            ),
            (
                missing(&["a", "b"]),
                "champs `a`, `b` manquants",
                "missing field `a`, `b`",
            ),
        ];
        for (said, fr, en) in cases {
            assert_eq!(said, tr(fr, en));
        }
        let error = serde_json::from_str::<serde_json::Value>("[1,]").unwrap_err();
        assert_eq!(
            syntax(&error),
            tr(
                "JSON invalide : virgule en trop",
                "invalid JSON: trailing comma"
            )
        );
    }
}
