//! Turns the built-in `tips.toml` into static Rust data, so the installed binary neither ships
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
    let text = fs::read_to_string("tips.toml").expect("tips.toml is readable");
    let (file, problems) = parse::parse(&text, None);
    if !problems.is_empty() {
        for problem in &problems {
            let (line, column) = parse::position(&text, problem.span.start);
            eprintln!("tips.toml:{line}:{column}: {}", problem.message);
        }
        panic!("tips.toml has {} problem(s); see above", problems.len());
    }
    check_warning_signs();
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin.rs");
    fs::write(out, generate(&file)).expect("OUT_DIR is writable");
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
        let source = match &tip.source {
            Some(source) => format!(
                "Some(Source {{ publisher: Cow::Borrowed({:?}), title: {}, url: {}, checked: {} }})",
                source.publisher,
                optional(&source.title),
                optional(&source.url),
                optional(&source.checked),
            ),
            None => "None".to_string(),
        };
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
