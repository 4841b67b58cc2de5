//! Long output through a pager, as git and bat do it, and never at the cost of the output: a
//! pager that cannot be started (missing `less` on a minimal image, a typo in `PAGER`) is
//! reported by the caller, which then prints to stdout.
#![deny(unsafe_code)]

use std::io::Write;
use std::process::{Command, Stdio};

pub enum Shown {
    /// The pager ran and was given the text (the reader may have quit early).
    Yes,
    /// The pager never showed the text: why, in a few words.
    NotStarted(String),
}

/// Runs `pager` with `text` on its standard input. A command without shell syntax is split
/// into words and run directly; one with shell syntax (`|`, quotes, `$`...) goes through
/// `sh -c`, whose exit code 127 means the program was not found. `less` is given `-R`, so
/// colours arrive as colours, and `LESS=FRX` when `LESS` is unset.
pub fn show(pager: &str, text: &str) -> Shown {
    let mut command = match words(pager) {
        Some(words) => {
            let mut command = Command::new(&words[0]);
            command.args(&words[1..]);
            if is_less(&words[0]) {
                command.arg("-R");
                if std::env::var_os("LESS").is_none() {
                    command.env("LESS", "FRX");
                }
            }
            command
        }
        None => {
            let mut command = Command::new("sh");
            command.args(["-c", pager]);
            command
        }
    };
    let mut child = match command.stdin(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Shown::NotStarted("was not found".to_string());
        }
        Err(error) => return Shown::NotStarted(format!("could not start: {error}")),
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader quitting early (`q` in less) is not an error.
        let _ = stdin.write_all(text.as_bytes());
    }
    match child.wait() {
        Ok(status) if status.code() == Some(127) => Shown::NotStarted("was not found".to_string()),
        _ => Shown::Yes,
    }
}

/// The words of a pager command with no shell syntax in it; `None` when it needs a shell.
fn words(pager: &str) -> Option<Vec<String>> {
    let plain = pager
        .chars()
        .all(|c| c.is_alphanumeric() || " \t-_./+,:@%=".contains(c));
    let words: Vec<String> = pager.split_whitespace().map(str::to_string).collect();
    (plain && !words.is_empty()).then_some(words)
}

fn is_less(program: &str) -> bool {
    std::path::Path::new(program)
        .file_name()
        .is_some_and(|name| name == "less")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_commands_are_split_and_shell_ones_are_not() {
        assert_eq!(words("less -FRX").unwrap(), ["less", "-FRX"]);
        assert_eq!(words("/usr/bin/most").unwrap(), ["/usr/bin/most"]);
        assert!(words("less | cat").is_none());
        assert!(words("less '-R'").is_none());
        assert!(words("$HOME/bin/pager").is_none());
        assert!(is_less("/usr/bin/less") && is_less("less") && !is_less("lesspipe"));
    }

    #[test]
    fn a_missing_pager_is_not_started() {
        assert!(matches!(
            show("backcare-no-such-pager", "text"),
            Shown::NotStarted(_)
        ));
        assert!(matches!(
            show("backcare-no-such-pager '-R'", "text"),
            Shown::NotStarted(_)
        ));
        assert!(matches!(show("cat >/dev/null", "text"), Shown::Yes));
    }
}
