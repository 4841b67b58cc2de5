//! Everything backcare asks of the operating system beyond what std gives: the terminal's
//! modes and keys during a `stretch` session, signals (caught, and a death by one passed on),
//! the local time, what stdout is, replacing a file and its lock ([`replace`], through
//! tempfile), the pager ([`pager`]) and the desktop's notifications and service manager
//! ([`desktop`]). This file is the one place allowed `unsafe` (the crate
//! denies it everywhere else, its submodules included), and it uses rustix and
//! signal-hook wherever they give a safe call; what is left is `localtime_r` and asking
//! whether a signal is ignored.
#![allow(unsafe_code)]

pub mod desktop;
pub mod pager;
pub mod replace;

use std::io;
use std::os::fd::AsFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex, Termios};
pub use signal_hook::consts::signal::{
    SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2,
};

/// The user's time zone, for the diary: the TZif file `TZ` names (or `/etc/localtime`), read
/// directly, so that no directory of zone files is scanned for its name; anything else (a
/// POSIX `TZ` string such as `EST5EDT4`) goes to jiff's own lookup.
pub fn time_zone() -> jiff::tz::TimeZone {
    let path = match std::env::var("TZ") {
        Ok(tz) if tz.trim_start_matches(':').starts_with('/') => tz.trim_start_matches(':').into(),
        Ok(tz) if !tz.is_empty() => format!("/usr/share/zoneinfo/{}", tz.trim_start_matches(':')),
        _ => "/etc/localtime".to_string(),
    };
    std::fs::read(path)
        .ok()
        .and_then(|data| jiff::tz::TimeZone::tzif("local", &data).ok())
        .unwrap_or_else(jiff::tz::TimeZone::system)
}

/// A short, lower-case description of an I/O error, without Rust's "(os error N)".
pub fn describe(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "is a directory, not a file".to_string(),
        std::io::ErrorKind::NotADirectory => "a part of the path is not a directory".to_string(),
        _ => {
            let text = error.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text);
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text.to_string(),
            }
        }
    }
}

/// `O_NONBLOCK`, for opening a file where a FIFO may have been planted: the open never waits.
pub const O_NONBLOCK: i32 = libc::O_NONBLOCK;

// ------------------------------------------------------------------ time

/// A moment in the user's time zone, as `localtime_r` gives it.
#[derive(Clone, Copy, Debug)]
pub struct LocalTime {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
    /// 0 to 23.
    pub hour: u32,
    /// 0 (Sunday) to 6.
    pub weekday: u32,
}

/// The local time at `at` (Unix seconds) where the user is (`TZ`, else `/etc/localtime`).
///
/// Through the C library rather than jiff's system time zone: jiff lists the whole zoneinfo
/// database (about 70 directories) to find the zone by name, which cost more than the rest of
/// a shell start's tip; the C library reads the one file.
pub fn local_time(at: i64) -> Option<LocalTime> {
    let at = libc::time_t::try_from(at).ok()?;
    // SAFETY: `localtime_r` reads `at` and fills `local`, a plain C struct for which all
    // zeroes is a valid value, and returns null on failure.
    let local = unsafe {
        let mut local: libc::tm = std::mem::zeroed();
        (!libc::localtime_r(&at, &mut local).is_null()).then_some(local)
    }?;
    Some(LocalTime {
        year: local.tm_year.checked_add(1900)?,
        month: u32::try_from(local.tm_mon + 1).ok()?,
        day: u32::try_from(local.tm_mday).ok()?,
        hour: u32::try_from(local.tm_hour).ok()?,
        weekday: u32::try_from(local.tm_wday).ok()?,
    })
}

// ------------------------------------------------------------------ stdout

/// Whether stdout is the null device: what is written there is seen by nobody. A closed
/// stdout looks the same, because Rust's start-up opens `/dev/null` in place of a closed one.
pub fn stdout_is_null() -> bool {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let stdout = io::stdout();
    let (Ok(stat), Ok(null)) = (
        rustix::fs::fstat(stdout.as_fd()),
        std::fs::metadata("/dev/null"),
    ) else {
        return false;
    };
    // The null device is the character device with /dev/null's device number, wherever its
    // node is.
    let is_char =
        rustix::fs::FileType::from_raw_mode(stat.st_mode) == rustix::fs::FileType::CharacterDevice;
    null.file_type().is_char_device() && is_char && stat.st_rdev == null.rdev()
}

// ------------------------------------------------------------------ the terminal

/// The terminal's settings while single keys are read: line editing, echo and the terminal's
/// own signal keys off. Dropping it puts back what was there.
pub struct Keys {
    /// The settings to put back; `None` when stdin is not a terminal (no keys are read).
    saved: Option<Termios>,
}

impl Keys {
    /// Single keys without Enter, on a terminal stdin; nothing to do elsewhere.
    pub fn raw() -> Keys {
        let stdin = io::stdin();
        let saved = (termios::isatty(stdin.as_fd()))
            .then(|| termios::tcgetattr(stdin.as_fd()).ok())
            .flatten();
        if let Some(saved) = &saved {
            // A panic (the release build aborts, so no destructor runs) still gives the
            // terminal back before the message.
            let saved = saved.clone();
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                let _ = termios::tcsetattr(io::stdin().as_fd(), OptionalActions::Now, &saved);
                previous(info);
            }));
        }
        let keys = Keys { saved };
        keys.enter();
        keys
    }

    /// Whether keys can be read at all (stdin is a terminal).
    pub fn on_terminal(&self) -> bool {
        self.saved.is_some()
    }

    /// Turns single keys on (again, after the process was stopped and continued).
    pub fn enter(&self) {
        if let Some(saved) = &self.saved {
            let mut raw = saved.clone();
            raw.local_modes &= !(LocalModes::ICANON | LocalModes::ECHO | LocalModes::ISIG);
            raw.special_codes[SpecialCodeIndex::VMIN] = 1;
            raw.special_codes[SpecialCodeIndex::VTIME] = 0;
            let _ = termios::tcsetattr(io::stdin().as_fd(), OptionalActions::Now, &raw);
        }
    }

    /// Puts the terminal back as it was.
    pub fn leave(&self) {
        if let Some(saved) = &self.saved {
            let _ = termios::tcsetattr(io::stdin().as_fd(), OptionalActions::Now, saved);
        }
    }
}

impl Drop for Keys {
    fn drop(&mut self) {
        self.leave();
    }
}

/// Waits up to `timeout` for stdin to have a byte (`Ok(true)`), or for the time to pass, or
/// for a signal to arrive (`Ok(false)` both). With `stdin` false, only the time or a signal
/// ends the wait.
pub fn wait_for_input(stdin: bool, timeout: Duration) -> io::Result<bool> {
    let timeout = rustix::event::Timespec {
        tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(timeout.subsec_nanos()),
    };
    let input = io::stdin();
    let mut fds = [rustix::event::PollFd::new(
        &input,
        rustix::event::PollFlags::IN,
    )];
    let fds: &mut [rustix::event::PollFd] = if stdin { &mut fds } else { &mut [] };
    match rustix::event::poll(fds, Some(&timeout)) {
        Ok(ready) => Ok(ready > 0),
        // A signal: the caller looks at what arrived.
        Err(rustix::io::Errno::INTR) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

/// One byte from stdin; `None` at its end.
pub fn read_byte() -> io::Result<Option<u8>> {
    let mut byte = [0u8; 1];
    match rustix::io::read(io::stdin().as_fd(), &mut byte) {
        Ok(0) => Ok(None),
        Ok(_) => Ok(Some(byte[0])),
        Err(rustix::io::Errno::INTR) => Ok(Some(0)),
        Err(error) => Err(error.into()),
    }
}

// ------------------------------------------------------------------ signals

/// Signals caught while this value lives: each arrival is recorded (the last one wins) for
/// the caller to act on between waits, instead of killing the process with the terminal in
/// raw mode. A signal that was ignored when it was asked for (as under `nohup`) stays ignored.
pub struct Caught {
    arrived: Arc<AtomicUsize>,
    ids: Vec<signal_hook::SigId>,
}

impl Caught {
    pub fn new(signals: &[i32]) -> Caught {
        let arrived = Arc::new(AtomicUsize::new(0));
        let ids = signals
            .iter()
            .filter(|signal| !is_ignored(**signal))
            .filter_map(|&signal| {
                let number = usize::try_from(signal).ok()?;
                signal_hook::flag::register_usize(signal, Arc::clone(&arrived), number).ok()
            })
            .collect();
        Caught { arrived, ids }
    }

    /// The signal that arrived last, if one did, without clearing it.
    pub fn peek(&self) -> Option<i32> {
        match self.arrived.load(Ordering::SeqCst) {
            0 => None,
            signal => i32::try_from(signal).ok(),
        }
    }

    /// Forgets that a signal arrived (once it has been acted on, as a stop is).
    pub fn clear(&self) {
        self.arrived.store(0, Ordering::SeqCst);
    }
}

impl Drop for Caught {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// Whether `signal` is set to be ignored.
fn is_ignored(signal: i32) -> bool {
    // SAFETY: `sigaction` with a null new action only reads the current one into `old`, a
    // plain C struct for which all zeroes is a valid value.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signal, std::ptr::null(), &mut old) == 0
            && old.sa_sigaction == libc::SIG_IGN
    }
}

/// Stops the process as Ctrl-Z would (SIGTSTP's default action); returns once it is
/// continued (`fg`).
pub fn stop_here() {
    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
}

/// Ends the process by `signal`'s default action, so that whoever ran backcare (a shell loop,
/// a script) sees a death by that signal and stops too, as fd and ripgrep do. Returns only
/// if the signal does not end the process.
pub fn die_by(signal: i32) {
    let _ = signal_hook::low_level::emulate_default_handler(signal);
}
