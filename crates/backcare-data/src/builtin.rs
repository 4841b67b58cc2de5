//! The built-in set as one value: `build.rs` reads `tips.toml` and `exercises.toml` with the
//! reader user files go through and writes this value as Rust code (with databake), which the
//! binary compiles in as a static: no data file is shipped, and nothing is parsed, copied or
//! checked at a shell start.

use std::borrow::Cow;

use databake::Bake;

use crate::model::{About, Exercise, Routine, Tip, Topic};
use crate::tips::{Entry, ParsedFile, Safety};

#[derive(Debug, Default, Bake)]
#[databake(path = backcare_data::builtin)]
pub struct Builtin {
    pub about: About,
    pub topics: Cow<'static, [Topic]>,
    pub tips: Cow<'static, [Tip]>,
    pub exercises: Cow<'static, [Exercise]>,
    pub routines: Cow<'static, [Routine]>,
    pub safety: Safety,
}

impl Builtin {
    /// The set that the built-in tips file and exercises file hold together.
    pub fn from_files(tips: ParsedFile, exercises: ParsedFile) -> Builtin {
        let mut all = Builtin {
            about: tips.about.clone().unwrap_or_default(),
            ..Builtin::default()
        };
        for file in [tips, exercises] {
            let topics = file.topics.into_iter().map(|parsed| parsed.topic);
            all.topics.to_mut().extend(topics);
            let tips = file
                .tips
                .into_iter()
                .filter_map(|parsed| match parsed.entry {
                    Entry::Tip(tip) => Some(*tip),
                    Entry::Disabled(_) => None,
                });
            all.tips.to_mut().extend(tips);
            let exercises = file.exercises.into_iter().map(|parsed| parsed.exercise);
            all.exercises.to_mut().extend(exercises);
            let routines = file.routines.into_iter().map(|parsed| parsed.routine);
            all.routines.to_mut().extend(routines);
            if let Some(safety) = file.safety {
                all.safety = safety;
            }
        }
        all
    }

    /// The set as a Rust expression, for `build.rs` to write.
    pub fn to_rust(&self) -> String {
        self.bake(&Default::default()).to_string()
    }
}
