//! backcare: short, trustworthy back-care tips for pregnancy, for the shell.
//!
//! `main.rs` only calls `app::main`; each module owns one idea: `os` (everything that talks to
//! the operating system beyond std, and the one module where the crate-wide deny of unsafe_code is lifted), `cli` (the command
//! line), `app` (settings, dispatch, and errors turned into messages and exit codes), `commands` (one module per command: `backcare X` is `commands/X.rs`), `tips`
//! (model, file format, built-in set, loading: tips, and the exercises and routines of
//! `stretch`), `select` (which tip), `search`, `output` (text, colour, JSON, sanitizing),
//! `state` (what `tip` remembers), `config`, `pregnancy` (week and stage), `every`
//! (durations), `schedule` (work hours and the reminders' times), `remind` (desktop reminders: their
//! text, state and timer files), `warning_signs` (the signs and numbers, as data), `stretch` (guided exercise
//! sessions: what is safe for whom, and the countdown), `candidates` (what completion
//! offers), `suggest`, `diagnostic`, `paths`, `error`.
#![deny(unsafe_code)]

pub mod app;
pub mod candidates;
pub mod cli;
pub mod commands;
pub mod config;
pub mod config_file;
pub mod context;
pub mod diagnostic;
pub mod diary;
pub mod error;
pub mod every;
pub mod hidden;
pub mod os;
pub mod output;
pub mod paths;
pub mod pregnancy;
pub mod remind;
pub mod sanitize;
pub mod schedule;
pub mod search;
pub mod select;
pub mod state;
pub mod stretch;
pub use backcare_data::suggest;
pub mod tips;
pub mod warning_signs;
