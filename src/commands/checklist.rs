//! `checklist`: a Markdown onboarding checklist, ready to paste into an issue or a wiki: the
//! things to do that the guide implies, then, per team, who they are, what to ask, what to
//! read. `--format json` gives the same content as data, for scripts that track progress.

use std::io::{self, Write};

use serde::Serialize;

use crate::catalogue::{Catalogue, Entity};
use crate::context::{Context, find};
use crate::error::{Decided, Outcome, Result, decided};
use crate::hash::FastMap;
use crate::lang::tr;
use crate::output::{Format, markdown_escape, write_markdown_entity};

/// The formats `checklist` prints (a table means Markdown here).
pub const FORMATS: &[Format] = &[Format::Table, Format::Markdown, Format::Json];

/// A thing to do that the guide implies: its stable id, the entity it concerns, the task.
struct Task {
    id: &'static str,
    entity: &'static str,
    text: &'static str,
    /// The task in English.
    en: &'static str,
}

/// The actions the guide's chapter "L'écosystème" implies, in the guide's order.
const TASKS: &[Task] = &[
    Task {
        id: "identify-amdac",
        entity: "amdac",
        text: "Identifier l'AMDAC et les correspondant(e)s open data de votre administration (le pôle Ouverture et partage des données vous y aide)",
        en: "Find out who your administration's AMDAC and open-data correspondents are (the open data team can help)",
    },
    Task {
        id: "ask-about-datasets",
        entity: "ouverture-donnees",
        text: "Poser au pôle Ouverture et partage des données vos questions sur les jeux de données que vous ne connaissez pas",
        en: "Ask the open data team about datasets you do not know",
    },
    Task {
        id: "data-gouv-synergies",
        entity: "data-gouv",
        text: "Si votre projet manipule des données, en parler à l'équipe data.gouv.fr : il y a sans doute des synergies",
        en: "If your project handles data, talk to the data.gouv.fr team: there are probably synergies",
    },
    Task {
        id: "know-your-legal-department",
        entity: "direction-juridique",
        text: "Savoir qui est votre direction juridique avant d'en avoir besoin : c'est elle qu'on consulte en premier lieu, avant le pôle Droit et société",
        en: "Know your legal department before you need it: it comes first for any legal question, before Etalab's law and society team",
    },
    Task {
        id: "read-cnil-open-data-guide",
        entity: "cnil",
        text: "Lire le guide open data de la CNIL avant d'ouvrir des données qui touchent à des personnes",
        en: "Read the CNIL's open data guide before opening data about people",
    },
    Task {
        id: "check-cada-opinions",
        entity: "cada",
        text: "Avant une demande d'accès à un document public, chercher si la CADA a déjà rendu un avis sur ce type de document",
        en: "Before asking for access to a public document, check whether the CADA has already given an opinion on that kind of document",
    },
    Task {
        id: "model-review",
        entity: "lab-ia",
        text: "Faire relire vos modèles par le Lab IA et lui demander des retours sur vos projets data",
        en: "Have your models reviewed by the Lab IA and ask it for feedback on your data projects",
    },
    Task {
        id: "look-at-the-sill",
        entity: "logiciels-libres",
        text: "Regarder le SILL (Socle interministériel de logiciels libres) avant de choisir un logiciel",
        en: "Look at the SILL (the State's recommended free software) before choosing software",
    },
    Task {
        id: "accessibility-early",
        entity: "design",
        text: "Contacter tôt les expert(e)s de l'accessibilité de Design gouv, pas à la fin du projet",
        en: "Contact Design gouv's accessibility experts early, not at the end of the project",
    },
];

/// The checklist as data.
#[derive(Serialize)]
struct Checklist<'a> {
    title: &'a str,
    tasks: Vec<TaskItem<'a>>,
    entities: Vec<EntityItem<'a>>,
}

#[derive(Serialize)]
struct TaskItem<'a> {
    id: &'a str,
    entity: &'a str,
    text: &'a str,
    done: bool,
}

#[derive(Serialize)]
struct EntityItem<'a> {
    id: &'a str,
    name: &'a str,
    summary: &'a str,
    ask: Vec<&'a str>,
    read: Vec<ReadItem<'a>>,
}

#[derive(Serialize)]
struct ReadItem<'a> {
    title: &'a str,
    url: &'a str,
    done: bool,
}

pub fn run(
    context: &Context,
    out: &mut impl Write,
    catalogue: &Catalogue,
    ids: &[String],
) -> Result<Decided> {
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
    // Each entity by its id, looked up once per task and per parent: linear in the catalogue.
    let by_id: FastMap<&str, &Entity> = catalogue
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect();
    // The tasks about the entities asked for (all when none were), that the catalogue has.
    let tasks: Vec<&Task> = TASKS
        .iter()
        .filter(|t| by_id.contains_key(t.entity))
        .filter(|t| ids.is_empty() || entities.iter().any(|e| e.id == t.entity))
        .collect();
    let written = if context.format == Format::Json {
        let data = Checklist {
            title: &catalogue.source.title,
            tasks: tasks
                .iter()
                .map(|t| TaskItem {
                    id: t.id,
                    entity: t.entity,
                    text: tr(t.text, t.en),
                    done: false,
                })
                .collect(),
            entities: entities
                .iter()
                .map(|e| EntityItem {
                    id: &e.id,
                    name: &e.name,
                    summary: &e.summary,
                    ask: e.services.iter().map(|s| s.text()).collect(),
                    read: e
                        .resources
                        .iter()
                        .map(|r| ReadItem {
                            title: r.title.text(),
                            url: &r.url,
                            done: false,
                        })
                        .collect(),
                })
                .collect(),
        };
        crate::output::write_json(out, &data)
    } else {
        write(out, catalogue, &by_id, &tasks, &entities)
    };
    decided(Outcome::Answer, written)
}

fn write(
    out: &mut impl Write,
    catalogue: &Catalogue,
    by_id: &FastMap<&str, &Entity>,
    tasks: &[&Task],
    entities: &[&Entity],
) -> io::Result<()> {
    let title = markdown_escape(&catalogue.source.title);
    writeln!(out, "# Onboarding{} {title}", tr(" :", ":"))?;
    if !tasks.is_empty() {
        writeln!(out)?;
        writeln!(out, "## {}", tr("À faire", "To do"))?;
        writeln!(out)?;
        for task in tasks {
            writeln!(
                out,
                "- [ ] {} (`{}`)",
                markdown_escape(tr(task.text, task.en)),
                task.entity
            )?;
        }
    }
    for entity in entities {
        writeln!(out)?;
        let parent = entity.parent.as_deref().and_then(|p| by_id.get(p));
        write_markdown_entity(out, parent.copied(), entity)?;
    }
    Ok(())
}
