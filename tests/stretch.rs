//! `backcare stretch`: sessions run on a real pseudo-terminal (through `script`) with a fast
//! clock, so a five-minute routine takes a fraction of a second; the routine as text and JSON
//! in a pipe; user-defined exercises and routines; the safety rules as a user sees them.

mod common;

use std::io::{Read, Write};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{TestEnv, installed, path_str};
use predicates::str::contains;

/// A small routine of the user's own: two short seated moves and one lying on the back.
const USER_ROUTINE: &str = r#"
[sources.physio]
publisher = "My physiotherapist"
url = "https://example.org/my-physio"

[[exercises]]
id = "shoulder-rolls"
name = "Shoulder rolls"
position = "sitting"
stages = ["first", "second", "third", "postpartum"]
steps = ["Sit tall.", "Roll both shoulders back slowly."]
hold = 3
reps = 2
rest = 1
avoid = "Do not shrug hard."
stop = "Stop if your neck or shoulders hurt."
source = "physio"

[[exercises]]
id = "side-step"
name = "Wide side step"
position = "standing"
stages = ["first", "second", "third", "postpartum"]
steps = ["Step wide to the side and back."]
hold = 2
reps = 2
wide_legs = true
avoid = "Keep the steps small."
stop = "Stop if the front of your pelvis hurts."
source = "physio"

[[exercises]]
id = "floor-bridge"
name = "Floor bridge"
position = "on-back"
stages = ["first", "second", "third", "postpartum"]
steps = ["Lie on your back, knees bent.", "Lift your bottom a little."]
hold = 3
reps = 2
avoid = "Do not arch your back."
stop = "Stop if it hurts or you feel dizzy."
source = "physio"

[[routines]]
id = "tiny"
name = "Tiny"
description = "Three short moves from my physio."
exercises = ["shoulder-rolls", "side-step", "floor-bridge"]
"#;

/// A session on a terminal of `columns`: `backcare ARGS` run by `script`, with `keys` typed
/// once the first countdown is on the screen. Returns what the terminal showed (with the
/// terminal's settings after the run on a last line), and backcare's exit code.
fn session(
    env: &TestEnv,
    args: &str,
    columns: u16,
    vars: &[(&str, &str)],
    keys: &str,
) -> (String, i32) {
    let command = format!(
        "backcare {args}; code=$?; echo; echo \"AFTER: $(stty -a | tr '\\n' ' ')\"; exit $code"
    );
    let mut script = env.on_pty(&command, columns, 24);
    script.stdin(Stdio::piped()).stdout(Stdio::piped());
    for (name, value) in vars {
        script.env(name, value);
    }
    let mut child = script.spawn().expect("script runs");
    let mut stdout = child.stdout.take().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let reader = {
        let seen = Arc::clone(&seen);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(read @ 1..) = stdout.read(&mut buffer) {
                seen.lock().unwrap().extend_from_slice(&buffer[..read]);
            }
        })
    };
    let mut stdin = child.stdin.take().unwrap();
    if !keys.is_empty() {
        let started = Instant::now();
        while !String::from_utf8_lossy(&seen.lock().unwrap()).contains("Get ready") {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "no countdown: {}",
                String::from_utf8_lossy(&seen.lock().unwrap())
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        stdin.write_all(keys.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }
    let status = child.wait().unwrap();
    drop(stdin);
    reader.join().unwrap();
    let transcript = String::from_utf8_lossy(&seen.lock().unwrap()).replace("\r\n", "\n");
    (transcript, status.code().unwrap_or(-1))
}

/// The lines a reader saw: colour codes removed, each in-place redraw a line of its own.
fn visible_lines(transcript: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut chars = transcript.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters final-byte
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        plain.push(if c == '\r' { '\n' } else { c });
    }
    plain.lines().map(str::to_string).collect()
}

/// The terminal settings `stty -a` printed after backcare finished.
fn settings_after(transcript: &str) -> &str {
    transcript
        .lines()
        .find_map(|line| line.strip_prefix("AFTER: "))
        .expect("stty ran after backcare")
}

/// What every way out of a session must leave: the cursor shown after the last time it was
/// hidden, no colour left on, line editing and echo back on.
fn assert_restored(transcript: &str) {
    let hidden = transcript.rfind("\x1b[?25l").expect("cursor hidden");
    let shown = transcript.rfind("\x1b[?25h").expect("cursor shown again");
    assert!(shown > hidden, "{transcript:?}");
    let last_style = transcript.rfind("\x1b[").map(|at| &transcript[at..]);
    let styles_after_reset = transcript[transcript.rfind("\x1b[0m").unwrap()..]
        .matches("\x1b[")
        .filter(|code| !code.is_empty())
        .count();
    // After the final reset come only the cursor and the plain summary.
    assert!(styles_after_reset <= 2, "{last_style:?}");
    let settings = settings_after(transcript);
    for flag in ["icanon", "echo", "isig"] {
        assert!(
            settings.split_whitespace().any(|word| word == flag),
            "{flag} not restored: {settings}"
        );
    }
}

#[test]
#[ignore = "needs script: run with `cargo test -- --include-ignored`"]
fn a_whole_session_runs_at_forty_columns_with_countdowns_and_a_summary() {
    if !installed("script") {
        return;
    }
    let env = TestEnv::new();
    let started = Instant::now();
    let (transcript, code) = session(&env, "stretch desk --speed 2000", 40, &[], "");
    assert_eq!(code, 0, "{transcript}");
    // A routine of minutes, in well under the time a person would take.
    assert!(started.elapsed() < Duration::from_secs(10));
    let lines = visible_lines(&transcript);
    let screen: Vec<&String> = lines.iter().filter(|l| !l.starts_with("AFTER: ")).collect();
    for line in &screen {
        assert!(line.chars().count() <= 40, "wider than 40: {line:?}");
    }
    let text = lines.join("\n");
    // The start: the routine, the stop signs and where to look for warning signs, the keys.
    assert!(text.contains("At the desk"), "{text}");
    assert!(text.contains("warning-signs"), "{text}");
    assert!(text.contains("space pause, n skip, q quit"), "{text}");
    assert!(text.contains("Exercise 1 of "), "{text}");
    assert!(text.contains("\nStop if it hurts"), "{text}");
    // What to avoid, and what was left out for this reader (no date: any week of pregnancy).
    assert!(text.contains("\nAvoid tight clothes"), "{text}");
    assert!(text.contains("Left out for you: "), "{text}");
    // Mid-hold: a repetition count and a bar partly filled.
    let mid_hold = screen
        .iter()
        .any(|line| line.starts_with("Rep 1/") && line.contains(" [#") && line.contains("-]"));
    assert!(mid_hold, "{text}");
    assert!(text.contains("Exercise 2 of "), "{text}");
    assert!(text.contains("Done: "), "{text}");
    assert!(text.contains("Well done."), "{text}");
    assert_restored(&transcript);
}

#[test]
#[ignore = "needs script: run with `cargo test -- --include-ignored`"]
fn skip_then_quit_moves_on_and_says_how_far_the_session_got() {
    if !installed("script") {
        return;
    }
    let env = TestEnv::new();
    let file = env.write("mine.toml", USER_ROUTINE);
    // Real time: the keys, not the clock, move this session on.
    let args = format!("--file {} stretch tiny --stage postpartum", path_str(&file));
    let (transcript, code) = session(&env, &args, 80, &[], "nq");
    assert_eq!(code, 0, "{transcript}");
    let text = visible_lines(&transcript).join("\n");
    let skipped = text.find("skipped").expect("the first exercise is skipped");
    // The first exercise never got to its holds; the second was announced after the skip.
    assert!(!text[..skipped].contains("Rep 1/2"), "{text}");
    let next = text
        .find("Exercise 2 of 3: Wide side step")
        .expect("the next one is announced");
    assert!(next > skipped, "{text}");
    assert!(
        text.contains("Stopped at exercise 2 of 3: 0 done, 1 skipped, 0 s of exercise."),
        "{text}"
    );
    assert!(!text.contains("Well done"), "{text}");
    assert_restored(&transcript);
}

/// Skipping every exercise is not "Well done", and the seconds spent getting ready are not
/// counted as exercise.
#[test]
#[ignore = "needs script: run with `cargo test -- --include-ignored`"]
fn skipping_everything_says_so_and_getting_ready_is_not_exercise() {
    if !installed("script") {
        return;
    }
    let env = TestEnv::new();
    let file = env.write("mine.toml", USER_ROUTINE);
    let args = format!("--file {} stretch tiny --stage postpartum", path_str(&file));
    let (transcript, code) = session(&env, &args, 80, &[], "nnn");
    assert_eq!(code, 0, "{transcript}");
    let text = visible_lines(&transcript).join("\n");
    assert!(
        text.contains("All 3 exercises skipped: nothing done this time."),
        "{text}"
    );
    assert!(!text.contains("Well done"), "{text}");
    // The whole routine, fast: 2 x 3 s + 1 s rest, 2 x 2 s, 2 x 3 s, and no get-ready time.
    let (transcript, code) = session(&env, &format!("{args} --speed 1000"), 80, &[], "");
    assert_eq!(code, 0, "{transcript}");
    let text = visible_lines(&transcript).join("\n");
    assert!(text.contains("Done: 3 of 3 exercises in 17 s"), "{text}");
}

#[test]
#[ignore = "needs script: run with `cargo test -- --include-ignored`"]
fn ctrl_c_stops_cleanly_with_the_shells_exit_code() {
    if !installed("script") {
        return;
    }
    let env = TestEnv::new();
    let (transcript, code) = session(&env, "stretch desk", 60, &[], "\x03");
    assert_eq!(code, 130, "{transcript}");
    let text = visible_lines(&transcript).join("\n");
    assert!(text.contains("Stopped at exercise 1 of"), "{text}");
    assert_restored(&transcript);
}

#[test]
#[ignore = "needs script: run with `cargo test -- --include-ignored`"]
fn space_pauses_until_a_key_and_n_or_q_work_from_the_pause() {
    if !installed("script") {
        return;
    }
    let env = TestEnv::new();
    let (transcript, code) = session(&env, "stretch desk", 60, &[], " n q");
    assert_eq!(code, 0, "{transcript}");
    let text = visible_lines(&transcript).join("\n");
    assert!(
        text.contains("Paused: space goes on, n skips, q quits"),
        "{text}"
    );
    let skipped = text.find("skipped").expect("n skips from the pause");
    assert!(text[skipped..].contains("Exercise 2 of "), "{text}");
    assert!(text.contains("Stopped at exercise 2 of"), "{text}");
    assert_restored(&transcript);
}

#[test]
#[ignore = "needs script: run with `cargo test -- --include-ignored`"]
fn a_dumb_terminal_gets_plain_countdown_lines_and_no_colour_gets_no_colour() {
    if !installed("script") {
        return;
    }
    let env = TestEnv::new();
    let file = env.write("mine.toml", USER_ROUTINE);
    let args = format!(
        "--file {} stretch tiny --stage postpartum --speed 500",
        path_str(&file)
    );
    let (dumb, code) = session(&env, &args, 40, &[("TERM", "dumb")], "");
    assert_eq!(code, 0, "{dumb}");
    assert!(
        !dumb.contains('\u{1b}'),
        "escape codes on a dumb terminal: {dumb:?}"
    );
    assert!(
        dumb.contains("Get ready 10 s: 9 8 7 6 5 4 3 2 1\n"),
        "{dumb}"
    );
    assert!(dumb.contains("Rep 2/2 3 s: 2 1\n"), "{dumb}");
    assert!(dumb.contains("Done: 3 of 3 exercises"), "{dumb}");

    let (no_colour, code) = session(&env, &args, 40, &[("NO_COLOR", "1")], "");
    assert_eq!(code, 0, "{no_colour}");
    for colour in ["\x1b[1m", "\x1b[2m", "\x1b[1;"] {
        assert!(!no_colour.contains(colour), "{colour:?} in {no_colour:?}");
    }
    assert!(no_colour.contains("Done: 3 of 3 exercises"), "{no_colour}");
}

#[test]
fn in_a_pipe_the_routine_is_text_to_read_with_no_timer() {
    let env = TestEnv::new();
    let text = env.stdout(&["stretch", "desk"]);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(!text.contains("Get ready"), "{text}");
    assert!(text.starts_with("At the desk (about "), "{text}");
    assert!(text.contains("warning-signs"), "{text}");
    assert!(text.contains("\n1. "), "{text}");
    assert!(text.contains("   1. "), "{text}");
    assert!(text.contains("   Stop if it hurts"), "{text}");
    assert!(text.contains("Stop signs from: Tommy's"), "{text}");
    assert!(
        text.contains("Source: ") && text.contains("https://"),
        "{text}"
    );
}

#[test]
fn json_gives_the_routine_with_every_exercise_and_what_was_left_out() {
    let env = TestEnv::new();
    let file = env.write("mine.toml", USER_ROUTINE);
    let routine = env.json(&["--file", path_str(&file), "stretch", "tiny", "--week", "30"]);
    assert_eq!(routine["id"], "tiny");
    assert!(
        routine["safety"]
            .as_str()
            .unwrap()
            .contains("warning-signs")
    );
    let ids: Vec<&str> = routine["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|exercise| exercise["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["shoulder-rolls", "side-step"]);
    let first = &routine["exercises"][0];
    assert_eq!(first["steps"][1], "Roll both shoulders back slowly.");
    assert_eq!(first["seconds"], 10 + 2 * 3 + 1);
    assert_eq!(first["source"]["url"], "https://example.org/my-physio");
    assert_eq!(routine["seconds"], 17 + 10 + 2 * 2);
    assert_eq!(routine["left_out"][0]["id"], "floor-bridge");
    assert_eq!(routine["left_out"][0]["why"], "on-back");

    // Before 16 weeks, and after the birth, lying on the back is fine.
    let early = env.json(&["--file", path_str(&file), "stretch", "tiny", "--week", "12"]);
    assert_eq!(early["exercises"].as_array().unwrap().len(), 3);
    // With no date at all, backcare assumes any week of pregnancy.
    let unknown = env.json(&["--file", path_str(&file), "stretch", "tiny"]);
    assert_eq!(unknown["left_out"][0]["why"], "on-back");
}

#[test]
fn pelvic_girdle_pain_leaves_out_wide_leg_movements() {
    let env = TestEnv::new();
    let file = env.write("mine.toml", USER_ROUTINE);
    env.write_config("pelvic_girdle_pain = true\n");
    let routine = env.json(&[
        "--file",
        path_str(&file),
        "stretch",
        "tiny",
        "--stage",
        "postpartum",
    ]);
    let left_out = &routine["left_out"];
    assert_eq!(left_out[0]["id"], "side-step");
    assert_eq!(left_out[0]["why"], "wide-legs");
    let text = env.stdout(&[
        "--file",
        path_str(&file),
        "stretch",
        "tiny",
        "--stage",
        "postpartum",
    ]);
    assert!(
        text.contains("Left out: Wide side step (it takes the legs apart"),
        "{text}"
    );
    // `status` says what is in effect.
    let status = env.stdout(&["status"]);
    assert!(
        status.contains("Stretch sessions: no wide-leg movements (pelvic_girdle_pain)"),
        "{status}"
    );
    assert_eq!(env.json(&["status"])["pelvic_girdle_pain"], true);
    // A session does not run on a guess: a bad setting stops it, naming the file and key.
    let config = env.write_config("pelvic_girdle_pain = \"yes\"\n");
    env.run(&["stretch", "desk"])
        .code(2)
        .stderr(contains(format!(
            "{}:1:22: `pelvic_girdle_pain` must be true or false",
            path_str(&config)
        )));
}

#[test]
fn the_routines_are_listed_with_their_length() {
    let env = TestEnv::new();
    let text = env.stdout(&["stretch", "--list"]);
    for id in ["desk", "morning", "evening", "pelvic-floor"] {
        let line = text
            .lines()
            .find(|line| line.starts_with(&format!("{id}  ")))
            .unwrap_or_else(|| panic!("{id} missing: {text}"));
        assert!(
            line.contains("(about ") && line.contains(" minutes, "),
            "{line}"
        );
    }
    assert_eq!(env.stdout(&["stretch"]), text);
    let list = env.json(&["stretch", "--list"]);
    for routine in list.as_array().unwrap() {
        let seconds = routine["seconds"].as_u64().unwrap();
        assert!((150..=450).contains(&seconds), "{routine}");
    }
}

#[test]
fn unknown_routines_and_empty_sets_are_told_apart() {
    let env = TestEnv::new();
    env.run(&["stretch", "dsk"])
        .code(2)
        .stderr(contains("unknown routine `dsk` (did you mean `desk`?)"));
    env.run(&["--no-builtin", "stretch"])
        .code(1)
        .stderr(contains("no routines"));
}

#[test]
fn user_routines_are_checked_like_tips() {
    let env = TestEnv::new();
    let good = env.write("good.toml", USER_ROUTINE);
    env.run(&["check", path_str(&good)])
        .success()
        .stdout(contains(", 15 exercises, 5 routines\n"));
    let listed = env.stdout(&["--file", path_str(&good), "stretch", "--list"]);
    assert!(listed.contains("tiny  Tiny ("), "{listed}");

    let zero_hold = USER_ROUTINE.replace(
        "hold = 3\nreps = 2\nrest = 1",
        "hold = 0\nreps = 2\nrest = 1",
    );
    let bad = env.write("bad.toml", &zero_hold);
    env.run(&["check", path_str(&bad)]).code(1).stderr(contains(
        "bad.toml:12:8: `hold` of exercise `shoulder-rolls` must be from 1 to 120",
    ));
    let misspelt = USER_ROUTINE.replace("\"side-step\", \"floor-bridge\"]", "\"side-stpe\"]");
    let bad = env.write("bad.toml", &misspelt);
    let output = env.cmd().args(["check", path_str(&bad)]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.toml:48:32: "), "{stderr}");
    assert!(stderr.contains("routine `tiny` names exercise `side-stpe`, which no file declares (did you mean `side-step`?)"), "{stderr}");
    // A user file cannot change what every session says first.
    // An exercise must be safe for some stage.
    let no_stage = USER_ROUTINE.replacen(
        "stages = [\"first\", \"second\", \"third\", \"postpartum\"]",
        "stages = []",
        1,
    );
    let bad = env.write("bad.toml", &no_stage);
    env.run(&["check", path_str(&bad)]).code(1).stderr(contains(
        "bad.toml:10:10: exercise `shoulder-rolls` must list at least one stage it is safe for",
    ));
    let sneaky = env.write(
        "sneaky.toml",
        &format!("[safety]\nbefore = \"Push through.\"\n{USER_ROUTINE}"),
    );
    env.run(&["check", path_str(&sneaky)])
        .code(1)
        .stderr(contains(
            "sneaky.toml:1:2: `safety` belongs to the built-in exercises",
        ));
}

#[test]
fn the_start_up_tip_suggests_a_session_in_work_hours_when_asked() {
    // Wednesday 25 November 2026, 10:00 UTC, and the Saturday after.
    const WEDNESDAY_10: u64 = 1_795_600_800;
    const SATURDAY_10: u64 = 1_795_860_000;
    let line = "A few minutes for your back? backcare stretch desk";
    let start = |env: &TestEnv, at: u64| env.stdout(&["tip", "--startup", "--at", &at.to_string()]);
    let env = TestEnv::new();
    // Off by default.
    assert!(!start(&env, WEDNESDAY_10).contains(line));
    env.write_config("stretch_reminder = true\n");
    assert!(start(&env, WEDNESDAY_10).contains(line));
    // At most once every three hours, across shells (the state file remembers).
    assert!(!start(&env, WEDNESDAY_10 + 3600).contains(line));
    assert!(start(&env, WEDNESDAY_10 + 3 * 3600).contains(line));
    // Not after work, not at the weekend, and never for a tip typed by hand.
    assert!(!start(&env, WEDNESDAY_10 + 8 * 3600).contains(line));
    assert!(!start(&env, SATURDAY_10).contains(line));
    let typed = env.stdout(&["tip", "--at", &(WEDNESDAY_10 + 7 * 3600 - 60).to_string()]);
    assert!(!typed.contains(line), "{typed}");
}

#[test]
fn a_users_exercise_replaces_the_built_in_one_with_its_id() {
    let env = TestEnv::new();
    let mine = USER_ROUTINE
        .replace("id = \"shoulder-rolls\"", "id = \"heel-raises\"")
        .replace(
            "\"shoulder-rolls\", \"side-step\"",
            "\"heel-raises\", \"side-step\"",
        );
    let file = env.write("mine.toml", &mine);
    let args = [
        "--file",
        path_str(&file),
        "stretch",
        "morning",
        "--week",
        "30",
    ];
    let morning = env.json(&args);
    let heel_raises = morning["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|exercise| exercise["id"] == "heel-raises")
        .expect("still in the routine");
    assert_eq!(heel_raises["name"], "Shoulder rolls");
    assert_eq!(heel_raises["file"], path_str(&file));
    let text = env.stdout(&args[..]);
    assert!(
        text.contains(&format!("; from {}", path_str(&file))),
        "{text}"
    );
    assert_eq!(heel_raises["source"]["publisher"], "My physiotherapist");
}

/// Runs `backcare stretch desk` in the foreground of a pseudo-terminal under a non-interactive
/// `sh` (which does not restore the terminal itself), runs `then` in a background subshell
/// once the first countdown has started (`$pid` is backcare's), and returns what the terminal
/// showed.
fn session_then(env: &TestEnv, then: &str) -> String {
    let pidfile = env.home().join("stretch.pid");
    let pidfile = pidfile.display();
    let command = format!(
        "( sleep 1; pid=$(cat {pidfile}); {then} ) & \
         sh -c 'echo $$ > {pidfile}; exec backcare stretch desk --speed 10'; code=$?; wait; \
         echo; echo \"AFTER: $(stty -a | tr '\\n' ' ')\"; echo \"CODE=$code\""
    );
    let output = env
        .on_pty(&command, 80, 24)
        .stdin(Stdio::null())
        .output()
        .expect("script runs");
    String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n")
}

/// Every catchable signal that ends a session leaves the terminal as it was (line editing,
/// echo, signal keys, the cursor shown), prints the summary, and then ends backcare by that
/// same signal, so a script or shell loop running it stops too.
#[test]
#[ignore = "needs script: run with `cargo test -- --include-ignored`"]
fn every_catchable_signal_restores_the_terminal_then_ends_by_that_signal() {
    if !installed("script") {
        return;
    }
    let env = TestEnv::new();
    for (name, number) in [
        ("INT", 2),
        ("QUIT", 3),
        ("USR1", 10),
        ("USR2", 12),
        ("ALRM", 14),
        ("TERM", 15),
        ("HUP", 1),
    ] {
        let transcript = session_then(&env, &format!("kill -{name} $pid"));
        let settings = settings_after(&transcript);
        for flag in ["icanon", "echo", "isig"] {
            assert!(
                settings.split_whitespace().any(|word| word == flag),
                "SIG{name}: {flag} not restored: {settings}"
            );
        }
        if let Some(hidden) = transcript.rfind("\x1b[?25l") {
            let shown = transcript.rfind("\x1b[?25h").unwrap_or(0);
            assert!(shown > hidden, "SIG{name}: cursor left hidden");
        }
        assert!(
            transcript.contains("Stopped at exercise"),
            "SIG{name}: {transcript}"
        );
        assert!(
            transcript.contains(&format!("CODE={}", 128 + number)),
            "SIG{name} should end backcare by the signal: {transcript}"
        );
    }
}

/// Ctrl-Z from outside (SIGTSTP): the terminal is given back while the session is stopped,
/// and single keys are taken again after it is continued.
#[test]
#[ignore = "needs script: run with `cargo test -- --include-ignored`"]
fn a_stopped_session_gives_the_terminal_back_and_takes_it_again() {
    if !installed("script") {
        return;
    }
    let env = TestEnv::new();
    let transcript = session_then(
        &env,
        "kill -TSTP $pid; sleep 0.5; echo \"STOPPED: $(stty -a </dev/tty | tr '\\n' ' ')\"; \
         kill -CONT $pid; sleep 0.5; echo \"GOING: $(stty -a </dev/tty | tr '\\n' ' ')\"; \
         kill -TERM $pid",
    );
    let line = |prefix: &str| {
        transcript
            .lines()
            .find_map(|line| line.split_once(prefix).map(|(_, rest)| rest))
            .unwrap_or_else(|| panic!("no {prefix} line: {transcript}"))
            .to_string()
    };
    let stopped = line("STOPPED: ");
    for flag in ["icanon", "echo", "isig"] {
        assert!(
            stopped.split_whitespace().any(|word| word == flag),
            "stopped, {flag} is off: {stopped}"
        );
    }
    let going = line("GOING: ");
    for flag in ["-icanon", "-echo", "-isig"] {
        assert!(
            going.split_whitespace().any(|word| word == flag),
            "continued, {flag} missing: {going}"
        );
    }
    assert!(transcript.contains("CODE=143"), "{transcript}");
    let settings = settings_after(&transcript);
    assert!(settings.split_whitespace().any(|word| word == "icanon"));
}
