//! The built-in tips, compiled from `tips.toml` by `build.rs`.

use std::borrow::Cow;

use super::model::{Stage, Tip, Topic};

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
