//! Stage 8: say why each entity matched, and what to suggest when nothing did.

use serde::Serialize;

use super::index::Index;
use super::rank::{Evidence, Scored};
use super::resolve::{How, QueryWord};
use super::typo;
use crate::catalogue::Catalogue;

/// One question word's evidence in one entity; its texts borrow from the catalogue and index.
#[derive(Debug, Clone, Serialize)]
pub struct Why<'a> {
    /// The word of the question.
    pub query: String,
    /// The catalogue word it matched.
    pub matched: &'a str,
    /// The field it was found in: name, topic, service, resource, summary or fact.
    pub field: &'static str,
    /// The text of that field.
    pub text: &'a str,
    /// How it matched: exact, stem, synonym, prefix or typo.
    pub how: How,
    /// Whether it was found side by side with the next or previous question word.
    pub phrase: bool,
}

/// The evidence behind `scored`, in question order.
pub fn why<'a>(
    scored: &Scored,
    words: &[QueryWord],
    index: &'a Index,
    catalogue: &'a Catalogue,
) -> Vec<Why<'a>> {
    let entity = &catalogue.entities[scored.entity as usize];
    let mut evidence = scored.evidence.to_vec();
    evidence.sort_by_key(Evidence::query);
    evidence
        .iter()
        .map(|e| {
            let instance = &index.instances[e.instance as usize];
            Why {
                query: words[e.query()].token.lower.clone(),
                matched: index.words.display(e.word),
                field: instance.field.field().as_str(),
                text: instance.field.text(entity),
                how: e.how,
                phrase: (scored.phrases().iter()).any(|&(a, b)| a == e.query() || b == e.query()),
            }
        })
        .collect()
}

/// A short "because" for a table: the texts that matched, with their field.
/// A field's name, in the language of the run.
fn field_label(field: &str) -> &str {
    use crate::lang::tr;
    match field {
        "name" => tr("nom", "name"),
        "topic" => tr("sujet", "topic"),
        "service" => tr("service", "service"),
        "resource" => tr("ressource", "resource"),
        "summary" => tr("résumé", "summary"),
        "fact" => tr("fait", "fact"),
        "need" => tr("besoin", "need"),
        other => other,
    }
}

pub fn because(why: &[Why]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for w in why {
        let mut text = w.text.to_string();
        if text.chars().count() > 48 {
            text = text.chars().take(47).collect::<String>() + "…";
        }
        let field = field_label(w.field);
        let mut part = format!("{field} «{text}»");
        if matches!(w.how, How::Typo | How::Synonym) {
            let how = match w.how {
                How::Typo => crate::lang::tr("faute de frappe", "typo"),
                _ => crate::lang::tr("synonyme", "synonym"),
            };
            part.push_str(&format!(" ({how} {} → {})", w.query, w.matched));
        }
        if !parts
            .iter()
            .any(|p| p.starts_with(&format!("{field} «{text}»")))
        {
            parts.push(part);
        }
    }
    parts.join("; ")
}

/// For question words that matched nothing (no entity of `ranked` has evidence of them), the
/// nearest catalogue word, if one is near. A word of the general language (`fais`, `main`) is
/// not a typo: it gets no suggestion.
pub fn suggestions(words: &[QueryWord], ranked: &[Scored], index: &Index) -> Vec<(String, String)> {
    let mut found = vec![false; words.len()];
    for e in ranked.iter().flat_map(|s| s.evidence.iter()) {
        found[e.query()] = true;
    }
    (words.iter().zip(found))
        .filter(|(_, found)| !found)
        .map(|(w, _)| w)
        .filter(|w| super::specificity::zipf(&w.token.folded).is_none())
        .filter_map(|w| {
            let near = typo::nearest(&w.token.folded, index)?;
            Some((w.token.lower.clone(), index.words.display(near).to_string()))
        })
        .collect()
}
