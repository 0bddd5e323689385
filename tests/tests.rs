//! The integration tests: one binary (as ripgrep and just do), one module a concern; every
//! run of `ecosys` goes through `common::ecosys()`, which clears the caller's environment.

mod checklist;
mod cli;
mod common;
mod contract;
mod corpus;
mod drift;
mod growth;
mod guide;
mod history;
mod hostile;
mod lang;
mod loading;
mod machine;
mod manual;
mod overlays;
mod pipes;
mod readme;
mod readme_links;
mod scripting;
mod seed;
mod tables;
mod text;
