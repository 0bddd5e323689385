//! Reading catalogues: the embedded one, files, overlays, and every problem they have.

use std::borrow::Cow;
use std::fs;
use std::io;
use std::path::Path;

use super::diagnose::{diagnose, json_problem};
use super::model::Catalogue;
use super::problem::Problem;
use super::validate::{Document, Provenance, validate};

/// The catalogue compiled into the binary.
pub const EMBEDDED: &str = include_str!("../../catalogue.json");
/// How the embedded catalogue is named in messages.
pub const EMBEDDED_NAME: &str = "<embedded catalogue.json>";

/// A file's name and text, kept with the catalogue to place problems in it.
#[derive(Debug, Clone)]
pub struct Text {
    pub name: String,
    pub text: Cow<'static, str>,
}

impl Text {
    pub fn embedded() -> Self {
        Text {
            name: EMBEDDED_NAME.to_string(),
            text: Cow::Borrowed(EMBEDDED),
        }
    }

    /// A text read at run time.
    pub fn new(name: String, text: String) -> Self {
        Text {
            name,
            text: Cow::Owned(text),
        }
    }

    pub fn document(&self) -> Document<'_> {
        Document {
            name: &self.name,
            text: &self.text,
        }
    }
}

/// Why a file gave no text: it could not be read at all (`unreadable`: missing, a
/// directory, no permission), or what it holds is not catalogue text (empty, not UTF-8).
#[derive(Debug)]
pub struct ReadFailure {
    pub problem: Problem,
    pub unreadable: bool,
}

/// Reads a catalogue file, refusing directories, unreadable, empty and non-UTF-8 files.
pub fn read(path: &Path) -> Result<Text, ReadFailure> {
    let name = path.display().to_string();
    let fail = |message: String, unreadable: bool| ReadFailure {
        problem: Problem::new(&name, "", message),
        unreadable,
    };
    if path.is_dir() {
        return Err(fail("is a directory, not a catalogue file".into(), true));
    }
    let bytes = fs::read(path).map_err(|e| {
        let message = match e.kind() {
            io::ErrorKind::NotFound => "no such file".to_string(),
            io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => format!("cannot read: {e}"),
        };
        fail(message, true)
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        let position = super::problem::line_column(&prefix, prefix.len());
        ReadFailure {
            problem: Problem::new(&name, "", "is not valid UTF-8 text").at(Some(position)),
            unreadable: false,
        }
    })?;
    if text.trim().is_empty() {
        return Err(fail("is empty; a catalogue is a JSON object".into(), false));
    }
    Ok(Text::new(name, text))
}

/// Parses one document into a catalogue; on failure, lists every problem of shape it has.
pub fn parse(text: &Text) -> Result<Catalogue, Vec<Problem>> {
    match serde_json::from_str::<Catalogue>(&text.text) {
        Ok(catalogue) => Ok(catalogue),
        Err(error) => {
            let mut problems = diagnose(text);
            if problems.is_empty() {
                problems.push(json_problem(&text.name, &error));
            }
            Err(problems)
        }
    }
}

/// Parses `text` and checks it on its own, its references allowed to point to `known` ids
/// too (those of the catalogue it overlays).
pub fn parse_checked(text: &Text, known: &[&str]) -> Result<Catalogue, Vec<Problem>> {
    let catalogue = parse(text)?;
    let problems = validate(
        &catalogue,
        &[text.document()],
        &Provenance::single(&catalogue),
        known,
    );
    if problems.is_empty() {
        Ok(catalogue)
    } else {
        Err(problems)
    }
}

/// A catalogue with the overlays applied, and where each entity came from.
pub struct Loaded {
    pub catalogue: Catalogue,
    pub texts: Vec<Text>,
    pub provenance: Provenance,
}

impl Loaded {
    pub fn documents(&self) -> Vec<Document<'_>> {
        self.texts.iter().map(Text::document).collect()
    }
}

/// Loads the base catalogue (the embedded one, or `base`) and applies `overlays` in order.
///
/// Files are validated; the embedded catalogue is validated by the test suite instead, so that
/// a run does no work it does not need.
pub fn load(base: Option<&Path>, overlays: &[impl AsRef<Path>]) -> Result<Loaded, Vec<Problem>> {
    load_with(base, overlays, |_| ()).map(|(loaded, ())| loaded)
}

/// [`load`], running `work` on the catalogue while it is being validated, on another thread:
/// a large file's checks then cost no time of their own. `work`'s result is dropped when the
/// catalogue turns out invalid.
pub fn load_with<T: Send>(
    base: Option<&Path>,
    overlays: &[impl AsRef<Path>],
    work: impl FnOnce(&Catalogue) -> T + Send,
) -> Result<(Loaded, T), Vec<Problem>> {
    let base_text = match base {
        Some(path) => read(path).map_err(|f| vec![f.problem])?,
        None => Text::embedded(),
    };
    let catalogue = parse(&base_text)?;
    let mut loaded = Loaded {
        provenance: Provenance::single(&catalogue),
        catalogue,
        texts: vec![base_text],
    };
    for path in overlays {
        let text = read(path.as_ref()).map_err(|f| vec![f.problem])?;
        // Checked on its own first, patches merged; its references may point to what it overlays.
        super::overlay::apply(&mut loaded, text)?;
    }
    if base.is_none() && overlays.is_empty() {
        let result = work(&loaded.catalogue);
        return Ok((loaded, result));
    }
    let documents = loaded.documents();
    let (problems, result) = std::thread::scope(|scope| {
        let checks =
            scope.spawn(|| validate(&loaded.catalogue, &documents, &loaded.provenance, &[]));
        let result = work(&loaded.catalogue);
        // Should the checking thread die, check here.
        let problems = checks
            .join()
            .unwrap_or_else(|_| validate(&loaded.catalogue, &documents, &loaded.provenance, &[]));
        (problems, result)
    });
    drop(documents);
    if problems.is_empty() {
        Ok((loaded, result))
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Text {
        Text::new("t.json".into(), s.into())
    }

    #[test]
    fn the_embedded_catalogue_is_valid() {
        let text = Text::embedded();
        let catalogue = parse(&text).expect("embedded catalogue parses");
        let problems = validate(
            &catalogue,
            &[text.document()],
            &Provenance::single(&catalogue),
            &[],
        );
        assert!(
            problems.is_empty(),
            "embedded catalogue problems:\n{}",
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let problems = parse(&text("{\n  \"schema_version\": 1,\n  oops\n}")).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].position, Some((3, 3)));
        assert!(problems[0].message.starts_with("invalid JSON"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        let problems = parse(&text(&deep)).unwrap_err();
        assert!(
            problems[0].message.contains("recursion limit"),
            "{problems:?}"
        );
    }

    #[test]
    fn shape_problems_are_all_listed() {
        let problems = parse(&text(
            r#"{"schema_version": 1, "source": {"title": "t"}, "extra": 1,
                "entities": [
                  {"id": "a", "name": "A", "kind": "team", "summary": "s", "source": "s", "colour": "red"},
                  {"id": "b", "name": "B", "kind": "wizard", "summary": "s", "source": "s"},
                  {"name": "C"}
                ]}"#,
        ))
        .unwrap_err();
        let all: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 4, "{all:#?}");
        assert!(all[0].contains("unknown field `extra`"));
        assert!(all[1].contains("entities[0] ('a')") && all[1].contains("colour"));
        assert!(all[2].contains("entities[1] ('b')") && all[2].contains("wizard"));
        assert!(all[3].contains("entities[2]") && all[3].contains("missing field"));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::catalogue::validate::validate;
    use proptest::prelude::*;
    use serde_json::Value;

    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<String>().prop_map(Value::from),
            prop_oneof![
                Just("lab-ia"),
                Just("team"),
                Just("https://x.fr/"),
                Just("a")
            ]
            .prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map(
                    prop_oneof![
                        Just("id".to_string()),
                        Just("name".to_string()),
                        Just("kind".to_string()),
                        Just("parent".to_string()),
                        Just("summary".to_string()),
                        Just("source".to_string()),
                        Just("entities".to_string()),
                        any::<String>()
                    ],
                    inner,
                    0..6
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// Catalogues that parse, with random ids, parents and URLs: validation must not panic or
    /// loop on cycles.
    fn entities() -> impl Strategy<Value = Vec<(String, Option<String>, String)>> {
        let id = prop_oneof![
            Just("a"),
            Just("b"),
            Just("c"),
            Just("d"),
            Just("B-x"),
            Just("")
        ];
        prop::collection::vec(
            (
                id.clone(),
                prop::option::of(id),
                prop_oneof![Just("https://ok.fr/"), Just("ftp://no"), Just("")],
            ),
            0..8,
        )
        .prop_map(|v| {
            v.into_iter()
                .map(|(i, p, u)| (i.to_string(), p.map(str::to_string), u.to_string()))
                .collect()
        })
    }

    fn text(s: String) -> Text {
        Text::new("prop.json".into(), s)
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(s in any::<String>()) {
            let _ = parse(&text(s));
        }

        #[test]
        fn arbitrary_json_never_panics(v in json()) {
            let _ = parse(&text(v.to_string()));
            let wrapped = serde_json::json!({"schema_version": 1, "source": {"title": "t"}, "entities": [v]});
            let _ = parse(&text(wrapped.to_string()));
        }

        #[test]
        fn validation_terminates_on_any_graph(list in entities()) {
            let entities: Vec<Value> = list
                .iter()
                .map(|(id, parent, url)| serde_json::json!({
                    "id": id, "name": "N", "kind": "team", "summary": "S", "source": "s",
                    "parent": parent, "resources": [{"title": "t", "url": url, "kind": "page"}]
                }))
                .collect();
            let doc = serde_json::json!({"schema_version": 1, "source": {"title": "t"}, "entities": entities});
            let t = text(doc.to_string());
            let catalogue = parse(&t).expect("well-formed");
            let problems = validate(&catalogue, &[t.document()], &Provenance::single(&catalogue), &[]);
            let first = validate(&catalogue, &[t.document()], &Provenance::single(&catalogue), &[]);
            prop_assert_eq!(problems, first);
        }
    }
}
