//! `backcare status`: the week, stage and region in use, and the files backcare reads and
//! writes.

use std::path::PathBuf;

use super::{Context, emit};
use crate::config::StoppedBy;
use crate::error::{Error, Exit};
use crate::output::{self, json};
use crate::pregnancy::Progress;
use crate::state::State;
use crate::tips::Catalog;
use crate::warning_signs;
use crate::warning_signs::RegionFrom;

// `status` shows every setting, so any problem with one is its answer.
pub const STOPPED_BY: StoppedBy = StoppedBy::Anything;

pub fn run(context: &Context) -> Result<Exit, Error> {
    let progress = context.progress()?;
    let sheet = warning_signs::sheet().map_err(Error::Other)?;
    let (region, region_from) =
        crate::warning_signs::resolve_region(&sheet, None, context.config.region.as_ref())?;
    let state_file = context.paths.state_file();
    // A list that cannot be read is an error here: `status` shows every setting.
    let hidden_count = context.hidden()?.ids.len();
    let last_shown = state_file
        .as_deref()
        .and_then(|path| State::load(path).0.last_shown);
    // When the start-up snippet will next show a tip (Unix seconds), if a frequency is set.
    let next_startup_tip = context
        .config
        .every
        .filter(|every| !every.0.is_zero())
        .and_then(|every| last_shown?.checked_add(every.0.as_secs()));
    let shown = |path: Option<PathBuf>| {
        path.map_or("unknown (no home directory)".to_string(), |path| {
            path.display().to_string()
        })
    };
    let tip_files: Vec<String> = context
        .tip_files()
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    let skipped = context.skipped_files();
    let reviewed = Catalog::builtin_about().reviewed.as_deref();
    let date = |setting: &Option<crate::config::Located<jiff::civil::Date>>| {
        setting.as_ref().map(|date| date.value.to_string())
    };
    if context.global.json {
        #[derive(serde::Serialize)]
        struct SkippedObject {
            path: String,
            reason: String,
        }
        #[derive(serde::Serialize)]
        struct Status<'a> {
            due_date: Option<String>,
            birth_date: Option<String>,
            progress: Option<String>,
            /// Completed weeks (of pregnancy, or since the birth) and the days beyond them.
            weeks: Option<u32>,
            days: Option<u32>,
            stage: Option<&'static str>,
            region: &'a str,
            config_file: String,
            state_file: String,
            hidden_file: String,
            hidden: usize,
            last_shown: Option<u64>,
            every: Option<String>,
            daily: bool,
            next_startup_tip: Option<u64>,
            pelvic_girdle_pain: bool,
            stretch_reminder: bool,
            tip_files: &'a [String],
            skipped_files: Vec<SkippedObject>,
            builtin: bool,
            builtin_reviewed: Option<&'a str>,
        }
        let (weeks, days) = progress.map(Progress::weeks_and_days).unzip();
        emit(&json::render(&Status {
            due_date: date(&context.config.due_date),
            birth_date: date(&context.config.birth_date),
            progress: progress.map(Progress::describe),
            weeks,
            days,
            stage: progress.map(|progress| progress.stage().name()),
            region: &region.id,
            config_file: shown(context.paths.config_file()),
            state_file: shown(state_file),
            hidden_file: shown(context.paths.hidden_file()),
            hidden: hidden_count,
            last_shown,
            every: context.config.every.map(|every| every.to_string()),
            daily: context.config.daily,
            next_startup_tip,
            pelvic_girdle_pain: context.config.pelvic_girdle_pain,
            stretch_reminder: context.config.stretch_reminder,
            tip_files: &tip_files,
            skipped_files: skipped
                .iter()
                .map(|skipped| SkippedObject {
                    path: skipped.path.display().to_string(),
                    reason: skipped.reason.clone(),
                })
                .collect(),
            builtin: !context.global.no_builtin,
            builtin_reviewed: reviewed,
        }))?;
        return Ok(Exit::Success);
    }
    let style = &context.screen.style;
    let mut text = String::new();
    let pregnancy = match progress {
        Some(progress) => {
            let dates = match (date(&context.config.birth_date), date(&context.config.due_date)) {
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
        None => "no due date set, so backcare assumes pregnancy and keeps tips for after the birth back (add due_date = \"YYYY-MM-DD\" to the config file, and birth_date once your baby is born)".to_string(),
    };
    let mut line = |label: &str, value: &str| {
        // Not wrapped: paths stay whole, so they can be copied.
        let value = output::sanitize::visible(value);
        text.push_str(&format!("{} {value}\n", style.heading(label)));
    };
    line("Pregnancy:", &pregnancy);
    line(
        "Region:",
        &match region_from {
            RegionFrom::Nowhere => region_from.describe().to_string(),
            _ => format!("{} ({})", region.name, region_from.describe()),
        },
    );
    line("Config file:", &shown(context.paths.config_file()));
    line("State file:", &shown(state_file));
    line(
        "Hidden tips:",
        &format!("{} in {}", hidden_count, shown(context.paths.hidden_file())),
    );
    // A hand-edited state file may hold any number: one that is no time jiff can show is
    // printed as it is, never wrapped round to 1969.
    let local_time = |seconds: u64| {
        i64::try_from(seconds)
            .ok()
            .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
            .map(|time| {
                time.to_zoned_datetime(jiff::tz::TimeZone::system())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_else(|| format!("{seconds} (not a time backcare can show)"))
    };
    line(
        "Last tip shown:",
        &last_shown.map_or("never".to_string(), local_time),
    );
    let mode = if context.config.daily {
        "the same tip all day, "
    } else {
        ""
    };
    let startup = match (context.config.every, next_startup_tip) {
        (Some(every), Some(next)) if next > crate::state::now() => format!(
            "{mode}at most one every {every}; the next at a shell start from {}",
            local_time(next)
        ),
        (Some(every), _) if !every.0.is_zero() => {
            format!("{mode}at most one every {every}; the next at the next shell start")
        }
        _ => format!("{mode}one at every shell start (set `every` to show fewer)"),
    };
    line("Start-up tips:", &startup);
    let stretch = match (
        context.config.pelvic_girdle_pain,
        context.config.stretch_reminder,
    ) {
        (false, false) => "every exercise that suits your stage; no reminder",
        (true, false) => "no wide-leg movements (pelvic_girdle_pain); no reminder",
        (false, true) => {
            "every exercise that suits your stage; a reminder in work hours (stretch_reminder)"
        }
        (true, true) => {
            "no wide-leg movements (pelvic_girdle_pain); a reminder in work hours (stretch_reminder)"
        }
    };
    line("Stretch sessions:", stretch);
    let builtin = match (context.global.no_builtin, reviewed) {
        (true, _) => "left out".to_string(),
        (false, Some(date)) => format!("in use (last reviewed {date})"),
        (false, None) => "in use".to_string(),
    };
    line("Built-in tips:", &builtin);
    // Each file with who it is from, where its `[about]` says (a file that does not load
    // is named bare; `check` tells what is wrong with it).
    let groups = crate::tips::files::load(true, &context.tip_files())
        .map(|catalog| catalog.about)
        .unwrap_or_default();
    let named: Vec<String> = tip_files
        .iter()
        .map(
            |path| match groups.get(path).and_then(|about| about.name.as_deref()) {
                Some(name) => format!("{path} ({})", crate::output::sanitize::one_line(name)),
                None => path.clone(),
            },
        )
        .collect();
    let files = if named.is_empty() {
        "none".to_string()
    } else {
        named.join(", ")
    };
    line("Your tips files:", &files);
    for skipped in &skipped {
        line(
            "Skipped:",
            &format!("{} {}", skipped.path.display(), skipped.reason),
        );
    }
    emit(&text)?;
    Ok(Exit::Success)
}
