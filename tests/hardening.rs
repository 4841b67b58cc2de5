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
        message: ": is a directory, not a tips file",
    },
    BadFile {
        what: "/dev/null",
        make: |_| PathBuf::from("/dev/null"),
        message: ": no tips in this file",
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
        message: ": is larger than 256 KiB, the limit for a tips file",
    },
];

#[test]
fn bad_tips_files_give_one_line_naming_the_file() {
    let env = TestEnv::new();
    for bad in BAD_FILES {
        let path = (bad.make)(&env);
        let shown = path.display().to_string();
        for command in ["list", "check"] {
            let output = env
                .cmd()
                .args(["--file", &shown, command])
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(1), "{}: {stderr}", bad.what);
            assert!(output.stdout.is_empty(), "{}", bad.what);
            assert!(!stderr.contains("panicked"), "{}: {stderr}", bad.what);
            assert_eq!(stderr.lines().count(), 1, "{}: {stderr}", bad.what);
            assert!(stderr.starts_with(&shown), "{}: {stderr}", bad.what);
            assert!(stderr.contains(bad.message), "{}: {stderr}", bad.what);
        }
        // `tip` still shows a built-in tip, with the same one line.
        let output = env.cmd().args(["--file", &shown, "tip"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{}", bad.what);
        assert!(
            String::from_utf8_lossy(&output.stdout).contains(" · "),
            "{}",
            bad.what
        );
        assert_eq!(stderr.lines().count(), 1, "{}: {stderr}", bad.what);
    }
}

#[test]
fn a_file_of_junk_reports_a_bounded_number_of_problems() {
    let env = TestEnv::new();
    let junk: String = (0..200_000u32)
        .map(|i| {
            ['a', '=', '[', ']', '"', '\n', ' ', '{', '.']
                [(i.wrapping_mul(2_654_435_761) >> 7) as usize % 9]
        })
        .collect();
    let path = env.write("junk.toml", &junk);
    let output = env
        .cmd()
        .args(["--file", path.to_str().unwrap(), "check"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.lines().count() <= 21, "{}", stderr.lines().count());
    assert!(stderr.contains("more problems not shown"), "{stderr}");
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
    env.run(&["tip"]).code(1).stdout("").stderr(format!(
        "{}:1:9: `every` must be a string\n",
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
    assert_eq!(output.status.code(), Some(1));
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
        (vec!["tip"], Some(("BACKCARE_EVERY", hostile))),
        (vec!["tip"], Some(("BACKCARE_COLOR", hostile))),
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
