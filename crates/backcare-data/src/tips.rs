//! Reading one tips file: TOML text in, topics, tips, exercises and routines out, with every
//! problem found, through the one reader ([`crate::read`]). Checks that need more than one
//! file (undeclared topics, ids repeated across files) are the catalog's.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::{Deref, DerefMut, Range};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::model::{About, Exercise, Routine, Source, Stage, Text, Tip, Topic};
use crate::read::{self, MAX_ID_CHARS, Problem, Report, in_file_order, is_valid_id, position};

/// The longest tip text a file may hold, in characters.
pub const MAX_TEXT_CHARS: usize = 400;

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
    "id", "topic", "text", "paper", "stages", "tags", "source", "disabled",
];

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
pub(crate) type Named = (String, Range<usize>);

/// A `source` given as a name, resolved once the whole file is read (its `[sources]` may come
/// after the entry that names it).
pub(crate) struct NamedSource {
    pub(crate) of: Sourced,
    pub(crate) name: String,
    pub(crate) span: Range<usize>,
}

/// What a named source belongs to.
#[derive(Clone, Copy)]
pub(crate) enum Sourced {
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
    /// Problems found beyond the first [`read::MAX_PROBLEMS`], not reported one by one.
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
#[derive(Clone, Debug, Default, databake::Bake)]
#[databake(path = backcare_data::tips)]
pub struct Safety {
    pub pregnancy: SafetyLine,
    pub after_birth: SafetyLine,
}

#[derive(Clone, Debug, Default, databake::Bake)]
#[databake(path = backcare_data::tips)]
pub struct SafetyLine {
    pub text: Text,
    pub source: Option<Source>,
}

/// Parses a tips file. `origin` is recorded on each tip (`None` for the built-in set).
/// Returns what could be read and every problem found; a file with problems must not be used.
pub fn parse(text: &str, origin: Option<&str>) -> (ParsedFile, Vec<Problem>) {
    let mut file = ParsedFile::default();
    let document = match read::document(text, "a tips file") {
        Ok(document) => document,
        Err(read::Unread::TooLarge(problem)) => return (file, vec![problem]),
        Err(read::Unread::Syntax(problems)) => {
            let problems = problems
                .into_iter()
                .map(|problem| Problem {
                    message: with_header_hint(text, problem.span.start, problem.message),
                    ..problem
                })
                .collect();
            return (file, problems);
        }
    };
    let mut reader = Reader {
        text,
        report: Report::default(),
        sources: None,
        first_use: HashMap::new(),
        named_sources: Vec::new(),
        origin: origin.map(|origin| Cow::Owned(origin.to_string())),
    };
    reader.document(&document, &mut file);
    reader.resolve_sources(&mut file);
    file.unreported = reader.report.unreported;
    let mut problems = reader.report.problems;
    let empty = file.tips.is_empty() && file.exercises.is_empty() && file.routines.is_empty();
    if empty && problems.is_empty() && file.unreported == 0 {
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

pub(crate) struct Reader<'t> {
    /// The whole file, for line numbers in messages.
    pub(crate) text: &'t str,
    pub(crate) report: Report,
    /// The file's `[sources]` table; `None` when it declares none, and tips may then give a
    /// source as free text.
    pub(crate) sources: Option<HashMap<String, Source>>,
    /// Where each id of each kind of entry was first used.
    pub(crate) first_use: HashMap<(Table, String), usize>,
    /// Sources named by tips, resolved at the end.
    pub(crate) named_sources: Vec<NamedSource>,
    pub(crate) origin: Option<Text>,
}

/// The reader reports through its [`Report`], whose readers of fields it uses as its own.
impl Deref for Reader<'_> {
    type Target = Report;
    fn deref(&self) -> &Report {
        &self.report
    }
}

impl DerefMut for Reader<'_> {
    fn deref_mut(&mut self) -> &mut Report {
        &mut self.report
    }
}

/// The kinds of entry whose ids must be unique within a file, each among its own kind.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Table {
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

impl Reader<'_> {
    /// Whether `id` was already used for this kind of entry (a problem, reported here, with
    /// the line of the first use).
    pub(crate) fn repeated(&mut self, table: Table, id: &str, span: &Range<usize>) -> bool {
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
        self.report(
            span.clone(),
            format!(
                "duplicate {}id `{id}` (first used on line {line})",
                table.noun()
            ),
        );
        true
    }

    /// Reads the document.
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
                        self.report(
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

    /// The name of a topic or source (`kind`), reported when it is not lowercase words.
    fn table_name<'n>(&mut self, kind: &str, name: &'n Spanned<Cow<'_, str>>) -> &'n str {
        let text = name.get_ref().as_ref();
        if !is_valid_id(text) {
            self.report(
                name.span(),
                format!("{kind} name `{text}` must be lowercase words of letters and digits joined by '-'"),
            );
        }
        text
    }

    fn sources(&mut self, value: &Spanned<DeValue<'_>>) {
        let Some(table) = value.get_ref().as_table() else {
            self.wrong_type("sources", "a table of sources", value);
            return;
        };
        // TOML itself refuses a source declared twice.
        let mut sources = HashMap::new();
        for (name, declaration) in in_file_order(table) {
            let name_text = self.table_name("source", name);
            let context = format!("source `{name_text}`");
            if let Some(source) = self.source_table(declaration, &context, name.span()) {
                sources.insert(name_text.to_string(), source);
            }
        }
        self.sources = Some(sources);
    }

    /// A source written as a table: `publisher` is required, `title`, `url` and `checked`
    /// are optional (the built-in set has them all, which `tests/content.rs` enforces).
    pub(crate) fn source_table(
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

    /// The source under `key`, written as an inline table; a name (or free text) is returned
    /// as `Err` with its place, to be resolved when the whole file has been read.
    pub(crate) fn source_at(
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
            Some(name) => Err((name, value.span())),
            None => Ok(None),
        }
    }

    fn topics(&mut self, value: &Spanned<DeValue<'_>>, file: &mut ParsedFile) {
        let Some(table) = value.get_ref().as_table() else {
            self.wrong_type("topics", "a table of topics", value);
            return;
        };
        for (name, declaration) in in_file_order(table) {
            let name_text = self.table_name("topic", name);
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
            // TOML itself refuses a topic declared twice. A topic with a problem is still
            // declared (named by its name), so that its tips are not also told undeclared;
            // a file with problems is never used.
            let title = title.map_or_else(|| name_text.to_string(), |(title, _)| title);
            file.topics.push(ParsedTopic {
                topic: Topic {
                    name: Cow::Owned(name_text.to_string()),
                    title: Cow::Owned(title),
                    description: Cow::Owned(description),
                },
                span: name.span(),
            });
        }
    }

    fn tips(&mut self, value: &Spanned<DeValue<'_>>, file: &mut ParsedFile) {
        for (fields, span) in self.tables("tips", value) {
            let Some((parsed, named_source)) = self.tip(fields, span) else {
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
        let disabled = self.flag(fields, "disabled").unwrap_or(false);
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
        let (source, named_source) = split(self.source_at(fields, "source", &context));
        if disabled {
            let (id, id_span) = id?;
            return (self.problems_found() == problems_before).then_some((
                ParsedTip {
                    entry: Entry::Disabled(Cow::Owned(id)),
                    id_span,
                    topic_span: 0..0,
                },
                None,
            ));
        }
        let topic = self.required_string(fields, "topic", &context, span.clone());
        let paper = fields
            .contains_key("paper")
            .then(|| self.bounded_string(fields, "paper", &context, span.clone(), MAX_TEXT_CHARS));
        let text = self.bounded_string(fields, "text", &context, span, MAX_TEXT_CHARS);
        let ((id, id_span), (topic, topic_span), (text, _)) = (id?, topic?, text?);
        if self.problems_found() != problems_before {
            return None;
        }
        let parsed = ParsedTip {
            entry: Entry::Tip(Box::new(Tip {
                id: Cow::Owned(id),
                topic: Cow::Owned(topic),
                text: Cow::Owned(text),
                paper: paper.flatten().map(|(paper, _)| Cow::Owned(paper)),
                stages: Cow::Owned(stages),
                tags: Cow::Owned(tags.into_iter().map(Cow::Owned).collect()),
                source,
                origin: self.origin.clone(),
            })),
            id_span,
            topic_span,
        };
        Some((parsed, named_source))
    }

    pub(crate) fn stages(&mut self, fields: &DeTable<'_>) -> Vec<Stage> {
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

/// A source given inline, or the name of one to resolve once the whole file is read.
pub(crate) fn split(source: Result<Option<Source>, Named>) -> (Option<Source>, Option<Named>) {
    match source {
        Ok(source) => (source, None),
        Err(named) => (None, Some(named)),
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
    fn a_paper_text_is_optional_and_held_to_the_text_rules() {
        let text = "[[tips]]\nid = \"a\"\ntopic = \"t\"\ntext = \"See backcare list.\"\npaper = \"See the list.\"\n";
        let (file, found) = parse(text, None);
        assert!(found.is_empty(), "{found:?}");
        let Entry::Tip(tip) = &file.tips[0].entry else {
            panic!("expected a tip");
        };
        assert_eq!(tip.paper.as_deref(), Some("See the list."));
        let empty = text.replace("See the list.", " ");
        assert_eq!(problems(&empty)[0].2, "`paper` must not be empty");
        let long = text.replace("See the list.", &"x".repeat(MAX_TEXT_CHARS + 1));
        assert!(problems(&long)[0].2.contains("the limit is 400"));
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
    fn a_file_of_too_many_values_is_refused() {
        let text = format!(
            "a = [{}1]\n[[tips]]\nid = \"x\"\ntopic = \"t\"\ntext = \"y\"\n",
            "1,".repeat(read::MAX_VALUES + 1)
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
