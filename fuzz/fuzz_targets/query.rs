//! Any question, through the whole search pipeline on the embedded catalogue: no panic, and
//! the same answer twice.
#![no_main]

use std::sync::OnceLock;

use ecosys::catalogue::Catalogue;
use ecosys::search::{Index, search};
use libfuzzer_sys::fuzz_target;

fn embedded() -> &'static (Catalogue, Index) {
    static BUILT: OnceLock<(Catalogue, Index)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let none: &[&std::path::Path] = &[];
        let catalogue = ecosys::catalogue::load(None, none).expect("the embedded catalogue loads");
        let index = Index::build(&catalogue);
        (catalogue, index)
    })
}

fuzz_target!(|data: &[u8]| {
    let question = String::from_utf8_lossy(data);
    let (catalogue, index) = embedded();
    let first = search(catalogue, index, &question);
    let second = search(catalogue, index, &question);
    let ids = |a: &ecosys::search::Answer| a.matches.iter().map(|m| m.entity).collect::<Vec<_>>();
    assert_eq!(ids(&first), ids(&second));
});
