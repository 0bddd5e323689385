//! Every problem of syntax or shape in a catalogue file that does not parse: one for a
//! syntax error, else one per wrong field or entity (serde stops at the first).

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::load::Text;
use super::model::{Entity, Route, Source};
use super::problem::Problem;
use super::spans::{Anchor, Pending, Step, Target, place};

pub fn json_problem(name: &str, error: &serde_json::Error) -> Problem {
    let message = error.to_string();
    // serde_json appends " at line L column C"; we give the place in front instead.
    let message = match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    };
    let position = (error.line() > 0).then(|| (error.line(), error.column().max(1)));
    let kind = if error.is_syntax() || error.is_eof() {
        "invalid JSON: "
    } else {
        ""
    };
    Problem::new(name, "", format!("{kind}{message}")).at(position)
}

/// Every problem of syntax or shape: one for a syntax error, else one per wrong field or entity.
pub fn diagnose(text: &Text) -> Vec<Problem> {
    let name = text.name.as_str();
    let value: Value = match serde_json::from_str(&text.text) {
        Ok(value) => value,
        Err(error) => return vec![json_problem(name, &error)],
    };
    let Value::Object(top) = &value else {
        return vec![Problem::new(
            name,
            "",
            "a catalogue is a JSON object with schema_version, source and entities",
        )];
    };
    let mut problems: Vec<Pending> = Vec::new();
    let mut push = |place: String, message: String, anchor: Option<Anchor>| {
        problems.push(Pending {
            problem: Problem::new(name, place, message),
            doc: 0,
            anchor,
        })
    };
    let root = |key: &'static str| Some(Anchor::new(Target::Root, vec![Step::key(key)]));
    const FIELDS: [&str; 5] = ["schema_version", "source", "entities", "routes", "synonyms"];
    for key in top.keys() {
        if !FIELDS.contains(&key.as_str()) {
            push(
                key.clone(),
                format!(
                    "unknown field `{key}`, expected one of {}",
                    FIELDS.join(", ")
                ),
                Some(Anchor::new(
                    Target::Root,
                    vec![Step::Key(key.clone().into())],
                )),
            );
        }
    }
    for required in ["schema_version", "source", "entities"] {
        if !top.contains_key(required) {
            push(String::new(), format!("missing field `{required}`"), None);
        }
    }
    let mut check = |key: &'static str, f: &dyn Fn(&Value) -> Result<(), String>| {
        if let Some(v) = top.get(key)
            && let Err(message) = f(v)
        {
            push(key.to_string(), message, root(key));
        }
    };
    check("schema_version", &|v| shape::<u32>(v));
    check("source", &|v| shape::<Source>(v));
    check("synonyms", &|v| shape::<Vec<Vec<String>>>(v));
    for (key, is_entity) in [("entities", true), ("routes", false)] {
        match top.get(key) {
            None => {}
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let result = if is_entity {
                        shape::<Entity>(item)
                    } else {
                        shape::<Route>(item)
                    };
                    if let Err(message) = result {
                        let place = match item.get("id").and_then(Value::as_str) {
                            Some(id) => format!("{key}[{i}] ('{id}')"),
                            None => format!("{key}[{i}]"),
                        };
                        let target = if is_entity {
                            Target::EntityAt(i)
                        } else {
                            Target::RouteAt(i)
                        };
                        // serde names an unknown field: point at it.
                        let path = unknown_field(&message)
                            .map(|f| vec![Step::Key(f.to_string().into())])
                            .unwrap_or_default();
                        push(place, message, Some(Anchor::new(target, path)));
                    }
                }
            }
            Some(_) => push(key.to_string(), "must be an array".into(), root(key)),
        }
    }
    place(&[&text.text], problems)
}

fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

fn shape<T: DeserializeOwned>(value: &Value) -> Result<(), String> {
    T::deserialize(value).map(|_| ()).map_err(|e| e.to_string())
}
