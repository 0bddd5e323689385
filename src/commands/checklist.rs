//! `checklist`: a Markdown onboarding checklist, ready to paste into an issue or a wiki.

use std::io::{self, Write};

use crate::app::{Context, find};
use crate::catalogue::{Catalogue, Entity};
use crate::error::{EXIT_OK, Result};
use crate::output::{Format, sanitise};

pub fn run(context: &Context, out: &mut impl Write, ids: &[String]) -> Result<u8> {
    context.only_formats("checklist", &[Format::Table, Format::Markdown])?;
    let loaded = context.load()?;
    let catalogue = &loaded.catalogue;
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
    writeln!(out, "# Onboarding : {}", text(&catalogue.source.title))?;
    for entity in entities {
        writeln!(out)?;
        write_section(out, catalogue, entity)?;
    }
    Ok(EXIT_OK)
}

/// One entity as a Markdown section: who they are, what to ask, what to read.
pub fn write_section(
    out: &mut impl Write,
    catalogue: &Catalogue,
    entity: &Entity,
) -> io::Result<()> {
    writeln!(out, "## {} (`{}`)", text(&entity.name), entity.id)?;
    writeln!(out)?;
    if let Some(parent) = entity.parent.as_deref().and_then(|p| catalogue.find(p)) {
        writeln!(
            out,
            "*{}* · {}",
            text(parent.display_name()),
            entity.kind.as_str()
        )?;
        writeln!(out)?;
    }
    writeln!(out, "{}", text(&entity.summary))?;
    if !entity.services.is_empty() {
        writeln!(out)?;
        writeln!(out, "**Ce que vous pouvez leur demander**")?;
        writeln!(out)?;
        for service in &entity.services {
            writeln!(out, "- {}", text(service))?;
        }
    }
    if !entity.resources.is_empty() {
        writeln!(out)?;
        writeln!(out, "**À lire**")?;
        writeln!(out)?;
        for r in &entity.resources {
            writeln!(out, "- [ ] [{}]({})", link_text(&r.title), link_url(&r.url))?;
        }
    }
    Ok(())
}

/// Catalogue text made safe for Markdown: no control characters, no raw HTML.
fn text(s: &str) -> String {
    sanitise(s).replace('<', "&lt;").replace('>', "&gt;")
}

fn link_text(s: &str) -> String {
    text(s).replace('[', "\\[").replace(']', "\\]")
}

fn link_url(s: &str) -> String {
    sanitise(s)
        .replace('(', "%28")
        .replace(')', "%29")
        .replace(' ', "%20")
}
