//! Replacing a small file whole, so that a reader sees the old contents or the new, never a
//! mix: the state file and the list of hidden tips are written this way.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// Writes `contents` to a temporary file beside `path` (`NAME.tmp`), created exclusively, then
/// renames it over `path`. The caller must be the only writer (the state holds a lock).
pub fn replace_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    let temporary = path.with_file_name(format!(
        "{}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy()
    ));
    // `create_new` never follows a link. A file already there was left by a run killed
    // between writing and renaming (or planted): it is removed and the creation tried once
    // more.
    let create = || {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
    };
    let file = match create() {
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(&temporary)?;
            create()
        }
        other => other,
    };
    let renamed = file
        .and_then(|mut file| file.write_all(contents))
        .and_then(|()| fs::rename(&temporary, path));
    if renamed.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    renamed
}
