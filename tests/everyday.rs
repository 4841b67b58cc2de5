//! Everyday use without surprises: a config mistake never blocks the essentials, a tip typed
//! by hand always shows, filters you can see, forgiving layering, several ids for `show`, JSON
//! everywhere it makes sense, and grep's exit codes.

mod common;

use common::{TestEnv, USER_TIPS, installed, path_str};
use predicates::prelude::*;
use predicates::str::contains;

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_config_mistake_never_blocks_the_essentials() {
    let env = TestEnv::new();
    let config = env.write_config("every = 4h\n");
    let shown = config.display().to_string();
    for args in [vec!["warning-signs"], vec!["tip"]] {
        let output = env.std_cmd(&args).output().unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!output.stdout.is_empty(), "{args:?}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.starts_with(&format!("backcare: warning: {shown}:1:")),
            "{stderr}"
        );
    }
    // The snippet, completions and manual work and say nothing of it: `init` runs at every
    // shell start, where the tip tells it (once a day).
    for args in [
        vec!["init", "bash"],
        vec!["completions", "zsh"],
        vec!["man"],
    ] {
        let output = env.std_cmd(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(!output.stdout.is_empty(), "{args:?}");
        assert_eq!(stderr_of(&output), "", "{args:?}");
    }
    // `check` reports it as the problem it is, once.
    let output = env.std_cmd(&["check"]).output().unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with(&format!("{shown}:1:")), "{stderr}");
    // Help never reads the config at all.
    env.run(&["--help"]).success().stderr("");
    // `status` shows the settings, so it stops and names the file.
    env.run(&["status"])
        .code(2)
        .stderr(contains(shown.as_str()));
    // A bad colour changes what `list` prints: it stops, naming the key.
    env.write_config("color = \"yes\"\n");
    env.run(&["list"])
        .code(2)
        .stderr(contains("`color` must be"));
    env.run(&["warning-signs"]).success();
    // The same for the environment.
    env.write_config("");
    env.cmd()
        .env("BACKCARE_COLOR", "yes")
        .arg("warning-signs")
        .assert()
        .success()
        .stderr("backcare: warning: BACKCARE_COLOR: `yes` is not auto, always or never\n");
    // An unknown topic in the config is a config problem (a warning for `tip`), not a usage error.
    let config = env.write_config("topics = [\"postur\"]\n");
    env.run(&["tip"])
        .success()
        .stdout(contains(" · "))
        .stderr(contains(format!(
            "{}:1:10: `topics`: unknown topic `postur` (did you mean `posture`?)",
            config.display()
        )));
}

#[test]
fn a_tip_typed_by_hand_always_shows() {
    let env = TestEnv::new();
    env.write_config("every = \"4h\"\n");
    env.run(&["tip", "--startup"])
        .success()
        .stdout(contains(" · "));
    // The start-up snippet stays quiet for four hours ...
    env.run(&["tip", "--startup"]).success().stdout("");
    // ... a tip asked for by hand does not.
    env.run(&["tip"]).success().stdout(contains(" · "));
    // `--every` on the command line still works as before.
    env.run(&["tip", "--every", "4h"]).success().stdout("");
    env.run(&["status"]).success().stdout(contains(
        "Start-up tips: at most one every 4h; the next at a shell start from",
    ));
    let status = env.json(&["status"]);
    assert_eq!(status["every"], "4h");
    assert!(status["next_startup_tip"].as_u64().unwrap() > status["last_shown"].as_u64().unwrap());
    // `daily` makes the start-up tip the same all day.
    env.write_config("daily = true\n");
    let first = env.stdout(&["tip", "--startup"]);
    assert_eq!(env.stdout(&["tip", "--startup"]), first);
    // The snippet asks for the start-up behaviour.
    env.run(&["init", "bash"])
        .success()
        .stdout(contains("command backcare tip --startup"));
}

#[test]
#[ignore = "needs script: run with `cargo test -- --include-ignored`"]
fn browsing_shows_everything_unless_this_command_line_filters() {
    let env = TestEnv::new();
    let all = env.json(&["list"]).as_array().unwrap().len();
    env.write_config("topics = [\"sleep\"]\ndue_date = \"2027-03-14\"\n");
    assert_eq!(env.json(&["list"]).as_array().unwrap().len(), all);
    let found = env.json(&["search", "back", "--topic", "relief"]);
    assert!(!found.as_array().unwrap().is_empty());
    assert!(
        found
            .as_array()
            .unwrap()
            .iter()
            .all(|tip| tip["topic"] == "relief")
    );
    let postpartum = env.json(&["search", "caesarean", "--stage", "postpartum"]);
    assert!(!postpartum.as_array().unwrap().is_empty());
    // In a pipe, no header line; on a terminal, the filters are named.
    let piped = env.stdout(&["list", "--topic", "posture"]);
    assert!(piped.starts_with("Posture\n"), "{piped}");
    if installed("script") {
        let output = std::process::Command::new("script")
            .args([
                "-qec",
                "backcare list --topic posture --week 24",
                "/dev/null",
            ])
            .env_clear()
            .env("PATH", common::path_with_backcare())
            .env("HOME", env.home())
            .env("XDG_CONFIG_HOME", env.home().join("config"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let screen = String::from_utf8_lossy(&output.stdout).replace('\r', "");
        assert!(screen.starts_with("showing 5 of "), "{screen}");
        assert!(
            screen.contains("tips in posture, for week 24\n"),
            "{screen}"
        );
    }
}

#[test]
fn layering_is_forgiving_and_predictable() {
    let env = TestEnv::new();
    let disable = "[[tips]]\nid = \"posture-shoes\"\ndisabled = true\n";
    let a = env.write("a.toml", &format!("{USER_TIPS}\n{disable}"));
    let b = env.write(
        "b.toml",
        &format!("{disable}\n[[tips]]\nid = \"mine-stretch\"\ntopic = \"mine\"\ntext = \"Later wins.\"\n[[tips]]\nid = \"no-such-tip\"\ndisabled = true\n"),
    );
    let files = ["--file", path_str(&a), "--file", path_str(&b)];
    let mut show_mine = files.to_vec();
    show_mine.extend(["show", "mine-stretch"]);
    let mine = env.json(&show_mine);
    assert_eq!(mine["text"], "Later wins.");
    let mut check = files.to_vec();
    check.push("check");
    env.run(&check)
        .success()
        .stderr(contains("b.toml:10:6: warning: `no-such-tip` is disabled, but no built-in tip or earlier file has it"));
    let mut show = files.to_vec();
    show.extend(["show", "posture-shoes"]);
    env.run(&show).code(1);
}

#[test]
fn show_takes_several_ids_in_any_case() {
    let env = TestEnv::new();
    let both = env.stdout(&["show", "Relief-Heat-Cold", "PGP-ONE-LEG"]);
    assert!(
        both.contains("· relief-heat-cold\n") && both.contains("· pgp-one-leg\n"),
        "{both}"
    );
    let json = env.json(&["show", "relief-heat-cold", "pgp-one-leg"]);
    assert_eq!(json.as_array().unwrap().len(), 2);
    env.run(&["show", "relief-heat-cold", "Relief-Heat-Colt"])
        .code(1)
        .stdout(contains("· relief-heat-cold"))
        .stderr(contains(
            "no tip has the id `Relief-Heat-Colt` (did you mean `relief-heat-cold`?)",
        ));
}

#[test]
fn json_where_it_makes_sense_and_nowhere_else() {
    let env = TestEnv::new();
    // No match is still valid JSON, with exit code 1.
    env.run(&["--json", "search", "trampoline"])
        .code(1)
        .stdout("[]\n");
    // `check --json`: each problem with file, line, column, message and severity.
    let bad = env.write(
        "bad.toml",
        "[[tips]]\nid = \"x\"\ntopic = \"posture\"\ntext = 3\n",
    );
    let output = env
        .std_cmd(&["--json", "check", path_str(&bad)])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr_of(&output), "");
    let problems: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(problems[0]["line"], 4);
    assert_eq!(problems[0]["column"], 8);
    assert_eq!(problems[0]["severity"], "error");
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .contains("`text` must be a string")
    );
    env.run(&["--json", "check"]).success().stdout("[]\n");
    // A named file that is missing: nothing but an error, and no half-written JSON.
    env.run(&["--json", "--file", "missing.toml", "tip"])
        .code(2)
        .stdout("");
    // Scripts and pages have no JSON form.
    for command in [["init", "bash"], ["completions", "bash"], ["man", "--json"]] {
        let mut args = vec!["--json"];
        args.extend(command.iter().filter(|word| **word != "--json"));
        env.run(&args)
            .code(2)
            .stdout("")
            .stderr(contains("--json is not available"));
    }
}

#[test]
fn exit_codes_follow_grep() {
    let env = TestEnv::new();
    env.run(&["search", "back"]).code(0);
    env.run(&["search", "trampoline"]).code(1);
    env.run(&["show", "no-such-tip"]).code(1);
    env.run(&["--no-builtin", "list"]).code(1);
    env.run(&["tip", "--colour"]).code(2);
    env.run(&["--file", "missing.toml", "list"]).code(2);
    env.run(&["list", "--topic", "nope"]).code(2);
    let bad = env.write("bad.toml", "nonsense");
    env.run(&["check", path_str(&bad)]).code(1);
    env.run(&["check"]).code(0);
    env.run(&["tip"])
        .success()
        .stdout(predicate::str::is_empty().not());
}

#[test]
fn a_topic_needs_only_a_title_and_a_disabled_tip_says_where_it_went() {
    let env = TestEnv::new();
    let file = env.write(
        "mine.toml",
        "[topics.mine]\ntitle = \"Mine\"\n\n[[tips]]\nid = \"mine-one\"\ntopic = \"mine\"\ntext = \"One.\"\n\n[[tips]]\nid = \"posture-shoes\"\ndisabled = true\n",
    );
    env.run(&["--file", path_str(&file), "check"]).success();
    env.run(&["--file", path_str(&file), "topics"])
        .success()
        .stdout(contains("mine (1 tip)\n  Mine\n"));
    env.run(&["--file", path_str(&file), "show", "posture-shoes"])
        .code(1)
        .stderr(format!(
            "backcare: tip `posture-shoes` is disabled by {}\n",
            file.display()
        ));
    // A topic name that needs quotes gets a hint.
    let spaced = env.write("spaced.toml", "[topics.back pain]\ntitle = \"Back\"\n");
    env.run(&["check", path_str(&spaced)])
        .code(1)
        .stderr(contains("needs quotes, as in [topics.\"my topic\"]"));
}

/// Runs `command` (a shell line using `backcare`) on a pseudo-terminal of `columns` by `rows`.
fn on_terminal(
    env: &TestEnv,
    command: &str,
    columns: u16,
    rows: u16,
    vars: &[(&str, &str)],
) -> String {
    let mut script = env.on_pty(command, columns, rows);
    for (name, value) in vars {
        script.env(name, value);
    }
    String::from_utf8_lossy(&script.output().unwrap().stdout).replace('\r', "")
}

#[test]
#[ignore = "needs script: run with `cargo test -- --include-ignored`"]
fn help_wraps_to_the_terminal_and_names_global_options_apart() {
    if !installed("script") {
        return;
    }
    let env = TestEnv::new();
    let help = on_terminal(&env, "backcare tip --help", 40, 50, &[]);
    assert!(
        help.lines().all(|line| line.chars().count() <= 40),
        "{help}"
    );
    assert!(help.contains("Global options:"), "{help}");
    let wide = on_terminal(&env, "backcare --help", 120, 50, &[]);
    assert!(wide.lines().any(|line| line.chars().count() > 80), "{wide}");
}

#[test]
#[ignore = "needs script: run with `cargo test -- --include-ignored`"]
fn colour_and_width_follow_the_usual_rules() {
    if !installed("script") {
        return;
    }
    let env = TestEnv::new();
    let coloured = on_terminal(&env, "backcare tip --seed 1", 80, 24, &[]);
    assert!(coloured.contains('\u{1b}'), "{coloured:?}");
    for vars in [
        &[("TERM", "dumb")][..],
        &[("NO_COLOR", "1")][..],
        &[("CLICOLOR", "0")][..],
    ] {
        let plain = on_terminal(&env, "backcare tip --seed 1", 80, 24, vars);
        assert!(!plain.contains('\u{1b}'), "{vars:?}: {plain:?}");
    }
    // CLICOLOR_FORCE colours even a pipe.
    env.cmd()
        .env("CLICOLOR_FORCE", "1")
        .args(["tip", "--seed", "1"])
        .assert()
        .stdout(contains("\u{1b}["));
    // A pipe honours COLUMNS, and --width wins over everything.
    let narrow = env
        .cmd()
        .env("COLUMNS", "40")
        .args(["list", "--topic", "relief"])
        .output()
        .unwrap();
    let narrow = String::from_utf8_lossy(&narrow.stdout);
    assert!(
        narrow.lines().all(|line| line.chars().count() <= 40),
        "{narrow}"
    );
    let wide = env.stdout(&["--width", "120", "list", "--topic", "relief"]);
    assert!(wide.lines().any(|line| line.chars().count() > 80), "{wide}");
}

#[test]
#[ignore = "needs script: run with `cargo test -- --include-ignored`"]
fn long_output_is_paged_on_a_terminal_only() {
    if !installed("script") {
        return;
    }
    let env = TestEnv::new();
    let pager = [("BACKCARE_PAGER", "sed s/^/PAGED:/")];
    let paged = on_terminal(&env, "backcare list", 80, 20, &pager);
    assert!(
        paged.lines().next().unwrap_or("").starts_with("PAGED:"),
        "{paged}"
    );
    // Short output, --no-pager and a pipe are never paged.
    let short = on_terminal(&env, "backcare show pgp-one-leg", 80, 20, &pager);
    assert!(!short.contains("PAGED:"), "{short}");
    let unpaged = on_terminal(&env, "backcare list --no-pager", 80, 20, &pager);
    assert!(!unpaged.contains("PAGED:"), "{unpaged}");
    let piped = on_terminal(&env, "backcare list | cat", 80, 20, &pager);
    assert!(!piped.contains("PAGED:"), "{piped}");
}

#[test]
fn search_finds_words_in_their_simple_forms_and_not_inside_others() {
    let env = TestEnv::new();
    let ids = |query: &[&str]| -> Vec<String> {
        let mut args = vec!["search"];
        args.extend(query);
        env.json(&args)
            .as_array()
            .unwrap()
            .iter()
            .map(|tip| tip["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(ids(&["pillows"]).contains(&"sleep-pillow-between-legs".to_string()));
    assert!(ids(&["lifting"]).contains(&"movement-lift-knees".to_string()));
    assert!(ids(&["back-pain"]).contains(&"causes-common".to_string()));
    let file = env.write(
        "tension.toml",
        "[topics.stress]\ntitle = \"Stress\"\n[[tips]]\nid = \"neck\"\ntopic = \"stress\"\ntext = \"Tension builds in the neck.\"\n",
    );
    env.run(&["--no-builtin", "--file", path_str(&file), "search", "tens"])
        .code(1);
    env.run(&[
        "--no-builtin",
        "--file",
        path_str(&file),
        "search",
        "tension",
    ])
    .success();
}

/// The safety screen is never lost to a pager: a missing `less` (a minimal image) or a `PAGER`
/// naming a missing program prints the screen itself, with one warning.
#[test]
#[ignore = "needs script: run with `cargo test -- --include-ignored`"]
fn a_missing_pager_still_shows_the_warning_signs() {
    if !installed("script") {
        return;
    }
    let env = TestEnv::new();
    for pager in ["backcare-no-such-pager", "backcare-no-such-pager '-R'"] {
        let shown = on_terminal(&env, "backcare warning-signs", 80, 20, &[("PAGER", pager)]);
        assert!(shown.contains("When back pain needs help now"), "{shown}");
        assert!(shown.contains("call your emergency number"), "{shown}");
        assert!(shown.contains("backcare: warning: the pager"), "{shown}");
    }
    // With no PAGER and no `less` on PATH, the same.
    let binary = assert_cmd::cargo::cargo_bin("backcare");
    let line = format!("PATH=/nonexistent {} warning-signs", binary.display());
    let shown = on_terminal(&env, &line, 80, 20, &[]);
    assert!(shown.contains("When back pain needs help now"), "{shown}");
}

/// `PAGER=less` is given `-R` (colours, not raw escape codes), and `LESS=FRX` when `LESS` is
/// unset, as git and bat do.
#[test]
#[ignore = "needs script: run with `cargo test -- --include-ignored`"]
fn less_as_the_pager_gets_raw_control_characters() {
    if !installed("script") {
        return;
    }
    let env = TestEnv::new();
    let bin = env.home().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let fake = bin.join("less");
    let log = env.home().join("less.log");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\necho \"args: $* LESS=$LESS\" > {}\ncat > /dev/null\n",
            log.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let pager = format!("{}", fake.display());
    on_terminal(&env, "backcare list", 80, 20, &[("PAGER", pager.as_str())]);
    let logged = std::fs::read_to_string(&log).unwrap();
    assert_eq!(logged.trim(), "args: -R LESS=FRX", "{logged}");
}
