//! `backcare export`: a page to print, as Markdown or as one self-contained HTML page (inline
//! CSS, no scripts, every text escaped). Either the handout (the chosen tips by topic, then
//! the warning signs for the reader's region) or, with `--for-appointment`, the summary of the
//! pain diary to take to an appointment (`appointment.rs`). Every source is numbered and listed
//! with its address and the date it was checked, since links do not print.

mod appointment;
mod markup;

use super::{Context, emit};
use crate::cli::{DISCLAIMER, ExportArgs, ExportFormat};
use crate::config::StoppedBy;
use crate::error::{Error, Exit};
use crate::select::{self, Preference};
use crate::tips::{Catalog, Source, Stage, Tip};
use crate::warning_signs::{self, Region, Section, Sheet, When};
use markup::{Html, Markdown, Markup};

// The handout always prints: it carries the warning signs.
pub const STOPPED_BY: StoppedBy = StoppedBy::Nothing;

pub fn run(context: &Context, args: &ExportArgs) -> Result<Exit, Error> {
    let catalog = context.catalog()?;
    let sheet = warning_signs::sheet().map_err(Error::Other)?;
    let region = match warning_signs::resolve_region(
        &sheet,
        args.region.as_deref(),
        context.config.region.as_ref(),
    ) {
        Ok((region, _)) => region,
        // As `warning-signs` does: a bad region setting costs a warning, not the page.
        Err(Error::Data(problems)) => {
            super::warn(&problems[0].headline());
            sheet.fallback()
        }
        Err(error) => return Err(error),
    };
    let markup: &dyn Markup = match args.format {
        ExportFormat::Markdown => &Markdown,
        ExportFormat::Html => &Html,
    };
    let page = if args.for_appointment {
        appointment::write(
            context,
            markup,
            &catalog,
            &sheet,
            region,
            args.weeks.unwrap_or(4),
        )?
    } else {
        handout(context, markup, args, &catalog, &sheet, region)?
    };
    emit(&page)?;
    Ok(Exit::Success)
}

/// The handout: the tips of the stage asked for (`--stage`, `--week`), else of the reader's
/// stage, else every tip; then the warning signs for that stage.
fn handout(
    context: &Context,
    markup: &dyn Markup,
    args: &ExportArgs,
    catalog: &Catalog,
    sheet: &Sheet,
    region: &Region,
) -> Result<String, Error> {
    select::check_topics(catalog, &args.topics.topics)?;
    let asked = args.stage.explicit();
    let stage = match asked {
        Some(Stage::Postpartum) => Some(When::AfterBirth),
        Some(_) => Some(When::Pregnancy),
        None => context.reader_stage(),
    };
    let (prefer, title) = match stage {
        Some(When::AfterBirth) => (
            Preference::Stage(Stage::Postpartum),
            "Back care after the birth",
        ),
        Some(_) => (Preference::Pregnancy, "Back care in pregnancy"),
        None => (
            Preference::Everything,
            "Back care in pregnancy and after the birth",
        ),
    };
    let tips = select::chosen(catalog, &args.topics.topics, asked, prefer)?;
    let mut page = Page::new(markup, title, "handout");
    for topic in &catalog.topics {
        let mine: Vec<&Tip> = tips
            .iter()
            .copied()
            .filter(|tip| tip.topic == topic.name)
            .collect();
        if mine.is_empty() {
            continue;
        }
        page.push(markup.part(&topic.title, "topic"));
        if !topic.description.is_empty() {
            page.push(markup.paragraph(&topic.description, &[]));
        }
        page.tips(&mine);
        page.push(markup.part_end());
    }
    page.warnings(sheet, region, stage);
    Ok(page.finish(sheet, ""))
}

/// A page being written: the markup, the text so far, and the sources cited, numbered in the
/// order they are first cited.
struct Page<'m> {
    markup: &'m dyn Markup,
    out: String,
    sources: Vec<Source>,
}

impl<'m> Page<'m> {
    /// A page of `kind` (`handout`, `summary`) under `title`.
    fn new(markup: &'m dyn Markup, title: &str, kind: &str) -> Page<'m> {
        Page {
            markup,
            out: markup.begin(title, DISCLAIMER, kind),
            sources: Vec::new(),
        }
    }

    fn push(&mut self, text: impl AsRef<str>) {
        self.out.push_str(text.as_ref());
    }

    /// The number of `source` in the page's list (added at its end if new); none without one.
    fn cite(&mut self, source: Option<Source>) -> Vec<usize> {
        let Some(source) = source else {
            return Vec::new();
        };
        match self.sources.iter().position(|known| *known == source) {
            Some(at) => vec![at + 1],
            None => {
                self.sources.push(source);
                vec![self.sources.len()]
            }
        }
    }

    /// Tips as a list, each with its source; on paper, a tip says in words what its text
    /// says with a command.
    fn tips(&mut self, tips: &[&Tip]) {
        self.push(self.markup.list());
        for tip in tips {
            let cited = self.cite(tip.source.clone());
            let text = tip.paper.as_deref().unwrap_or(&tip.text);
            self.push(self.markup.item(text, &cited));
        }
        self.push(self.markup.list_end());
    }

    /// The warning signs for the reader's stage (every block when it is not known), with the
    /// region's numbers and each sign's source.
    fn warnings(&mut self, sheet: &Sheet, region: &Region, stage: Option<When>) {
        let markup = self.markup;
        self.push(markup.part(&format!("{} ({})", sheet.title, region.name), "warning"));
        let numbers: Vec<(&str, &str)> = region
            .numbers
            .iter()
            .map(|number| (number.number.as_str(), number.label.as_str()))
            .collect();
        let cited: Vec<usize> = region
            .sources
            .iter()
            .flat_map(|key| self.cite(warning_signs::source(sheet, key)))
            .collect();
        self.push(markup.numbers(&numbers, &cited));
        let sections: Vec<&Section> = sheet
            .laid_out(stage)
            .into_iter()
            .filter(|section| section.applies(stage))
            .collect();
        for section in sections {
            self.push(markup.subheading(&region.fill(&section.heading())));
            self.push(markup.list());
            for sign in &section.signs {
                let cited = self.cite(warning_signs::source(sheet, &sign.source));
                self.push(markup.item(&region.fill(&sign.text), &cited));
            }
            self.push(markup.list_end());
        }
        let physiotherapy = &sheet.physiotherapy;
        let cited = self.cite(warning_signs::source(sheet, &physiotherapy.source));
        self.push(markup.paragraph(&region.fill(&physiotherapy.text), &cited));
        self.push(markup.part_end());
    }

    /// The list of sources and the footer, which says only what the page shows: `more` is
    /// what the footer adds about the page.
    fn finish(mut self, sheet: &Sheet, more: &str) -> String {
        let sources = self.markup.sources("Sources", &self.sources);
        self.push(sources);
        let footer = format!(
            "Made with backcare. The warning signs were last reviewed against their sources on {}; the date beside a source is when it was last checked.{more}",
            sheet.reviewed
        );
        let end = self.markup.end(&footer);
        self.push(end);
        self.out
    }
}
