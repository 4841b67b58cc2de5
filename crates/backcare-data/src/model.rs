//! The tip model: topics, tips and pregnancy stages.
//!
//! Strings are `Cow<'static, str>` so the built-in set borrows its text from the blob compiled
//! into the binary (see [`crate::builtin`]) while tips from user files own their text.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Text that is either static (built-in) or owned (read from a user file).
pub type Text = Cow<'static, str>;

/// Deserializing the built-in set borrows its text from the blob (which is `'static`)
/// rather than copying every string at each start.
pub(crate) mod borrowed {
    use serde::{Deserialize, Deserializer};

    use super::Text;

    pub fn text<'de: 'static, D: Deserializer<'de>>(from: D) -> Result<Text, D::Error> {
        <&'de str>::deserialize(from).map(Text::Borrowed)
    }

    pub fn optional<'de: 'static, D: Deserializer<'de>>(from: D) -> Result<Option<Text>, D::Error> {
        Ok(<Option<&'de str>>::deserialize(from)?.map(Text::Borrowed))
    }

    pub fn list<'de: 'static, D: Deserializer<'de>>(
        from: D,
    ) -> Result<std::borrow::Cow<'static, [Text]>, D::Error> {
        let items = <Vec<&'de str>>::deserialize(from)?;
        Ok(items
            .into_iter()
            .map(Text::Borrowed)
            .collect::<Vec<_>>()
            .into())
    }
}

/// A stage of pregnancy, or the weeks after birth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Topic {
    #[serde(deserialize_with = "borrowed::text")]
    pub name: Text,
    #[serde(deserialize_with = "borrowed::text")]
    pub title: Text,
    #[serde(deserialize_with = "borrowed::text")]
    pub description: Text,
}

/// Where a tip's advice comes from. Declared once in a file's `[sources]` table (or inline) and
/// named by each tip it backs; a file without `[sources]` may give a tip's source as free text,
/// which becomes a source with only a `publisher`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Source {
    #[serde(deserialize_with = "borrowed::text")]
    pub publisher: Text,
    #[serde(deserialize_with = "borrowed::optional")]
    pub title: Option<Text>,
    /// The page a reader can open.
    #[serde(deserialize_with = "borrowed::optional")]
    pub url: Option<Text>,
    /// When someone last checked that the page says what the tip says (YYYY-MM-DD).
    #[serde(deserialize_with = "borrowed::optional")]
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct About {
    #[serde(deserialize_with = "borrowed::optional")]
    pub name: Option<Text>,
    #[serde(deserialize_with = "borrowed::optional")]
    pub contact: Option<Text>,
    #[serde(deserialize_with = "borrowed::optional")]
    pub url: Option<Text>,
    /// When the whole file was last reviewed (YYYY-MM-DD).
    #[serde(deserialize_with = "borrowed::optional")]
    pub reviewed: Option<Text>,
}

/// One tip, declared as a `[[tips]]` table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Tip {
    #[serde(deserialize_with = "borrowed::text")]
    pub id: Text,
    #[serde(deserialize_with = "borrowed::text")]
    pub topic: Text,
    #[serde(deserialize_with = "borrowed::text")]
    pub text: Text,
    /// Empty means the tip fits every stage.
    pub stages: Cow<'static, [Stage]>,
    #[serde(deserialize_with = "borrowed::list")]
    pub tags: Cow<'static, [Text]>,
    pub source: Option<Source>,
    /// The file the tip came from; `None` for the built-in set. Shared by every tip of a file.
    #[serde(skip)]
    pub origin: Option<Arc<str>>,
}

impl Tip {
    /// Whether the tip applies at `stage` (a tip without stages applies at every stage).
    pub fn fits(&self, stage: Stage) -> bool {
        self.stages.is_empty() || self.stages.contains(&stage)
    }
}

/// How the body is placed for an exercise: what the safety rules look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Exercise {
    #[serde(deserialize_with = "borrowed::text")]
    pub id: Text,
    #[serde(deserialize_with = "borrowed::text")]
    pub name: Text,
    pub position: Position,
    /// The stages it suits; never empty.
    pub stages: Cow<'static, [Stage]>,
    /// What to do, in order.
    #[serde(deserialize_with = "borrowed::list")]
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
    #[serde(deserialize_with = "borrowed::text")]
    pub avoid: Text,
    /// When to stop: this exercise's stop signs.
    #[serde(deserialize_with = "borrowed::text")]
    pub stop: Text,
    /// Where the stop signs come from, when not from `source` (pages that describe an
    /// exercise seldom list when to stop).
    pub stop_source: Option<Source>,
    pub source: Option<Source>,
    #[serde(skip)]
    pub origin: Option<Arc<str>>,
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Routine {
    #[serde(deserialize_with = "borrowed::text")]
    pub id: Text,
    #[serde(deserialize_with = "borrowed::text")]
    pub name: Text,
    #[serde(deserialize_with = "borrowed::text")]
    pub description: Text,
    /// Exercise ids, in order.
    #[serde(deserialize_with = "borrowed::list")]
    pub exercises: Cow<'static, [Text]>,
    #[serde(skip)]
    pub origin: Option<Arc<str>>,
}
