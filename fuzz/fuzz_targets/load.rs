//! Fuzzes everything a tips or config file goes through: parsing, the checks across files,
//! diagnostics with their positions, and rendering as text and JSON. Any panic is a bug.
#![no_main]

use backcare::config::Config;
use backcare::diagnostic::Diagnostic;
use backcare::output::{Screen, Style, json};
use backcare::tips::Catalog;
use backcare::tips::catalog::UserFile;
use backcare::tips::parse::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Config::parse("config.toml", text);
    let (parsed, problems) = parse(text, Some("fuzz.toml"));
    for problem in &problems {
        let _ = Diagnostic::at("fuzz.toml", text, &problem.span, &problem.message).with_source();
    }
    if !problems.is_empty() {
        return;
    }
    let file = UserFile {
        path: "fuzz.toml".to_string(),
        text: text.to_string(),
        parsed,
    };
    let catalog = match Catalog::builtin().layer(std::slice::from_ref(&file)) {
        Ok(catalog) => catalog,
        Err(problems) => {
            for problem in problems {
                let _ = problem.with_source();
            }
            return;
        }
    };
    let screen = Screen { style: Style::new(true), width: 40 };
    let tips: Vec<_> = catalog.tips.iter().collect();
    let _ = screen.list(&catalog, &tips);
    let _ = screen.topics(&catalog);
    let _ = json::tips(&tips);
    if let Some(tip) = catalog.tips.last() {
        let _ = screen.details(&catalog, tip);
        let _ = screen.tip(&catalog, tip, &["a".to_string()]);
    }
});
