//! `backcare completions SHELL`: a small script that asks backcare itself for candidates while
//! the user types (clap_complete's dynamic completion), so topic names for `--topic` and tip
//! ids for `show` include the user's own tips files (the candidates are in `candidates`).

use std::ffi::OsString;
use std::io::Write;

use clap::CommandFactory;
use clap_complete::CompleteEnv;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use crate::cli::{Cli, CompletionShell};
use crate::sanitize::visible_lines;

/// The variable the completion scripts set when they call backcare for candidates.
const VARIABLE: &str = "BACKCARE_COMPLETE";

/// The registration script for `shell`.
pub fn script(shell: CompletionShell) -> String {
    let completer: &dyn EnvCompleter = match shell {
        CompletionShell::Bash => &Bash,
        CompletionShell::Zsh => &Zsh,
        CompletionShell::Fish => &Fish,
        CompletionShell::Elvish => &Elvish,
        CompletionShell::Powershell => &Powershell,
    };
    let mut script = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = completer.write_registration(VARIABLE, "backcare", "backcare", "backcare", &mut script);
    String::from_utf8_lossy(&script).into_owned()
}

/// Answers a completion request from one of the scripts, if this run is one. Returns whether
/// it was (then the caller must do nothing else).
pub fn answer_if_asked(args: &[OsString]) -> bool {
    // Checked here first so that ordinary runs skip the working-directory lookup.
    if std::env::var_os(VARIABLE).is_none() {
        return false;
    }
    let current_dir = std::env::current_dir().ok();
    match CompleteEnv::with_factory(Cli::command)
        .var(VARIABLE)
        .try_complete(args.iter().cloned(), current_dir.as_deref())
    {
        Ok(answered) => answered,
        Err(error) => {
            let text = visible_lines(&error.to_string());
            let _ = std::io::stderr().write_all(text.as_bytes());
            true
        }
    }
}
