//! `backcare hide` and `backcare unhide`: tips the user never wants `tip` to pick, kept in
//! their own data directory (see `hidden`). `list` and `search` still show them, marked.

use super::{Context, emit};
use crate::error::{Error, Exit};
use std::path::Path;
use std::time::Duration;

use crate::config::{Setting, StoppedBy};
use crate::hidden::Hidden;
use crate::os::replace::lock_beside;
use crate::sanitize::visible;
use crate::suggest::did_you_mean;

// `hide` and `unhide` use only the colour setting (see `list`).
pub const STOPPED_BY: StoppedBy = StoppedBy::Settings(&[Setting::Color]);

/// Hides (or, with `hide` false, shows again) every tip named. Nothing is written unless
/// every id is right; a list of hidden tips that cannot be read is never overwritten.
pub fn run(context: &Context, ids: &[String], hide: bool) -> Result<Exit, Error> {
    let path = context.paths.hidden_file().ok_or_else(|| {
        Error::Other("no home directory is known, so there is nowhere to keep hidden tips".into())
    })?;
    // Runs take turns: the list is read, changed and written under its lock, so parallel
    // runs never lose each other's changes.
    let _lock = lock(&path)?;
    let mut hidden = context.hidden()?;
    let catalog = context.catalog_of_files()?;
    let mut wanted = Vec::new();
    let mut problems = Vec::new();
    for asked in ids {
        let id = asked.to_lowercase();
        if hide && catalog.tip(&id).is_none() {
            problems.push(format!(
                "no tip has the id `{}`{}",
                visible(asked),
                did_you_mean(&id, catalog.tips.iter().map(|tip| &*tip.id))
            ));
        } else if !hide && !hidden.contains(&id) && catalog.tip(&id).is_none() {
            // Neither hidden nor a tip: a typo. (A real tip that is not hidden is said so,
            // with exit 0, as hiding a hidden one is.)
            problems.push(format!(
                "tip `{}` is not hidden{}",
                visible(asked),
                did_you_mean(&id, hidden.ids.iter().map(String::as_str))
            ));
        } else {
            wanted.push(id);
        }
    }
    if !problems.is_empty() {
        return Err(Error::Usage(problems.join("\nbackcare: error: ")));
    }
    let mut report = String::new();
    let mut changed_ids = Vec::new();
    let mut unchanged_ids = Vec::new();
    for id in wanted {
        let changed = if hide {
            hidden.ids.insert(id.clone())
        } else {
            hidden.ids.remove(&id)
        };
        report.push_str(&match (hide, changed) {
            (true, true) => format!("hidden: {id}\n"),
            (true, false) => format!("already hidden: {id}\n"),
            (false, true) => format!("shown again: {id}\n"),
            (false, false) => format!("not hidden: {id}\n"),
        });
        if changed {
            changed_ids.push(id);
        } else {
            unchanged_ids.push(id);
        }
    }
    save(&hidden, &path)?;
    if context.global.json {
        // `{"hidden": [...], "already_hidden": [...]}`, or `{"shown_again": [...]}`.
        let object = if hide {
            serde_json::json!({ "hidden": changed_ids, "already_hidden": unchanged_ids })
        } else {
            serde_json::json!({ "shown_again": changed_ids, "not_hidden": unchanged_ids })
        };
        emit(&crate::output::json::render(&object))?;
    } else {
        emit(&report)?;
    }
    Ok(Exit::Success)
}

/// How long `hide` waits for another run to finish with the list: it was typed, so waiting
/// a little is better than failing.
const HIDE_LOCK_WAIT: Duration = Duration::from_secs(10);

fn lock(path: &Path) -> Result<std::fs::File, Error> {
    let cannot = |why: String| {
        Error::Other(format!(
            "cannot lock {} to change it: {why}; nothing was changed",
            path.display()
        ))
    };
    match lock_beside(path, "hidden.lock", HIDE_LOCK_WAIT) {
        Ok(Some(file)) => Ok(file),
        Ok(None) => Err(cannot(format!(
            "another backcare held it for {} seconds",
            HIDE_LOCK_WAIT.as_secs()
        ))),
        Err(error) => Err(cannot(crate::os::describe(&error))),
    }
}

fn save(hidden: &Hidden, path: &Path) -> Result<(), Error> {
    hidden.save(path).map_err(|error| {
        Error::Other(format!(
            "cannot save {}: {}",
            path.display(),
            crate::os::describe(&error)
        ))
    })
}
