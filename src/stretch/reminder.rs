//! The start-up tip's suggestion to stretch (the `stretch_reminder` setting, off by default):
//! in work hours, at most once every few hours, a line after the tip points to the desk
//! routine. Decided from the local clock and the time the state file says it was last shown;
//! the work hours are the rule `remind` follows too (`schedule`), at their defaults.

use crate::schedule::WorkHours;

/// The line, after the tip.
pub const LINE: &str = "A few minutes for your back? backcare stretch desk";
/// The least time between two suggestions.
pub const EVERY_SECONDS: u64 = 3 * 60 * 60;

/// Whether to suggest a session at `now` (Unix seconds), last suggested at `last`.
pub fn due(last: Option<u64>, now: u64) -> bool {
    local_day_and_hour(now).is_some_and(|(weekday, hour)| due_at(last, now, weekday, hour))
}

/// Work hours are Monday to Friday, 9:00 to 17:00 local time.
fn due_at(last: Option<u64>, now: u64, weekday: u32, hour: u32) -> bool {
    let rested = last.is_none_or(|last| now < last || now - last >= EVERY_SECONDS);
    WorkHours::default().contains(weekday, hour) && rested
}

/// The weekday (0 is Sunday) and hour at `now` where the user is.
fn local_day_and_hour(now: u64) -> Option<(u32, u32)> {
    let local = crate::os::local_time(i64::try_from(now).ok()?)?;
    Some((local.weekday, local.hour))
}

#[cfg(test)]
mod tests {
    use super::*;

    const WEDNESDAY: u32 = 3;

    #[test]
    fn only_in_work_hours_and_not_too_often() {
        let now = 1_000_000;
        assert!(due_at(None, now, WEDNESDAY, 10));
        assert!(!due_at(None, now, WEDNESDAY, 8));
        assert!(!due_at(None, now, WEDNESDAY, 17));
        assert!(!due_at(None, now, 6, 10)); // Saturday
        assert!(!due_at(None, now, 0, 10)); // Sunday
        assert!(!due_at(Some(now - 3600), now, WEDNESDAY, 10));
        assert!(due_at(Some(now - EVERY_SECONDS), now, WEDNESDAY, 10));
        // A clock set back is not a reason to stay quiet for ever.
        assert!(due_at(Some(now + 3600), now, WEDNESDAY, 10));
    }
}
