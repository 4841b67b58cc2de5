//! The keyboard during a session: single keys without Enter (the terminal's line editing and
//! echo off while the session runs, and always put back), a wait that a key ends early, every
//! catchable signal turned into a clean stop rather than a dead process that leaves the
//! terminal without echo, and Ctrl-Z that gives the terminal back before the process stops
//! and takes it again after `fg`. The calls to the OS are in `crate::os`.

use std::time::{Duration, Instant};

use crate::os::{self, Caught, Keys};

/// The signals that end a session (and then the process, by the same signal).
const ENDING: [i32; 7] = [
    os::SIGINT,
    os::SIGTERM,
    os::SIGHUP,
    os::SIGQUIT,
    os::SIGUSR1,
    os::SIGUSR2,
    os::SIGALRM,
];

/// Ctrl-C and Ctrl-Z as bytes: with the terminal's signal keys off, they arrive as keys.
const CTRL_C: u8 = 0x03;
const CTRL_Z: u8 = 0x1a;

/// What ended a wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The time was up.
    Timeout,
    Key(Key),
    /// Ctrl-C (as a key: SIGINT's number), or one of the ending signals that arrived.
    Interrupted(i32),
    /// The session was stopped (Ctrl-Z) and has just been continued: what was on the screen
    /// may be gone, so the caller draws it again.
    Resumed,
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
    keys: Keys,
    caught: Caught,
    /// Whether stdin can still give keys (it may reach its end).
    open: bool,
}

impl Keyboard {
    /// Turns off line editing, echo and the terminal's own signal keys (Ctrl-C would kill the
    /// process before it could restore anything); Ctrl-C and Ctrl-Z then arrive as keys. The
    /// signals are caught too, for those that do not come through this terminal.
    pub fn open() -> Keyboard {
        let mut signals = ENDING.to_vec();
        signals.push(os::SIGTSTP);
        let caught = Caught::new(&signals);
        let keys = Keys::raw();
        Keyboard {
            open: keys.on_terminal(),
            keys,
            caught,
        }
    }

    /// Waits up to `timeout` for a key that means something (other keys are ignored). Keys
    /// already typed are read even when the time is up, however short the wait.
    pub fn wait(&mut self, timeout: Duration) -> Event {
        let deadline = Instant::now() + timeout;
        loop {
            match self.caught.peek() {
                Some(os::SIGTSTP) => {
                    self.caught.clear();
                    self.suspend();
                    return Event::Resumed;
                }
                Some(signal) => return Event::Interrupted(signal),
                None => {}
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match os::wait_for_input(self.open, left) {
                Ok(true) => {}
                // The time, or a signal: the loop tells which.
                Ok(false) | Err(_) => {
                    if left.is_zero() && self.caught.peek().is_none() {
                        return Event::Timeout;
                    }
                    continue;
                }
            }
            let byte = match os::read_byte() {
                Ok(Some(byte)) => byte,
                // The end of stdin: wait out the time without keys.
                Ok(None) | Err(_) => {
                    self.open = false;
                    continue;
                }
            };
            match byte {
                b' ' => return Event::Key(Key::Pause),
                b'n' | b'N' | b'\r' | b'\n' => return Event::Key(Key::Skip),
                b'q' | b'Q' => return Event::Key(Key::Quit),
                CTRL_C => return Event::Interrupted(os::SIGINT),
                CTRL_Z => {
                    self.suspend();
                    return Event::Resumed;
                }
                _ => {}
            }
        }
    }

    /// Gives the terminal back as it was (echo, line editing; the cursor is only ever hidden
    /// while a line is drawn), stops the process as Ctrl-Z would, and once continued takes
    /// single keys again.
    fn suspend(&mut self) {
        self.keys.leave();
        print_now("\n");
        os::stop_here();
        self.keys.enter();
    }

    /// Whether keys can be read (stdin is a terminal that has not reached its end).
    pub fn has_keys(&self) -> bool {
        self.open
    }

    /// Waits for a key, however long it takes (a paused session). A session without keys is
    /// never paused, so this only returns on a key, a signal or a continue after a stop.
    pub fn wait_for_key(&mut self) -> Event {
        loop {
            match self.wait(Duration::from_secs(1)) {
                Event::Timeout => {}
                event => return event,
            }
        }
    }
}

/// Writes `text` to the terminal at once (the session holds stdout's lock on this thread,
/// which lets it in).
fn print_now(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
