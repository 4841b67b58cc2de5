//! Starting the process. backcare's `main` is the C entry point (see `main.rs`), not Rust's:
//! Rust's start-up code would, at every shell start, read `/proc/self/maps` to find the main
//! thread's stack guard and set up a signal stack and two signal handlers, only to word the
//! message of a stack overflow, and take them down again at exit: 19 system calls of the 34 a
//! hello world makes. Of what it does, backcare needs two things, done here: the standard
//! descriptors 0, 1 and 2 are open (a closed one is opened on `/dev/null`, so nothing backcare
//! opens takes its number), and SIGPIPE is ignored (a reader that went away is an error to
//! handle, see `commands::emit`, not a signal that kills the process).

use std::ffi::OsString;
use std::io::Write;

/// Runs backcare as a process: prepares it, runs `args`, flushes stdout, and returns the
/// exit status.
pub fn run(args: impl IntoIterator<Item = OsString>) -> u8 {
    prepare();
    let status = crate::app::run(args);
    // Rust's start-up code would flush stdout at exit; output is flushed as it is written
    // (`commands::emit`), so this only covers what clap prints.
    let _ = std::io::stdout().flush();
    status
}

fn prepare() {
    let mut descriptors = [0, 1, 2].map(|fd| libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    });
    // SAFETY: `poll` reads and writes the three `pollfd`s it is given and waits for nothing
    // (timeout 0); `open` gets a NUL-terminated path; `signal` sets SIGPIPE to be ignored.
    unsafe {
        if libc::poll(descriptors.as_mut_ptr(), 3, 0) >= 0 {
            for descriptor in descriptors {
                if descriptor.revents & libc::POLLNVAL != 0 {
                    // The lowest free number is the closed one.
                    libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
                }
            }
        }
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
}
