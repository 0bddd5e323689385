//! Contacts from a `**Contact :**` line: e-mail addresses (or `mailto:` ones), chat handles
//! (`@equipe-beta`), Matrix rooms and users (`#donnees:matrix.org`), links, and phone numbers
//! (`+33 (0)1 23 45 67 89`, `tel:+33123456789`), by kind; the words before one (`via Slack`)
//! are its label. What the line says that is none of these, and labels no contact, is kept as
//! unread, for a warning: nothing is dropped silently.

use crate::catalogue::check::{strip_scheme, strip_web};
use crate::catalogue::model::{Contact, ContactKind};
use crate::hash::FastSet;
use crate::shared::S;

/// Words that join contacts rather than name them.
const JOINERS: &[&str] = &[
    "via", "sur", "par", "ou", "et", "on", "or", "and", "by", "at", "à", "a", "au", "le", "la",
];

/// What a Contact line gives.
#[derive(Debug, Default)]
pub struct ContactLine {
    /// Its contacts, in order, each value once.
    pub contacts: Vec<Contact>,
    /// What looks like a contact but is not a valid one (`foo@@bar`, `equipe@exemple`,
    /// `xmpp:…`, `tel:12`), with the words before it.
    pub unread: Vec<String>,
    /// Words after the last contact: they label nothing.
    pub trailing: Option<String>,
}

/// A phone number being read, part by part.
#[derive(Default)]
struct Phone {
    text: String,
    /// It was written `tel:…`: it is meant as a number, whatever its length.
    tagged: bool,
}

struct Reader<'t> {
    out: ContactLine,
    seen: FastSet<String>,
    /// Words since the last contact: the next one's label.
    words: Vec<&'t str>,
    phone: Phone,
}

impl<'t> Reader<'t> {
    fn push(&mut self, kind: ContactKind, value: &str) {
        let label = self
            .words
            .iter()
            .filter(|w| !JOINERS.contains(&w.to_lowercase().as_str()))
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        self.words.clear();
        if self.seen.insert(value.to_string()) {
            self.out.contacts.push(Contact {
                kind,
                value: S::from(value),
                label: S::from(label),
            });
        }
    }

    /// Ends the phone number being read: a number when it has the digits of one; else, when
    /// it was written `tel:…`, unread; else its parts are words (`bureau 204`).
    fn flush_phone(&mut self, parts: &mut Vec<&'t str>) {
        let phone = std::mem::take(&mut self.phone);
        let text = balanced(&phone.text);
        let digits = text.chars().filter(char::is_ascii_digit).count();
        if (8..=20).contains(&digits) || (phone.tagged && (4..=20).contains(&digits)) {
            self.push(ContactKind::Phone, text);
        } else if phone.tagged {
            self.out.unread.push(format!("tel:{}", phone.text));
            self.words.clear();
        } else {
            self.words.append(parts);
        }
        parts.clear();
    }

    fn phone_part(&mut self, part: &str) {
        if !self.phone.text.is_empty() {
            self.phone.text.push(' ');
        }
        self.phone.text.push_str(part);
    }
}

/// `phone` without parentheses around it, or one it does not close or open
/// (`(01 23 45 67 89)` and `(01 23 45 67 89` → `01 23 45 67 89`; `+33 (0)1…` stays).
fn balanced(phone: &str) -> &str {
    let well_formed = |text: &str| {
        let mut depth = 0i32;
        text.chars().all(|c| {
            depth += match c {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            depth >= 0
        }) && depth == 0
    };
    if let Some(inner) = phone.strip_prefix('(').and_then(|p| p.strip_suffix(')'))
        && well_formed(inner)
    {
        return inner;
    }
    let opened = phone.matches('(').count();
    let closed = phone.matches(')').count();
    if opened > closed {
        phone.strip_prefix('(').unwrap_or(phone)
    } else if closed > opened {
        phone.strip_suffix(')').unwrap_or(phone)
    } else {
        phone
    }
}

/// Whether `token` is a part of a phone number: digits, with `+` `.` `-` `(` `)`.
fn is_phone_part(token: &str) -> bool {
    token.chars().any(|c| c.is_ascii_digit())
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '.' | '-' | '(' | ')'))
}

/// What a contact line gives (its Markdown links are read by the caller).
pub fn contacts(text: &str) -> ContactLine {
    let mut reader = Reader {
        out: ContactLine::default(),
        seen: FastSet::default(),
        words: Vec::new(),
        phone: Phone::default(),
    };
    // The tokens of the phone number being read, which are words if it is no number.
    let mut parts: Vec<&str> = Vec::new();
    // A `,` or `;` ends a phone number: `01 23 45 67 89, 01 98 76 54 32` are two.
    for (token, last_of_item) in tokens(text) {
        let token = token.trim_matches(|c: char| matches!(c, '<' | '>' | '"' | '«' | '»'));
        let token = token.trim_end_matches('.');
        let (word, number) = match token.split_once(':') {
            // `tel:+33…`, `tel:` then the number; `Tél:01…`, a label then the number.
            Some((word, rest))
                if (rest.is_empty() || is_phone_part(rest))
                    && !word.is_empty()
                    && word.chars().all(char::is_alphabetic) =>
            {
                (Some(word), rest)
            }
            _ => (None, token),
        };
        let tel = word.is_some_and(|w| w.eq_ignore_ascii_case("tel"));
        if let Some(word) = word.filter(|_| !tel) {
            reader.flush_phone(&mut parts);
            reader.words.push(word);
        }
        if tel {
            reader.flush_phone(&mut parts);
            reader.phone.tagged = true;
        }
        if is_phone_part(number) {
            reader.phone_part(number);
            parts.push(number);
            if last_of_item {
                reader.flush_phone(&mut parts);
            }
            continue;
        }
        if word.is_some() {
            continue;
        }
        reader.flush_phone(&mut parts);
        let token = token
            .trim_end_matches(':')
            .trim_matches(|c: char| matches!(c, '(' | ')'));
        if token.is_empty() {
            continue;
        }
        match kind_of(token) {
            Some((kind, value)) => reader.push(kind, value),
            None if looks_like_contact(token) => {
                // The words before it meant it: they label no other contact.
                reader.words.push(token);
                let unread = reader.words.join(" ");
                reader.words.clear();
                reader.out.unread.push(unread);
            }
            None if token.chars().any(char::is_alphanumeric) => reader.words.push(token),
            None => {}
        }
    }
    reader.flush_phone(&mut parts);
    let trailing: Vec<&str> = reader
        .words
        .iter()
        .filter(|w| !JOINERS.contains(&w.to_lowercase().as_str()))
        .copied()
        .collect();
    if !trailing.is_empty() {
        reader.out.trailing = Some(reader.words.join(" "));
    }
    reader.out
}

/// The words of `text`, split at spaces, `,` and `;`; each with whether a `,` or `;` ends it.
fn tokens(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(char::is_whitespace);
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | ';'))
            .unwrap_or(rest.len());
        let token = &rest[..end];
        rest = &rest[end..];
        let after = rest.trim_start_matches(char::is_whitespace);
        let separated = after.starts_with([',', ';']);
        if separated {
            rest = &after[1..];
        }
        Some((token, separated))
    })
}

/// The kind and value of a contact token: an e-mail address (`mailto:` left out), a link, a
/// Matrix room or user, a chat handle.
fn kind_of(token: &str) -> Option<(ContactKind, &str)> {
    let address = strip_scheme(token, "mailto:").unwrap_or(token);
    if is_email(address) {
        return Some((ContactKind::Email, address));
    }
    if strip_web(token).is_some() {
        return Some((ContactKind::Url, token));
    }
    if is_matrix(token) || is_handle(token) {
        return Some((ContactKind::Chat, token));
    }
    None
}

/// A token meant as a contact, though not a valid one: an address, handle or room gone wrong
/// (`foo@@bar`, `equipe@exemple`, `#salon`), or a scheme ecosys does not read (`xmpp:…`).
fn looks_like_contact(token: &str) -> bool {
    let scheme = token.split_once(':').is_some_and(|(scheme, rest)| {
        !rest.is_empty() && scheme.len() > 1 && scheme.chars().all(|c| c.is_ascii_alphabetic())
    });
    token.contains('@') || token.starts_with('#') || scheme
}

/// A Matrix room or user: `#room:server` or `@user:server`, the server with a dot.
fn is_matrix(token: &str) -> bool {
    token
        .strip_prefix('#')
        .or_else(|| token.strip_prefix('@'))
        .and_then(|rest| rest.split_once(':'))
        .is_some_and(|(name, server)| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '='))
                && server.contains('.')
                && !server.starts_with('.')
                && !server.ends_with('.')
                && server
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | ':'))
        })
}

/// A chat handle: `@name` (on the chat its label names).
fn is_handle(token: &str) -> bool {
    token.strip_prefix('@').is_some_and(|name| {
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    })
}

/// `local@domain.tld`.
fn is_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
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

    /// A contact as (kind, value, label).
    type Triple<'a> = (&'a str, &'a str, &'a str);

    /// Each line and its contacts.
    fn read_as(cases: &[(&str, &[Triple])]) {
        for (text, expected) in cases {
            let got: Vec<(&str, String, String)> = contacts(text)
                .contacts
                .into_iter()
                .map(|c| (c.kind.as_str(), c.value.to_string(), c.label.to_string()))
                .collect();
            let expected: Vec<(&str, String, String)> = expected
                .iter()
                .map(|(k, v, l)| (*k, v.to_string(), l.to_string()))
                .collect();
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn emails_handles_and_links_by_kind() {
        read_as(&[
            (
                "data.gouv@data.gouv.fr , via Slack @equipe-datagouv",
                &[
                    ("email", "data.gouv@data.gouv.fr", ""),
                    ("chat", "@equipe-datagouv", "Slack"),
                ],
            ),
            (
                "contact@beta.gouv.fr ; sur Slack @equipe-beta",
                &[
                    ("email", "contact@beta.gouv.fr", ""),
                    ("chat", "@equipe-beta", "Slack"),
                ],
            ),
            (
                "MAILTO:a@b.fr HTTPS://WWW.CNIL.FR/",
                &[("email", "a@b.fr", ""), ("url", "HTTPS://WWW.CNIL.FR/", "")],
            ),
            ("écrivez-nous", &[]),
        ]);
        assert_eq!(contacts("écrivez-nous").trailing.unwrap(), "écrivez-nous");
        let line = contacts("a@b.fr, via Slack @equipe");
        assert!(line.unread.is_empty() && line.trailing.is_none());
    }

    #[test]
    fn phone_numbers_whole_with_tel_and_trunk_prefix() {
        read_as(&[
            (
                "Standard : +33 1 00 00 00 00.",
                &[("phone", "+33 1 00 00 00 00", "Standard")],
            ),
            ("tel:+33123456789", &[("phone", "+33123456789", "")]),
            ("TEL:+33123456789", &[("phone", "+33123456789", "")]),
            (
                "Standard tel:+33 1 23 45 67 89",
                &[("phone", "+33 1 23 45 67 89", "Standard")],
            ),
            (
                "Accueil +33 (0)1 23 45 67 89",
                &[("phone", "+33 (0)1 23 45 67 89", "Accueil")],
            ),
            ("(01 23 45 67 89)", &[("phone", "01 23 45 67 89", "")]),
            (
                "01 23 45 67 89, 01 98 76 54 32",
                &[
                    ("phone", "01 23 45 67 89", ""),
                    ("phone", "01 98 76 54 32", ""),
                ],
            ),
            (
                "bureau 204 : 01.23.45.67.89",
                &[("phone", "01.23.45.67.89", "bureau 204")],
            ),
            ("Tél:01 23 45 67 89", &[("phone", "01 23 45 67 89", "Tél")]),
        ]);
        assert_eq!(contacts("tel:12").unread, ["tel:12"]);
    }

    #[test]
    fn matrix_rooms_and_users() {
        read_as(&[
            (
                "tel:+33123456789, #donnees:matrix.org",
                &[
                    ("phone", "+33123456789", ""),
                    ("chat", "#donnees:matrix.org", ""),
                ],
            ),
            (
                "Matrix @alice:exemple.gouv.fr",
                &[("chat", "@alice:exemple.gouv.fr", "Matrix")],
            ),
        ]);
    }

    #[test]
    fn what_reads_as_no_contact_is_unread_not_dropped() {
        let line = contacts("foo@@bar, equipe@exemple, Slack @equipe-x, #salon, xmpp:a@b.fr");
        let values: Vec<&str> = line.contacts.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(values, ["@equipe-x"]);
        // An invalid address labels nothing.
        assert_eq!(line.contacts[0].label, "Slack");
        assert_eq!(
            line.unread,
            ["foo@@bar", "equipe@exemple", "#salon", "xmpp:a@b.fr"]
        );
        // The words before one went with it.
        assert_eq!(
            contacts("Écrire à foo@@bar, a@b.fr").unread,
            ["Écrire à foo@@bar"]
        );
    }
}
