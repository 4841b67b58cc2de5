//! The built-in tips, compiled from `tips.toml` by `build.rs`, and the built-in exercises and
//! routines of `backcare stretch`, from `exercises.toml`.

use std::borrow::Cow;

use super::model::{About, Exercise, Position, Routine, Source, Stage, Tip, Topic};

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
