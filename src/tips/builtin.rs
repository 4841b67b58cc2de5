//! The built-in tips, compiled from `tips.toml` by `build.rs`.

use std::borrow::Cow;

use super::model::{About, Source, Stage, Tip, Topic};

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
