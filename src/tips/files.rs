//! Finding and reading tips files: the user's own under the config directory, and those named
//! by `--file` or `BACKCARE_TIPS`. Reading is bounded, so a huge or endless file is refused
//! before it is read whole.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::catalog::{Catalog, UserFile};
use super::parse::parse;
use crate::diagnostic::Diagnostic;

/// The largest tips file backcare reads. Real tips files are a few kilobytes (the built-in set
/// of 81 tips is 34 KiB); the limit also bounds the memory the TOML parser can need, which is
/// many times a file's size for files of tiny values (about 23 MiB at most, measured).
pub const MAX_FILE_BYTES: u64 = 256 * 1024;
/// A file of junk can hold thousands of problems; past this many, only their number is told.
const MAX_PROBLEMS_SHOWN: usize = 20;

/// The user's own tips files, in the order they are layered: `tips.toml`, then every `*.toml`
/// in `tips.d/`, sorted by name. Missing files and directories are simply not there. Only
/// regular files count: a FIFO found here would block every shell start. (A file named with
/// `--file` may be anything readable, such as `<(command)`.)
pub fn user_files(config_dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let main = config_dir.join("tips.toml");
    if main.is_file() {
        files.push(main);
    }
    if let Ok(entries) = std::fs::read_dir(config_dir.join("tips.d")) {
        let mut extra: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml") && path.is_file())
            .collect();
        extra.sort();
        files.extend(extra);
    }
    files
}

/// Every tips file backcare loads, in layering order: the user's own (see [`user_files`]),
/// then those in `BACKCARE_TIPS` (separated by ':'), then `explicit` (`--file`).
pub fn tip_files(config_dir: Option<&Path>, explicit: &[PathBuf]) -> Vec<PathBuf> {
    let mut paths = config_dir.map(user_files).unwrap_or_default();
    if let Some(list) = std::env::var_os("BACKCARE_TIPS") {
        paths.extend(std::env::split_paths(&list).filter(|path| !path.as_os_str().is_empty()));
    }
    paths.extend(explicit.iter().cloned());
    paths
}

/// Builds the catalog from the built-in set (unless left out) and `paths`, reporting every
/// problem in every file.
pub fn load(with_builtin: bool, paths: &[PathBuf]) -> Result<Catalog, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        match read_limited(path) {
            Err(problem) => problems.push(problem),
            Ok(text) => {
                let (parsed, found) = parse(&text, Some(&shown));
                if found.is_empty() {
                    files.push(UserFile {
                        path: shown,
                        text,
                        parsed,
                    });
                } else {
                    problems.extend(found.iter().take(MAX_PROBLEMS_SHOWN).map(|problem| {
                        Diagnostic::at(&shown, &text, &problem.span, &problem.message)
                    }));
                    if found.len() > MAX_PROBLEMS_SHOWN {
                        let more = found.len() - MAX_PROBLEMS_SHOWN;
                        problems.push(Diagnostic::file(
                            &shown,
                            format!("{more} more problems not shown; is this a tips file?"),
                        ));
                    }
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let base = if with_builtin {
        Catalog::builtin()
    } else {
        Catalog::default()
    };
    base.layer(&files)
}

/// Reads a whole file as UTF-8 text, refusing directories, files over [`MAX_FILE_BYTES`] and
/// invalid UTF-8 with a problem that names the file (and the place, for bad bytes).
pub fn read_limited(path: &Path) -> Result<String, Diagnostic> {
    let shown = path.display().to_string();
    let fail = |error: io::Error| Diagnostic::file(&shown, describe(&error));
    let file = File::open(path).map_err(fail)?;
    let metadata = file.metadata().map_err(fail)?;
    if metadata.is_dir() {
        return Err(Diagnostic::file(&shown, "is a directory, not a tips file"));
    }
    let too_large = || {
        Diagnostic::file(
            &shown,
            format!(
                "is larger than {} KiB, the limit for a tips file",
                MAX_FILE_BYTES / 1024
            ),
        )
    };
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    // `take` also bounds files whose size the metadata does not tell (pipes, devices).
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
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
            "is not valid UTF-8 text (tips files must be UTF-8)",
        )
    })
}

/// A short, lower-case description of an I/O error, without Rust's "(os error N)".
pub fn describe(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory, not a file".to_string(),
        io::ErrorKind::NotADirectory => "a part of the path is not a directory".to_string(),
        _ => {
            let text = error.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text);
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text.to_string(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_directories_and_bad_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let problem = read_limited(dir.path()).unwrap_err();
        assert!(problem.message.contains("directory"), "{problem:?}");
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, b"[[tips]]\nid = \"a\xff\"\n").unwrap();
        let problem = read_limited(&bad).unwrap_err();
        assert_eq!(problem.place.as_ref().map(|p| (p.0, p.1)), Some((2, 8)));
    }

    #[test]
    fn refuses_files_over_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; MAX_FILE_BYTES as usize + 1]).unwrap();
        assert!(
            read_limited(&big)
                .unwrap_err()
                .message
                .contains("larger than 256 KiB")
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
            .iter()
            .map(|path| path.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["tips.toml", "tips.d/a.toml", "tips.d/b.toml"]);
    }
}
