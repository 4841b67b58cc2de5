//! The week and stage of pregnancy, from a due date or set by hand.

use jiff::civil::Date;

use crate::tips::Stage;

/// A pregnancy lasts 40 weeks to the due date.
const TERM_DAYS: i64 = 280;
/// Postpartum tips are favoured for 12 weeks after the due date.
const POSTPARTUM_DAYS: i64 = 12 * 7;

/// Where someone is, as far as tips are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Week of pregnancy, 1 to 42.
    Week(u8),
    /// Weeks since the due date, 0 to 12.
    AfterDueDate(u8),
    /// More than 12 weeks after the due date: no stage is favoured.
    Past,
}

impl Progress {
    pub fn from_due_date(due: Date, today: Date) -> Progress {
        let days_to_go = today.until(due).map_or(0, |span| span.get_days() as i64);
        let days_pregnant = TERM_DAYS - days_to_go;
        if days_to_go >= 0 {
            // Completed weeks, so the due date itself is week 40; a date further off than
            // 40 weeks still counts as week 1.
            Progress::Week((days_pregnant / 7).clamp(1, 40) as u8)
        } else if -days_to_go <= POSTPARTUM_DAYS {
            Progress::AfterDueDate((-days_to_go / 7) as u8)
        } else {
            Progress::Past
        }
    }

    pub fn stage(self) -> Option<Stage> {
        match self {
            Progress::Week(1..=13) => Some(Stage::First),
            Progress::Week(14..=27) => Some(Stage::Second),
            Progress::Week(_) => Some(Stage::Third),
            Progress::AfterDueDate(_) => Some(Stage::Postpartum),
            Progress::Past => None,
        }
    }

    pub fn describe(self) -> String {
        match self {
            Progress::Week(week) => format!("week {week} of pregnancy"),
            Progress::AfterDueDate(0) => "less than a week after the due date".to_string(),
            Progress::AfterDueDate(1) => "1 week after the due date".to_string(),
            Progress::AfterDueDate(weeks) => format!("{weeks} weeks after the due date"),
            Progress::Past => "more than 12 weeks after the due date".to_string(),
        }
    }
}

/// Today's date where the user is.
pub fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;
    use jiff::civil::date;

    fn at(days_to_go: i64) -> Progress {
        let today = date(2027, 1, 1);
        let due = today.checked_add(days_to_go.days()).unwrap();
        Progress::from_due_date(due, today)
    }

    #[test]
    fn forty_weeks_at_the_due_date() {
        assert_eq!(at(0), Progress::Week(40));
        assert_eq!(at(7), Progress::Week(39));
        assert_eq!(at(280 - 13 * 7), Progress::Week(13));
        assert_eq!(at(300), Progress::Week(1));
    }

    #[test]
    fn stages_follow_the_weeks() {
        assert_eq!(Progress::Week(13).stage(), Some(Stage::First));
        assert_eq!(Progress::Week(14).stage(), Some(Stage::Second));
        assert_eq!(Progress::Week(27).stage(), Some(Stage::Second));
        assert_eq!(Progress::Week(28).stage(), Some(Stage::Third));
        assert_eq!(Progress::Week(42).stage(), Some(Stage::Third));
    }

    #[test]
    fn postpartum_for_twelve_weeks_after_the_due_date() {
        assert_eq!(at(-1).stage(), Some(Stage::Postpartum));
        assert_eq!(at(-84), Progress::AfterDueDate(12));
        assert_eq!(at(-85), Progress::Past);
        assert_eq!(at(-85).stage(), None);
    }
}
