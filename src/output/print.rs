//! Printing: to stdout (a reader that went away ends the output quietly), through a pager when
//! long output meets a terminal, and one-line warnings on stderr.

use std::io::{self, Write};
use std::path::Path;

use super::Screen;
use crate::error::Error;
use crate::os::describe;

/// Prints to stdout, and tells whether it was written. A reader that went away (`backcare
/// list | head -n 1`) is not an error: the output simply stops.
pub(crate) fn emit(text: &str) -> Result<bool, Error> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        Err(error) => Err(Error::Other(format!(
            "cannot write output: {}",
            describe(&error)
        ))),
    }
}

/// Prints long output (`list`, `topics`, `warning-signs`): on a terminal, output taller
/// than the screen goes through a pager, as git and bat do: `BACKCARE_PAGER`, else `PAGER`,
/// else `less -FRX` (an empty one, or `--no-pager`, means none: `pager_allowed` is false). Never in a pipe.
pub fn long(screen: &Screen, pager_allowed: bool, text: &str) -> Result<bool, Error> {
    let taller = super::height().is_some_and(|rows| text.lines().count() >= rows);
    if !screen.on_terminal || !pager_allowed || !taller {
        return emit(text);
    }
    let pager = ["BACKCARE_PAGER", "PAGER"]
        .into_iter()
        .find_map(|name| std::env::var(name).ok())
        .unwrap_or_else(|| "less -FRX".to_string());
    if pager.trim().is_empty() {
        return emit(text);
    }
    match crate::os::pager::show(&pager, text) {
        crate::os::pager::Shown::Yes => Ok(true),
        crate::os::pager::Shown::NotStarted(why) => {
            // The output is never lost to a pager that is missing or broken.
            warn(&format!("the pager `{pager}` {why}; printing instead"));
            emit(text)
        }
    }
}

/// One line on stderr that does not stop the command. Paths in it come from the environment,
/// so it is made safe for the terminal like everything else.
pub(crate) fn warn(message: &str) {
    let _ = writeln!(
        io::stderr(),
        "backcare: warning: {}",
        crate::sanitize::visible(message)
    );
}

/// Whether a shell start already told its one warning line (the others wait for `status`).
static STARTUP_WARNED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A warning at a shell start: one line at most for every problem together, and the same
/// line again only on another day or once `about` (the file it is about) has changed; it is
/// remembered in `state_dir/warned`. `status` and `check` always tell every problem in full.
pub fn warn_at_startup(state_dir: Option<&Path>, about: Option<&Path>, message: &str) {
    use std::hash::{Hash, Hasher};
    use std::sync::atomic::Ordering;
    if STARTUP_WARNED.swap(true, Ordering::Relaxed) {
        return;
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    message.hash(&mut hasher);
    about
        .and_then(|path| std::fs::metadata(path).ok())
        .and_then(|metadata| metadata.modified().ok())
        .hash(&mut hasher);
    let line = format!("{} {:016x}\n", crate::pregnancy::today(), hasher.finish());
    let Some(dir) = state_dir else {
        return warn(message);
    };
    let record = dir.join("warned");
    if std::fs::read_to_string(&record).is_ok_and(|told| told == line) {
        return;
    }
    warn(message);
    // Not remembered (a read-only home) means told again next time: never silent for good.
    let _ = std::fs::create_dir_all(dir);
    let _ = crate::os::replace::replace_file(
        &record,
        line.as_bytes(),
        crate::os::replace::Durability::Unsynced,
    );
}
