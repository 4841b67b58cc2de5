//! Turns the built-in `tips.toml` and `exercises.toml` into static Rust data, so the installed
//! binary neither ships nor parses a data file at start-up (parsing TOML costs a few microseconds per tip, at every
//! shell start). The file is read by the same parser that reads user files; any problem in it
//! fails the build with `tips.toml:LINE:COLUMN: message`.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

#[path = "src/tips/model.rs"]
#[allow(dead_code)]
mod model;
#[path = "src/tips/parse.rs"]
#[allow(dead_code)]
mod parse;
#[path = "src/warning_signs/sheet.rs"]
#[allow(dead_code)]
mod sheet;

fn main() {
    println!("cargo::rerun-if-changed=tips.toml");
    println!("cargo::rerun-if-changed=src/tips/model.rs");
    println!("cargo::rerun-if-changed=src/tips/parse.rs");
    println!("cargo::rerun-if-changed=src/tips/read_exercises.rs");
    let tips = read("tips.toml");
    let exercises = read("exercises.toml");
    check_warning_signs();
    let mut strings = Strings::default();
    let mut code = generate(&tips, &mut strings);
    code.push_str(&generate_exercises(&exercises, &mut strings));
    code.push_str(&strings.tables());
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}

/// Reads one built-in file with the parser user files go through; a problem fails the build.
fn read(name: &str) -> parse::ParsedFile {
    println!("cargo::rerun-if-changed={name}");
    let text = fs::read_to_string(name).unwrap_or_else(|error| panic!("{name}: {error}"));
    let (file, problems) = parse::parse(&text, None);
    if !problems.is_empty() {
        for problem in &problems {
            let (line, column) = parse::position(&text, problem.span.start);
            eprintln!("{name}:{line}:{column}: {}", problem.message);
        }
        panic!("{name} has {} problem(s); see above", problems.len());
    }
    file
}

/// `Some(Cow::Borrowed("..."))` or `None`, as Rust source.
fn optional(text: &Option<model::Text>) -> String {
    match text {
        Some(text) => format!("Some(Cow::Borrowed({text:?}))"),
        None => "None".to_string(),
    }
}

/// The warning signs are read at run time (only `warning-signs` needs them), so they are
/// checked here: a broken sheet fails the build, never a user's command.
fn check_warning_signs() {
    println!("cargo::rerun-if-changed=warning-signs.toml");
    println!("cargo::rerun-if-changed=src/warning_signs/sheet.rs");
    let text = fs::read_to_string("warning-signs.toml").expect("warning-signs.toml is readable");
    if let Err(error) = sheet::Sheet::parse(&text) {
        panic!("warning-signs.toml: {error}");
    }
}

/// Every string of the built-in set in one text, each named by its byte range: the tables
/// below hold ranges and numbers, no pointers, so the loader relocates nothing for them at
/// start-up (a static-pie binary writes every pointer in its data once per start, faulting in
/// each page that holds one; see the README's Speed section).
#[derive(Default)]
struct Strings {
    text: String,
    known: std::collections::HashMap<String, (usize, usize)>,
    /// Lists (tags, steps, a routine's exercises): ranges of strings, in `LISTS`.
    lists: Vec<(usize, usize)>,
    /// Sources, deduplicated, as Rust source for `SOURCES`.
    sources: Vec<String>,
}

impl Strings {
    /// Where `text` is in `TEXT`, added the first time it is seen.
    fn range(&mut self, text: &str) -> (usize, usize) {
        if let Some(&range) = self.known.get(text) {
            return range;
        }
        let start = self.text.len();
        self.text.push_str(text);
        let range = (start, self.text.len());
        self.known.insert(text.to_string(), range);
        range
    }

    /// `(START, END)`: where `text` is in `TEXT`, as Rust source.
    fn span(&mut self, text: &str) -> String {
        let (start, end) = self.range(text);
        format!("({start}, {end})")
    }

    fn optional(&mut self, text: &Option<model::Text>) -> String {
        match text {
            Some(text) => format!("Some({})", self.span(text)),
            None => "None".to_string(),
        }
    }

    /// `(FIRST, COUNT)` in `LISTS`.
    fn list(&mut self, items: &[model::Text]) -> String {
        let first = self.lists.len();
        for item in items {
            let range = self.range(item);
            self.lists.push(range);
        }
        format!("({first}, {})", items.len())
    }

    /// `Some(INDEX)` in `SOURCES`, or `None`.
    fn source(&mut self, source: &Option<model::Source>) -> String {
        let Some(source) = source else {
            return "None".to_string();
        };
        let raw = format!(
            "RawSource {{ publisher: {}, title: {}, url: {}, checked: {} }}",
            self.span(&source.publisher),
            self.optional(&source.title),
            self.optional(&source.url),
            self.optional(&source.checked),
        );
        let index = match self.sources.iter().position(|known| *known == raw) {
            Some(index) => index,
            None => {
                self.sources.push(raw);
                self.sources.len() - 1
            }
        };
        format!("Some({index})")
    }

    /// `TEXT`, `LISTS` and `SOURCES`, as Rust source.
    fn tables(&self) -> String {
        let lists: Vec<String> = self
            .lists
            .iter()
            .map(|(start, end)| format!("({start}, {end})"))
            .collect();
        format!(
            "const TEXT: &str = {:?};\n\nstatic LISTS: [Span; {}] = [{}];\n\nstatic SOURCES: [RawSource; {}] = [\n    {},\n];\n",
            self.text,
            lists.len(),
            lists.join(", "),
            self.sources.len(),
            self.sources.join(",\n    "),
        )
    }
}

/// A set of stages as bits: first 1, second 2, third 4, postpartum 8.
fn stage_bits(stages: &[model::Stage]) -> u8 {
    stages
        .iter()
        .map(|stage| 1 << model::Stage::ALL.iter().position(|s| s == stage).unwrap())
        .sum()
}

/// The exercises, routines and safety line of `exercises.toml`. Routines may only name
/// exercises of the same file, and the file must have its `[safety]` line.
fn generate_exercises(file: &parse::ParsedFile, strings: &mut Strings) -> String {
    let Some(safety) = &file.safety else {
        panic!("exercises.toml: the [safety] table is missing");
    };
    if !file.tips.is_empty() || !file.topics.is_empty() {
        panic!("exercises.toml: tips belong in tips.toml");
    }
    let mut code = format!(
        "\npub const SAFETY_PREGNANCY: &str = {:?};\npub const SAFETY_AFTER_BIRTH: &str = {:?};\n\nstatic EXERCISES: [RawExercise; {}] = [\n",
        safety.pregnancy.text,
        safety.after_birth.text,
        file.exercises.len()
    );
    for parsed in &file.exercises {
        let exercise = &parsed.exercise;
        let _ = writeln!(
            code,
            "    RawExercise {{ id: {}, name: {}, position: {}, stages: {}, steps: {}, hold: {}, reps: {}, rest: {}, wide_legs: {}, from_week: {:?}, avoid: {}, stop: {}, stop_source: {}, source: {} }},",
            strings.span(&exercise.id),
            strings.span(&exercise.name),
            exercise.position.rust_path(),
            stage_bits(&exercise.stages),
            strings.list(&exercise.steps),
            exercise.hold,
            exercise.reps,
            exercise.rest,
            exercise.wide_legs,
            exercise.from_week,
            strings.span(&exercise.avoid),
            strings.span(&exercise.stop),
            strings.source(&exercise.stop_source),
            strings.source(&exercise.source),
        );
    }
    let _ = write!(
        code,
        "];\n\nstatic ROUTINES: [RawRoutine; {}] = [\n",
        file.routines.len()
    );
    for parsed in &file.routines {
        let routine = &parsed.routine;
        for wanted in routine.exercises.iter() {
            if !file
                .exercises
                .iter()
                .any(|known| known.exercise.id == *wanted)
            {
                panic!(
                    "exercises.toml: routine `{}` names unknown exercise `{wanted}`",
                    routine.id
                );
            }
        }
        let _ = writeln!(
            code,
            "    RawRoutine {{ id: {}, name: {}, description: {}, exercises: {} }},",
            strings.span(&routine.id),
            strings.span(&routine.name),
            strings.span(&routine.description),
            strings.list(&routine.exercises),
        );
    }
    code.push_str("];\n");
    code
}

/// The `[about]` table and the topics stay plain statics (a few dozen pointers); the tips,
/// which are most of the data, go into the tables.
fn generate(file: &parse::ParsedFile, strings: &mut Strings) -> String {
    if !file.exercises.is_empty() || !file.routines.is_empty() || file.safety.is_some() {
        panic!("tips.toml: exercises, routines and [safety] belong in exercises.toml");
    }
    let about = file.about.clone().unwrap_or_default();
    let mut code = format!(
        "pub static ABOUT: About = About {{ name: {}, contact: {}, url: {}, reviewed: {} }};\n\n",
        optional(&about.name),
        optional(&about.contact),
        optional(&about.url),
        optional(&about.reviewed),
    );
    code.push_str("pub static TOPICS: &[Topic] = &[\n");
    for parsed in &file.topics {
        let topic = &parsed.topic;
        let _ = writeln!(
            code,
            "    Topic {{ name: Cow::Borrowed({:?}), title: Cow::Borrowed({:?}), description: Cow::Borrowed({:?}) }},",
            topic.name, topic.title, topic.description
        );
    }
    let _ = write!(
        code,
        "];\n\nstatic TIPS: [RawTip; {}] = [\n",
        file.tips.len()
    );
    for parsed in &file.tips {
        let parse::Entry::Tip(tip) = &parsed.entry else {
            panic!("tips.toml: `disabled` is for user files, not the built-in set");
        };
        let _ = writeln!(
            code,
            "    RawTip {{ id: {}, topic: {}, text: {}, stages: {}, tags: {}, source: {} }},",
            strings.span(&tip.id),
            strings.span(&tip.topic),
            strings.span(&tip.text),
            stage_bits(&tip.stages),
            strings.list(&tip.tags),
            strings.source(&tip.source),
        );
    }
    code.push_str("];\n");
    code
}
