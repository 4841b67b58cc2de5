//! Finding and reading tips files: the user's own under the config directory, and those named
//! by `--file` or `BACKCARE_TIPS`. Reading is bounded, so a huge or endless file is refused
//! before it is read whole.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::catalog::{Catalog, Layered, UserFile};
use crate::diagnostic::{Diagnostic, Problems};
use crate::os::describe;
use backcare_data::tips::parse;

/// The largest tips file backcare reads: room for about 40,000 tips (the built-in set of 106
/// tips is about 50 KiB). With the parser's bounds on values and tables
/// ([`backcare_data::read::too_many_values`]) it bounds the memory the TOML parser can need.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A file backcare found but will not read, and why (a dangling link, a FIFO, a directory).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// The user's own tips files, in the order they are layered: `tips.toml`, then every `*.toml`
/// in `tips.d/`, sorted by name; and the ones found there that are not read. Missing files and
/// directories are simply not there. Only regular files (or links to them) are read: a FIFO
/// found here would block every shell start.
pub fn user_files(config_dir: &Path) -> (Vec<PathBuf>, Vec<Skipped>) {
    let mut candidates = vec![config_dir.join("tips.toml")];
    if let Ok(entries) = std::fs::read_dir(config_dir.join("tips.d")) {
        let mut extra: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        extra.sort();
        candidates.extend(extra);
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in candidates {
        match regular_file_problem(&path) {
            None => files.push(path),
            Some(reason) if !reason.is_empty() => skipped.push(Skipped { path, reason }),
            Some(_) => {}
        }
    }
    (files, skipped)
}

/// Why `path` is not a regular file to read: `None` when it is one, an empty reason when
/// nothing is there at all.
fn regular_file_problem(path: &Path) -> Option<String> {
    let link = match std::fs::symlink_metadata(path) {
        Err(_) => return Some(String::new()),
        Ok(metadata) => metadata.file_type().is_symlink(),
    };
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => None,
        Ok(metadata) => Some(format!(
            "is {}, not a regular file",
            kind(metadata.file_type())
        )),
        Err(error) if link && error.kind() == io::ErrorKind::NotFound => {
            Some("is a symbolic link to a file that does not exist".to_string())
        }
        Err(error) if link => Some(format!(
            "is a symbolic link that cannot be followed ({})",
            describe(&error)
        )),
        Err(error) => Some(describe(&error)),
    }
}

/// What a file that is not a regular file is.
fn kind(file_type: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_fifo() {
        "a FIFO (named pipe)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "a device"
    } else {
        "not a plain file"
    }
}

/// Opens `path` for reading only if it is a regular file (links are followed). Opening never
/// waits: it does not block on a FIFO, and what was opened is checked before anything is read.
pub fn open_regular(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(crate::os::O_NONBLOCK)
        .open(path)?;
    let file_type = file.metadata()?.file_type();
    if file_type.is_file() {
        Ok(file)
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("is {}, not a regular file", kind(file_type)),
        ))
    }
}

/// Every tips file backcare loads, in layering order: the user's own (see [`user_files`]),
/// then the files named explicitly (see [`named_files`]).
pub fn tip_files(config_dir: Option<&Path>, explicit: &[PathBuf]) -> Vec<PathBuf> {
    let mut paths = config_dir.map(|dir| user_files(dir).0).unwrap_or_default();
    paths.extend(named_files(explicit));
    paths
}

/// The files named explicitly: those in `BACKCARE_TIPS` (separated by ':'), then `explicit`
/// (`--file`). Unlike files found on their own, these must be readable and valid.
pub fn named_files(explicit: &[PathBuf]) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if let Some(list) = std::env::var_os("BACKCARE_TIPS") {
        paths.extend(std::env::split_paths(&list).filter(|path| !path.as_os_str().is_empty()));
    }
    paths.extend(explicit.iter().cloned());
    paths
}

/// Builds the catalog from the built-in set (unless left out) and `paths`, reporting every
/// problem in every file (bounded: see [`Problems`]).
pub fn load(with_builtin: bool, paths: &[PathBuf]) -> Result<Catalog, Vec<Diagnostic>> {
    load_layered(with_builtin, paths).map(|layered| layered.catalog)
}

/// [`load`] for `tip`, which shows a tip and uses no exercise or routine: those of the files
/// are read (a file that does not parse is still a problem) but not built into the catalog,
/// nor are the built-in ones.
pub fn load_tips(with_builtin: bool, paths: &[PathBuf]) -> Result<Catalog, Vec<Diagnostic>> {
    load_with(with_builtin, paths, true).map(|layered| layered.catalog)
}

/// Like [`load`], with the warnings found while layering (for `check`).
pub fn load_layered(with_builtin: bool, paths: &[PathBuf]) -> Result<Layered, Vec<Diagnostic>> {
    load_with(with_builtin, paths, false)
}

fn load_with(
    with_builtin: bool,
    paths: &[PathBuf],
    tips_only: bool,
) -> Result<Layered, Vec<Diagnostic>> {
    let mut problems = Problems::default();
    let mut files = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        match read_limited(path, "tips file") {
            Err(problem) => problems.push(problem),
            Ok(text) => {
                let (mut parsed, found) = parse(&text, Some(&shown));
                if tips_only {
                    parsed.exercises.clear();
                    parsed.routines.clear();
                }
                let unreported = parsed.unreported;
                let problem_free = found.is_empty();
                // What did parse is layered even beside problems, so that one run also finds
                // what only the layering can (an undeclared topic).
                files.push(UserFile {
                    path: shown.clone(),
                    text: text.clone(),
                    parsed,
                });
                if problem_free {
                    continue;
                }
                for problem in found {
                    if problems.wants(&shown) {
                        problems.push(Diagnostic::at(
                            &shown,
                            &text,
                            &problem.span,
                            problem.message,
                        ));
                    }
                }
                problems.count_unshown(unreported);
            }
        }
    }
    let base = match (with_builtin, tips_only) {
        (true, false) => Catalog::builtin(),
        (true, true) => Catalog::builtin_tips(),
        (false, _) => Catalog::default(),
    };
    let layered = base.layer(files);
    if problems.is_empty() {
        return layered;
    }
    let mut list = problems.into_list();
    if let Err(more) = layered {
        list.extend(more);
    }
    Err(list)
}

/// Reads a whole regular file as UTF-8 text, refusing anything else (a directory, a FIFO),
/// files over [`MAX_FILE_BYTES`] and invalid UTF-8 with a problem that names the file (and the
/// place, for bad bytes). `what` names the kind of file in messages ("tips file").
pub fn read_limited(path: &Path, what: &str) -> Result<String, Diagnostic> {
    let shown = path.display().to_string();
    let fail = |error: io::Error| Diagnostic::file(&shown, describe(&error));
    let file = open_regular(path).map_err(fail)?;
    let length = file.metadata().map_err(fail)?.len();
    let too_large = || {
        Diagnostic::file(
            &shown,
            format!(
                "is larger than {} KiB, the limit for a {what}",
                MAX_FILE_BYTES / 1024
            ),
        )
    };
    if length > MAX_FILE_BYTES {
        return Err(too_large());
    }
    // `take` also bounds a file that grows while it is read.
    let mut bytes = Vec::with_capacity(length as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&error.as_bytes()[..valid]).into_owned();
        Diagnostic::at(
            &shown,
            &prefix,
            &(valid..valid),
            format!("is not valid UTF-8 text ({what}s must be UTF-8)"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_directories_and_bad_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let problem = read_limited(dir.path(), "tips file").unwrap_err();
        assert!(problem.message.contains("directory"), "{problem:?}");
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, b"[[tips]]\nid = \"a\xff\"\n").unwrap();
        let problem = read_limited(&bad, "tips file").unwrap_err();
        assert_eq!(
            problem.place.as_ref().map(|p| (p.line, p.column)),
            Some((2, 8))
        );
    }

    #[test]
    fn refuses_files_over_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; MAX_FILE_BYTES as usize + 1]).unwrap();
        assert!(
            read_limited(&big, "tips file")
                .unwrap_err()
                .message
                .contains("larger than 4096 KiB")
        );
    }

    #[test]
    fn finds_user_files_in_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("tips.d")).unwrap();
        for name in [
            "tips.toml",
            "tips.d/b.toml",
            "tips.d/a.toml",
            "tips.d/notes.txt",
        ] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let names: Vec<String> = user_files(dir.path())
            .0
            .iter()
            .map(|path| path.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["tips.toml", "tips.d/a.toml", "tips.d/b.toml"]);
    }
}
