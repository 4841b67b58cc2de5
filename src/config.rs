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
//! ```
//!
//! Settings on the command line win over the environment, which wins over this file.

use std::path::Path;

use jiff::civil::Date;
use toml::de::{DeTable, DeValue};

use crate::cli::ColorChoice;
use crate::diagnostic::Diagnostic;
use crate::every::Every;
use crate::tips::files::{describe, read_limited};

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
        let mut problems = Vec::new();
        let mut unshown = 0usize;
        if let Some(why) = backcare_data::read::too_many_values(text) {
            let problem = Diagnostic::file(path, format!("{why}; is this a config file?"));
            return (config, vec![ConfigProblem::whole(problem)]);
        }
        let document = match DeTable::parse(text) {
            Ok(document) => document,
            Err(error) => {
                let span = error.span().unwrap_or(0..0);
                let problem = Diagnostic::at(path, text, &span, error.message().trim());
                return (config, vec![ConfigProblem::whole(problem)]);
            }
        };
        // In file order, so problems are told from the top.
        let mut settings: Vec<_> = document.get_ref().iter().collect();
        settings.sort_by_key(|(key, _)| key.span().start);
        for (key, value) in settings {
            let name = key.get_ref().as_ref();
            let fail = |message: String| Diagnostic::at(path, text, &value.span(), message);
            let as_string = || {
                value
                    .get_ref()
                    .as_str()
                    .ok_or_else(|| fail(format!("`{name}` must be a string")))
            };
            let read: Result<(), Diagnostic> = match name {
                "due_date" | "birth_date" => {
                    let written = match value.get_ref() {
                        DeValue::Datetime(date) => date.to_string(),
                        other => other.as_str().unwrap_or_default().to_string(),
                    };
                    // A date alone: a time or an offset after it would shift the day depending
                    // on how it was read, so none is taken.
                    Some(written.as_str())
                        .filter(|written| backcare_data::read::is_date(written))
                        .and_then(|written| written.parse::<Date>().ok())
                        .ok_or_else(|| {
                            fail(format!(
                                "`{name}` must be a date written YYYY-MM-DD, without a time"
                            ))
                        })
                        .map(|date| {
                            let located = Some(Located {
                                value: date,
                                place: fail(String::new()),
                            });
                            if name == "due_date" {
                                config.due_date = located;
                            } else {
                                config.birth_date = located;
                            }
                        })
                }
                "region" => as_string().map(|region| {
                    config.region = Some(Located {
                        value: region.to_string(),
                        place: fail(String::new()),
                    })
                }),
                "topics" => value
                    .get_ref()
                    .as_array()
                    .and_then(|items| {
                        items
                            .into_iter()
                            .map(|item| item.get_ref().as_str().map(str::to_string))
                            .collect::<Option<Vec<String>>>()
                    })
                    .ok_or_else(|| fail("`topics` must be an array of topic names".to_string()))
                    .map(|names| {
                        config.topics = Some(Located {
                            value: names,
                            place: fail(String::new()),
                        })
                    }),
                "every" => {
                    let written = match value.get_ref() {
                        DeValue::Integer(number) => number.to_string(),
                        _ => as_string().map(str::to_string).unwrap_or_default(),
                    };
                    written
                        .parse::<Every>()
                        .map_err(|e| fail(format!("`every`: {e}")))
                        .map(|every| config.every = Some(every))
                }
                "daily" | "pelvic_girdle_pain" | "stretch_reminder" => {
                    match value.get_ref().as_bool() {
                        Some(flag) => {
                            *match name {
                                "daily" => &mut config.daily,
                                "pelvic_girdle_pain" => &mut config.pelvic_girdle_pain,
                                _ => &mut config.stretch_reminder,
                            } = flag;
                            Ok(())
                        }
                        None => Err(fail(format!("`{name}` must be true or false"))),
                    }
                }
                "color" => {
                    let choice = match as_string() {
                        Ok("auto") => Some(ColorChoice::Auto),
                        Ok("always") => Some(ColorChoice::Always),
                        Ok("never") => Some(ColorChoice::Never),
                        _ => None,
                    };
                    match choice {
                        Some(choice) => {
                            config.color = Some(choice);
                            Ok(())
                        }
                        None => Err(fail(
                            "`color` must be \"auto\", \"always\" or \"never\"".to_string(),
                        )),
                    }
                }
                // Only the first few unknown keys are told, each in constant time; the rest
                // are counted, so a file of 80,000 stray keys costs one pass.
                _ if problems.len() >= MAX_CONFIG_PROBLEMS => {
                    unshown += 1;
                    Ok(())
                }
                other => Err(Diagnostic::at(
                    path,
                    text,
                    &key.span(),
                    format!(
                        "unknown key `{other}`{} (expected one of {})",
                        crate::suggest::did_you_mean(other, KEYS.iter().copied()),
                        KEYS.join(", ")
                    ),
                )),
            };
            if let Err(problem) = read {
                problems.push(ConfigProblem {
                    key: KEYS.iter().copied().find(|known| *known == name),
                    whole_file: false,
                    diagnostic: problem,
                });
            }
        }
        if unshown > 0 {
            // Counted, not the whole file: the settings read above still count.
            problems.push(ConfigProblem {
                key: None,
                whole_file: false,
                diagnostic: Diagnostic {
                    problems: unshown,
                    ..Diagnostic::file(path, format!("and {unshown} more unknown keys"))
                },
            });
        }
        (config, problems)
    }
}

/// Config problems told one by one; past this, unknown keys are only counted.
const MAX_CONFIG_PROBLEMS: usize = 20;

impl Config {
    /// The config with the environment's settings over it (`BACKCARE_COLOR`,
    /// `BACKCARE_EVERY`, `BACKCARE_TOPICS`, `BACKCARE_REGION`); a bad value is a problem naming
    /// the variable, like a bad key in the file, and leaves the file's setting in place.
    pub fn with_environment(
        mut self,
        var: impl Fn(&str) -> Option<String>,
        problems: &mut Vec<ConfigProblem>,
    ) -> Config {
        let mut problem = |key: &'static str, variable: &str, message: String| {
            problems.push(ConfigProblem {
                key: Some(key),
                whole_file: false,
                diagnostic: Diagnostic::file(variable, message),
            })
        };
        if let Some(value) = var("BACKCARE_COLOR").filter(|value| !value.is_empty()) {
            match value.as_str() {
                "auto" => self.color = Some(ColorChoice::Auto),
                "always" => self.color = Some(ColorChoice::Always),
                "never" => self.color = Some(ColorChoice::Never),
                _ => problem(
                    "color",
                    "BACKCARE_COLOR",
                    format!("`{value}` is not auto, always or never"),
                ),
            }
        }
        if let Some(value) = var("BACKCARE_EVERY").filter(|value| !value.is_empty()) {
            match value.parse::<Every>() {
                Ok(every) => self.every = Some(every),
                Err(message) => problem("every", "BACKCARE_EVERY", message),
            }
        }
        let place = |variable: &str| Diagnostic::file(variable, String::new());
        if let Some(value) = var("BACKCARE_TOPICS").filter(|value| !value.is_empty()) {
            let names = value
                .split(',')
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(str::to_string)
                .collect();
            self.topics = Some(Located {
                value: names,
                place: place("BACKCARE_TOPICS"),
            });
        }
        if let Some(value) = var("BACKCARE_REGION").filter(|value| !value.is_empty()) {
            self.region = Some(Located {
                value,
                place: place("BACKCARE_REGION"),
            });
        }
        self
    }
}

/// Every key of the config file.
pub const KEYS: &[&str] = &[
    "due_date",
    "birth_date",
    "region",
    "topics",
    "every",
    "daily",
    "color",
    "pelvic_girdle_pain",
    "stretch_reminder",
];

/// A problem with one setting of the config file or the environment (`key`; `None` for a key
/// backcare does not know), or with the whole file (it cannot be read, or is not TOML).
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigProblem {
    pub key: Option<&'static str>,
    pub whole_file: bool,
    pub diagnostic: Diagnostic,
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
            .map(|problem| (problem.key, problem.diagnostic.headline()))
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
