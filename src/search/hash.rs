//! Hash maps for the search index: foldhash with a fixed seed — fast on the short strings
//! and small integers the index hashes by the million, and the same from run to run.

pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
pub type FastSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;
