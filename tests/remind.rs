//! `backcare remind`: the timetable is checked and written to the config, the timer's files
//! pass the tools that read them (systemd-analyze, plistlib, a cron parser), a reminder reaches
//! a notification server over a session bus of the test's own, and `off` leaves nothing behind.
//! `systemctl`, `launchctl` and `osascript` are stand-ins on `PATH` that record how they were
//! called: no test needs a running systemd user manager.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TestEnv, installed};
use predicates::str::contains;
use serde_json::Value;

const TIMER: &str = "backcare-remind.timer";
const SERVICE: &str = "backcare-remind.service";

/// A test's home, with stand-ins for the service managers (`exit` is their exit code).
struct Desk {
    env: TestEnv,
}

impl Desk {
    fn new(exit: u8) -> Desk {
        let desk = Desk {
            env: TestEnv::new(),
        };
        let bin = desk.bin();
        std::fs::create_dir_all(&bin).unwrap();
        let log = desk.env.dir.path().join("managers.log");
        let script = format!(
            "#!/bin/sh\necho \"${{0##*/}} $*\" >> '{}'\ncase \"$*\" in *is-active*) echo active ;; esac\nexit {exit}\n",
            log.display()
        );
        for tool in ["systemctl", "launchctl", "osascript"] {
            let path = bin.join(tool);
            std::fs::write(&path, &script).unwrap();
            let mut permissions = std::fs::metadata(&path).unwrap().permissions();
            std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
            std::fs::set_permissions(&path, permissions).unwrap();
        }
        desk
    }

    fn bin(&self) -> PathBuf {
        self.env.dir.path().join("bin")
    }

    fn units(&self) -> PathBuf {
        self.env.home().join("config/systemd/user")
    }

    /// backcare with the stand-ins alone on PATH, and no session bus.
    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = self.env.cmd();
        cmd.env("PATH", self.bin())
            .env("XDG_RUNTIME_DIR", self.env.dir.path());
        cmd
    }

    fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd().args(args).assert()
    }

    fn stdout(&self, args: &[&str]) -> String {
        let output = self.run(args).success();
        String::from_utf8(output.get_output().stdout.clone()).unwrap()
    }

    /// What the stand-ins were asked, a line each.
    fn calls(&self) -> String {
        std::fs::read_to_string(self.env.dir.path().join("managers.log")).unwrap_or_default()
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.units().join(name)).unwrap()
    }

    /// Every file under the home, relative to it.
    fn files(&self) -> Vec<String> {
        fn walk(dir: &Path, home: &Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                match path.is_dir() {
                    true => walk(&path, home, found),
                    false => found.push(path.strip_prefix(home).unwrap().display().to_string()),
                }
            }
        }
        let mut found = Vec::new();
        walk(&self.env.home(), &self.env.home(), &mut found);
        found.sort();
        found
    }
}

fn config(desk: &Desk) -> String {
    std::fs::read_to_string(desk.env.config_dir().join("config.toml")).unwrap_or_default()
}

#[test]
fn bad_input_is_refused_with_the_accepted_forms_and_nothing_is_installed() {
    let desk = Desk::new(0);
    desk.env.write_config("# mine\n");
    for (flag, value, expected) in [
        ("--every", "5x", "write it like 30m, 45m, 1h or 1h30m"),
        ("--every", "5m", "from 10m to 24h"),
        ("--hours", "25-3", "write it like 9-17"),
        ("--hours", "17-9", "the first before the second"),
        (
            "--days",
            "funday",
            "write it like mon-fri, mon,wed,fri, sat-sun or daily",
        ),
    ] {
        // A good flag beside the bad one is not written either.
        let good = if flag == "--days" {
            ["--every", "1h"]
        } else {
            ["--days", "daily"]
        };
        desk.run(&["remind", "on", good[0], good[1], flag, value])
            .code(2)
            .stderr(contains(expected));
    }
    desk.run(&["config", "set", "remind_hours", "9-25"])
        .code(2)
        .stderr(contains("`remind_hours`: `9-25` is not a span of hours"));
    assert_eq!(config(&desk), "# mine\n");
    assert!(!desk.units().exists());
    assert_eq!(desk.calls(), "");
}

#[test]
fn on_writes_the_timetable_and_the_units_and_starts_the_timer() {
    let desk = Desk::new(0);
    desk.env
        .write_config("# my settings\nremind_every = \"30m\"  # short breaks\n");
    let out = desk.stdout(&[
        "remind",
        "on",
        "--every",
        "90m",
        "--hours",
        "8-16",
        "--days",
        "Mon,Wed,Fri",
    ]);
    assert!(out.contains("remind_every = \"1h30m\""), "{out}");
    assert!(
        out.contains("Reminders on: every 1h30m, mon,wed,fri 8:00 to 16:00; the next at "),
        "{out}"
    );
    assert!(
        out.contains("A systemd user timer runs `backcare remind now`"),
        "{out}"
    );
    // Written as `config set` writes, comments kept; read back by `config get`.
    assert_eq!(
        config(&desk),
        "# my settings\nremind_every = \"1h30m\"  # short breaks\nremind_hours = \"8-16\"\nremind_days = \"mon,wed,fri\"\n"
    );
    desk.run(&["config", "get", "remind_days"])
        .success()
        .stdout("mon,wed,fri\n");
    let timer = desk.read(TIMER);
    assert!(
        timer.contains("OnCalendar=Mon,Wed,Fri *-*-* 8,11,14:0:00\n"),
        "{timer}"
    );
    assert!(
        timer.contains("OnCalendar=Mon,Wed,Fri *-*-* 9,12,15:30:00\n"),
        "{timer}"
    );
    assert!(timer.contains("\nPersistent=false\n") && timer.contains("WantedBy=timers.target"));
    let service = desk.read(SERVICE);
    let exe = assert_cmd::cargo::cargo_bin("backcare");
    assert!(
        service.contains(&format!("ExecStart=\"{}\" remind now\n", exe.display())),
        "{service}"
    );
    assert!(
        desk.calls().starts_with(
            "systemctl --user daemon-reload\nsystemctl --user enable backcare-remind.timer\nsystemctl --user restart backcare-remind.timer\n"
        ),
        "{}",
        desk.calls()
    );
    let status = desk.stdout(&["remind", "status"]);
    assert!(
        status.contains("Reminders: on, every 1h30m, mon,wed,fri 8:00 to 16:00; the next at "),
        "{status}"
    );
    assert!(
        status.contains(&format!("{TIMER}, a systemd user timer (active)")),
        "{status}"
    );
    assert!(
        status.contains("Notifications: none can be shown: there is no session D-Bus"),
        "{status}"
    );
    let json = desk.env.json(&["remind", "status"]);
    assert_eq!(
        (json["on"].as_bool(), json["every"].as_str()),
        (Some(true), Some("1h30m"))
    );
    assert!(json["next"].as_str().is_some());
    // `status` tells the same.
    let all = String::from_utf8(desk.cmd().arg("status").output().unwrap().stdout).unwrap();
    assert!(all.contains("Reminders: on, every 1h30m"), "{all}");
}

#[test]
fn on_again_updates_in_place_but_leaves_a_file_changed_by_hand() {
    let desk = Desk::new(0);
    desk.run(&["remind", "on"]).success();
    desk.run(&["remind", "on", "--every", "1h"]).success();
    assert!(
        desk.read(TIMER)
            .contains("OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 9,10,11,12,13,14,15,16:0:00\n")
    );
    let edited = desk
        .read(TIMER)
        .replace("Persistent=false", "Persistent=true");
    std::fs::write(desk.units().join(TIMER), &edited).unwrap();
    desk.run(&["remind", "on", "--every", "2h"])
        .code(2)
        .stderr(contains("was changed by hand"))
        .stderr(contains(
            "`backcare remind on --force` replaces it; nothing was changed",
        ));
    assert_eq!(desk.read(TIMER), edited);
    assert!(
        config(&desk).contains("remind_every = \"1h\""),
        "the settings stay as they were too"
    );
    desk.run(&["remind", "on", "--every", "2h", "--force"])
        .success();
    assert!(desk.read(TIMER).contains("Persistent=false"));
}

#[test]
fn off_removes_every_file_it_set_up() {
    let desk = Desk::new(0);
    desk.run(&["remind", "on", "--days", "daily"]).success();
    desk.run(&["remind", "off", "--today"])
        .success()
        .stdout("No reminders today; they start again tomorrow.\n");
    let status = desk.stdout(&["remind"]);
    assert!(
        status.contains("none today (snoozed); the next at "),
        "{status}"
    );
    let out = desk.stdout(&["remind", "off"]);
    assert!(out.starts_with("Reminders off: removed "), "{out}");
    assert!(
        desk.calls()
            .contains("systemctl --user disable --now backcare-remind.timer\n")
    );
    assert_eq!(
        desk.files(),
        ["config/backcare/config.lock", "config/backcare/config.toml"]
    );
    assert!(!desk.env.home().join("config/systemd").exists());
    desk.run(&["remind", "off"])
        .success()
        .stdout(contains("Reminders were not on"));
    assert!(desk.stdout(&["remind"]).starts_with("Reminders: off"));
}

#[test]
fn without_systemd_on_installs_nothing_and_prints_the_crontab_lines() {
    // A systemctl that fails, as where the user manager is not running: what was written goes.
    let failing = Desk::new(1);
    let output = failing.run(&["remind", "on"]).success();
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    assert!(
        stderr.starts_with(
            "backcare: warning: reminders are not set up: `systemctl --user daemon-reload`: "
        ),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let lines = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
    assert!(
        lines.lines().all(|line| line.ends_with("' remind now")),
        "{lines}"
    );
    assert_eq!(failing.files(), Vec::<String>::new());

    // No systemd at all.
    let without = Desk::new(0);
    std::fs::remove_file(without.bin().join("systemctl")).unwrap();
    without
        .run(&["remind", "on", "--every", "30m"])
        .success()
        .stderr(contains(
            "systemctl is not installed; nothing was installed. These crontab lines do the same",
        ))
        .stdout(contains("0,30 9,10,11,12,13,14,15,16 * * 1,2,3,4,5 '"));
    assert_eq!(
        without.files(),
        ["config/backcare/config.lock", "config/backcare/config.toml"]
    );
}

/// The Unix second of `time`, written `2026-12-07T10:00:00Z`.
fn second(time: &str) -> String {
    time.parse::<jiff::Timestamp>()
        .unwrap()
        .as_second()
        .to_string()
}

/// Runs the shell `script` on a session bus of its own (`dbus-run-session`) with the stand-in
/// notification server on it, and `$backcare` the built binary; returns the Notify calls the
/// server recorded, in order.
fn on_a_session_bus(desk: &Desk, script: &str) -> Vec<Value> {
    installed("dbus-run-session");
    let imports = Command::new("/usr/bin/python3")
        .args(["-c", "import dbus, gi"])
        .status();
    assert!(
        imports.is_ok_and(|status| status.success()),
        "this test needs python3-dbus and python3-gi: scripts/install-test-tools.sh installs them"
    );
    let dir = desk.env.dir.path();
    let (log, ready) = (dir.join("notify.log"), dir.join("server.ready"));
    let _ = std::fs::remove_file(&log);
    let _ = std::fs::remove_file(&ready);
    let server = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/notification-server.py");
    let whole = format!(
        "/usr/bin/python3 '{server}' '{}' '{ready}' & server=$!\nready='{ready}'\nwhile [ ! -e \"$ready\" ]; do kill -0 $server 2>/dev/null || exit 3; sleep 0.01; done\n{script}\nkill $server\n",
        log.display(),
        ready = ready.display()
    );
    let output = Command::new("dbus-run-session")
        .args(["--", "/bin/sh", "-ec", &whole])
        .env_clear()
        .envs(desk.env.environment())
        .env("PATH", format!("{}:/usr/bin:/bin", desk.bin().display()))
        .env("backcare", assert_cmd::cargo::cargo_bin("backcare"))
        .current_dir(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "",
        "remind now prints nothing"
    );
    std::fs::read_to_string(&log)
        .unwrap_or_default()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// The texts of the tips for `stage`, as a notification body holds them.
fn bodies(desk: &Desk, stage: &str) -> Vec<String> {
    let tips = desk.env.json(&["list", "--stage", stage]);
    tips.as_array()
        .unwrap()
        .iter()
        .map(|tip| {
            let text = tip["text"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            text.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        })
        .collect()
}

#[test]
#[ignore = "needs dbus-run-session, python3-dbus and python3-gi: run with `cargo test -- --include-ignored`"]
fn now_sends_one_low_urgency_notification_that_replaces_the_last() {
    let desk = Desk::new(0);
    let born = jiff::ZonedDateTime::now()
        .date()
        .saturating_sub(jiff::Span::new().days(30));
    desk.env.write_config(&format!(
        "birth_date = \"{born}\"\npelvic_girdle_pain = true\n"
    ));
    let first = on_a_session_bus(&desk, "\"$backcare\" remind now --force");
    assert_eq!(first.len(), 1, "{first:?}");
    let call = &first[0];
    assert_eq!(call["app_name"], "backcare");
    assert_eq!(call["hints"]["urgency"], 0, "low urgency: {call}");
    assert_eq!(call["replaces_id"], 0);
    let summary = call["summary"].as_str().unwrap();
    assert!(
        summary.starts_with("A moment for your back? `backcare stretch desk` takes about "),
        "after the birth: {summary}"
    );
    assert!(
        bodies(&desk, "postpartum").contains(&call["body"].as_str().unwrap().to_string()),
        "{call}"
    );
    // The next one, on another day's bus, replaces it by the id the server gave it.
    let second = on_a_session_bus(&desk, "\"$backcare\" remind now --force");
    assert_eq!(second.len(), 1, "{second:?}");
    assert_eq!(second[0]["replaces_id"], 42);
    // In pregnancy (no dates known), the words and tips of pregnancy.
    desk.env.write_config("");
    let pregnant = on_a_session_bus(&desk, "\"$backcare\" remind now --force");
    let summary = pregnant[0]["summary"].as_str().unwrap();
    assert!(
        summary.starts_with("Time to move? `backcare stretch desk` takes about "),
        "{summary}"
    );
    let body = pregnant[0]["body"].as_str().unwrap().to_string();
    assert!(
        ["first", "second", "third"]
            .iter()
            .all(|stage| bodies(&desk, stage).contains(&body)),
        "{body}"
    );
}

#[test]
#[ignore = "needs dbus-run-session, python3-dbus and python3-gi: run with `cargo test -- --include-ignored`"]
fn now_stays_quiet_outside_the_hours_and_days_and_when_snoozed() {
    let desk = Desk::new(0);
    let script = format!(
        "\"$backcare\" remind now --at {saturday}\n\"$backcare\" remind now --at {early}\n\"$backcare\" remind now --at {monday}\n\
         \"$backcare\" config set remind_days daily >/dev/null\n\"$backcare\" config set remind_hours 0-24 >/dev/null\n\
         \"$backcare\" remind off --today >/dev/null\n\"$backcare\" remind now",
        saturday = second("2026-12-05T10:00:00Z"),
        early = second("2026-12-07T08:59:00Z"),
        monday = second("2026-12-07T16:59:00Z"),
    );
    let calls = on_a_session_bus(&desk, &script);
    assert_eq!(calls.len(), 1, "only Monday at 16:59: {calls:?}");
    assert!(
        desk.stdout(&["remind", "status"])
            .contains("Notifications: none can be shown: there is no session D-Bus")
    );
}

#[test]
fn without_a_session_bus_now_is_quiet_and_status_says_why() {
    let desk = Desk::new(0);
    desk.run(&["remind", "now", "--force"])
        .success()
        .stdout("")
        .stderr("");
    let status = desk.stdout(&["remind", "status"]);
    assert!(
        status.contains(
            "Reminders: off (`backcare remind on` sets them up: every 45m, mon-fri 9:00 to 17:00)"
        ),
        "{status}"
    );
    assert!(status.contains("Notifications: none can be shown: there is no session D-Bus (DBUS_SESSION_BUS_ADDRESS is not set, and there is no "), "{status}");
    desk.run(&["remind", "now", "--json"])
        .code(2)
        .stderr(contains("--json is only for `remind status`"));
}

#[test]
#[ignore = "needs systemd-analyze: run with `cargo test -- --include-ignored`"]
fn the_units_pass_systemd_analyze_verify() {
    installed("systemd-analyze");
    let desk = Desk::new(0);
    for every in ["45m", "10m", "24h"] {
        desk.run(&["remind", "on", "--every", every, "--days", "sat-sun"])
            .success();
        let runtime = desk.env.dir.path().join("runtime");
        std::fs::create_dir_all(&runtime).unwrap();
        let output = Command::new("systemd-analyze")
            .args(["--user", "verify"])
            .args([desk.units().join(TIMER), desk.units().join(SERVICE)])
            .env("XDG_RUNTIME_DIR", &runtime)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() && stderr.is_empty(),
            "{every}: {stderr}"
        );
    }
}

#[test]
#[ignore = "needs python3-croniter: run with `cargo test -- --include-ignored`"]
fn the_crontab_lines_parse_and_fire_when_the_timer_would() {
    let desk = Desk::new(0);
    std::fs::remove_file(desk.bin().join("systemctl")).unwrap();
    let output = desk
        .run(&[
            "remind", "on", "--every", "45m", "--hours", "9-12", "--days", "fri-mon",
        ])
        .success();
    let stdout = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    // After the settings written, the crontab lines.
    let lines: String = stdout
        .lines()
        .filter(|line| line.ends_with(" remind now"))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(lines.lines().count(), 3, "{stdout}");
    // croniter reads each line's five fields; every time they fire in one week, Monday first.
    let check = r#"
import sys, datetime
from croniter import croniter
start = datetime.datetime(2026, 11, 30)
times = []
for line in sys.stdin.read().splitlines():
    fields = " ".join(line.split()[:5])
    assert croniter.is_valid(fields), line
    runs = croniter(fields, start - datetime.timedelta(seconds=1))
    while (at := runs.get_next(datetime.datetime)) < start + datetime.timedelta(days=7):
        times.append(at)
for at in sorted(times):
    print(at.strftime("%a %H:%M"))
"#;
    let mut python = Command::new("/usr/bin/python3")
        .args(["-c", check])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut python.stdin.take().unwrap(), lines.as_bytes()).unwrap();
    let fired = python.wait_with_output().unwrap();
    assert!(fired.status.success(), "{lines}");
    let mut expected = Vec::new();
    for day in ["Mon", "Fri", "Sat", "Sun"] {
        for time in ["09:00", "09:45", "10:30", "11:15"] {
            expected.push(format!("{day} {time}"));
        }
    }
    assert_eq!(
        String::from_utf8(fired.stdout).unwrap(),
        expected.join("\n") + "\n",
        "{lines}"
    );
    // Each command is a shell line cron can run.
    for line in lines.lines() {
        let command = line.splitn(6, ' ').nth(5).unwrap();
        assert!(
            Command::new("sh")
                .args(["-n", "-c", command])
                .status()
                .unwrap()
                .success(),
            "{line}"
        );
    }
}

#[test]
fn on_macos_a_launch_agent_runs_it_and_osascript_shows_it() {
    let desk = Desk::new(0);
    let plist = desk
        .env
        .home()
        .join("Library/LaunchAgents/backcare.remind.plist");
    let out = desk.stdout(&["remind", "--desktop", "macos", "on"]);
    assert!(
        out.contains("A LaunchAgent runs `backcare remind now`: "),
        "{out}"
    );
    assert!(plist.exists());
    let uid = String::from_utf8(Command::new("id").arg("-u").output().unwrap().stdout).unwrap();
    let domain = format!("gui/{}", uid.trim());
    assert!(
        desk.calls().starts_with(&format!(
            "launchctl bootout {domain}/backcare.remind\nlaunchctl bootstrap {domain} {}\n",
            plist.display()
        )),
        "{}",
        desk.calls()
    );
    desk.run(&["remind", "--desktop", "macos", "now", "--force"])
        .success()
        .stderr("");
    let shown = desk.calls().lines().last().unwrap().to_string();
    assert!(
        shown.starts_with("osascript -e display notification \""),
        "{shown}"
    );
    assert!(
        shown.contains("\" with title \"Time to move? `backcare stretch desk` takes about "),
        "{shown}"
    );
    desk.run(&["remind", "--desktop", "macos", "off"]).success();
    assert!(
        desk.calls()
            .ends_with(&format!("launchctl bootout {domain}/backcare.remind\n"))
    );
    assert_eq!(desk.files(), Vec::<String>::new());
}

#[test]
#[ignore = "needs python3: run with `cargo test -- --include-ignored`"]
fn the_launch_agent_parses_and_names_the_program_and_its_times() {
    installed("python3");
    let desk = Desk::new(0);
    desk.run(&[
        "remind",
        "--desktop",
        "macos",
        "on",
        "--every",
        "2h",
        "--hours",
        "9-13",
        "--days",
        "sat-sun",
    ])
    .success();
    let plist = desk
        .env
        .home()
        .join("Library/LaunchAgents/backcare.remind.plist");
    let read =
        "import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], 'rb'))))";
    let output = Command::new("/usr/bin/python3")
        .args(["-c", read])
        .arg(&plist)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let agent: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(agent["Label"], "backcare.remind");
    let exe = assert_cmd::cargo::cargo_bin("backcare");
    assert_eq!(
        agent["ProgramArguments"],
        serde_json::json!([exe, "remind", "now"])
    );
    let at = |weekday, hour| serde_json::json!({"Weekday": weekday, "Hour": hour, "Minute": 0});
    // launchd counts Sunday as 0.
    assert_eq!(
        agent["StartCalendarInterval"],
        serde_json::json!([at(6, 9), at(6, 11), at(0, 9), at(0, 11)])
    );
}

/// A shell start is unchanged: `tip` opens nothing of the reminders', not even their state,
/// nor the pain diary.
#[test]
#[ignore = "needs strace: run with `cargo test -- --include-ignored`"]
fn a_shell_start_reads_no_reminder_state_nor_the_diary() {
    installed("strace");
    let desk = Desk::new(0);
    desk.run(&["remind", "on"]).success();
    desk.run(&["remind", "off", "--today"]).success();
    desk.run(&["log", "4"]).success();
    let trace = desk.env.dir.path().join("trace");
    let status = desk
        .env
        .under_strace(&trace, &["trace=%file"], &["tip", "--startup"])
        .stdout(std::process::Stdio::piped())
        .status()
        .unwrap();
    assert!(status.success());
    let trace = std::fs::read_to_string(trace).unwrap();
    assert!(
        trace.contains("state.json"),
        "the trace holds the tip's own state: {trace}"
    );
    for theirs in ["remind.json", "remind.lock", "systemd/user", TIMER, "diary"] {
        assert!(!trace.contains(theirs), "{theirs}: {trace}");
    }
}
