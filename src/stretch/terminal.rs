//! The keyboard during a session: single keys without Enter (the terminal's line editing and
//! echo off while the session runs, and always put back), a wait that a key ends early, and
//! Ctrl-C, SIGTERM or a closed terminal turned into a clean stop rather than a dead process
//! that leaves the terminal without echo.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Set by the signal handler; read between waits.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// What ended a wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The time was up.
    Timeout,
    Key(Key),
    /// Ctrl-C (as a key, or SIGINT), SIGTERM or SIGHUP.
    Interrupted,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// Space: pause, or go on.
    Pause,
    /// n or Enter: on to the next exercise.
    Skip,
    /// q: stop the session.
    Quit,
}

/// The terminal, set up for single keys while this value lives.
pub struct Keyboard {
    /// The settings to put back; `None` when stdin is not a terminal (no keys are read).
    saved: Option<libc::termios>,
    /// Whether stdin can still give keys (it may reach its end).
    open: bool,
}

impl Keyboard {
    /// Turns off line editing, echo and the terminal's own Ctrl-C (which would kill the
    /// process before it could restore anything); Ctrl-C then arrives as a key. The signals
    /// are caught too, for a Ctrl-C that does not come through this terminal.
    pub fn open() -> Keyboard {
        for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            // SAFETY: the handler only stores to an atomic, which is async-signal-safe; no
            // SA_RESTART, so a wait in `poll` returns at once with EINTR.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_signal as *const () as libc::sighandler_t;
                libc::sigemptyset(&mut action.sa_mask);
                libc::sigaction(signal, &action, std::ptr::null_mut());
            }
        }
        // SAFETY: `tcgetattr` fills the zeroed struct for fd 0 or fails (not a terminal);
        // `tcsetattr` is given a copy of what it returned with three flags changed.
        let saved = unsafe {
            let mut saved: libc::termios = std::mem::zeroed();
            (libc::isatty(0) == 1 && libc::tcgetattr(0, &mut saved) == 0).then(|| {
                let mut raw = saved;
                raw.c_lflag &= !(libc::ICANON | libc::ECHO | libc::ISIG);
                raw.c_cc[libc::VMIN] = 1;
                raw.c_cc[libc::VTIME] = 0;
                libc::tcsetattr(0, libc::TCSANOW, &raw);
                saved
            })
        };
        Keyboard {
            open: saved.is_some(),
            saved,
        }
    }

    /// Waits up to `timeout` for a key that means something (other keys are ignored).
    pub fn wait(&mut self, timeout: Duration) -> Event {
        let deadline = Instant::now() + timeout;
        loop {
            if INTERRUPTED.load(Ordering::SeqCst) {
                return Event::Interrupted;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Event::Timeout;
            }
            let millis = libc::c_int::try_from(left.as_millis().max(1)).unwrap_or(libc::c_int::MAX);
            let mut stdin = libc::pollfd {
                fd: 0,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd (or none), for at most `millis`.
            let ready = unsafe {
                if self.open {
                    libc::poll(&mut stdin, 1, millis)
                } else {
                    libc::poll(std::ptr::null_mut(), 0, millis)
                }
            };
            if ready <= 0 {
                continue; // time up, or a signal: the loop tells which
            }
            let mut byte = 0u8;
            // SAFETY: reads at most one byte into `byte`.
            let read = unsafe { libc::read(0, (&mut byte as *mut u8).cast(), 1) };
            if read <= 0 {
                self.open = false; // the end of stdin: wait out the time without keys
                continue;
            }
            match byte {
                b' ' => return Event::Key(Key::Pause),
                b'n' | b'N' | b'\r' | b'\n' => return Event::Key(Key::Skip),
                b'q' | b'Q' => return Event::Key(Key::Quit),
                0x03 => return Event::Interrupted,
                _ => {}
            }
        }
    }

    /// Waits for a key, however long it takes (a paused session).
    pub fn wait_for_key(&mut self) -> Event {
        loop {
            match self.wait(Duration::from_secs(3600)) {
                Event::Timeout if !self.open => return Event::Key(Key::Pause),
                Event::Timeout => {}
                event => return event,
            }
        }
    }
}

impl Drop for Keyboard {
    fn drop(&mut self) {
        if let Some(saved) = &self.saved {
            // SAFETY: puts back the settings `tcgetattr` returned for fd 0.
            unsafe {
                libc::tcsetattr(0, libc::TCSANOW, saved);
            }
        }
    }
}
