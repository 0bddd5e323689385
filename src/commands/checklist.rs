//! `checklist`: a Markdown onboarding checklist, ready to paste into an issue or a wiki.

use std::io::{self, Write};

use crate::catalogue::{Catalogue, Entity};
use crate::context::find;
use crate::error::{Error, Outcome, Result};
use crate::output::{Format, markdown_escape, write_markdown_entity};

/// The formats `checklist` prints (a table means Markdown here).
pub const FORMATS: &[Format] = &[Format::Table, Format::Markdown];

pub fn run(out: &mut impl Write, catalogue: &Catalogue, ids: &[String]) -> Result<Outcome> {
    let entities: Vec<&Entity> = if ids.is_empty() {
        catalogue
            .entities
            .iter()
            .filter(|e| !e.services.is_empty() || !e.resources.is_empty())
            .collect()
    } else {
        ids.iter()
            .map(|id| find(catalogue, id))
            .collect::<Result<_>>()?
    };
    write(out, catalogue, &entities).map_err(Error::Write)?;
    Ok(Outcome::Answer)
}

fn write(out: &mut impl Write, catalogue: &Catalogue, entities: &[&Entity]) -> io::Result<()> {
    let title = markdown_escape(&catalogue.source.title);
    writeln!(out, "# Onboarding : {title}")?;
    for entity in entities {
        writeln!(out)?;
        write_markdown_entity(out, catalogue, entity)?;
    }
    Ok(())
}
