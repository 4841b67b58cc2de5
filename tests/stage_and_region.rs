//! The right stage (due date, overdue, no date, a recorded birth, impossible dates) and the
//! right emergency numbers (locale, setting, option), as a user meets them.

mod common;

use common::TestEnv;
use predicates::prelude::*;
use predicates::str::contains;

/// Today plus `days`, as the binary sees it (the tests run it with TZ=UTC).
fn date_in_days(days: i64) -> String {
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    today
        .checked_add(jiff::Span::new().days(days))
        .unwrap()
        .to_string()
}

fn tip_json(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["tip"];
    all.extend_from_slice(args);
    env.json(&all)
}

fn stages_of(tip: &serde_json::Value) -> Vec<String> {
    tip["stages"]
        .as_array()
        .map(|stages| {
            stages
                .iter()
                .map(|stage| stage.as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn only_after_birth(tip: &serde_json::Value) -> bool {
    stages_of(tip) == ["postpartum"]
}

#[test]
fn weeks_are_completed_weeks_plus_days() {
    let env = TestEnv::new();
    // 280 days is 40+0 at the due date, so 73 days to go is 207 days: 29+4.
    env.write_config(&format!("due_date = \"{}\"\n", date_in_days(73)));
    env.run(&["status"])
        .success()
        .stdout(contains("29+4 weeks pregnant"))
        .stdout(contains("tips for the third stage"));
    let status = env.json(&["status"]);
    assert_eq!(status["weeks"], 29);
    assert_eq!(status["days"], 4);
    assert_eq!(status["stage"], "third");
}

#[test]
fn after_the_due_date_it_is_still_the_third_trimester() {
    let env = TestEnv::new();
    env.write_config(&format!("due_date = \"{}\"\n", date_in_days(-6)));
    env.run(&["status"])
        .success()
        .stdout(contains("40+6 weeks pregnant (6 days past the due date)"))
        .stdout(contains("tips for the third stage"));
    for seed in 0..40 {
        let tip = tip_json(&env, &["--seed", &seed.to_string()]);
        let stages = stages_of(&tip);
        assert!(
            stages.is_empty() || stages.contains(&"third".to_string()),
            "{tip}"
        );
        assert!(!only_after_birth(&tip), "{tip}");
    }
}

#[test]
fn without_a_due_date_backcare_assumes_pregnancy() {
    let env = TestEnv::new();
    let mut all_stage_tips = 0;
    for seed in 0..80 {
        let tip = tip_json(&env, &["--seed", &seed.to_string()]);
        assert!(
            !only_after_birth(&tip),
            "after-birth tip while pregnant: {tip}"
        );
        all_stage_tips += usize::from(stages_of(&tip).is_empty());
    }
    assert!(all_stage_tips > 0, "tips for every stage still come up");
    // The shuffle bag, too, never reaches after-birth tips.
    for _ in 0..30 {
        assert!(!only_after_birth(&tip_json(&env, &[])));
    }
    // Asked for, they come up.
    let tip = tip_json(&env, &["--stage", "postpartum", "--seed", "3"]);
    assert!(stages_of(&tip).is_empty() || stages_of(&tip).contains(&"postpartum".into()));
    env.run(&["status"])
        .success()
        .stdout(contains("no due date set, so backcare assumes pregnancy"));
    // Browsing still shows everything.
    let listed = env.json(&["list"]);
    assert!(listed.as_array().unwrap().iter().any(only_after_birth));
}

#[test]
fn a_recorded_birth_switches_to_after_birth_advice() {
    let env = TestEnv::new();
    env.write_config(&format!(
        "due_date = \"{}\"\nbirth_date = \"{}\"\n",
        date_in_days(-20),
        date_in_days(-10)
    ));
    env.run(&["status"])
        .success()
        .stdout(contains("1+3 weeks after the birth"))
        .stdout(contains("tips for the postpartum stage"));
    let mut after_birth_tips = 0;
    for seed in 0..40 {
        let tip = tip_json(&env, &["--seed", &seed.to_string()]);
        let stages = stages_of(&tip);
        assert!(
            stages.is_empty() || stages.contains(&"postpartum".to_string()),
            "{tip}"
        );
        after_birth_tips += usize::from(only_after_birth(&tip));
    }
    assert!(after_birth_tips > 0);
    // The safety screen leads with the after-birth signs.
    let json = env.json(&["warning-signs"]);
    assert_eq!(json["sections"][0]["when"], "after-birth");
}

#[test]
fn an_impossible_due_date_names_the_file_and_key() {
    let env = TestEnv::new();
    let config = env.write_config(&format!("due_date = \"{}\"\n", date_in_days(43 * 7)));
    let shown = config.display().to_string();
    env.run(&["status"])
        .code(2)
        .stdout("")
        .stderr(contains(format!("{shown}:1:12: `due_date`")))
        .stderr(contains("is more than 42 weeks away"));
    // At a shell start it costs one line, not the tip.
    let output = env.run(&["tip", "--seed", "1"]).success();
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&format!("{shown}:1:12:")), "{stderr}");
    assert!(String::from_utf8_lossy(&output.get_output().stdout).contains(" · "));

    env.write_config(&format!("due_date = \"{}\"\n", date_in_days(-10 * 7)));
    env.run(&["status"]).code(2).stderr(contains(
        "was 10 weeks ago; if your baby has been born, add birth_date",
    ));

    env.write_config(&format!(
        "due_date = \"{}\"\nbirth_date = \"{}\"\n",
        date_in_days(10),
        date_in_days(2)
    ));
    env.run(&["status"])
        .code(2)
        .stderr(contains(format!("{shown}:2:14: `birth_date`")))
        .stderr(contains("is in the future"));
    // A year typed wrong: ten years ago.
    env.write_config(&format!("birth_date = \"{}\"\n", date_in_days(-3650)));
    env.run(&["status"])
        .code(2)
        .stderr(contains(format!("{shown}:1:14: `birth_date`")))
        .stderr(contains("is more than two years ago; check the year"));
    // A shell start still gets its tip, with one line about the date.
    let output = env.cmd().args(["tip", "--seed", "1"]).output().unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr).lines().count(), 1);
    // The safety screen works whatever the dates say.
    env.run(&["warning-signs"])
        .success()
        .stdout(contains("call your emergency number"));
}

#[test]
fn the_region_comes_from_the_locale() {
    let env = TestEnv::new();
    let with_locale = |vars: &[(&str, &str)]| {
        let mut cmd = env.cmd();
        cmd.arg("warning-signs");
        for (key, value) in vars {
            cmd.env(key, value);
        }
        String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
    };
    let uk = with_locale(&[("LANG", "en_GB.UTF-8")]);
    assert!(
        uk.starts_with("When back pain needs help now\nUnited Kingdom: 999"),
        "{uk}"
    );
    assert!(uk.contains("call 999 or go to A&E"));
    let us = with_locale(&[("LANG", "en_GB.UTF-8"), ("LC_ALL", "en_US.UTF-8")]);
    assert!(
        us.contains("call 911 or go to the emergency room (ER)"),
        "{us}"
    );
    let nz = with_locale(&[("LANG", "en_GB.UTF-8"), ("LC_MESSAGES", "en_NZ.UTF-8")]);
    assert!(nz.contains("call 111"), "{nz}");
    let germany = with_locale(&[("LANG", "de_DE.UTF-8")]);
    assert!(germany.contains("European Union: 112"), "{germany}");
    let australia = with_locale(&[("LANG", "en_AU.UTF-8")]);
    assert!(australia.contains("call 000"), "{australia}");
    let ireland = with_locale(&[("LANG", "en_IE.UTF-8")]);
    assert!(ireland.contains("call 112 or 999"), "{ireland}");
    let canada = with_locale(&[("LANG", "fr_CA.UTF-8")]);
    assert!(canada.contains("Canada: 911"), "{canada}");
    // Unknown or no locale: every common number side by side, never none.
    for unknown in [
        &[("LANG", "C.UTF-8")][..],
        &[][..],
        &[("LANG", "ja_JP.UTF-8")][..],
    ] {
        let shown = with_locale(unknown);
        for number in ["999", "911", "112", "000", "111"] {
            assert!(shown.contains(number), "{number} missing for {unknown:?}");
        }
    }
}

#[test]
fn the_region_setting_and_option_win_over_the_locale() {
    let env = TestEnv::new();
    env.write_config("region = \"nz\"\n");
    env.cmd()
        .args(["warning-signs"])
        .env("LANG", "en_GB.UTF-8")
        .assert()
        .success()
        .stdout(contains("New Zealand: 111"));
    env.cmd()
        .args(["warning-signs", "--region", "US"])
        .env("LANG", "en_GB.UTF-8")
        .assert()
        .success()
        .stdout(contains("United States: 911"));
    env.cmd()
        .args(["warning-signs"])
        .env("BACKCARE_REGION", "ie")
        .assert()
        .success()
        .stdout(contains("Ireland: 112 or 999"));
    env.run(&["status"])
        .success()
        .stdout(contains("Region: New Zealand (from the config file)"));
    env.run(&["warning-signs", "--region", "mars"])
        .code(2)
        .stdout("")
        .stderr(contains(
            "unknown region `mars`; known regions: uk, england, wales, scotland, ni, im, je, gg, ie, us, ca, eu, au, nz",
        ));
}

#[test]
fn an_unknown_region_in_the_config_still_shows_the_safety_screen() {
    let env = TestEnv::new();
    let config = env.write_config("region = \"narnia\"\n");
    let output = env.run(&["warning-signs"]).success();
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&format!(
        "{}:1:10: unknown region `narnia`",
        config.display()
    )));
    let stdout = String::from_utf8_lossy(&output.get_output().stdout).to_string();
    assert!(stdout.contains("999 UK; 911 US and Canada"), "{stdout}");
    env.run(&["status"])
        .code(2)
        .stderr(contains("unknown region `narnia`"))
        .stderr(predicate::str::contains("config.toml"));
}

/// Each UK nation and Crown dependency by the name people type, in any case: Northern Ireland
/// and the islands have no NHS 111.
#[test]
fn nations_and_dependencies_have_their_own_numbers() {
    let env = TestEnv::new();
    for (name, wanted, absent) in [
        ("Northern Ireland", "GP out-of-hours", "111"),
        ("ni", "GP out-of-hours", "NHS 111"),
        ("scotland", "NHS 24", "NHS 111"),
        ("England", "NHS 111", "NHS 24"),
        ("IM", "MEDS", "111"),
        ("je", "445445", "111"),
        ("Guernsey", "out-of-hours GP", "111"),
        ("USA", "911", "999"),
    ] {
        let out = env.stdout(&["warning-signs", "--region", name]);
        assert!(out.contains(wanted), "{name}: {out}");
        assert!(!out.contains(absent), "{name} shows {absent}");
    }
    let json = env.json(&["warning-signs", "--region", "ni"]);
    assert_eq!(json["region"]["id"], "ni");
    for section in json["sections"].as_array().unwrap() {
        assert!(["pregnancy", "after-birth", "both"].contains(&section["when"].as_str().unwrap()));
        assert!(section["level"].is_string());
    }
    env.run(&["warning-signs", "--region", "englnd"])
        .code(2)
        .stderr(predicates::str::contains("did you mean `england`?"));
}
