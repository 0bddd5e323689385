//! The distinct words of a catalogue, by id: learnt from it, or (the embedded index) ranges of
//! one static text, read where they lie: nothing to build at start-up, no memory of its own.

use std::borrow::Cow;

/// Every distinct word, by id: its forms are ranges of one text (per word, where its folded
/// form starts, its length, and the length of the display form after it; 0: the folded form
/// is the display form). Learnt words own theirs; the embedded index's are static data. One
/// text, not two strings a word: 100,000 entities have tens of thousands of words.
#[derive(Debug, Clone, Default)]
pub struct Words {
    text: Cow<'static, str>,
    places: Cow<'static, [(u32, u32, u32)]>,
}

impl Words {
    /// The embedded index's words.
    pub const fn from_static(text: &'static str, places: &'static [(u32, u32, u32)]) -> Words {
        Words {
            text: Cow::Borrowed(text),
            places: Cow::Borrowed(places),
        }
    }

    /// Adds a word (`display` as first written, `folded` its identity) and returns its id.
    pub fn push(&mut self, folded: &str, display: &str) -> u32 {
        let id = self.places.len() as u32;
        let text = self.text.to_mut();
        let start = text.len() as u32;
        text.push_str(folded);
        let shown = if display == folded {
            0
        } else {
            text.push_str(display);
            display.len() as u32
        };
        (self.places.to_mut()).push((start, folded.len() as u32, shown));
        id
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Word `w`'s folded form, its identity.
    pub fn folded(&self, w: u32) -> &str {
        let (start, folded, _) = self.places[w as usize];
        &self.text[start as usize..(start + folded) as usize]
    }

    /// Word `w` as first written (lower-case, accents kept), for messages.
    pub fn display(&self, w: u32) -> &str {
        let (start, folded, display) = self.places[w as usize];
        let (start, end) = match display {
            0 => (start, start + folded),
            _ => (start + folded, start + folded + display),
        };
        &self.text[start as usize..end as usize]
    }

    /// Room for `more` words of about `bytes` bytes in all.
    pub fn reserve(&mut self, more: usize, bytes: usize) {
        self.places.to_mut().reserve(more);
        self.text.to_mut().reserve(bytes);
    }

    /// Gives back the room reserved and not used.
    pub fn shrink_to_fit(&mut self) {
        if let Cow::Owned(text) = &mut self.text {
            text.shrink_to_fit();
        }
        if let Cow::Owned(places) = &mut self.places {
            places.shrink_to_fit();
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
        let words = Words::from_static("etatétatdonnees", &[(0, 4, 5), (9, 7, 0)]);
        assert_eq!(words.len(), 2);
        assert_eq!(
            words.iter().collect::<Vec<_>>(),
            [("etat", "état"), ("donnees", "donnees")]
        );
    }

    #[test]
    fn learnt_words_are_ranges_of_their_own_text() {
        let mut words = Words::default();
        assert_eq!(words.push("etat", "état"), 0);
        assert_eq!(words.push("donnees", "donnees"), 1);
        words.shrink_to_fit();
        assert_eq!(words.len(), 2);
        assert_eq!(words.folded(0), "etat");
        assert_eq!(words.display(0), "état");
        assert_eq!(words.display(1), "donnees");
        let made = Words::from_static("etatétatdonnees", &[(0, 4, 5), (9, 7, 0)]);
        assert_eq!(
            words.iter().collect::<Vec<_>>(),
            made.iter().collect::<Vec<_>>()
        );
    }
}
