//! Where someone is: weeks of pregnancy from a due date, or time since a recorded birth.
//!
//! backcare never decides on its own that a baby has been born: after the due date the stage
//! stays the third trimester (40+6 is common, and induction is often offered around 41 to 42
//! weeks) until a birth date is recorded.

use jiff::civil::Date;

use crate::tips::Stage;

/// A pregnancy is counted as 40 weeks to the due date.
const TERM_DAYS: i64 = 280;
/// A due date further ahead than 42 weeks cannot be right: no pregnancy has begun yet.
const MAX_DAYS_AHEAD: i64 = 42 * 7;
/// With no birth recorded, a due date more than 4 weeks behind (44+0) is surely out of date.
const MAX_DAYS_OVERDUE: i64 = 4 * 7;
/// A birth date more than two years back is most likely a typo in the year; backcare's
/// after-birth advice is for the months after the birth in any case.
const MAX_DAYS_SINCE_BIRTH: i64 = 2 * 365;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Days of pregnancy: 280 on the due date, more when the baby is overdue.
    Pregnant { days: u16 },
    /// Days since the birth.
    AfterBirth { days: u32 },
}

impl Progress {
    /// Progress from a due date, or why the date cannot be right.
    pub fn from_due_date(due: Date, today: Date) -> Result<Progress, String> {
        let days_to_go = days_between(today, due);
        if days_to_go > MAX_DAYS_AHEAD {
            return Err(format!(
                "`due_date` {due} is more than 42 weeks away; a pregnancy lasts about 40 weeks"
            ));
        }
        if -days_to_go > MAX_DAYS_OVERDUE {
            return Err(format!(
                "`due_date` {due} was {} weeks ago; if your baby has been born, add birth_date = \"YYYY-MM-DD\", or correct the due date",
                -days_to_go / 7
            ));
        }
        let days = (TERM_DAYS - days_to_go).max(0);
        Ok(Progress::Pregnant { days: days as u16 })
    }

    /// Progress from a recorded birth date, or why the date cannot be right.
    pub fn from_birth_date(birth: Date, today: Date) -> Result<Progress, String> {
        let days = days_between(birth, today);
        if days < 0 {
            return Err(format!("`birth_date` {birth} is in the future"));
        }
        if days > MAX_DAYS_SINCE_BIRTH {
            return Err(format!(
                "`birth_date` {birth} is more than two years ago; check the year, or remove the date once after-birth tips no longer fit"
            ));
        }
        Ok(Progress::AfterBirth {
            days: u32::try_from(days).unwrap_or(u32::MAX),
        })
    }

    /// The progress `--week N` stands for.
    pub fn week(week: u8) -> Progress {
        Progress::Pregnant {
            days: u16::from(week) * 7,
        }
    }

    /// Completed weeks and the days beyond them.
    pub fn weeks_and_days(self) -> (u32, u32) {
        let days = match self {
            Progress::Pregnant { days } => u32::from(days),
            Progress::AfterBirth { days } => days,
        };
        (days / 7, days % 7)
    }

    pub fn stage(self) -> Stage {
        match self {
            Progress::Pregnant { days } if days < 14 * 7 => Stage::First,
            Progress::Pregnant { days } if days < 28 * 7 => Stage::Second,
            Progress::Pregnant { .. } => Stage::Third,
            Progress::AfterBirth { .. } => Stage::Postpartum,
        }
    }

    /// "24+4 weeks pregnant", "40+6 weeks pregnant (6 days past the due date)", "2+3 weeks
    /// after the birth": weeks as midwives write them, completed weeks plus days.
    pub fn describe(self) -> String {
        let (weeks, days) = self.weeks_and_days();
        match self {
            Progress::Pregnant { days: total } if i64::from(total) > TERM_DAYS => {
                let past = i64::from(total) - TERM_DAYS;
                let unit = if past == 1 { "day" } else { "days" };
                format!("{weeks}+{days} weeks pregnant ({past} {unit} past the due date)")
            }
            Progress::Pregnant { .. } => format!("{weeks}+{days} weeks pregnant"),
            Progress::AfterBirth { .. } => format!("{weeks}+{days} weeks after the birth"),
        }
    }
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

/// Today's date where the user is (`TZ`, else `/etc/localtime`; see `os::local_time`).
pub fn today() -> Date {
    let now = jiff::Timestamp::now();
    crate::os::local_time(now.as_second())
        .and_then(|local| {
            Date::new(
                i16::try_from(local.year).ok()?,
                i8::try_from(local.month).ok()?,
                i8::try_from(local.day).ok()?,
            )
            .ok()
        })
        .unwrap_or_else(|| now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_the_date_somewhere_on_earth_now() {
        let utc = jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date();
        assert!(days_between(utc, today()).abs() <= 1, "{}", today());
    }
    use jiff::ToSpan;
    use jiff::civil::date;

    const TODAY: Date = date(2027, 1, 1);

    fn due_in(days: i64) -> Result<Progress, String> {
        Progress::from_due_date(TODAY.checked_add(days.days()).unwrap(), TODAY)
    }

    #[test]
    fn weeks_are_completed_weeks_plus_days() {
        assert_eq!(due_in(0).unwrap().describe(), "40+0 weeks pregnant");
        assert_eq!(due_in(7).unwrap().describe(), "39+0 weeks pregnant");
        assert_eq!(due_in(108).unwrap().describe(), "24+4 weeks pregnant");
        assert_eq!(due_in(280).unwrap().describe(), "0+0 weeks pregnant");
    }

    #[test]
    fn overdue_is_still_pregnant_in_the_third_trimester() {
        let overdue = due_in(-6).unwrap();
        assert_eq!(
            overdue.describe(),
            "40+6 weeks pregnant (6 days past the due date)"
        );
        assert_eq!(overdue.stage(), Stage::Third);
        assert_eq!(due_in(-14).unwrap().stage(), Stage::Third);
        assert_eq!(
            due_in(-28).unwrap().describe(),
            "44+0 weeks pregnant (28 days past the due date)"
        );
    }

    #[test]
    fn due_dates_that_cannot_be_right_are_refused() {
        assert!(due_in(294).is_ok());
        assert!(due_in(295).unwrap_err().contains("more than 42 weeks away"));
        assert!(due_in(-29).unwrap_err().contains("was 4 weeks ago"));
    }

    #[test]
    fn stages_follow_the_weeks() {
        assert_eq!(Progress::week(13).stage(), Stage::First);
        assert_eq!(Progress::week(14).stage(), Stage::Second);
        assert_eq!(Progress::week(27).stage(), Stage::Second);
        assert_eq!(Progress::week(28).stage(), Stage::Third);
        assert_eq!(Progress::week(42).stage(), Stage::Third);
    }

    #[test]
    fn only_a_recorded_birth_means_after_the_birth() {
        let born = Progress::from_birth_date(date(2026, 12, 14), TODAY).unwrap();
        assert_eq!(born.stage(), Stage::Postpartum);
        assert_eq!(born.describe(), "2+4 weeks after the birth");
        assert!(
            Progress::from_birth_date(date(2027, 1, 2), TODAY)
                .unwrap_err()
                .contains("in the future")
        );
    }
}
