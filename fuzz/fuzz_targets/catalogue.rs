//! Any bytes as a catalogue file: load (read, check, place every problem), index and search
//! without panicking or looping.
#![no_main]

use ecosys::catalogue::load::check_text;
use ecosys::search::{Index, search};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (catalogue, report) = check_text("fuzz.json", text.to_string());
    if !report.problems.is_empty() {
        return;
    }
    let index = Index::build(&catalogue);
    let _ = search(&catalogue, &index, "données personnelles juridique");
});
