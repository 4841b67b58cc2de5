//! Turns the built-in `tips.toml` and `exercises.toml` into static Rust data, so the installed binary neither ships
//! nor parses a data file at start-up (parsing TOML costs a few microseconds per tip, at every
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
    let mut code = generate(&tips);
    code.push_str(&generate_exercises(&exercises));
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

/// `Cow::Borrowed(&[Cow::Borrowed("a"), ...])`, as Rust source.
fn texts(items: &[model::Text]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|item| format!("Cow::Borrowed({item:?})"))
        .collect();
    format!("Cow::Borrowed(&[{}])", items.join(", "))
}

fn source(source: &Option<model::Source>) -> String {
    match source {
        Some(source) => format!(
            "Some(Source {{ publisher: Cow::Borrowed({:?}), title: {}, url: {}, checked: {} }})",
            source.publisher,
            optional(&source.title),
            optional(&source.url),
            optional(&source.checked),
        ),
        None => "None".to_string(),
    }
}

/// The exercises, routines and safety line of `exercises.toml`. Routines may only name
/// exercises of the same file, and the file must have its `[safety]` line.
fn generate_exercises(file: &parse::ParsedFile) -> String {
    let Some(safety) = &file.safety else {
        panic!("exercises.toml: the [safety] table is missing");
    };
    if !file.tips.is_empty() || !file.topics.is_empty() {
        panic!("exercises.toml: tips belong in tips.toml");
    }
    let mut code = format!(
        "\npub static SAFETY_BEFORE: &str = {:?};\n\npub static EXERCISES: &[Exercise] = &[\n",
        safety.before
    );
    for parsed in &file.exercises {
        let exercise = &parsed.exercise;
        let stages: Vec<&str> = exercise
            .stages
            .iter()
            .map(|stage| stage.rust_path())
            .collect();
        let _ = writeln!(
            code,
            "    Exercise {{ id: Cow::Borrowed({:?}), name: Cow::Borrowed({:?}), position: {}, stages: Cow::Borrowed(&[{}]), steps: {}, hold: {}, reps: {}, rest: {}, wide_legs: {}, from_week: {:?}, avoid: Cow::Borrowed({:?}), stop: Cow::Borrowed({:?}), stop_source: {}, source: {}, origin: None }},",
            exercise.id,
            exercise.name,
            exercise.position.rust_path(),
            stages.join(", "),
            texts(&exercise.steps),
            exercise.hold,
            exercise.reps,
            exercise.rest,
            exercise.wide_legs,
            exercise.from_week,
            exercise.avoid,
            exercise.stop,
            source(&exercise.stop_source),
            source(&exercise.source),
        );
    }
    code.push_str("];\n\npub static ROUTINES: &[Routine] = &[\n");
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
            "    Routine {{ id: Cow::Borrowed({:?}), name: Cow::Borrowed({:?}), description: Cow::Borrowed({:?}), exercises: {}, origin: None }},",
            routine.id,
            routine.name,
            routine.description,
            texts(&routine.exercises),
        );
    }
    code.push_str("];\n");
    code
}

fn generate(file: &parse::ParsedFile) -> String {
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
    code.push_str("];\n\npub static TIPS: &[Tip] = &[\n");
    for parsed in &file.tips {
        let parse::Entry::Tip(tip) = &parsed.entry else {
            panic!("tips.toml: `disabled` is for user files, not the built-in set");
        };
        let stages: Vec<&str> = tip.stages.iter().map(|stage| stage.rust_path()).collect();
        let tags: Vec<String> = tip
            .tags
            .iter()
            .map(|tag| format!("Cow::Borrowed({tag:?})"))
            .collect();
        let source = source(&tip.source);
        let _ = writeln!(
            code,
            "    Tip {{ id: Cow::Borrowed({:?}), topic: Cow::Borrowed({:?}), text: Cow::Borrowed({:?}), stages: Cow::Borrowed(&[{}]), tags: Cow::Borrowed(&[{}]), source: {source}, origin: None }},",
            tip.id,
            tip.topic,
            tip.text,
            stages.join(", "),
            tags.join(", "),
        );
    }
    code.push_str("];\n");
    code
}
