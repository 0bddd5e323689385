//! What every command shares: the output settings, looking entities up for the user, and
//! messages on stderr. A leaf: it knows the catalogue and the output formats, not the commands.

use std::io::{self, Write};

use crate::catalogue::{Catalogue, Entity};
use crate::error::{Error, Result};
use crate::output::{Format, Style};

/// How a command prints: the format, colour and width chosen on the command line.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub format: Format,
    pub style: Style,
}

/// The entity `key` names, or an error that suggests the closest id.
pub fn find<'c>(catalogue: &'c Catalogue, key: &str) -> Result<&'c Entity> {
    catalogue.find(key).ok_or_else(|| Error::UnknownEntity {
        id: key.to_string(),
        suggestion: catalogue.closest_id(key).map(str::to_string),
    })
}

/// Writes `ecosys: MESSAGE` on stderr, neutralising control characters; a stderr that cannot
/// be written to is ignored (a message is never worth a crash).
pub fn warn(message: &str) {
    let message = crate::output::sanitise(message);
    let _ = writeln!(io::stderr(), "ecosys: {message}");
}
