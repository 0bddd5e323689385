//! Reading catalogues: the embedded one, files, overlays, and every problem they have.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use crate::hash::{FastMap, FastSet};
use crate::lang::tr;

use super::diagnose::{diagnose, json_problem};
use super::model::Catalogue;
use super::overlay::Effect;
use super::problem::Problem;
use super::validate::{Document, Provenance, validate};
use crate::shared::{Source, parsing};

/// The catalogue compiled into the binary.
pub const EMBEDDED: &str = include_str!("../../catalogue.json");
/// How the embedded catalogue is named in messages.
pub const EMBEDDED_NAME: &str = "<embedded catalogue.json>";

/// A file's name and text, kept with the catalogue to place problems in it.
#[derive(Debug, Clone)]
pub struct Text {
    pub name: String,
    pub text: Source,
}

impl Text {
    pub fn embedded() -> Self {
        Text {
            name: EMBEDDED_NAME.to_string(),
            text: Source::Static(EMBEDDED),
        }
    }

    /// A text read at run time.
    pub fn new(name: String, text: String) -> Self {
        Text {
            name,
            text: Source::Shared(std::sync::Arc::new(text)),
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

/// The largest catalogue file read (256 MiB): larger files are refused before reading.
pub const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// Reads a catalogue file, refusing directories, anything but a regular file (a FIFO, a
/// device such as `/dev/zero`), files over [`MAX_FILE_SIZE`], unreadable, empty and non-UTF-8
/// files. A leading UTF-8 byte-order mark is skipped.
pub fn read(path: &Path) -> Result<Text, ReadFailure> {
    let name = path.display().to_string();
    let fail = |message: String, unreadable: bool| ReadFailure {
        problem: Problem::new(&name, "", message),
        unreadable,
    };
    let io_message = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => tr("fichier introuvable", "no such file").to_string(),
        io::ErrorKind::PermissionDenied => {
            tr("permission refusée", "permission denied").to_string()
        }
        _ => format!("{}: {e}", tr("lecture impossible", "cannot read")),
    };
    // Looked at before opening: opening a FIFO would wait for a writer.
    let metadata = fs::metadata(path).map_err(|e| fail(io_message(e), true))?;
    if metadata.is_dir() {
        let why = tr(
            "est un dossier, pas un fichier de catalogue",
            "is a directory, not a catalogue file",
        );
        return Err(fail(why.into(), true));
    }
    if !metadata.is_file() {
        return Err(fail(
            tr(
                "n'est pas un fichier ordinaire (un tube, un périphérique ?) ; un catalogue est un fichier JSON",
                "is not a regular file (a pipe or a device?); a catalogue is a JSON file",
            )
            .into(),
            true,
        ));
    }
    let too_big = || {
        fail(
            format!(
                "is larger than {} MiB, the most a catalogue file may be",
                MAX_FILE_SIZE / 1024 / 1024
            ),
            true,
        )
    };
    if metadata.len() > MAX_FILE_SIZE {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes))
        .map_err(|e| fail(io_message(e), true))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_big());
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
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
        let why = tr(
            "est vide ; un catalogue est un objet JSON",
            "is empty; a catalogue is a JSON object",
        );
        return Err(fail(why.into(), false));
    }
    Ok(Text::new(name, text))
}

/// Parses one document into a catalogue; on failure, lists every problem of shape it has.
pub fn parse(text: &Text) -> Result<Catalogue, Vec<Problem>> {
    match parsing(&text.text, |t| serde_json::from_str::<Catalogue>(t)) {
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
    let check = || validate(&loaded.catalogue, &documents, &loaded.provenance, &[]);
    let (problems, result) = std::thread::scope(|scope| {
        // A thread that cannot start (no memory left for its stack) is no error: the checks
        // then run here, after `work`.
        let checks = std::thread::Builder::new().spawn_scoped(scope, check).ok();
        let result = work(&loaded.catalogue);
        // Should the checking thread die, or not start, check here.
        let problems = checks.and_then(|c| c.join().ok()).unwrap_or_else(check);
        (problems, result)
    });
    drop(documents);
    if problems.is_empty() {
        Ok((loaded, result))
    } else {
        Err(problems)
    }
}

/// What one overlay file does: its name, and per entity id whether it adds, patches or
/// replaces it.
pub type FileEffects = (String, Vec<(String, Effect)>);

/// Every problem that loading the base catalogue (the embedded one, or `base`) and then
/// `overlays` in order would meet, not only the first file's: what `validate` reports.
///
/// A file that cannot be read or parsed is reported and left out; the others are checked on
/// their own (as loading does, against what they overlay), applied in order, and the result
/// is checked whole. A broken base is reported, and the files are then checked against an
/// empty catalogue. Returns the problems in file order, and whether a file was unreadable.
pub fn check_all(
    base: Option<&Path>,
    overlays: &[impl AsRef<Path>],
) -> (Vec<Problem>, bool, Vec<FileEffects>) {
    let mut problems = Vec::new();
    let mut effects = Vec::new();
    let mut unreadable = false;
    let base_text = match base {
        Some(path) => match read(path) {
            Ok(text) => Some(text),
            Err(failure) => {
                unreadable |= failure.unreadable;
                problems.push(failure.problem);
                None
            }
        },
        None => Some(Text::embedded()),
    };
    let parsed = base_text.map(|text| {
        let catalogue = parse(&text);
        (text, catalogue)
    });
    let (base_text, catalogue) = match parsed {
        Some((text, Ok(catalogue))) => (text, catalogue),
        other => {
            if let Some((_, Err(found))) = other {
                problems.extend(found);
            }
            let empty = Text::new(
                "<no base catalogue>".into(),
                r#"{"schema_version": 1, "source": {"title": "-"}, "entities": []}"#.into(),
            );
            let catalogue = parse(&empty).expect("the empty catalogue parses");
            (empty, catalogue)
        }
    };
    let mut loaded = Loaded {
        provenance: Provenance::single(&catalogue),
        catalogue,
        texts: vec![base_text],
    };
    for path in overlays {
        let text = match read(path.as_ref()) {
            Ok(text) => text,
            Err(failure) => {
                unreadable |= failure.unreadable;
                problems.push(failure.problem);
                continue;
            }
        };
        // Checked on its own, patches merged, as loading does.
        match super::overlay::resolve(&text, &loaded.catalogue) {
            Ok(resolved) => {
                effects.push((
                    text.name.clone(),
                    resolved
                        .effects
                        .into_iter()
                        .map(|(id, effect)| (id.to_string(), effect))
                        .collect(),
                ));
                loaded.texts.push(text);
                super::overlay::apply_overlay(&mut loaded, resolved.catalogue);
            }
            Err(found) => problems.extend(found),
        }
    }
    problems.extend(validate(
        &loaded.catalogue,
        &loaded.documents(),
        &loaded.provenance,
        &[],
    ));
    // In file order (files as loaded), each problem once: a file's own checks and the
    // whole's can find the same.
    let names =
        std::iter::once(base.map_or(EMBEDDED_NAME.to_string(), |p| p.display().to_string()))
            .chain(overlays.iter().map(|p| p.as_ref().display().to_string()));
    let mut rank: FastMap<String, usize> = FastMap::default();
    for name in names {
        let next = rank.len();
        rank.entry(name).or_insert(next);
    }
    let mut seen = FastSet::default();
    let mut ordered: Vec<(usize, usize, Problem)> = problems
        .into_iter()
        .enumerate()
        .filter(|(_, p)| seen.insert(p.to_string()))
        .map(|(k, p)| (rank.get(&p.file).copied().unwrap_or(0), k, p))
        .collect();
    ordered.sort_by_key(|(rank, k, p)| (*rank, p.position, *k));
    let problems = ordered.into_iter().map(|(_, _, p)| p).collect();
    (problems, unreadable, effects)
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
