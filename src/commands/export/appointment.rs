//! `backcare export --for-appointment`: the pain diary on one or two printed pages, to take
//! to a midwife or doctor. In order: the week and stage (and due date), a line for the
//! maternity unit's number, the warning signs for the reader's stage and region, the chart of
//! each day's highest score, the entries, the questions kept for the appointment, and the five
//! tips of the reader's stage that best match the places logged. Nothing is derived from the
//! entries (no trend, no average, no advice): the diary records, the person and their midwife
//! interpret.

use std::cmp::Reverse;
use std::collections::HashMap;

use super::{Page, markup::Markup};
use crate::commands::warn;
use crate::diary::chart::{self, Period};
use crate::diary::place_names;
use crate::diary::{self, Diary, Entry, Kind, Words};
use crate::error::Error;
use crate::pregnancy::{self, Progress};
use crate::search::{self, Query, Synonyms};
use crate::select::{self, Preference};
use crate::tips::{Catalog, Stage, Tip};
use crate::warning_signs::{Region, Sheet};

const TITLE: &str = "My back: a summary for my appointment";
/// How many tips the summary ends with.
const TIPS: usize = 5;
const DAY: &str = "%a %-d %b";

pub fn write(
    context: &crate::commands::Context,
    markup: &dyn Markup,
    catalog: &Catalog,
    sheet: &Sheet,
    region: &Region,
    weeks: u16,
) -> Result<String, Error> {
    let diary = Diary::load(&diary::path(&context.paths)?)?;
    if !diary.unreadable.is_empty() {
        warn(&format!(
            "{} of the diary's lines cannot be read and are left out (backcare diary names them)",
            diary.unreadable.len()
        ));
    }
    let words = diary::words()?;
    let period = Period::weeks(weeks, pregnancy::today());
    let entries = chart::entries_in(&diary, &period);
    let progress = context.progress().unwrap_or_else(|problem| {
        warn(&problem.headline());
        None
    });
    let mut page = Page::new(markup, TITLE, "summary");
    page.push(match progress {
        Some(progress) => markup.fact(&where_we_are(context, progress)),
        None => markup.blank("Weeks pregnant, or since the birth"),
    });
    page.push(markup.blank("My maternity unit's number"));
    page.warnings(sheet, region, context.reader_stage());
    diary_parts(&mut page, &words, &period, &entries);
    questions(&mut page, &diary);
    let tips = relevant(catalog, &words, &entries, progress.map(Progress::stage));
    if !tips.is_empty() {
        page.push(markup.part("Tips for the places in the diary", "tips"));
        page.tips(&tips);
        page.push(markup.part_end());
    }
    Ok(page.finish(
        sheet,
        " The diary shows what was written in it; backcare draws no conclusions from it.",
    ))
}

/// "32+4 weeks pregnant, in the third trimester; due date Wed 20 Jan 2027".
fn where_we_are(context: &crate::commands::Context, progress: Progress) -> String {
    let config = &context.config;
    let (stage, date, day) = match progress.stage() {
        Stage::First => (", in the first trimester", "due date", &config.due_date),
        Stage::Second => (", in the second trimester", "due date", &config.due_date),
        Stage::Third => (", in the third trimester", "due date", &config.due_date),
        Stage::Postpartum => ("", "birth date", &config.birth_date),
    };
    let date = day.as_ref().map_or(String::new(), |day| {
        format!("; {date} {}", day.value.strftime("%a %-d %b %Y"))
    });
    format!("{}{stage}{date}", progress.describe())
}

/// The chart of the period and its entries, or that it has none.
fn diary_parts(page: &mut Page, words: &Words, period: &Period, entries: &[&Entry]) {
    let markup = page.markup;
    let dates = format!(
        "{} to {}",
        period.from.strftime(DAY),
        period.to.strftime("%a %-d %b %Y")
    );
    let pains: Vec<&Entry> = entries
        .iter()
        .copied()
        .filter(|entry| entry.kind != Kind::Question)
        .collect();
    if pains.is_empty() {
        page.push(markup.part("Pain diary", "diary"));
        page.push(markup.paragraph(&format!("No entries from {dates}."), &[]));
        page.push(markup.part_end());
        return;
    }
    page.push(markup.part(&format!("The highest score of each day, {dates}"), "diary"));
    page.push(markup.chart(&chart::days(entries, period)));
    page.push(markup.paragraph(
        "Scores from 0 (no pain) to 10 (the worst imaginable); a day without a number has no entry.",
        &[],
    ));
    let rows: Vec<Vec<String>> = pains
        .iter()
        .map(|entry| {
            let score = match entry.kind {
                Kind::Pain(score) => format!("{score}/10"),
                Kind::Question => String::new(),
            };
            vec![
                entry.local.strftime("%a %-d %b %H:%M").to_string(),
                score,
                place_names(words, &entry.places),
                entry.helped.clone(),
                entry.note.clone(),
            ]
        })
        .collect();
    page.push(markup.subheading("Entries"));
    page.push(markup.table(&["When", "Score", "Where", "What helped", "Note"], &rows));
    page.push(markup.part_end());
}

/// Every question kept (as `diary questions` lists them: a question stays until it is removed).
fn questions(page: &mut Page, diary: &Diary) {
    let mut questions: Vec<&Entry> = diary
        .entries()
        .filter(|entry| entry.kind == Kind::Question)
        .collect();
    if questions.is_empty() {
        return;
    }
    questions.sort_by_key(|entry| entry.at);
    let markup = page.markup;
    page.push(markup.part("My questions", "questions"));
    page.push(markup.list());
    for entry in questions {
        let noted = entry.local.strftime(DAY);
        page.push(markup.item(&format!("{} (noted {noted})", entry.note), &[]));
    }
    page.push(markup.list_end());
    page.push(markup.part_end());
}

/// The tips of the reader's stage (every stage when it is not known; hidden tips left out)
/// that best match the places logged: each place's words from `diary.toml` are searched for,
/// and a tip counts once for each entry naming a place whose word it holds. Ties keep the
/// catalog's order; a diary without places has none.
fn relevant<'c>(
    catalog: &'c Catalog,
    words: &Words,
    entries: &[&Entry],
    stage: Option<Stage>,
) -> Vec<&'c Tip> {
    let prefer = stage.map_or(Preference::Everything, Preference::Stage);
    let Ok(tips) = select::chosen(catalog, &[], None, prefer) else {
        return Vec::new();
    };
    let tips: Vec<&Tip> = tips
        .into_iter()
        .filter(|tip| !catalog.is_hidden(tip))
        .collect();
    let synonyms = Synonyms::builtin();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for place in &words.places {
        let logged = entries
            .iter()
            .filter(|entry| entry.places.contains(&place.id))
            .count();
        if logged == 0 {
            continue;
        }
        for word in &place.words {
            let query = Query::new(std::slice::from_ref(word), &synonyms);
            for tip in search::search(catalog, &tips, &query) {
                *counts.entry(&tip.id).or_default() += logged;
            }
        }
    }
    let mut ranked: Vec<(usize, &Tip)> = tips
        .into_iter()
        .filter_map(|tip| counts.get(&*tip.id).map(|count| (*count, tip)))
        .collect();
    // A stable sort keeps the catalog's order among equals.
    ranked.sort_by_key(|(count, _)| Reverse(*count));
    ranked.into_iter().take(TIPS).map(|(_, tip)| tip).collect()
}
