//! The tip model: topics, tips and pregnancy stages.
//!
//! Strings are `Cow<'static, str>` so the built-in set can live in static memory (`build.rs`
//! writes it as Rust statics, see [`crate::builtin`]) while tips from user files own their
//! text.

use std::borrow::Cow;

use databake::Bake;
use serde::Serialize;

/// Text that is either static (built-in) or owned (read from a user file).
pub type Text = Cow<'static, str>;

/// A stage of pregnancy, or the weeks after birth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Bake, Serialize)]
#[databake(path = backcare_data::model)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    First,
    Second,
    Third,
    Postpartum,
}

impl Stage {
    pub const ALL: [Stage; 4] = [Stage::First, Stage::Second, Stage::Third, Stage::Postpartum];

    /// The name used in tip files, on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Stage::First => "first",
            Stage::Second => "second",
            Stage::Third => "third",
            Stage::Postpartum => "postpartum",
        }
    }

    pub fn from_name(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|stage| stage.name() == name)
    }
}

/// A group of tips, declared as `[topics.NAME]`.
#[derive(Clone, Debug, PartialEq, Eq, Bake)]
#[databake(path = backcare_data::model)]
pub struct Topic {
    pub name: Text,
    pub title: Text,
    pub description: Text,
}

/// Where a tip's advice comes from. Declared once in a file's `[sources]` table (or inline) and
/// named by each tip it backs; a file without `[sources]` may give a tip's source as free text,
/// which becomes a source with only a `publisher`.
///
/// Its JSON (`--json`) is always an object, so readers need one shape; free-text sources have
/// only `publisher`.
#[derive(Clone, Debug, PartialEq, Eq, Bake, Serialize)]
#[databake(path = backcare_data::model)]
pub struct Source {
    pub publisher: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The page a reader can open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    /// When someone last checked that the page says what the tip says (YYYY-MM-DD).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<Text>,
}

impl Source {
    /// `Publisher, Title`: how the source is named in running text.
    pub fn citation(&self) -> String {
        match &self.title {
            Some(title) => format!("{}, {title}", self.publisher),
            None => self.publisher.to_string(),
        }
    }
}

/// Who a tips file is from, declared as its optional `[about]` table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Bake)]
#[databake(path = backcare_data::model)]
pub struct About {
    pub name: Option<Text>,
    pub contact: Option<Text>,
    pub url: Option<Text>,
    /// When the whole file was last reviewed (YYYY-MM-DD).
    pub reviewed: Option<Text>,
}

/// One tip, declared as a `[[tips]]` table. Its JSON (`--json`) leaves out what is empty.
#[derive(Clone, Debug, PartialEq, Eq, Bake, Serialize)]
#[databake(path = backcare_data::model)]
pub struct Tip {
    pub id: Text,
    pub topic: Text,
    pub text: Text,
    /// The text for paper, when `text` names a backcare command (a handout has no terminal):
    /// `export` prints it instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paper: Option<Text>,
    /// Empty means the tip fits every stage.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub stages: Cow<'static, [Stage]>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub tags: Cow<'static, [Text]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The file the tip came from; `None` for the built-in set.
    #[serde(skip)]
    pub origin: Option<Text>,
}

impl Tip {
    /// Whether the tip applies at `stage` (a tip without stages applies at every stage).
    pub fn fits(&self, stage: Stage) -> bool {
        self.stages.is_empty() || self.stages.contains(&stage)
    }
}

/// How the body is placed for an exercise: what the safety rules look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Bake)]
#[databake(path = backcare_data::model)]
pub enum Position {
    Standing,
    Sitting,
    AllFours,
    Kneeling,
    SideLying,
    /// Lying flat on the back: left out of pregnancy after 16 weeks (see `stretch`).
    OnBack,
}

impl Position {
    pub const ALL: [Position; 6] = [
        Position::Standing,
        Position::Sitting,
        Position::AllFours,
        Position::Kneeling,
        Position::SideLying,
        Position::OnBack,
    ];

    /// The name used in files and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Position::Standing => "standing",
            Position::Sitting => "sitting",
            Position::AllFours => "all-fours",
            Position::Kneeling => "kneeling",
            Position::SideLying => "side-lying",
            Position::OnBack => "on-back",
        }
    }

    pub fn from_name(name: &str) -> Option<Position> {
        Position::ALL
            .into_iter()
            .find(|position| position.name() == name)
    }
}

/// One exercise of `backcare stretch`, declared as an `[[exercises]]` table.
#[derive(Clone, Debug, PartialEq, Eq, Bake)]
#[databake(path = backcare_data::model)]
pub struct Exercise {
    pub id: Text,
    pub name: Text,
    pub position: Position,
    /// The stages it suits; never empty.
    pub stages: Cow<'static, [Stage]>,
    /// What to do, in order.
    pub steps: Cow<'static, [Text]>,
    /// Seconds one repetition takes: the hold, or one slow movement.
    pub hold: u16,
    pub reps: u16,
    /// Seconds of rest between repetitions.
    pub rest: u16,
    /// Takes the legs wide apart or loads one leg: left out for pelvic girdle pain.
    pub wide_legs: bool,
    /// The week of pregnancy its source says to start it at, if any.
    pub from_week: Option<u8>,
    pub avoid: Text,
    /// When to stop: this exercise's stop signs.
    pub stop: Text,
    /// Where the stop signs come from, when not from `source` (pages that describe an
    /// exercise seldom list when to stop).
    pub stop_source: Option<Source>,
    pub source: Option<Source>,
    pub origin: Option<Text>,
}

/// Seconds a session gives each exercise before its first repetition, to read the steps and
/// get into position.
pub const GET_READY_SECONDS: u32 = 10;

impl Exercise {
    /// How long the exercise takes in a session, in seconds: getting ready, then each
    /// repetition with a rest between two.
    pub fn seconds(&self) -> u32 {
        let reps = u32::from(self.reps);
        GET_READY_SECONDS
            + reps * u32::from(self.hold)
            + reps.saturating_sub(1) * u32::from(self.rest)
    }
}

/// A named sequence of exercises, declared as a `[[routines]]` table.
#[derive(Clone, Debug, PartialEq, Eq, Bake)]
#[databake(path = backcare_data::model)]
pub struct Routine {
    pub id: Text,
    pub name: Text,
    pub description: Text,
    /// Exercise ids, in order.
    pub exercises: Cow<'static, [Text]>,
    pub origin: Option<Text>,
}
