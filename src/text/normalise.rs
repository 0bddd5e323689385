//! Stage 1: normalise text so that case, accents, ligatures and apostrophes do not matter.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cases `text` and maps ligatures and typographic apostrophes, keeping accents.
///
/// Stemmers want the accented word, so this is what the tokeniser works on.
pub fn lower(text: &str) -> String {
    if text.is_ascii() {
        // Most catalogue text: a byte-wise lower-casing, then the one ASCII mapping.
        let out = text.to_ascii_lowercase();
        return if out.contains('`') {
            out.replace('`', "'")
        } else {
            out
        };
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// [`lower`], then accents stripped (NFKD, combining marks dropped): `Données` → `donnees`.
///
/// Compatibility decomposition can yield capitals (`𝒞` → `C`) and lower-casing can yield
/// marks (`İ` → `i̇`), so a non-ASCII text goes through twice; the result is then stable.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return lower(text);
    }
    // French text needs only the accented letters of Latin-1 and Latin Extended-A: a table,
    // then, rather than the whole of Unicode decomposition.
    let mut quick = String::with_capacity(text.len());
    for c in text.chars() {
        match latin(c) {
            Some(folded) => quick.push_str(folded),
            None if c == '`' => quick.push('\''),
            None if c.is_ascii() => quick.push(c.to_ascii_lowercase()),
            None => return fold_once(&fold_once(text)),
        }
    }
    quick
}

/// The folded form of a Latin letter with a diacritic (either case) or a ligature, as
/// NFKD-then-lower-case would give it; `None` for any other character.
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}' => "'",
        _ => return None,
    })
}

fn fold_once(text: &str) -> String {
    let stripped: String = lower(text)
        .nfkd()
        .filter(|&c| !is_combining_mark(c))
        .collect();
    lower(&stripped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_lowered_as_any_text_is() {
        let every: String = (0u8..0x80).map(char::from).collect();
        let by_char: String = every
            .chars()
            .map(|c| {
                if c == '`' {
                    '\''
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        assert_eq!(lower(&every), by_char);
        assert_eq!(lower(&(every.clone() + "é")), by_char + "é");
    }

    #[test]
    fn folds_case_accents_and_ligatures() {
        assert_eq!(fold("Données Personnelles"), "donnees personnelles");
        assert_eq!(fold("l’accessibilité"), "l'accessibilite");
        assert_eq!(fold("ŒUVRE cœur"), "oeuvre coeur");
        assert_eq!(fold("ÉTAT"), "etat");
        assert_eq!(fold("ﬁchier"), "fichier");
        assert_eq!(fold("Ça"), "ca");
    }

    #[test]
    fn lower_keeps_accents() {
        assert_eq!(lower("Données d’État"), "données d'état");
    }

    #[test]
    fn the_latin_table_agrees_with_unicode_decomposition() {
        for c in ('\u{a0}'..='\u{17f}').chain(['\u{2019}', '\u{2018}', '\u{02BC}', '\u{2032}']) {
            if let Some(quick) = latin(c) {
                assert_eq!(quick, fold_once(&fold_once(&c.to_string())), "{c}");
            }
        }
    }

    #[test]
    fn fold_is_idempotent() {
        for s in ["Données", "ﬁ", "Œ", "x\u{301}", "Ⅻ", "ǅ", "𝒞", "İ", "À`"] {
            assert_eq!(fold(&fold(s)), fold(s), "{s}");
        }
    }
}
