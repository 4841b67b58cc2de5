//! The binary: everything is in the library. `main` is the C entry point, so that Rust's
//! start-up code does not run at every shell start; `backcare::process` says why and does the
//! part of it backcare needs.
#![no_main]

use std::ffi::{c_char, c_int};

#[unsafe(no_mangle)]
extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
    // The arguments are read through `std::env::args_os`, which the C library has filled in.
    c_int::from(backcare::process::run(std::env::args_os()))
}
