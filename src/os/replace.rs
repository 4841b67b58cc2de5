//! Changing a file that holds the user's choices (the list of hidden tips, the state) so that
//! nothing is lost: runs take turns under an advisory lock beside the file ([`lock_beside`]),
//! and the new contents are written to a temporary file with a name of its own, synced, then
//! renamed over the old one ([`replace_file`]), so a reader sees the old contents or the new,
//! never a mix, and no run ever removes another run's temporary file.
#![deny(unsafe_code)]

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// `NAME` beside `path`, locked exclusively (`flock`), made with its directory if need be.
/// `Ok(None)`: another run still held it after `wait`.
pub fn lock_beside(path: &Path, name: &str, wait: Duration) -> io::Result<Option<File>> {
    let lock_path = path.with_file_name(name);
    let open = || {
        use std::os::unix::fs::OpenOptionsExt;
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            // Never wait on a FIFO or device planted in its place.
            .custom_flags(crate::os::O_NONBLOCK)
            .open(&lock_path)?;
        regular(file, &lock_path)
    };
    let file = match open() {
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            // The first run: the directory is made here.
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)?;
            }
            open()?
        }
        other => other?,
    };
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Some(file)),
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < wait => {
                sleep(Duration::from_millis(2));
            }
            Err(fs::TryLockError::WouldBlock) => return Ok(None),
            Err(fs::TryLockError::Error(error)) => return Err(error),
        }
    }
}

/// How much a replace must survive.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// A choice the user made (the hidden list): synced to disk before the rename, and the
    /// directory after it, so a crash leaves the old file or the new, never an empty one.
    Synced,
    /// A convenience (the state, rebuilt when lost): no sync, which would cost a shell start
    /// about half a millisecond.
    Unsynced,
}

/// Replaces the file at `path` with `contents`. The caller holds the file's lock.
///
/// A symbolic link (a dotfiles set-up) is kept: the file it points to is replaced, and an
/// existing file keeps its permissions. The temporary file is made beside the target with a
/// unique name (never through an existing file or link) and removed by this run if anything
/// fails; with [`Durability::Synced`] it is synced before the rename.
pub fn replace_file(path: &Path, contents: &[u8], durability: Durability) -> io::Result<()> {
    let target = resolve_links(path)?;
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    if let Ok(metadata) = fs::metadata(&target) {
        temporary
            .as_file()
            .set_permissions(metadata.permissions())?;
    }
    temporary.write_all(contents)?;
    if durability == Durability::Synced {
        temporary.as_file().sync_all()?;
    }
    // On failure the temporary file is dropped, which removes it.
    temporary.persist(&target).map_err(|error| error.error)?;
    // The rename is durable once the directory is synced.
    if durability == Durability::Synced {
        sync_dir(&dir);
    }
    Ok(())
}

/// Appends `bytes` to the file at `path` in one write and syncs it to disk (and, for a new
/// file, its directory). A new file is made readable by its owner only (mode 0600). A write
/// that fails part-way (a full disk) is cut back, so the file is left as it was.
pub fn append_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .custom_flags(crate::os::O_NONBLOCK)
        .open(path)?;
    let mut file = regular(file, path)?;
    let before = file.metadata()?.len();
    if let Err(error) = file.write_all(bytes).and_then(|()| file.sync_data()) {
        let _ = file.set_len(before);
        let _ = file.sync_data();
        return Err(error);
    }
    if before == 0
        && let Some(dir) = path.parent()
    {
        sync_dir(dir);
    }
    Ok(())
}

/// `file`, opened at `path`, if it is a regular file (not a FIFO or device planted there).
fn regular(file: File, path: &Path) -> io::Result<File> {
    match file.metadata()?.is_file() {
        true => Ok(file),
        false => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a regular file", path.display()),
        )),
    }
}

/// Makes a rename or a new file in `dir` durable. A directory that cannot be opened (an odd
/// file system) does not undo the write.
fn sync_dir(dir: &Path) {
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
}

/// `path` with every symbolic link at its end followed (a missing target is where the file
/// will be made). Links are followed at most 40 times, as the kernel does.
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_link_is_kept_and_its_target_replaced_with_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("dotfiles/hidden.toml");
        fs::create_dir_all(real.parent().unwrap()).unwrap();
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("hidden.toml");
        std::os::unix::fs::symlink("dotfiles/hidden.toml", &link).unwrap();
        replace_file(&link, b"new", Durability::Synced).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let left: Vec<_> = fs::read_dir(real.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn another_runs_temporary_file_is_never_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hidden.toml");
        let other = dir.path().join("hidden.toml.tmp");
        fs::write(&other, "someone else's").unwrap();
        replace_file(&path, b"mine", Durability::Unsynced).unwrap();
        assert_eq!(fs::read_to_string(&other).unwrap(), "someone else's");
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
    }
}
