//! backcare: short, trustworthy back-care tips for pregnancy, for the shell.
//!
//! `main.rs` only calls [`run`]; each module owns one idea:
//! `cli` (the command line), `app` (running a command), `tips` (model, file format, built-in
//! set, loading), `select` (which tip), `search`, `output` (text, colour, JSON, sanitizing),
//! `state` (what `tip` remembers), `config`, `pregnancy` (week and stage), `every`
//! (durations), `shell` (init snippets), `warning_signs`, `suggest`, `diagnostic`, `paths`,
//! `error` (exit codes).

mod app;
pub mod cli;
pub mod completions;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod every;
pub mod manual;
pub mod output;
pub mod paths;
pub mod pregnancy;
pub mod search;
pub mod select;
pub mod shell;
pub mod state;
pub mod suggest;
pub mod tips;
pub mod warning_signs;

pub use app::run;
