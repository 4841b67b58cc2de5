//! Problems in files the user gave us, rendered compiler-style: `path:line:column: message`.
//!
//! Work and memory stay bounded whatever the input: a problem keeps at most
//! [`EXCERPT_CHARS`] of its line, and a [`Problems`] list keeps at most [`MAX_PER_FILE`]
//! problems a file and [`MAX_SHOWN`] in all, counting the rest.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use backcare_data::read::position;

/// The most of a line a problem shows (a file of one huge line must not print it whole).
pub const EXCERPT_CHARS: usize = 100;
/// The most problems shown for one file, and in all.
pub const MAX_PER_FILE: usize = 20;
pub const MAX_SHOWN: usize = 50;

/// Where in a file a problem is, with the part of its line to show under the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub column: usize,
    /// At most [`EXCERPT_CHARS`] characters of the line, around the column (`…` marks a cut).
    pub excerpt: String,
    /// The column within `excerpt`, for the caret.
    pub caret: usize,
}

/// A problem in a named file, with its place when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    pub place: Option<Place>,
    pub message: String,
    /// How many problems this line stands for: 1 for a problem, the number a "more problems
    /// not shown" line counts, 0 for a note. One-line reports add them up (see [`total`]).
    pub problems: usize,
}

/// How many problems a list stands for, counting those only summed up in its last line.
pub fn total(list: &[Diagnostic]) -> usize {
    list.iter().map(|diagnostic| diagnostic.problems).sum()
}

impl Diagnostic {
    /// A problem at byte range `span` of `text`, the contents of `path`.
    pub fn at(path: &str, text: &str, span: &Range<usize>, message: impl Into<String>) -> Self {
        let (line, column) = position(text, span.start);
        let start = span.start.min(text.len());
        let line_start = text[..floor_boundary(text, start)]
            .rfind('\n')
            .map_or(0, |newline| newline + 1);
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |newline| line_start + newline);
        let (excerpt, caret) = excerpt(&text[line_start..line_end], column);
        Diagnostic {
            path: path.to_string(),
            place: Some(Place {
                line,
                column,
                excerpt,
                caret,
            }),
            message: message.into(),
            problems: 1,
        }
    }

    /// A problem with the file as a whole (it cannot be read, it is too large, ...).
    pub fn file(path: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            place: None,
            message: message.into(),
            problems: 1,
        }
    }

    /// A line that is not a problem itself, such as which files were read.
    pub fn note(message: impl Into<String>) -> Self {
        Diagnostic {
            problems: 0,
            ..Diagnostic::file("", message)
        }
    }

    /// `path:line:column: message`, on one line (just the message when there is no path).
    pub fn headline(&self) -> String {
        let message = crate::sanitize::visible(&self.message);
        let path = crate::sanitize::visible(&self.path);
        match &self.place {
            Some(place) => format!("{path}:{}:{}: {message}", place.line, place.column),
            None if path.is_empty() => message.into_owned(),
            None => format!("{path}: {message}"),
        }
    }

    /// The headline followed by the offending line and a caret under the column, for a terminal.
    pub fn with_source(&self) -> String {
        let mut text = self.headline();
        if let Some(place) = &self.place {
            let gutter = place.line.to_string();
            let shown = crate::sanitize::visible(&place.excerpt);
            let pad: String = shown
                .chars()
                .take(place.caret.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = write!(
                text,
                "\n{blank} |\n{gutter} | {shown}\n{blank} | {pad}^",
                blank = " ".repeat(gutter.len())
            );
        }
        text
    }
}

/// The largest char boundary at or before `index`.
fn floor_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// At most [`EXCERPT_CHARS`] characters of `line` around `column` (1-based), and the column
/// within them.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let length = line.chars().count();
    if length <= EXCERPT_CHARS {
        return (line.to_string(), column);
    }
    let half = EXCERPT_CHARS / 2;
    let start = column
        .saturating_sub(1)
        .saturating_sub(half)
        .min(length - EXCERPT_CHARS);
    let mut cut: String = line.chars().skip(start).take(EXCERPT_CHARS).collect();
    let mut caret = column - start;
    if start > 0 {
        cut.insert(0, '…');
        caret += 1;
    }
    if start + EXCERPT_CHARS < length {
        cut.push('…');
    }
    (cut, caret)
}

/// Problems gathered across files, bounded: the first [`MAX_PER_FILE`] of each file and
/// [`MAX_SHOWN`] in all are kept, the rest only counted. Callers that build costly messages ask
/// [`Problems::wants`] first.
#[derive(Debug, Default)]
pub struct Problems {
    shown: Vec<Diagnostic>,
    per_file: HashMap<String, usize>,
    not_shown: usize,
}

impl Problems {
    /// Whether a problem in `path` would be kept; if not, it is counted.
    pub fn wants(&mut self, path: &str) -> bool {
        let in_file = self.per_file.get(path).copied().unwrap_or(0);
        if in_file >= MAX_PER_FILE || self.shown.len() >= MAX_SHOWN {
            self.not_shown += 1;
            false
        } else {
            true
        }
    }

    /// Keeps `problem` (call [`Problems::wants`] first when the message is costly).
    pub fn push(&mut self, problem: Diagnostic) {
        let in_file = self.per_file.entry(problem.path.clone()).or_default();
        if *in_file >= MAX_PER_FILE || self.shown.len() >= MAX_SHOWN {
            self.not_shown += 1;
            return;
        }
        *in_file += 1;
        self.shown.push(problem);
    }

    /// Counts `count` problems that are not shown.
    pub fn count_unshown(&mut self, count: usize) {
        self.not_shown += count;
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty() && self.not_shown == 0
    }

    /// The problems to show, with a last line counting the others.
    pub fn into_list(self) -> Vec<Diagnostic> {
        let mut list = self.shown;
        if self.not_shown > 0 {
            let plural = if self.not_shown == 1 { "" } else { "s" };
            list.push(Diagnostic {
                problems: self.not_shown,
                ..Diagnostic::file(
                    "",
                    format!(
                        "backcare: {} more problem{plural} not shown",
                        self.not_shown
                    ),
                )
            });
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_file_line_and_column() {
        let text = "a = 1\nbad = 2\n";
        let diagnostic = Diagnostic::at("f.toml", text, &(8..9), "oops");
        assert_eq!(diagnostic.headline(), "f.toml:2:3: oops");
        assert_eq!(
            diagnostic.with_source(),
            "f.toml:2:3: oops\n  |\n2 | bad = 2\n  |   ^"
        );
    }

    #[test]
    fn whole_file_problems_have_no_position() {
        assert_eq!(
            Diagnostic::file("f.toml", "is a directory").headline(),
            "f.toml: is a directory"
        );
    }

    #[test]
    fn a_long_line_is_cut_around_the_column() {
        let line = format!("{}X{}", "a".repeat(5_000), "b".repeat(5_000));
        let diagnostic = Diagnostic::at("f.toml", &line, &(5_000..5_001), "here");
        let place = diagnostic.place.as_ref().unwrap();
        assert_eq!((place.line, place.column), (1, 5_001));
        assert!(place.excerpt.chars().count() <= EXCERPT_CHARS + 2);
        assert!(place.excerpt.starts_with('…') && place.excerpt.ends_with('…'));
        assert_eq!(place.excerpt.chars().nth(place.caret - 1), Some('X'));
        assert!(diagnostic.with_source().len() < 400);
    }

    #[test]
    fn problems_are_capped_per_file_and_in_all() {
        let mut problems = Problems::default();
        for file in 0..10 {
            for _ in 0..30 {
                problems.push(Diagnostic::file(&format!("{file}.toml"), "bad"));
            }
        }
        let list = problems.into_list();
        assert_eq!(list.len(), MAX_SHOWN + 1);
        assert_eq!(
            list.iter().filter(|p| p.path == "0.toml").count(),
            MAX_PER_FILE
        );
        assert_eq!(
            list.last().unwrap().headline(),
            format!("backcare: {} more problems not shown", 300 - MAX_SHOWN)
        );
    }
}
