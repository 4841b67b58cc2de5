//! The diary at a glance: one row per day of a period, with the day's highest score and the
//! places logged. Nothing else is derived from the entries: no trend, no average, no advice.

use jiff::civil::Date;

use super::{Diary, Entry, Kind};

/// The days shown, first and last included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    /// The `weeks` weeks up to and including `today`.
    pub fn weeks(weeks: u16, today: Date) -> Period {
        let back = i64::from(weeks) * 7 - 1;
        Period {
            from: today
                .checked_sub(jiff::Span::new().days(back))
                .unwrap_or(Date::MIN),
            to: today,
        }
    }

    pub fn holds(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }

    /// Every day of the period, in order.
    pub fn dates(&self) -> impl Iterator<Item = Date> {
        let to = self.to;
        std::iter::successors(Some(self.from), |day| day.tomorrow().ok())
            .take_while(move |day| *day <= to)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Day {
    pub date: Date,
    /// The highest score logged that day, if any.
    pub highest: Option<u8>,
    /// The places logged that day, in the order first logged.
    pub places: Vec<String>,
}

/// The entries of the period, in time order.
pub fn entries_in<'d>(diary: &'d Diary, period: &Period) -> Vec<&'d Entry> {
    let mut entries: Vec<&Entry> = diary
        .entries()
        .filter(|entry| period.holds(entry.local.date()))
        .collect();
    entries.sort_by_key(|entry| entry.at);
    entries
}

/// One row per day of the period, from its entries in time order.
pub fn days(entries: &[&Entry], period: &Period) -> Vec<Day> {
    let mut by_date: std::collections::BTreeMap<Date, Day> = period
        .dates()
        .map(|date| {
            let day = Day {
                date,
                highest: None,
                places: Vec::new(),
            };
            (date, day)
        })
        .collect();
    for entry in entries {
        let (Kind::Pain(score), Some(day)) = (entry.kind, by_date.get_mut(&entry.local.date()))
        else {
            continue;
        };
        day.highest = day.highest.max(Some(score));
        for place in &entry.places {
            if !day.places.contains(place) {
                day.places.push(place.clone());
            }
        }
    }
    by_date.into_values().collect()
}

/// A score as a bar of ten cells: `██████····` for 6.
pub fn bar(score: u8) -> String {
    let score = usize::from(score.min(10));
    format!("{}{}", "█".repeat(score), "·".repeat(10 - score))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diary::Diary;

    #[test]
    fn each_day_has_its_highest_score_and_its_places() {
        let text = "1\t2026-11-30T08:00:00+00:00\tpain\t3\tlower-back\t\t\n\
                    2\t2026-11-30T21:00:00+00:00\tpain\t7\thip,lower-back\t\t\n\
                    3\t2026-11-30T22:00:00+00:00\tquestion\t\t\t\tswim?\n\
                    4\t2026-11-20T08:00:00+00:00\tpain\t9\tleg\t\t\n";
        let diary = Diary::parse(text);
        let period = Period::weeks(1, "2026-12-01".parse().unwrap());
        assert_eq!(period.from, "2026-11-25".parse().unwrap());
        let entries = entries_in(&diary, &period);
        assert_eq!(entries.len(), 3);
        let days = days(&entries, &period);
        assert_eq!(days.len(), 7);
        assert_eq!(days[5].highest, Some(7));
        assert_eq!(days[5].places, ["lower-back", "hip"]);
        assert_eq!(days[6].highest, None);
        assert_eq!(bar(6), "██████····");
    }
}
