//! The pain diary: the user's own record of their back, kept in
//! `$XDG_DATA_HOME/backcare/diary.tsv`, never sent anywhere.
//!
//! The file is plain text a person can read and a spreadsheet can open: lines starting with
//! `#` are comments, the line `id time kind score where helped note` (tab-separated) names the columns,
//! and every other line is one entry, its fields separated by tabs:
//!
//! - `id`: a number, unique in the file, that `diary edit` and `diary remove` take;
//! - `time`: when it was, as the person's clock said, with its offset from UTC
//!   (`2026-11-30T21:00:00+00:00`);
//! - `kind`: `pain` (with a score) or `question` (one to ask at the next appointment);
//! - `score`: 0 (no pain) to 10 (the worst imaginable), empty for a question;
//! - `where`: places from `diary.toml`, separated by commas (`lower-back,hip`);
//! - `helped`, `note`: free text, with `\t`, `\n` and `\\` standing for a tab, a new line and
//!   a backslash.
//!
//! A line backcare cannot read (typed by hand, or written by a newer version) is kept as it
//! is and reported with its number; no rewrite ever drops it.

pub mod chart;
pub mod when;

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use jiff::civil::DateTime;

pub use backcare_data::diary::{Place, Words};

use crate::error::Error;
use crate::os::describe;
use crate::os::replace::{self, Durability};

/// The columns, as the file's column line names them.
pub const COLUMNS: [&str; 7] = ["id", "time", "kind", "score", "where", "helped", "note"];
/// The most a note, a question or what helped may hold, in characters.
pub const MAX_TEXT_CHARS: usize = 1000;
/// The largest diary file read: years of daily entries are a few MiB.
const MAX_FILE_BYTES: u64 = 64 << 20;
/// How long a run waits for another one writing the diary.
const LOCK_WAIT: Duration = Duration::from_secs(10);
const INTRO: &str = "# backcare pain diary: yours, kept on this computer only. One entry per line, fields separated by tabs.\n# Edit with care, or use `backcare diary edit ID` and `backcare diary remove ID`; see `man backcare` (DIARY).\n";

const WORDS: &str = include_str!("../../diary.toml");

/// The diary's words. `build.rs` has checked them, so this does not fail in a released
/// binary; it still returns a message rather than panic.
pub fn words() -> Result<Words, Error> {
    Words::parse(WORDS).map_err(|error| Error::Other(format!("the built-in diary.toml: {error}")))
}

/// The places as a sentence says them: "lower back, hip and leg".
pub fn place_names(words: &Words, ids: &[String]) -> String {
    let names: Vec<String> = ids
        .iter()
        .map(|id| {
            words
                .place(id)
                .map_or_else(|| crate::sanitize::one_line(id), |place| place.name.clone())
        })
        .collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Places from `--where`, each one the diary knows.
pub fn checked_places(words: &Words, given: &[String]) -> Result<Vec<String>, String> {
    let mut places: Vec<String> = Vec::new();
    for place in given
        .iter()
        .map(|place| place.trim().to_ascii_lowercase().replace(' ', "-"))
    {
        if place.is_empty() || places.contains(&place) {
            continue;
        }
        if words.place(&place).is_none() {
            let ids = words.places.iter().map(|place| place.id.as_str());
            return Err(format!(
                "no place `{}`{}; the places are {}",
                crate::sanitize::visible(&place),
                crate::suggest::did_you_mean(&place, ids.clone()),
                ids.collect::<Vec<_>>().join(", ")
            ));
        }
        places.push(place);
    }
    Ok(places)
}

/// Free text from the command line: control characters other than tabs and line breaks are
/// dropped, and it may not be longer than the diary keeps.
pub fn clean_text(option: &str, given: &str) -> Result<String, Error> {
    let kept: String = given
        .trim()
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    if kept.chars().count() > MAX_TEXT_CHARS {
        return Err(Error::Usage(format!(
            "{option} is longer than {} characters",
            MAX_TEXT_CHARS
        )));
    }
    Ok(kept)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Pain(u8),
    Question,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: u64,
    /// The time as the file holds it.
    pub time: String,
    pub at: Timestamp,
    /// The time on the person's clock when it was.
    pub local: DateTime,
    pub kind: Kind,
    pub places: Vec<String>,
    pub helped: String,
    pub note: String,
}

/// A line of the file: an entry, or anything else (comments, the column line, a line that
/// cannot be read), kept as it is.
#[derive(Clone, Debug)]
pub enum Line {
    Entry(Entry),
    Kept(String),
}

/// A line that could not be read: its number (from 1) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub line: usize,
    pub why: String,
}

#[derive(Clone, Debug, Default)]
pub struct Diary {
    pub lines: Vec<Line>,
    pub unreadable: Vec<Unreadable>,
}

impl Diary {
    pub fn parse(text: &str) -> Diary {
        let mut diary = Diary::default();
        let mut ids = std::collections::HashSet::new();
        // Kept lines keep everything, a carriage return too; an entry is read without it.
        for (index, line) in text.split_terminator('\n').enumerate() {
            if line.starts_with('#')
                || line.trim_end() == COLUMNS.join("\t")
                || line.trim().is_empty()
            {
                diary.lines.push(Line::Kept(line.to_string()));
                continue;
            }
            match Entry::parse(line.strip_suffix('\r').unwrap_or(line)) {
                Ok(entry) if ids.insert(entry.id) => diary.lines.push(Line::Entry(entry)),
                Ok(entry) => {
                    diary.unreadable.push(Unreadable {
                        line: index + 1,
                        why: format!("the id {} is used by an earlier line", entry.id),
                    });
                    diary.lines.push(Line::Kept(line.to_string()));
                }
                Err(why) => {
                    diary.unreadable.push(Unreadable {
                        line: index + 1,
                        why,
                    });
                    diary.lines.push(Line::Kept(line.to_string()));
                }
            }
        }
        diary
    }

    /// The diary at `path`; a missing file is an empty diary.
    pub fn load(path: &Path) -> Result<Diary, Error> {
        read_text(path).map(|text| Diary::parse(&text.unwrap_or_default()))
    }

    /// Every entry, in the order of the file.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.lines.iter().filter_map(|line| match line {
            Line::Entry(entry) => Some(entry),
            Line::Kept(_) => None,
        })
    }

    pub fn get(&self, id: u64) -> Option<&Entry> {
        self.entries().find(|entry| entry.id == id)
    }

    pub fn get_mut(&mut self, id: u64) -> Option<&mut Entry> {
        self.lines.iter_mut().find_map(|line| match line {
            Line::Entry(entry) if entry.id == id => Some(entry),
            _ => None,
        })
    }

    /// Takes the entry out of the diary; every other line stays where it was.
    pub fn remove(&mut self, id: u64) -> Option<Entry> {
        let at = self
            .lines
            .iter()
            .position(|line| matches!(line, Line::Entry(entry) if entry.id == id))?;
        match self.lines.remove(at) {
            Line::Entry(entry) => Some(entry),
            Line::Kept(_) => None,
        }
    }

    /// The file's text: every line as it was read or changed, kept lines untouched.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for line in &self.lines {
            match line {
                Line::Entry(entry) => text.push_str(&entry.line()),
                Line::Kept(kept) => text.push_str(kept),
            }
            text.push('\n');
        }
        text
    }

    /// What `diary` and `check` say about the lines they cannot read.
    pub fn problems(&self, path: &Path) -> Vec<String> {
        self.unreadable
            .iter()
            .map(|unreadable| {
                format!(
                    "{}:{}: {}; the line is kept as it is",
                    path.display(),
                    unreadable.line,
                    unreadable.why
                )
            })
            .collect()
    }
}

/// An entry as `--json` prints it.
#[derive(serde::Serialize)]
pub struct EntryObject<'a> {
    pub id: u64,
    pub time: &'a str,
    pub kind: &'static str,
    pub score: Option<u8>,
    #[serde(rename = "where")]
    pub places: &'a [String],
    pub helped: &'a str,
    pub note: &'a str,
}

impl Entry {
    pub fn object(&self) -> EntryObject<'_> {
        let (kind, score) = match self.kind {
            Kind::Pain(score) => ("pain", Some(score)),
            Kind::Question => ("question", None),
        };
        EntryObject {
            id: self.id,
            time: &self.time,
            kind,
            score,
            places: &self.places,
            helped: &self.helped,
            note: &self.note,
        }
    }

    fn parse(line: &str) -> Result<Entry, String> {
        let fields: Vec<&str> = line.split('\t').collect();
        let [id, time, kind, score, places, helped, note] = fields[..] else {
            return Err(format!(
                "{} fields where 7 were expected ({})",
                fields.len(),
                COLUMNS.join(", ")
            ));
        };
        let id = id
            .parse::<u64>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or("the id is not a whole number above 0")?;
        let at: Timestamp = time
            .parse()
            .map_err(|_| "the time is not a date and time with its offset, such as 2026-11-30T21:00:00+00:00")?;
        // `Z` (UTC, written by hand) has no local time of its own: UTC's is taken.
        let local: DateTime = time
            .parse()
            .unwrap_or_else(|_| jiff::tz::Offset::UTC.to_datetime(at));
        let kind = match (kind, score) {
            ("pain", score) => Kind::Pain(
                score
                    .parse::<u8>()
                    .ok()
                    .filter(|score| *score <= 10)
                    .ok_or("the score is not a whole number from 0 to 10")?,
            ),
            ("question", "") => Kind::Question,
            ("question", _) => return Err("a question has no score".to_string()),
            _ => return Err("the kind is neither `pain` nor `question`".to_string()),
        };
        let places: Vec<String> = places
            .split(',')
            .filter(|place| !place.is_empty())
            .map(str::to_string)
            .collect();
        Ok(Entry {
            id,
            time: time.to_string(),
            at,
            local,
            kind,
            places,
            helped: unescape(helped)?,
            note: unescape(note)?,
        })
    }

    /// The entry as a line of the file (without its line break).
    pub fn line(&self) -> String {
        let (kind, score) = match self.kind {
            Kind::Pain(score) => ("pain", score.to_string()),
            Kind::Question => ("question", String::new()),
        };
        [
            self.id.to_string(),
            self.time.clone(),
            kind.to_string(),
            score,
            self.places.join(","),
            escape(&self.helped),
            escape(&self.note),
        ]
        .join("\t")
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            _ => return Err("a backslash that is not \\\\, \\t, \\n or \\r".to_string()),
        }
    }
    Ok(out)
}

/// The file's bytes, `None` if there is none yet; a file too large to be a diary is an error.
fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>, Error> {
    let cannot = |error: io::Error| {
        Error::Other(format!(
            "cannot read the diary {}: {}",
            path.display(),
            describe(&error)
        ))
    };
    match fs::metadata(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(cannot(error)),
        Ok(metadata) if !metadata.is_file() => {
            return Err(Error::Other(format!(
                "the diary {} is not a regular file",
                path.display()
            )));
        }
        Ok(metadata) if metadata.len() > MAX_FILE_BYTES => {
            return Err(Error::Other(format!(
                "the diary {} is larger than {} MiB; is it the right file?",
                path.display(),
                MAX_FILE_BYTES >> 20
            )));
        }
        Ok(_) => {}
    }
    fs::read(path).map(Some).map_err(cannot)
}

/// The file's text, `None` if there is none yet. A byte that is not UTF-8 (a stray edit)
/// spoils one line, not the diary.
fn read_text(path: &Path) -> Result<Option<String>, Error> {
    let bytes = read_bytes(path)?;
    Ok(bytes.map(|bytes| match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    }))
}

/// The lines of the diary at `path` that cannot be read, as problems with their places,
/// for `check` (at most [`MAX_PROBLEMS`](backcare_data::read::MAX_PROBLEMS)).
/// A diary that cannot be read at all is one problem.
pub fn diagnostics(path: &Path) -> Vec<crate::diagnostic::Diagnostic> {
    let name = path.display().to_string();
    let text = match read_text(path) {
        Ok(Some(text)) => text,
        Ok(None) => return Vec::new(),
        Err(Error::Other(message)) => {
            return vec![crate::diagnostic::Diagnostic::file(&name, message)];
        }
        Err(_) => return Vec::new(),
    };
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(at, _)| at + 1))
        .collect();
    Diary::parse(&text)
        .unreadable
        .iter()
        .take(backcare_data::read::MAX_PROBLEMS)
        .map(|unreadable| {
            let start = starts[unreadable.line - 1];
            let end = text[start..].find('\n').map_or(text.len(), |at| start + at);
            let message = format!("{}; the line is kept as it is", unreadable.why);
            crate::diagnostic::Diagnostic::at(&name, &text, &(start..end), message)
        })
        .collect()
}

/// Holds the diary's lock while a change is made, so that runs take turns.
fn locked(path: &Path) -> Result<fs::File, Error> {
    match replace::lock_beside(path, "diary.lock", LOCK_WAIT) {
        Ok(Some(lock)) => Ok(lock),
        Ok(None) => Err(Error::Other(format!(
            "another backcare run is still writing the diary {}; try again",
            path.display()
        ))),
        Err(error) => Err(Error::Other(format!(
            "cannot lock the diary {}: {}",
            path.display(),
            describe(&error)
        ))),
    }
}

/// Adds an entry made by `make` from the next free id, in one synced write under the lock,
/// and returns it: once this returns, the entry is on disk.
pub fn append(path: &Path, make: impl FnOnce(u64) -> Entry) -> Result<Entry, Error> {
    let _lock = locked(path)?;
    let file = read_bytes(path)?;
    let last = file.as_deref().map_or(0, last_id);
    let entry = make(last + 1);
    let mut bytes = String::new();
    match file.as_deref() {
        None => {
            bytes.push_str(INTRO);
            bytes.push_str(&COLUMNS.join("\t"));
            bytes.push('\n');
        }
        // A last line without its line break (typed by hand) keeps a line of its own.
        Some(file) if !file.is_empty() && !file.ends_with(b"\n") => bytes.push('\n'),
        Some(_) => {}
    }
    let _ = writeln!(bytes, "{}", entry.line());
    replace::append_synced(path, bytes.as_bytes()).map_err(|error| {
        Error::Other(format!(
            "cannot save to the diary {}: {}; nothing was saved",
            path.display(),
            describe(&error)
        ))
    })?;
    Ok(entry)
}

/// The highest id in the file (only the ids are read, as bytes: this runs at every `log`).
fn last_id(file: &[u8]) -> u64 {
    file.split(|byte| *byte == b'\n')
        .filter_map(|line| {
            let id = &line[..line.iter().position(|byte| *byte == b'\t')?];
            std::str::from_utf8(id).ok()?.parse::<u64>().ok()
        })
        .max()
        .unwrap_or(0)
}

/// Changes the diary with `change` under the lock, then replaces the file (synced, through a
/// temporary file of its own): the old file stays whole until the new one is.
pub fn rewrite<T>(
    path: &Path,
    change: impl FnOnce(&mut Diary) -> Result<T, Error>,
) -> Result<T, Error> {
    let _lock = locked(path)?;
    let mut diary = Diary::parse(&read_text(path)?.unwrap_or_default());
    let done = change(&mut diary)?;
    replace::replace_file(path, diary.text().as_bytes(), Durability::Synced).map_err(|error| {
        Error::Other(format!(
            "cannot rewrite the diary {}: {}; it is as it was",
            path.display(),
            describe(&error)
        ))
    })?;
    Ok(done)
}

/// Removes the diary file (under its lock). `Ok(false)`: there was none.
pub fn forget(path: &Path) -> Result<bool, Error> {
    let _lock = locked(path)?;
    match fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(error) => Err(Error::Other(format!(
            "cannot remove the diary {}: {}",
            path.display(),
            describe(&error)
        ))),
    }
}

/// Where the diary is, or why it cannot be kept.
pub fn path(paths: &crate::paths::Paths) -> Result<PathBuf, Error> {
    paths.diary_file().ok_or_else(|| {
        Error::Other(
            "no place for the diary: set HOME or XDG_DATA_HOME to an absolute path".to_string(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: u64, note: &str) -> Entry {
        let time = "2026-11-30T21:00:00+01:00";
        Entry {
            id,
            time: time.to_string(),
            at: time.parse().unwrap(),
            local: time.parse().unwrap(),
            kind: Kind::Pain(6),
            places: vec!["lower-back".to_string(), "hip".to_string()],
            helped: "heat\tand rest".to_string(),
            note: note.to_string(),
        }
    }

    #[test]
    fn an_entry_reads_back_as_it_was_written() {
        let written = entry(3, "line one\nline two \\ back\\n");
        let read = Diary::parse(&written.line());
        assert!(read.unreadable.is_empty(), "{:?}", read.unreadable);
        assert_eq!(read.get(3), Some(&written));
        assert_eq!(written.local.hour(), 21);
    }

    #[test]
    fn lines_it_cannot_read_are_kept_and_reported() {
        let text = "# mine\nid\ttime\tkind\tscore\twhere\thelped\tnote\nwritten by hand\n2\t2026-11-30T21:00:00Z\tpain\t11\t\t\t\n";
        let diary = Diary::parse(text);
        assert_eq!(diary.text(), text);
        let lines: Vec<usize> = diary.unreadable.iter().map(|u| u.line).collect();
        assert_eq!(lines, [3, 4]);
        assert!(diary.unreadable[1].why.contains("score"));
    }

    #[test]
    fn the_last_id_is_found_among_lines_of_any_kind() {
        assert_eq!(last_id(b"# x\n3\tz\n12\t...\nnot\n7\tq"), 12);
        assert_eq!(last_id(b""), 0);
    }
}
