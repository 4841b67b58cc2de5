//! `backcare status`: the week, stage and region in use, the files backcare reads and
//! writes, and the desktop reminders.

use std::path::PathBuf;

use super::{Context, emit};
use crate::config::Located;
use crate::config::StoppedBy;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Exit};
use crate::output::{Style, json};
use crate::pregnancy::Progress;
use crate::state::State;
use crate::tips::Catalog;
use crate::warning_signs;
use crate::warning_signs::RegionFrom;

// `status` shows every setting, so any problem with one is its answer.
pub const STOPPED_BY: StoppedBy = StoppedBy::Anything;

pub fn run(context: &Context) -> Result<Exit, Error> {
    let status = Status::gather(context)?;
    if context.global.json {
        emit(&json::render(&status))?;
    } else {
        emit(&status.text(&context.screen.style))?;
    }
    Ok(Exit::Success)
}

#[derive(serde::Serialize)]
struct SkippedObject {
    path: String,
    reason: String,
}

/// Everything `status` tells, as its JSON has it (and what only the text needs, skipped).
#[derive(serde::Serialize)]
struct Status {
    due_date: Option<String>,
    birth_date: Option<String>,
    progress: Option<String>,
    /// Completed weeks (of pregnancy, or since the birth) and the days beyond them.
    weeks: Option<u32>,
    days: Option<u32>,
    stage: Option<&'static str>,
    region: String,
    config_file: String,
    state_file: String,
    hidden_file: String,
    hidden: usize,
    diary_file: String,
    diary_entries: usize,
    last_shown: Option<u64>,
    every: Option<String>,
    daily: bool,
    next_startup_tip: Option<u64>,
    pelvic_girdle_pain: bool,
    stretch_reminder: bool,
    tip_files: Vec<String>,
    skipped_files: Vec<SkippedObject>,
    builtin: bool,
    builtin_reviewed: Option<&'static str>,
    /// The topics start-up tips come from (`None`: every topic), and those no file declares.
    topics: Option<Vec<String>>,
    unknown_topics: Vec<String>,
    reminders: super::remind::Report,
    #[serde(skip)]
    stage_progress: Option<Progress>,
    #[serde(skip)]
    region_told: String,
    #[serde(skip)]
    every_is_set: bool,
    /// Who each tips file is from, where its `[about]` says.
    #[serde(skip)]
    file_names: Vec<String>,
}

/// Where the diary is, and how many entries it holds.
fn diary(context: &Context) -> Result<(String, usize), Error> {
    let path = context.paths.diary_file();
    let entries = match &path {
        Some(path) => crate::diary::Diary::load(path)?.entries().count(),
        None => 0,
    };
    Ok((shown(path), entries))
}

fn skipped_files(context: &Context) -> Vec<SkippedObject> {
    context
        .skipped_files()
        .into_iter()
        .map(|skipped| SkippedObject {
            path: skipped.path.display().to_string(),
            reason: skipped.reason,
        })
        .collect()
}

fn shown(path: Option<PathBuf>) -> String {
    path.map_or("unknown (no home directory)".to_string(), |path| {
        path.display().to_string()
    })
}

impl Status {
    fn gather(context: &Context) -> Result<Status, Error> {
        let progress = context.progress()?;
        let sheet = warning_signs::sheet().map_err(Error::Other)?;
        let (region, from) =
            warning_signs::resolve_region(&sheet, None, context.config.region.as_ref())?;
        let state_file = context.paths.state_file();
        // A list that cannot be read is an error here: `status` shows every setting.
        let hidden = context.hidden()?.ids.len();
        let (diary_file, diary_entries) = diary(context)?;
        let last_shown = state_file
            .as_deref()
            .and_then(|path| State::load(path).0.last_shown);
        let config = &context.config;
        let every = config.every.filter(|every| !every.0.is_zero());
        // The tips files, loaded once for who they are from, whether they have problems and
        // the topics they declare.
        let loaded = crate::tips::files::load(!context.global.no_builtin, &context.tip_files());
        let tip_files: Vec<String> = context
            .tip_files()
            .iter()
            .map(|path| path.display().to_string())
            .collect();
        let date = |setting: &Option<Located<jiff::civil::Date>>| {
            setting.as_ref().map(|date| date.value.to_string())
        };
        let (weeks, days) = progress.map(Progress::weeks_and_days).unzip();
        Ok(Status {
            due_date: date(&config.due_date),
            birth_date: date(&config.birth_date),
            progress: progress.map(Progress::describe),
            weeks,
            days,
            stage: progress.map(|progress| progress.stage().name()),
            region: region.id.clone(),
            config_file: shown(context.paths.config_file()),
            state_file: shown(state_file),
            hidden_file: shown(context.paths.hidden_file()),
            hidden,
            diary_file,
            diary_entries,
            last_shown,
            every: config.every.map(|every| every.to_string()),
            daily: config.daily,
            // When the start-up snippet will next show a tip (Unix seconds).
            next_startup_tip: every.and_then(|every| last_shown?.checked_add(every.0.as_secs())),
            pelvic_girdle_pain: config.pelvic_girdle_pain,
            stretch_reminder: config.stretch_reminder,
            file_names: named_files(&tip_files, &loaded),
            tip_files,
            skipped_files: skipped_files(context),
            builtin: !context.global.no_builtin,
            builtin_reviewed: Catalog::builtin_about().reviewed.as_deref(),
            topics: config.topics.as_ref().map(|topics| topics.value.clone()),
            // A tips file with problems is told on its own line instead.
            unknown_topics: loaded
                .as_ref()
                .map(|catalog| config.unknown_topics(catalog))
                .unwrap_or_default()
                .into_iter()
                .map(|problem| problem.message)
                .collect(),
            reminders: super::remind::Report::gather(context, super::remind::this_desktop()),
            stage_progress: progress,
            region_told: match from {
                RegionFrom::Nowhere => from.describe().to_string(),
                _ => format!("{} ({})", region.name, from.describe()),
            },
            every_is_set: every.is_some(),
        })
    }

    fn text(&self, style: &Style) -> String {
        let mut text = String::new();
        let mut line = |label: &str, value: &str| {
            // Not wrapped: paths stay whole, so they can be copied.
            let value = crate::sanitize::visible(value);
            text.push_str(&format!("{} {value}\n", style.heading(label)));
        };
        line("Pregnancy:", &self.pregnancy());
        line("Region:", &self.region_told);
        line("Config file:", &self.config_file);
        line("State file:", &self.state_file);
        line(
            "Hidden tips:",
            &format!("{} in {}", self.hidden, self.hidden_file),
        );
        line(
            "Pain diary:",
            &format!("{} entries in {}", self.diary_entries, self.diary_file),
        );
        line(
            "Last tip shown:",
            &self.last_shown.map_or("never".to_string(), local_time),
        );
        line("Start-up tips:", &self.startup());
        let topics = match &self.topics {
            Some(topics) => topics.join(", "),
            None => "every topic".to_string(),
        };
        line("Tip topics:", &topics);
        for unknown in &self.unknown_topics {
            line("Problem:", unknown);
        }
        line("Stretch sessions:", self.stretch());
        let builtin = match (self.builtin, self.builtin_reviewed) {
            (false, _) => "left out".to_string(),
            (true, Some(date)) => format!("in use (last reviewed {date})"),
            (true, None) => "in use".to_string(),
        };
        line("Built-in tips:", &builtin);
        let files = match self.file_names.is_empty() {
            true => "none".to_string(),
            false => self.file_names.join(", "),
        };
        line("Your tips files:", &files);
        for skipped in &self.skipped_files {
            line("Skipped:", &format!("{} {}", skipped.path, skipped.reason));
        }
        text.push_str(&self.reminders.text(style));
        text
    }

    fn pregnancy(&self) -> String {
        let Some(progress) = self.stage_progress else {
            return "no due date set, so backcare assumes pregnancy and keeps tips for after the birth back (run `backcare config set due_date YYYY-MM-DD`, and set birth_date once your baby is born)".to_string();
        };
        let dates = match (&self.birth_date, &self.due_date) {
            (Some(birth), _) => format!("born {birth}"),
            (None, Some(due)) => format!("due {due}"),
            (None, None) => String::new(),
        };
        format!(
            "{} ({dates}); tips for the {} stage",
            progress.describe(),
            progress.stage().name()
        )
    }

    fn startup(&self) -> String {
        let mode = if self.daily {
            "the same tip all day, "
        } else {
            ""
        };
        match (&self.every, self.next_startup_tip) {
            (Some(every), Some(next)) if next > crate::state::now() => format!(
                "{mode}at most one every {every}; the next at a shell start from {}",
                local_time(next)
            ),
            (Some(every), _) if self.every_is_set => {
                format!("{mode}at most one every {every}; the next at the next shell start")
            }
            _ => format!("{mode}one at every shell start (set `every` to show fewer)"),
        }
    }

    fn stretch(&self) -> &'static str {
        match (self.pelvic_girdle_pain, self.stretch_reminder) {
            (false, false) => "every exercise that suits your stage; no reminder",
            (true, false) => "no wide-leg movements (pelvic_girdle_pain); no reminder",
            (false, true) => {
                "every exercise that suits your stage; a reminder in work hours (stretch_reminder)"
            }
            (true, true) => {
                "no wide-leg movements (pelvic_girdle_pain); a reminder in work hours (stretch_reminder)"
            }
        }
    }
}

/// A time from the state file, local. A hand-edited state file may hold any number: one that
/// is no time jiff can show is printed as it is, never wrapped round to 1969.
fn local_time(seconds: u64) -> String {
    i64::try_from(seconds)
        .ok()
        .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
        .map(|time| {
            time.to_zoned_datetime(jiff::tz::TimeZone::system())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|| format!("{seconds} (not a time backcare can show)"))
}

/// Each file with who it is from, where its `[about]` says (a file that does not load is
/// named bare; `check` tells what is wrong with it).
fn named_files(paths: &[String], loaded: &Result<Catalog, Vec<Diagnostic>>) -> Vec<String> {
    let (groups, broken) = match loaded {
        Ok(catalog) => (&catalog.about, &[][..]),
        Err(problems) => (&Default::default(), problems.as_slice()),
    };
    paths
        .iter()
        .map(|path| {
            if broken.iter().any(|problem| &problem.path == path) {
                return format!("{path} (has problems: run `backcare check`)");
            }
            match groups.get(path).and_then(|about| about.name.as_deref()) {
                Some(name) => format!("{path} ({})", crate::sanitize::one_line(name)),
                None => path.clone(),
            }
        })
        .collect()
}
