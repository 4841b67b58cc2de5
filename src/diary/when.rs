//! When an entry was, from `log --at` as people write it: `21:00`, `yesterday 21:00`,
//! `2026-11-30 21:00` (on the person's clock), or a time with its offset
//! (`2026-11-30T21:00:00+01:00`).

use jiff::civil::{Date, DateTime, Time};
use jiff::{Timestamp, ToSpan, ZonedDateTime as Zoned};

/// The forms `--at` takes, for its error message.
pub const FORMS: &str =
    "now, 21:00, today 8:30, yesterday 21:00, 2026-11-30 21:00 or 2026-11-30T21:00:00+01:00";

/// The time `words` name, on the clock of `now`; a time in the future is refused.
pub fn parse(words: &str, now: &Zoned) -> Result<Zoned, String> {
    let words = words.trim();
    let refuse = || format!("`--at {words}` is not a time backcare knows; write {FORMS}");
    let at = if words.eq_ignore_ascii_case("now") {
        now.clone()
    } else if let Ok(timestamp) = words.parse::<Timestamp>() {
        timestamp.to_zoned_datetime(now.time_zone().clone())
    } else if let Some(local) = words
        .parse::<DateTime>()
        .ok()
        .filter(|_| words.contains(':'))
    {
        local
            .to_zoned_datetime(now.time_zone().clone())
            .map_err(|_| refuse())?
    } else {
        let (day, time) = match words.split_once(' ') {
            Some((day, time)) => (day, Some(time.trim())),
            None if words.contains(':') => ("today", Some(words)),
            None => (words, None),
        };
        let date = match day.to_ascii_lowercase().as_str() {
            "today" => now.date(),
            "yesterday" => now.date().yesterday().map_err(|_| refuse())?,
            other => other.parse::<Date>().map_err(|_| refuse())?,
        };
        let time = match time {
            Some(time) => clock(time).ok_or_else(refuse)?,
            // `yesterday` alone: this time yesterday. A date alone needs a time.
            None if day.eq_ignore_ascii_case("yesterday") => now.time(),
            None => {
                return Err(format!(
                    "`--at {words}` needs a time too, such as `{words} 21:00`"
                ));
            }
        };
        DateTime::from_parts(date, time)
            .to_zoned_datetime(now.time_zone().clone())
            .map_err(|_| refuse())?
    };
    // A minute's grace for a clock read just before.
    if at.timestamp() > now.timestamp() + 1.minute() {
        return Err(format!("`--at {words}` is in the future"));
    }
    Ok(at)
}

/// `21:00`, `8:30` or `21:00:15`.
fn clock(text: &str) -> Option<Time> {
    let mut parts = text.split(':');
    let hour: i8 = parts.next()?.parse().ok()?;
    let minute: i8 = parts.next()?.parse().ok()?;
    let second: i8 = parts.next().map_or(Some(0), |second| second.parse().ok())?;
    if parts.next().is_some() {
        return None;
    }
    Time::new(hour, minute, second, 0).ok()
}

/// The time as the diary file holds it: the clock's time and its offset.
pub fn written(at: &Zoned) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;

    fn now() -> Zoned {
        "2026-12-01T14:30:00"
            .parse::<DateTime>()
            .unwrap()
            .to_zoned_datetime(TimeZone::fixed(jiff::tz::offset(1)))
            .unwrap()
    }

    fn at(words: &str) -> Result<String, String> {
        parse(words, &now()).map(|at| written(&at))
    }

    #[test]
    fn the_forms_people_write() {
        assert_eq!(at("now").unwrap(), "2026-12-01T14:30:00+01:00");
        assert_eq!(at("9:05").unwrap(), "2026-12-01T09:05:00+01:00");
        assert_eq!(at("yesterday 21:00").unwrap(), "2026-11-30T21:00:00+01:00");
        assert_eq!(at("Yesterday").unwrap(), "2026-11-30T14:30:00+01:00");
        assert_eq!(at("2026-11-29 7:15").unwrap(), "2026-11-29T07:15:00+01:00");
        assert_eq!(at("2026-11-29T07:15").unwrap(), "2026-11-29T07:15:00+01:00");
        assert_eq!(
            at("2026-11-29T07:15:00Z").unwrap(),
            "2026-11-29T08:15:00+01:00"
        );
    }

    #[test]
    fn times_that_cannot_be_are_refused() {
        assert!(at("tomorrow 9:00").unwrap_err().contains("yesterday 21:00"));
        assert!(at("25:00").is_err());
        assert!(at("2026-02-30 9:00").is_err());
        assert!(at("2026-11-29").unwrap_err().contains("needs a time"));
        assert!(at("16:00").unwrap_err().contains("future"));
    }
}
