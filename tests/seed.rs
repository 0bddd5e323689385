//! The seed's facts are all in the embedded catalogue: every URL, exactly as written, on the
//! right entity; every Services and Resources bullet; the figures and the stack.

use serde_json::Value;

use crate::common::entity;

fn catalogue() -> Value {
    serde_json::from_str(include_str!("../catalogue.json")).unwrap()
}

/// All the text of an entity, lower-cased, for fact checks.
fn text_of(e: &Value) -> String {
    fn collect(v: &Value, out: &mut String) {
        match v {
            Value::String(s) => {
                out.push_str(&s.to_lowercase());
                out.push('\n');
            }
            Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
            Value::Object(o) => o.values().for_each(|x| collect(x, out)),
            _ => {}
        }
    }
    let mut out = String::new();
    collect(e, &mut out);
    out
}

fn urls_of(e: &Value) -> Vec<String> {
    let mut urls: Vec<String> = e["resources"]
        .as_array()
        .map(|r| {
            r.iter()
                .map(|r| r["url"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default();
    if let Some(u) = e["url"].as_str() {
        urls.push(u.to_string());
    }
    urls
}

#[test]
fn every_seed_url_is_on_the_right_entity() {
    let c = catalogue();
    let fixture = include_str!("fixtures/seed-urls.tsv");
    let mut count = 0;
    for line in fixture.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let (url, id) = line.split_once('\t').unwrap();
        assert!(
            urls_of(entity(&c, id)).iter().any(|u| u == url),
            "{url} is not on {id}"
        );
        count += 1;
    }
    assert!(count >= 28);
}

#[test]
fn the_fixture_lists_every_url_of_the_seed() {
    // The seed lives beside the project (../shared/seed); CI fails without it.
    let Some(path) = crate::common::seed_file("ecosysteme.md") else {
        return;
    };
    let seed = std::fs::read_to_string(path).unwrap();
    let fixture = include_str!("fixtures/seed-urls.tsv");
    for part in seed.split("](").skip(1) {
        let url = &part[..part.find(')').unwrap()];
        assert!(
            fixture.contains(&format!("{url}\t")),
            "{url} is missing from the fixture"
        );
    }
}

#[test]
fn the_required_ids_exist_with_their_kinds() {
    let c = catalogue();
    for (id, kind) in [
        ("dinum", "organisation"),
        ("etalab", "organisation"),
        ("ouverture-donnees", "team"),
        ("data-gouv", "team"),
        ("droit-societe", "team"),
        ("lab-ia", "team"),
        ("logiciels-libres", "team"),
        ("beta-gouv", "team"),
        ("design", "team"),
        ("cnil", "outside-body"),
        ("cada", "outside-body"),
        ("direction-juridique", "own-administration"),
        ("amdac", "own-administration"),
    ] {
        assert_eq!(entity(&c, id)["kind"], kind, "{id}");
    }
}

#[test]
fn every_services_and_resources_bullet_is_represented() {
    let c = catalogue();
    // (entity, words that together identify the bullet)
    let bullets: &[(&str, &[&str])] = &[
        (
            "ouverture-donnees",
            &["jeux de données", "ne connaissez pas"],
        ),
        (
            "ouverture-donnees",
            &["méthodologiques", "juridiques", "circulation"],
        ),
        ("ouverture-donnees", &["correspondant", "amdac"]),
        (
            "ouverture-donnees",
            &["rendez-vous", "démarche d'ouverture"],
        ),
        ("ouverture-donnees", &["guides d'etalab"]),
        ("data-gouv", &["udata", "python", "mongodb"]),
        ("data-gouv", &["synergies"]),
        ("data-gouv", &["stack", "python", "mongodb"]),
        ("data-gouv", &["documentation de la plateforme"]),
        ("droit-societe", &["cgu", "noms de domaine"]),
        (
            "droit-societe",
            &["direction juridique", "gouvernance des données"],
        ),
        ("droit-societe", &["guide open data de la cnil"]),
        ("droit-societe", &["cada", "documents publics"]),
        ("droit-societe", &["cnil", "données personnelles"]),
        ("lab-ia", &["modèles", "retours"]),
        ("lab-ia", &["programme 10"]),
        ("lab-ia", &["pseudonymisation"]),
        ("lab-ia", &["datadrinks"]),
        ("lab-ia", &["taxe d'habitation"]),
        ("logiciels-libres", &["novembre 2021", "communs numériques"]),
        ("logiciels-libres", &["sill"]),
        ("beta-gouv", &["80 startups d'état"]),
        ("beta-gouv", &["formation alpha"]),
        ("beta-gouv", &["miroir", "eig"]),
        ("design", &["accessibilité", "défis eig"]),
        ("design", &["design d'inclusion"]),
    ];
    for (id, words) in bullets {
        let text = text_of(entity(&c, id));
        for w in *words {
            assert!(text.contains(w), "{id} lacks {w:?}");
        }
    }
}

#[test]
fn no_contact_details_are_invented() {
    let c = catalogue();
    for e in c["entities"].as_array().unwrap() {
        let mut e = e.clone();
        // URLs may hold long numbers (Légifrance ids); everything else may not.
        e["url"] = Value::Null;
        e["resources"] = Value::Null;
        let text = text_of(&e);
        assert!(!text.contains('@'), "{}: an email address?", e["id"]);
        assert!(!text.contains("+33"), "{}: a phone number?", e["id"]);
        let digits: Vec<usize> = text
            .split(|c: char| !c.is_ascii_digit() && c != ' ' && c != '.')
            .map(|run| run.chars().filter(char::is_ascii_digit).count())
            .collect();
        assert!(
            digits.iter().all(|&n| n < 8),
            "{}: a phone number?",
            e["id"]
        );
    }
}

#[test]
fn the_prescribed_orders_are_recorded() {
    let c = catalogue();
    let routes = c["routes"].as_array().unwrap();
    let steps = |id: &str| -> Vec<String> {
        routes.iter().find(|r| r["id"] == id).unwrap()["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["entity"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        steps("question-juridique"),
        ["direction-juridique", "droit-societe"]
    );
    assert_eq!(steps("donnees-personnelles"), ["cnil"]);
    assert_eq!(steps("acces-documents"), ["cada"]);
}

/// The guide's own names for what a team holds, typed alone (one word, the way people search),
/// find that team first: a word of a longer topic (`cadastre` of «données du cadastre»,
/// `Sirene` of «Base Sirene») is a keyword of its own.
#[test]
fn the_guides_proper_names_alone_find_their_team() {
    let cases = [
        ("cadastre", "data-gouv"),
        ("Sirene", "data-gouv"),
        ("uData", "data-gouv"),
        ("intrapreneurs", "beta-gouv"),
        ("intrapreneuriat", "beta-gouv"),
        ("datadrinks", "lab-ia"),
        ("SILL", "logiciels-libres"),
        ("pseudonymisation", "lab-ia"),
    ];
    let input: String = cases.iter().map(|(q, _)| format!("{q}\n")).collect();
    let answers = crate::common::batch(&[], input);
    assert_eq!(answers.lines.len(), cases.len(), "{}", answers.stdout);
    for ((question, id), line) in cases.iter().zip(&answers.lines) {
        assert_eq!(
            line["matches"][0]["id"], *id,
            "{question}: {}",
            line["matches"]
        );
    }
}
