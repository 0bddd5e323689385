//! Writes a synthetic catalogue of N entities shaped like the real ones, for benchmarks.
//!
//! Usage: cargo run --release --example gen_catalogue -- N [SEED] > catalogue-N.json
//!
//! French and English text from a vocabulary that grows with N (about 60·N^0.6 words, built
//! from syllables), deterministic from the seed. Entities form a tree (organisations, teams
//! under them), each with services, resources, topics and facts, and routes point at them.

use std::io::{self, BufWriter, Write};

use serde_json::{Value, json};

/// xorshift64*: small, fast and deterministic; no need for a crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Zipf-like: small indexes far more often, as words in real text.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

const COMMON: &[&str] = &[
    "données",
    "service",
    "public",
    "numérique",
    "administration",
    "accompagnement",
    "projet",
    "plateforme",
    "open",
    "data",
    "équipe",
    "ouverture",
    "logiciel",
    "libre",
    "juridique",
    "accessibilité",
    "design",
    "usagers",
    "état",
    "ministère",
    "guide",
    "software",
    "legal",
    "accessibility",
    "public",
    "team",
    "support",
    "personnelles",
    "documents",
    "recherche",
];
const SYLLABLES: &[&str] = &[
    "ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ra", "se", "ti", "vu", "cha", "tion",
    "ment", "que", "eur", "ité", "age", "ine", "ral", "pro", "dé", "ré", "con", "inter", "ex",
];

fn vocabulary(n: usize, rng: &mut Rng) -> Vec<String> {
    let size = (60.0 * (n.max(1) as f64).powf(0.6)) as usize + COMMON.len();
    let mut words: Vec<String> = COMMON.iter().map(|w| w.to_string()).collect();
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    while words.len() < size {
        let len = 2 + rng.below(3);
        let word: String = (0..len)
            .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
            .collect();
        if seen.insert(word.clone()) {
            words.push(word);
        }
    }
    words
}

fn sentence(rng: &mut Rng, vocab: &[String], min: usize, max: usize) -> String {
    let len = min + rng.below(max - min + 1);
    let words: Vec<&str> = (0..len)
        .map(|_| vocab[rng.zipf(vocab.len())].as_str())
        .collect();
    let mut s = words.join(" ");
    if let Some(first) = s.get(..1) {
        s = first.to_uppercase() + &s[1..];
    }
    s
}

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or_else(|| {
        eprintln!("usage: gen_catalogue N [SEED]");
        std::process::exit(2);
    });
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let vocab = vocabulary(n, &mut rng);
    let kinds = [
        "organisation",
        "team",
        "team",
        "team",
        "outside-body",
        "own-administration",
    ];
    let resource_kinds = [
        "guide",
        "platform",
        "dataset",
        "documentation",
        "page",
        "website",
    ];

    let mut entities = Vec::with_capacity(n);
    for i in 0..n {
        let kind = if i < n.div_ceil(50) {
            "organisation"
        } else {
            kinds[rng.below(kinds.len())]
        };
        let parent = (i >= n.div_ceil(50) && kind == "team")
            .then(|| format!("e{}", rng.below(n.div_ceil(50))));
        let topics: Vec<String> = (0..3 + rng.below(10))
            .map(|_| sentence(&mut rng, &vocab, 1, 3).to_lowercase())
            .collect();
        let resources: Vec<Value> = (0..rng.below(4))
            .map(|r| {
                json!({
                    "title": sentence(&mut rng, &vocab, 2, 6),
                    "url": format!("https://e{i}.example.org/r{r}"),
                    "kind": resource_kinds[rng.below(resource_kinds.len())],
                })
            })
            .collect();
        let mut entity = json!({
            "id": format!("e{i}"),
            "name": sentence(&mut rng, &vocab, 2, 6),
            "kind": kind,
            "summary": sentence(&mut rng, &vocab, 15, 40),
            "services": (0..1 + rng.below(4)).map(|_| sentence(&mut rng, &vocab, 5, 15)).collect::<Vec<_>>(),
            "resources": resources,
            "topics": topics,
            "facts": (0..rng.below(3)).map(|_| sentence(&mut rng, &vocab, 4, 10)).collect::<Vec<_>>(),
            "source": format!("Synthétique > section {}", i % 97),
        });
        if let Some(parent) = parent {
            entity["parent"] = json!(parent);
        }
        if rng.below(3) == 0 {
            entity["short_name"] = json!(sentence(&mut rng, &vocab, 1, 2));
        }
        entities.push(entity);
    }
    let routes: Vec<Value> = (0..(n / 1000).clamp(1, 50))
        .map(|r| {
            json!({
                "id": format!("route-{r}"),
                "when": [sentence(&mut rng, &vocab, 1, 2).to_lowercase()],
                "steps": [{"entity": format!("e{}", rng.below(n.max(1))), "role": "en premier lieu"}],
                "note": sentence(&mut rng, &vocab, 6, 12),
                "source": "Synthétique",
            })
        })
        .collect();
    let catalogue = json!({
        "schema_version": 1,
        "source": {"title": format!("Catalogue synthétique de {n} entités (graine {seed})")},
        "entities": entities,
        "routes": if n > 0 { routes } else { Vec::new() },
        "synonyms": [["données", "data"], ["logiciel libre", "free software"], ["juridique", "legal"]],
    });
    let mut out = BufWriter::new(io::stdout().lock());
    serde_json::to_writer(&mut out, &catalogue)?;
    writeln!(out)?;
    out.flush()
}
