//! The binary: everything is in the library. `main` is the C entry point, so that Rust's
//! start-up code does not run at every shell start; `backcare::process` says why and does the
//! part of it backcare needs.
#![no_main]

use std::ffi::{c_char, c_int};

#[unsafe(no_mangle)]
extern "C" fn main(argc: c_int, argv: *const *const c_char) -> c_int {
    // SAFETY: the C library calls `main` with `argc` and `argv` as it found them.
    unsafe { backcare::process::main(argc, argv) }
}
