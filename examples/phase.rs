use std::time::Instant;
fn hwm() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("VmHWM"))
        .collect::<Vec<_>>()
        .join(" ")
}
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let t = Instant::now();
    let loaded =
        ecosys::catalogue::load::load(Some(std::path::Path::new(&path)), &Vec::<String>::new())
            .unwrap();
    eprintln!("load+validate {:?} {}", t.elapsed(), hwm());
    let t = Instant::now();
    let index = ecosys::search::Index::build(&loaded.catalogue);
    eprintln!(
        "index {:?} words={} {}",
        t.elapsed(),
        index.words.len(),
        hwm()
    );
    let t = Instant::now();
    let a = ecosys::search::search(&loaded.catalogue, &index, "données personnelles");
    eprintln!(
        "search {:?} matches={} {}",
        t.elapsed(),
        a.matches.len(),
        hwm()
    );
}
