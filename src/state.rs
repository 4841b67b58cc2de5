//! What `tip` remembers between runs, in `$XDG_STATE_HOME/backcare/state.json`:
//!
//! ```json
//! {"last_shown": 1764000000, "round": ["sleep-left-side", "posture-tall"], "shown": 12}
//! ```
//!
//! `last_shown` is when a tip was last printed (Unix seconds, for `--every`), `round` the ids
//! shown so far in the current no-repeat round, `shown` how many tips were shown in all. The
//! file is a convenience: when it is missing or broken, a tip is still shown and the file is
//! written afresh. It is replaced atomically (written beside, then renamed), so shells starting
//! at once never see half a file.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// State files are tiny; anything larger is not ours.
const MAX_STATE_BYTES: u64 = 256 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    #[serde(default)]
    pub last_shown: Option<u64>,
    #[serde(default)]
    pub round: Vec<String>,
    #[serde(default)]
    pub shown: u64,
}

/// Why the state could not be read; the caller says so in one line and carries on.
#[derive(Debug)]
pub enum LoadProblem {
    Unreadable(io::Error),
    Corrupt,
}

impl State {
    /// Reads the state; a missing file is a fresh state, not a problem.
    pub fn load(path: &Path) -> (State, Option<LoadProblem>) {
        let mut bytes = Vec::new();
        let read = fs::File::open(path)
            .and_then(|file| file.take(MAX_STATE_BYTES + 1).read_to_end(&mut bytes));
        match read {
            Err(error) if error.kind() == io::ErrorKind::NotFound => (State::default(), None),
            Err(error) => (State::default(), Some(LoadProblem::Unreadable(error))),
            Ok(_) => match serde_json::from_slice(&bytes) {
                Ok(state) if bytes.len() as u64 <= MAX_STATE_BYTES => (state, None),
                _ => (State::default(), Some(LoadProblem::Corrupt)),
            },
        }
    }

    /// Whether a tip was shown less than `every` ago.
    pub fn shown_within(&self, every: Duration, now: u64) -> bool {
        self.last_shown
            .is_some_and(|last| last <= now && now - last < every.as_secs())
    }

    /// Writes the state atomically: a temporary file beside it, then a rename over it.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let temporary = temporary_path(path);
        let written = fs::File::create(&temporary).and_then(|mut file| {
            let json = serde_json::to_vec(self).map_err(io::Error::other)?;
            file.write_all(&json)?;
            file.write_all(b"\n")
        });
        let renamed = written.and_then(|()| fs::rename(&temporary, path));
        if renamed.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        renamed
    }
}

/// A name unique to this process, so concurrent runs never write the same temporary file.
fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.tmp", std::process::id()));
    path.with_file_name(name)
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/state.json");
        let state = State {
            last_shown: Some(100),
            round: vec!["a".into()],
            shown: 3,
        };
        state.save(&path).unwrap();
        assert_eq!(State::load(&path).0, state);
        let leftovers = fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn missing_and_corrupt_files_give_a_fresh_state() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        assert!(matches!(State::load(&path), (State { shown: 0, .. }, None)));
        fs::write(&path, "{not json").unwrap();
        assert!(matches!(
            State::load(&path),
            (_, Some(LoadProblem::Corrupt))
        ));
    }

    #[test]
    fn every_counts_from_the_last_tip() {
        let state = State {
            last_shown: Some(1_000),
            ..State::default()
        };
        let hour = Duration::from_secs(3600);
        assert!(state.shown_within(hour, 1_000 + 3599));
        assert!(!state.shown_within(hour, 1_000 + 3600));
        assert!(!State::default().shown_within(hour, 1_000));
        // A clock set back must not silence tips for ever.
        assert!(!state.shown_within(hour, 10));
    }
}
