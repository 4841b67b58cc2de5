//! Guided exercise sessions (`backcare stretch`): which exercises of a routine are safe for the
//! person doing it, and the session that walks them through. The exercises and routines are
//! data (`exercises.toml`, and users' tips files: see `tips`); the rules that keep a session
//! safe are here, so every routine, built in or not, goes through them.

pub mod reminder;
pub mod session;
mod terminal;

use crate::sanitize::visible;
use crate::tips::{Catalog, Stage};
use backcare_data::{Exercise, Position, Routine};

/// Lying flat on the back is left out of pregnancy from this many completed weeks: the
/// bump's weight on the big blood vessels can make a pregnant woman feel faint.
pub const ON_BACK_UNTIL_WEEK: u8 = 16;
/// The first completed week of the third trimester: all a stage without a week tells.
const THIRD_TRIMESTER_FROM_WEEK: u8 = 28;

/// What the safety rules need to know about the person exercising.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Situation {
    /// The stage; `None` when no date is known (backcare then assumes pregnancy, at any week).
    pub stage: Option<Stage>,
    /// Completed weeks of pregnancy, when known.
    pub week: Option<u8>,
    /// The `pelvic_girdle_pain` setting: wide-leg and one-leg movements are left out.
    pub pelvic_girdle_pain: bool,
}

/// Why an exercise is not in a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftOut {
    /// It does not list the stage (or, with no date known, every stage of pregnancy).
    Stage,
    /// It is done lying on the back, and the pregnancy may be past 16 weeks.
    OnBack,
    /// It takes the legs wide apart or loads one leg, and the user has pelvic girdle pain.
    WideLegs,
    /// Its source starts it at a week of pregnancy that may not have been reached.
    TooEarly(u8),
}

impl LeftOut {
    pub fn reason(self) -> String {
        match self {
            LeftOut::Stage => "not for your stage".to_string(),
            LeftOut::OnBack => {
                "lying on your back is not advised after 16 weeks of pregnancy".to_string()
            }
            LeftOut::WideLegs => {
                "it takes the legs apart, which can make pelvic girdle pain worse".to_string()
            }
            LeftOut::TooEarly(week) => format!("its source starts it at week {week} of pregnancy"),
        }
    }

    /// The name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            LeftOut::Stage => "stage",
            LeftOut::OnBack => "on-back",
            LeftOut::WideLegs => "wide-legs",
            LeftOut::TooEarly(_) => "too-early",
        }
    }
}

impl Situation {
    /// Whether `exercise` is safe here, or why not.
    pub fn allows(&self, exercise: &Exercise) -> Result<(), LeftOut> {
        let pregnancy = [Stage::First, Stage::Second, Stage::Third];
        let fits = match self.stage {
            Some(stage) => exercise.stages.contains(&stage),
            None => pregnancy
                .iter()
                .all(|stage| exercise.stages.contains(stage)),
        };
        if !fits {
            return Err(LeftOut::Stage);
        }
        let pregnant = self.stage != Some(Stage::Postpartum);
        let early = match (self.week, self.stage) {
            (Some(week), _) => week < ON_BACK_UNTIL_WEEK,
            (None, stage) => stage == Some(Stage::First),
        };
        if exercise.position == Position::OnBack && pregnant && !early {
            return Err(LeftOut::OnBack);
        }
        if exercise.wide_legs && self.pelvic_girdle_pain {
            return Err(LeftOut::WideLegs);
        }
        // Without a week, the third trimester says only that week 28 is reached.
        if let Some(from) = exercise.from_week.filter(|_| pregnant) {
            let reached = match self.week {
                Some(week) => week >= from,
                None => self.stage == Some(Stage::Third) && from <= THIRD_TRIMESTER_FROM_WEEK,
            };
            if !reached {
                return Err(LeftOut::TooEarly(from));
            }
        }
        Ok(())
    }
}

/// A routine as one person will do it: the exercises that are safe for them, in order, and
/// those left out with the reason.
pub struct Plan<'c> {
    pub routine: &'c Routine,
    pub exercises: Vec<&'c Exercise>,
    pub left_out: Vec<(&'c Exercise, LeftOut)>,
}

impl<'c> Plan<'c> {
    pub fn new(catalog: &'c Catalog, routine: &'c Routine, situation: Situation) -> Plan<'c> {
        let mut plan = Plan {
            routine,
            exercises: Vec::new(),
            left_out: Vec::new(),
        };
        // Every name resolves: loading the catalog checked that.
        for exercise in routine
            .exercises
            .iter()
            .filter_map(|id| catalog.exercise(id))
        {
            match situation.allows(exercise) {
                Ok(()) => plan.exercises.push(exercise),
                Err(why) => plan.left_out.push((exercise, why)),
            }
        }
        plan
    }

    pub fn seconds(&self) -> u32 {
        self.exercises
            .iter()
            .map(|exercise| exercise.seconds())
            .sum()
    }

    /// `Lying pelvic tilt (lying on your back is not advised ...); ...`: what was left out and
    /// why, safe to print.
    pub fn left_out_text(&self) -> String {
        self.left_out
            .iter()
            .map(|(exercise, why)| format!("{} ({})", visible(&exercise.name), why.reason()))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// `4 min 30 s`, `45 s`, `3 min`.
pub fn duration(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, seconds) => format!("{seconds} s"),
        (minutes, 0) => format!("{minutes} min"),
        (minutes, seconds) => format!("{minutes} min {seconds} s"),
    }
}

/// "about 4 minutes": a routine's length as a person plans with it.
pub fn about_minutes(seconds: u32) -> String {
    match (seconds + 30) / 60 {
        0 | 1 => "about 1 minute".to_string(),
        minutes => format!("about {minutes} minutes"),
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn exercise(position: Position, stages: &'static [Stage], wide_legs: bool) -> Exercise {
        Exercise {
            id: Cow::Borrowed("x"),
            name: Cow::Borrowed("X"),
            position,
            stages: Cow::Borrowed(stages),
            steps: Cow::Borrowed(&[]),
            hold: 5,
            reps: 10,
            rest: 3,
            wide_legs,
            from_week: None,
            avoid: Cow::Borrowed(""),
            stop: Cow::Borrowed(""),
            stop_source: None,
            source: None,
            origin: None,
        }
    }

    const ALL: &[Stage] = &Stage::ALL;

    fn situation(stage: Option<Stage>, week: Option<u8>, pgp: bool) -> Situation {
        Situation {
            stage,
            week,
            pelvic_girdle_pain: pgp,
        }
    }

    #[test]
    fn lying_on_the_back_stops_after_16_weeks_of_pregnancy() {
        let on_back = exercise(Position::OnBack, ALL, false);
        let at = |stage, week| situation(Some(stage), week, false).allows(&on_back);
        assert_eq!(at(Stage::First, Some(10)), Ok(()));
        assert_eq!(at(Stage::Second, Some(15)), Ok(()));
        // 16 completed weeks is 16+0 to 16+6: past 16 weeks.
        assert_eq!(at(Stage::Second, Some(16)), Err(LeftOut::OnBack));
        assert_eq!(at(Stage::Second, None), Err(LeftOut::OnBack));
        assert_eq!(at(Stage::Third, Some(30)), Err(LeftOut::OnBack));
        assert_eq!(at(Stage::First, None), Ok(()));
        assert_eq!(at(Stage::Postpartum, None), Ok(()));
        // No date known: any week of pregnancy is possible.
        assert_eq!(
            situation(None, None, false).allows(&on_back),
            Err(LeftOut::OnBack)
        );
    }

    #[test]
    fn stages_and_pelvic_girdle_pain_decide_the_rest() {
        let third_only = exercise(Position::Standing, &[Stage::Third], false);
        assert_eq!(
            situation(Some(Stage::Second), None, false).allows(&third_only),
            Err(LeftOut::Stage)
        );
        // With no date, an exercise must suit the whole pregnancy.
        assert_eq!(
            situation(None, None, false).allows(&third_only),
            Err(LeftOut::Stage)
        );
        let wide = exercise(Position::Standing, ALL, true);
        assert_eq!(situation(None, None, false).allows(&wide), Ok(()));
        assert_eq!(
            situation(None, None, true).allows(&wide),
            Err(LeftOut::WideLegs)
        );
    }

    #[test]
    fn an_exercise_with_a_first_week_waits_for_it() {
        let later = Exercise {
            from_week: Some(16),
            ..exercise(
                Position::Sitting,
                &[Stage::Second, Stage::Third, Stage::Postpartum],
                false,
            )
        };
        let at = |stage, week| situation(Some(stage), week, false).allows(&later);
        assert_eq!(at(Stage::Second, Some(15)), Err(LeftOut::TooEarly(16)));
        assert_eq!(at(Stage::Second, Some(16)), Ok(()));
        assert_eq!(at(Stage::Second, None), Err(LeftOut::TooEarly(16)));
        assert_eq!(at(Stage::Third, None), Ok(()));
        assert_eq!(at(Stage::Postpartum, None), Ok(()));
        let late = Exercise {
            from_week: Some(32),
            ..later
        };
        let third_without_week = situation(Some(Stage::Third), None, false);
        assert_eq!(third_without_week.allows(&late), Err(LeftOut::TooEarly(32)));
    }

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(duration(45), "45 s");
        assert_eq!(duration(180), "3 min");
        assert_eq!(duration(272), "4 min 32 s");
        assert_eq!(about_minutes(272), "about 5 minutes");
        assert_eq!(about_minutes(40), "about 1 minute");
    }
}
