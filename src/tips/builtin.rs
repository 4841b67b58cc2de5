//! The built-in tips, exercises and routines: the value `build.rs` read from `tips.toml` and
//! `exercises.toml` and serialized into the binary. Reading it back borrows every string from
//! the binary's own bytes.

use backcare_data::builtin::Builtin;

/// The serialized set, aligned as nothing but bytes need be.
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.bin"));

pub fn set() -> Builtin {
    Builtin::from_bytes(BLOB)
}

/// The set read once, for what only borrows from it (the safety line, `[about]`).
pub static SHARED: std::sync::LazyLock<Builtin> = std::sync::LazyLock::new(set);
