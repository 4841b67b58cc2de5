//! `backcare check`: every problem in the tips files backcare would load (or those given),
//! the config file and the lines of the diary that cannot be read.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use super::{Context, emit};
use crate::config::StoppedBy;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Exit};
use crate::output::json;
use crate::tips::files;

// `check` is how a problem is found: it reports config problems, never stops for them.
pub const STOPPED_BY: StoppedBy = StoppedBy::Nothing;

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

/// Validates `files` (or every file backcare would load) and reports every problem.
pub fn run(context: &Context, files: &[PathBuf]) -> Result<Exit, Error> {
    let paths = if files.is_empty() {
        context.tip_files()
    } else {
        files.to_vec()
    };
    // Files backcare found on its own but will not read (a dangling link, a FIFO) are
    // problems too: `tip` passes over them in silence, so this is where they are told.
    let skipped: Vec<Diagnostic> = if files.is_empty() {
        context
            .skipped_files()
            .into_iter()
            .map(|skipped| Diagnostic::file(&skipped.path.display().to_string(), skipped.reason))
            .collect()
    } else {
        Vec::new()
    };
    // The config file's problems first: one run tells every problem it can find.
    let config = context.config.problems.iter();
    let mut found: Vec<Diagnostic> = config.map(|problem| problem.diagnostic.clone()).collect();
    found.extend(skipped);
    // The diary's lines that cannot be read (typed by hand, from a newer version).
    if files.is_empty()
        && let Ok(path) = crate::diary::path(&context.paths)
    {
        found.extend(crate::diary::diagnostics(&path));
    }
    let (layered, problems) = match files::load_layered(!context.global.no_builtin, &paths) {
        Ok(layered) => (Some(layered), found),
        Err(problems) => {
            found.extend(problems);
            (None, found)
        }
    };
    let mut layered = layered;
    let mut problems = problems;
    if let Some(layered) = &mut layered {
        let addresses = unplain_addresses(&layered.catalog);
        layered.warnings.extend(addresses);
        problems.extend(context.config.unknown_topics(&layered.catalog));
    }
    let warnings = layered
        .as_ref()
        .map_or(&[][..], |layered| layered.warnings.as_slice());
    if context.global.json {
        return json_report(&problems, warnings);
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
    let plural =
        |count: usize, word: &str| format!("{count} {word}{}", if count == 1 { "" } else { "s" });
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

/// A warning for every source address in a user's file that is not a plain https address
/// (`https://` and letters, digits and URL punctuation only): a shared file's address could
/// otherwise carry markup into a handout, or send a reader somewhere unexpected.
/// `check --json`: every problem and warning as one array on stdout.
fn json_report(problems: &[Diagnostic], warnings: &[Diagnostic]) -> Result<Exit, Error> {
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
    match problems.is_empty() {
        true => Ok(Exit::Success),
        // Already told on stdout; nothing more on stderr.
        false => Err(Error::Findings(Vec::new())),
    }
}

fn unplain_addresses(catalog: &crate::tips::Catalog) -> Vec<Diagnostic> {
    let tips = catalog
        .tips
        .iter()
        .map(|tip| (&tip.origin, "tip", &tip.id, [tip.source.as_ref(), None]));
    let exercises = catalog.exercises.iter().map(|exercise| {
        (
            &exercise.origin,
            "exercise",
            &exercise.id,
            [exercise.source.as_ref(), exercise.stop_source.as_ref()],
        )
    });
    let mut found = Vec::new();
    let mut more = 0;
    for (origin, kind, id, sources) in tips.chain(exercises) {
        let Some(origin) = origin else { continue };
        for url in sources
            .into_iter()
            .flatten()
            .filter_map(|source| source.url.as_deref())
        {
            if crate::sanitize::is_plain_https(url) {
                continue;
            }
            if found.len() == MAX_ADDRESS_WARNINGS {
                more += 1;
                continue;
            }
            {
                found.push(Diagnostic::file(
                    origin,
                    format!(
                        "{kind} `{}`: the source address {:?} is not a plain https address",
                        crate::sanitize::visible(id),
                        crate::sanitize::one_line(url)
                    ),
                ));
            }
        }
    }
    if more > 0 {
        found.push(Diagnostic::note(format!(
            "and {more} more source addresses that are not plain https addresses"
        )));
    }
    found
}

/// Address warnings past this many are not worth reading one by one.
const MAX_ADDRESS_WARNINGS: usize = 20;
