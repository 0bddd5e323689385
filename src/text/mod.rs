//! Text: the language-neutral stages shared by the catalogue and the search (normalise, then
//! tokenise, dropping filler). Neither depends on the rest of the crate.

pub mod everyday;
pub mod filler;
pub mod normalise;
pub mod personal;
pub mod tokenise;

pub use normalise::fold;
