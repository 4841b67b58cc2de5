//! Starting the process. backcare's `main` is the C entry point (see `main.rs`), not Rust's:
//! Rust's start-up code would, at every shell start, read `/proc/self/maps` to find the main
//! thread's stack guard and set up a signal stack and two signal handlers, only to word the
//! message of a stack overflow, and take them down again at exit: 19 system calls of the 34 a
//! hello world makes. Of what it does, backcare needs two things, done here: the standard
//! descriptors 0, 1 and 2 are open (a closed one is opened on `/dev/null`, so nothing backcare
//! opens takes its number), and SIGPIPE is ignored (a reader that went away is an error to
//! handle, see `commands::emit`, not a signal that kills the process). The arguments are read
//! from `argv`.

use std::ffi::{CStr, OsStr, OsString, c_char, c_int};
use std::io::Write;
use std::os::unix::ffi::OsStrExt;

/// Runs backcare as a process from C's `main`: prepares it, runs the command line, flushes
/// stdout, and returns the exit status.
///
/// # Safety
///
/// `argv` must hold `argc` pointers to NUL-terminated strings, as `main` receives them.
pub unsafe fn main(argc: c_int, argv: *const *const c_char) -> c_int {
    prepare();
    // From `argv` itself: `std::env::args_os` is filled in before `main` only with glibc.
    let count = usize::try_from(argc).unwrap_or(0);
    let args: Vec<OsString> = (0..count)
        // SAFETY: the caller gives `argc` valid pointers in `argv`, each to a C string.
        .map(|at| unsafe { *argv.add(at) })
        .filter(|arg| !arg.is_null())
        // SAFETY: as above: a NUL-terminated string that lives as long as the process.
        .map(|arg| OsStr::from_bytes(unsafe { CStr::from_ptr(arg) }.to_bytes()).to_os_string())
        .collect();
    let status = crate::app::run(args);
    // Rust's start-up code would flush stdout at exit; output is flushed as it is written
    // (`commands::emit`), so this only covers what clap prints.
    let _ = std::io::stdout().flush();
    c_int::from(status)
}

/// Opens `/dev/null` on any of the standard descriptors that is closed, and ignores SIGPIPE.
/// A descriptor that cannot be made safe stops the process, as Rust's own start-up does: a
/// file backcare opens later must never take the number of stdout.
fn prepare() {
    let mut descriptors = [0, 1, 2].map(|fd| libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    });
    // SAFETY: `poll` reads and writes the three `pollfd`s it is given and waits for nothing
    // (timeout 0); `fcntl` only asks whether a descriptor is open; `open` gets a
    // NUL-terminated path; `signal` sets SIGPIPE to be ignored.
    unsafe {
        let polled = libc::poll(descriptors.as_mut_ptr(), 3, 0) >= 0;
        for descriptor in descriptors {
            let closed = if polled {
                descriptor.revents & libc::POLLNVAL != 0
            } else {
                libc::fcntl(descriptor.fd, libc::F_GETFD) == -1
            };
            // The lowest free number is the closed one.
            if closed && libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) == -1 {
                std::process::abort();
            }
        }
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
}
