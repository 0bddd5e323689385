//! ecosys: who do I ask about X? The library behind the `ecosys` binary: the catalogue, the
//! search pipeline and the output formats (also used by the fuzz targets and benchmarks).

pub mod app;
pub mod catalogue;
pub mod cli;
pub mod commands;
pub mod context;
pub mod error;
pub mod files;
pub mod guide;
pub mod hash;
pub mod lang;
pub mod output;
pub mod search;
pub mod shared;
pub mod text;
