//! `backcare config`: every setting with where its value comes from, and `get`, `set` and
//! `unset` of one. `set` checks the value with the rules the config file is read by, keeps
//! the file's comments and order (toml_edit), and writes under the file's lock through a
//! temporary file, so nothing the user wrote is lost.

use toml_edit::DocumentMut;

use super::{Context, emit};
use crate::cli::ConfigAction;
use crate::config::{Config, Setting, StoppedBy};
use crate::config_file::{change, config_path, read, write};
use crate::error::{Error, Exit};
use crate::sanitize::visible;
use crate::suggest::did_you_mean;

// `config` is how a broken setting is mended: nothing stops it.
pub const STOPPED_BY: StoppedBy = StoppedBy::Nothing;

pub fn run(context: &Context, action: Option<&ConfigAction>) -> Result<Exit, Error> {
    match action {
        None => list(context),
        Some(ConfigAction::Get { key }) => get(context, setting(key)?),
        Some(ConfigAction::Set { key, value }) => set(context, setting(key)?, value),
        Some(ConfigAction::Unset { key }) => unset(context, setting(key)?),
    }
}

/// The setting named `key`, or a usage error with a did-you-mean.
fn setting(key: &str) -> Result<Setting, Error> {
    Setting::from_name(&key.to_ascii_lowercase()).ok_or_else(|| {
        Error::Usage(format!(
            "unknown key `{}`{} (expected one of {})",
            visible(key),
            did_you_mean(&key.to_ascii_lowercase(), Setting::NAMES.iter().copied()),
            Setting::NAMES.join(", ")
        ))
    })
}

/// The value in effect, as the config file writes it, or `None` when it is not set.
fn shown(config: &Config, setting: Setting) -> Option<String> {
    let flag = |on: bool| on.then(|| "true".to_string());
    match setting {
        Setting::DueDate => config.due_date.as_ref().map(|date| date.value.to_string()),
        Setting::BirthDate => config
            .birth_date
            .as_ref()
            .map(|date| date.value.to_string()),
        Setting::Region => config.region.as_ref().map(|region| region.value.clone()),
        Setting::Topics => config.topics.as_ref().map(|topics| topics.value.join(",")),
        Setting::Every => config.every.map(|every| every.to_string()),
        Setting::Daily => flag(config.daily),
        Setting::Color => config
            .color
            .map(|choice| format!("{choice:?}").to_lowercase()),
        Setting::PelvicGirdlePain => flag(config.pelvic_girdle_pain),
        Setting::StretchReminder => flag(config.stretch_reminder),
        Setting::RemindEvery => config.remind_every.map(|every| every.to_string()),
        Setting::RemindHours => config.remind_hours.map(|hours| hours.to_string()),
        Setting::RemindDays => config.remind_days.map(|days| days.to_string()),
    }
}

/// Where the value of `setting` comes from: the environment, the file, or nowhere.
fn source(setting: Setting, in_file: &Option<DocumentMut>) -> &'static str {
    let from_environment = setting
        .variable()
        .and_then(std::env::var_os)
        .is_some_and(|value| !value.is_empty());
    let written = in_file
        .as_ref()
        .is_some_and(|document| document.contains_key(setting.name()));
    match (from_environment, written) {
        (true, _) => "environment",
        (false, true) => "config file",
        (false, false) => "default",
    }
}

fn list(context: &Context) -> Result<Exit, Error> {
    let path = config_path(context)?;
    let document = read(&path).ok().flatten();
    let mut text = format!("# {}\n", visible(&path.display().to_string()));
    let mut object = serde_json::Map::new();
    let schedule = Config::default().schedule();
    for setting in Setting::ALL {
        let value = shown(&context.config, setting);
        let from = source(setting, &document);
        // What is in effect when nothing sets it, where something is.
        let value = value.or_else(|| match setting {
            Setting::Every => Some("off".to_string()),
            Setting::Color => Some("auto".to_string()),
            Setting::Daily | Setting::PelvicGirdlePain | Setting::StretchReminder => {
                Some("false".to_string())
            }
            Setting::RemindEvery => Some(schedule.every.to_string()),
            Setting::RemindHours => Some(schedule.work.hours.to_string()),
            Setting::RemindDays => Some(schedule.work.days.to_string()),
            _ => None,
        });
        let written = value.clone().unwrap_or_else(|| "(not set)".to_string());
        text.push_str(&format!(
            "{} = {}   # {from}\n",
            setting.name(),
            visible(&written)
        ));
        let entry = serde_json::json!({ "value": value, "from": from });
        object.insert(setting.name().to_string(), entry);
    }
    if context.global.json {
        let whole = serde_json::json!({ "file": path.display().to_string(), "settings": object });
        emit(&crate::output::json::render(&whole))?;
    } else {
        emit(&text)?;
    }
    Ok(Exit::Success)
}

fn get(context: &Context, setting: Setting) -> Result<Exit, Error> {
    match shown(&context.config, setting) {
        Some(value) => {
            emit(&format!("{}\n", visible(&value)))?;
            Ok(Exit::Success)
        }
        None => Err(Error::NotFound(format!("`{}` is not set", setting.name()))),
    }
}

fn set(context: &Context, setting: Setting, written: &str) -> Result<Exit, Error> {
    emit(&write(context, &[(setting, written)])?)?;
    Ok(Exit::Success)
}

fn unset(context: &Context, setting: Setting) -> Result<Exit, Error> {
    let path = config_path(context)?;
    let mut was_set = false;
    change(&path, |document| {
        was_set = document.remove(setting.name()).is_some();
    })?;
    let shown = path.display().to_string();
    let shown = visible(&shown);
    let told = match was_set {
        true => format!("{} removed from {shown}\n", setting.name()),
        false => format!("{} was not set in {shown}\n", setting.name()),
    };
    emit(&told)?;
    Ok(Exit::Success)
}
