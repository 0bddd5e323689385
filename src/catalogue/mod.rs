//! The catalogue: its model, loading, validation and lookups by id.

pub mod diagnose;
pub mod load;
pub mod model;
pub mod overlay;
pub mod problem;
pub mod spans;
pub mod validate;

pub use model::{Catalogue, Entity, Kind};
pub use problem::Problem;

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

    /// The id closest to `key`, if one is close enough to be worth suggesting.
    ///
    /// Bounded: no suggestion for a key over 256 characters, and only ids of a length near
    /// the key's are compared (Jaro-Winkler costs the product of the two lengths).
    pub fn closest_id(&self, key: &str) -> Option<&str> {
        const MAX: usize = 256;
        let key = key.trim().to_lowercase();
        if key.len() > MAX {
            return None;
        }
        let near = |id: &str| id.len() <= MAX && id.len() <= 2 * key.len() + 4;
        self.entities
            .iter()
            .filter(|e| near(&e.id))
            .map(|e| (strsim::jaro_winkler(&key, &e.id), e.id.as_str()))
            .filter(|(score, _)| *score >= 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, id)| id)
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
        serde_json::from_str(load::EMBEDDED).expect("the embedded catalogue is checked by tests")
    }
}

#[cfg(test)]
mod tests {
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
