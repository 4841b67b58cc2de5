//! Where backcare looks for the user's files and keeps its state (XDG base directories).

use std::path::PathBuf;

use etcetera::BaseStrategy;

/// backcare's own directories; `None` where they cannot be known (no home directory).
#[derive(Clone, Debug, Default)]
pub struct Paths {
    /// `$XDG_CONFIG_HOME/backcare` or `~/.config/backcare`: config.toml, tips.toml, tips.d/.
    pub config_dir: Option<PathBuf>,
    /// `$XDG_STATE_HOME/backcare` or `~/.local/state/backcare`: state.json, remind.json.
    pub state_dir: Option<PathBuf>,
    /// `$XDG_DATA_HOME/backcare` or `~/.local/share/backcare`: hidden.toml and diary.tsv, the user's own.
    pub data_dir: Option<PathBuf>,
    /// `$XDG_CONFIG_HOME/systemd/user`: the reminders' systemd user units.
    pub systemd_dir: Option<PathBuf>,
    /// `~/Library/LaunchAgents`: the reminders' LaunchAgent on macOS.
    pub launch_agents_dir: Option<PathBuf>,
}

impl Paths {
    /// The directories from `HOME` and the XDG variables. A relative one (`HOME=.`, say) is
    /// treated as unknown: it would put files wherever the shell happens to start.
    pub fn from_environment() -> Paths {
        match etcetera::choose_base_strategy() {
            Ok(strategy) => Paths {
                config_dir: Some(strategy.config_dir().join("backcare"))
                    .filter(|dir| dir.is_absolute()),
                state_dir: strategy
                    .state_dir()
                    .map(|dir| dir.join("backcare"))
                    .filter(|dir| dir.is_absolute()),
                data_dir: Some(strategy.data_dir().join("backcare"))
                    .filter(|dir| dir.is_absolute()),
                systemd_dir: Some(strategy.config_dir().join("systemd/user"))
                    .filter(|dir| dir.is_absolute()),
                launch_agents_dir: Some(strategy.home_dir().join("Library/LaunchAgents"))
                    .filter(|dir| dir.is_absolute()),
            },
            Err(_) => Paths::default(),
        }
    }

    pub fn config_file(&self) -> Option<PathBuf> {
        self.config_dir.as_ref().map(|dir| dir.join("config.toml"))
    }

    pub fn state_file(&self) -> Option<PathBuf> {
        self.state_dir.as_ref().map(|dir| dir.join("state.json"))
    }

    /// What `remind` remembers: the snoozed day and the last notification's id.
    pub fn remind_file(&self) -> Option<PathBuf> {
        self.state_dir.as_ref().map(|dir| dir.join("remind.json"))
    }

    pub fn hidden_file(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|dir| dir.join("hidden.toml"))
    }

    /// The pain diary (see `diary`).
    pub fn diary_file(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|dir| dir.join("diary.tsv"))
    }
}
