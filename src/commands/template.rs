//! `backcare template`: a commented example tips file to start one's own from. It is
//! `examples/tips.toml`, which a test checks with `backcare check`, and the manual page shows.

pub const EXAMPLE: &str = include_str!("../../examples/tips.toml");
