//! Every problem of syntax or shape in a catalogue file that does not parse: one for a
//! syntax error, else one per wrong field or entity (serde stops at the first).

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::load::Text;
use super::model::{Entity, Route, Source};
use super::problem::{Problem, locate_id};

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
    let mut problems = Vec::new();
    const FIELDS: [&str; 5] = ["schema_version", "source", "entities", "routes", "synonyms"];
    for key in top.keys() {
        if !FIELDS.contains(&key.as_str()) {
            problems.push(Problem::new(
                name,
                key.clone(),
                format!(
                    "unknown field `{key}`, expected one of {}",
                    FIELDS.join(", ")
                ),
            ));
        }
    }
    for required in ["schema_version", "source", "entities"] {
        if !top.contains_key(required) {
            problems.push(Problem::new(
                name,
                "",
                format!("missing field `{required}`"),
            ));
        }
    }
    let mut check = |key: &str, f: &dyn Fn(&Value) -> Result<(), String>| {
        if let Some(v) = top.get(key)
            && let Err(message) = f(v)
        {
            problems.push(Problem::new(name, key, message));
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
                        let id = item.get("id").and_then(Value::as_str);
                        let (place, position) = match id {
                            Some(id) => {
                                (format!("{key}[{i}] ('{id}')"), locate_id(&text.text, id, 0))
                            }
                            None => (format!("{key}[{i}]"), None),
                        };
                        problems.push(Problem::new(name, place, message).at(position));
                    }
                }
            }
            Some(_) => problems.push(Problem::new(name, key, "must be an array")),
        }
    }
    problems
}

fn shape<T: DeserializeOwned>(value: &Value) -> Result<(), String> {
    T::deserialize(value).map(|_| ()).map_err(|e| e.to_string())
}
