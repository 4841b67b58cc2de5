//! Desktop reminders to move (`backcare remind`): what a reminder says (`reminders.toml`, and
//! a tip), what is remembered between reminders (`remind.json`, apart from the state `tip`
//! reads), and the timer files that run them ([`units`]).

pub mod units;

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use backcare_data::reminder::Reminders;
use serde::{Deserialize, Serialize};

use crate::os::replace::{Durability, lock_beside, replace_file};
use crate::sanitize::{one_line, pango};
use crate::stretch::{Plan, Situation, about_minutes};
use crate::tips::{Catalog, Stage, Tip};

const REMINDERS: &str = include_str!("../../reminders.toml");

/// A reminder: a title, and a body the notification server may read as markup.
#[derive(Debug, PartialEq, Eq)]
pub struct Nudge {
    pub title: String,
    pub body: String,
}

/// The reminder for `situation`: the title names the first routine of `reminders.toml` that
/// holds an exercise safe for them (a session leaves out the others), and `tip` is the body,
/// its markup escaped.
pub fn nudge(catalog: &Catalog, situation: Situation, tip: &Tip) -> Result<Nudge, String> {
    let reminders = Reminders::parse(REMINDERS)
        .map_err(|error| format!("the built-in reminders are broken: {error}"))?;
    let words = match situation.stage {
        Some(Stage::Postpartum) => reminders.after_birth,
        _ => reminders.pregnancy,
    };
    let plan = words
        .routines
        .iter()
        .filter_map(|id| catalog.routine(id))
        .map(|routine| Plan::new(catalog, routine, situation))
        .find(|plan| !plan.exercises.is_empty());
    let title = match plan {
        Some(plan) => words
            .title
            .replace("{routine}", &plan.routine.id)
            .replace("{minutes}", &about_minutes(plan.seconds())),
        None => words.without_routine,
    };
    Ok(Nudge {
        title: one_line(&title),
        body: pango(&one_line(&tip.text)),
    })
}

/// What reminders remember, in `$XDG_STATE_HOME/backcare/remind.json`: the id the server gave
/// the last notification (the next replaces it) and the day snoozed with `remind off --today`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memory {
    #[serde(default)]
    pub last_id: u32,
    /// A local date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed: Option<String>,
}

/// How long a change waits for another backcare changing the file.
const LOCK_WAIT: Duration = Duration::from_secs(2);
const LOCK: &str = "remind.lock";

impl Memory {
    /// What the file holds; a missing or damaged one is a fresh start (it is a convenience).
    pub fn load(path: &Path) -> Memory {
        let mut bytes = Vec::new();
        crate::tips::files::open_regular(path)
            .and_then(|file| file.take(4096).read_to_end(&mut bytes))
            .ok()
            .and_then(|_| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Changes the file with `edit`, under its lock.
    pub fn change(path: &Path, edit: impl FnOnce(&mut Memory)) -> Result<(), String> {
        let failed = |error: std::io::Error| {
            let why = crate::os::describe(&error);
            format!("cannot save {}: {why}", path.display())
        };
        let lock = lock_beside(path, LOCK, LOCK_WAIT).map_err(failed)?;
        let _lock = lock.ok_or(format!("{} is in use by another backcare", path.display()))?;
        let mut memory = Memory::load(path);
        edit(&mut memory);
        let json = serde_json::to_vec(&memory).map_err(|error| error.to_string())?;
        replace_file(path, &json, Durability::Unsynced).map_err(failed)
    }

    /// Removes the file and its lock: `remind off` leaves nothing behind.
    pub fn remove(path: &Path) {
        let _ = std::fs::remove_file(path);
        let _ = std::fs::remove_file(path.with_file_name(LOCK));
    }
}

/// The local date at `at` (Unix seconds), as the snooze is written.
pub fn local_date(at: u64) -> Option<String> {
    let local = crate::os::local_time(i64::try_from(at).ok()?)?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        local.year, local.month, local.day
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn situation(stage: Option<Stage>, pelvic_girdle_pain: bool) -> Situation {
        Situation {
            stage,
            week: None,
            pelvic_girdle_pain,
        }
    }

    #[test]
    fn the_title_names_a_routine_with_safe_exercises_for_the_stage() {
        let catalog = Catalog::builtin();
        let tip = &catalog.tips[0];
        for stage in [
            None,
            Some(Stage::First),
            Some(Stage::Third),
            Some(Stage::Postpartum),
        ] {
            for pgp in [false, true] {
                let nudge = nudge(&catalog, situation(stage, pgp), tip).unwrap();
                let named = nudge.title.split('`').nth(1).unwrap();
                let id = named.strip_prefix("backcare stretch ").unwrap();
                let plan = Plan::new(
                    &catalog,
                    catalog.routine(id).unwrap(),
                    situation(stage, pgp),
                );
                assert!(
                    !plan.exercises.is_empty(),
                    "{stage:?} {pgp}: {}",
                    nudge.title
                );
                assert!(nudge.title.contains(&about_minutes(plan.seconds())));
            }
        }
        let after = nudge(&catalog, situation(Some(Stage::Postpartum), false), tip).unwrap();
        assert!(
            after.title.starts_with("A moment for your back?"),
            "{}",
            after.title
        );
        // Without the built-in routines, no routine is named.
        let bare = Catalog {
            routines: Vec::new(),
            ..Catalog::builtin()
        };
        let plain = nudge(&bare, situation(None, false), tip).unwrap();
        assert!(!plain.title.contains('`'), "{}", plain.title);
    }

    #[test]
    fn the_body_cannot_add_markup() {
        let catalog = Catalog::builtin();
        let tip = Tip {
            text: "Lift <b>slowly</b> & breathe\n out".into(),
            ..catalog.tips[0].clone()
        };
        let nudge = nudge(&catalog, situation(None, false), &tip).unwrap();
        assert_eq!(
            nudge.body,
            "Lift &lt;b&gt;slowly&lt;/b&gt; &amp; breathe out"
        );
    }

    #[test]
    fn memory_round_trips_and_a_damaged_file_is_a_fresh_start() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/remind.json");
        assert_eq!(Memory::load(&path), Memory::default());
        Memory::change(&path, |memory| memory.last_id = 7).unwrap();
        Memory::change(&path, |memory| memory.snoozed = Some("2026-12-02".into())).unwrap();
        let memory = Memory::load(&path);
        assert_eq!(
            (memory.last_id, memory.snoozed.as_deref()),
            (7, Some("2026-12-02"))
        );
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(Memory::load(&path), Memory::default());
        Memory::remove(&path);
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            0
        );
    }
}
