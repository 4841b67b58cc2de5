//! Properties of selection, search and rendering, over generated inputs.

use std::borrow::Cow;
use std::collections::HashSet;

use backcare::output::{Screen, Style};
use backcare::search::{Query, keys, query_words, search};
use backcare::select::from_bag;
use backcare::tips::{Catalog, Source, Tip, Topic};
use proptest::prelude::*;

fn builtin() -> Catalog {
    Catalog::builtin()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the eligible set, each round shows every eligible tip exactly once.
    #[test]
    fn the_bag_shows_every_eligible_tip_once_per_round(
        picks in proptest::collection::hash_set(0usize..74, 1..20),
        rounds in 1usize..4,
        earlier in proptest::collection::vec("[a-z]{1,8}", 0..5),
    ) {
        let catalog = builtin();
        let tips: Vec<&Tip> = picks.iter().filter_map(|index| catalog.tips.get(*index)).collect();
        // Ids from other filters or older versions may already be in the round.
        let mut round: Vec<String> = earlier;
        let mut last = None;
        for _ in 0..rounds {
            let mut seen = HashSet::new();
            for _ in 0..tips.len() {
                let tip = from_bag(&tips, &mut round, last.as_deref());
                prop_assert!(seen.insert(tip.id.to_string()), "{} repeated", tip.id);
                last = Some(tip.id.to_string());
            }
            prop_assert_eq!(seen.len(), tips.len());
        }
    }

    /// Every result holds every query word (in a searchable form), and every tip that does is a
    /// result.
    #[test]
    fn search_finds_exactly_the_tips_with_every_word(
        words in proptest::collection::vec(
            prop_oneof![
                Just("back".to_string()), Just("PAIN".to_string()), Just("sleep".to_string()),
                Just("pélvic".to_string()), Just("heat".to_string()), Just("stage".to_string()),
                "[a-z]{1,4}",
            ],
            1..4,
        ),
    ) {
        let catalog = builtin();
        let all: Vec<&Tip> = catalog.tips.iter().collect();
        let found = search(&catalog, &all, &Query::literal(&words));
        let words = query_words(&words);
        let haystack = |tip: &Tip| {
            let title = catalog.topic(&tip.topic).map_or("", |topic| &topic.title);
            keys(&format!("{} {} {} {} {}", tip.id, tip.topic, title, tip.tags.join(" "), tip.text))
        };
        for tip in &found {
            let text = haystack(tip);
            for word in &words {
                prop_assert!(text.contains(word), "{} lacks {word}", tip.id);
            }
        }
        let expected = all.iter().filter(|tip| {
            let text = haystack(tip);
            words.iter().all(|word| text.contains(word))
        }).count();
        prop_assert_eq!(found.len(), expected);
    }

    /// Rendering never emits a control character it did not add itself: the only escape
    /// sequences in the output are backcare's own colours.
    #[test]
    fn rendering_adds_no_control_characters(
        text in "\\PC{0,40}[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{202a}-\\u{202e}]{1,5}\\PC{0,40}",
        title in ".{1,20}",
        tag in ".{1,10}",
        color in any::<bool>(),
        width in 20usize..120,
    ) {
        let tip = Tip {
            id: Cow::Borrowed("generated"),
            topic: Cow::Borrowed("generated"),
            text: Cow::Owned(text.clone()),
            stages: Cow::Borrowed(&[]),
            tags: Cow::Owned(vec![Cow::Owned(tag)]),
            source: Some(Source {
                publisher: Cow::Owned(text.clone()),
                title: Some(Cow::Owned(text.clone())),
                url: Some(Cow::Owned(format!("https://example.org/{text}"))),
                checked: None,
            }),
            origin: Some(text.into()),
        };
        let catalog = Catalog {
            topics: vec![Topic {
                name: Cow::Borrowed("generated"),
                title: Cow::Owned(title.clone()),
                description: Cow::Owned(title),
            }],
            tips: vec![tip.clone()],
            ..Catalog::default()
        };
        let screen = Screen {
            style: Style::new(color),
            width,
            on_terminal: true,
        };
        let highlight = vec!["a".to_string(), "\u{1b}".to_string()];
        for out in [
            screen.tip(&catalog, &tip, &[]),
            screen.tip(&catalog, &tip, &highlight),
            screen.details(&catalog, &tip),
            screen.list(&catalog, &[&tip]),
            screen.topics(&catalog),
        ] {
            let without_colours = strip_sgr(&out);
            prop_assert!(
                !without_colours.chars().any(|c| c != '\n' && backcare::output::sanitize::is_unsafe(c)),
                "{out:?}"
            );
        }
    }
}

/// `text` with backcare's own SGR colour sequences (`ESC [ digits/; m`) removed.
fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[end..].starts_with('m') {
            rest = &after[end + 1..];
        } else {
            out.push('\u{1b}');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}
