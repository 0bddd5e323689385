//! Contacts from a `**Contact :**` line: e-mail addresses, chat handles (`@equipe-beta`),
//! links and phone numbers, by kind; the words before one (`via Slack`) are its label.

use crate::catalogue::model::{Contact, ContactKind};
use crate::hash::FastSet;
use crate::shared::S;

/// Words that join contacts rather than name them.
const JOINERS: &[&str] = &[
    "via", "sur", "par", "ou", "et", "on", "or", "and", "by", "at", "à", "a", "au", "le", "la",
];

/// The contacts `text` gives, in order (its links are read by the caller).
pub fn contacts(text: &str) -> Vec<Contact> {
    let mut out = Vec::new();
    let mut seen: FastSet<String> = FastSet::default();
    let mut words: Vec<&str> = Vec::new();
    let mut push = |kind, value: &str, words: &mut Vec<&str>| {
        let label = words
            .iter()
            .filter(|w| !JOINERS.contains(&w.to_lowercase().as_str()))
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        words.clear();
        let contact = Contact {
            kind,
            value: S::from(value),
            label: S::from(label),
        };
        if seen.insert(contact.value.to_string()) {
            out.push(contact);
        }
    };
    let mut phone = String::new();
    for token in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';')) {
        let token = token.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | '"' | '.'));
        let digits = token.chars().filter(char::is_ascii_digit).count();
        let phone_part = !token.is_empty()
            && digits > 0
            && token
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '+' | '.' | '-'));
        if phone_part {
            if !phone.is_empty() {
                phone.push(' ');
            }
            phone.push_str(token);
            continue;
        }
        flush_phone(&mut phone, &mut words, &mut push);
        if token.is_empty() {
            continue;
        }
        if is_email(token) {
            push(
                ContactKind::Email,
                token.trim_start_matches("mailto:"),
                &mut words,
            );
        } else if token.len() > 1
            && token.starts_with('@')
            && token[1..]
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        {
            push(ContactKind::Chat, token, &mut words);
        } else if token.starts_with("https://") || token.starts_with("http://") {
            push(ContactKind::Url, token, &mut words);
        } else if token.chars().any(char::is_alphanumeric) {
            words.push(token);
        }
    }
    flush_phone(&mut phone, &mut words, &mut push);
    out
}

/// A run of digits long enough to be a phone number becomes one.
fn flush_phone<'a>(
    phone: &mut String,
    words: &mut Vec<&'a str>,
    push: &mut impl FnMut(ContactKind, &str, &mut Vec<&'a str>),
) {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if (8..=20).contains(&digits) {
        push(ContactKind::Phone, phone, words);
    }
    phone.clear();
}

/// `local@domain.tld`, or `mailto:` one.
fn is_email(token: &str) -> bool {
    let address = token.strip_prefix("mailto:").unwrap_or(token);
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&'static str, String, String)> {
        contacts(text)
            .into_iter()
            .map(|c| (c.kind.as_str(), c.value.to_string(), c.label.to_string()))
            .collect()
    }

    #[test]
    fn emails_and_handles_by_kind() {
        assert_eq!(
            kinds("data.gouv@data.gouv.fr , via Slack @equipe-datagouv"),
            [
                ("email", "data.gouv@data.gouv.fr".into(), "".into()),
                ("chat", "@equipe-datagouv".into(), "Slack".into()),
            ]
        );
        assert_eq!(
            kinds("contact@beta.gouv.fr ; sur Slack @equipe-beta"),
            [
                ("email", "contact@beta.gouv.fr".into(), "".into()),
                ("chat", "@equipe-beta".into(), "Slack".into()),
            ]
        );
        assert_eq!(
            kinds("Standard : +33 1 00 00 00 00."),
            [("phone", "+33 1 00 00 00 00".into(), "Standard".into())]
        );
        assert!(kinds("écrivez-nous").is_empty());
    }
}
