//! The files that run `backcare remind now` on the reminders' timetable: a systemd user timer
//! and its service, a macOS LaunchAgent, or, where neither runs, crontab lines. Each file holds
//! a line marking it as backcare's, with a checksum of the rest, so that `remind on` replaces
//! its own files but never one changed by hand (unless `--force`).

use std::path::{Path, PathBuf};

use crate::cli::Desktop;
use crate::sanitize::pango;
use crate::schedule::{Days, Schedule};

pub const TIMER: &str = "backcare-remind.timer";
pub const SERVICE: &str = "backcare-remind.service";
/// The LaunchAgent's label; its file is `LABEL.plist`.
pub const LABEL: &str = "backcare.remind";

/// The line that marks a file as backcare's, followed by the checksum (no `--` in it: the
/// plist holds it in an XML comment).
const MARK: &str =
    "Written by backcare remind on, which replaces it while it is unchanged; checksum";

/// A file to write: where, and what it holds.
pub struct Unit {
    pub path: PathBuf,
    pub text: String,
}

/// The files for `desktop` in `dir`, the one the service manager is asked about first.
pub fn paths(desktop: Desktop, dir: &Path) -> Vec<PathBuf> {
    match desktop {
        Desktop::Freedesktop => vec![dir.join(TIMER), dir.join(SERVICE)],
        Desktop::Macos => vec![dir.join(format!("{LABEL}.plist"))],
    }
}

/// The files for `desktop` in `dir`, running `program` on `schedule`.
pub fn files(desktop: Desktop, dir: &Path, program: &str, schedule: &Schedule) -> Vec<Unit> {
    let texts = match desktop {
        Desktop::Freedesktop => vec![timer(schedule), service(program)],
        Desktop::Macos => vec![plist(program, schedule)],
    };
    paths(desktop, dir)
        .into_iter()
        .zip(texts)
        .map(|(path, text)| Unit {
            path,
            text: sign(&text),
        })
        .collect()
}

/// backcare's own path, as the files name it: one holding a quote, backslash, `%` or `$`
/// (which systemd, cron and the shell read as their own) is refused rather than escaped.
pub fn program(path: &Path) -> Result<String, String> {
    path.to_str()
        .filter(|text| !text.chars().any(|c| c.is_control() || "\"'\\%$".contains(c)))
        .map(str::to_string)
        .ok_or(format!(
            "backcare is at {}, a path a timer cannot be given safely (it holds a quote, a backslash, % or $); install it elsewhere",
            crate::sanitize::visible(&path.display().to_string())
        ))
}

fn list(numbers: &[u16]) -> String {
    let shown: Vec<String> = numbers.iter().map(u16::to_string).collect();
    shown.join(",")
}

fn timer(schedule: &Schedule) -> String {
    let days: Vec<String> = schedule.work.days.indices().map(Days::short_name).collect();
    let calendars: String = schedule
        .by_hours()
        .iter()
        .map(|(hours, minutes)| {
            let (days, hours, minutes) = (days.join(","), list(hours), list(minutes));
            format!("OnCalendar={days} *-*-* {hours}:{minutes}:00\n")
        })
        .collect();
    format!(
        "# {MARK}\n[Unit]\nDescription=backcare: a reminder to move, {schedule}\n\n[Timer]\n{calendars}# A reminder missed while the computer slept is not sent when it wakes.\nPersistent=false\n\n[Install]\nWantedBy=timers.target\n"
    )
}

fn service(program: &str) -> String {
    format!(
        "# {MARK}\n[Unit]\nDescription=backcare: a reminder to move\n\n[Service]\nType=oneshot\nExecStart=\"{program}\" remind now\n"
    )
}

/// launchd counts weekdays from Sunday (0); a day missed asleep comes once, on waking.
fn plist(program: &str, schedule: &Schedule) -> String {
    let mut intervals = String::new();
    for day in schedule.work.days.indices() {
        for time in schedule.times() {
            intervals.push_str(&format!(
                "    <dict><key>Weekday</key><integer>{}</integer><key>Hour</key><integer>{}</integer><key>Minute</key><integer>{}</integer></dict>\n",
                (day + 1) % 7, time / 60, time % 60
            ));
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- {MARK} -->
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>{LABEL}</string>
  <key>ProgramArguments</key>
  <array><string>{}</string><string>remind</string><string>now</string></array>
  <key>StartCalendarInterval</key>
  <array>
{intervals}  </array>
  <key>ProcessType</key>
  <string>Background</string>
</dict>
</plist>
"#,
        pango(program)
    )
}

/// The crontab lines that do what the timer does (cron counts weekdays from Sunday, 0).
pub fn crontab(program: &str, schedule: &Schedule) -> Vec<String> {
    let days: Vec<u16> = schedule
        .work
        .days
        .indices()
        .map(|day| ((day + 1) % 7) as u16)
        .collect();
    let days = if days.len() == 7 {
        "*".to_string()
    } else {
        list(&days)
    };
    schedule
        .by_hours()
        .iter()
        .map(|(hours, minutes)| {
            let (minutes, hours) = (list(minutes), list(hours));
            format!("{minutes} {hours} * * {days} '{program}' remind now")
        })
        .collect()
}

/// `text` with its marking line completed by the checksum of every other line.
fn sign(text: &str) -> String {
    let sum = checksum(&unmarked(text));
    text.replacen(MARK, &format!("{MARK} {sum:016x}"), 1)
}

fn unmarked(text: &str) -> String {
    text.lines()
        .filter(|line| !line.contains(MARK))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// Whether `text` is a file backcare wrote: `Some(true)` unchanged since, `Some(false)`
/// changed by hand, `None` not backcare's at all.
pub fn unchanged(text: &str) -> Option<bool> {
    let line = text.lines().find(|line| line.contains(MARK))?;
    let written = line.split(MARK).nth(1)?.split_whitespace().next();
    Some(written == Some(&format!("{:016x}", checksum(&unmarked(text)))))
}

/// FNV-1a: enough to tell an edit, which is all it is for.
fn checksum(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |sum, byte| {
        (sum ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn the_timer_lists_the_calendar_and_does_not_catch_up() {
        let units = files(
            Desktop::Freedesktop,
            Path::new("/u"),
            "/bin/backcare",
            &Config::default().schedule(),
        );
        assert_eq!(units[0].path, Path::new("/u/backcare-remind.timer"));
        let timer = &units[0].text;
        assert!(
            timer.contains("OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 9,12,15:0,45:00\n"),
            "{timer}"
        );
        assert!(
            timer.contains("OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 11,14:15:00\n"),
            "{timer}"
        );
        assert!(timer.contains("\nPersistent=false\n"));
        assert!(
            units[1]
                .text
                .contains("\nExecStart=\"/bin/backcare\" remind now\n")
        );
    }

    #[test]
    fn a_file_changed_by_hand_is_told_from_one_backcare_wrote() {
        for desktop in [Desktop::Freedesktop, Desktop::Macos] {
            let unit = &files(
                desktop,
                Path::new("/u"),
                "/b",
                &Config::default().schedule(),
            )[0];
            assert_eq!(unchanged(&unit.text), Some(true));
            let edited = format!("{}<!-- mine -->\n", unit.text);
            assert_eq!(unchanged(&edited), Some(false));
            assert_eq!(unchanged("[Timer]\nOnCalendar=daily\n"), None);
        }
    }

    #[test]
    fn paths_a_timer_would_read_as_its_own_are_refused() {
        assert_eq!(
            program(Path::new("/opt/my tools/backcare")).unwrap(),
            "/opt/my tools/backcare"
        );
        for bad in [
            "/a'b/backcare",
            "/100%/backcare",
            "/$HOME/backcare",
            "/a\"b",
            "/a\nb",
        ] {
            assert!(program(Path::new(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn crontab_lines_name_minutes_hours_and_weekdays() {
        let schedule = Config::default().schedule();
        assert_eq!(
            crontab("/b", &schedule)[0],
            "0,45 9,12,15 * * 1,2,3,4,5 '/b' remind now"
        );
    }
}
