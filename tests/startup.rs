//! What `tip` does at shell start-up: --every, no repeats across runs, --daily, --seed, the
//! state file that never gets in the way, and the pregnancy week from a due date.

mod common;

use std::collections::HashSet;
use std::fs;

use common::TestEnv;
use predicates::prelude::*;
use predicates::str::contains;

fn tip_id(env: &TestEnv, args: &[&str]) -> String {
    let mut all = vec!["--json", "tip"];
    all.extend_from_slice(args);
    let output = env.run(&all).success();
    let tip: serde_json::Value = serde_json::from_slice(&output.get_output().stdout).unwrap();
    tip["id"].as_str().unwrap().to_string()
}

#[test]
fn every_stays_quiet_after_a_recent_tip() {
    let env = TestEnv::new();
    env.run(&["tip", "--every", "4h"])
        .success()
        .stdout(contains(" · "));
    for _ in 0..3 {
        env.run(&["tip", "--every", "4h"])
            .success()
            .stdout("")
            .stderr("");
    }
    // Through the environment and the config file too, for the start-up snippet's tip; a tip
    // typed by hand always shows.
    env.cmd()
        .env("BACKCARE_EVERY", "1h")
        .args(["tip", "--startup"])
        .assert()
        .success()
        .stdout("");
    env.write_config("every = \"30m\"\n");
    env.run(&["tip", "--startup"]).success().stdout("");
    env.run(&["tip"]).success().stdout(contains(" · "));
    env.write_config("every = \"off\"\n");
    env.run(&["tip", "--startup"])
        .success()
        .stdout(contains(" · "));
    // A tip shown long ago no longer silences.
    fs::write(
        env.state_file(),
        r#"{"last_shown": 1000, "round": [], "shown": 1}"#,
    )
    .unwrap();
    env.run(&["tip", "--every", "4h"])
        .success()
        .stdout(contains(" · "));
}

#[test]
fn seed_is_deterministic_and_touches_no_state() {
    let env = TestEnv::new();
    let first = tip_id(&env, &["--seed", "42"]);
    assert_eq!(first, tip_id(&env, &["--seed", "42"]));
    assert!(!env.state_file().exists());
    // --every is ignored with --seed, which never reads state.
    env.run(&["tip"]).success();
    env.run(&["tip", "--seed", "42", "--every", "1d"])
        .success()
        .stdout(contains(&first));
}

#[test]
fn no_repeats_until_every_tip_was_shown() {
    let env = TestEnv::new();
    let count = env
        .json(&["list", "--topic", "stress"])
        .as_array()
        .unwrap()
        .len();
    let mut seen = HashSet::new();
    for _ in 0..count {
        assert!(
            seen.insert(tip_id(&env, &["--topic", "stress"])),
            "repeat within a round"
        );
    }
    assert_eq!(seen.len(), count);
    // The next round starts again, without repeating the last tip straight away.
    let state: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(env.state_file()).unwrap()).unwrap();
    let last = state["round"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .as_str()
        .unwrap()
        .to_string();
    let next = tip_id(&env, &["--topic", "stress"]);
    assert_ne!(next, last);
}

#[test]
fn daily_is_the_same_all_day() {
    let env = TestEnv::new();
    let today = tip_id(&env, &["--daily"]);
    for _ in 0..3 {
        assert_eq!(tip_id(&env, &["--daily"]), today);
    }
    let sleep = tip_id(&env, &["--daily", "--topic", "sleep"]);
    assert!(sleep.starts_with("sleep-"), "filters apply: {sleep}");
}

#[test]
fn a_broken_state_file_never_stops_a_tip() {
    let env = TestEnv::new();
    fs::create_dir_all(env.state_dir()).unwrap();
    fs::write(env.state_file(), "{ this is not json").unwrap();
    env.run(&["tip"])
        .success()
        .stdout(contains(" · "))
        .stderr(contains("was damaged and has been replaced"));
    // Repaired: the next run is quiet on stderr.
    env.run(&["tip"]).success().stderr("");
    let state: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(env.state_file()).unwrap()).unwrap();
    assert_eq!(state["shown"], 2);
}

#[test]
fn an_unwritable_state_directory_costs_one_line() {
    let env = TestEnv::new();
    // The state directory is a file: nothing can be saved there.
    fs::create_dir_all(env.state_dir().parent().unwrap()).unwrap();
    fs::write(env.state_dir(), "not a directory").unwrap();
    let output = env.run(&["tip"]).success().stdout(contains(" · "));
    let stderr = String::from_utf8(output.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("cannot save") && stderr.contains("tips may repeat"),
        "{stderr}"
    );
}

/// Fifty shells starting at once take turns at the state's lock. On a loaded machine a run
/// may wait for it longer than the bounded wait (`state::LOCK_WAIT`) and give up: it still
/// shows its tip, says in exactly one line that the tip was not recorded, and writes nothing
/// (`report_state` in src/commands/tip.rs). That line is the only one tolerated: any other
/// ("cannot save … tips may repeat" when the lock or the write fails, a damaged state) is a
/// failure. The runs that took the lock each count their tip once, none lost, and share one
/// shuffle bag exactly.
#[test]
fn many_shells_at_once_all_get_a_tip_and_leave_valid_state() {
    let env = TestEnv::new();
    let gave_up = format!(
        "backcare: warning: {} is in use by another backcare; this tip was not recorded\n",
        env.state_file().display()
    );
    let children: Vec<_> = (0..50)
        .map(|_| {
            env.std_cmd(&["tip"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // The ids shown by the runs that recorded their tip.
    let mut recorded = Vec::new();
    for child in children {
        let output = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{:?}: {stderr}", output.status);
        let first = stdout.lines().next().unwrap_or_default();
        assert!(first.contains(" · "), "no tip: {stdout:?}");
        if stderr.is_empty() {
            recorded.push(first.rsplit(" · ").next().unwrap().to_string());
        } else {
            assert_eq!(stderr, gave_up, "only the bounded wait may cost a line");
        }
    }
    assert!(!recorded.is_empty(), "no run saved its state");

    let state: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(env.state_file()).unwrap()).unwrap();
    let keys: Vec<&str> = state
        .as_object()
        .expect("the state is an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["last_shown", "round", "shown"], "{state}");
    assert!(state["last_shown"].is_u64(), "{state}");
    assert_eq!(
        state["shown"].as_u64(),
        Some(recorded.len() as u64),
        "a recorded tip was lost or counted twice: {state}"
    );
    let mut round: Vec<String> = state["round"]
        .as_array()
        .expect("round is a list")
        .iter()
        .map(|id| id.as_str().expect("an id").to_string())
        .collect();
    // A tip with no due date set picks from the tips for pregnancy (`Preference::Pregnancy`):
    // while there are more of them than runs, the recorded runs all fall in one round.
    let eligible = env
        .json(&["list"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|tip| {
            tip["stages"].as_array().is_none_or(|stages| {
                stages
                    .iter()
                    .any(|stage| ["first", "second", "third"].contains(&stage.as_str().unwrap()))
            })
        })
        .count();
    assert!(
        recorded.len() <= eligible,
        "{eligible} tips: too few for one round"
    );
    round.sort();
    recorded.sort();
    assert_eq!(
        round, recorded,
        "the round holds each recorded tip once, no other"
    );

    let leftovers: Vec<_> = fs::read_dir(env.state_dir()).unwrap().collect();
    let mut names: Vec<String> = leftovers
        .iter()
        .map(|entry| {
            entry
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["state.json", "state.lock"],
        "no temporary file is left"
    );
    // The lock is free again: the next run records its tip.
    env.run(&["tip"]).success().stderr("");
    let state: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(env.state_file()).unwrap()).unwrap();
    assert_eq!(state["shown"].as_u64(), Some(recorded.len() as u64 + 1));
}

#[test]
fn week_and_stage_by_hand() {
    let env = TestEnv::new();
    let first = env.json(&["list", "--week", "8"]);
    let by_stage = env.json(&["list", "--stage", "first"]);
    assert_eq!(first, by_stage);
    for tip in first.as_array().unwrap() {
        assert!(tip["stages"].is_null() || tip["stages"].to_string().contains("first"));
    }
    let postpartum = env.json(&["search", "lift", "--stage", "postpartum"]);
    assert!(
        postpartum
            .as_array()
            .unwrap()
            .iter()
            .all(|tip| tip["stages"].is_null() || tip["stages"].to_string().contains("postpartum"))
    );
    for bad in [["--week", "0"], ["--week", "43"], ["--stage", "fourth"]] {
        env.run(&["tip", bad[0], bad[1]]).code(2);
    }
}

#[test]
fn bad_config_names_file_line_and_key() {
    let env = TestEnv::new();
    // A shell start still gets its tip, with one line naming the file, line and key.
    let path = env.write_config("every = \"4h\"\ndue_date = \"next spring\"\n");
    env.run(&["tip"])
        .success()
        .stdout(contains(" · "))
        .stderr(format!(
            "backcare: warning: {}:2:12: `due_date` must be a date written YYYY-MM-DD, without a time\n",
            path.display()
        ));
    // `status` shows every setting, so it stops (exit 2); browsing is not changed by it.
    env.run(&["status"])
        .code(2)
        .stderr(contains("`due_date` must be a date"));
    env.run(&["list"])
        .success()
        .stderr(contains("backcare: warning: "));
    env.write_config("colour = \"red\"\n");
    env.run(&["list"])
        .success()
        .stderr(contains("unknown key `colour`"));
    env.write_config("color = \"red\"\n");
    env.run(&["list"])
        .code(2)
        .stderr(contains("`color` must be"));
    env.write_config("every = \"soon\"\n");
    env.run(&["tip", "--startup"])
        .success()
        .stderr(contains("`every`: `soon` is not a duration"));
    env.write_config("topics = [\"sleep\"]\ncolor = \"never\"\n");
    assert!(tip_id(&env, &["--seed", "3"]).starts_with("sleep-"));
    // The command line wins over the config.
    assert!(tip_id(&env, &["--seed", "3", "--topic", "stress"]).starts_with("stress-"));
}

#[test]
fn every_rejects_bad_durations_as_usage_errors() {
    let env = TestEnv::new();
    env.run(&["tip", "--every", "often"])
        .code(2)
        .stderr(contains("is not a duration"));
    env.run(&["init", "bash", "--every", "0m"]).code(2);
    env.run(&["init", "bash", "--every", "90m"])
        .success()
        .stdout(contains("backcare tip --startup --every 1h30m"))
        .stdout(predicate::str::contains("__backcare_startup"));
}

/// A broken file found on its own is left out at a shell start, and only it: a healthy file
/// that uses a topic another file declares keeps its tips.
#[test]
fn a_broken_file_costs_only_itself_at_a_shell_start() {
    let env = TestEnv::new();
    let dir = env.config_dir().join("tips.d");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        env.config_dir().join("tips.toml"),
        "[topics.mine]\ntitle = \"Mine\"\n[[tips]]\nid = \"mine-a\"\ntopic = \"mine\"\ntext = \"From tips.toml.\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.toml"),
        "[[tips]]\nid = \"mine-b\"\ntopic = \"mine\"\ntext = \"From b.\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("c.toml"), "[[tips]\nbroken").unwrap();
    let mut seen = std::collections::HashSet::new();
    for seed in 0..20 {
        let output = env
            .cmd()
            .args(["tip", "--topic", "mine", "--seed", &seed.to_string()])
            .output()
            .unwrap();
        assert!(output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("c.toml") && stderr.contains("left out"),
            "{stderr}"
        );
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        if stdout.contains("mine-b") {
            seen.insert("b");
        }
        if stdout.contains("mine-a") {
            seen.insert("a");
        }
    }
    assert_eq!(seen.len(), 2, "b's tips are kept: {seen:?}");
}

/// `tip` builds no exercise or routine: a routine naming an exercise no file declares costs
/// `tip` nothing, and `stretch` and `check` still report it.
#[test]
fn tip_does_not_build_what_it_does_not_use() {
    let env = TestEnv::new();
    let file = env.write(
        "mine.toml",
        "[topics.t]\ntitle = \"T\"\n[[tips]]\nid = \"mine\"\ntopic = \"t\"\ntext = \"My tip.\"\n\
         [[routines]]\nid = \"r\"\nname = \"R\"\ndescription = \"D.\"\nexercises = [\"no-such-move\"]\n",
    );
    let file = file.to_str().unwrap();
    env.run(&["--file", file, "tip", "--topic", "t"])
        .success()
        .stdout(contains("My tip."))
        .stderr("");
    env.run(&["--file", file, "stretch", "--list"])
        .code(2)
        .stderr(contains("no-such-move"));
    env.run(&["--file", file, "check"])
        .code(1)
        .stderr(contains("no-such-move"));
}
