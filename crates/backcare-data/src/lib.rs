//! backcare's content: the schema of every file it reads (tips, topics and sources;
//! exercises and routines; the warning signs; a reminder's text; the config keys) and the one reader those files
//! go through.
//!
//! Both `build.rs` (which checks the built-in files and turns them into [`builtin::Builtin`])
//! and the `backcare` binary depend on this crate, so the rules a user's file is read by are
//! the rules the built-in set was checked by.
#![deny(unsafe_code)]

pub mod builtin;
pub mod diary;
mod exercises;
pub mod model;
pub mod read;
pub mod reminder;
pub mod setting;
pub mod sheet;
pub mod suggest;
pub mod tips;

pub use model::{About, Exercise, Position, Routine, Source, Stage, Text, Tip, Topic};
pub use setting::Setting;
