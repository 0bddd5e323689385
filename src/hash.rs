//! Hash maps for the index and validation: foldhash with a fixed seed — fast on the short
//! strings and small integers hashed by the million, and the same from run to run.

pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
pub type FastSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;
