//! The command line end to end: every command and option, each error and its exit code.

mod common;

use common::{TestEnv, USER_TIPS, path_str};
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn tip_shows_one_builtin_tip_with_topic_and_id() {
    let env = TestEnv::new();
    let out = env.stdout(&["tip"]);
    let first = out.lines().next().unwrap();
    assert!(first.contains(" · "), "{out}");
    let id = first.rsplit(" · ").next().unwrap();
    env.run(&["show", id]).success();
    assert!(out.lines().count() >= 2);
}

#[test]
fn tip_json_is_an_object_with_the_documented_fields() {
    let env = TestEnv::new();
    let tip = env.json(&["tip", "--seed", "1"]);
    for key in ["id", "topic", "text"] {
        assert!(tip[key].is_string(), "{tip}");
    }
    let shown = env.json(&["show", tip["id"].as_str().unwrap()]);
    assert_eq!(tip, shown);
}

#[test]
fn tip_topic_filters() {
    let env = TestEnv::new();
    for seed in 0..10 {
        let tip = env.json(&["tip", "--topic", "sleep", "--seed", &seed.to_string()]);
        assert_eq!(tip["topic"], "sleep");
        let tip = env.json(&["tip", "-t", "relief,stress", "--seed", &seed.to_string()]);
        assert!(
            tip["topic"] == "relief" || tip["topic"] == "stress",
            "{tip}"
        );
    }
}

#[test]
fn list_groups_by_topic_in_file_order() {
    let env = TestEnv::new();
    let out = env.stdout(&["list", "--topic", "posture"]);
    assert!(out.starts_with("Posture\n"), "{out}");
    assert!(out.contains("  posture-stand-straight\n"));
    assert!(!out.contains("Sleep and rest"));

    let all = env.json(&["list"]);
    let tips = all.as_array().unwrap();
    let topics = env.json(&["topics"]);
    let order: Vec<&str> = topics
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    // Grouped: once a topic's tips end, that topic does not come back.
    let mut seen: Vec<&str> = Vec::new();
    for tip in tips {
        let topic = tip["topic"].as_str().unwrap();
        if seen.last() != Some(&topic) {
            assert!(!seen.contains(&topic), "{topic} is split");
            seen.push(topic);
        }
    }
    assert_eq!(seen, order);
}

#[test]
fn list_text_shows_every_tip() {
    let env = TestEnv::new();
    let out = env.stdout(&["list"]);
    for tip in env.json(&["list"]).as_array().unwrap() {
        assert!(out.contains(tip["id"].as_str().unwrap()));
    }
}

#[test]
fn search_needs_every_word_and_folds_case_and_accents() {
    let env = TestEnv::new();
    let found = env.json(&["search", "HEATING", "pad"]);
    let found = found.as_array().unwrap();
    assert!(!found.is_empty());
    for tip in found {
        let text = tip.to_string().to_lowercase();
        assert!(text.contains("heating") && text.contains("pad"), "{tip}");
    }
    // Accents are folded both ways: a user tip with "café" is found by "cafe", and "pélvic" finds "pelvic".
    let file = env.write(
        "cafe.toml",
        "[[tips]]\nid = \"coffee\"\ntopic = \"stress\"\ntext = \"A calm café break helps.\"\n",
    );
    let found = env.json(&["--file", path_str(&file), "search", "cafe"]);
    assert_eq!(found[0]["id"], "coffee");
    assert!(
        !env.json(&["search", "pélvic"])
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn search_ranks_label_matches_before_text_matches() {
    let env = TestEnv::new();
    let found = env.json(&["search", "bed"]);
    let in_labels: Vec<bool> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let tags = t["tags"].to_string();
            t["id"].as_str().unwrap().contains("bed") || t["topic"] == "bed" || tags.contains("bed")
        })
        .collect();
    let first_text_only = in_labels.iter().position(|label| !label).unwrap();
    assert!(first_text_only > 0);
    assert!(in_labels[..first_text_only].iter().all(|label| *label));
    assert!(
        in_labels[first_text_only..].iter().all(|label| !label),
        "{in_labels:?}"
    );
}

#[test]
fn search_without_match_is_exit_1_like_grep() {
    let env = TestEnv::new();
    env.run(&["search", "trampoline"])
        .code(1)
        .stdout("")
        .stderr("backcare: no tips or warning signs contain trampoline\n");
}

/// Someone in pain types the symptom: a warning sign comes first, with what to do and the
/// number to call, and "nothing found" is never the answer.
#[test]
fn search_finds_the_warning_signs_first_with_the_number_to_call() {
    let env = TestEnv::new();
    for word in ["numbness", "fever", "bleeding", "pins and needles"] {
        let out = env
            .cmd()
            .env("LANG", "en_GB.UTF-8")
            .args(["search", word])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("Warning signs\n"), "{word}: {out}");
        assert!(
            out.contains("call 999") || out.contains("maternity unit"),
            "{word}: {out}"
        );
        assert!(out.contains("backcare warning-signs"), "{word}");
    }
    let out = String::from_utf8(
        env.cmd()
            .env("LANG", "en_US.UTF-8")
            .args(["search", "numbness"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(out.contains("call 911"), "{out}");
    // The US word and the brand name find the UK tip.
    assert!(
        env.stdout(&["search", "advil"])
            .contains("relief-no-ibuprofen")
    );
    assert!(env.stdout(&["search", "cesarean"]).contains("caesarean"));
}

#[test]
fn a_search_word_that_matches_nothing_gets_a_did_you_mean() {
    let env = TestEnv::new();
    env.run(&["search", "pilow"]).code(1).stderr(
        "backcare: no tips or warning signs contain pilow (`pilow`: did you mean `pillow`?)\n",
    );
}

#[test]
fn search_highlights_only_on_request_or_terminal() {
    let env = TestEnv::new();
    let plain = env.stdout(&["search", "heat"]);
    assert!(!plain.contains('\x1b'));
    let colored = env.stdout(&["search", "heat", "--color", "always"]);
    assert!(colored.contains("\x1b[1;31mheat\x1b[0m"), "{colored}");
    let never = env.stdout(&["search", "heat", "--color", "never"]);
    assert_eq!(never, plain);
}

#[test]
fn show_prints_details() {
    let env = TestEnv::new();
    env.run(&["show", "relief-heat-cold"])
        .success()
        .stdout(contains("Easing the pain · relief-heat-cold"))
        .stdout(contains("Source: Mayo Clinic, Back pain during pregnancy"))
        .stdout(contains("\n  Address: https://www.mayoclinic.org/"))
        .stdout(contains("\n  Checked: 20"))
        .stdout(contains("Stages: any"));
    let json = env.json(&["show", "relief-heat-cold"]);
    assert_eq!(json["source"]["publisher"], "Mayo Clinic");
    assert!(
        json["source"]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    assert!(json["source"]["checked"].is_string());
}

#[test]
fn show_unknown_id_suggests_the_closest() {
    let env = TestEnv::new();
    env.run(&["show", "relief-heat-colt"])
        .code(1)
        .stdout("")
        .stderr(contains("no tip has the id `relief-heat-colt`"))
        .stderr(contains("did you mean `relief-heat-cold`"));
}

#[test]
fn unknown_topic_is_a_usage_error_listing_topics() {
    let env = TestEnv::new();
    for command in ["tip", "list"] {
        env.run(&[command, "--topic", "postur"])
            .code(2)
            .stderr(contains("unknown topic `postur` (did you mean `posture`?)"))
            .stderr(contains("known topics: causes, posture"));
    }
}

#[test]
fn topics_show_titles_descriptions_and_counts() {
    let env = TestEnv::new();
    let topics = env.json(&["topics"]);
    let list = env.json(&["list"]);
    let mut total = 0;
    for topic in topics.as_array().unwrap() {
        let count = topic["count"].as_u64().unwrap();
        let counted = list
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["topic"] == topic["name"])
            .count() as u64;
        assert_eq!(count, counted);
        assert!(topic["title"].is_string() && topic["description"].is_string());
        total += count;
    }
    assert_eq!(total as usize, list.as_array().unwrap().len());
    env.run(&["topics"])
        .success()
        .stdout(contains("posture (5 tips)\n  Posture: Standing"));
}

#[test]
fn user_file_is_combined_with_builtins() {
    let env = TestEnv::new();
    let file = env.write("mine.toml", USER_TIPS);
    let builtin = env.json(&["list"]).as_array().unwrap().len();
    let list = env.json(&["--file", path_str(&file), "list"]);
    assert_eq!(list.as_array().unwrap().len(), builtin + 2);
    env.run(&["--file", path_str(&file), "list", "--topic", "mine"])
        .success()
        .stdout(contains("My notes\nThings my physio told me."))
        .stdout(contains(format!("mine-stretch  (from {})", file.display())));
    // The same through the environment, and alone with --no-builtin.
    env.cmd()
        .env(
            "BACKCARE_TIPS",
            format!("/nonexistent-but-empty-is-skipped::{}", file.display()),
        )
        .args(["--json", "--no-builtin", "list"])
        .assert()
        .code(2)
        .stderr(contains("/nonexistent-but-empty-is-skipped: no such file"));
    let output = env
        .cmd()
        .env("BACKCARE_TIPS", file.as_os_str())
        .args(["--json", "list", "--topic", "mine"])
        .output()
        .unwrap();
    let mine: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(mine[0]["id"], "mine-stretch");
    // Without the built-in set, the built-in topic `posture` is not declared.
    env.run(&["--no-builtin", "--file", path_str(&file), "list"])
        .code(2)
        .stderr(contains("topic `posture` is not declared"));
}

#[test]
fn no_builtin_without_files_finds_nothing() {
    let env = TestEnv::new();
    env.run(&["--no-builtin", "tip"])
        .code(1)
        .stdout("")
        .stderr(contains(
            "no tips to show: the built-in set is off and no tips file holds any",
        ));
}

#[test]
fn invalid_files_name_the_file_line_and_column() {
    let env = TestEnv::new();
    let bad = env.write(
        "bad.toml",
        "[[tips]]\nid = \"ok\"\ntopic = \"posture\"\ntext = 42\ncolour = \"red\"\n",
    );
    let path = bad.display().to_string();
    env.run(&["--file", &path, "list"])
        .code(2)
        .stdout("")
        .stderr(contains(format!(
            "{path}:4:8: `text` must be a string, found integer"
        )))
        .stderr(contains(format!("{path}:5:1: unknown key `colour`")));
    let dup = env.write(
        "dup.toml",
        "[[tips]]\nid = \"posture-stand-straight\"\ntopic = \"nope\"\ntext = \"x\"\n[[tips]]\nid = \"a\"\ntopic = \"posture\"\ntext = \"y\"\n[[tips]]\nid = \"a\"\ntopic = \"posture\"\ntext = \"\"\n",
    );
    let path = dup.display().to_string();
    env.run(&["--file", &path, "topics"])
        .code(2)
        .stderr(contains(format!("{path}:12:8: `text` must not be empty")));
    let undeclared = env.write(
        "undeclared.toml",
        "[[tips]]\nid = \"x\"\ntopic = \"nope\"\ntext = \"x\"\n",
    );
    let path = undeclared.display().to_string();
    env.run(&["--file", &path, "show", "x"])
        .code(2)
        .stderr(contains(format!(
            "{path}:3:9: topic `nope` is not declared"
        )));
}

#[test]
fn unreadable_file_is_a_data_error() {
    let env = TestEnv::new();
    env.run(&["--file", "missing.toml", "list"])
        .code(2)
        .stderr("missing.toml: no such file\n");
}

#[test]
fn usage_errors_exit_2() {
    let env = TestEnv::new();
    env.run(&["tip", "--nope"]).code(2);
    env.run(&["frobnicate"]).code(2);
    env.run(&["search"]).code(2);
    env.run(&["--color", "sometimes", "tip"]).code(2);
    env.run(&["tip", "--seed", "1", "--daily"]).code(2);
}

#[test]
fn help_documents_exit_codes_and_the_disclaimer() {
    let env = TestEnv::new();
    env.run(&["--help"])
        .success()
        .stdout(contains("Exit codes (as grep):"))
        .stdout(contains("2  an error: wrong usage"))
        .stdout(contains("not medical advice"));
    env.run(&["--version"])
        .success()
        .stdout(contains("backcare 0."));
}

#[test]
fn color_follows_the_terminal_flag_and_no_color() {
    let env = TestEnv::new();
    // Not a terminal: no colour in auto mode.
    let auto = env.stdout(&["tip", "--seed", "2"]);
    assert!(!auto.contains('\x1b'));
    let always = env.stdout(&["tip", "--seed", "2", "--color", "always"]);
    assert!(always.contains("\x1b["));
    let stripped = always
        .replace("\x1b[1;36m", "")
        .replace("\x1b[33m", "")
        .replace("\x1b[2m", "")
        .replace("\x1b[0m", "");
    assert_eq!(stripped, auto, "colours never change the words");
    // NO_COLOR only affects auto.
    env.cmd()
        .env("NO_COLOR", "1")
        .args(["tip", "--seed", "2", "--color", "always"])
        .assert()
        .stdout(contains("\x1b["));
}

#[test]
fn text_wraps_at_80_columns_in_a_pipe() {
    let env = TestEnv::new();
    for line in env.stdout(&["list"]).lines() {
        assert!(line.chars().count() <= 80, "{line:?}");
    }
}

#[test]
fn warning_signs_text_and_json() {
    let env = TestEnv::new();
    env.run(&["warning-signs", "--region", "uk"])
        .success()
        .stdout(contains(
            "United Kingdom: 999 emergency ambulance; 111 urgent advice day or night: NHS 111",
        ))
        .stdout(contains(
            "In pregnancy: call 999 or go to A&E now if you have",
        ))
        .stdout(contains(
            "In pregnancy or after the birth: call 999 or go to A&E now if you have",
        ))
        .stdout(contains("weakness, numbness or pain in both legs"))
        .stdout(contains("new loss of control of your bladder or bowels"))
        .stdout(contains("do not wait until tomorrow"))
        .stdout(contains("After the birth"))
        .stdout(contains("physiotherapist"))
        .stdout(contains("Sources (reviewed 20"))
        .stdout(contains(
            "      https://www.cuh.nhs.uk/patient-information/reduced-fetal-movements/\n",
        ))
        .stdout(predicate::str::ends_with(
            "not medical advice: ask your midwife or\ndoctor about your own pregnancy.\n",
        ));
    let json = env.json(&["warning-signs", "--region", "uk"]);
    assert_eq!(json["region"]["id"], "uk");
    let sections = json["sections"].as_array().unwrap();
    assert!(
        sections
            .iter()
            .any(|section| section["when"] == "after-birth")
    );
    for section in sections {
        assert!(
            !section["title"].as_str().unwrap().contains('{'),
            "{section}"
        );
        for sign in section["signs"].as_array().unwrap() {
            assert!(
                sign["source"]["url"]
                    .as_str()
                    .unwrap()
                    .starts_with("https://")
            );
        }
    }
    assert!(
        json["disclaimer"]
            .as_str()
            .unwrap()
            .contains("not medical advice")
    );
}

#[test]
fn check_reports_every_problem_with_its_line() {
    let env = TestEnv::new();
    let bad = env.write(
        "several.toml",
        "[topics.mine]\ntitle = \"Mine\"\n\n[[tips]]\nid = \"Bad Id\"\ntopic = \"mine\"\ntext = \"x\"\n\n[[tips]]\nid = \"ok\"\ntopic = \"mine\"\ntext = \"y\"\nstages = [\"fourth\"]\nmood = \"happy\"\n",
    );
    let path = bad.display().to_string();
    let output = env.run(&["check", &path]).code(1).stdout("");
    let stderr = String::from_utf8(output.get_output().stderr.clone()).unwrap();
    for expected in [
        format!("{path}:5:6: id `Bad Id` must be lowercase words"),
        format!("{path}:13:11: unknown stage `fourth`"),
        format!("{path}:14:1: unknown key `mood`"),
    ] {
        assert!(
            stderr.contains(&expected),
            "missing {expected:?} in\n{stderr}"
        );
    }
    assert_eq!(
        stderr.lines().count(),
        3,
        "one line each when stderr is not a terminal"
    );
}

#[test]
fn check_summarises_a_valid_set() {
    let env = TestEnv::new();
    std::fs::write(env.config_dir().join("tips.toml"), USER_TIPS).unwrap();
    let builtin = env.json(&["list"]).as_array().unwrap().len();
    env.run(&["check"]).success().stdout(format!(
        "ok: 1 file, 12 topics, {builtin} tips, 12 exercises, 4 routines\n"
    ));
}

#[test]
fn a_broken_user_file_costs_tip_one_line_but_fails_other_commands() {
    let env = TestEnv::new();
    let broken = env.config_dir().join("tips.toml");
    std::fs::write(&broken, "[[tips]]\nid = \"x\"\ntext = \"no topic\"\n").unwrap();
    let output = env.run(&["tip"]).success().stdout(contains(" · "));
    let stderr = String::from_utf8(output.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&format!(
        "{}:1:1: tip `x` is missing `topic`",
        broken.display()
    )));
    assert!(stderr.contains("that file is left out"));
    env.run(&["list"])
        .code(2)
        .stdout("")
        .stderr(contains("is missing `topic`"));
}

#[test]
fn user_tips_override_and_disable_builtins_in_list() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.config_dir().join("tips.d")).unwrap();
    std::fs::write(
        env.config_dir().join("tips.d/10-mine.toml"),
        "[[tips]]\nid = \"posture-soft-knees\"\ntopic = \"posture\"\ntext = \"My own words about knees.\"\n\n[[tips]]\nid = \"posture-stand-less\"\ndisabled = true\n",
    )
    .unwrap();
    let out = env.stdout(&["list", "--topic", "posture"]);
    assert!(out.contains("posture-soft-knees  (from "), "{out}");
    assert!(out.contains("My own words about knees."));
    assert!(!out.contains("posture-stand-less"));
    env.run(&["show", "posture-stand-less"]).code(1);
}

/// A reader that went away (`backcare list | head -n 1`) ends the output quietly: exit 0, not
/// a word on stderr. Here the pipe's only read end is closed before backcare starts, so every
/// write backcare makes to stdout fails (EPIPE: Rust ignores SIGPIPE, so the write returns the
/// error rather than killing the process). Each command has output to write (the same command
/// read normally prints some), and `tip` shows the write was made and failed: a tip nobody saw
/// is not counted in the state. Without the handling of a broken pipe in `emit`, backcare
/// would say "cannot write output" and fail; with SIGPIPE at its default, a signal would end
/// it and there would be no exit code.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::{ErrorKind, Write};
    use std::process::Stdio;

    let env = TestEnv::new();
    let shown = || -> u64 {
        let state = std::fs::read_to_string(env.state_file()).unwrap();
        let state: serde_json::Value = serde_json::from_str(&state).unwrap();
        state["shown"].as_u64().unwrap()
    };
    for command in [&["list"][..], &["search", "back"], &["tip"]] {
        let read = env.std_cmd(command).output().unwrap();
        assert!(read.status.success(), "{command:?}: {read:?}");
        assert!(!read.stdout.is_empty(), "{command:?} has nothing to write");
        let shown_before = (command == ["tip"]).then(shown);

        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        // Nobody can read it any more: a write fails here already.
        let mut probe = writer.try_clone().unwrap();
        let refused = probe.write_all(b"x").unwrap_err();
        assert_eq!(refused.kind(), ErrorKind::BrokenPipe);
        drop(probe);

        let output = env
            .std_cmd(command)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{command:?}: {:?}",
            output.status
        );
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{command:?}");
        if let Some(before) = shown_before {
            assert_eq!(shown(), before, "the tip nobody saw was counted");
        }
    }
}

/// Topic, stage and routine names work in any case, as ids and regions do.
#[test]
fn names_work_in_any_case() {
    let env = TestEnv::new();
    assert_eq!(
        env.json(&["list", "--topic", "Sleep", "--stage", "Third"]),
        env.json(&["list", "--topic", "sleep", "--stage", "third"])
    );
    env.run(&["tip", "--topic", "SLEEP", "--seed", "1"])
        .success();
    let desk = env.json(&["stretch", "Desk"]);
    assert_eq!(desk["id"], "desk");
}
