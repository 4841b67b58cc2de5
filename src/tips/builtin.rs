//! The built-in tips, exercises and routines: the value `build.rs` read from `tips.toml` and
//! `exercises.toml`, compiled in as Rust code. Every string of it is static.

// The code databake writes names `alloc::borrow::Cow`.
extern crate alloc;

use backcare_data::builtin::Builtin;

pub static SET: Builtin = include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
