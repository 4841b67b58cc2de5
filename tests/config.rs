//! `backcare config`: settings are set, got and unset as backcare reads them, the user's
//! comments and order are kept, and a mistake leaves the file as it was.

mod common;

use std::path::Path;

use common::TestEnv;
use predicates::str::contains;

fn file(env: &TestEnv) -> String {
    std::fs::read_to_string(env.config_dir().join("config.toml")).unwrap()
}

#[test]
fn set_writes_what_reading_gives_back() {
    let env = TestEnv::new();
    env.run(&["config", "set", "due_date", "2027-03-14"])
        .success()
        .stdout(contains("due_date = \"2027-03-14\""));
    env.run(&["config", "set", "every", "90m"]).success();
    env.run(&["config", "set", "region", "USA"]).success();
    env.run(&["config", "set", "topics", "Sleep, posture"])
        .success();
    env.run(&["config", "set", "pelvic_girdle_pain", "true"])
        .success();
    assert_eq!(
        file(&env),
        "due_date = \"2027-03-14\"\nevery = \"1h30m\"\nregion = \"us\"\ntopics = [\"sleep\", \"posture\"]\npelvic_girdle_pain = true\n"
    );
    env.run(&["config", "get", "every"])
        .success()
        .stdout("1h30m\n");
    env.run(&["config", "get", "due_date"])
        .success()
        .stdout("2027-03-14\n");
    // What `config` writes is what every other command reads.
    let status = env.json(&["status"]);
    assert_eq!(status["due_date"], "2027-03-14");
    assert_eq!(status["region"], "us");
    assert_eq!(status["pelvic_girdle_pain"], true);
}

#[test]
fn comments_and_order_are_kept_and_unset_removes_one_key() {
    let env = TestEnv::new();
    env.write_config("# my settings\nregion = \"ie\"  # Dublin\n\n# how often\nevery = \"4h\"\n");
    env.run(&["config", "set", "region", "uk"]).success();
    env.run(&["config", "unset", "every"])
        .success()
        .stdout(contains("every removed"));
    // The comment above `every` went with it; the one beside `region` stayed.
    assert_eq!(file(&env), "# my settings\nregion = \"uk\"  # Dublin\n");
    // Unsetting what is not set says so and succeeds, as hiding a hidden tip does.
    env.run(&["config", "unset", "every"])
        .success()
        .stdout(contains("every was not set"));
    env.run(&["config", "get", "every"])
        .code(1)
        .stderr(contains("`every` is not set"));
}

#[test]
fn a_mistake_is_refused_and_leaves_the_file_as_it_was() {
    let env = TestEnv::new();
    let original = "# mine\nevery = \"4h\"\n";
    env.write_config(original);
    env.run(&["config", "set", "evrey", "4h"])
        .code(2)
        .stderr(contains("unknown key `evrey` (did you mean `every`?)"));
    env.run(&["config", "set", "every", "4x"])
        .code(2)
        .stderr(contains("`4x` is not a duration"));
    env.run(&["config", "set", "due_date", "2027-02-30"])
        .code(2)
        .stderr(contains("not a date"));
    // A real day that cannot be right, as `status` would say.
    env.run(&["config", "set", "due_date", "2020-01-01"])
        .code(2)
        .stderr(contains("weeks ago"));
    env.run(&["config", "set", "birth_date", "2090-01-01"])
        .code(2)
        .stderr(contains("is in the future"));
    env.run(&["config", "set", "region", "atlantis"])
        .code(2)
        .stderr(contains("unknown region `atlantis`"));
    env.run(&["config", "set", "topics", "slep"])
        .code(2)
        .stderr(contains("did you mean `sleep`?"));
    env.run(&["config", "set", "daily", "maybe"])
        .code(2)
        .stderr(contains("must be true or false"));
    assert_eq!(file(&env), original);
    // A file that is not TOML is never written over: the problem is named instead.
    env.write_config("every = 4h\n");
    env.run(&["config", "set", "daily", "true"])
        .code(2)
        .stderr(contains("config.toml:1:9"));
    assert_eq!(file(&env), "every = 4h\n");
}

#[test]
fn config_alone_shows_every_setting_and_where_it_comes_from() {
    let env = TestEnv::new();
    env.write_config("every = \"4h\"\n");
    let out = env.stdout(&["config"]);
    assert!(out.contains("every = 4h   # config file"), "{out}");
    assert!(out.contains("color = auto   # default"), "{out}");
    assert!(out.contains("due_date = (not set)   # default"), "{out}");
    let out = String::from_utf8(
        env.cmd()
            .env("BACKCARE_EVERY", "2h")
            .arg("config")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(out.contains("every = 2h   # environment"), "{out}");
    let json = env.json(&["config"]);
    assert_eq!(json["settings"]["every"]["from"], "config file");
    assert_eq!(json["settings"]["color"]["value"], "auto");
    assert_eq!(json["settings"]["color"]["from"], "default");
    assert!(json["settings"]["due_date"]["value"].is_null());
    assert_eq!(
        json["settings"].as_object().unwrap().len(),
        backcare::config::Setting::ALL.len()
    );
}

/// Runs setting different keys at once take turns under the lock: every one lands.
#[test]
fn parallel_sets_all_land() {
    let env = TestEnv::new();
    let pairs = [
        ("due_date", "2027-03-14"),
        ("every", "4h"),
        ("region", "uk"),
        ("daily", "true"),
        ("color", "never"),
        ("pelvic_girdle_pain", "true"),
        ("stretch_reminder", "true"),
        ("topics", "sleep"),
    ];
    let children: Vec<_> = pairs
        .iter()
        .map(|(key, value)| {
            env.std_cmd(&["config", "set", key, value])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let written = file(&env);
    for (key, _) in pairs {
        assert!(
            written.contains(&format!("{key} = ")),
            "{key} lost: {written}"
        );
    }
}

/// A config directory whose name holds escape sequences (it comes from XDG_CONFIG_HOME) cannot
/// drive the terminal through `config`, its messages or its errors.
#[test]
fn paths_cannot_drive_the_terminal() {
    let env = TestEnv::new();
    let hostile = env.home().join("conf\x1b]0;pwned\x07\x1b[31m");
    let run = |args: &[&str]| {
        env.cmd()
            .env("XDG_CONFIG_HOME", &hostile)
            .args(args)
            .output()
            .unwrap()
    };
    for args in [
        &["config"][..],
        &["config", "set", "every", "4h"],
        &["config", "unset", "every"],
        &["config", "set", "every", "4x"],
    ] {
        let output = run(args);
        for stream in [&output.stdout, &output.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(
                !text.contains('\x1b') && !text.contains('\x07'),
                "{args:?}: {text:?}"
            );
        }
    }
}

/// `config set` killed at the moment it would rename its new file into place (strace sends
/// SIGKILL there) leaves the file as it was, comments and all, and the next `set` works.
#[test]
#[ignore = "needs strace: run with `cargo test -- --include-ignored`"]
fn a_set_killed_before_its_rename_loses_nothing() {
    common::installed("strace");
    let env = TestEnv::new();
    let original = "# mine\nevery = \"4h\"\n";
    env.write_config(original);
    let status = env
        .under_strace(
            Path::new("/dev/null"),
            &[
                "trace=rename,renameat,renameat2",
                "inject=rename,renameat,renameat2:signal=KILL",
            ],
            &["config", "set", "daily", "true"],
        )
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "the run was killed");
    assert_eq!(file(&env), original);
    let leftovers: Vec<_> = std::fs::read_dir(env.config_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "config.toml" && name != "config.lock")
        .collect();
    // A killed run may leave its temporary file; it is never read as the config.
    assert!(
        leftovers.iter().all(|name| name.starts_with('.')),
        "{leftovers:?}"
    );
    env.run(&["config", "set", "daily", "true"]).success();
    assert_eq!(file(&env), format!("{original}daily = true\n"));
}
