//! What can go wrong in a command, and the exit code each outcome gives.

use std::process::ExitCode;

use crate::diagnostic::Diagnostic;

/// Exit codes, documented in the README and in `--help`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// The command did what was asked.
    Success,
    /// Nothing matched (like grep), or a data error: an unreadable or invalid file.
    NothingOrDataError,
    /// Wrong usage: an unknown option, topic or value.
    Usage,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::NothingOrDataError => 1,
            Exit::Usage => 2,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit.code())
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
    /// Anything else that stopped the command (writing to stdout failed, ...).
    Other(String),
}

impl Error {
    pub fn exit(&self) -> Exit {
        match self {
            Error::Usage(_) => Exit::Usage,
            Error::NotFound(_) | Error::Data(_) | Error::Other(_) => Exit::NothingOrDataError,
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(diagnostic: Diagnostic) -> Self {
        Error::Data(vec![diagnostic])
    }
}
