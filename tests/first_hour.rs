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
