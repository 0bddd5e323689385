//! The distinct words of a catalogue, by id: learnt from it, or (the embedded index) ranges of
//! one static text, read where they lie: nothing to build at start-up, no memory of its own.

use std::borrow::Cow;

/// A distinct word of the catalogue, as learnt.
#[derive(Debug, Clone)]
pub struct Word {
    /// Folded form, the word's identity.
    pub folded: Cow<'static, str>,
    /// As first written (lower-case, accents kept), for messages.
    pub display: Cow<'static, str>,
}

/// Every distinct word, by id.
#[derive(Debug, Clone)]
pub enum Words {
    Learnt(Vec<Word>),
    /// Per word: where its folded form starts in `text`, its length, and the length of the
    /// display form after it (0: the folded form is the display form).
    Static {
        text: &'static str,
        places: &'static [(u32, u32, u32)],
    },
}

impl Default for Words {
    fn default() -> Self {
        Words::Learnt(Vec::new())
    }
}

impl Words {
    pub fn len(&self) -> usize {
        match self {
            Words::Learnt(words) => words.len(),
            Words::Static { places, .. } => places.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Word `w`'s folded form, its identity.
    pub fn folded(&self, w: u32) -> &str {
        match self {
            Words::Learnt(words) => &words[w as usize].folded,
            Words::Static { text, places } => {
                let (start, folded, _) = places[w as usize];
                &text[start as usize..(start + folded) as usize]
            }
        }
    }

    /// Word `w` as first written (lower-case, accents kept), for messages.
    pub fn display(&self, w: u32) -> &str {
        match self {
            Words::Learnt(words) => &words[w as usize].display,
            Words::Static { text, places } => {
                let (start, folded, display) = places[w as usize];
                let (start, end) = match display {
                    0 => (start, start + folded),
                    _ => (start + folded, start + folded + display),
                };
                &text[start as usize..end as usize]
            }
        }
    }

    /// Every word's folded and display forms, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        (0..self.len() as u32).map(|w| (self.folded(w), self.display(w)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_words_are_ranges_of_their_text() {
        let words = Words::Static {
            text: "etatétatdonnees",
            places: &[(0, 4, 5), (9, 7, 0)],
        };
        assert_eq!(words.len(), 2);
        assert_eq!(
            words.iter().collect::<Vec<_>>(),
            [("etat", "état"), ("donnees", "donnees")]
        );
    }
}
