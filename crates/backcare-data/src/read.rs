//! The one reader every TOML file of backcare goes through (tips and exercises, the config
//! file, the list of hidden tips; the built-in warning signs and search words at build time):
//! the same bounds on what a file may hold, the same syntax errors, and [`Report`], which
//! collects every problem of a file with its place, under one cap ([`MAX_PROBLEMS`]).
//!
//! Files are walked through toml's spanned document tree rather than deserialized with serde,
//! so that one pass reports *every* problem (not just the first) with the exact place it is at.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The longest id or topic name, in characters.
pub const MAX_ID_CHARS: usize = 64;
/// The most problems one file reports; the rest are only counted (a file of junk has
/// thousands, and each costs work to place).
pub const MAX_PROBLEMS: usize = 20;
/// The most values (`=`, `,`, `[`: a key's value, an array or an array's item) one file may
/// hold: it bounds the parser's memory (about 150 bytes a value) for pathological input, such
/// as one array of a million tiny values. A 4 MiB file of real tips holds about 170,000.
pub const MAX_VALUES: usize = 200_000;
/// The most tables one file may make: each `[header]`, `{inline table}` and each part of a
/// dotted key (`a.b.c = 1` makes two) is one, up to 1.3 KB each once parsed. A 4 MiB file
/// of real tips makes about 33,000; 60,000 lines of `k.a.a.a… = 1` would make 1.8 million.
pub const MAX_TABLES: usize = 60_000;

/// A problem in a file, at a byte range of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
}

/// Why `text` is too large a TOML document to parse, if it is: more than [`MAX_VALUES`]
/// values or [`MAX_TABLES`] tables, counted outside strings and comments in one pass.
/// Every TOML file backcare reads (tips, config, hidden) is checked with it before parsing.
pub fn too_many_values(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let (mut values, mut tables) = (0usize, 0usize);
    // Whether only blanks came since the last line break: a `[` there opens a table header.
    let mut line_start = true;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'#' => {
                at = bytes[at..]
                    .iter()
                    .position(|&byte| byte == b'\n')
                    .map_or(bytes.len(), |newline| at + newline);
                continue;
            }
            b'"' | b'\'' => {
                at = string_end(bytes, at);
                line_start = false;
                continue;
            }
            b'\n' => {
                line_start = true;
                at += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {}
            b'[' if line_start => {
                tables += 1;
                // `[[tips]]` is one table.
                at += usize::from(bytes.get(at + 1) == Some(&b'['));
            }
            b'=' | b',' | b'[' => values += 1,
            b'{' | b'.' => tables += 1,
            _ => {}
        }
        line_start &= matches!(bytes[at], b' ' | b'\t' | b'\r');
        at += 1;
    }
    if values > MAX_VALUES {
        Some(format!(
            "this file holds too many values to read (more than {MAX_VALUES})"
        ))
    } else if tables > MAX_TABLES {
        Some(format!(
            "this file makes too many tables to read (more than {MAX_TABLES}, counting each part of a dotted key)"
        ))
    } else {
        None
    }
}

/// Where the string starting at `start` (a quote) ends: just past its closing quote, or at
/// the end of the line for an unclosed single-line string.
pub(crate) fn string_end(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let multi_line = bytes[start..].starts_with(&[quote; 3]);
    let mut at = start + if multi_line { 3 } else { 1 };
    while at < bytes.len() {
        match bytes[at] {
            b'\\' if quote == b'"' => at += 2,
            b'\n' if !multi_line => return at,
            byte if byte == quote => {
                if !multi_line {
                    return at + 1;
                }
                if bytes[at..].starts_with(&[quote; 3]) {
                    // Up to two quotes may end the content right before the closing three.
                    let run = bytes[at..].iter().take_while(|&&b| b == quote).count();
                    return at + run.min(5);
                }
                at += 1;
            }
            _ => at += 1,
        }
    }
    bytes.len()
}

/// The 1-based line and column (in characters) of a byte offset in `text`. Lines are counted
/// over bytes, which is fast even at the end of a large file.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text.as_bytes()[..offset];
    let line_start = before
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |newline| newline + 1);
    let line = before.iter().filter(|&&byte| byte == b'\n').count() + 1;
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

/// Whether `c` is an invisible formatting character (Unicode's "Cf" format characters, the
/// tag characters used to smuggle hidden text, the line and paragraph separators, and the
/// fillers that render as nothing): it can
/// hide, reorder or break what is shown, so a value made only of these counts as empty, and
/// the output sanitizer removes them.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Whether `text` shows nothing: only white space and invisible characters.
pub fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || c.is_control() || is_invisible(c))
}

/// The day `text` names, written YYYY-MM-DD: a day that exists (2027-02-30 does not), with
/// no time or offset after it.
pub fn date(text: &str) -> Option<jiff::civil::Date> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-';
    shaped.then(|| text.parse().ok()).flatten()
}

/// Whether `text` is a day written YYYY-MM-DD (see [`date`]).
pub fn is_date(text: &str) -> bool {
    date(text).is_some()
}

/// Whether `name` is lowercase words of letters and digits joined by single hyphens.
pub fn is_valid_id(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= MAX_ID_CHARS
        && name.split('-').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

type Item<'a, 'i> = (&'a Spanned<Cow<'i, str>>, &'a Spanned<DeValue<'i>>);

/// Table entries in the order they appear in the file.
pub fn in_file_order<'a, 'i>(table: &'a DeTable<'i>) -> Vec<Item<'a, 'i>> {
    let mut items: Vec<Item<'a, 'i>> = table.iter().collect();
    items.sort_by_key(|(key, _)| key.span().start);
    items
}

/// Why a file could not be parsed at all.
pub enum Unread {
    /// Too many values or tables to parse within bounds, found before parsing.
    TooLarge(Problem),
    /// Every syntax error, with its place.
    Syntax(Vec<Problem>),
}

impl Unread {
    pub fn into_problems(self) -> Vec<Problem> {
        match self {
            Unread::TooLarge(problem) => vec![problem],
            Unread::Syntax(problems) => problems,
        }
    }
}

/// The document `text` holds, or why it cannot be read (`what` names the kind of file the
/// message for a file too large to parse asks about: "a tips file").
pub fn document<'i>(text: &'i str, what: &str) -> Result<DeTable<'i>, Unread> {
    if let Some(why) = too_many_values(text) {
        return Err(Unread::TooLarge(Problem {
            span: 0..0,
            message: format!("{why}; is this {what}?"),
        }));
    }
    let (document, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Ok(document.into_inner());
    }
    Err(Unread::Syntax(
        errors
            .into_iter()
            .map(|error| {
                let span = error.span().unwrap_or(0..0);
                let message = explained(text, &span, error.message().trim());
                Problem { span, message }
            })
            .collect(),
    ))
}

/// toml's message, with what it is about where toml does not say: the key a duplicate is of,
/// and that yes and no are written true and false.
fn explained(text: &str, span: &Range<usize>, message: &str) -> String {
    let at = text.get(span.clone()).unwrap_or_default().trim();
    let word: String = text
        .get(span.start..)
        .unwrap_or_default()
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    if message.starts_with("duplicate key") && !at.is_empty() {
        format!("{message} `{at}` (each key may be set once)")
    } else if matches!(word.to_ascii_lowercase().as_str(), "yes" | "no") {
        format!("{message} (for yes or no, write true or false, without quotes)")
    } else {
        message.to_string()
    }
}

/// Every problem found in one file, in the order found: the first [`MAX_PROBLEMS`] with their
/// places, the rest only counted. Its readers of fields check a value and report what is
/// wrong with it, naming the key, and give `None` (or nothing) for a value that cannot be used.
#[derive(Default)]
pub struct Report {
    pub problems: Vec<Problem>,
    /// Problems past [`MAX_PROBLEMS`], counted only.
    pub unreported: usize,
}

impl Report {
    /// The value under `key` as true or false, if it is there.
    pub fn flag(&mut self, fields: &DeTable<'_>, key: &str) -> Option<bool> {
        let value = fields.get(key)?;
        let flag = value.get_ref().as_bool();
        if flag.is_none() {
            self.wrong_type(key, "true or false", value);
        }
        flag
    }
    /// Reports a problem at `span` of the piece being read.
    pub fn report(&mut self, span: Range<usize>, message: String) {
        if self.full() {
            self.unreported += 1;
        } else {
            self.problems.push(Problem { span, message });
        }
    }

    /// Every problem found so far, reported or only counted.
    pub fn problems_found(&self) -> usize {
        self.problems.len() + self.unreported
    }

    /// Whether no more problems are reported one by one (so none should be worked out).
    pub fn full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }

    pub fn unknown_key(&mut self, key: &str, span: Range<usize>, known: &[&str]) {
        if self.full() {
            // Counted in constant time: a file of 80,000 stray keys costs one pass.
            self.unreported += 1;
            return;
        }
        let expected = known
            .iter()
            .map(|key| format!("`{key}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let suggestion = crate::suggest::did_you_mean(key, known.iter().copied());
        self.report(
            span,
            format!("unknown key `{key}`{suggestion} (expected one of {expected})"),
        );
    }

    pub fn reject_unknown(&mut self, fields: &DeTable<'_>, known: &[&str]) {
        for (key, _) in in_file_order(fields) {
            if !known.contains(&key.get_ref().as_ref()) {
                self.unknown_key(key.get_ref(), key.span(), known);
            }
        }
    }

    /// The tables of an array of tables (`[[key]]`) with their spans; anything else in its
    /// place is a problem, and left out.
    pub fn tables<'v, 'd>(
        &mut self,
        key: &str,
        value: &'v Spanned<DeValue<'d>>,
    ) -> Vec<(&'v DeTable<'d>, Range<usize>)> {
        let expected = format!("an array of tables ([[{key}]])");
        let Some(array) = value.get_ref().as_array() else {
            self.wrong_type(key, &expected, value);
            return Vec::new();
        };
        let mut tables = Vec::new();
        for item in array {
            match item.get_ref().as_table() {
                Some(fields) => tables.push((fields, item.span())),
                None => self.wrong_type(key, &expected, item),
            }
        }
        tables
    }

    pub fn wrong_type(&mut self, key: &str, expected: &str, value: &Spanned<DeValue<'_>>) {
        let found = value.get_ref().type_str();
        self.report(
            value.span(),
            format!("`{key}` must be {expected}, found {found}"),
        );
    }

    /// A non-empty string value, or a problem naming what is missing where.
    pub fn required_string(
        &mut self,
        fields: &DeTable<'_>,
        key: &str,
        context: &str,
        table_span: Range<usize>,
    ) -> Option<(String, Range<usize>)> {
        match fields.get(key) {
            None => {
                self.report(table_span, format!("{context} is missing `{key}`"));
                None
            }
            Some(value) => self.non_empty_string(key, value).map(|s| (s, value.span())),
        }
    }

    /// A required string of at most `max` characters.
    pub fn bounded_string(
        &mut self,
        fields: &DeTable<'_>,
        key: &str,
        context: &str,
        span: Range<usize>,
        max: usize,
    ) -> Option<(String, Range<usize>)> {
        let (text, place) = self.required_string(fields, key, context, span)?;
        let length = text.chars().count();
        if length > max {
            let message =
                format!("`{key}` of {context} is {length} characters long; the limit is {max}");
            self.report(place, message);
            return None;
        }
        Some((text, place))
    }

    pub fn optional_string(&mut self, fields: &DeTable<'_>, key: &str) -> Option<String> {
        let value = fields.get(key)?;
        self.non_empty_string(key, value)
    }

    pub fn non_empty_string(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> Option<String> {
        let Some(text) = value.get_ref().as_str() else {
            self.wrong_type(key, "a string", value);
            return None;
        };
        if is_blank(text) {
            self.report(value.span(), format!("`{key}` must not be empty"));
            return None;
        }
        Some(text.to_string())
    }

    pub fn string_list(&mut self, fields: &DeTable<'_>, key: &str) -> Vec<String> {
        let Some(value) = fields.get(key) else {
            return Vec::new();
        };
        let Some(array) = value.get_ref().as_array() else {
            self.wrong_type(key, "an array of strings", value);
            return Vec::new();
        };
        array
            .into_iter()
            .filter_map(|item| self.non_empty_string(key, item))
            .collect()
    }

    pub fn optional_url(&mut self, fields: &DeTable<'_>) -> Option<String> {
        let url = self.optional_string(fields, "url")?;
        let well_formed = (url.starts_with("https://") || url.starts_with("http://"))
            && !url.chars().any(char::is_whitespace);
        if !well_formed {
            let span = fields.get("url").map_or(0..0, |value| value.span());
            self.report(
                span,
                "`url` must be a web address starting with https://".to_string(),
            );
            return None;
        }
        Some(url)
    }

    /// A date written as a string or a bare TOML date, YYYY-MM-DD.
    pub fn optional_date(&mut self, fields: &DeTable<'_>, key: &str) -> Option<String> {
        let value = fields.get(key)?;
        let written = match value.get_ref() {
            DeValue::Datetime(date) => date.to_string(),
            other => other.as_str().unwrap_or_default().to_string(),
        };
        if !is_date(&written) {
            self.report(
                value.span(),
                format!("`{key}` must be a date written YYYY-MM-DD"),
            );
            return None;
        }
        Some(written)
    }
}
