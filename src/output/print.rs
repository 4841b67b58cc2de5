//! Printing: to stdout (a reader that went away ends the output quietly), through a pager when
//! long output meets a terminal, and one-line warnings on stderr.

use std::io::{self, Write};

use super::Screen;
use crate::error::Error;
use crate::tips::files::describe;

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
