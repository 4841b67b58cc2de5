// Floor `hello (no runtime)`: a hello world that starts as backcare does (main as the C entry
// point, no Rust runtime set-up; see src/process.rs), so that what backcare gains by skipping
// that set-up is not mistaken for work it saved elsewhere.
#![no_main]

use std::io::Write;

#[unsafe(no_mangle)]
extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    let _ = std::io::stdout().write_all(b"hello\n");
    0
}
