//! The README's blocks, run as a user would paste them, so that the docs cannot drift from what
//! backcare does.
//!
//! The rule the README follows is the info string of each fenced block: its first word is the
//! language, any further words are flags.
//!
//! - ` ```sh ` (or ` ```bash `): commands to paste into a terminal. Each block runs on its own,
//!   in a fresh home (`HOME` and the XDG directories in a temporary directory) with the built
//!   backcare first on `PATH`, under `bash -euo pipefail`, and must exit 0.
//! - ` ```sh no-test `: commands that need root, a package, a Rust toolchain or `man`
//!   (installing, packaging, the project's own test commands). They are not run: this test
//!   checks their syntax (`bash -n`) and that the scripts they name exist, and prints them.
//!   There may be at most [`MAX_NOT_RUN`] of them.
//! - ` ```sh rc `: lines for a shell's start-up file, each `LINE   # FILE`. A start-up line that
//!   `backcare --help`, `backcare init --help` or the manual page gives must be the README's
//!   line for that shell, and every line runs in a non-interactive shell (no tip), where it
//!   must print nothing and leave the shell running, `set -e` and all. (`tests/shells.rs`
//!   runs them in interactive shells on a terminal.)
//! - ` ```toml config `: a config file; it must parse with [`Config::parse`] without a problem.
//! - Anything else is not run: ` ```console ` and ` ```text ` are output to look at; ` ```toml `,
//!   ` ```json ` and ` ```tmux ` other programs' files. A fence without a language is refused,
//!   so that every block says which it is.
//!
//! Before a block runs, the README's example due date is moved to 15 weeks from today, so that
//! the set-up keeps working once that date has passed.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use backcare::config::Config;
use common::{installed, path_with_backcare};

/// The most blocks the README may keep from this test (`no-test`).
const MAX_NOT_RUN: usize = 5;

/// The due date the README's set-up uses as its example.
const EXAMPLE_DUE_DATE: &str = "2027-03-14";

/// The start-up files, and the shell that reads each.
const START_UP_FILES: [(&str, &str); 3] = [
    ("~/.bashrc", "bash"),
    ("~/.zshrc", "zsh"),
    ("~/.config/fish/config.fish", "fish"),
];

const README: &str = include_str!("../README.md");

#[derive(Debug)]
struct Block {
    /// The line of the opening fence, counted from 1.
    line: usize,
    language: String,
    flags: Vec<String>,
    text: String,
}

impl Block {
    fn has(&self, flag: &str) -> bool {
        self.flags.iter().any(|each| each == flag)
    }

    fn is_shell(&self) -> bool {
        matches!(self.language.as_str(), "sh" | "bash")
    }

    fn first_line(&self) -> &str {
        self.text.lines().next().unwrap_or("")
    }
}

/// Every fenced block of `markdown`, with its indentation (inside a list item) taken off.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = markdown.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        let trimmed = line.trim_start();
        let Some(info) = trimmed.strip_prefix("```") else {
            continue;
        };
        let indent = line.len() - trimmed.len();
        let mut text = String::new();
        let mut closed = false;
        for (_, body) in lines.by_ref() {
            if body.trim_start().starts_with("```") {
                closed = true;
                break;
            }
            text.push_str(body.get(indent..).unwrap_or(body.trim_start()));
            text.push('\n');
        }
        assert!(
            closed,
            "README.md:{}: a block that is never closed",
            index + 1
        );
        let mut words = info.split_whitespace();
        blocks.push(Block {
            line: index + 1,
            language: words.next().unwrap_or("").to_string(),
            flags: words.map(str::to_string).collect(),
            text,
        });
    }
    blocks
}

/// A fresh home: the directories a new user has, and nothing in them.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let home = Home {
            dir: tempfile::tempdir().expect("temporary directory"),
        };
        std::fs::create_dir_all(home.path()).unwrap();
        home
    }

    fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("home")
    }

    /// `program args…` in this home, with the built backcare first on PATH and no terminal.
    fn run(&self, program: &str, args: &[&str]) -> Output {
        let home = self.path();
        Command::new(program)
            .args(args)
            .env_clear()
            .env("PATH", path_with_backcare())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_STATE_HOME", home.join(".local/state"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("TZ", "UTC")
            .current_dir(&home)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|error| panic!("cannot run {program}: {error}"))
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A due date 15 weeks from today (UTC), in place of the README's example.
fn due_date_ahead() -> String {
    use jiff::ToSpan;
    let today = jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now())
        .date();
    today.checked_add(15.weeks()).unwrap().to_string()
}

#[test]
fn every_block_says_what_it_is() {
    let blocks = blocks(README);
    assert!(blocks.len() > 5, "found only {} blocks", blocks.len());
    for block in &blocks {
        assert!(
            !block.language.is_empty(),
            "README.md:{}: a block without a language (sh, sh no-test, sh rc, toml config, \
             console, text, …)",
            block.line
        );
        for flag in &block.flags {
            let known = match flag.as_str() {
                "no-test" | "rc" => block.is_shell(),
                "config" => block.language == "toml",
                _ => false,
            };
            assert!(
                known,
                "README.md:{}: unknown flag `{flag}` for ```{}",
                block.line, block.language
            );
        }
    }
}

/// Every `sh` block a user is told to paste works, in a fresh home.
#[test]
fn the_readme_shell_blocks_run_in_a_fresh_home() {
    let due = due_date_ahead();
    let runnable: Vec<Block> = blocks(README)
        .into_iter()
        .filter(|block| block.is_shell() && block.flags.is_empty())
        .collect();
    assert!(
        runnable.len() >= 4,
        "only {} blocks to run: the set-up, the commands, the handout and the tips file \
         should all be runnable",
        runnable.len()
    );
    assert!(
        runnable
            .iter()
            .any(|block| block.text.contains("backcare config set due_date")),
        "the set-up block is not run"
    );
    for block in &runnable {
        let home = Home::new();
        let script = block.text.replace(EXAMPLE_DUE_DATE, &due);
        let output = home.run("bash", &["-euo", "pipefail", "-c", &script]);
        assert!(
            output.status.success(),
            "README.md:{}: the block failed ({}):\n{}\nstderr:\n{}",
            block.line,
            output.status,
            block.text,
            text(&output.stderr)
        );
    }
}

/// The blocks that cannot run here are few, well-formed, and name scripts that exist.
#[test]
fn the_blocks_not_run_are_few_and_well_formed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let not_run: Vec<Block> = blocks(README)
        .into_iter()
        .filter(|block| block.has("no-test"))
        .collect();
    println!("README blocks not run (they need root, a package, a Rust toolchain or man):");
    for block in &not_run {
        println!("  README.md:{}: {}", block.line, block.first_line());
    }
    assert!(
        not_run.len() <= MAX_NOT_RUN,
        "{} blocks are marked no-test; at most {MAX_NOT_RUN}",
        not_run.len()
    );
    for block in &not_run {
        let output = Command::new("bash")
            .args(["-n", "-c", &block.text])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "README.md:{}: not valid shell: {}",
            block.line,
            text(&output.stderr)
        );
        for word in block.text.split_whitespace() {
            if word.starts_with("scripts/") {
                assert!(
                    root.join(word).is_file(),
                    "README.md:{}: {word} does not exist",
                    block.line
                );
            }
        }
    }
}

/// The README's config file is one backcare reads without a problem.
#[test]
fn the_readme_config_block_parses() {
    let configs: Vec<Block> = blocks(README)
        .into_iter()
        .filter(|block| block.has("config"))
        .collect();
    assert!(!configs.is_empty(), "no ```toml config block");
    for block in &configs {
        let (config, problems) = Config::parse("README.md", &block.text);
        assert!(
            problems.is_empty(),
            "README.md:{}: the config block has problems: {problems:?}",
            block.line
        );
        assert!(config.due_date.is_some(), "README.md:{}", block.line);
    }
}

/// `(shell, line)` for every line of the README's start-up blocks, checked for their form.
fn start_up_lines() -> Vec<(usize, &'static str, String)> {
    let mut lines = Vec::new();
    for block in blocks(README).into_iter().filter(|block| block.has("rc")) {
        let mut shells = Vec::new();
        for line in block.text.lines().filter(|line| !line.trim().is_empty()) {
            let (command, file) = line.rsplit_once("   # ").unwrap_or_else(|| {
                panic!(
                    "README.md:{}: a start-up line is `LINE   # FILE`: {line}",
                    block.line
                )
            });
            let shell = START_UP_FILES
                .iter()
                .find(|(name, _)| *name == file.trim())
                .unwrap_or_else(|| panic!("README.md:{}: unknown file {file}", block.line))
                .1;
            shells.push(shell);
            lines.push((block.line, shell, command.trim().to_string()));
        }
        assert_eq!(
            shells,
            ["bash", "zsh", "fish"],
            "README.md:{}: one line for each shell",
            block.line
        );
    }
    assert!(!lines.is_empty(), "no ```sh rc block");
    lines
}

/// The start-up lines `--help`, `init --help` and the manual page print, `(where, line)`: each
/// line naming `backcare init SHELL`, without a trailing `  in ~/.bashrc` column.
fn documented_start_up_lines(shell: &str) -> Vec<(String, String)> {
    let home = Home::new();
    let mut found = Vec::new();
    for args in [&["--help"][..], &["init", "--help"], &["man"]] {
        let output = home.run("backcare", args);
        assert!(output.status.success(), "backcare {args:?}");
        for line in text(&output.stdout).lines() {
            // The manual page is roff: `\-` is a dash there.
            let line = line.replace("\\-", "-");
            let line = line.trim();
            if line.starts_with('.') || !line.contains(&format!("backcare init {shell}")) {
                continue;
            }
            let command = line.split("  in ~/").next().unwrap().trim_end();
            found.push((format!("backcare {}", args.join(" ")), command.to_string()));
        }
    }
    found
}

/// The lines sourcing an installed snippet that `--help`, `init --help` and the manual page
/// give, `(where, line)`.
fn documented_snippet_lines() -> Vec<(String, String)> {
    let home = Home::new();
    let mut found = Vec::new();
    for args in [&["--help"][..], &["init", "--help"], &["man"]] {
        let output = home.run("backcare", args);
        for line in text(&output.stdout).lines() {
            let line = line.replace("\\-", "-");
            let line = line.trim();
            if (line.starts_with("[ -r ") || line.starts_with("test -r "))
                && line.contains("share/backcare/init.")
            {
                let command = line.split("  in ~/").next().unwrap().trim_end();
                found.push((format!("backcare {}", args.join(" ")), command.to_string()));
            }
        }
    }
    found
}

/// Where `--help`, `init --help` and the manual page give a start-up line, it is the
/// README's, so that a user never meets two versions.
#[test]
fn the_help_gives_the_readme_start_up_lines() {
    let lines = start_up_lines();
    for (place, documented) in documented_snippet_lines() {
        assert!(
            lines.iter().any(|(_, _, line)| *line == documented),
            "{place} gives a start-up line the README does not: {documented}"
        );
    }
    for (_, shell) in START_UP_FILES {
        let readme: Vec<&String> = lines
            .iter()
            .filter(|(_, each, line)| {
                *each == shell && line.contains(&format!("backcare init {shell}"))
            })
            .map(|(_, _, line)| line)
            .collect();
        assert_eq!(
            readme.len(),
            1,
            "the README has one `backcare init {shell}` line"
        );
        for (place, documented) in documented_start_up_lines(shell) {
            assert_eq!(
                &documented, readme[0],
                "{place} gives a start-up line for {shell} that is not the README's"
            );
        }
    }
}

/// Every bash start-up line, in a non-interactive `bash -euo pipefail`: silent, and the shell
/// goes on.
#[test]
fn the_bash_start_up_lines_are_silent_and_keep_the_shell() {
    for (block, shell, line) in start_up_lines() {
        if shell != "bash" {
            continue;
        }
        let output = Home::new().run(
            "bash",
            &["-euo", "pipefail", "-c", &format!("{line}\necho alive")],
        );
        assert!(output.status.success(), "README.md:{block}: {line}");
        assert_eq!(text(&output.stdout), "alive\n", "README.md:{block}: {line}");
        assert_eq!(text(&output.stderr), "", "README.md:{block}: {line}");
    }
}

/// The same for zsh (with `ERR_EXIT`) and fish.
#[test]
#[ignore = "needs zsh, fish: run with `cargo test -- --include-ignored`"]
fn the_zsh_and_fish_start_up_lines_are_silent_and_keep_the_shell() {
    if !installed("zsh") || !installed("fish") {
        return;
    }
    for (block, shell, line) in start_up_lines() {
        let script = format!("{line}\necho alive");
        let output = match shell {
            "zsh" => Home::new().run("zsh", &["-eu", "-o", "pipefail", "-c", &script]),
            "fish" => Home::new().run("fish", &["-c", &script]),
            _ => continue,
        };
        assert!(output.status.success(), "README.md:{block}: {line}");
        assert_eq!(text(&output.stdout), "alive\n", "README.md:{block}: {line}");
        assert_eq!(text(&output.stderr), "", "README.md:{block}: {line}");
    }
}

/// The project's commands are in the README as CI and newcomers look for them, and its links
/// to other files lead somewhere.
#[test]
fn the_readme_names_the_test_commands_and_its_links_exist() {
    for command in [
        "cargo run --release -- tip",
        "cargo test",
        "scripts/install-test-tools.sh && cargo test -- --include-ignored",
    ] {
        assert!(README.contains(command), "the README misses `{command}`");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (at, _) in README.match_indices("](") {
        let target = &README[at + 2..];
        let target = &target[..target.find(')').unwrap()];
        if target.starts_with("http") || target.starts_with('#') {
            continue;
        }
        let file = target.split('#').next().unwrap();
        assert!(root.join(file).exists(), "the README links to {target}");
    }
}
