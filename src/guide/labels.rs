//! The labels that open a team's blocks: both generations of the guide, and the user's own.
//!
//! A label is the bold text a paragraph opens with (`**Services**`, `**Contact :** …`), or a
//! `####` heading. Labels compare with case, accents, apostrophes, spaces and a final `:`
//! left out; one ending in `…` (or `...`, `*`) names every label that starts with it.

use crate::lang::tr;
use crate::text::fold;

/// What a block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// What a newcomer can ask the team: one service a list item (or sentence).
    Services,
    /// Links to read.
    Resources,
    /// E-mail addresses, chat handles, links and numbers.
    Contacts,
}

impl BlockKind {
    /// The word a mapping names the kind by.
    fn parse(word: &str) -> Option<BlockKind> {
        match fold(word.trim()).as_str() {
            "services" | "service" => Some(BlockKind::Services),
            "resources" | "resource" | "ressources" | "ressource" => Some(BlockKind::Resources),
            "contacts" | "contact" => Some(BlockKind::Contacts),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
struct Rule {
    text: String,
    prefix: bool,
    kind: BlockKind,
}

/// The labels a chapter is read with.
#[derive(Debug, Clone)]
pub struct Labels {
    rules: Vec<Rule>,
}

/// The guide's labels: 2021 on (`**Services**`, `**Ressources**`) and 2020
/// (`**Ce que vous pouvez faire avec … :**`, `**Ressources :**`, `**Ressource :**`,
/// `**Contact :**`), and their English.
const KNOWN: &[(&str, BlockKind)] = &[
    ("Services", BlockKind::Services),
    ("Ce que vous pouvez faire…", BlockKind::Services),
    ("What you can do…", BlockKind::Services),
    ("Ressources", BlockKind::Resources),
    ("Ressource", BlockKind::Resources),
    ("Resources", BlockKind::Resources),
    ("Resource", BlockKind::Resources),
    ("Contact", BlockKind::Contacts),
    ("Contacts", BlockKind::Contacts),
];

impl Default for Labels {
    fn default() -> Self {
        let mut labels = Labels { rules: Vec::new() };
        for (text, kind) in KNOWN {
            labels.add(text, *kind);
        }
        labels
    }
}

/// A label as compared: folded, apostrophes straight, spaces squeezed, no final `:`.
fn key(text: &str) -> String {
    let folded = fold(text);
    let squeezed = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    squeezed
        .trim_end_matches(|c: char| c == ':' || c.is_whitespace())
        .to_string()
}

impl Labels {
    fn add(&mut self, text: &str, kind: BlockKind) {
        let text = text.trim();
        let (text, prefix) = match ["…", "...", "*"].iter().find_map(|m| text.strip_suffix(m)) {
            Some(stem) => (stem, true),
            None => (text, false),
        };
        let text = key(text);
        if !text.is_empty() {
            // The user's rules come first: they may give a known label another kind.
            self.rules.insert(0, Rule { text, prefix, kind });
        }
    }

    /// Adds a mapping `LABEL=KIND` (`KIND`: services, resources or contacts).
    pub fn add_mapping(&mut self, mapping: &str) -> Result<(), String> {
        let (label, kind) = mapping
            .rsplit_once('=')
            .ok_or_else(|| expected_mapping(mapping))?;
        let kind = BlockKind::parse(kind).ok_or_else(|| expected_mapping(mapping))?;
        if key(label.trim_end_matches(['…', '.', '*'])).is_empty() {
            return Err(expected_mapping(mapping));
        }
        self.add(label, kind);
        Ok(())
    }

    /// Adds the mappings of a file: one `LABEL = KIND` a line; blank lines and lines starting
    /// with `#` are skipped. An error names its line.
    pub fn add_file(&mut self, text: &str) -> Result<(), (usize, String)> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            self.add_mapping(line).map_err(|why| (n + 1, why))?;
        }
        Ok(())
    }

    /// The kind of block `label` opens, if it is a label.
    pub fn kind_of(&self, label: &str) -> Option<BlockKind> {
        let label = key(label);
        if label.is_empty() {
            return None;
        }
        self.rules
            .iter()
            .find(|r| {
                if r.prefix {
                    label.starts_with(&r.text)
                } else {
                    label == r.text
                }
            })
            .map(|r| r.kind)
    }
}

fn expected_mapping(mapping: &str) -> String {
    format!(
        "{} {mapping:?}{} {}",
        tr("étiquette", "label"),
        tr(" :", ":"),
        tr(
            "attendu LABEL=TYPE, TYPE étant services, resources ou contacts (un LABEL finissant par … vaut pour tout label qui commence ainsi)",
            "expected LABEL=KIND, KIND being services, resources or contacts (a LABEL ending in … stands for every label that starts so)"
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_generations_of_the_guide() {
        let l = Labels::default();
        assert_eq!(l.kind_of("Services"), Some(BlockKind::Services));
        assert_eq!(l.kind_of("Ressources "), Some(BlockKind::Resources));
        assert_eq!(l.kind_of("Ressource :"), Some(BlockKind::Resources));
        assert_eq!(l.kind_of("Contact :"), Some(BlockKind::Contacts));
        assert_eq!(
            l.kind_of("Ce que vous pouvez faire avec l\u{2019}équipe data.gouv.fr :"),
            Some(BlockKind::Services)
        );
        assert_eq!(l.kind_of("Servicesx"), None);
        assert_eq!(l.kind_of("Important"), None);
    }

    #[test]
    fn user_mappings() {
        let mut l = Labels::default();
        l.add_mapping("Missions=services").unwrap();
        l.add_mapping("À lire…=resources").unwrap();
        l.add_mapping("Contact=services").unwrap();
        assert_eq!(l.kind_of("**missions :**"), None);
        assert_eq!(l.kind_of("Missions :"), Some(BlockKind::Services));
        assert_eq!(l.kind_of("A lire absolument"), Some(BlockKind::Resources));
        assert_eq!(l.kind_of("Contact"), Some(BlockKind::Services));
        assert!(l.add_mapping("Missions").is_err());
        assert!(l.add_mapping("Missions=people").is_err());
        assert!(l.add_mapping("=services").is_err());
        assert_eq!(
            l.add_file("# mine\n\nBon à savoir = resources\noops\n"),
            Err((4, expected_mapping("oops")))
        );
    }
}
