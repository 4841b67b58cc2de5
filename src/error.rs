//! What can go wrong in a command, and the exit code each outcome gives.

use crate::diagnostic::Diagnostic;

/// Exit codes, as grep and ripgrep use them; documented in the README and in `--help`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// The command did what was asked (`check`: the files are clean).
    Success,
    /// Nothing found: a search without a match, an unknown id, filters that leave no tip;
    /// for `check`, problems found.
    NothingFound,
    /// Any error: wrong usage, a file that cannot be read or is invalid, output that cannot
    /// be written.
    Error,
    /// A `stretch` session stopped by Ctrl-C (SIGINT) or another signal: 128 plus its number,
    /// as a shell reports a command a signal stopped (130 for Ctrl-C).
    Signal(i32),
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::NothingFound => 1,
            Exit::Error => 2,
            Exit::Signal(signal) => u8::try_from(128 + signal).unwrap_or(255),
        }
    }
}

#[derive(Debug)]
pub enum Error {
    /// Wrong usage that clap cannot see, such as a topic no file declares.
    Usage(String),
    /// A search or id that found nothing.
    NotFound(String),
    /// Problems in files: tips files, the config file.
    Data(Vec<Diagnostic>),
    /// What `check` found: problems reported like `Data`, but the check itself ran.
    Findings(Vec<Diagnostic>),
    /// Anything else that stopped the command (writing to stdout failed, ...).
    Other(String),
}

impl Error {
    pub fn exit(&self) -> Exit {
        match self {
            Error::NotFound(_) | Error::Findings(_) => Exit::NothingFound,
            Error::Usage(_) | Error::Data(_) | Error::Other(_) => Exit::Error,
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(diagnostic: Diagnostic) -> Self {
        Error::Data(vec![diagnostic])
    }
}
