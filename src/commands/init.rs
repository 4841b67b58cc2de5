//! `backcare init SHELL`: a snippet for the shell's start-up file.
//!
//! Each snippet shows a tip only in an interactive shell whose stdout is a terminal (scp,
//! rsync, cron, `bash -c` and pipes run start-up files too and must see nothing), does nothing
//! when `backcare` is not on PATH, touches no shell option, and hands back the exit status it
//! found. It keeps that status in a variable, defines one function and runs it; the function
//! removes itself and the variable. The function is run as `__backcare_startup && :` so that
//! handing back a failing status never trips `set -e` (bash) or `ERR_EXIT` (zsh): a failure
//! inside an `&&` list does not end the shell, yet `$?` is still the status found.
//!
//! Unless left out, the snippet also registers the completions, between keeping the status and
//! handing it back: one line in the start-up file sets up both, for one `backcare` process.

use super::completions;
use crate::cli::{CompletionShell, InitShell};
use crate::every::Every;

pub fn snippet(shell: InitShell, every: Option<Every>, with_completions: bool) -> String {
    // `--startup`: the `every` and `daily` settings apply, as they do not to a typed tip.
    let command = match every {
        Some(every) => format!("backcare tip --startup --every {every}"),
        None => "backcare tip --startup".to_string(),
    };
    let template = match shell {
        InitShell::Bash => BASH,
        InitShell::Zsh => ZSH,
        InitShell::Fish => FISH,
    };
    let registration = if with_completions {
        completion_registration(shell)
    } else {
        String::new()
    };
    template
        .replace("TIP_COMMAND", &command)
        .replace("COMPLETIONS\n", &registration)
}

/// zsh's `compdef` exists only after `compinit`: before it, the registration waits for the
/// first prompt, by which time `.zshrc` has run `compinit`.
const ZSH_COMPDEF: &str = "
if (( ${+functions[compdef]} )); then
  compdef _clap_dynamic_completer_backcare backcare
else
  __backcare_compdef() {
    add-zsh-hook -d precmd __backcare_compdef
    unfunction __backcare_compdef
    (( ${+functions[compdef]} )) && compdef _clap_dynamic_completer_backcare backcare
  }
  autoload -Uz add-zsh-hook && add-zsh-hook precmd __backcare_compdef
fi";

/// The completion script, made safe to run where completion is not set up.
fn completion_registration(shell: InitShell) -> String {
    let (completion_shell, preamble) = match shell {
        InitShell::Bash => (
            CompletionShell::Bash,
            // clap_complete's script, as it is.
            "# shellcheck disable=SC2207,SC2181\n",
        ),
        InitShell::Zsh => (CompletionShell::Zsh, ""),
        InitShell::Fish => (CompletionShell::Fish, ""),
    };
    let script = completions::script(completion_shell).replace(
        "\ncompdef _clap_dynamic_completer_backcare backcare",
        ZSH_COMPDEF,
    );
    format!("# Completions for backcare's commands, topics and tip ids.\n{preamble}{script}")
}

/// The snippets, with `TIP_COMMAND` and `COMPLETIONS` to fill in.
const BASH: &str = include_str!("../../assets/init.bash");

const ZSH: &str = include_str!("../../assets/init.zsh");

const FISH: &str = include_str!("../../assets/init.fish");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bakes_in_the_frequency() {
        let every = "4h".parse().ok();
        for shell in [InitShell::Bash, InitShell::Zsh, InitShell::Fish] {
            assert!(
                snippet(shell, every, false).contains("command backcare tip --startup --every 4h")
            );
            let plain = snippet(shell, None, true);
            assert!(plain.contains("BACKCARE_COMPLETE"));
            assert!(plain.contains("command backcare tip --startup") && !plain.contains("--every"));
        }
    }
}
