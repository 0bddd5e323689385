//! Checks of values: ids, URLs, contacts, required text; each says what is wrong, in the
//! reader's language, and where inside its entity or route (a path).

use super::model::{Contact, ContactKind};
use super::patch::{EntityPatch, RoutePatch};
use super::problem::Seg;
use super::words::empty;
use crate::lang::tr;

/// The only schema version this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// A problem inside an entity or route: the path to the field, and what.
pub type Flaw = (Vec<Seg>, String);

/// `a-z`, `0-9` and single inner hyphens.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// `text` without `prefix`, a scheme and what follows it (`tel:`, `https://`), compared
/// without case: schemes are case-insensitive (RFC 3986 §3.1), `HTTPS://` is `https://`.
pub fn strip_scheme<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// What follows `http://` or `https://` in `url`, if it starts so (in any case).
pub fn strip_web(url: &str) -> Option<&str> {
    strip_scheme(url, "https://").or_else(|| strip_scheme(url, "http://"))
}

/// A URL must be absolute http(s), with a host, and no spaces or control characters.
pub fn check_url(url: &str) -> Result<(), &'static str> {
    let rest = strip_web(url).ok_or_else(|| {
        tr(
            "doit commencer par http:// ou https://",
            "must start with http:// or https://",
        )
    })?;
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(tr(
            "ne doit contenir ni espace ni caractère de contrôle",
            "must not contain spaces or control characters",
        ));
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    let host_name = host.split(':').next().unwrap_or("");
    if host_name.is_empty()
        || !host_name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
    {
        return Err(tr("n'a pas de nom d'hôte valide", "has no valid host name"));
    }
    Ok(())
}

/// Checks a contact by its kind: an email address (or `mailto:` link), an http(s) URL, a
/// phone number (or `tel:` link), a chat link (http(s)) or Matrix room or user.
pub fn check_contact(contact: &Contact) -> Result<(), &'static str> {
    let value = contact.value.trim();
    if value.is_empty() {
        return Err(tr("ne doit pas être vide", "must not be empty"));
    }
    if value.chars().any(char::is_control) {
        return Err(tr(
            "ne doit pas contenir de caractère de contrôle",
            "must not contain control characters",
        ));
    }
    match contact.kind {
        ContactKind::Email => {
            let not = || {
                tr(
                    "n'est pas une adresse électronique",
                    "is not an email address",
                )
            };
            let address = strip_scheme(value, "mailto:").unwrap_or(value);
            let (local, domain) = address.split_once('@').ok_or_else(not)?;
            let domain_ok = domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && domain
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
            if local.is_empty()
                || !domain_ok
                || address.chars().any(char::is_whitespace)
                || local.contains(['<', '>', '"', ',', ';'])
            {
                return Err(not());
            }
            Ok(())
        }
        ContactKind::Url => check_url(value),
        ContactKind::Phone => {
            let number = strip_scheme(value, "tel:").unwrap_or(value);
            let digits = number.chars().filter(char::is_ascii_digit).count();
            let allowed = number.chars().enumerate().all(|(i, c)| {
                c.is_ascii_digit()
                    || matches!(c, ' ' | '.' | '-' | '(' | ')')
                    || (c == '+' && i == 0)
            });
            if allowed && (4..=20).contains(&digits) {
                Ok(())
            } else {
                Err(tr(
                    "n'est pas un numéro de téléphone (chiffres, espaces, un + au début, ou tel:)",
                    "is not a phone number (digits, spaces, a leading +, or tel:)",
                ))
            }
        }
        ContactKind::Chat => {
            if strip_web(value).is_some() {
                return check_url(value);
            }
            // A Matrix room (#room:server) or user (@user:server).
            let matrix = value
                .strip_prefix('#')
                .or_else(|| value.strip_prefix('@'))
                .and_then(|rest| rest.split_once(':'))
                .is_some_and(|(name, server)| {
                    !name.is_empty()
                        && server.contains('.')
                        && !value.chars().any(char::is_whitespace)
                });
            // A handle on the chat the label names (`@equipe-beta` on Slack).
            let handle = value.strip_prefix('@').is_some_and(|name| {
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
            });
            if matrix || handle {
                Ok(())
            } else {
                Err(tr(
                    "n'est pas un lien de discussion (http:// ou https://), un salon Matrix (#salon:serveur) ni un pseudonyme (@nom)",
                    "is not a chat link (http:// or https://), Matrix room (#room:server) or handle (@name)",
                ))
            }
        }
    }
}

fn key(name: &'static str) -> Vec<Seg> {
    vec![Seg::key(name)]
}

/// The values an entity (whole, `new`, or a patch) gives: ids, text, URLs, contacts.
pub fn entity_values(p: &EntityPatch, new: bool) -> Vec<Flaw> {
    let mut flaws = Vec::new();
    if new && !is_kebab_case(&p.id) {
        let why = tr(
            "doit être en kebab-case (a-z, 0-9 et tirets simples)",
            "must be kebab-case (a-z, 0-9 and single hyphens)",
        );
        flaws.push((key("id"), format!("id {:?} {why}", p.id)));
    }
    let texts = [
        ("name", p.name.as_deref()),
        ("summary", p.summary.as_deref()),
        ("source", p.source.as_deref()),
    ];
    for (field, value) in texts {
        if value.is_some_and(|v| v.trim().is_empty()) {
            flaws.push((key(field), empty(field)));
        }
    }
    if let Some(k) = p.services.iter().position(|s| s.trim().is_empty()) {
        let path = vec![Seg::key("services"), Seg::index(k)];
        flaws.push((path, empty(&format!("services[{k}]"))));
    }
    let lists = [
        ("topics", &p.topics),
        ("needs", &p.needs),
        ("aliases", &p.aliases),
        ("facts", &p.facts),
    ];
    for (field, list) in lists {
        if let Some(k) = list.iter().position(|s| s.trim().is_empty()) {
            let path = vec![Seg::key(field), Seg::index(k)];
            flaws.push((path, empty(&format!("{field}[{k}]"))));
        }
    }
    if let Some(url) = &p.url
        && let Err(why) = check_url(url)
    {
        flaws.push((key("url"), format!("url {url:?}: {why}")));
    }
    for (k, resource) in p.resources.iter().enumerate() {
        let at = |field| vec![Seg::key("resources"), Seg::index(k), Seg::key(field)];
        if resource.title.trim().is_empty() {
            flaws.push((at("title"), empty(&format!("resources[{k}].title"))));
        }
        if let Err(why) = check_url(&resource.url) {
            let message = format!("resources[{k}].url {:?}: {why}", resource.url);
            flaws.push((at("url"), message));
        }
    }
    for (k, contact) in p.contacts.iter().enumerate() {
        if let Err(why) = check_contact(contact) {
            let (kind, value) = (contact.kind.as_str(), &contact.value);
            let path = vec![Seg::key("contacts"), Seg::index(k), Seg::key("value")];
            flaws.push((path, format!("contacts[{k}] {kind} {value:?}: {why}")));
        }
    }
    flaws
}

/// The values a route (whole, `new`, or a patch) gives: its id, words, note, steps.
pub fn route_values(r: &RoutePatch, whole: bool) -> Vec<Flaw> {
    let mut flaws = Vec::new();
    if whole && !is_kebab_case(&r.id) {
        let why = tr("doit être en kebab-case", "must be kebab-case");
        flaws.push((key("id"), format!("id {:?} {why}", r.id)));
    }
    if (whole && r.when.is_empty()) || r.when.iter().any(|w| w.trim().is_empty()) {
        let why = tr(
            "when doit lister des mots ou expressions non vides",
            "when must list non-empty words or phrases",
        );
        flaws.push((key("when"), why.to_string()));
    }
    if whole && r.steps.is_empty() {
        let why = tr("steps ne doit pas être vide", "steps must not be empty");
        flaws.push((key("steps"), why.to_string()));
    }
    if r.note.as_ref().is_some_and(|n| n.trim().is_empty()) {
        let why = tr("note ne doit pas être vide", "note must not be empty");
        flaws.push((key("note"), why.to_string()));
    }
    flaws
}

/// The known id closest to `key`, if one is close enough to be worth suggesting.
///
/// Bounded: no suggestion for a key over 256 characters, and only ids of a length near the
/// key's are compared (Jaro-Winkler costs the product of the two lengths).
pub fn closest<'a>(ids: impl Iterator<Item = &'a str>, key: &str) -> Option<&'a str> {
    const MAX: usize = 256;
    let key = key.trim().to_lowercase();
    if key.len() > MAX {
        return None;
    }
    let near = |id: &str| id.len() <= MAX && id.len() <= 2 * key.len() + 4;
    ids.filter(|id| near(id))
        .map(|id| (strsim::jaro_winkler(&key, id), id))
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case() {
        assert!(is_kebab_case("lab-ia"));
        assert!(is_kebab_case("a1-b2"));
        for bad in ["", "Lab-ia", "lab_ia", "-a", "a-", "a--b", "é"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert!(check_url("https://www.data.gouv.fr/").is_ok());
        assert!(check_url("http://localhost:8080/x?y=1&z").is_ok());
        assert!(check_url("HTTPS://WWW.CNIL.FR/").is_ok());
        assert!(check_url("Http://x.fr").is_ok());
        for bad in [
            "",
            "ftp://x.fr",
            "javascript:alert(1)",
            "https://",
            "https:///path",
            "https://exa mple.fr",
            "https://x.fr/\u{1b}[31m",
            "www.cnil.fr",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    fn contact(kind: ContactKind, value: &str) -> Contact {
        Contact {
            kind,
            value: value.into(),
            label: Default::default(),
        }
    }

    #[test]
    fn contacts_are_checked_by_kind() {
        use ContactKind::*;
        for (kind, good) in [
            (Email, "amdac@example.org"),
            (Email, "mailto:amdac@example.org"),
            (Url, "https://example.org/contact"),
            (Phone, "+33 1 23 45 67 89"),
            (Phone, "tel:+33123456789"),
            (Chat, "https://chat.example.org/channel/donnees"),
            (Chat, "#donnees:matrix.example.org"),
            (Chat, "@equipe-beta"),
        ] {
            assert!(check_contact(&contact(kind, good)).is_ok(), "{good}");
        }
        for (kind, bad) in [
            (Email, "amdac"),
            (Email, "amdac@localhost"),
            (Email, "a b@example.org"),
            (Email, "tel:+33123456789"),
            (Url, "mailto:amdac@example.org"),
            (Url, "javascript:alert(1)"),
            (Phone, "call me"),
            (Phone, "12"),
            (Chat, "javascript:alert(1)"),
            (Chat, "donnees"),
            (Chat, "@"),
            (Chat, "@a b"),
            (Email, ""),
        ] {
            assert!(check_contact(&contact(kind, bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn closest_suggests_near_misses_only() {
        let ids = ["lab-ia", "cnil", "cada"];
        assert_eq!(closest(ids.into_iter(), "lab-ai"), Some("lab-ia"));
        assert_eq!(closest(ids.into_iter(), "zzzzzzzzzzzz"), None);
    }
}
