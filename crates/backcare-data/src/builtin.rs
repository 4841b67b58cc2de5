//! The built-in set as one value: `build.rs` reads `tips.toml` and `exercises.toml` with the
//! reader user files go through, and writes this value serialized with postcard; the binary
//! reads it back from its own bytes, its strings borrowed where postcard can lend them.

use serde::{Deserialize, Serialize};

use crate::model::{About, Exercise, Routine, Tip, Topic};
use crate::tips::{Entry, ParsedFile, Safety};

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Builtin {
    pub about: About,
    pub topics: Vec<Topic>,
    pub tips: Vec<Tip>,
    pub exercises: Vec<Exercise>,
    pub routines: Vec<Routine>,
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
            all.topics
                .extend(file.topics.into_iter().map(|parsed| parsed.topic));
            all.tips.extend(
                file.tips
                    .into_iter()
                    .filter_map(|parsed| match parsed.entry {
                        Entry::Tip(tip) => Some(*tip),
                        Entry::Disabled(_) => None,
                    }),
            );
            all.exercises
                .extend(file.exercises.into_iter().map(|parsed| parsed.exercise));
            all.routines
                .extend(file.routines.into_iter().map(|parsed| parsed.routine));
            if let Some(safety) = file.safety {
                all.safety = safety;
            }
        }
        all
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_stdvec(self).expect("the built-in set serializes")
    }

    /// Reads back what [`Builtin::to_bytes`] wrote, borrowing from `bytes`.
    pub fn from_bytes(bytes: &'static [u8]) -> Builtin {
        postcard::from_bytes(bytes).expect("the built-in set was written by build.rs")
    }
}
