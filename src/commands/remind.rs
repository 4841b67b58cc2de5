//! `backcare remind`: a nudge to move, on the desktop, in work hours. `on` writes the
//! timetable to the config (as `config set` does) and a timer that runs `remind now` (a systemd
//! user timer, or a LaunchAgent on macOS; where neither can be set up, crontab lines to add);
//! `now` sends one notification at low urgency, replacing the last; `off` removes the timer
//! and its files, or with `--today` keeps today quiet; `status` tells all of it.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Context, emit, warn};
use crate::cli::{Desktop, RemindAction, RemindArgs, RemindOnArgs, StageArgs};
use crate::config::{Config, Setting, StoppedBy};
use crate::config_file::write;
use crate::error::{Error, Exit};
use crate::os::describe;
use crate::os::desktop::{self, run as spawn};
use crate::os::replace::{Durability, replace_file};
use crate::remind::units::{self, LABEL, TIMER};
use crate::remind::{Memory, local_date, nudge};
use crate::sanitize::visible;
use crate::schedule::Schedule;
use crate::select::{pickable, tip_topics};
use crate::{select, state};

// `off` and `status` work whatever the config says; `on` and `now` look at the timetable's
// settings themselves.
pub const STOPPED_BY: StoppedBy = StoppedBy::Nothing;

/// The settings the timetable is made of.
const TIMETABLE: [Setting; 3] = [
    Setting::RemindEvery,
    Setting::RemindHours,
    Setting::RemindDays,
];

/// The desktop backcare runs on.
pub fn this_desktop() -> Desktop {
    match cfg!(target_os = "macos") {
        true => Desktop::Macos,
        false => Desktop::Freedesktop,
    }
}

pub fn run(context: &Context, args: &RemindArgs) -> Result<Exit, Error> {
    let desktop = args.desktop.unwrap_or_else(this_desktop);
    let action = args.action.as_ref().unwrap_or(&RemindAction::Status);
    if context.global.json && !matches!(action, RemindAction::Status) {
        return Err(Error::Usage(
            "--json is only for `remind status`".to_string(),
        ));
    }
    match action {
        RemindAction::On(on_args) => on(context, desktop, on_args),
        RemindAction::Off { today } => off(context, desktop, *today),
        RemindAction::Now { force, at } => {
            now(context, desktop, *force, at.unwrap_or_else(state::now))
        }
        RemindAction::Status => {
            let report = Report::gather(context, desktop);
            match context.global.json {
                true => emit(&crate::output::json::render(&report))?,
                false => emit(&report.text(&context.screen.style))?,
            };
            Ok(Exit::Success)
        }
    }
}

/// The directory the timer's files go in, and their paths.
fn places(context: &Context, desktop: Desktop) -> Result<(PathBuf, Vec<PathBuf>), Error> {
    let dir = match desktop {
        Desktop::Freedesktop => &context.paths.systemd_dir,
        Desktop::Macos => &context.paths.launch_agents_dir,
    };
    let dir = dir.clone().ok_or_else(|| {
        Error::Other("no home directory is known, so reminders have nowhere to go".to_string())
    })?;
    let paths = units::paths(desktop, &dir);
    Ok((dir, paths))
}

fn on(context: &Context, desktop: Desktop, args: &RemindOnArgs) -> Result<Exit, Error> {
    let (dir, paths) = places(context, desktop)?;
    for path in paths.iter().filter(|path| !args.force && path.exists()) {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if units::unchanged(&text) != Some(true) {
            return Err(Error::Other(format!(
                "{} was changed by hand (or not written by backcare), so it is left as it is: `backcare remind on --force` replaces it; nothing was changed",
                visible(&path.display().to_string())
            )));
        }
    }
    let flags = [&args.every, &args.hours, &args.days];
    let given: Vec<(Setting, &str)> = TIMETABLE
        .into_iter()
        .zip(flags)
        .filter_map(|(setting, value)| Some((setting, value.as_deref()?)))
        .collect();
    // Checked and written as `config set` does it, then read back as every run will read it.
    let written = match given.is_empty() {
        true => String::new(),
        false => write(context, &given)?,
    };
    let schedule = timetable(context)?;
    let exe = std::env::current_exe()
        .map_err(|error| Error::Other(format!("cannot tell where backcare is: {error}")))?;
    let program = units::program(&exe).map_err(Error::Other)?;
    let files = units::files(desktop, &dir, &program, &schedule);
    for unit in &files {
        std::fs::create_dir_all(&dir)
            .and_then(|()| replace_file(&unit.path, unit.text.as_bytes(), Durability::Synced))
            .map_err(|error| {
                let path = visible(&unit.path.display().to_string()).into_owned();
                Error::Other(format!("cannot write {path}: {}", describe(&error)))
            })?;
    }
    emit(&written)?;
    if let Err(why) = enable(desktop, &files[0].path) {
        remove(&dir, &paths);
        warn(&format!(
            "reminders are not set up: {why}; nothing was installed. These crontab lines do the same (add them with `crontab -e`):"
        ));
        emit(&(units::crontab(&program, &schedule).join("\n") + "\n"))?;
        return Ok(Exit::Success);
    }
    let names: Vec<String> = paths
        .iter()
        .map(|path| visible(&path.display().to_string()).into_owned())
        .collect();
    let next = next(&schedule, snoozed(context, state::now()));
    emit(&format!(
        "Reminders on: {schedule}; the next {}.\nA {} runs `backcare remind now`: {} (`backcare remind off` removes {}).\n",
        next.map_or("is not in the coming week".to_string(), |at| format!(
            "at {at}"
        )),
        manager(desktop),
        names.join(" and "),
        if names.len() > 1 { "them" } else { "it" }
    ))?;
    Ok(Exit::Success)
}

/// The timetable from the config file as it is now, or the problems with its settings.
fn timetable(context: &Context) -> Result<Schedule, Error> {
    let Some(path) = context.paths.config_file() else {
        return Ok(Config::default().schedule());
    };
    let (config, problems) = Config::load(&path);
    let problems: Vec<_> = problems
        .into_iter()
        .filter(|problem| {
            problem.whole_file || problem.key.is_some_and(|key| TIMETABLE.contains(&key))
        })
        .map(|problem| problem.diagnostic)
        .collect();
    match problems.is_empty() {
        true => Ok(config.schedule()),
        false => Err(Error::Data(problems)),
    }
}

/// What runs the reminders.
fn manager(desktop: Desktop) -> &'static str {
    match desktop {
        Desktop::Freedesktop => "systemd user timer",
        Desktop::Macos => "LaunchAgent",
    }
}

fn systemctl(args: &[&str]) -> Result<String, String> {
    let args: Vec<&str> = ["--user"].into_iter().chain(args.iter().copied()).collect();
    spawn("systemctl", &args)
}

/// `launchctl VERB gui/UID[/LABEL] [PATH]`: the user's GUI domain, or the agent in it.
fn launchctl(verb: &str, agent: bool, path: Option<&Path>) -> Result<String, String> {
    let domain = format!("gui/{}", desktop::user_id());
    let target = if agent {
        format!("{domain}/{LABEL}")
    } else {
        domain
    };
    let path = path.map(|path| path.display().to_string());
    let mut args = vec![verb, &target];
    args.extend(path.as_deref());
    spawn("launchctl", &args)
}

/// The day of `at`, if reminders are snoozed for it.
fn snoozed(context: &Context, at: u64) -> Option<jiff::civil::Date> {
    let memory = context.paths.remind_file().as_deref().map(Memory::load)?;
    memory
        .snoozed
        .filter(|day| Some(day) == local_date(at).as_ref())?
        .parse()
        .ok()
}

/// When the next reminder comes, in local time (`Wed 2026-12-02 11:15`).
fn next(schedule: &Schedule, snoozed: Option<jiff::civil::Date>) -> Option<String> {
    let next = schedule.next_after(&jiff::ZonedDateTime::now(), snoozed)?;
    Some(next.strftime("%a %Y-%m-%d %H:%M").to_string())
}

/// Asks the service manager to run the timer just written at `first` (the timer or the
/// LaunchAgent), again if it ran an older one.
fn enable(desktop: Desktop, first: &Path) -> Result<(), String> {
    match desktop {
        Desktop::Freedesktop => {
            systemctl(&["daemon-reload"])?;
            systemctl(&["enable", TIMER])?;
            systemctl(&["restart", TIMER]).map(drop)
        }
        Desktop::Macos => {
            // Not loaded yet is no problem.
            let _ = launchctl("bootout", true, None);
            launchctl("bootstrap", false, Some(first)).map(drop)
        }
    }
}

/// Removes the files of `paths` backcare wrote (and the directories, once empty); tells
/// which stay because they are not backcare's.
fn remove(dir: &Path, paths: &[PathBuf]) -> (Vec<String>, Vec<String>) {
    let (mut removed, mut kept) = (Vec::new(), Vec::new());
    for path in paths {
        let shown = visible(&path.display().to_string()).into_owned();
        match std::fs::read_to_string(path)
            .ok()
            .map(|text| units::unchanged(&text))
        {
            Some(Some(_)) if std::fs::remove_file(path).is_ok() => removed.push(shown),
            Some(_) => kept.push(shown),
            None => {}
        }
    }
    // `systemctl enable` links the timer here; a link left by a manager that was not
    // running goes too.
    let wants = dir.join("timers.target.wants");
    let _ = std::fs::remove_file(wants.join(TIMER));
    for empty in [wants.as_path(), dir, dir.parent().unwrap_or(dir)] {
        let _ = std::fs::remove_dir(empty);
    }
    (removed, kept)
}

fn off(context: &Context, desktop: Desktop, today: bool) -> Result<Exit, Error> {
    let memory = context.paths.remind_file();
    if today {
        let path = memory.ok_or_else(|| Error::Other("no home directory is known".to_string()))?;
        let date = local_date(state::now());
        Memory::change(&path, |memory| memory.snoozed = date).map_err(Error::Other)?;
        emit("No reminders today; they start again tomorrow.\n")?;
        return Ok(Exit::Success);
    }
    let (dir, paths) = places(context, desktop)?;
    if paths.iter().any(|path| path.exists()) {
        let _ = match desktop {
            Desktop::Freedesktop => systemctl(&["disable", "--now", TIMER]),
            Desktop::Macos => launchctl("bootout", true, None),
        };
    }
    let (removed, kept) = remove(&dir, &paths);
    if desktop == Desktop::Freedesktop && !removed.is_empty() {
        let _ = systemctl(&["daemon-reload"]);
    }
    if let Some(path) = memory {
        Memory::remove(&path);
    }
    let mut told = match removed.is_empty() {
        true => "Reminders were not on (crontab lines you added are removed with `crontab -e`).\n"
            .to_string(),
        false => format!("Reminders off: removed {}.\n", removed.join(" and ")),
    };
    for path in kept {
        told.push_str(&format!(
            "Left {path} as it is: backcare did not write it.\n"
        ));
    }
    emit(&told)?;
    Ok(Exit::Success)
}

fn now(context: &Context, desktop: Desktop, force: bool, at: u64) -> Result<Exit, Error> {
    let config = &context.config;
    // A timetable that cannot be read is the quieter choice: no reminder.
    let unread = TIMETABLE.iter().any(|setting| config.is_unread(*setting));
    let local = crate::os::local_time(i64::try_from(at).unwrap_or(i64::MAX));
    let within =
        local.is_some_and(|local| config.schedule().work.contains(local.weekday, local.hour));
    if !force && (unread || !within || snoozed(context, at).is_some()) {
        return Ok(Exit::Success);
    }
    let catalog = context.catalog()?;
    let mut situation = super::stretch::situation(context, &StageArgs::default());
    // Unread, the setting is taken as the strictest: wide-leg movements left out.
    situation.pelvic_girdle_pain |= config.is_unread(Setting::PelvicGirdlePain);
    let topics = tip_topics(&context.config, &catalog, &[])?;
    let progress = context.progress().unwrap_or(None);
    let tips = pickable(&catalog, &topics, &StageArgs::default(), progress)?;
    let period = at / (u64::from(config.schedule().every.0) * 60);
    let tip = select::in_turn(&tips, i64::try_from(period).unwrap_or_default());
    let nudge = nudge(&catalog, situation, tip).map_err(Error::Other)?;
    let memory_path = context.paths.remind_file();
    let sent = match desktop {
        Desktop::Macos => desktop::osascript(&nudge.title, &nudge.body).map(|()| None),
        // No session bus (a console, cron without a desktop): nothing to show it on.
        Desktop::Freedesktop if desktop::session_bus().is_err() => Ok(None),
        Desktop::Freedesktop => {
            let last = memory_path.as_deref().map(Memory::load).unwrap_or_default();
            desktop::notify(&nudge.title, &nudge.body, last.last_id).map(Some)
        }
    };
    match (sent, memory_path) {
        (Ok(Some(id)), Some(path)) => {
            if let Err(why) = Memory::change(&path, |memory| memory.last_id = id) {
                warn(&format!(
                    "{why}; the next reminder will not replace this one"
                ));
            }
        }
        (Err(why), _) => warn(&format!("no reminder could be shown: {why}")),
        _ => {}
    }
    Ok(Exit::Success)
}

/// Whether reminders are on, when the next comes and how: `remind status`, and part of
/// `status`.
#[derive(Serialize)]
pub struct Report {
    on: bool,
    every: String,
    hours: String,
    days: String,
    /// Local time, `Wed 2026-12-02 11:15`.
    next: Option<String>,
    snoozed_today: bool,
    timer: Option<String>,
    /// What the service manager says of the timer, or why it could not say.
    timer_state: Option<String>,
    /// How a reminder is shown, or why none can be.
    notifications: String,
    #[serde(skip)]
    schedule: String,
    #[serde(skip)]
    desktop: Desktop,
}

impl Report {
    pub fn gather(context: &Context, desktop: Desktop) -> Report {
        let schedule = context.config.schedule();
        let first = places(context, desktop)
            .ok()
            .and_then(|(_, paths)| paths.into_iter().next());
        let on = first
            .as_ref()
            .and_then(|path| std::fs::read_to_string(path).ok())
            .is_some_and(|text| units::unchanged(&text).is_some());
        let snoozed = snoozed(context, state::now());
        let timer_state = on
            .then(|| match desktop {
                Desktop::Freedesktop => systemctl(&["is-active", TIMER]),
                Desktop::Macos => launchctl("print", true, None).map(|_| "loaded".to_string()),
            })
            .map(|said| {
                said.map_or_else(
                    |why| format!("not running: {why}"),
                    |word| word.trim().to_string(),
                )
            });
        let notifications = match desktop {
            Desktop::Macos => {
                "through osascript, in Notification Center (Focus decides whether they show)"
                    .to_string()
            }
            Desktop::Freedesktop => match desktop::session_bus().and_then(|()| desktop::server()) {
                Ok(server) => format!(
                    "shown by {server} over the session D-Bus, at low urgency, each replacing the last"
                ),
                Err(why) => format!("none can be shown: {why}"),
            },
        };
        Report {
            on,
            every: schedule.every.to_string(),
            hours: schedule.work.hours.to_string(),
            days: schedule.work.days.to_string(),
            next: next(&schedule, snoozed).filter(|_| on),
            snoozed_today: snoozed.is_some(),
            timer: first.filter(|_| on).map(|path| path.display().to_string()),
            timer_state,
            notifications,
            schedule: schedule.to_string(),
            desktop,
        }
    }

    pub fn text(&self, style: &crate::output::Style) -> String {
        let mut lines = vec![(
            "Reminders:",
            match (self.on, &self.next) {
                (false, _) => format!("off (`backcare remind on` sets them up: {})", self.schedule),
                (true, next) => format!(
                    "on, {}; {}the next {}",
                    self.schedule,
                    if self.snoozed_today {
                        "none today (snoozed); "
                    } else {
                        ""
                    },
                    next.as_deref()
                        .map_or("is not in the coming week".to_string(), |at| format!(
                            "at {at}"
                        ))
                ),
            },
        )];
        if let (Some(timer), Some(timer_state)) = (&self.timer, &self.timer_state) {
            let what = manager(self.desktop);
            lines.push((
                "Reminder timer:",
                format!("{timer}, a {what} ({timer_state})"),
            ));
        }
        lines.push(("Notifications:", self.notifications.clone()));
        lines
            .into_iter()
            .map(|(label, value)| format!("{} {}\n", style.heading(label), visible(&value)))
            .collect()
    }
}
