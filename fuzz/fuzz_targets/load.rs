//! Fuzzes every file format backcare reads: tips files (parsing, the layering of several
//! files, diagnostics with their positions, and rendering as text and JSON), the config file, the list of hidden tips (which must read
//! back as it was written), the state file, the pain diary (which must read back as it was
//! written, every line it could not read kept), and search queries. Any panic is a bug. The
//! input holds up to three files, separated by U+0001.
#![no_main]

use std::sync::OnceLock;

use backcare::config::Config;
use backcare::diary::Diary;
use backcare::hidden::Hidden;
use backcare::search::{self, Query, Synonyms};
use backcare::state::State;
use backcare::diagnostic::Diagnostic;
use backcare::output::{Screen, Style, json};
use backcare::tips::Catalog;
use backcare::tips::catalog::UserFile;
use backcare_data::tips::parse;
use libfuzzer_sys::fuzz_target;

fn synonyms() -> &'static Synonyms {
    static SYNONYMS: OnceLock<Synonyms> = OnceLock::new();
    SYNONYMS.get_or_init(Synonyms::builtin)
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let mut files = Vec::new();
    for (index, text) in input.split('\u{1}').take(3).enumerate() {
        let path = format!("fuzz{index}.toml");
        let _ = Config::parse("config.toml", text);
        // A list of hidden tips: what backcare writes from it reads back the same.
        if let Ok(hidden) = Hidden::parse("hidden.toml", text) {
            let written = hidden.text();
            let reread = Hidden::parse("hidden.toml", &written).expect("a written list reads back");
            assert_eq!(reread.ids, hidden.ids, "{written:?}");
        }
        let _ = serde_json::from_str::<State>(text);
        // A diary: what a rewrite writes reads back with the same entries and kept lines.
        let diary = Diary::parse(text);
        let written = diary.text();
        let reread = Diary::parse(&written);
        assert_eq!(reread.text(), written);
        assert_eq!(reread.entries().count(), diary.entries().count());
        assert_eq!(reread.unreadable.len(), diary.unreadable.len());
        let (parsed, problems) = parse(text, Some(&path));
        for problem in &problems {
            let _ = Diagnostic::at(&path, text, &problem.span, &problem.message).with_source();
        }
        if problems.is_empty() {
            files.push(UserFile {
                path,
                text: text.to_string(),
                parsed,
            });
        }
    }
    let catalog = match Catalog::builtin().layer(files) {
        Ok(layered) => {
            for warning in layered.warnings {
                let _ = warning.with_source();
            }
            layered.catalog
        }
        Err(problems) => {
            for problem in problems {
                let _ = problem.with_source();
            }
            return;
        }
    };
    let screen = Screen { style: Style::new(true), width: 40, on_terminal: true };
    let query = Query::new(&[input.chars().take(200).collect()], &synonyms());
    let all: Vec<_> = catalog.tips.iter().collect();
    let _ = search::search(&catalog, &all, &query);
    let _ = search::unknown_terms(&query, catalog.tips.iter().map(|tip| &*tip.text), synonyms());
    let tips: Vec<_> = catalog.tips.iter().collect();
    let _ = screen.list(&catalog, &tips);
    let _ = screen.topics(&catalog);
    let _ = json::tips(&catalog, &tips);
    if let Some(tip) = catalog.tips.last() {
        let _ = screen.details(&catalog, tip);
        let _ = screen.tip(&catalog, tip, &["a".to_string()]);
    }
});
