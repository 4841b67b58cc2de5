//! Checks the built-in `tips.toml`, `exercises.toml`, `warning-signs.toml`, `diary.toml` and `reminders.toml` with the reader
//! user files go through (`backcare-data`), and writes the tips, exercises and routines into
//! `OUT_DIR/builtin.rs` as one Rust expression, which the binary compiles in as a static: no
//! data file is shipped, and none is parsed at a shell start. Any problem in a file fails the
//! build with `FILE:LINE:COLUMN: message`.

use std::{env, fs, path::Path};

use backcare_data::builtin::Builtin;
use backcare_data::read::position;
use backcare_data::{diary, reminder, sheet, tips};

fn main() {
    let tips = read("tips.toml");
    let exercises = read("exercises.toml");
    check_warning_signs();
    check_diary_words();
    println!("cargo::rerun-if-changed=reminders.toml");
    let text = fs::read_to_string("reminders.toml").expect("reminders.toml is readable");
    if let Err(error) = reminder::Reminders::parse(&text) {
        panic!("reminders.toml: {error}");
    }
    let builtin = Builtin::from_files(tips, exercises);
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin.rs");
    fs::write(out, builtin.to_rust()).expect("OUT_DIR is writable");
}

/// Reads one built-in file with the reader user files go through; a problem fails the build.
fn read(name: &str) -> tips::ParsedFile {
    println!("cargo::rerun-if-changed={name}");
    let text = fs::read_to_string(name).unwrap_or_else(|error| panic!("{name}: {error}"));
    let (file, problems) = tips::parse(&text, None);
    if !problems.is_empty() {
        for problem in &problems {
            let (line, column) = position(&text, problem.span.start);
            eprintln!("{name}:{line}:{column}: {}", problem.message);
        }
        panic!("{name} has {} problem(s); see above", problems.len());
    }
    file
}

/// The warning signs are read at run time (only the commands that show them need them), so
/// they are checked here: a broken sheet fails the build, never a user's command.
fn check_warning_signs() {
    println!("cargo::rerun-if-changed=warning-signs.toml");
    let text = fs::read_to_string("warning-signs.toml").expect("warning-signs.toml is readable");
    if let Err(error) = sheet::Sheet::parse(&text) {
        panic!("warning-signs.toml: {error}");
    }
}

/// The diary's words, read at run time by `log` and `diary`, checked here for the same reason.
fn check_diary_words() {
    println!("cargo::rerun-if-changed=diary.toml");
    let text = fs::read_to_string("diary.toml").expect("diary.toml is readable");
    if let Err(error) = diary::Words::parse(&text) {
        panic!("diary.toml: {error}");
    }
}
