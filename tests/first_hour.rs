//! What a new user meets in the first hour: a config mistake costs a shell start one line,
//! once, and the quieter choice.

mod common;

use common::TestEnv;

/// `tip --startup` as the start-up snippet runs it: (stdout, stderr).
fn start(env: &TestEnv) -> (String, String) {
    let output = env.cmd().args(["tip", "--startup"]).output().unwrap();
    assert!(output.status.success());
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_config_mistake_is_one_line_once_and_a_broken_every_is_the_quieter_choice() {
    let env = TestEnv::new();
    // Not TOML (the value is not quoted): every setting is lost, `every` among them.
    let config = env.write_config("every = 4h\n");
    let (tip, warning) = start(&env);
    assert!(tip.contains(" · "), "{tip}");
    assert_eq!(warning.lines().count(), 1, "{warning}");
    assert!(warning.contains("config.toml:1:9"), "{warning}");
    // The next terminal: no tip (the quieter choice, as if every were 4h) and no repeat.
    assert_eq!(start(&env), (String::new(), String::new()));
    // A change to the file is told again, once.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&config, "every = 4h\ndaily = yes\n").unwrap();
    let (_, warning) = start(&env);
    assert_eq!(warning.lines().count(), 1, "{warning}");
    assert_eq!(start(&env).1, "");
    // Commands typed by hand, `status` and `check` still tell it every time.
    for args in [["status"], ["check"]] {
        let output = env.cmd().args(args).output().unwrap();
        assert!(String::from_utf8_lossy(&output.stderr).contains("config.toml:1:9"));
    }
}

#[test]
fn a_shell_start_shows_one_warning_line_for_config_and_tips_files_together() {
    let env = TestEnv::new();
    env.write_config("colour = \"never\"\n");
    std::fs::write(env.config_dir().join("tips.toml"), "[[tips]]\nid = \"x\"\n").unwrap();
    // Both are problems, as `check` tells.
    let check = env.cmd().arg("check").output().unwrap();
    let told = String::from_utf8_lossy(&check.stderr);
    assert!(
        told.contains("colour") && told.contains("tips.toml"),
        "{told}"
    );
    let (tip, warning) = start(&env);
    assert!(tip.contains(" · "), "{tip}");
    assert_eq!(warning.lines().count(), 1, "{warning}");
    assert!(warning.contains("colour"), "{warning}");
}

#[test]
fn a_config_that_is_not_toml_names_its_mistake_and_browsing_still_works() {
    let env = TestEnv::new();
    // Appending the same line twice (as `>>` does when a step is run again).
    env.write_config("every = \"4h\"\nevery = \"4h\"\n");
    env.run(&["list"])
        .success()
        .stderr(predicates::str::contains("duplicate key `every`"));
    env.run(&["status"])
        .code(2)
        .stderr(predicates::str::contains("duplicate key `every`"));
    // A yes where TOML wants true: the message says what to write.
    env.write_config("pelvic_girdle_pain = yes\n");
    env.run(&["check"])
        .code(1)
        .stderr(predicates::str::contains("write true or false"));
}

#[test]
fn check_tells_every_problem_in_one_run_and_status_names_them() {
    let env = TestEnv::new();
    env.write_config("colour = \"never\"\ntopics = [\"slep\"]\n");
    std::fs::write(
        env.config_dir().join("tips.toml"),
        "[topics.mine]\ntitle = \"Mine\"\n[[tips]]\nid = \"a\"\ntopic = \"mne\"\ntext = \"A.\"\n[[tips]]\nid = \"b\"\ntext = \"B.\"\n",
    )
    .unwrap();
    let output = env.cmd().arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let told = String::from_utf8_lossy(&output.stderr);
    // The config's unknown key, the tip without a topic, and the undeclared topic (with a
    // did-you-mean), all at once.
    assert!(told.contains("unknown key `colour`"), "{told}");
    assert!(told.contains("tip `b` is missing `topic`"), "{told}");
    assert!(
        told.contains("topic `mne` is not declared (did you mean `mine`?)"),
        "{told}"
    );
    assert_eq!(told.matches("unknown key `colour`").count(), 1, "{told}");
    // `status` names the broken file; with the file mended, the unknown topic.
    env.write_config("topics = [\"slep\"]\n");
    let status = env.stdout(&["status"]);
    assert!(
        status.contains("tips.toml (has problems: run `backcare check`)"),
        "{status}"
    );
    std::fs::remove_file(env.config_dir().join("tips.toml")).unwrap();
    let status = env.stdout(&["status"]);
    assert!(
        status.contains("unknown topic `slep` (did you mean `sleep`?)"),
        "{status}"
    );
    assert!(status.contains("Tip topics: slep"), "{status}");
}

#[test]
fn a_bare_backcare_answers_and_every_error_has_one_prefix() {
    let env = TestEnv::new();
    env.run(&[])
        .success()
        .stdout(predicates::str::contains("backcare tip"))
        .stderr("");
    env.run(&["tip", "--bogus"])
        .code(2)
        .stderr(predicates::str::starts_with(
            "backcare: error: unexpected argument '--bogus'",
        ));
    let help = env.stdout(&["show", "--help"]);
    assert!(!help.contains("Tip ids"), "{help}");
    // `--help` gives the guarded start-up line for each shell, as the README does.
    let help = env.stdout(&["--help"]);
    for line in [
        "type -P backcare >/dev/null && eval \"$(backcare init bash)\"",
        "whence -p backcare >/dev/null && eval \"$(backcare init zsh)\"",
        "command -q backcare; and backcare init fish | source",
    ] {
        assert!(help.contains(line), "{line}: {help}");
    }
}

#[test]
fn the_handout_prints_the_dates_its_footer_points_to() {
    let env = TestEnv::new();
    let handout = env.stdout(&["export", "--format", "markdown", "--topic", "posture"]);
    assert!(
        handout.contains("the date beside a source is when it was last checked"),
        "{handout}"
    );
    assert!(handout.contains(", checked 2026-"), "{handout}");
}
