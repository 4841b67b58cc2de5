//! The optional config file, `$XDG_CONFIG_HOME/backcare/config.toml`. Every key is optional:
//!
//! ```toml
//! due_date = "2027-03-14"     # gives the week and stage of pregnancy
//! birth_date = "2027-03-20"   # once the baby is born: tips for after the birth
//! region = "uk"               # whose emergency numbers `warning-signs` shows
//! topics = ["posture", "sleep"]
//! every = "4h"
//! color = "auto"
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
    pub topics: Vec<String>,
    pub every: Option<Every>,
    pub color: Option<ColorChoice>,
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
    /// read: anything else in its place is a problem naming the path, never a wait.
    pub fn load(path: &Path) -> Result<Config, Diagnostic> {
        match std::fs::symlink_metadata(path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(error) => Err(Diagnostic::file(
                &path.display().to_string(),
                describe(&error),
            )),
            Ok(_) => Config::parse(
                &path.display().to_string(),
                &read_limited(path, "config file")?,
            ),
        }
    }

    pub fn parse(path: &str, text: &str) -> Result<Config, Diagnostic> {
        let document = DeTable::parse(text).map_err(|error| {
            Diagnostic::at(
                path,
                text,
                &error.span().unwrap_or(0..0),
                error.message().trim(),
            )
        })?;
        let mut config = Config::default();
        for (key, value) in document.get_ref().iter() {
            let fail = |message: String| Diagnostic::at(path, text, &value.span(), message);
            let as_string = || {
                value
                    .get_ref()
                    .as_str()
                    .ok_or_else(|| fail(format!("`{}` must be a string", key.get_ref())))
            };
            match key.get_ref().as_ref() {
                "due_date" | "birth_date" => {
                    let written = match value.get_ref() {
                        DeValue::Datetime(date) => date.to_string(),
                        other => other.as_str().unwrap_or_default().to_string(),
                    };
                    let key = key.get_ref().as_ref();
                    let date = written
                        .parse::<Date>()
                        .map_err(|_| fail(format!("`{key}` must be a date written YYYY-MM-DD")))?;
                    let located = Some(Located {
                        value: date,
                        place: fail(String::new()),
                    });
                    if key == "due_date" {
                        config.due_date = located;
                    } else {
                        config.birth_date = located;
                    }
                }
                "region" => {
                    config.region = Some(Located {
                        value: as_string()?.to_string(),
                        place: fail(String::new()),
                    })
                }
                "topics" => {
                    let names = value.get_ref().as_array().and_then(|items| {
                        items
                            .into_iter()
                            .map(|item| item.get_ref().as_str().map(str::to_string))
                            .collect::<Option<Vec<String>>>()
                    });
                    config.topics = names.ok_or_else(|| {
                        fail("`topics` must be an array of topic names".to_string())
                    })?;
                }
                "every" => {
                    config.every = Some(
                        as_string()?
                            .parse()
                            .map_err(|e| fail(format!("`every`: {e}")))?,
                    )
                }
                "color" => {
                    config.color = Some(match as_string()? {
                        "auto" => ColorChoice::Auto,
                        "always" => ColorChoice::Always,
                        "never" => ColorChoice::Never,
                        _ => {
                            return Err(fail(
                                "`color` must be \"auto\", \"always\" or \"never\"".to_string(),
                            ));
                        }
                    })
                }
                other => {
                    return Err(Diagnostic::at(
                        path,
                        text,
                        &key.span(),
                        format!(
                            "unknown key `{other}` (expected `due_date`, `birth_date`, `region`, `topics`, `every` or `color`)"
                        ),
                    ));
                }
            }
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let config = Config::parse(
            "c.toml",
            "due_date = 2027-03-14\nbirth_date = \"2027-03-20\"\nregion = \"uk\"\ntopics = [\"sleep\"]\nevery = \"4h\"\ncolor = \"never\"\n",
        )
        .unwrap();
        let due = config.due_date.unwrap();
        assert_eq!(due.value, jiff::civil::date(2027, 3, 14));
        assert_eq!(due.problem("too far").headline(), "c.toml:1:12: too far");
        assert_eq!(
            config.birth_date.unwrap().value,
            jiff::civil::date(2027, 3, 20)
        );
        assert_eq!(config.region.unwrap().value, "uk");
        assert_eq!(config.topics, ["sleep"]);
        assert_eq!(config.every, Some("4h".parse().unwrap()));
        assert_eq!(config.color, Some(ColorChoice::Never));
    }

    #[test]
    fn errors_name_the_line_and_key() {
        let error = Config::parse("c.toml", "every = \"4h\"\ndue_date = \"soon\"\n").unwrap_err();
        assert_eq!(
            error.headline(),
            "c.toml:2:12: `due_date` must be a date written YYYY-MM-DD"
        );
        let error = Config::parse("c.toml", "colour = \"red\"\n").unwrap_err();
        assert!(
            error
                .headline()
                .starts_with("c.toml:1:1: unknown key `colour`")
        );
    }
}
