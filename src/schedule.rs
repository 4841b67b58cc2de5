//! When a nudge to move may come: work hours (days of the week and hours of the day, the one
//! rule that both `remind` and the start-up tip's `stretch_reminder` line follow), and the
//! times of day `remind` sends one at: the start of the hours, then every interval.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use crate::every::Every;

/// Hours of the day, from `start`:00 up to `end`:00 local time (`9-17`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hours {
    pub start: u8,
    pub end: u8,
}

/// Days of the week, one bit each: Monday is bit 0, Sunday bit 6.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days(u8);

/// The time between two reminders, in whole minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval(pub u16);

/// Work hours: the days, and the hours of each, a nudge may come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkHours {
    pub days: Days,
    pub hours: Hours,
}

/// The reminders' timetable: every `every` from the start of the work hours to their end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub work: WorkHours,
    pub every: Interval,
}

const DAYS: [(&str, &str); 7] = [
    ("mon", "monday"),
    ("tue", "tuesday"),
    ("wed", "wednesday"),
    ("thu", "thursday"),
    ("fri", "friday"),
    ("sat", "saturday"),
    ("sun", "sunday"),
];
const ALL_DAYS: u8 = 0b111_1111;
/// Reminders more often than this would nag.
const LEAST_MINUTES: u16 = 10;

impl Default for WorkHours {
    /// Monday to Friday, 9:00 to 17:00.
    fn default() -> Self {
        WorkHours {
            days: Days(0b1_1111),
            hours: Hours { start: 9, end: 17 },
        }
    }
}

impl Default for Interval {
    fn default() -> Self {
        Interval(45)
    }
}

impl WorkHours {
    /// Whether `weekday` (0 is Sunday, as C counts) at `hour` is within the work hours.
    pub fn contains(&self, weekday: u32, hour: u32) -> bool {
        let hours = u32::from(self.hours.start)..u32::from(self.hours.end);
        self.days.has((weekday + 6) % 7) && hours.contains(&hour)
    }
}

impl Days {
    /// Whether the day `index` (0 is Monday) is one of them.
    pub fn has(self, index: u32) -> bool {
        index < 7 && self.0 & (1 << index) != 0
    }

    /// The days' indices, Monday (0) first.
    pub fn indices(self) -> impl Iterator<Item = u32> {
        (0..7).filter(move |&index| self.has(index))
    }

    /// `Mon`, `Tue`, ...: the day `index` as systemd writes it.
    pub fn short_name(index: u32) -> String {
        let name = DAYS[index as usize % 7].0;
        name[..1].to_uppercase() + &name[1..]
    }
}

impl Schedule {
    /// The times of day a reminder comes at, in minutes after midnight.
    pub fn times(&self) -> Vec<u16> {
        let hours = self.work.hours;
        (u16::from(hours.start) * 60..u16::from(hours.end) * 60)
            .step_by(usize::from(self.every.0.max(1)))
            .collect()
    }

    /// The times as calendars (systemd, cron) write them: sets of hours, each with the
    /// minutes past every one of those hours.
    pub fn by_hours(&self) -> Vec<(Vec<u16>, Vec<u16>)> {
        let mut hours_at: BTreeMap<u16, Vec<u16>> = BTreeMap::new();
        for time in self.times() {
            hours_at.entry(time % 60).or_default().push(time / 60);
        }
        let mut minutes_of: BTreeMap<Vec<u16>, Vec<u16>> = BTreeMap::new();
        for (minute, hours) in hours_at {
            minutes_of.entry(hours).or_default().push(minute);
        }
        minutes_of.into_iter().collect()
    }

    /// The first reminder after `now`, skipping the day `snoozed`; `None` only if the time
    /// cannot be shown (jiff's range).
    pub fn next_after(
        &self,
        now: &jiff::ZonedDateTime,
        snoozed: Option<jiff::civil::Date>,
    ) -> Option<jiff::ZonedDateTime> {
        for offset in 0..8 {
            let date = now
                .date()
                .checked_add(jiff::Span::new().days(offset))
                .ok()?;
            let weekday = u32::from(date.weekday().to_monday_zero_offset().unsigned_abs());
            if !self.work.days.has(weekday) || Some(date) == snoozed {
                continue;
            }
            for time in self.times() {
                let (hour, minute) = ((time / 60) as i8, (time % 60) as i8);
                let at = date
                    .at(hour, minute, 0, 0)
                    .to_zoned_datetime(now.time_zone().clone())
                    .ok()?;
                if &at > now {
                    return Some(at);
                }
            }
        }
        None
    }
}

impl FromStr for Hours {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let hours = text.trim().split_once('-').and_then(|(start, end)| {
            Some(Hours {
                start: start.trim().parse().ok()?,
                end: end.trim().parse().ok()?,
            })
        });
        hours.filter(|hours| hours.start < hours.end && hours.end <= 24).ok_or(format!(
            "`{text}` is not a span of hours; write it like 9-17 (from 9:00 up to 17:00: whole hours from 0 to 24, the first before the second)"
        ))
    }
}

impl FromStr for Days {
    type Err = String;

    /// `mon-fri`, `mon,wed,fri`, `sat-sun`, `fri-mon`, `daily` or `all`, in any case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || {
            format!(
                "`{text}` is not a list of days; write it like mon-fri, mon,wed,fri, sat-sun or daily"
            )
        };
        let lower = text.trim().to_lowercase();
        if matches!(lower.as_str(), "daily" | "all") {
            return Ok(Days(ALL_DAYS));
        }
        let day = |word: &str| {
            DAYS.iter()
                .position(|(short, long)| word.trim() == *short || word.trim() == *long)
        };
        let mut bits = 0;
        for item in lower.split(',') {
            let (first, last) = item.split_once('-').unwrap_or((item, item));
            let (first, last) = (
                day(first).ok_or_else(invalid)?,
                day(last).ok_or_else(invalid)?,
            );
            // A range may go round the week's end (`fri-mon`).
            for index in first..=last + if last < first { 7 } else { 0 } {
                bits |= 1 << (index % 7);
            }
        }
        Ok(Days(bits))
    }
}

impl FromStr for Interval {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let minutes = text.parse::<Every>().ok().and_then(|every| {
            let seconds = every.0.as_secs();
            (seconds % 60 == 0)
                .then(|| u16::try_from(seconds / 60).ok())
                .flatten()
        });
        minutes
            .filter(|minutes| (LEAST_MINUTES..=24 * 60).contains(minutes))
            .map(Interval)
            .ok_or(format!(
                "`{text}` is not a time between reminders; write it like 30m, 45m, 1h or 1h30m (whole minutes, from 10m to 24h)"
            ))
    }
}

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

impl fmt::Display for Days {
    /// The shortest form `from_str` reads back: `daily`, or runs of days (`mon-wed,fri`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == ALL_DAYS {
            return write!(f, "daily");
        }
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for index in self.indices() {
            match runs.last_mut() {
                Some((_, last)) if *last + 1 == index => *last = index,
                _ => runs.push((index, index)),
            }
        }
        let names: Vec<String> = runs
            .into_iter()
            .map(|(first, last)| match first == last {
                true => DAYS[first as usize].0.to_string(),
                false => format!("{}-{}", DAYS[first as usize].0, DAYS[last as usize].0),
            })
            .collect();
        write!(f, "{}", names.join(","))
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Every(Duration::from_secs(u64::from(self.0) * 60)).fmt(f)
    }
}

impl fmt::Display for Schedule {
    /// `every 45m, mon-fri 9:00 to 17:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hours = self.work.hours;
        write!(
            f,
            "every {}, {} {}:00 to {}:00",
            self.every, self.work.days, hours.start, hours.end
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(every: &str, hours: &str, days: &str) -> Schedule {
        Schedule {
            work: WorkHours {
                days: days.parse().unwrap(),
                hours: hours.parse().unwrap(),
            },
            every: every.parse().unwrap(),
        }
    }

    #[test]
    fn hours_days_and_intervals_read_as_people_write_them() {
        assert_eq!("9-17".parse(), Ok(Hours { start: 9, end: 17 }));
        assert_eq!("09 - 24".parse(), Ok(Hours { start: 9, end: 24 }));
        for bad in ["25-3", "17-9", "9-9", "9", "9-25", "-1-4", "nine-five"] {
            let error = bad.parse::<Hours>().unwrap_err();
            assert!(error.contains("write it like 9-17"), "{bad}: {error}");
        }
        for (written, shown) in [
            ("mon-fri", "mon-fri"),
            ("Mon,Wed,Fri", "mon,wed,fri"),
            ("sat-sun", "sat-sun"),
            ("all", "daily"),
            ("monday,tue,wednesday", "mon-wed"),
            ("fri-mon", "mon,fri-sun"),
        ] {
            assert_eq!(written.parse::<Days>().unwrap().to_string(), shown);
        }
        for bad in ["", "funday", "mon-", "mon,,fri", "weekdays"] {
            assert!(
                bad.parse::<Days>().unwrap_err().contains("mon-fri"),
                "{bad}"
            );
        }
        assert_eq!("90m".parse::<Interval>().unwrap().to_string(), "1h30m");
        for bad in ["5m", "45", "90s", "25h", "off", "1h30s"] {
            assert!(
                bad.parse::<Interval>().unwrap_err().contains("45m"),
                "{bad}"
            );
        }
    }

    #[test]
    fn work_hours_are_weekdays_nine_to_five_by_default() {
        let work = WorkHours::default();
        assert!(work.contains(3, 9) && work.contains(5, 16));
        assert!(!work.contains(3, 8) && !work.contains(3, 17));
        assert!(!work.contains(6, 10) && !work.contains(0, 10));
    }

    #[test]
    fn times_run_from_the_start_and_group_by_hours_for_calendars() {
        let every_45 = schedule("45m", "9-17", "mon-fri");
        assert_eq!(every_45.times().len(), 11);
        assert_eq!(
            every_45.by_hours(),
            [
                (vec![9, 12, 15], vec![0, 45]),
                (vec![10, 13, 16], vec![30]),
                (vec![11, 14], vec![15]),
            ]
        );
        let hourly = schedule("1h", "8-10", "daily");
        assert_eq!(hourly.by_hours(), [(vec![8, 9], vec![0])]);
        assert_eq!(hourly.to_string(), "every 1h, daily 8:00 to 10:00");
    }

    #[test]
    fn the_next_reminder_skips_other_days_and_a_snoozed_one() {
        let utc = |text: &str| {
            text.parse::<jiff::civil::DateTime>()
                .unwrap()
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .unwrap()
        };
        let every_45 = schedule("45m", "9-17", "mon-fri");
        // Wednesday 2 December 2026.
        let next = every_45.next_after(&utc("2026-12-02T10:31"), None).unwrap();
        assert_eq!(next, utc("2026-12-02T11:15"));
        let friday_evening = utc("2026-12-04T16:31");
        assert_eq!(
            every_45.next_after(&friday_evening, None).unwrap(),
            utc("2026-12-07T09:00")
        );
        let snoozed = Some(jiff::civil::date(2026, 12, 2));
        let next = every_45
            .next_after(&utc("2026-12-02T10:31"), snoozed)
            .unwrap();
        assert_eq!(next, utc("2026-12-03T09:00"));
    }
}
