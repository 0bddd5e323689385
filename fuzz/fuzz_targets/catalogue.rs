//! Any bytes as a catalogue file: parse, validate, index and search without panicking or
//! looping.
#![no_main]

use ecosys::catalogue::load::{Text, parse};
use ecosys::catalogue::validate::{Document, Provenance, validate};
use ecosys::search::{Index, search};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = Text::new("fuzz.json".into(), text.to_string());
    let Ok(catalogue) = parse(&text) else {
        return;
    };
    let doc = Document {
        name: &text.name,
        text: &text.text,
    };
    let _ = validate(&catalogue, &[doc], &Provenance::single(&catalogue), &[]);
    let index = Index::build(&catalogue);
    let _ = search(&catalogue, &index, "données personnelles juridique");
});
