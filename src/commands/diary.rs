//! `backcare diary`: the pain diary at a glance (one row per day, with the day's highest
//! score and the places), then its entries and the questions kept for the next appointment;
//! as JSON or CSV too. `diary edit`, `remove`, `questions` and `forget` look after it.
//! Nothing is derived from the entries: the diary records, the person and their midwife
//! interpret.

use std::io::{self, IsTerminal};
use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;

use super::{Context, emit, warn};
use crate::cli::{DiaryAction, DiaryArgs, DiaryView};
use crate::config::StoppedBy;
use crate::diary::chart::{self, Day, Period};
use crate::diary::{
    self, Diary, Entry, Kind, Words, checked_places, clean_text as text, place_names,
};
use crate::error::{Error, Exit};
use crate::output::json;
use crate::pregnancy::{self, Progress};
use crate::sanitize::one_line;

pub const STOPPED_BY: StoppedBy = StoppedBy::Nothing;

/// How many unreadable lines are named one by one.
const NAMED_PROBLEMS: usize = 5;

pub fn run(context: &Context, args: &DiaryArgs) -> Result<Exit, Error> {
    let path = diary::path(&context.paths)?;
    let words = diary::words()?;
    match &args.action {
        None => show(context, &words, &path, &args.view),
        Some(DiaryAction::Questions) => questions(context, &path),
        Some(DiaryAction::Remove { id }) => {
            let removed = diary::rewrite(&path, |diary| {
                diary.remove(*id).ok_or_else(|| not_found(*id))
            })?;
            done(context, "Removed", &words, &removed)
        }
        Some(DiaryAction::Edit {
            id,
            score,
            places,
            note,
            helped,
            question,
        }) => {
            let change = Change {
                score: *score,
                places: places.as_deref(),
                note: note.as_deref(),
                helped: helped.as_deref(),
                question: question.as_deref(),
            };
            let edited = diary::rewrite(&path, |diary| change.apply(&words, diary, *id))?;
            done(context, "Changed", &words, &edited)
        }
        Some(DiaryAction::Forget { yes }) => forget(context, &path, *yes),
    }
}

fn not_found(id: u64) -> Error {
    Error::NotFound(format!(
        "no entry #{id} in the diary (backcare diary --all lists them)"
    ))
}

fn done(context: &Context, what: &str, words: &Words, entry: &Entry) -> Result<Exit, Error> {
    if context.global.json {
        emit(&json::render(&entry.object()))?;
    } else {
        emit(&format!(
            "{what} #{}: {}\n",
            entry.id,
            summary(words, entry)
        ))?;
    }
    Ok(Exit::Success)
}

/// What `diary edit` changes.
struct Change<'a> {
    score: Option<u8>,
    places: Option<&'a [String]>,
    note: Option<&'a str>,
    helped: Option<&'a str>,
    question: Option<&'a str>,
}

impl Change<'_> {
    fn apply(&self, words: &Words, diary: &mut Diary, id: u64) -> Result<Entry, Error> {
        let entry = diary.get_mut(id).ok_or_else(|| not_found(id))?;
        let nothing = self.score.is_none()
            && self.places.is_none()
            && self.note.is_none()
            && self.helped.is_none()
            && self.question.is_none();
        if nothing {
            return Err(Error::Usage(
                "say what to change: --score, --where, --note, --helped, or --question for a question".to_string(),
            ));
        }
        match entry.kind {
            Kind::Question
                if self.score.is_some()
                    || self.places.is_some()
                    || self.note.is_some()
                    || self.helped.is_some() =>
            {
                return Err(Error::Usage(format!(
                    "#{id} is a question: change it with --question"
                )));
            }
            Kind::Pain(_) if self.question.is_some() => {
                return Err(Error::Usage(format!(
                    "#{id} is not a question: --question does not apply"
                )));
            }
            _ => {}
        }
        if let Some(score) = self.score {
            entry.kind = Kind::Pain(score);
        }
        if let Some(places) = self.places {
            entry.places = checked_places(words, places).map_err(Error::Usage)?;
        }
        if let Some(note) = self.note.or(self.question) {
            entry.note = text("--note", note)?;
        }
        if let Some(helped) = self.helped {
            entry.helped = text("--helped", helped)?;
        }
        Ok(entry.clone())
    }
}

/// An entry in one line: "6/10 in the lower back and hip, Mon 30 Nov 21:00".
fn summary(words: &Words, entry: &Entry) -> String {
    let when = entry.local.strftime("%a %-d %b %Y %H:%M");
    match entry.kind {
        Kind::Question => format!("the question \"{}\", {when}", one_line(&entry.note)),
        Kind::Pain(score) => match place_names(words, &entry.places) {
            names if names.is_empty() => format!("{score}/10, {when}"),
            names => format!("{score}/10 in the {names}, {when}"),
        },
    }
}

/// The period the view asks for, up to today.
fn period(view: &DiaryView, diary: &Diary, today: Date) -> Result<Period, Error> {
    if let Some(since) = &view.since {
        let from: Date = since.parse().map_err(|_| {
            Error::Usage(format!(
                "--since {}: write a date as YYYY-MM-DD",
                crate::sanitize::visible(since)
            ))
        })?;
        return Ok(Period {
            from: from.min(today),
            to: today,
        });
    }
    if view.all {
        let first = diary.entries().map(|entry| entry.local.date()).min();
        return Ok(Period {
            from: first.unwrap_or(today).min(today),
            to: today,
        });
    }
    Ok(Period::weeks(view.weeks.unwrap_or(4), today))
}

/// Weeks pregnant ("25+1") or after the birth ("pp 2+3") on `day`, where a date is set.
pub fn week_label(context: &Context, day: Date) -> Option<String> {
    let progress = context.progress_on(day).ok()??;
    let (weeks, days) = progress.weeks_and_days();
    Some(match progress {
        Progress::Pregnant { .. } => format!("{weeks}+{days}"),
        Progress::AfterBirth { .. } => format!("pp {weeks}+{days}"),
    })
}

fn show(context: &Context, words: &Words, path: &Path, view: &DiaryView) -> Result<Exit, Error> {
    let diary = Diary::load(path)?;
    let problems = diary.problems(path);
    for problem in problems.iter().take(NAMED_PROBLEMS) {
        warn(problem);
    }
    if problems.len() > NAMED_PROBLEMS {
        warn(&format!(
            "and {} more lines like these",
            problems.len() - NAMED_PROBLEMS
        ));
    }
    let period = period(view, &diary, pregnancy::today())?;
    let entries = chart::entries_in(&diary, &period);
    let days = chart::days(&entries, &period);
    if view.csv {
        emit(&csv(&entries))?;
    } else if context.global.json {
        emit(&json_view(context, path, &diary, &period, &days, &entries))?;
    } else if diary.entries().next().is_none() {
        emit(&context.screen.wrap(
            "Your diary is empty. Write down how your back is with backcare log SCORE --where PLACE (0 is no pain, 10 the worst imaginable); it stays on this computer.\n",
            "",
        ))?;
    } else {
        context.emit_long(&text_view(context, words, path, &period, &days, &entries))?;
    }
    Ok(Exit::Success)
}

fn text_view(
    context: &Context,
    words: &Words,
    path: &Path,
    period: &Period,
    days: &[Day],
    entries: &[&Entry],
) -> String {
    let screen = &context.screen;
    let style = &screen.style;
    let mut out = style.heading(&format!(
        "Your back from {} to {}: the highest score of each day",
        period.from.strftime("%a %-d %b"),
        period.to.strftime("%a %-d %b %Y")
    ));
    out.push('\n');
    out.push_str(&days_text(context, words, days));
    let (questions, pains): (Vec<&Entry>, Vec<&Entry>) = entries
        .iter()
        .partition(|entry| entry.kind == Kind::Question);
    out.push('\n');
    if pains.is_empty() {
        out.push_str("No entries in these days; backcare diary --all shows every one.\n");
    } else {
        out.push_str(&style.heading("Entries"));
        out.push('\n');
        for entry in pains {
            out.push_str(&entry_text(context, words, entry));
        }
    }
    if !questions.is_empty() {
        out.push('\n');
        out.push_str(&style.heading("Questions for your next appointment"));
        out.push('\n');
        for entry in questions {
            out.push_str(&entry_text(context, words, entry));
        }
    }
    out.push('\n');
    out.push_str(&style.dim(&screen.wrap(
        &format!(
            "Your diary: {}, on this computer only. Add to it with backcare log SCORE.",
            crate::sanitize::visible(&path.display().to_string())
        ),
        "",
    )));
    out.push('\n');
    out
}

/// One row a day: the week, the date, the day's highest score as a number and a bar, and
/// the places; then what the week numbers mean.
fn days_text(context: &Context, words: &Words, days: &[Day]) -> String {
    let screen = &context.screen;
    let style = &screen.style;
    let mut out = String::new();
    let labels: Vec<Option<String>> = days
        .iter()
        .map(|day| week_label(context, day.date))
        .collect();
    let week_width = labels.iter().flatten().map(String::len).max().unwrap_or(0);
    for (day, label) in days.iter().zip(&labels) {
        let week = match week_width {
            0 => String::new(),
            width => format!("{:>width$}  ", label.as_deref().unwrap_or("")),
        };
        let date = day.date.strftime("%a %e %b").to_string();
        let row = match day.highest {
            Some(score) => format!(
                "{:>2}  {}  {}",
                score,
                paint(style, score, &chart::bar(score)),
                place_names(words, &day.places)
            ),
            None => style.dim(" ·"),
        };
        out.push_str(&format!("{}{date}  {row}\n", style.dim(&week)));
    }
    let after_birth = labels.iter().flatten().any(|label| label.starts_with("pp"));
    let legend = match after_birth {
        false => "Weeks as midwives write them: 25+1 is 25 weeks and 1 day.",
        true => {
            "Weeks as midwives write them: 25+1 is 25 weeks and 1 day; pp 2+3 is 2 weeks and 3 days after the birth."
        }
    };
    if week_width > 0 {
        out.push_str(&style.dim(&screen.wrap(legend, "")));
        out.push('\n');
    }
    out
}

/// A high score stands out; the colour is a reading aid only (the number is always there).
fn paint(style: &crate::output::Style, score: u8, bar: &str) -> String {
    if score >= 7 {
        style.alert(bar)
    } else {
        bar.to_string()
    }
}

/// `#12  Mon 30 Nov 21:00  6/10  lower back, hip`, then what helped and the note.
fn entry_text(context: &Context, words: &Words, entry: &Entry) -> String {
    let style = &context.screen.style;
    let when = entry.local.strftime("%a %e %b %H:%M").to_string();
    let head = match entry.kind {
        Kind::Pain(score) => format!("{}/10  {}", score, place_names(words, &entry.places)),
        Kind::Question => one_line(&entry.note),
    };
    let mut out = context.screen.wrap_hanging(
        &format!(
            "{}  {when}  {}",
            style.id(&format!("#{}", entry.id)),
            head.trim_end()
        ),
        "",
        "      ",
    );
    out.push('\n');
    let mut more = Vec::new();
    if !entry.helped.is_empty() {
        more.push(format!("helped: {}", one_line(&entry.helped)));
    }
    if entry.kind != Kind::Question && !entry.note.is_empty() {
        more.push(one_line(&entry.note));
    }
    if !more.is_empty() {
        out.push_str(&context.screen.wrap(&more.join(". "), "      "));
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct DayObject {
    date: String,
    week: Option<String>,
    highest: Option<u8>,
    #[serde(rename = "where")]
    places: Vec<String>,
}

#[derive(Serialize)]
struct UnreadableObject<'a> {
    line: usize,
    problem: &'a str,
}

#[derive(Serialize)]
struct DiaryObject<'a> {
    file: String,
    from: String,
    to: String,
    days: Vec<DayObject>,
    entries: Vec<diary::EntryObject<'a>>,
    unreadable: Vec<UnreadableObject<'a>>,
}

fn json_view(
    context: &Context,
    path: &Path,
    diary: &Diary,
    period: &Period,
    days: &[Day],
    entries: &[&Entry],
) -> String {
    json::render(&DiaryObject {
        file: path.display().to_string(),
        from: period.from.to_string(),
        to: period.to.to_string(),
        days: days
            .iter()
            .map(|day| DayObject {
                date: day.date.to_string(),
                week: week_label(context, day.date),
                highest: day.highest,
                places: day.places.clone(),
            })
            .collect(),
        entries: entries.iter().map(|entry| entry.object()).collect(),
        unreadable: diary
            .unreadable
            .iter()
            .map(|unreadable| UnreadableObject {
                line: unreadable.line,
                problem: &unreadable.why,
            })
            .collect(),
    })
}

/// The entries as CSV (RFC 4180), the diary's columns. A cell a spreadsheet would take for a
/// formula (`=`, `+`, `-`, `@` first) is written with a `'` before it.
fn csv(entries: &[&Entry]) -> String {
    let mut out = diary::COLUMNS.join(",");
    out.push_str("\r\n");
    for entry in entries {
        let object = entry.object();
        let cells = [
            object.id.to_string(),
            object.time.to_string(),
            object.kind.to_string(),
            object
                .score
                .map(|score| score.to_string())
                .unwrap_or_default(),
            object.places.join(","),
            object.helped.to_string(),
            object.note.to_string(),
        ];
        let cells: Vec<String> = cells.iter().map(|cell| csv_cell(cell)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_cell(cell: &str) -> String {
    let cell = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

fn questions(context: &Context, path: &Path) -> Result<Exit, Error> {
    let diary = Diary::load(path)?;
    let mut questions: Vec<&Entry> = diary
        .entries()
        .filter(|entry| entry.kind == Kind::Question)
        .collect();
    questions.sort_by_key(|entry| entry.at);
    if context.global.json {
        let objects: Vec<diary::EntryObject> =
            questions.iter().map(|entry| entry.object()).collect();
        emit(&json::render(&objects))?;
        return Ok(Exit::Success);
    }
    if questions.is_empty() {
        emit(
            "No questions kept. backcare log --question \"Can I still swim?\" keeps one for your next appointment.\n",
        )?;
        return Ok(Exit::Success);
    }
    let mut out = String::new();
    for entry in questions {
        let line = format!(
            "{}  {}  {}",
            context.screen.style.id(&format!("#{}", entry.id)),
            entry.local.strftime("%a %e %b"),
            one_line(&entry.note)
        );
        out.push_str(&context.screen.wrap_hanging(&line, "", "      "));
        out.push('\n');
    }
    emit(&out)?;
    Ok(Exit::Success)
}

fn forget(context: &Context, path: &Path, yes: bool) -> Result<Exit, Error> {
    if !path.exists() {
        emit("There is no diary to forget.\n")?;
        return Ok(Exit::Success);
    }
    if !yes {
        if !io::stdin().is_terminal() {
            return Err(Error::Usage(
                "diary forget asks you to type `forget` on a terminal; to delete the diary without asking, add --yes".to_string(),
            ));
        }
        let count = Diary::load(path)?.entries().count();
        eprint!(
            "This deletes your whole diary ({count} entries, {}) for good. Type forget to go on: ",
            crate::sanitize::visible(&path.display().to_string())
        );
        let mut answer = String::new();
        let _ = io::stdin().read_line(&mut answer);
        if answer.trim() != "forget" {
            emit("Nothing was deleted.\n")?;
            return Ok(Exit::NothingFound);
        }
    }
    diary::forget(path)?;
    if context.global.json {
        emit(&json::render(
            &serde_json::json!({ "forgotten": path.display().to_string() }),
        ))?;
    } else {
        emit(&format!(
            "Your diary is deleted ({}).\n",
            crate::sanitize::visible(&path.display().to_string())
        ))?;
    }
    Ok(Exit::Success)
}
