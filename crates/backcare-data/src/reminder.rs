//! What a desktop reminder says: `reminders.toml`, compiled into the binary. Like the warning
//! signs, it is data so that its words are reviewed apart from the code, and `build.rs`
//! checks it, so a broken file fails the build.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reminders {
    pub pregnancy: Nudge,
    pub after_birth: Nudge,
}

/// The title of a reminder for one stage.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nudge {
    /// The routines to suggest, in order: the first that holds a safe exercise is named.
    pub routines: Vec<String>,
    /// The title naming it: `{routine}` (its id) and `{minutes}` are filled in.
    pub title: String,
    /// The title when no routine holds a safe exercise.
    pub without_routine: String,
}

impl Reminders {
    pub fn parse(text: &str) -> Result<Reminders, String> {
        let reminders: Reminders = toml::from_str(text).map_err(|error| error.to_string())?;
        for nudge in [&reminders.pregnancy, &reminders.after_birth] {
            if !nudge.title.contains("{routine}") || !nudge.title.contains("{minutes}") {
                return Err(format!(
                    "`{}` needs {{routine}} and {{minutes}}",
                    nudge.title
                ));
            }
        }
        Ok(reminders)
    }
}
