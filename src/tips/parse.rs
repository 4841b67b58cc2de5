//! Reading one tips file: TOML text in, topics and tips out, with every problem found.
//!
//! The file is walked through toml's spanned document tree rather than deserialized with serde,
//! so that one pass reports *every* problem (not just the first) with the exact place it is at.
//! Checks that need more than one file (undeclared topics, ids repeated across files) live in
//! `catalog`. This file is also compiled into `build.rs`, so it uses only `std`, `toml` and
//! `model`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::model::{About, Exercise, Routine, Source, Stage, Text, Tip, Topic};

// Exercises and routines (`backcare stretch`) are read by the same reader, in a file of
// their own: `read_exercises.rs` next to this one (a path that `build.rs` resolves alike).
#[path = "read_exercises.rs"]
mod read_exercises;

/// The longest tip text a file may hold, in characters.
pub const MAX_TEXT_CHARS: usize = 400;
/// The longest id or topic name, in characters.
pub const MAX_ID_CHARS: usize = 64;
/// The most problems one file reports; the rest are only counted (a file of junk has
/// thousands, and each costs work to place).
pub const MAX_PROBLEMS: usize = 20;
/// Files larger than this are parsed in pieces (see [`pieces`]): the TOML parser needs about
/// twenty times a file's size while it works, so one piece at a time keeps memory small.
const WHOLE_FILE_BYTES: usize = 256 * 1024;
/// The size a piece grows to before a new one starts at the next `[[tips]]` header.
const PIECE_BYTES: usize = 64 * 1024;
/// The most values (`=`, `,`: a key's value or an array's item) one piece may hold: it bounds
/// the parser's memory for pathological input, such as one array of a million tiny values.
pub const MAX_PIECE_VALUES: usize = 300_000;
/// The most tables one piece may make: each `[header]`, `{inline table}` and each part of a
/// dotted key (`a.b.c = 1` makes two) is one, about a kilobyte each once parsed. A real tips
/// file makes about 600 in a 64 KiB piece; 60,000 lines of `k.a.a.a… = 1` would make 1.8
/// million (2 GiB).
pub const MAX_PIECE_TABLES: usize = 20_000;

const TOP_LEVEL_KEYS: &[&str] = &[
    "about",
    "sources",
    "topics",
    "tips",
    "exercises",
    "routines",
    "safety",
];
const ABOUT_KEYS: &[&str] = &["name", "contact", "url", "reviewed"];
const SOURCE_KEYS: &[&str] = &["publisher", "title", "url", "checked"];
const TOPIC_KEYS: &[&str] = &["title", "description"];
const TIP_KEYS: &[&str] = &[
    "id", "topic", "text", "stages", "tags", "source", "disabled",
];

/// A problem in a file, at a byte range of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
}

/// A topic as declared in a file, with the place of its name.
#[derive(Clone, Debug)]
pub struct ParsedTopic {
    pub topic: Topic,
    pub span: Range<usize>,
}

/// A `[[tips]]` entry: a tip, or `disabled = true`, which hides the tip with that id.
#[derive(Clone, Debug)]
pub enum Entry {
    Tip(Box<Tip>),
    Disabled(Text),
}

#[derive(Clone, Debug)]
pub struct ParsedTip {
    pub entry: Entry,
    pub id_span: Range<usize>,
    /// Where the `topic` value is, for tips (not for disabled entries).
    pub topic_span: Range<usize>,
}

/// A name and where it is written.
type Named = (String, Range<usize>);

/// A `source` given as a name, resolved once the whole file is read (its `[sources]` may come
/// after the entry that names it).
struct NamedSource {
    of: Sourced,
    name: String,
    span: Range<usize>,
}

/// What a named source belongs to.
#[derive(Clone, Copy)]
enum Sourced {
    Tip(usize),
    Exercise(usize),
    /// The source of an exercise's stop signs.
    ExerciseStop(usize),
    Safety {
        after_birth: bool,
    },
}

impl ParsedTip {
    pub fn id(&self) -> &str {
        match &self.entry {
            Entry::Tip(tip) => &tip.id,
            Entry::Disabled(id) => id,
        }
    }
}

/// What one file declares, in file order.
#[derive(Clone, Debug, Default)]
pub struct ParsedFile {
    /// Problems found beyond the first [`MAX_PROBLEMS`], not reported one by one.
    pub unreported: usize,
    pub about: Option<About>,
    pub topics: Vec<ParsedTopic>,
    pub tips: Vec<ParsedTip>,
    pub exercises: Vec<ParsedExercise>,
    pub routines: Vec<ParsedRoutine>,
    /// The line shown before every stretch session (the built-in set only).
    pub safety: Option<Safety>,
}

/// An `[[exercises]]` entry, with the place of its id.
#[derive(Clone, Debug)]
pub struct ParsedExercise {
    pub exercise: Exercise,
    pub id_span: Range<usize>,
}

/// A `[[routines]]` entry, with the places of its id and of each exercise it names.
#[derive(Clone, Debug)]
pub struct ParsedRoutine {
    pub routine: Routine,
    pub id_span: Range<usize>,
    pub exercise_spans: Vec<Range<usize>>,
}

/// The `[safety]` table of the built-in exercises: what every session says first, in
/// pregnancy and after the birth (the signs to stop for are not the same).
#[derive(Clone, Debug, Default)]
pub struct Safety {
    pub pregnancy: SafetyLine,
    pub after_birth: SafetyLine,
}

#[derive(Clone, Debug, Default)]
pub struct SafetyLine {
    pub text: Text,
    pub source: Option<Source>,
}

/// Parses a tips file. `origin` is recorded on each tip (`None` for the built-in set).
/// Returns what could be read and every problem found; a file with problems must not be used.
pub fn parse(text: &str, origin: Option<&str>) -> (ParsedFile, Vec<Problem>) {
    let piece_bytes = (text.len() > WHOLE_FILE_BYTES).then_some(PIECE_BYTES);
    parse_in_pieces(text, origin, piece_bytes)
}

/// [`parse`], in pieces of about `piece_bytes` (or whole, with `None`): [`parse`] reads
/// large files in pieces; the fuzzer checks that pieces of any size read alike.
pub fn parse_in_pieces(
    text: &str,
    origin: Option<&str>,
    piece_bytes: Option<usize>,
) -> (ParsedFile, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut file = ParsedFile::default();
    let mut reader = Reader {
        text,
        problems: &mut problems,
        unreported: 0,
        base: 0,
        sources: None,
        topic_names: HashMap::new(),
        first_use: HashMap::new(),
        named_sources: Vec::new(),
        origin: origin.map(Arc::from),
    };
    let pieces = match piece_bytes {
        Some(target) => pieces(text, target),
        None => std::iter::once(0..text.len()).collect(),
    };
    // Once a piece has syntax errors, later pieces are only checked for syntax errors too:
    // checking the shape of a half-parsed document would only add confusing follow-ups.
    let mut syntax_errors = 0;
    for piece in pieces {
        reader.base = piece.start;
        let piece_text = &text[piece.clone()];
        if let Some(why) = too_many_values(piece_text) {
            syntax_errors += 1;
            reader.report(0..0, format!("{why}; is this a tips file?"));
            continue;
        }
        let (document, errors) = DeTable::parse_recoverable(piece_text);
        if !errors.is_empty() || syntax_errors > 0 {
            syntax_errors += errors.len();
            for error in errors {
                let span = error.span().unwrap_or(0..0);
                let message = error.message().trim().to_string();
                reader.report(
                    span.clone(),
                    with_header_hint(piece_text, span.start, message),
                );
            }
            continue;
        }
        reader.document(document.get_ref(), &mut file);
    }
    if syntax_errors == 0 {
        reader.resolve_sources(&mut file);
    }
    file.unreported = reader.unreported;
    let empty = file.tips.is_empty() && file.exercises.is_empty() && file.routines.is_empty();
    if empty && problems.is_empty() {
        problems.push(Problem {
            span: 0..0,
            message: "no tips in this file (add a [[tips]] table)".to_string(),
        });
    }
    problems.sort_by_key(|problem| problem.span.start);
    (file, problems)
}

/// A syntax error in a `[topics.…]` or `[sources.…]` header is most often a name that needs
/// quotes (it has a space, say): the message says so.
fn with_header_hint(text: &str, offset: usize, message: String) -> String {
    let offset = offset.min(text.len());
    let line_start = text.as_bytes()[..offset]
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |newline| newline + 1);
    let line = text[line_start..].trim_start();
    if line.starts_with("[topics.") || line.starts_with("[sources.") {
        format!(
            "{message} (a name with spaces or other characters needs quotes, as in [topics.\"my topic\"]; names are best lowercase words joined by '-')"
        )
    } else {
        message
    }
}

/// Splits a large file into pieces that parse on their own, each about `target` bytes: a
/// piece starts at a `[[tips]]`, `[[exercises]]` or `[[routines]]` header at the start of a
/// line, outside any string, comment or bracket. (A file whose brackets or strings do not balance simply stays in fewer,
/// larger pieces.)
fn pieces(text: &str, target: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut cuts = vec![0];
    let mut depth = 0usize;
    let mut at = 0;
    let skip_to_line_end = |from: usize| {
        bytes[from..]
            .iter()
            .position(|&byte| byte == b'\n')
            .map_or(bytes.len(), |newline| from + newline)
    };
    let mut line_checked = usize::MAX;
    while at < bytes.len() {
        let line_start = (at == 0 || bytes[at - 1] == b'\n') && line_checked != at;
        if line_start {
            let first = at
                + bytes[at..]
                    .iter()
                    .position(|&byte| byte != b' ' && byte != b'\t')
                    .unwrap_or(bytes.len() - at);
            line_checked = first;
            if depth == 0 && bytes.get(first) == Some(&b'[') {
                // A table header: nothing in it opens a string or a bracket that lasts.
                let end = skip_to_line_end(first);
                let header: String = text[first..end]
                    .split('#')
                    .next()
                    .unwrap_or("")
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let entry = matches!(
                    header.as_str(),
                    "[[tips]]" | "[[exercises]]" | "[[routines]]"
                );
                if entry && at - cuts[cuts.len() - 1] >= target {
                    cuts.push(at);
                }
                at = end;
                continue;
            }
            at = first;
            continue;
        }
        match bytes[at] {
            b'#' => at = skip_to_line_end(at),
            b'"' | b'\'' => at = string_end(bytes, at),
            b'[' | b'{' => {
                depth += 1;
                at += 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                at += 1;
            }
            _ => at += 1,
        }
    }
    cuts.push(bytes.len());
    cuts.windows(2).map(|pair| pair[0]..pair[1]).collect()
}

/// Why `text` is too large a TOML document to parse, if it is: more than [`MAX_PIECE_VALUES`]
/// values or [`MAX_PIECE_TABLES`] tables, counted outside strings and comments in one pass.
/// Every TOML file backcare reads (tips, config, hidden) is checked with it before parsing.
pub fn too_many_values(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let (mut values, mut tables) = (0usize, 0usize);
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
                continue;
            }
            b'=' | b',' => values += 1,
            b'[' | b'{' | b'.' => tables += 1,
            _ => {}
        }
        at += 1;
    }
    if values > MAX_PIECE_VALUES {
        Some(format!(
            "this part of the file holds too many values to read (more than {MAX_PIECE_VALUES})"
        ))
    } else if tables > MAX_PIECE_TABLES {
        Some(format!(
            "this part of the file makes too many tables to read (more than {MAX_PIECE_TABLES}, counting each part of a dotted key)"
        ))
    } else {
        None
    }
}

/// Where the string starting at `start` (a quote) ends: just past its closing quote, or at
/// the end of the line for an unclosed single-line string.
fn string_end(bytes: &[u8], start: usize) -> usize {
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

/// Whether `text` is a date written YYYY-MM-DD (month 01-12, day 01-31).
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    let number = |range: Range<usize>| text[range].parse::<u8>().unwrap_or(0);
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
        && (1..=12).contains(&number(5..7))
        && (1..=31).contains(&number(8..10))
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
fn in_file_order<'a, 'i>(table: &'a DeTable<'i>) -> Vec<Item<'a, 'i>> {
    let mut items: Vec<Item<'a, 'i>> = table.iter().collect();
    items.sort_by_key(|(key, _)| key.span().start);
    items
}

struct Reader<'t, 'p> {
    /// The whole file, for line numbers in messages.
    text: &'t str,
    problems: &'p mut Vec<Problem>,
    /// Problems past [`MAX_PROBLEMS`], counted only.
    unreported: usize,
    /// Where the piece being read starts in `text`: the parser's spans are relative to it.
    base: usize,
    /// The file's `[sources]` table; `None` when it declares none, and tips may then give a
    /// source as free text.
    sources: Option<HashMap<String, Source>>,
    /// Topics declared so far, and where (pieces are parsed apart, so TOML cannot see a topic
    /// declared twice in two of them).
    topic_names: HashMap<String, usize>,
    /// Where each id of each kind of entry was first used.
    first_use: HashMap<(Table, String), usize>,
    /// Sources named by tips, resolved at the end.
    named_sources: Vec<NamedSource>,
    origin: Option<Arc<str>>,
}

/// The kinds of entry whose ids must be unique within a file, each among its own kind.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Table {
    Tips,
    Exercises,
    Routines,
}

impl Table {
    /// How a repeated id is named: "duplicate id" for a tip, "duplicate exercise id", ...
    fn noun(self) -> &'static str {
        match self {
            Table::Tips => "",
            Table::Exercises => "exercise ",
            Table::Routines => "routine ",
        }
    }
}

impl Reader<'_, '_> {
    /// Whether `id` was already used for this kind of entry (a problem, reported here, with
    /// the line of the first use); `span` is in the whole file.
    fn repeated(&mut self, table: Table, id: &str, span: &Range<usize>) -> bool {
        let key = (table, id.to_string());
        let Some(&first) = self.first_use.get(&key) else {
            self.first_use.insert(key, span.start);
            return false;
        };
        if self.full() {
            self.unreported += 1;
            return true;
        }
        let (line, _) = position(self.text, first);
        self.report_absolute(
            span.clone(),
            format!(
                "duplicate {}id `{id}` (first used on line {line})",
                table.noun()
            ),
        );
        true
    }

    /// Reports a problem at `span` of the piece being read.
    fn report(&mut self, span: Range<usize>, message: String) {
        if self.full() {
            self.unreported += 1;
        } else {
            let span = self.shift(span);
            self.problems.push(Problem { span, message });
        }
    }

    /// Reports a problem at `span` of the whole file.
    fn report_absolute(&mut self, span: Range<usize>, message: String) {
        let base = std::mem::replace(&mut self.base, 0);
        self.report(span, message);
        self.base = base;
    }

    /// Every problem found so far, reported or only counted.
    fn problems_found(&self) -> usize {
        self.problems.len() + self.unreported
    }

    /// A span of the piece being read, as a span of the whole file.
    fn shift(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.base..span.end + self.base
    }

    /// Reads one parsed document (the whole file, or one piece of it).
    fn document(&mut self, document: &DeTable<'_>, file: &mut ParsedFile) {
        for (key, value) in in_file_order(document) {
            match key.get_ref().as_ref() {
                "about" => {
                    if file.about.is_some() {
                        self.report(key.span(), "`about` is declared twice".to_string());
                    }
                    file.about = self.about(value);
                }
                "sources" => self.sources(value),
                "topics" => self.topics(value, file),
                "tips" => self.tips(value, file),
                "exercises" => self.exercises(value, file),
                "routines" => self.routines(value, file),
                "safety" => self.safety(key.span(), value, file),
                other => self.unknown_key(other, key.span(), TOP_LEVEL_KEYS),
            }
        }
    }

    /// Gives each tip that named a source that source, now that every `[sources]` is known;
    /// in a file that declares no sources, the name is free text.
    fn resolve_sources(&mut self, file: &mut ParsedFile) {
        for named in std::mem::take(&mut self.named_sources) {
            let source = match &self.sources {
                None => Some(Source {
                    publisher: Cow::Owned(named.name),
                    title: None,
                    url: None,
                    checked: None,
                }),
                Some(sources) => match sources.get(&named.name) {
                    Some(source) => Some(source.clone()),
                    None => {
                        self.report_absolute(
                            named.span,
                            format!(
                                "source `{}` is not declared in this file's [sources] table",
                                named.name
                            ),
                        );
                        None
                    }
                },
            };
            match named.of {
                Sourced::Tip(at) => {
                    if let Some(ParsedTip {
                        entry: Entry::Tip(tip),
                        ..
                    }) = file.tips.get_mut(at)
                    {
                        tip.source = source;
                    }
                }
                Sourced::Exercise(at) => {
                    if let Some(parsed) = file.exercises.get_mut(at) {
                        parsed.exercise.source = source;
                    }
                }
                Sourced::ExerciseStop(at) => {
                    if let Some(parsed) = file.exercises.get_mut(at) {
                        parsed.exercise.stop_source = source;
                    }
                }
                Sourced::Safety { after_birth } => {
                    if let Some(safety) = &mut file.safety {
                        if after_birth {
                            safety.after_birth.source = source;
                        } else {
                            safety.pregnancy.source = source;
                        }
                    }
                }
            }
        }
    }

    /// Whether no more problems are reported one by one (so none should be worked out).
    fn full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }

    fn unknown_key(&mut self, key: &str, span: Range<usize>, expected: &[&str]) {
        let expected = expected
            .iter()
            .map(|key| format!("`{key}`"))
            .collect::<Vec<_>>()
            .join(", ");
        self.report(
            span,
            format!("unknown key `{key}` (expected one of {expected})"),
        );
    }

    fn about(&mut self, value: &Spanned<DeValue<'_>>) -> Option<About> {
        let Some(fields) = value.get_ref().as_table() else {
            self.wrong_type("about", "a table", value);
            return None;
        };
        self.reject_unknown(fields, ABOUT_KEYS);
        Some(About {
            name: self.optional_string(fields, "name").map(Cow::Owned),
            contact: self.optional_string(fields, "contact").map(Cow::Owned),
            url: self.optional_url(fields).map(Cow::Owned),
            reviewed: self.optional_date(fields, "reviewed").map(Cow::Owned),
        })
    }

    fn sources(&mut self, value: &Spanned<DeValue<'_>>) {
        let Some(table) = value.get_ref().as_table() else {
            self.wrong_type("sources", "a table of sources", value);
            return;
        };
        let mut sources = self.sources.take().unwrap_or_default();
        for (name, declaration) in in_file_order(table) {
            let name_text = name.get_ref().as_ref();
            if !is_valid_id(name_text) {
                self.report(
                    name.span(),
                    format!(
                        "source name `{name_text}` must be lowercase words of letters and digits joined by '-'"
                    ),
                );
            }
            if sources.contains_key(name_text) {
                self.report(
                    name.span(),
                    format!("source `{name_text}` is declared twice"),
                );
                continue;
            }
            let context = format!("source `{name_text}`");
            if let Some(source) = self.source_table(declaration, &context, name.span()) {
                sources.insert(name_text.to_string(), source);
            }
        }
        self.sources = Some(sources);
    }

    /// A source written as a table: `publisher` is required, `title`, `url` and `checked`
    /// are optional (the built-in set has them all, which `tests/content.rs` enforces).
    fn source_table(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        context: &str,
        name_span: Range<usize>,
    ) -> Option<Source> {
        let Some(fields) = value.get_ref().as_table() else {
            self.wrong_type(context, "a table", value);
            return None;
        };
        let problems_before = self.problems_found();
        self.reject_unknown(fields, SOURCE_KEYS);
        let publisher = self.required_string(fields, "publisher", context, name_span);
        let source = Source {
            publisher: Cow::Owned(publisher?.0),
            title: self.optional_string(fields, "title").map(Cow::Owned),
            url: self.optional_url(fields).map(Cow::Owned),
            checked: self.optional_date(fields, "checked").map(Cow::Owned),
        };
        (self.problems_found() == problems_before).then_some(source)
    }

    /// A tip's `source` written as an inline table; a name (or free text) is returned as
    /// `Err` with its place, to be resolved when the whole file has been read.
    fn tip_source(&mut self, fields: &DeTable<'_>, context: &str) -> Result<Option<Source>, Named> {
        self.source_at(fields, "source", context)
    }

    /// [`Reader::tip_source`], for the source under `key`.
    fn source_at(
        &mut self,
        fields: &DeTable<'_>,
        key: &str,
        context: &str,
    ) -> Result<Option<Source>, Named> {
        let Some(value) = fields.get(key) else {
            return Ok(None);
        };
        if value.get_ref().as_table().is_some() {
            return Ok(self.source_table(value, &format!("{key} of {context}"), value.span()));
        }
        match self.non_empty_string(key, value) {
            Some(name) => Err((name, self.shift(value.span()))),
            None => Ok(None),
        }
    }

    fn optional_url(&mut self, fields: &DeTable<'_>) -> Option<String> {
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
    fn optional_date(&mut self, fields: &DeTable<'_>, key: &str) -> Option<String> {
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

    fn topics(&mut self, value: &Spanned<DeValue<'_>>, file: &mut ParsedFile) {
        let Some(table) = value.get_ref().as_table() else {
            self.wrong_type("topics", "a table of topics", value);
            return;
        };
        for (name, declaration) in in_file_order(table) {
            let name_text = name.get_ref().as_ref();
            if !is_valid_id(name_text) {
                self.report(
                    name.span(),
                    format!(
                        "topic name `{name_text}` must be lowercase words of letters and digits joined by '-'"
                    ),
                );
            }
            let Some(fields) = declaration.get_ref().as_table() else {
                self.wrong_type(&format!("topics.{name_text}"), "a table", declaration);
                continue;
            };
            let context = format!("topic `{name_text}`");
            self.reject_unknown(fields, TOPIC_KEYS);
            let title = self.required_string(fields, "title", &context, name.span());
            // A title is enough; the description is optional.
            let description = self
                .optional_string(fields, "description")
                .unwrap_or_default();
            if let Some(title) = title {
                let span = self.shift(name.span());
                if let Some(&first) = self.topic_names.get(name_text) {
                    if self.full() {
                        self.unreported += 1;
                        continue;
                    }
                    let (line, _) = position(self.text, first);
                    self.report(
                        name.span(),
                        format!("topic `{name_text}` is declared twice (first on line {line})"),
                    );
                    continue;
                }
                self.topic_names.insert(name_text.to_string(), span.start);
                file.topics.push(ParsedTopic {
                    topic: Topic {
                        name: Cow::Owned(name_text.to_string()),
                        title: Cow::Owned(title.0),
                        description: Cow::Owned(description),
                    },
                    span,
                });
            }
        }
    }

    fn tips(&mut self, value: &Spanned<DeValue<'_>>, file: &mut ParsedFile) {
        let Some(array) = value.get_ref().as_array() else {
            self.wrong_type("tips", "an array of tables ([[tips]])", value);
            return;
        };
        for item in array {
            let Some(fields) = item.get_ref().as_table() else {
                self.wrong_type("tips", "an array of tables ([[tips]])", item);
                continue;
            };
            let Some((parsed, named_source)) = self.tip(fields, item.span()) else {
                continue;
            };
            if self.repeated(Table::Tips, parsed.id(), &parsed.id_span) {
                continue;
            }
            if let Some((name, span)) = named_source {
                self.named_sources.push(NamedSource {
                    of: Sourced::Tip(file.tips.len()),
                    name,
                    span,
                });
            }
            file.tips.push(parsed);
        }
    }

    /// One `[[tips]]` entry, with the source it names (if it names one rather than giving
    /// one inline), or `None` when it has problems.
    fn tip(
        &mut self,
        fields: &DeTable<'_>,
        span: Range<usize>,
    ) -> Option<(ParsedTip, Option<Named>)> {
        let problems_before = self.problems_found();
        self.reject_unknown(fields, TIP_KEYS);
        let disabled = match fields.get("disabled") {
            None => false,
            Some(value) => match value.get_ref().as_bool() {
                Some(flag) => flag,
                None => {
                    self.wrong_type("disabled", "true or false", value);
                    false
                }
            },
        };
        let id = self.required_string(fields, "id", "tip", span.clone());
        if let Some((id, id_span)) = &id
            && !is_valid_id(id)
        {
            self.report(
                id_span.clone(),
                format!(
                    "id `{id}` must be lowercase words of letters and digits joined by '-', at most {MAX_ID_CHARS} characters"
                ),
            );
        }
        let context = match &id {
            Some((id, _)) => format!("tip `{id}`"),
            None => "tip".to_string(),
        };
        let stages = self.stages(fields);
        let tags = self.string_list(fields, "tags");
        let (source, named_source) = match self.tip_source(fields, &context) {
            Ok(source) => (source, None),
            Err(named) => (None, Some(named)),
        };
        if disabled {
            let (id, id_span) = id?;
            return (self.problems_found() == problems_before).then_some((
                ParsedTip {
                    entry: Entry::Disabled(Cow::Owned(id)),
                    id_span: self.shift(id_span),
                    topic_span: 0..0,
                },
                None,
            ));
        }
        let topic = self.required_string(fields, "topic", &context, span.clone());
        let text = self.required_string(fields, "text", &context, span);
        if let Some((text, text_span)) = &text {
            let length = text.chars().count();
            if length > MAX_TEXT_CHARS {
                self.report(
                    text_span.clone(),
                    format!(
                        "text of {context} is {length} characters long; the limit is {MAX_TEXT_CHARS}"
                    ),
                );
            }
        }
        let ((id, id_span), (topic, topic_span), (text, _)) = (id?, topic?, text?);
        if self.problems_found() != problems_before {
            return None;
        }
        let parsed = ParsedTip {
            entry: Entry::Tip(Box::new(Tip {
                id: Cow::Owned(id),
                topic: Cow::Owned(topic),
                text: Cow::Owned(text),
                stages: Cow::Owned(stages),
                tags: Cow::Owned(tags.into_iter().map(Cow::Owned).collect()),
                source,
                origin: self.origin.clone(),
            })),
            id_span: self.shift(id_span),
            topic_span: self.shift(topic_span),
        };
        Some((parsed, named_source))
    }

    fn reject_unknown(&mut self, fields: &DeTable<'_>, known: &[&str]) {
        for (key, _) in in_file_order(fields) {
            if !known.contains(&key.get_ref().as_ref()) {
                self.unknown_key(key.get_ref(), key.span(), known);
            }
        }
    }

    fn wrong_type(&mut self, key: &str, expected: &str, value: &Spanned<DeValue<'_>>) {
        let found = value.get_ref().type_str();
        self.report(
            value.span(),
            format!("`{key}` must be {expected}, found {found}"),
        );
    }

    /// A non-empty string value, or a problem naming what is missing where.
    fn required_string(
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

    fn optional_string(&mut self, fields: &DeTable<'_>, key: &str) -> Option<String> {
        let value = fields.get(key)?;
        self.non_empty_string(key, value)
    }

    fn non_empty_string(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> Option<String> {
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

    fn string_list(&mut self, fields: &DeTable<'_>, key: &str) -> Vec<String> {
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

    fn stages(&mut self, fields: &DeTable<'_>) -> Vec<Stage> {
        let Some(value) = fields.get("stages") else {
            return Vec::new();
        };
        let Some(array) = value.get_ref().as_array() else {
            self.wrong_type("stages", "an array of stage names", value);
            return Vec::new();
        };
        let mut stages = Vec::new();
        for item in array {
            let Some(name) = self.non_empty_string("stages", item) else {
                continue;
            };
            match Stage::from_name(&name) {
                Some(stage) if !stages.contains(&stage) => stages.push(stage),
                Some(_) => {}
                None => self.report(
                    item.span(),
                    format!("unknown stage `{name}` (expected first, second, third or postpartum)"),
                ),
            }
        }
        stages.sort();
        stages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(usize, usize, String)> {
        let (_, problems) = parse(text, Some("t.toml"));
        problems
            .into_iter()
            .map(|problem| {
                let (line, column) = position(text, problem.span.start);
                (line, column, problem.message)
            })
            .collect()
    }

    const GOOD: &str = r#"
[topics.posture]
title = "Posture"
description = "Standing tall."

[[tips]]
id = "stand-tall"
topic = "posture"
text = "Stand tall."
stages = ["third", "second"]
tags = ["standing"]
source = "NHS"
"#;

    #[test]
    fn reads_topics_and_tips() {
        let (file, problems) = parse(GOOD, Some("t.toml"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(file.topics[0].topic.title, "Posture");
        let Entry::Tip(tip) = &file.tips[0].entry else {
            panic!("expected a tip");
        };
        assert_eq!(tip.id, "stand-tall");
        assert_eq!(&*tip.stages, &[Stage::Second, Stage::Third]);
        assert_eq!(tip.tags[0], "standing");
        assert_eq!(tip.origin.as_deref(), Some("t.toml"));
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        let text = "[[tips]]\nid = \"Bad Id\"\ntopic = 3\ntext = \"\"\ncolour = \"red\"\nstages = [\"fourth\"]\n";
        let found = problems(text);
        let lines: Vec<usize> = found.iter().map(|(line, _, _)| *line).collect();
        assert!(lines.contains(&2), "{found:?}");
        assert!(lines.contains(&3), "{found:?}");
        assert!(lines.contains(&4), "{found:?}");
        assert!(lines.contains(&5), "{found:?}");
        assert!(lines.contains(&6), "{found:?}");
        assert!(
            found
                .iter()
                .any(|(_, _, m)| m.contains("unknown key `colour`"))
        );
        assert!(
            found
                .iter()
                .any(|(_, _, m)| m.contains("unknown stage `fourth`"))
        );
    }

    #[test]
    fn reports_missing_fields_and_duplicates() {
        let text = "[[tips]]\nid = \"a\"\ntopic = \"t\"\n\n[[tips]]\nid = \"b\"\ntopic = \"t\"\ntext = \"x\"\n\n[[tips]]\nid = \"b\"\ntopic = \"t\"\ntext = \"y\"\n";
        let found = problems(text);
        assert!(
            found
                .iter()
                .any(|(_, _, m)| m == "tip `a` is missing `text`"),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(line, _, m)| *line == 11
                    && m.contains("duplicate id `b` (first used on line 6)")),
            "{found:?}"
        );
    }

    #[test]
    fn syntax_errors_have_positions() {
        let found = problems("[[tips]]\nid = = \"a\"\n");
        assert!(!found.is_empty());
        assert_eq!(found[0].0, 2);
    }

    #[test]
    fn empty_file_is_a_problem() {
        assert_eq!(
            problems("")[0].2,
            "no tips in this file (add a [[tips]] table)"
        );
    }

    #[test]
    fn overlong_text_is_a_problem() {
        let text = format!(
            "[[tips]]\nid = \"a\"\ntopic = \"t\"\ntext = \"{}\"\n",
            "x".repeat(MAX_TEXT_CHARS + 1)
        );
        assert!(problems(&text)[0].2.contains("the limit is 400"));
    }

    #[test]
    fn disabled_entries_need_only_an_id() {
        let (file, problems) = parse("[[tips]]\nid = \"a\"\ndisabled = true\n", None);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(matches!(&file.tips[0].entry, Entry::Disabled(id) if id == "a"));
    }

    #[test]
    fn sources_are_declared_once_or_written_inline() {
        let text = r#"
[about]
name = "Team tips"
reviewed = 2026-11-26

[sources.hse]
publisher = "HSE"
title = "Back pain in pregnancy"
url = "https://www2.hse.ie/conditions/backache-pregnancy"
checked = "2026-11-01"

[[tips]]
id = "a"
topic = "t"
text = "x"
source = "hse"

[[tips]]
id = "b"
topic = "t"
text = "y"
source = { publisher = "NHS", url = "https://www.nhs.uk/" }
"#;
        let (file, problems) = parse(text, None);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(file.about.unwrap().reviewed.as_deref(), Some("2026-11-26"));
        let sources: Vec<Source> = file
            .tips
            .iter()
            .map(|parsed| match &parsed.entry {
                Entry::Tip(tip) => tip.source.clone().unwrap(),
                Entry::Disabled(_) => panic!("a tip"),
            })
            .collect();
        assert_eq!(sources[0].citation(), "HSE, Back pain in pregnancy");
        assert_eq!(sources[0].checked.as_deref(), Some("2026-11-01"));
        assert_eq!(sources[1].url.as_deref(), Some("https://www.nhs.uk/"));
        assert_eq!(sources[1].title, None);
    }

    #[test]
    fn free_text_sources_only_where_no_sources_are_declared() {
        let free = "[[tips]]\nid = \"a\"\ntopic = \"t\"\ntext = \"x\"\nsource = \"my physio\"\n";
        let (file, found) = parse(free, None);
        assert!(found.is_empty(), "{found:?}");
        let Entry::Tip(tip) = &file.tips[0].entry else {
            panic!("a tip")
        };
        assert_eq!(tip.source.as_ref().unwrap().publisher, "my physio");

        let typo = format!("[sources.hse]\npublisher = \"HSE\"\n{free}");
        assert_eq!(
            problems(&typo),
            [(
                7,
                10,
                "source `my physio` is not declared in this file's [sources] table".to_string()
            )]
        );
    }

    #[test]
    fn source_addresses_and_dates_are_checked() {
        let text = "[sources.a]\npublisher = \"P\"\nurl = \"nhs.uk\"\nchecked = \"26/11/2026\"\n[about]\nreviewed = \"2026-13-01\"\n[[tips]]\nid = \"a\"\ntopic = \"t\"\ntext = \"x\"\n";
        let found = problems(text);
        let messages: Vec<&str> = found.iter().map(|(_, _, m)| m.as_str()).collect();
        assert!(
            messages.contains(&"`url` must be a web address starting with https://"),
            "{found:?}"
        );
        assert!(
            messages.contains(&"`checked` must be a date written YYYY-MM-DD"),
            "{found:?}"
        );
        assert!(
            messages.contains(&"`reviewed` must be a date written YYYY-MM-DD"),
            "{found:?}"
        );
    }

    /// A file read in pieces gives what it gives read whole, wherever its sources and topics
    /// are and whatever its strings hold.
    #[test]
    fn a_file_read_in_pieces_reads_as_a_whole() {
        let mut text = String::new();
        for n in 0..60 {
            text.push_str(&format!(
                "[[tips]]\nid = \"t{n}\"\ntopic = \"late\"\ntext = \"\"\"\nA [[tips]]\n[[tips]] in text {n}.\"\"\"\ntags = [\n  \"a\",\n  \"[[tips]]\",\n]\nsource = \"src\" # [[tips]]\n\n"
            ));
        }
        // Multi-line strings may end with one or two quotes of their own before the closing
        // three; a `[[tips]]` line inside one is no header.
        text.push_str(
            r#"[[tips]]
id = "quotes"
topic = "late"
text = """Say "hi"""" # the """" bit
tags = ["""a"""", '''b''''']

"#,
        );
        for n in 60..80 {
            text.push_str(&format!(
                "[[tips]]\nid = \"t{n}\"\ntopic = \"late\"\ntext = \"\"\"\n[[tips]]\n{n}\"\"\"\n\n"
            ));
        }
        text.push_str("[topics.late]\ntitle = 'T [[tips]]'\ndescription = \"D\"\n[sources.src]\npublisher = \"P\"\n");
        let summary = |(file, problems): (ParsedFile, Vec<Problem>)| {
            let tips: Vec<String> = file
                .tips
                .iter()
                .map(|parsed| match &parsed.entry {
                    Entry::Tip(tip) => format!(
                        "{} {:?} {:?} {:?} {}",
                        tip.id,
                        tip.text,
                        tip.tags,
                        tip.source
                            .as_ref()
                            .map(|source| source.publisher.to_string()),
                        parsed.id_span.start
                    ),
                    Entry::Disabled(id) => id.to_string(),
                })
                .collect();
            (tips, file.topics.len(), problems)
        };
        let whole = summary(parse_in_pieces(&text, None, None));
        assert!(whole.2.is_empty(), "{:?}", whole.2);
        assert_eq!(whole.0.len(), 81);
        assert!(pieces(&text, 200).len() > 20, "the file is really cut");
        assert_eq!(summary(parse_in_pieces(&text, None, Some(200))), whole);

        // Problems carry the same places too, and a topic or source declared twice in two
        // pieces is still found.
        let broken = format!(
            "[topics.late]\ntitle = \"again\"\ndescription = \"D\"\n[[tips]]\nid = \"t2\"\ntopic = \"late\"\ntext = \"first\"\n[[tips]]\nid = \"t1\"\ntopic = 3\n{text}"
        );
        let in_pieces = parse_in_pieces(&broken, None, Some(200)).1;
        let lines: Vec<String> = in_pieces
            .iter()
            .map(|problem| {
                format!(
                    "{:?} {}",
                    position(&broken, problem.span.start),
                    problem.message
                )
            })
            .collect();
        assert!(
            lines
                .iter()
                .any(|line| line.contains("topic `late` is declared twice")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|line| line.contains("`topic` must be a string")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|line| line.contains("duplicate id `t2` (first used on line 5)")),
            "{lines:?}"
        );
    }

    #[test]
    fn a_piece_of_too_many_values_is_refused() {
        let text = format!(
            "a = [{}1]\n[[tips]]\nid = \"x\"\ntopic = \"t\"\ntext = \"y\"\n",
            "1,".repeat(MAX_PIECE_VALUES + 1)
        );
        let (_, problems) = parse(&text, None);
        assert!(
            problems[0].message.contains("too many values"),
            "{problems:?}"
        );
    }

    #[test]
    fn ids_are_lowercase_words() {
        assert!(is_valid_id("posture-2"));
        assert!(!is_valid_id("Posture"));
        assert!(!is_valid_id("a--b"));
        assert!(!is_valid_id("-a"));
        assert!(!is_valid_id(""));
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(position("ab\ncé x", 7), (2, 4));
        assert_eq!(position("", 5), (1, 1));
    }
}
