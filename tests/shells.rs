//! The init snippets in real shells: a tip in an interactive shell on a terminal (a pty made
//! by `script`), nothing in a non-interactive shell, a pipe, or when backcare is not on PATH,
//! and the exit status handed back untouched. A shell that is not installed is reported as
//! skipped (`.ci/run` installs bash, zsh, fish and shellcheck).

mod common;

use std::process::{Command, Output};

use common::{TestEnv, installed};

struct Shell {
    env: TestEnv,
    name: &'static str,
}

impl Shell {
    /// A shell whose start-up file holds `backcare init NAME`, with backcare on PATH.
    fn new(name: &'static str) -> Option<Shell> {
        if !installed(name) || !installed("script") {
            return None;
        }
        let env = TestEnv::new();
        let bin = env.dir.path().join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(
            assert_cmd::cargo::cargo_bin("backcare"),
            bin.join("backcare"),
        )
        .unwrap();
        let snippet = env.stdout(&["init", name]);
        let rc = match name {
            "bash" => env.dir.path().join("bashrc"),
            "zsh" => env.dir.path().join("zdotdir/.zshrc"),
            _ => env.home().join("config/fish/config.fish"),
        };
        std::fs::create_dir_all(rc.parent().unwrap()).unwrap();
        std::fs::write(&rc, snippet).unwrap();
        Some(Shell { env, name })
    }

    fn rc(&self) -> String {
        match self.name {
            "bash" => self.env.dir.path().join("bashrc").display().to_string(),
            "zsh" => self
                .env
                .dir
                .path()
                .join("zdotdir/.zshrc")
                .display()
                .to_string(),
            _ => self
                .env
                .home()
                .join("config/fish/config.fish")
                .display()
                .to_string(),
        }
    }

    /// The command line that starts this shell, interactive or not, running `script`.
    fn command_line(&self, interactive: bool, script: &str) -> String {
        let flag = if interactive { "-i " } else { "" };
        match self.name {
            "bash" if interactive => format!("bash --rcfile {} -i -c '{script}'", self.rc()),
            "bash" => format!("bash -c '. {}; {script}'", self.rc()),
            "zsh" => format!("zsh {flag}-c '{script}'"),
            _ => format!("fish {flag}-c '{script}'"),
        }
    }

    fn run(&self, line: &str, with_backcare: bool, on_terminal: bool) -> Output {
        let bin = self.env.dir.path().join("bin");
        let path = if with_backcare {
            format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display())
        } else {
            "/usr/local/bin:/usr/bin:/bin".to_string()
        };
        let mut command = if on_terminal {
            let mut script = Command::new("script");
            script.args(["-qec", line, "/dev/null"]);
            script
        } else {
            let mut sh = Command::new("sh");
            sh.args(["-c", line]);
            sh
        };
        command
            .env_clear()
            .env("PATH", path)
            .env("HOME", self.env.home())
            .env("XDG_CONFIG_HOME", self.env.home().join("config"))
            .env("XDG_STATE_HOME", self.env.home().join("state"))
            .env("ZDOTDIR", self.env.dir.path().join("zdotdir"))
            .env("TERM", "dumb")
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace('\r', "")
}

fn check_shell(name: &'static str) {
    let Some(shell) = Shell::new(name) else {
        return;
    };
    // Interactive, on a terminal: one tip.
    let shown = shell.run(&shell.command_line(true, "exit 0"), true, true);
    let out = text(&shown.stdout);
    assert!(
        out.contains(" · "),
        "{name} on a terminal showed no tip: {out:?}"
    );

    // Interactive but stdout is a pipe: nothing.
    let piped = shell.run(
        &format!("{} | cat", shell.command_line(true, "exit 0")),
        true,
        false,
    );
    assert_eq!(text(&piped.stdout), "", "{name} printed into a pipe");

    // Non-interactive shell (scp, rsync, cron, `bash -c`), even on a terminal: nothing.
    let quiet = shell.run(&shell.command_line(false, "exit 0"), true, true);
    assert!(
        !text(&quiet.stdout).contains(" · "),
        "{name} -c printed a tip"
    );

    // backcare not on PATH: nothing at all, not even an error.
    let absent = shell.run(&shell.command_line(true, "exit 0"), false, true);
    assert!(!text(&absent.stdout).contains(" · "));
    assert!(
        !text(&absent.stdout).contains("not found"),
        "{}",
        text(&absent.stdout)
    );

    // The exit status before the snippet is handed back.
    let status_script = match name {
        "fish" => format!("false; source {}; echo status=$status", shell.rc()),
        _ => format!("false; . {}; echo status=$?", shell.rc()),
    };
    let line = match name {
        "fish" => format!("fish -c '{status_script}'"),
        _ => format!("{name} -c '{status_script}'"),
    };
    let kept = shell.run(&line, true, false);
    assert_eq!(
        text(&kept.stdout).trim(),
        "status=1",
        "{name} changed the exit status"
    );

    // The snippet also shows nothing, and does not fail, when the tip is silenced by --every:
    // in a start-up file that stops at the first failure where the shell can (bash `set -e`,
    // zsh ERR_EXIT) and finds `$?` at 1 before the snippet, a first start shows a tip, and a
    // second one within the interval shows nothing at all, hands back the 1 and goes on, to
    // the end of the file and into the shell's own command.
    let (strict, failed, status) = match name {
        "bash" => ("set -eu", "[ -e /nonexistent ] && echo never", "$?"),
        "zsh" => (
            "setopt ERR_EXIT NO_UNSET",
            "[ -e /nonexistent ] && echo never",
            "$?",
        ),
        _ => ("", "test -e /nonexistent; and echo never", "$status"),
    };
    let snippet = shell.env.stdout(&["init", name, "--every", "4h"]);
    std::fs::write(
        shell.rc(),
        format!("{strict}\n{failed}\n{snippet}echo rc-went-on status={status}\n"),
    )
    .unwrap();
    // The starts above recorded their tips: this one is the first for --every.
    let _ = std::fs::remove_file(shell.env.state_file());
    let start = shell.command_line(true, "echo shell-alive");
    let first = shell.run(&start, true, true);
    let out = text(&first.stdout);
    assert!(
        out.contains(" · "),
        "{name}: no tip at the first start: {out:?}"
    );
    assert!(out.contains("rc-went-on status=1"), "{name}: {out:?}");
    assert!(out.contains("shell-alive"), "{name}: {out:?}");
    let second = shell.run(&start, true, true);
    let out = text(&second.stdout);
    assert_eq!(
        out, "rc-went-on status=1\nshell-alive\n",
        "{name}: a start within --every showed something, changed the status or closed the shell"
    );
    assert!(second.status.success(), "{name}: {:?}", second.status);

    // Loaded from a file (as the package installs it) right after a failing command, and
    // again through `source <(…)` (fish: a pipe into `source`): one tip, and the status
    // before each handed back.
    let file = shell.env.dir.path().join(format!("init.{name}"));
    std::fs::write(&file, shell.env.stdout(&["init", name, "--no-completions"])).unwrap();
    let (load_file, load_again) = match name {
        "fish" => (
            format!("source {}", file.display()),
            "backcare init fish | source".to_string(),
        ),
        _ => (
            format!(". {}", file.display()),
            format!("source <(backcare init {name})"),
        ),
    };
    let twice = |strict: &str, guard_file: &str, guard_again: &str| {
        std::fs::write(
            shell.rc(),
            format!(
                "{strict}\n{failed}\n{guard_file}{load_file}\necho first status={status}\n{failed}\n{guard_again}{load_again}\necho second status={status}\n"
            ),
        )
        .unwrap();
        let _ = std::fs::remove_file(shell.env.state_file());
        let out = text(&shell.run(&start, true, true).stdout);
        assert_eq!(
            out.matches(" · ").count(),
            1,
            "{name}: not one tip: {out:?}"
        );
        assert!(out.ends_with("shell-alive\n"), "{name}: {out:?}");
        out
    };
    let out = twice("", "", "");
    assert!(out.contains("first status=1"), "{name}: {out:?}");
    assert!(out.contains("second status=1"), "{name}: {out:?}");
    // In a strict start-up file, as the README gives the lines (guarded: a bare `. FILE`
    // that hands back a failing status closes a `set -e` shell, as any failing command
    // does), the shell goes on.
    if name != "fish" {
        let file_guard = format!("[ -r {} ] && ", file.display());
        twice(strict, &file_guard, "command -v backcare >/dev/null && ");
    }
}

#[test]
#[ignore = "needs bash, script: run with `cargo test -- --include-ignored`"]
fn bash_snippet() {
    check_shell("bash");
}

#[test]
#[ignore = "needs zsh, script: run with `cargo test -- --include-ignored`"]
fn zsh_snippet() {
    check_shell("zsh");
}

#[test]
#[ignore = "needs fish, script: run with `cargo test -- --include-ignored`"]
fn fish_snippet() {
    check_shell("fish");
}

#[test]
#[ignore = "needs shellcheck: run with `cargo test -- --include-ignored`"]
fn bash_snippet_passes_shellcheck() {
    if !installed("shellcheck") {
        return;
    }
    let env = TestEnv::new();
    for every in [None, Some("4h")] {
        let mut args = vec!["init", "bash"];
        if let Some(every) = every {
            args.extend(["--every", every]);
        }
        let snippet = env.write("snippet.bash", &env.stdout(&args));
        let output = Command::new("shellcheck")
            .args(["--shell=bash", snippet.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", text(&output.stdout));
    }
}

#[test]
#[ignore = "needs bash, script: run with `cargo test -- --include-ignored`"]
fn a_broken_config_costs_the_shell_one_line_and_nothing_else() {
    let Some(shell) = Shell::new("bash") else {
        return;
    };
    std::fs::write(shell.env.config_dir().join("config.toml"), "every = 4\n").unwrap();
    let output = shell.run(&shell.command_line(true, "echo still-here"), true, true);
    let out = text(&output.stdout);
    assert!(out.contains("`every`: `4` is not a duration"), "{out}");
    assert!(out.contains(" · "), "the tip is still shown: {out}");
    assert!(out.contains("still-here"), "the shell went on: {out}");
    assert_eq!(
        out.matches("backcare: warning:").count(),
        1,
        "one line: {out}"
    );
    assert!(output.status.success());
}

/// `set -e` and `set -u` in a start-up file (zsh: ERR_EXIT and NO_UNSET): the snippet hands
/// back a failing status without closing the new shell or aborting the rest of the file.
#[test]
#[ignore = "needs bash, zsh, script: run with `cargo test -- --include-ignored`"]
fn strict_start_up_files_survive_the_snippet() {
    for name in ["bash", "zsh"] {
        let Some(shell) = Shell::new(name) else {
            continue;
        };
        let strict = match name {
            "bash" => "set -eu",
            _ => "setopt ERR_EXIT NO_UNSET",
        };
        let snippet = shell.env.stdout(&["init", name]);
        // The test before the snippet is false, so `$?` is 1 when the snippet starts.
        let rc = format!(
            "{strict}\n[ -e /nonexistent ] && echo never\n{snippet}echo rc-went-on status=$?\n"
        );
        std::fs::write(shell.rc(), rc).unwrap();
        let output = shell.run(&shell.command_line(true, "echo shell-alive"), true, true);
        let out = text(&output.stdout);
        assert!(out.contains(" · "), "{name} showed no tip: {out}");
        assert!(out.contains("rc-went-on status=1"), "{name}: {out}");
        assert!(
            out.contains("shell-alive"),
            "{name} closed the shell: {out}"
        );
    }
}

/// The start-up lines exactly as the README gives them: with backcare installed, a tip and
/// completions; without it on PATH, not a word.
#[test]
#[ignore = "needs bash, zsh, fish, script: run with `cargo test -- --include-ignored`"]
fn the_readme_start_up_lines_work_and_stay_silent_without_backcare() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for name in ["bash", "zsh", "fish"] {
        let Some(shell) = Shell::new(name) else {
            continue;
        };
        let line = readme
            .lines()
            .find(|line| {
                // The code block's lines: the command, then the file it goes in.
                line.contains(&format!("backcare init {name}")) && line.contains("   # ~/")
            })
            .unwrap_or_else(|| panic!("no start-up line for {name} in the README"))
            .split("   #")
            .next()
            .unwrap()
            .trim()
            .to_string();
        let line = if name == "zsh" {
            format!("autoload -U compinit && compinit -u\n{line}\n")
        } else {
            format!("{line}\n")
        };
        std::fs::write(shell.rc(), line).unwrap();
        let check = match name {
            "bash" => "complete -p backcare",
            "zsh" => "print -r -- ${_comps[backcare]}",
            _ => "complete --do-complete \"backcare warn\"",
        };
        let output = shell.run(&shell.command_line(true, check), true, true);
        let out = text(&output.stdout);
        assert!(out.contains(" · "), "{name}: no tip: {out}");
        assert!(
            out.contains("_clap_complete_backcare")
                || out.contains("_clap_dynamic_completer_backcare")
                || out.contains("warning-signs"),
            "{name}: no completions: {out}"
        );
        let absent = shell.run(&shell.command_line(true, "echo done"), false, true);
        let out = text(&absent.stdout);
        assert!(out.contains("done"), "{name}: {out}");
        assert!(!out.contains("backcare"), "{name} printed something: {out}");
        assert!(
            !out.contains("not found"),
            "{name} printed something: {out}"
        );
        // A function or alias of the same name does not fool the guard, which looks on PATH.
        let wrapper = match name {
            "fish" => {
                "function backcare; end
"
            }
            _ => {
                "backcare() { :; }
"
            }
        };
        std::fs::write(
            shell.rc(),
            format!("{wrapper}{}", std::fs::read_to_string(shell.rc()).unwrap()),
        )
        .unwrap();
        let wrapped = shell.run(&shell.command_line(true, "echo done"), false, true);
        let out = text(&wrapped.stdout);
        assert!(out.contains("done"), "{name}: {out}");
        assert!(
            !out.contains("not found") && !out.contains("Unknown command"),
            "{name} printed something: {out}"
        );
    }
}

/// zsh: the completion is registered whether the line comes before or after `compinit` (before
/// it, at the first prompt, which the test stands in for by running the precmd hooks).
#[test]
#[ignore = "needs zsh: run with `cargo test -- --include-ignored`"]
fn zsh_completion_works_before_or_after_compinit() {
    let Some(shell) = Shell::new("zsh") else {
        return;
    };
    let snippet = shell.env.stdout(&["init", "zsh"]);
    let compinit = "autoload -Uz compinit && compinit -u -D";
    for (name, rc) in [
        ("before", format!("{snippet}\n{compinit}\n")),
        ("after", format!("{compinit}\n{snippet}\n")),
    ] {
        std::fs::write(shell.rc(), rc).unwrap();
        let line = "zsh -i -c 'for hook in $precmd_functions; do $hook; done; print -r -- comp=${_comps[backcare]}'";
        let out = text(&shell.run(line, true, false).stdout);
        assert!(
            out.contains("comp=_clap_dynamic_completer_backcare"),
            "{name} compinit: {out:?}"
        );
    }
}
