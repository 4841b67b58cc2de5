//! Changing the config file, for `config set` and `unset` and for `remind on`: each value
//! checked as backcare reads it, written under the file's lock through a replace that keeps
//! the file's comments and order (toml_edit), and only when the result reads back without a
//! new problem.

use std::path::{Path, PathBuf};
use std::time::Duration;

use toml_edit::{DocumentMut, Item, Value};

use crate::cli::ColorChoice;
use crate::config::{Config, Setting};
use crate::context::Context;
use crate::error::Error;
use crate::every::Every;
use crate::os::describe;
use crate::os::replace::{Durability, lock_beside, replace_file};
use crate::sanitize::visible;
use crate::schedule::{Days, Hours, Interval};
use crate::{select, warning_signs};

/// How long a change waits for another run changing the file.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// The value `written` as the config file holds `setting`, checked as backcare reads it (and,
/// for topics and regions, against those backcare knows).
fn value(context: &Context, setting: Setting, written: &str) -> Result<Value, Error> {
    let usage = |message: String| Error::Usage(format!("`{}`: {message}", setting.name()));
    let written = written.trim();
    Ok(match setting {
        Setting::DueDate | Setting::BirthDate => {
            let date = backcare_data::read::date(written).ok_or_else(|| {
                usage(format!(
                    "`{}` is not a date written YYYY-MM-DD",
                    visible(written)
                ))
            })?;
            // A date that cannot be right (a due date years away, a birth still to come) is
            // refused here, as `status` would refuse it.
            let today = crate::pregnancy::today();
            let progress = match setting {
                Setting::DueDate => crate::pregnancy::Progress::from_due_date(date, today),
                _ => crate::pregnancy::Progress::from_birth_date(date, today),
            };
            progress.map_err(usage)?;
            Value::from(written)
        }
        Setting::Region => {
            let sheet = warning_signs::sheet().map_err(Error::Other)?;
            let (region, _) = warning_signs::resolve_region(&sheet, Some(written), None)?;
            Value::from(region.id.as_str())
        }
        Setting::Topics => {
            let names: Vec<String> = written
                .split(',')
                .map(|name| name.trim().to_lowercase())
                .filter(|name| !name.is_empty())
                .collect();
            select::check_topics(&context.catalog()?, &names)?;
            Value::Array(names.iter().map(String::as_str).collect())
        }
        Setting::Every => {
            let every: Every = written.parse().map_err(usage)?;
            Value::from(every.to_string())
        }
        Setting::Color => {
            ColorChoice::from_name(written)
                .ok_or_else(|| usage("must be auto, always or never".to_string()))?;
            Value::from(written)
        }
        // Written back in the form backcare prints them (`90m` is `1h30m`).
        Setting::RemindEvery => {
            Value::from(written.parse::<Interval>().map_err(usage)?.to_string())
        }
        Setting::RemindHours => Value::from(written.parse::<Hours>().map_err(usage)?.to_string()),
        Setting::RemindDays => Value::from(written.parse::<Days>().map_err(usage)?.to_string()),
        Setting::Daily | Setting::PelvicGirdlePain | Setting::StretchReminder => {
            match written.to_ascii_lowercase().as_str() {
                "true" | "yes" | "on" => Value::from(true),
                "false" | "no" | "off" => Value::from(false),
                _ => return Err(usage("must be true or false".to_string())),
            }
        }
    })
}

/// Writes `settings` to the config file in one change, each checked as `config set` checks
/// it: nothing is written if one is refused. Returns what was written, a line for each.
pub fn write(context: &Context, settings: &[(Setting, &str)]) -> Result<String, Error> {
    let values = settings
        .iter()
        .map(|(setting, written)| value(context, *setting, written))
        .collect::<Result<Vec<Value>, Error>>()?;
    let path = config_path(context)?;
    change(&path, |document| {
        for ((setting, _), value) in settings.iter().zip(&values) {
            match document.get_mut(setting.name()) {
                // The new value takes the old one's place and keeps its comment.
                Some(Item::Value(old)) => {
                    let decor = old.decor().clone();
                    *old = value.clone();
                    *old.decor_mut() = decor;
                }
                _ => document[setting.name()] = Item::Value(value.clone()),
            }
        }
    })?;
    let path = path.display().to_string();
    Ok(settings
        .iter()
        .zip(&values)
        .map(|((setting, _), value)| {
            let value = value.to_string();
            format!(
                "{} = {}   # in {}\n",
                setting.name(),
                visible(value.trim()),
                visible(&path)
            )
        })
        .collect())
}

pub fn config_path(context: &Context) -> Result<PathBuf, Error> {
    context.paths.config_file().ok_or_else(|| {
        Error::Other("no home directory is known, so there is no config file".to_string())
    })
}

/// The config file as toml_edit reads it: `None` when there is none yet; an error naming
/// the place when it is not TOML (it is then never written over).
pub fn read(path: &Path) -> Result<Option<DocumentMut>, Error> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(None);
    }
    let text = crate::tips::files::read_limited(path, "config file")?;
    let (_, problems) = Config::parse(&path.display().to_string(), &text);
    if let Some(problem) = problems.into_iter().find(|problem| problem.whole_file) {
        return Err(Error::Data(vec![problem.diagnostic]));
    }
    text.parse::<DocumentMut>()
        .map(Some)
        .map_err(|error| Error::Other(format!("{}: {error}", path.display())))
}

/// Reads the file under its lock, changes it with `edit`, checks that what would be written
/// reads back without a new problem, and replaces the file; nothing is written otherwise.
pub fn change(path: &Path, edit: impl FnOnce(&mut DocumentMut)) -> Result<(), Error> {
    let cannot = |why: String| {
        Error::Other(format!(
            "cannot change {}: {why}; nothing was changed",
            path.display()
        ))
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|error| cannot(describe(&error)))?;
    }
    let _lock = match lock_beside(path, "config.lock", LOCK_WAIT) {
        Ok(Some(file)) => file,
        Ok(None) => return Err(cannot("another backcare is changing it".to_string())),
        Err(error) => return Err(cannot(describe(&error))),
    };
    let before = read(path)?;
    let problems_before = before.as_ref().map_or(0, |document| {
        Config::parse("", &document.to_string()).1.len()
    });
    let mut document = before.unwrap_or_default();
    edit(&mut document);
    let text = document.to_string();
    let (_, problems) = Config::parse(&path.display().to_string(), &text);
    if problems.len() > problems_before {
        return Err(Error::Data(
            problems
                .into_iter()
                .map(|problem| problem.diagnostic)
                .collect(),
        ));
    }
    replace_file(path, text.as_bytes(), Durability::Synced)
        .map_err(|error| cannot(describe(&error)))
}
