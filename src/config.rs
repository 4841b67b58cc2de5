//! The optional config file, `$XDG_CONFIG_HOME/backcare/config.toml`. Every key is optional:
//!
//! ```toml
//! due_date = "2027-03-14"     # gives the week and stage of pregnancy
//! birth_date = "2027-03-20"   # once the baby is born: tips for after the birth
//! region = "uk"               # whose emergency numbers `warning-signs` shows
//! topics = ["posture", "sleep"]  # the topics start-up tips come from
//! every = "4h"                # at most one start-up tip every 4 hours ("off": every start)
//! daily = false               # true: the same start-up tip all day
//! color = "auto"
//! pelvic_girdle_pain = false  # true: `stretch` leaves out wide-leg and one-leg movements
//! stretch_reminder = false    # true: in work hours, now and then, the start-up tip suggests
//!                             # `backcare stretch desk`
//! remind_every = "45m"        # `backcare remind`: the time between two desktop reminders,
//! remind_hours = "9-17"       # the hours they come in,
//! remind_days = "mon-fri"     # and the days
//! ```
//!
//! Settings on the command line win over the environment, which wins over this file.

use std::path::Path;

pub use backcare_data::Setting;
use backcare_data::read::{self, Report, in_file_order};
use jiff::civil::Date;
use toml::Spanned;
use toml::de::DeValue;

use crate::cli::ColorChoice;
use crate::diagnostic::Diagnostic;
use crate::every::Every;
use crate::os::describe;
use crate::schedule::{Days, Hours, Interval, Schedule, WorkHours};
use crate::tips::Catalog;
use crate::tips::files::read_limited;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    pub due_date: Option<Located<Date>>,
    pub birth_date: Option<Located<Date>>,
    pub region: Option<Located<String>>,
    /// The topics start-up tips come from.
    pub topics: Option<Located<Vec<String>>>,
    /// The start-up tip is the same all day (as `tip --daily`).
    pub daily: bool,
    pub every: Option<Every>,
    pub color: Option<ColorChoice>,
    /// Sessions leave out movements that take the legs apart or load one leg.
    pub pelvic_girdle_pain: bool,
    /// The start-up tip may be followed by a suggestion to stretch (see `tip`).
    pub stretch_reminder: bool,
    /// `backcare remind`'s timetable; `None` takes the default (see [`Config::schedule`]).
    pub remind_every: Option<Interval>,
    pub remind_hours: Option<Hours>,
    pub remind_days: Option<Days>,
    /// Every problem found in the file and the environment: `check` tells them, and a
    /// setting they name takes its quieter choice where there is one (see [`Config::is_unread`]).
    pub problems: Vec<ConfigProblem>,
}

/// A setting with the place it was written, for problems found only when it is used (a due
/// date that has become impossible, a region no sheet knows).
#[derive(Clone, Debug, PartialEq)]
pub struct Located<T> {
    pub value: T,
    place: Diagnostic,
}

impl<T> Located<T> {
    /// A problem with this setting, at the place it was written.
    pub fn problem(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            message: message.into(),
            ..self.place.clone()
        }
    }
}

impl Config {
    /// Reads the config file; a missing file is the default config. Only a regular file is
    /// read: anything else in its place is a problem naming the path, never a wait. Each bad
    /// setting is a problem of its own and is left at its default; the others still count.
    pub fn load(path: &Path) -> (Config, Vec<ConfigProblem>) {
        let shown = path.display().to_string();
        match std::fs::symlink_metadata(path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                (Config::default(), Vec::new())
            }
            Err(error) => (
                Config::default(),
                vec![ConfigProblem::whole(Diagnostic::file(
                    &shown,
                    describe(&error),
                ))],
            ),
            Ok(_) => match read_limited(path, "config file") {
                Ok(text) => Config::parse(&shown, &text),
                Err(problem) => (Config::default(), vec![ConfigProblem::whole(problem)]),
            },
        }
    }

    pub fn parse(path: &str, text: &str) -> (Config, Vec<ConfigProblem>) {
        let mut config = Config::default();
        let document = match read::document(text, "a config file") {
            Ok(document) => document,
            Err(unread) => {
                let first = unread.into_problems().swap_remove(0);
                let problem = Diagnostic::at(path, text, &first.span, first.message);
                return (config, vec![ConfigProblem::whole(problem)]);
            }
        };
        let mut report = Report::default();
        // The setting each reported problem is about (`None`: a key backcare does not know).
        let mut about = Vec::new();
        // In file order, so problems are told from the top.
        for (key, value) in in_file_order(&document) {
            let name = key.get_ref().as_ref();
            let setting = Setting::from_name(name);
            let reported = report.problems.len();
            match setting {
                Some(setting) => config.set(setting, value, &mut report, path, text),
                None => report.unknown_key(name, key.span(), &Setting::NAMES),
            }
            about.resize(report.problems.len().max(reported), setting);
        }
        let mut problems: Vec<ConfigProblem> = report
            .problems
            .into_iter()
            .zip(about)
            .map(|(problem, key)| ConfigProblem {
                key,
                whole_file: false,
                diagnostic: Diagnostic::at(path, text, &problem.span, problem.message),
            })
            .collect();
        if report.unreported > 0 {
            // Counted, not the whole file: the settings read above still count.
            let unshown = report.unreported;
            problems.push(ConfigProblem {
                key: None,
                whole_file: false,
                diagnostic: Diagnostic {
                    problems: unshown,
                    ..Diagnostic::file(path, format!("and {unshown} more problems"))
                },
            });
        }
        (config, problems)
    }

    /// Reads `value` as `setting`, or reports why it cannot be read (the setting then stays
    /// at its default).
    fn set(
        &mut self,
        setting: Setting,
        value: &Spanned<DeValue<'_>>,
        report: &mut Report,
        path: &str,
        text: &str,
    ) {
        let place = Diagnostic::at(path, text, &value.span(), "");
        if let Err(problem) = self.try_set(setting, value.get_ref(), place) {
            report.report(value.span(), problem);
        }
    }

    fn try_set(
        &mut self,
        setting: Setting,
        value: &DeValue<'_>,
        place: Diagnostic,
    ) -> Result<(), String> {
        let name = setting.name();
        let flag = || {
            value
                .as_bool()
                .ok_or(format!("`{name}` must be true or false"))
        };
        let located = |value| Located {
            value,
            place: place.clone(),
        };
        match setting {
            Setting::DueDate | Setting::BirthDate => {
                let written = match value {
                    DeValue::Datetime(date) => date.to_string(),
                    other => other.as_str().unwrap_or_default().to_string(),
                };
                // A date alone: a time or an offset after it would shift the day depending
                // on how it was read, so none is taken.
                let date = read::date(&written).ok_or(format!(
                    "`{name}` must be a date written YYYY-MM-DD, without a time"
                ))?;
                match setting {
                    Setting::DueDate => self.due_date = Some(located(date)),
                    _ => self.birth_date = Some(located(date)),
                }
            }
            Setting::Region => {
                let region = value.as_str().ok_or(format!("`{name}` must be a string"))?;
                self.region = Some(Located {
                    value: region.to_string(),
                    place,
                });
            }
            Setting::Topics => {
                let names = value.as_array().and_then(|items| {
                    items
                        .into_iter()
                        .map(|item| item.get_ref().as_str().map(str::to_string))
                        .collect::<Option<Vec<String>>>()
                });
                let names = names.ok_or("`topics` must be an array of topic names")?;
                self.topics = Some(Located {
                    value: names,
                    place,
                });
            }
            Setting::Every => {
                let written = match value {
                    DeValue::Integer(number) => number.to_string(),
                    _ => value.as_str().unwrap_or_default().to_string(),
                };
                let every = written.parse::<Every>();
                self.every = Some(every.map_err(|error| format!("`every`: {error}"))?);
            }
            Setting::Daily => self.daily = flag()?,
            Setting::PelvicGirdlePain => self.pelvic_girdle_pain = flag()?,
            Setting::StretchReminder => self.stretch_reminder = flag()?,
            Setting::RemindEvery | Setting::RemindHours | Setting::RemindDays => {
                let text = value.as_str().ok_or(format!("`{name}` must be a string"))?;
                let read = |error| format!("`{name}`: {error}");
                match setting {
                    Setting::RemindEvery => self.remind_every = Some(text.parse().map_err(read)?),
                    Setting::RemindHours => self.remind_hours = Some(text.parse().map_err(read)?),
                    _ => self.remind_days = Some(text.parse().map_err(read)?),
                }
            }
            Setting::Color => {
                let choice = value.as_str().and_then(ColorChoice::from_name);
                self.color =
                    Some(choice.ok_or("`color` must be \"auto\", \"always\" or \"never\"")?);
            }
        }
        Ok(())
    }
}

impl Config {
    /// The config with the environment's settings over it (`BACKCARE_COLOR`,
    /// `BACKCARE_EVERY`, `BACKCARE_TOPICS`, `BACKCARE_REGION`); a bad value is a problem naming
    /// the variable, like a bad key in the file, and leaves the file's setting in place.
    pub fn with_environment(
        mut self,
        var: impl Fn(&str) -> Option<String>,
        problems: &mut Vec<ConfigProblem>,
    ) -> Config {
        let name = |setting: Setting| setting.variable().unwrap_or_default();
        let variable = |setting: Setting| var(name(setting)).filter(|value| !value.is_empty());
        let mut problem = |key: Setting, message: String| {
            problems.push(ConfigProblem {
                key: Some(key),
                whole_file: false,
                diagnostic: Diagnostic::file(name(key), message),
            })
        };
        let place = |setting: Setting| Diagnostic::file(name(setting), String::new());
        if let Some(value) = variable(Setting::Color) {
            match ColorChoice::from_name(&value) {
                Some(choice) => self.color = Some(choice),
                None => problem(
                    Setting::Color,
                    format!("`{value}` is not auto, always or never"),
                ),
            }
        }
        if let Some(value) = variable(Setting::Every) {
            match value.parse::<Every>() {
                Ok(every) => self.every = Some(every),
                Err(message) => problem(Setting::Every, message),
            }
        }
        if let Some(value) = variable(Setting::Topics) {
            let names = value
                .split(',')
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(str::to_string)
                .collect();
            self.topics = Some(Located {
                value: names,
                place: place(Setting::Topics),
            });
        }
        if let Some(value) = variable(Setting::Region) {
            self.region = Some(Located {
                value,
                place: place(Setting::Region),
            });
        }
        self
    }

    /// The reminders' timetable: the `remind_*` settings, each defaulting to every 45 minutes,
    /// Monday to Friday, 9:00 to 17:00.
    pub fn schedule(&self) -> Schedule {
        let work = WorkHours::default();
        Schedule {
            work: WorkHours {
                days: self.remind_days.unwrap_or(work.days),
                hours: self.remind_hours.unwrap_or(work.hours),
            },
            every: self.remind_every.unwrap_or_default(),
        }
    }

    /// Whether `setting` was written but could not be read (every setting is, in a file that
    /// is not TOML).
    pub fn is_unread(&self, setting: Setting) -> bool {
        self.problems
            .iter()
            .any(|problem| problem.whole_file || problem.key == Some(setting))
    }

    /// A problem for each of the `topics` setting's topics that no tips file declares, each
    /// with a did-you-mean.
    pub fn unknown_topics(&self, catalog: &Catalog) -> Vec<Diagnostic> {
        let Some(topics) = &self.topics else {
            return Vec::new();
        };
        let known: Vec<&str> = catalog.topics.iter().map(|topic| &*topic.name).collect();
        topics
            .value
            .iter()
            .filter(|name| catalog.topic(name).is_none())
            .map(|name| {
                topics.problem(format!(
                    "`topics`: unknown topic `{}`{}",
                    crate::sanitize::visible(name),
                    crate::suggest::did_you_mean(name, known.iter().copied())
                ))
            })
            .collect()
    }
}

/// A problem with one setting of the config file or the environment (`key`; `None` for a key
/// backcare does not know, or for problems only counted), or with the whole file (it cannot be read, or is not TOML).
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigProblem {
    pub key: Option<Setting>,
    pub whole_file: bool,
    pub diagnostic: Diagnostic,
}

/// Which config problems stop a command rather than cost it a warning line.
#[derive(Clone, Copy, Debug)]
pub enum StoppedBy {
    /// None: the command works whatever the config says (the safety screen, `tip`, `check`).
    Nothing,
    /// Any problem (`status` shows every setting).
    Anything,
    /// A problem with one of these settings (a file that cannot be read at all costs a
    /// warning: its settings take their defaults).
    Settings(&'static [Setting]),
    /// A file that cannot be read at all, or a problem with one of these settings.
    FileOr(&'static [Setting]),
}

impl StoppedBy {
    pub fn stops(self, problem: &ConfigProblem) -> bool {
        match self {
            StoppedBy::Nothing => false,
            StoppedBy::Anything => true,
            StoppedBy::Settings(settings) => problem.key.is_some_and(|key| settings.contains(&key)),
            StoppedBy::FileOr(settings) => {
                problem.whole_file || problem.key.is_some_and(|key| settings.contains(&key))
            }
        }
    }
}

impl ConfigProblem {
    fn whole(diagnostic: Diagnostic) -> ConfigProblem {
        ConfigProblem {
            key: None,
            whole_file: true,
            diagnostic,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let (config, problems) = Config::parse(
            "c.toml",
            "due_date = 2027-03-14\nbirth_date = \"2027-03-20\"\nregion = \"uk\"\ntopics = [\"sleep\"]\nevery = \"4h\"\ndaily = true\ncolor = \"never\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let due = config.due_date.unwrap();
        assert_eq!(due.value, jiff::civil::date(2027, 3, 14));
        assert_eq!(due.problem("too far").headline(), "c.toml:1:12: too far");
        assert_eq!(
            config.birth_date.unwrap().value,
            jiff::civil::date(2027, 3, 20)
        );
        assert_eq!(config.region.unwrap().value, "uk");
        assert_eq!(config.topics.unwrap().value, ["sleep"]);
        assert_eq!(config.every, Some("4h".parse().unwrap()));
        assert!(config.daily);
        assert_eq!(config.color, Some(ColorChoice::Never));
    }

    #[test]
    fn every_bad_setting_is_a_problem_of_its_own_naming_line_and_key() {
        let (config, problems) = Config::parse(
            "c.toml",
            "every = \"4h\"\ndue_date = \"soon\"\ncolour = \"red\"\ncolor = \"yes\"\n",
        );
        let lines: Vec<(Option<&str>, String)> = problems
            .iter()
            .map(|problem| {
                (
                    problem.key.map(Setting::name),
                    problem.diagnostic.headline(),
                )
            })
            .collect();
        assert_eq!(
            lines[0],
            (
                Some("due_date"),
                "c.toml:2:12: `due_date` must be a date written YYYY-MM-DD, without a time"
                    .to_string()
            )
        );
        assert_eq!(lines[1].0, None);
        assert!(lines[1].1.starts_with("c.toml:3:1: unknown key `colour`"));
        assert_eq!(lines[2].0, Some("color"));
        // The good setting still counts.
        assert_eq!(config.every, Some("4h".parse().unwrap()));
    }

    #[test]
    fn reads_the_reminders_timetable_with_defaults_for_what_is_missing() {
        let (config, problems) = Config::parse(
            "c.toml",
            "remind_every = \"1h\"\nremind_days = \"sat-sun\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            config.schedule().to_string(),
            "every 1h, sat-sun 9:00 to 17:00"
        );
        assert_eq!(
            Config::default().schedule().to_string(),
            "every 45m, mon-fri 9:00 to 17:00"
        );
        let (_, problems) = Config::parse("c.toml", "remind_hours = \"17-9\"\nremind_every = 45\n");
        assert_eq!(problems[0].key, Some(Setting::RemindHours));
        assert!(
            problems[0]
                .diagnostic
                .headline()
                .contains("`remind_hours`: `17-9` is not a span of hours")
        );
        assert!(
            problems[1]
                .diagnostic
                .headline()
                .contains("`remind_every` must be a string")
        );
    }

    #[test]
    fn every_may_be_off() {
        for written in ["every = \"off\"", "every = 0", "every = \"0\""] {
            let (config, problems) = Config::parse("c.toml", written);
            assert!(problems.is_empty(), "{written}: {problems:?}");
            assert_eq!(config.every.unwrap().to_string(), "off");
        }
    }

    #[test]
    fn a_file_that_is_not_toml_is_one_problem_about_the_whole_file() {
        let (config, problems) = Config::parse("c.toml", "every = 4h\n");
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].whole_file);
        assert!(problems[0].diagnostic.headline().starts_with("c.toml:1:"));
    }
}
