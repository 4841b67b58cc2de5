//! Bad input never panics and costs one clear line; nothing from a tips file can drive the
//! terminal. The table of bad inputs here is the one in the README.

mod common;

use std::path::PathBuf;

use common::TestEnv;
use predicates::str::contains;

/// A bad tips file, how to make it, and the message it must give.
struct BadFile {
    what: &'static str,
    make: fn(&TestEnv) -> PathBuf,
    message: &'static str,
}

const BAD_FILES: &[BadFile] = &[
    BadFile {
        what: "a missing file",
        make: |env| env.dir.path().join("missing.toml"),
        message: ": no such file",
    },
    BadFile {
        what: "a directory",
        make: |env| {
            let dir = env.dir.path().join("a-directory");
            std::fs::create_dir_all(&dir).unwrap();
            dir
        },
        message: ": is a directory, not a regular file",
    },
    BadFile {
        what: "/dev/null",
        make: |_| PathBuf::from("/dev/null"),
        message: ": is a device, not a regular file",
    },
    BadFile {
        what: "an empty file",
        make: |env| env.write("empty.toml", ""),
        message: ": no tips in this file",
    },
    BadFile {
        what: "a file with no tips",
        make: |env| {
            env.write(
                "topics-only.toml",
                "[topics.a]\ntitle = \"A\"\ndescription = \"B\"\n",
            )
        },
        message: ": no tips in this file",
    },
    BadFile {
        what: "invalid TOML",
        make: |env| env.write("invalid.toml", "[[tips]\nid = \"a\"\n"),
        message: ":1:",
    },
    BadFile {
        what: "a wrong type",
        make: |env| {
            env.write(
                "type.toml",
                "[[tips]]\nid = \"a\"\ntopic = \"posture\"\ntext = [\"x\"]\n",
            )
        },
        message: ":4:8: `text` must be a string, found array",
    },
    BadFile {
        what: "an unknown key",
        make: |env| {
            env.write(
                "key.toml",
                "[[tips]]\nid = \"a\"\ntopic = \"posture\"\ntext = \"x\"\ncolour = 1\n",
            )
        },
        message: ":5:1: unknown key `colour`",
    },
    BadFile {
        what: "a duplicate id",
        make: |env| {
            env.write("dup.toml", "[[tips]]\nid = \"a\"\ntopic = \"posture\"\ntext = \"x\"\n[[tips]]\nid = \"a\"\ntopic = \"posture\"\ntext = \"y\"\n")
        },
        message: ":6:6: duplicate id `a` (first used on line 2)",
    },
    BadFile {
        what: "non-UTF-8 bytes",
        make: |env| {
            let path = env.dir.path().join("latin1.toml");
            std::fs::write(&path, b"[[tips]]\nid = \"caf\xe9\"\n").unwrap();
            path
        },
        message: ":2:10: is not valid UTF-8 text",
    },
    BadFile {
        what: "megabytes of junk",
        make: |env| {
            let path = env.dir.path().join("junk.bin");
            let junk: Vec<u8> = (0..5_000_000u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect();
            std::fs::write(&path, junk).unwrap();
            path
        },
        message: ": is larger than 4096 KiB, the limit for a tips file",
    },
];

#[test]
fn bad_tips_files_give_one_line_naming_the_file() {
    let env = TestEnv::new();
    for bad in BAD_FILES {
        let path = (bad.make)(&env);
        let shown = path.display().to_string();
        // An error for `list` (2); a finding for `check` (1).
        for (command, code) in [("list", 2), ("check", 1)] {
            let output = env
                .cmd()
                .args(["--file", &shown, command])
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(code), "{}: {stderr}", bad.what);
            assert!(output.stdout.is_empty(), "{}", bad.what);
            assert!(!stderr.contains("panicked"), "{}: {stderr}", bad.what);
            assert_eq!(stderr.lines().count(), 1, "{}: {stderr}", bad.what);
            assert!(stderr.starts_with(&shown), "{}: {stderr}", bad.what);
            assert!(stderr.contains(bad.message), "{}: {stderr}", bad.what);
        }
        // A file named with --file must work for `tip` too: the same one line, no tip.
        let output = env.cmd().args(["--file", &shown, "tip"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{}", bad.what);
        assert!(output.stdout.is_empty(), "{}", bad.what);
        assert_eq!(stderr.lines().count(), 1, "{}: {stderr}", bad.what);
        // Found on its own (in tips.d), it costs `tip` that line and is left out.
        let found = env.config_dir().join("tips.d/bad.toml");
        std::fs::create_dir_all(found.parent().unwrap()).unwrap();
        if std::fs::copy(&path, &found).is_ok() {
            let output = env.cmd().arg("tip").output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(0), "{}: {stderr}", bad.what);
            assert!(
                String::from_utf8_lossy(&output.stdout).contains(" · "),
                "{}",
                bad.what
            );
            assert_eq!(stderr.lines().count(), 1, "{}: {stderr}", bad.what);
            assert!(
                stderr.contains("that file is left out"),
                "{}: {stderr}",
                bad.what
            );
            std::fs::remove_file(&found).unwrap();
        }
    }
}

#[test]
fn a_file_of_junk_reports_a_bounded_number_of_problems() {
    let env = TestEnv::new();
    let junk = |length: u32| -> String {
        (0..length)
            .map(|i| {
                ['a', '=', '[', ']', '"', '\n', ' ', '{', '.']
                    [(i.wrapping_mul(2_654_435_761) >> 7) as usize % 9]
            })
            .collect()
    };
    let check = |text: &str| {
        let path = env.write("junk.toml", text);
        let output = env
            .cmd()
            .args(["--file", path.to_str().unwrap(), "check"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    // Junk small enough to parse: its syntax errors are capped.
    let stderr = check(&junk(20_000));
    assert!(stderr.lines().count() <= 21, "{}", stderr.lines().count());
    assert!(stderr.contains("more problems not shown"), "{stderr}");
    // Junk that would make more tables than any tips file: one line, before any parsing.
    let stderr = check(&junk(600_000));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("too many tables"), "{stderr}");
}

/// Runs `tip` with the state directory made unusable by `spoil`; a tip must still appear.
fn tip_survives(spoil: fn(&TestEnv), expected: &str) {
    let env = TestEnv::new();
    spoil(&env);
    let output = env.cmd().arg("tip").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains(" · "));
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(expected), "{stderr}");
}

#[test]
fn an_unreadable_state_file_never_stops_a_tip() {
    // A directory where the state file should be cannot be read (and not replaced either).
    tip_survives(
        |env| std::fs::create_dir_all(env.state_file()).unwrap(),
        "cannot save",
    );
}

#[test]
fn a_state_directory_that_is_a_file_never_stops_a_tip() {
    tip_survives(
        |env| {
            std::fs::create_dir_all(env.state_dir().parent().unwrap()).unwrap();
            std::fs::write(env.state_dir(), "").unwrap();
        },
        "cannot save",
    );
}

#[test]
fn a_read_only_home_never_stops_a_tip() {
    // /proc/self is read-only even for root, so nothing can be created under it.
    let env = TestEnv::new();
    let output = env
        .cmd()
        .env("HOME", "/proc/self")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_STATE_HOME")
        .arg("tip")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains(" · "));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("cannot save /proc/self/.local/state/backcare/state.json"),
        "{stderr}"
    );
}

#[test]
fn a_broken_config_costs_one_line() {
    let env = TestEnv::new();
    let path = env.write_config("every = 4\n");
    env.run(&["tip"]).success().stdout(contains(" · ")).stderr(format!(
        "backcare: warning: {}:1:9: `every`: `4` is not a duration; write it like 30m, 4h, 1d or 1h30m (or off)\n",
        path.display()
    ));
}

const HOSTILE: &str = r#"
[topics.evil]
title = "Clear\u001b[2J\u001b[H screen"
description = "Title \u001b]0;pwned\u0007 and link \u001b]8;;http://x\u001b\\click\u001b]8;;\u001b\\"

[[tips]]
id = "evil-tip"
topic = "evil"
text = "Copy \u001b]52;c;ZWNobyBoaQ==\u0007 this, CSI \u009b31m red, RLO \u202e txet, zero\u200bwidth, DEL \u007f."
tags = ["tag\u001b[5m"]
source = "src \u001b[8m hidden"
"#;

/// Every escape sequence in `out` is one backcare wrote itself: an SGR colour (`ESC [ … m`).
fn only_our_escapes(out: &str) -> bool {
    let mut rest = out;
    while let Some(at) = rest.find('\u{1b}') {
        let after = &rest[at + 1..];
        let Some(sgr) = after.strip_prefix('[') else {
            return false;
        };
        let end = sgr
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(sgr.len());
        if !sgr[end..].starts_with('m') {
            return false;
        }
        rest = &sgr[end + 1..];
    }
    !out.chars().any(|c| {
        matches!(c, '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{200b}' | '\u{2066}'..='\u{2069}')
            || (c.is_control() && c != '\n' && c != '\u{1b}')
    })
}

#[test]
fn tips_files_cannot_drive_the_terminal() {
    let env = TestEnv::new();
    let file = env.write("evil.toml", HOSTILE);
    let file = file.to_str().unwrap();
    for args in [
        vec!["tip", "--topic", "evil"],
        vec!["list"],
        vec!["show", "evil-tip"],
        vec!["search", "copy"],
        vec!["search", "tag"],
        vec!["topics"],
    ] {
        for color in ["always", "never"] {
            let mut all = vec!["--file", file, "--color", color];
            all.extend(&args);
            let out = env.stdout(&all);
            assert!(only_our_escapes(&out), "{args:?} {color}: {out:?}");
        }
        let mut json = vec!["--file", file, "--json"];
        json.extend(&args);
        let out = env.stdout(&json);
        assert!(
            only_our_escapes(&out) && !out.contains('\u{1b}'),
            "{args:?} json: {out:?}"
        );
        // The JSON still carries the text exactly, escaped.
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(value.to_string().contains("\\u001b"), "{args:?}");
    }
}

#[test]
fn error_messages_cannot_drive_the_terminal_either() {
    let env = TestEnv::new();
    let file = env.write("evil-key.toml", "[[tips]]\n\"k\\u001b]0;x\\u0007\" = 1\n");
    let output = env
        .cmd()
        .args(["--file", file.to_str().unwrap(), "list"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown key `k␛]0;x␇`"), "{stderr:?}");
    for args in [["show", "a\u{1b}[2Jb"], ["search", "\u{1b}]0;t\u{7}"]] {
        let output = env.cmd().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1));
        assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    }
    env.run(&["list", "--topic", "x\u{1b}[31m"])
        .code(2)
        .stderr(contains("unknown topic `x␛[31m`"));
}

#[test]
fn tip_without_builtins_reports_several_bad_files_in_one_line() {
    let env = TestEnv::new();
    let a = env.write("a.toml", "");
    let b = env.write("b.toml", "x");
    let output = env
        .cmd()
        .args([
            "--no-builtin",
            "--file",
            a.to_str().unwrap(),
            "--file",
            b.to_str().unwrap(),
            "tip",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("(and 1 more; run `backcare check`)"),
        "{stderr}"
    );
}

/// What clap itself prints for a bad value quotes it: it is made safe too, whether the value
/// came from the command line or from the environment.
#[test]
fn usage_errors_cannot_drive_the_terminal() {
    let env = TestEnv::new();
    let hostile = "x\u{1b}]0;pwned\u{7}\u{9b}31m";
    /// The arguments, and an environment variable to set.
    type Case<'a> = (Vec<&'a str>, Option<(&'a str, &'a str)>);
    let cases: Vec<Case> = vec![
        (vec!["tip", "--every", hostile], None),
        (vec!["--color", hostile, "tip"], None),
        (vec!["tip", "--week", hostile], None),
        (vec!["tip", "--seed", hostile], None),
        (vec![hostile], None),
    ];
    for (args, var) in cases {
        let mut cmd = env.cmd();
        cmd.args(&args);
        if let Some((name, value)) = var {
            cmd.env(name, value);
        }
        let output = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?} {var:?}: {stderr}");
        assert!(
            stderr.contains("x␛]0;pwned␇"),
            "{args:?} {var:?}: {stderr:?}"
        );
        assert!(
            !stderr.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?} {var:?}: {stderr:?}"
        );
    }
}

/// A bad value in the environment is a warning (or an error, for the commands it would change),
/// and it is made safe just the same.
#[test]
fn bad_environment_values_cannot_drive_the_terminal() {
    let env = TestEnv::new();
    let hostile = "x\u{1b}]0;pwned\u{7}\u{9b}31m";
    for (variable, command, code) in [
        ("BACKCARE_EVERY", "tip", 0),
        ("BACKCARE_COLOR", "tip", 0),
        ("BACKCARE_COLOR", "list", 2),
        ("BACKCARE_REGION", "warning-signs", 0),
    ] {
        let output = env
            .std_cmd(&[command])
            .env(variable, hostile)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(code),
            "{variable} {command}: {stderr}"
        );
        assert!(stderr.contains(variable), "{variable} {command}: {stderr}");
        assert!(
            stderr.contains("x␛]0;pwned␇"),
            "{variable} {command}: {stderr:?}"
        );
        assert!(
            !stderr.chars().any(|c| c.is_control() && c != '\n'),
            "{variable} {command}: {stderr:?}"
        );
    }
}

/// Completion candidates and their descriptions reach the terminal while the user presses TAB.
#[test]
fn completion_candidates_cannot_drive_the_terminal() {
    let env = TestEnv::new();
    std::fs::write(env.config_dir().join("tips.toml"), HOSTILE).unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = env
            .cmd()
            .args(["--", "backcare", "tip", "--topic", "ev"])
            .env("BACKCARE_COMPLETE", shell)
            .env("_CLAP_COMPLETE_INDEX", "3")
            .env("_CLAP_IFS", "\n")
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&output.stdout);
        assert!(out.contains("evil"), "{shell}: {out:?}");
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{shell}: {out:?}"
        );
    }
}

/// Invisible characters cannot pass for content: a tag or text made only of them is empty.
#[test]
fn invisible_values_count_as_empty() {
    let env = TestEnv::new();
    let file = env.write(
        "blank.toml",
        "[[tips]]\nid = \"a\"\ntopic = \"posture\"\ntext = \"Fine.\"\ntags = [\"\\u200b\"]\n\n[[tips]]\nid = \"b\"\ntopic = \"posture\"\ntext = \"\\u00ad\\u2060\\U000E0001\"\n",
    );
    env.run(&["check", file.to_str().unwrap()])
        .code(1)
        .stderr(contains(":5:9: `tags` must not be empty"))
        .stderr(contains(":10:8: `text` must not be empty"));
}

/// Runs `cmd`, failing the test if it has not finished within five seconds: a shell start
/// must never wait on a FIFO.
fn within_five_seconds(mut cmd: std::process::Command) -> std::process::Output {
    use std::time::{Duration, Instant};
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .stdin(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(5) {
            child.kill().unwrap();
            panic!("{cmd:?} was still waiting after five seconds");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn mkfifo(path: &std::path::Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn a_fifo_in_place_of_the_config_or_state_never_waits() {
    let env = TestEnv::new();
    let config = env.config_dir().join("config.toml");
    mkfifo(&config);
    // A warning for the commands that always work, an error for `status`.
    for (command, prefix, code) in [
        ("tip", "backcare: warning: ", 0),
        ("warning-signs", "backcare: warning: ", 0),
        ("status", "", 2),
    ] {
        let output = within_five_seconds(env.std_cmd(&[command]));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(code), "{command}");
        assert_eq!(
            stderr,
            format!(
                "{prefix}{}: is a FIFO (named pipe), not a regular file\n",
                config.display()
            ),
            "{command}"
        );
    }
    std::fs::remove_file(&config).unwrap();

    let _ = std::fs::remove_file(env.state_file());
    mkfifo(&env.state_file());
    let output = within_five_seconds(env.std_cmd(&["tip"]));
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains(" · "));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("is a FIFO (named pipe), not a regular file); it has been replaced"),
        "{stderr}"
    );
    assert!(
        env.state_file().is_file(),
        "a real state file took its place"
    );
}

#[test]
fn fifos_and_dangling_links_among_tips_files_are_skipped_and_reported() {
    let env = TestEnv::new();
    let tips_d = env.config_dir().join("tips.d");
    mkfifo(&tips_d.join("fifo.toml"));
    std::os::unix::fs::symlink(
        env.dir.path().join("gone.toml"),
        env.config_dir().join("tips.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink("loop.toml", tips_d.join("loop.toml")).unwrap();
    // A shell start passes over them without a word and without waiting.
    let output = within_five_seconds(env.std_cmd(&["tip"]));
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    // `check` and `status` name each one and why.
    let output = within_five_seconds(env.std_cmd(&["check"]));
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "tips.toml: is a symbolic link to a file that does not exist",
        "fifo.toml: is a FIFO (named pipe), not a regular file",
        "loop.toml: is a symbolic link that cannot be followed",
    ] {
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
    let status = env.stdout(&["status"]);
    assert_eq!(status.matches("Skipped: ").count(), 3, "{status}");
    // A FIFO named explicitly is refused too, at once.
    let fifo = tips_d.join("fifo.toml");
    let output = within_five_seconds(env.std_cmd(&["--file", fifo.to_str().unwrap(), "list"]));
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn forty_shells_at_once_share_one_shuffle_bag() {
    let env = TestEnv::new();
    let mut file = String::from("[topics.t]\ntitle = \"T\"\ndescription = \"d\"\n");
    for n in 0..60 {
        file.push_str(&format!(
            "[[tips]]\nid = \"t{n}\"\ntopic = \"t\"\ntext = \"Tip {n}.\"\n"
        ));
    }
    let file = env.write("sixty.toml", &file);
    let children: Vec<_> = (0..40)
        .map(|_| {
            let mut cmd = env.std_cmd(&[
                "--no-builtin",
                "--file",
                file.to_str().unwrap(),
                "--json",
                "tip",
            ]);
            cmd.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    // On a loaded machine a run may wait out the lock's bounded wait and give up recording,
    // with the one documented line (its tip may repeat); every run that recorded showed a tip
    // no other recorded run showed.
    let gave_up = format!(
        "backcare: warning: {} is in use by another backcare; this tip was not recorded\n",
        env.state_file().display()
    );
    let mut seen = std::collections::HashSet::new();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tip: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        if stderr == gave_up {
            continue;
        }
        assert_eq!(stderr, "");
        let id = tip["id"].as_str().unwrap().to_string();
        assert!(seen.insert(id.clone()), "{id} was shown twice in one round");
    }
    assert!(!seen.is_empty(), "no run recorded its tip");
    let state: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(env.state_file()).unwrap()).unwrap();
    assert_eq!(state["shown"], seen.len());
    assert_eq!(state["round"].as_array().unwrap().len(), seen.len());
}

#[test]
fn a_tip_nobody_saw_is_not_counted() {
    let env = TestEnv::new();
    // A pipe whose reader has already gone.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = env.std_cmd(&["tip"]).stdout(writer).output().unwrap();
    assert!(output.status.success());
    let unseen = std::fs::read_to_string(env.state_file()).unwrap_or_default();
    assert!(!unseen.contains("\"shown\":1"), "{unseen}");
    // Nor is one written to a closed stdout (or to /dev/null).
    let closed = std::process::Command::new("sh")
        .args([
            "-c",
            "\"$0\" tip >&-",
            assert_cmd::cargo::cargo_bin("backcare").to_str().unwrap(),
        ])
        .env("HOME", env.home())
        .env("XDG_STATE_HOME", env.home().join("state"))
        .env("XDG_CONFIG_HOME", env.home().join("config"))
        .output()
        .unwrap();
    assert_eq!(closed.status.code(), Some(0));
    let unseen = std::fs::read_to_string(env.state_file()).unwrap_or_default();
    assert!(!unseen.contains("\"shown\":1"), "{unseen}");
    // So the next start, with a frequency, still shows one.
    env.run(&["tip", "--every", "4h"])
        .success()
        .stdout(contains(" · "));
}

/// A relative `HOME` with no XDG variables would scatter files wherever a shell starts.
#[test]
fn a_relative_home_creates_nothing_under_the_current_directory() {
    let env = TestEnv::new();
    let output = env
        .std_cmd(&["tip"])
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_STATE_HOME")
        .env("HOME", "relative-home")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains(" · "));
    assert!(!env.dir.path().join("relative-home").exists());
    let status = env
        .std_cmd(&["status"])
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_STATE_HOME")
        .env("HOME", "relative-home")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&status.stdout).contains("unknown (no home directory)"));
}

/// Problems across files stay bounded: thousands of tips naming an undeclared topic, and two
/// files disabling the same thousands of ids, cost a bounded report.
#[test]
fn work_across_files_is_bounded() {
    let env = TestEnv::new();
    let mut undeclared = String::new();
    let mut disabling = String::new();
    for n in 0..7_500 {
        undeclared.push_str(&format!(
            "[[tips]]\nid = \"u{n}\"\ntopic = \"nope\"\ntext = \"x\"\n"
        ));
        disabling.push_str(&format!("[[tips]]\nid = \"x{n}\"\ndisabled = true\n"));
    }
    let undeclared = env.write("undeclared.toml", &undeclared);
    let output = env
        .std_cmd(&["--file", undeclared.to_str().unwrap(), "check"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.lines().count() <= 21, "{}", stderr.lines().count());
    assert!(
        stderr.contains("backcare: 7480 more problems not shown"),
        "{stderr}"
    );

    let a = env.write("a.toml", &disabling);
    let b = env.write("b.toml", &disabling);
    let output = env
        .std_cmd(&[
            "--file",
            a.to_str().unwrap(),
            "--file",
            b.to_str().unwrap(),
            "check",
        ])
        .output()
        .unwrap();
    // Disabling unknown ids is only a warning, and a bounded one.
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.lines().count() <= 41, "{}", stderr.lines().count());
    assert!(
        stderr.contains("warning: `x0` is disabled, but no built-in tip or earlier file has it")
    );
    // And a shell start with both is quiet and quick to write: one tip, no line at all.
    env.run(&[
        "--file",
        a.to_str().unwrap(),
        "--file",
        b.to_str().unwrap(),
        "tip",
    ])
    .success()
    .stderr("");
}

/// The one line a shell start gets counts every problem, also those only summed up.
#[test]
fn the_one_line_counts_problems_that_are_not_shown() {
    let env = TestEnv::new();
    let tips: String = (0..50)
        .map(|n| format!("[[tips]]\nid = \"t{n}\"\ntopic = \"posture\"\n\n"))
        .collect();
    let file = env.write("many.toml", &tips);
    let output = env
        .cmd()
        .args(["--file", file.to_str().unwrap(), "tip"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("is missing `text` (and 49 more; run `backcare check`)"),
        "{stderr}"
    );
}

/// zsh with `setopt ksh_arrays` (arrays from 0, `$name[i]` read differently) sources the
/// snippet without an error.
#[test]
#[ignore = "needs zsh: run with `cargo test -- --include-ignored`"]
fn the_zsh_snippet_works_with_ksh_arrays() {
    if !common::installed("zsh") {
        return;
    }
    let env = TestEnv::new();
    let snippet = env.stdout(&["init", "zsh"]);
    let file = env.write("snippet.zsh", &snippet);
    let output = std::process::Command::new("zsh")
        .args([
            "-f",
            "-c",
            &format!(
                "setopt ksh_arrays; autoload -Uz compinit; compinit -u; source {}; echo sourced",
                file.display()
            ),
        ])
        .env("PATH", common::path_with_backcare())
        .env("HOME", env.home())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(String::from_utf8_lossy(&output.stdout).contains("sourced"));
    assert!(
        !stderr.contains("bad") && !stderr.contains("error"),
        "{stderr}"
    );
}

/// A due date with a time or an offset is refused, whichever offset: the day it means would
/// depend on how it was read.
#[test]
fn a_due_date_with_a_time_is_refused_whatever_its_offset() {
    let env = TestEnv::new();
    for date in [
        "2027-03-14T23:59:59-12:00",
        "2027-03-14T00:00:00Z",
        "2027-03-14 10:00:00",
    ] {
        env.write_config(&format!("due_date = {date}\n"));
        env.run(&["status"]).code(2).stderr(contains(
            "`due_date` must be a date written YYYY-MM-DD, without a time",
        ));
    }
    env.write_config("due_date = 2027-03-14\n");
    env.run(&["status"]).success();
}

/// A hand-edited `last_shown` near the largest number is shown as it is, never as 1969, and
/// the next start-up time does not overflow.
#[test]
fn a_huge_last_shown_is_shown_as_it_is() {
    let env = TestEnv::new();
    env.write_config("every = \"4h\"\n");
    std::fs::create_dir_all(env.state_file().parent().unwrap()).unwrap();
    std::fs::write(
        env.state_file(),
        format!(
            "{{\"last_shown\": {}, \"round\": [], \"shown\": 1}}\n",
            u64::MAX - 1
        ),
    )
    .unwrap();
    let out = env.stdout(&["status"]);
    assert!(!out.contains("1969") && !out.contains("1970"), "{out}");
    assert!(out.contains("not a time backcare can show"), "{out}");
}

/// A symlinked state file (a dotfiles set-up) stays a link when a tip is recorded.
#[test]
fn a_symlinked_state_file_stays_a_link() {
    let env = TestEnv::new();
    let real = env.home().join("dotfiles/state.json");
    std::fs::create_dir_all(real.parent().unwrap()).unwrap();
    std::fs::write(&real, "{}\n").unwrap();
    let link = env.state_file();
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    env.run(&["tip"]).success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("last_shown")
    );
}

/// Dotted keys make a table per part: a file of them is refused before it is parsed, in one
/// line, whether it is a tips file, the config or the hidden list (timings: scripts/limits.sh).
#[test]
fn dotted_key_files_are_refused_before_parsing() {
    let env = TestEnv::new();
    let dotted: String = (0..3_000)
        .map(|i| format!("k{i}{} = 1\n", ".a".repeat(30)))
        .collect();
    let tips = env.write("dotted.toml", &dotted);
    env.run(&["--file", tips.to_str().unwrap(), "check"])
        .code(1)
        .stderr(contains("makes too many tables to read"));
    env.write_config(&dotted);
    let output = env.cmd().args(["tip"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("too many tables"), "{stderr}");
    std::fs::remove_file(env.config_dir().join("config.toml")).unwrap();
    let hidden = env.home().join(".local/share/backcare/hidden.toml");
    std::fs::create_dir_all(hidden.parent().unwrap()).unwrap();
    std::fs::write(&hidden, &dotted).unwrap();
    env.run(&["tip"])
        .success()
        .stderr(contains("too many tables"));
}

/// A config of 80,000 stray keys: 20 told, with a did-you-mean, the rest counted.
#[test]
fn unknown_config_keys_are_capped() {
    let env = TestEnv::new();
    let mut config: String = (0..80_000).map(|i| format!("stray_{i} = 1\n")).collect();
    config.push_str("evrey = \"4h\"\n");
    env.write_config(&config);
    let output = env.cmd().arg("status").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.lines().count() <= 25, "{}", stderr.lines().count());
    assert!(stderr.contains("and 79981 more problems"), "{stderr}");
    env.write_config("evrey = \"4h\"\n");
    env.cmd()
        .arg("status")
        .assert()
        .stderr(contains("unknown key `evrey` (did you mean `every`?)"));
}

/// A pasted essay as a query: one line back, quoting at most 100 characters.
#[test]
fn a_huge_query_gets_one_short_answer() {
    let env = TestEnv::new();
    let words: Vec<String> = (0..100_000).map(|i| format!("w{}", i % 50_000)).collect();
    let output = env.cmd().arg("search").args(&words).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1);
    assert!(stderr.len() < 400, "{}", stderr.len());
}

/// 30,000 routines in one valid file (near the bound on values) are read, layered by map.
#[test]
fn a_file_of_many_routines_is_read() {
    let env = TestEnv::new();
    let mut text = String::from(
        "[topics.t]\ntitle = \"T\"\n[[tips]]\nid = \"x\"\ntopic = \"t\"\ntext = \"A tip.\"\n",
    );
    for i in 0..30_000 {
        text.push_str(&format!(
            "[[routines]]\nid = \"r{i}\"\nname = \"R\"\ndescription = \"D.\"\nexercises = [\"pelvic-floor-quick\"]\n"
        ));
    }
    let file = env.write("routines.toml", &text);
    env.run(&["--file", file.to_str().unwrap(), "check"])
        .success()
        .stdout(contains("30004 routines"));
}
