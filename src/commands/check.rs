//! `backcare check`: every problem in the tips files backcare would load (or those given).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use super::{Context, emit};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Exit};
use crate::output::json;
use crate::tips::files;

/// A problem as `check --json` prints it.
#[derive(serde::Serialize)]
struct ProblemObject<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    severity: &'static str,
}

impl<'a> ProblemObject<'a> {
    fn from(problem: &'a Diagnostic, severity: &'static str) -> ProblemObject<'a> {
        ProblemObject {
            file: &problem.path,
            line: problem.place.as_ref().map(|place| place.line),
            column: problem.place.as_ref().map(|place| place.column),
            message: &problem.message,
            severity,
        }
    }
}

impl Context {
    /// Validates `files` (or every file backcare would load) and reports every problem.
    pub(crate) fn check(&self, files: &[PathBuf]) -> Result<Exit, Error> {
        let paths = if files.is_empty() {
            self.tip_files()
        } else {
            files.to_vec()
        };
        // Files backcare found on its own but will not read (a dangling link, a FIFO) are
        // problems too: `tip` passes over them in silence, so this is where they are told.
        let skipped: Vec<Diagnostic> = if files.is_empty() {
            self.skipped_files()
                .into_iter()
                .map(|skipped| {
                    Diagnostic::file(&skipped.path.display().to_string(), skipped.reason)
                })
                .collect()
        } else {
            Vec::new()
        };
        let (layered, problems) = match files::load_layered(!self.global.no_builtin, &paths) {
            Ok(layered) => (Some(layered), skipped),
            Err(mut problems) => {
                problems.splice(0..0, skipped);
                (None, problems)
            }
        };
        let warnings = layered
            .as_ref()
            .map_or(&[][..], |layered| layered.warnings.as_slice());
        if self.global.json {
            let mut all: Vec<ProblemObject> = problems
                .iter()
                .map(|problem| ProblemObject::from(problem, "error"))
                .collect();
            all.extend(
                warnings
                    .iter()
                    .map(|warning| ProblemObject::from(warning, "warning")),
            );
            emit(&json::render(&all))?;
            return match problems.is_empty() {
                true => Ok(Exit::Success),
                // Already told on stdout; nothing more on stderr.
                false => Err(Error::Findings(Vec::new())),
            };
        }
        let Some(layered) = layered.filter(|_| problems.is_empty()) else {
            return Err(Error::Findings(problems));
        };
        // Warnings do not fail the check: the files work, but something looks unintended.
        let on_terminal = io::stderr().is_terminal();
        for warning in &layered.warnings {
            let shown = Diagnostic {
                message: format!("warning: {}", warning.message),
                ..warning.clone()
            };
            let text = if on_terminal {
                shown.with_source()
            } else {
                shown.headline()
            };
            let _ = writeln!(io::stderr(), "{text}");
        }
        let catalog = layered.catalog;
        let plural = |count: usize, word: &str| {
            format!("{count} {word}{}", if count == 1 { "" } else { "s" })
        };
        emit(&format!(
            "ok: {}, {}, {}, {}, {}\n",
            plural(paths.len(), "file"),
            plural(catalog.topics.len(), "topic"),
            plural(catalog.tips.len(), "tip"),
            plural(catalog.exercises.len(), "exercise"),
            plural(catalog.routines.len(), "routine")
        ))?;
        Ok(Exit::Success)
    }
}
