//! The keyboard during a session: single keys without Enter (the terminal's line editing and
//! echo off while the session runs, and always put back), a wait that a key ends early, and
//! Ctrl-C, SIGTERM or a closed terminal turned into a clean stop rather than a dead process
//! that leaves the terminal without echo.

use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};

/// The signal that arrived, or 0; set by the signal handler and read between waits.
static INTERRUPTED: AtomicI32 = AtomicI32::new(0);

extern "C" fn on_signal(signal: libc::c_int) {
    INTERRUPTED.store(signal, Ordering::SeqCst);
}

/// What ended a wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The time was up.
    Timeout,
    Key(Key),
    /// Ctrl-C (as a key: SIGINT's number), or this signal: SIGINT, SIGTERM or SIGHUP.
    Interrupted(i32),
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
            // SA_RESTART, so a wait in `poll` returns at once with EINTR. A signal that is
            // ignored (as under `nohup`) stays ignored.
            unsafe {
                let mut old: libc::sigaction = std::mem::zeroed();
                libc::sigaction(signal, std::ptr::null(), &mut old);
                if old.sa_sigaction == libc::SIG_IGN {
                    continue;
                }
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

    /// Waits up to `timeout` for a key that means something (other keys are ignored). Keys
    /// already typed are read even when the time is up, however short the wait.
    pub fn wait(&mut self, timeout: Duration) -> Event {
        let deadline = Instant::now() + timeout;
        loop {
            let signal = INTERRUPTED.load(Ordering::SeqCst);
            if signal != 0 {
                return Event::Interrupted(signal);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            let mut stdin = libc::pollfd {
                fd: 0,
                events: libc::POLLIN,
                revents: 0,
            };
            // Whole milliseconds, rounded up (`poll` is everywhere; `ppoll` is not).
            let millis = left.as_micros().div_ceil(1000);
            let millis = libc::c_int::try_from(millis).unwrap_or(libc::c_int::MAX);
            // SAFETY: one valid pollfd (or none), for at most `millis`.
            let ready = unsafe {
                if self.open {
                    libc::poll(&mut stdin, 1, millis)
                } else {
                    libc::poll(std::ptr::null_mut(), 0, millis)
                }
            };
            if ready <= 0 {
                if ready == 0 && left.is_zero() {
                    return Event::Timeout;
                }
                continue; // a signal, or time still left: the loop tells which
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
                0x03 => return Event::Interrupted(libc::SIGINT),
                _ => {}
            }
        }
    }

    /// Whether keys can be read (stdin is a terminal that has not reached its end).
    pub fn has_keys(&self) -> bool {
        self.open
    }

    /// Waits for a key, however long it takes (a paused session). A session without keys is
    /// never paused, so this only returns on a key or a signal.
    pub fn wait_for_key(&mut self) -> Event {
        loop {
            match self.wait(Duration::from_secs(1)) {
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
