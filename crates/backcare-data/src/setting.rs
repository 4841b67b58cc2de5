//! The keys of the config file: the settings a user chooses.

/// A setting: a key of the config file, some also set by the environment or the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    DueDate,
    BirthDate,
    Region,
    Topics,
    Every,
    Daily,
    Color,
    PelvicGirdlePain,
    StretchReminder,
    RemindEvery,
    RemindHours,
    RemindDays,
}

impl Setting {
    pub const ALL: [Setting; 12] = [
        Setting::DueDate,
        Setting::BirthDate,
        Setting::Region,
        Setting::Topics,
        Setting::Every,
        Setting::Daily,
        Setting::Color,
        Setting::PelvicGirdlePain,
        Setting::StretchReminder,
        Setting::RemindEvery,
        Setting::RemindHours,
        Setting::RemindDays,
    ];
    /// Every key of the config file, in the order of [`Setting::ALL`].
    pub const NAMES: [&'static str; 12] = [
        "due_date",
        "birth_date",
        "region",
        "topics",
        "every",
        "daily",
        "color",
        "pelvic_girdle_pain",
        "stretch_reminder",
        "remind_every",
        "remind_hours",
        "remind_days",
    ];

    /// The key in the config file.
    pub fn name(self) -> &'static str {
        Setting::NAMES[self as usize]
    }

    /// The environment variable that sets it over the config file, where there is one.
    pub fn variable(self) -> Option<&'static str> {
        match self {
            Setting::Color => Some("BACKCARE_COLOR"),
            Setting::Every => Some("BACKCARE_EVERY"),
            Setting::Topics => Some("BACKCARE_TOPICS"),
            Setting::Region => Some("BACKCARE_REGION"),
            _ => None,
        }
    }

    pub fn from_name(name: &str) -> Option<Setting> {
        Setting::ALL
            .into_iter()
            .find(|setting| setting.name() == name)
    }
}
