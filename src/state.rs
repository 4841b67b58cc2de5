//! What `tip` remembers between runs, in `$XDG_STATE_HOME/backcare/state.json`:
//!
//! ```json
//! {"last_shown": 1764000000, "round": ["sleep-mattress", "posture-shoes"], "shown": 12}
//! ```
//!
//! `last_shown` is when a tip was last printed (Unix seconds, for `--every`), `round` the ids
//! shown so far in the current no-repeat round, `shown` how many tips were shown in all, and
//! `last_stretch_reminder` (only with the `stretch_reminder` setting) when the tip was last
//! followed by a suggestion to stretch. The
//! file is a convenience: when it is missing or broken, a tip is still shown and the file is
//! written afresh.
//!
//! Many shells start at once (a terminal restoring its tabs), so a run that will write the
//! state first takes an advisory lock (`flock` on `state.lock` beside it) and holds it while
//! it reads, picks and writes: runs take turns, and one shuffle bag is shared exactly. A lock
//! held too long (a stuck process) never blocks a shell start for more than [`LOCK_WAIT`]:
//! the tip is shown and simply not recorded. Under the lock, the new state is written to a
//! temporary file of its own beside it, then renamed over the old one (see `replace`); it is
//! not synced to disk, which would cost every shell start about half a millisecond for a
//! file that is rebuilt when lost.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::os::replace::{Durability, lock_beside, replace_file};
use crate::tips::files::open_regular;

/// State files are tiny; anything larger is not ours.
const MAX_STATE_BYTES: u64 = 256 * 1024;
/// The longest a run waits for another to finish with the state.
pub const LOCK_WAIT: Duration = Duration::from_millis(300);

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    #[serde(default)]
    pub last_shown: Option<u64>,
    #[serde(default)]
    pub round: Vec<String>,
    #[serde(default)]
    pub shown: u64,
    /// When the start-up tip last suggested `backcare stretch` (see `stretch::reminder`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_stretch_reminder: Option<u64>,
}

/// Why the state could not be read; the caller says so in one line and carries on.
#[derive(Debug)]
pub enum LoadProblem {
    Unreadable(io::Error),
    Corrupt,
}

impl State {
    /// Reads the state; a missing file is a fresh state, not a problem. Only a regular file is
    /// read: a FIFO or device in its place is a problem, never a wait.
    pub fn load(path: &Path) -> (State, Option<LoadProblem>) {
        // Room for a usual state file: one read takes it all (and one more finds the end), where an
        // empty buffer grows through several small reads.
        let mut bytes = Vec::with_capacity(4096);
        let read = open_regular(path)
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

    /// Records one more tip shown at `now`. Counters saturate rather than wrap.
    pub fn record_shown(&mut self, now: u64) {
        self.last_shown = Some(now);
        self.shown = self.shown.saturating_add(1);
    }
}

/// The state held for one run that may write it: taken with [`Session::open`], which waits
/// (briefly) for the lock, and written back with [`Session::save`].
pub struct Session {
    path: PathBuf,
    /// The lock, or why it could not be had: then nothing is written, so runs never write
    /// without it.
    lock: Result<File, LockProblem>,
    pub state: State,
    pub problem: Option<LoadProblem>,
    /// Set when another run held the lock for longer than [`LOCK_WAIT`].
    pub timed_out: bool,
}

/// Why a run could not take the lock.
enum LockProblem {
    TimedOut,
    Failed(io::Error),
}

impl Session {
    pub fn open(path: &Path) -> Session {
        let lock = match lock(path) {
            Ok(Some(file)) => Ok(file),
            Ok(None) => Err(LockProblem::TimedOut),
            // A read-only home, a lock file owned by someone else, a file system without
            // locks: the tip is shown, and `save` says why it is not recorded.
            Err(error) => Err(LockProblem::Failed(error)),
        };
        let timed_out = matches!(lock, Err(LockProblem::TimedOut));
        let (state, problem) = State::load(path);
        Session {
            path: path.to_path_buf(),
            lock,
            state,
            problem,
            timed_out,
        }
    }

    /// The state file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the state back, only if this run holds the lock (a run that timed out writes
    /// nothing: its tip is not recorded). The lock is released when the session ends.
    pub fn save(&self) -> io::Result<()> {
        match &self.lock {
            Ok(_) => {
                let mut json = serde_json::to_vec(&self.state).map_err(io::Error::other)?;
                json.push(b'\n');
                replace_file(&self.path, &json, Durability::Unsynced)
            }
            Err(LockProblem::TimedOut) => Ok(()),
            Err(LockProblem::Failed(error)) => Err(io::Error::new(error.kind(), error.to_string())),
        }
    }
}

/// `state.lock` beside the state file, locked exclusively. `Ok(None)`: still held by another
/// run after [`LOCK_WAIT`].
fn lock(path: &Path) -> io::Result<Option<File>> {
    lock_beside(path, "state.lock", LOCK_WAIT)
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
    use std::fs;
    use std::time::Instant;

    #[test]
    fn round_trips_and_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/state.json");
        let mut session = Session::open(&path);
        session.state = State {
            last_shown: Some(100),
            round: vec!["a".into()],
            shown: 3,
            last_stretch_reminder: Some(90),
        };
        session.save().unwrap();
        assert_eq!(State::load(&path).0, session.state);
        let mut names: Vec<String> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["state.json", "state.lock"],
            "no temporary file is left"
        );
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
    fn the_temporary_file_is_never_written_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join("state.json.tmp")).unwrap();
        Session::open(&path).save().unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(
            !fs::symlink_metadata(&path)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn a_held_lock_is_waited_for_briefly_then_the_tip_is_not_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let first = Session::open(&path);
        assert!(!first.timed_out);
        let started = Instant::now();
        let second = Session::open(&path);
        assert!(second.timed_out);
        assert!(started.elapsed() < LOCK_WAIT * 3);
        second.save().unwrap();
        assert!(!path.exists(), "a run without the lock writes nothing");
        drop(first);
        assert!(!Session::open(&path).timed_out);
    }

    #[test]
    fn counters_saturate() {
        let mut state = State {
            shown: u64::MAX,
            ..State::default()
        };
        state.record_shown(5);
        assert_eq!(state.shown, u64::MAX);
        assert_eq!(state.last_shown, Some(5));
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
