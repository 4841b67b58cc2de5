//! What the shells are offered while completing `--topic` and `show`: topic names (with
//! their titles) and tip ids, from the built-in set and the user's files. Kept apart from
//! `cli` (which names these functions) and from the `completions` command (which needs `cli`),
//! so neither imports the other.

use clap_complete::engine::CompletionCandidate;

use crate::hidden::Hidden;
use crate::paths::Paths;
use crate::sanitize::one_line;
use crate::tips::{Catalog, files};

/// The tips a completing shell can see: the built-in set and the user's files; a broken file
/// simply contributes nothing.
fn catalog() -> Catalog {
    let paths = files::tip_files(Paths::from_environment().config_dir.as_deref(), &[]);
    files::load(true, &paths).unwrap_or_else(|_| Catalog::builtin())
}

pub fn topic_candidates() -> Vec<CompletionCandidate> {
    catalog()
        .topics
        .into_iter()
        // Titles come from shared files: what a shell shows while completing is made safe too.
        .map(|topic| {
            CompletionCandidate::new(one_line(&topic.name))
                .help(Some(one_line(&topic.title).into()))
        })
        .collect()
}

pub fn id_candidates() -> Vec<CompletionCandidate> {
    catalog()
        .tips
        .into_iter()
        .map(|tip| CompletionCandidate::new(one_line(&tip.id)))
        .collect()
}

/// The tips the user hid, for `unhide`.
pub fn hidden_candidates() -> Vec<CompletionCandidate> {
    Paths::from_environment()
        .hidden_file()
        .and_then(|path| Hidden::load(&path).ok())
        .unwrap_or_default()
        .ids
        .iter()
        .map(|id| CompletionCandidate::new(one_line(id)))
        .collect()
}

/// Routine names, with their names as help, for `stretch`.
pub fn routine_candidates() -> Vec<CompletionCandidate> {
    catalog()
        .routines
        .into_iter()
        .map(|routine| {
            CompletionCandidate::new(one_line(&routine.id))
                .help(Some(one_line(&routine.name).into()))
        })
        .collect()
}

/// The keys of the config file.
pub fn setting_candidates() -> Vec<CompletionCandidate> {
    backcare_data::Setting::NAMES
        .iter()
        .map(|name| CompletionCandidate::new(*name))
        .collect()
}

/// The places of the pain diary, with their names as help, for `log --where`.
pub fn place_candidates() -> Vec<CompletionCandidate> {
    crate::diary::words()
        .map(|words| words.places)
        .unwrap_or_default()
        .into_iter()
        .map(|place| CompletionCandidate::new(place.id).help(Some(place.name.into())))
        .collect()
}
