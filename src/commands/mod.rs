//! One module per command: `backcare X` is the function `run` in `commands/X.rs`, which takes
//! its arguments and the [`Context`] it runs in (settings, paths, screen).

pub mod check;
pub mod completions;
pub mod config;
pub mod diary;
pub mod export;
pub mod hide;
pub mod init;
pub mod line;
pub mod list;
pub mod log;
pub mod man;
pub mod remind;
pub mod search;
pub mod show;
pub mod status;
pub mod stretch;
pub mod template;
pub mod tip;
pub mod topics;
pub mod warning_signs;

pub use crate::context::Context;
pub(crate) use crate::output::print::{emit, warn};
