//! Problems in files the user gave us, rendered compiler-style: `path:line:column: message`.

use std::fmt::Write as _;
use std::ops::Range;

use crate::tips::parse::position;

/// A problem in a named file, with its place when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    /// Line, column and the text of that line.
    pub place: Option<(usize, usize, String)>,
    pub message: String,
}

impl Diagnostic {
    /// A problem at byte range `span` of `text`, the contents of `path`.
    pub fn at(path: &str, text: &str, span: &Range<usize>, message: impl Into<String>) -> Self {
        let (line, column) = position(text, span.start);
        let line_text = text.lines().nth(line - 1).unwrap_or("").to_string();
        Diagnostic {
            path: path.to_string(),
            place: Some((line, column, line_text)),
            message: message.into(),
        }
    }

    /// A problem with the file as a whole (it cannot be read, it is too large, ...).
    pub fn file(path: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            place: None,
            message: message.into(),
        }
    }

    /// `path:line:column: message`, on one line.
    pub fn headline(&self) -> String {
        let message = crate::output::sanitize::visible(&self.message);
        let path = crate::output::sanitize::visible(&self.path);
        match &self.place {
            Some((line, column, _)) => format!("{path}:{line}:{column}: {message}"),
            None => format!("{path}: {message}"),
        }
    }

    /// The headline followed by the offending line and a caret under the column, for a terminal.
    pub fn with_source(&self) -> String {
        let mut text = self.headline();
        if let Some((line, column, line_text)) = &self.place {
            let gutter = line.to_string();
            let shown = crate::output::sanitize::visible(line_text);
            let pad: String = shown
                .chars()
                .take(column.saturating_sub(1))
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
}
