//! A test environment of its own for every test: a temporary HOME with XDG directories, and
//! none of the developer's BACKCARE_* or NO_COLOR settings.

#![allow(dead_code)] // each test binary uses a different part of this module

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub struct TestEnv {
    pub dir: TempDir,
}

impl TestEnv {
    pub fn new() -> Self {
        let env = TestEnv {
            dir: tempfile::tempdir().expect("temporary directory"),
        };
        std::fs::create_dir_all(env.config_dir()).unwrap();
        env
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    pub fn config_dir(&self) -> PathBuf {
        self.home().join("config/backcare")
    }

    pub fn state_dir(&self) -> PathBuf {
        self.home().join("state/backcare")
    }

    pub fn state_file(&self) -> PathBuf {
        self.state_dir().join("state.json")
    }

    /// Writes `text` to `name` inside the test directory and returns its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    pub fn write_config(&self, text: &str) -> PathBuf {
        let path = self.config_dir().join("config.toml");
        std::fs::write(&path, text).unwrap();
        path
    }

    /// The whole environment a test's backcare runs in: its own home, UTC.
    pub fn environment(&self) -> Vec<(&'static str, std::ffi::OsString)> {
        vec![
            ("PATH", std::env::var_os("PATH").unwrap_or_default()),
            ("HOME", self.home().into()),
            ("XDG_CONFIG_HOME", self.home().join("config").into()),
            ("XDG_STATE_HOME", self.home().join("state").into()),
            ("TZ", "UTC".into()),
        ]
    }

    /// `backcare` with this environment.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("backcare").expect("backcare binary");
        cmd.env_clear()
            .envs(self.environment())
            .current_dir(self.dir.path());
        cmd
    }

    /// The same, as a plain `std::process::Command`, for what assert_cmd cannot do (a
    /// timeout, a chosen stdout).
    pub fn std_cmd(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("backcare"));
        cmd.env_clear()
            .envs(self.environment())
            .current_dir(self.dir.path())
            .args(args);
        cmd
    }

    /// `script` running the shell line `command` on a pseudo-terminal of `columns` by
    /// `rows`, with backcare first on PATH, this environment's home and `TERM=xterm`.
    pub fn on_pty(&self, command: &str, columns: u16, rows: u16) -> std::process::Command {
        let mut script = std::process::Command::new("script");
        script
            .args([
                "-qec",
                &format!("stty cols {columns} rows {rows}; {command}"),
                "/dev/null",
            ])
            .env_clear()
            .env("PATH", path_with_backcare())
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join("config"))
            .env("XDG_STATE_HOME", self.home().join("state"))
            .env("TERM", "xterm")
            .current_dir(self.dir.path());
        script
    }

    /// `backcare ARGS` in this environment under strace, following children, with each of
    /// `expressions` as an `-e` (`inject=rename:signal=KILL`) and strace's own output written
    /// to `trace` (`/dev/null` to drop it).
    pub fn under_strace(
        &self,
        trace: &Path,
        expressions: &[&str],
        args: &[&str],
    ) -> std::process::Command {
        let mut strace = std::process::Command::new("strace");
        strace.args(["-f", "-qq", "-o"]).arg(trace);
        for expression in expressions {
            strace.args(["-e", expression]);
        }
        strace
            .arg(assert_cmd::cargo::cargo_bin("backcare"))
            .args(args)
            .env_clear()
            .envs(self.environment())
            .current_dir(self.dir.path());
        strace
    }

    pub fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd().args(args).assert()
    }

    pub fn stdout(&self, args: &[&str]) -> String {
        let output = self.run(args).success();
        String::from_utf8(output.get_output().stdout.clone()).unwrap()
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut with_json = vec!["--json"];
        with_json.extend_from_slice(args);
        serde_json::from_str(&self.stdout(&with_json)).expect("valid JSON")
    }
}

/// Whether `program` is on PATH. The tests that need a program are marked `#[ignore = "needs
/// …"]`, so a plain `cargo test` counts them as ignored in its summary; run explicitly
/// (`cargo test -- --include-ignored`, as CI does after `scripts/install-test-tools.sh`), a
/// missing program fails the test instead of letting it pass untested.
pub fn installed(program: &str) -> bool {
    let found = std::process::Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|output| output.status.success());
    assert!(
        found,
        "this test needs {program}: scripts/install-test-tools.sh installs it"
    );
    found
}

/// A `PATH` with the built backcare first, then the system's programs.
pub fn path_with_backcare() -> String {
    let bin = assert_cmd::cargo::cargo_bin("backcare");
    format!("{}:/usr/bin:/bin", bin.parent().unwrap().display())
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A small valid user file with its own topic.
pub const USER_TIPS: &str = r#"
[topics.mine]
title = "My notes"
description = "Things my physio told me."

[[tips]]
id = "mine-stretch"
topic = "mine"
text = "Do the cat stretch my physio showed me, ten times, morning and evening."
tags = ["physio"]

[[tips]]
id = "mine-posture"
topic = "posture"
text = "Roll the shoulders back whenever the phone rings."
"#;
