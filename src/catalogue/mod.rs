//! The catalogue: its model, loading (with every problem a file has), and lookups by id.
//!
//! Modules, each using only those before it: `problem` and `words` (what is said), `model` and
//! `patch` (the format), `json`, `shapes` and `read` (reading a file), `check` (its values), `locate`
//! (places), `stack` and `route` (files applied in order), `load` (files read, the entry points).

pub mod check;
mod compact;
mod compiled;
mod json;
pub mod load;
mod locate;
pub mod model;
pub mod patch;
pub mod problem;
mod read;
mod route;
mod shapes;
pub mod stack;
#[cfg(test)]
mod tests;
mod words;

pub use load::{Report, check, load};
pub use model::{Catalogue, Entity, Kind};
pub use problem::{Failure, Problem};

use crate::text::fold;

impl Catalogue {
    /// The entity a user means by `key`: its id (any case), or its exact name, short name or
    /// alias (any case, accents optional).
    pub fn find(&self, key: &str) -> Option<&Entity> {
        let lower = key.trim().to_lowercase();
        if let Some(e) = self.entities.iter().find(|e| e.id == lower) {
            return Some(e);
        }
        let folded = fold(&lower);
        self.entities.iter().find(|e| {
            std::iter::once(&e.name)
                .chain(e.short_name.as_ref())
                .chain(&e.aliases)
                .any(|n| fold(n) == folded)
        })
    }

    /// Where the entity whose id is exactly `id` stands in the catalogue.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.id == id)
    }

    /// The id closest to `key`, if one is close enough to be worth suggesting.
    pub fn closest_id(&self, key: &str) -> Option<&str> {
        check::closest(self.entities.iter().map(|e| e.id.as_str()), key)
    }

    /// Every entity id, in catalogue order.
    pub fn ids(&self) -> Vec<&str> {
        self.entities.iter().map(|e| e.id.as_str()).collect()
    }

    /// The entities whose parent is `id`, in catalogue order.
    pub fn children<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Entity> + 'a {
        self.entities
            .iter()
            .filter(move |e| e.parent.as_deref() == Some(id))
    }

    /// The embedded catalogue, for tests.
    #[cfg(test)]
    pub fn embedded() -> Catalogue {
        load::load(None, &[] as &[&std::path::Path]).expect("the embedded catalogue is valid")
    }
}

#[cfg(test)]
mod lookups {
    use super::*;

    #[test]
    fn find_by_id_name_or_short_name() {
        let c = Catalogue::embedded();
        assert_eq!(c.find("LAB-IA").unwrap().id, "lab-ia");
        assert_eq!(c.find("data.gouv.fr").unwrap().id, "data-gouv");
        assert_eq!(c.find("Pole droit et societe").unwrap().id, "droit-societe");
        assert_eq!(c.find("DINUM").unwrap().id, "dinum");
        assert!(c.find("nothing-like-it").is_none());
    }

    #[test]
    fn closest_id_suggests_near_misses_only() {
        let c = Catalogue::embedded();
        assert_eq!(c.closest_id("lab-ai"), Some("lab-ia"));
        assert_eq!(c.closest_id("cnill"), Some("cnil"));
        assert_eq!(c.closest_id("zzzzzzzzzzzz"), None);
    }
}
