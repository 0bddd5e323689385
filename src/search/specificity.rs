//! How common a word is in general French and English, to tell a specific word of a question
//! (`pseudonymisation`, `siret`) from one that anybody writes (`adresse`, `question`).
//!
//! The table `wordfreq.tsv` is made by `scripts/gen-wordfreq.py` from the `wordfreq` package's
//! 'best' lists (data CC BY-SA 4.0, see the file's header): one line per folded word, sorted by
//! byte order, `word<TAB>fr<TAB>en` with each value the Zipf frequency ×10 (0 when absent).
//! Lookups bisect the embedded text directly, as the Unix `look` command does: no parsing at
//! start-up, no allocation, O(log n) per word. A generated table (`wordfreq_starts.rs`) says
//! where the words of each first two letters start, so that a lookup bisects only their lines:
//! a few hundred bytes of the 700 kB table, not pages all over it (each a page fault, and
//! memory mapped).

use crate::lang::Lang;

/// The table, as generated: a `#` comment header, then the sorted lines.
const TABLE: &str = include_str!("wordfreq.tsv");

/// Byte offset of the first line after the comment header, found at compile time.
const BODY_START: usize = body_start(TABLE.as_bytes());

const fn body_start(bytes: &[u8]) -> usize {
    let mut i = 0;
    while i < bytes.len() && bytes[i] == b'#' {
        while i < bytes.len() && bytes[i] != b'\n' {
            i += 1;
        }
        i += 1;
    }
    if i > bytes.len() { bytes.len() } else { i }
}

/// The sorted lines, without the header.
fn body() -> &'static [u8] {
    &TABLE.as_bytes()[BODY_START..]
}

mod starts {
    include!("wordfreq_starts.rs");
}

/// Words are made of `a-z0-9`: a byte's rank among those, after every other byte (the tab
/// that ends a one-letter word).
const fn slot(byte: Option<&u8>) -> usize {
    match byte {
        Some(&b @ b'0'..=b'9') => (b - b'0') as usize + 1,
        Some(&b @ b'a'..=b'z') => (b - b'a') as usize + 11,
        _ => 0,
    }
}

/// Slots a byte can have.
const SLOTS: usize = 37;

/// Which first two letters a word (or a line) starts with.
fn pair(word: &[u8]) -> usize {
    slot(word.first()) * SLOTS + slot(word.get(1))
}

/// The lines a word can be on: those with its first two letters (the whole body if the
/// generated table is not this body's).
fn lines_of(word: &[u8]) -> (usize, usize) {
    let body = body();
    if starts::BODY_LEN != body.len() {
        return (0, body.len());
    }
    let pair = pair(word);
    (
        starts::STARTS[pair] as usize,
        starts::STARTS[pair + 1] as usize,
    )
}

/// The Zipf frequencies ×10 of a folded word (see [`crate::text::normalise::fold`]) in
/// general French and English, `(fr, en)`, each 0..=80 and 0 when the word is not in that
/// language's list; `None` when the word is in neither list at Zipf 3.0 or more.
pub fn zipf(folded: &str) -> Option<(u8, u8)> {
    if folded.is_empty() {
        return None;
    }
    let body = body();
    let target = folded.as_bytes();
    // `lo` and `hi` are line starts; the wanted line, if any, starts in `lo..hi`.
    let (mut lo, mut hi) = lines_of(target);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = line_start(body, lo, mid);
        let end = line_end(body, start);
        let line = &body[start..end];
        let key_len = line.iter().position(|&b| b == b'\t').unwrap_or(line.len());
        match line[..key_len].cmp(target) {
            std::cmp::Ordering::Less => lo = end,
            std::cmp::Ordering::Greater => hi = start,
            std::cmp::Ordering::Equal => return values(&line[key_len..]),
        }
    }
    None
}

/// How common a folded word is in general language: the larger of its French and English
/// Zipf frequencies (0.0..=8.0; 3.0 is once per million words), 0.0 for a word in neither
/// table.
pub fn commonness(folded: &str) -> f64 {
    commonness_in(folded, None)
}

/// How common a folded word is in the language a question is written in: in English when the
/// question is English (`ai`, frequent in French as a verb, is `AI` there), else in either
/// language, since French questions borrow English words freely (`open data`, `cloud`).
pub fn commonness_in(folded: &str, language: Option<Lang>) -> f64 {
    commonness_of(zipf(folded), language)
}

/// [`commonness_in`] from the word's [`zipf`] frequencies, already looked up.
pub fn commonness_of(zipf: Option<(u8, u8)>, language: Option<Lang>) -> f64 {
    zipf.map_or(0.0, |(fr, en)| {
        f64::from(match language {
            Some(Lang::En) => en,
            _ => fr.max(en),
        }) / 10.0
    })
}

/// Grammar words of English that are no French word, folded, sorted.
const ENGLISH_GRAMMAR: &[&str] = &[
    "about", "and", "any", "anyone", "are", "at", "be", "can", "could", "did", "do", "does", "for",
    "from", "has", "have", "how", "i", "is", "it", "my", "of", "our", "should", "someone", "that",
    "the", "there", "this", "to", "us", "was", "we", "what", "when", "where", "which", "who",
    "why", "with", "would", "you", "your",
];

/// Grammar words of French that are no English word, folded, sorted.
const FRENCH_GRAMMAR: &[&str] = &[
    "au", "aux", "avec", "ce", "cette", "dans", "de", "des", "du", "est", "et", "il", "je", "la",
    "le", "les", "ma", "mes", "mon", "ne", "nos", "notre", "nous", "pas", "pour", "quel", "quelle",
    "qui", "quoi", "sur", "tu", "un", "une", "vous",
];

/// The language a text is written in, from its grammar words, as language identifiers by
/// function words do: English when more of its words are English grammar words than French
/// ones; `None` (either) otherwise. Two short sorted lists, so that asking costs no look-up
/// in the frequency table.
pub fn language<'w>(folded: impl IntoIterator<Item = &'w str>) -> Option<Lang> {
    let (mut fr_votes, mut en_votes) = (0usize, 0usize);
    for word in folded {
        if ENGLISH_GRAMMAR.binary_search(&word).is_ok() {
            en_votes += 1;
        } else if FRENCH_GRAMMAR.binary_search(&word).is_ok() {
            fr_votes += 1;
        }
    }
    (en_votes > fr_votes).then_some(Lang::En)
}

/// Start of the line holding byte `at`, scanning back no further than `floor` (a line start).
fn line_start(body: &[u8], floor: usize, at: usize) -> usize {
    body[floor..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(floor, |newline| floor + newline + 1)
}

/// Just past the newline that ends the line starting at `start` (or the end of the body).
fn line_end(body: &[u8], start: usize) -> usize {
    body[start..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(body.len(), |newline| start + newline + 1)
}

/// Parses `\t<fr>\t<en>\n`.
fn values(rest: &[u8]) -> Option<(u8, u8)> {
    let mut fields = rest.split(|&b| b == b'\t' || b == b'\n').skip(1);
    let fr = number(fields.next()?)?;
    let en = number(fields.next()?)?;
    Some((fr, en))
}

fn number(digits: &[u8]) -> Option<u8> {
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let mut n: u16 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u16::from(d - b'0');
    }
    u8::try_from(n).ok()
}

/// `wordfreq_starts.rs` as it should be: per pair of first letters, where its lines start in
/// the body (they are sorted, so each pair's lines are together), then the body's end.
#[cfg(test)]
fn render_starts() -> String {
    let body = body();
    let mut starts = Vec::with_capacity(SLOTS * SLOTS + 1);
    let mut at = 0;
    for line in body.split_inclusive(|&b| b == b'\n') {
        let pair = pair(line);
        assert!(pair >= starts.len().saturating_sub(1), "sorted by pair");
        while starts.len() <= pair {
            starts.push(at);
        }
        at += line.len();
    }
    starts.resize(SLOTS * SLOTS + 1, body.len());
    let numbers: Vec<String> = starts.iter().map(usize::to_string).collect();
    format!(
        "// Generated by `ECOSYS_BLESS=1 cargo test --lib embedded_data` from wordfreq.tsv: do\n\
         // not edit.\n\
         /// The body's length, to tell whether this table is the body's.\n\
         pub const BODY_LEN: usize = {};\n\
         /// Per pair of first letters (`pair`), where its lines start; then the body's end.\n\
         pub static STARTS: [u32; {}] = [{}];\n",
        body.len(),
        starts.len(),
        numbers.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_wordfreq_starts_is_up_to_date() {
        crate::search::index::embedded::bless_or_check(
            "src/search/wordfreq_starts.rs",
            include_str!("wordfreq_starts.rs"),
            &render_starts(),
        );
    }

    #[test]
    fn a_word_is_looked_for_among_the_lines_of_its_first_two_letters() {
        let (start, end) = lines_of(b"question");
        let lines = std::str::from_utf8(&body()[start..end]).unwrap();
        assert!(lines.lines().all(|line| line.starts_with("qu")));
        assert!(lines.contains("\nquestion\t"));
        let (a, _) = lines_of(b"a");
        assert!(
            body()[a..].starts_with(b"a\t"),
            "a one-letter word is first of its letter"
        );
        assert_eq!(lines_of(b"-a").0, lines_of(b"-a").1, "no word starts so");
    }

    fn lines() -> impl Iterator<Item = &'static str> {
        std::str::from_utf8(body()).unwrap().lines()
    }

    fn key(line: &str) -> &str {
        line.split('\t').next().unwrap()
    }

    #[test]
    fn common_words_are_common() {
        for word in ["le", "de", "the", "pour", "question", "donnees"] {
            let (fr, en) = zipf(word).unwrap_or_else(|| panic!("{word} is missing"));
            assert!(fr.max(en) >= 50, "{word}: {fr} {en}");
            assert!(commonness(word) >= 5.0, "{word}");
        }
        assert!(zipf("de").unwrap().0 > 70);
        assert!(zipf("the").unwrap().1 > 70);
    }

    #[test]
    fn grammar_lists_are_sorted_and_apart() {
        for list in [ENGLISH_GRAMMAR, FRENCH_GRAMMAR] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
        assert!(ENGLISH_GRAMMAR.iter().all(|w| !FRENCH_GRAMMAR.contains(w)));
    }

    #[test]
    fn a_question_is_english_when_its_words_are() {
        let words = |s: &'static str| s.split(' ');
        assert_eq!(
            language(words("within etalab who does the ai stuff")),
            Some(Lang::En)
        );
        assert_eq!(language(words("qui s occupe de l ia chez etalab")), None);
        assert_eq!(language(words("donnees ouvertes")), None);
        assert_eq!(language(words("")), None);
        assert!(commonness_in("ai", Some(Lang::En)) < commonness("ai"));
        assert_eq!(commonness_in("donnees", None), commonness("donnees"));
    }

    #[test]
    fn catalogue_words_are_rare_or_absent() {
        for word in ["pseudonymisation", "mongodb", "udata"] {
            assert!(commonness(word) < 3.0, "{word}: {:?}", zipf(word));
        }
    }

    #[test]
    fn first_and_last_entries_are_found() {
        let first = lines().next().unwrap();
        let last = lines().last().unwrap();
        for line in [first, last] {
            let mut fields = line.split('\t');
            let word = fields.next().unwrap();
            let fr = fields.next().unwrap().parse().unwrap();
            let en = fields.next().unwrap().parse().unwrap();
            assert_eq!(zipf(word), Some((fr, en)), "{word}");
        }
    }

    #[test]
    fn every_entry_is_found() {
        for line in lines() {
            assert!(zipf(key(line)).is_some(), "{line}");
        }
    }

    #[test]
    fn outside_the_table_is_none() {
        let first = key(lines().next().unwrap());
        let last = key(lines().last().unwrap());
        let before = "/"; // '/' is the byte just before '0'
        let after = "zzzzzzzzzz";
        assert!(before < first && after > last);
        assert_eq!(zipf(before), None);
        assert_eq!(zipf(after), None);
        assert_eq!(zipf(""), None);
        assert_eq!(commonness(""), 0.0);
        // Between two entries, and prefixes or extensions of one.
        assert_eq!(zipf("questio"), None);
        assert_eq!(zipf("questionz"), None);
        assert_eq!(zipf("question\t"), None);
    }

    #[test]
    fn the_header_is_skipped() {
        assert!(TABLE.starts_with('#'));
        assert_ne!(body().first(), Some(&b'#'));
        assert!(
            TABLE[..BODY_START]
                .lines()
                .all(|line| line.starts_with('#'))
        );
    }

    #[test]
    fn the_table_is_sorted_and_folded() {
        let mut previous: Option<&str> = None;
        let mut count = 0;
        for line in lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "{line}");
            let word = fields[0];
            assert!(
                !word.is_empty()
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                "not folded: {word:?}"
            );
            assert_eq!(crate::text::normalise::fold(word), word);
            for value in &fields[1..] {
                let n: u8 = value.parse().unwrap_or_else(|_| panic!("{line}"));
                assert!(n <= 80, "{line}");
            }
            if let Some(previous) = previous {
                assert!(word.as_bytes() > previous.as_bytes(), "{previous} ≥ {word}");
            }
            previous = Some(word);
            count += 1;
        }
        assert!(count > 10_000, "{count} entries");
    }
}
