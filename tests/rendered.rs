//! Whole screens as a person sees them (80 columns, no colour), kept in `tests/rendered/`, so a
//! change to the output shows up in review as a diff of the screen. Run with
//! `UPDATE_RENDERED=1 cargo test --test rendered` to accept a deliberate change.

mod common;

use common::TestEnv;

const SCREENS: &[(&str, &[&str])] = &[
    ("tip-seed", &["tip", "--seed", "1", "--topic", "sleep"]),
    ("show", &["show", "relief-heat-cold"]),
    ("list-posture", &["list", "--topic", "posture"]),
    ("search-heat-pack", &["search", "heat", "pack"]),
    ("topics", &["topics"]),
    ("warning-signs", &["warning-signs"]),
    (
        "init-bash",
        &["init", "bash", "--every", "4h", "--no-completions"],
    ),
];

#[test]
fn screens_match_the_rendered_files() {
    let env = TestEnv::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rendered");
    let update = std::env::var_os("UPDATE_RENDERED").is_some();
    let mut changed = Vec::new();
    for (name, args) in SCREENS {
        let screen = env.stdout(args);
        let path = dir.join(format!("{name}.txt"));
        if update {
            std::fs::write(&path, &screen).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if screen != expected {
            changed.push(format!(
                "--- {}\n{expected}+++ backcare {}\n{screen}",
                path.display(),
                args.join(" ")
            ));
        }
    }
    assert!(
        changed.is_empty(),
        "screens changed:\n{}",
        changed.join("\n")
    );
}
