//! Properties of selection, search and rendering, over generated inputs.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};

use backcare::output::{Screen, Style};
use backcare::search::{Query, search};
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

    /// Every result holds every query word, and every tip that does is a result, where "holds"
    /// is decided by [`oracle`], written from search's documented promise and not from its
    /// code. The words are mostly the catalog's own, in other cases, forms and with accents (see
    /// [`query_words`]).
    #[test]
    fn search_finds_exactly_the_tips_with_every_word(
        words in query_words(),
    ) {
        let catalog = builtin();
        let all: Vec<&Tip> = catalog.tips.iter().collect();
        let found = search(&catalog, &all, &Query::literal(&words));
        let found_ids: BTreeSet<&str> = found.iter().map(|tip| &*tip.id).collect();
        prop_assert_eq!(found_ids.len(), found.len(), "a tip found twice");
        let query = oracle::query(&words);
        let expected: BTreeSet<&str> = all
            .iter()
            .filter(|tip| oracle::holds(&oracle::tip_words(&catalog, tip), &query))
            .map(|tip| &*tip.id)
            .collect();
        for id in found_ids.difference(&expected) {
            prop_assert!(false, "{id} was found but lacks a word of {query:?}");
        }
        for id in expected.difference(&found_ids) {
            prop_assert!(false, "{id} holds every word of {query:?} but was not found");
        }
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
            paper: None,
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
                !without_colours.chars().any(|c| c != '\n' && backcare::sanitize::is_unsafe(c)),
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

/// What literal search promises (`src/search.rs`, first paragraph), implemented from scratch
/// with the crates it names, as the oracle of `search_finds_exactly_the_tips_with_every_word`.
/// It assumes:
/// - a word is a run of letters and digits (`char::is_alphanumeric`): hyphens, quotes and
///   punctuation separate words (`back-pain` is `back` and `pain`);
/// - case does not matter (Unicode lower case) and neither do accents: the text is decomposed
///   (NFD) and its combining marks dropped, before it is cut into words;
/// - a query word matches a word of the tip when both have the same Snowball English stem
///   (`pillows` and `pillow`, `lifting` and `lift`): whole words only, no prefixes (`tens`
///   does not match `tension`);
/// - the words of a tip are those of its id, topic name, topic title, tags and text;
/// - literal search has no synonyms: every query word must be matched (AND).
///
/// Queries are generated with precomposed accents (`é` as one character), as keyboards type
/// them. With a decomposed accent (`e` then U+0301) search today cuts the word in two at the
/// accent, which this oracle would not.
mod oracle {
    use std::collections::HashSet;

    use backcare::tips::{Catalog, Tip};
    use rust_stemmers::{Algorithm, Stemmer};
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;

    /// The stems of the words of `text`.
    pub fn stems(text: &str) -> Vec<String> {
        let stemmer = Stemmer::create(Algorithm::English);
        let plain: String = text.nfd().filter(|c| !is_combining_mark(*c)).collect();
        plain
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(|word| stemmer.stem(word).into_owned())
            .collect()
    }

    /// The stems a query asks for, from every word typed.
    pub fn query(typed: &[String]) -> Vec<String> {
        typed.iter().flat_map(|part| stems(part)).collect()
    }

    /// The stems of everything search looks at in a tip.
    pub fn tip_words(catalog: &Catalog, tip: &Tip) -> HashSet<String> {
        let title = catalog.topic(&tip.topic).map_or("", |topic| &*topic.title);
        let mut fields = vec![&*tip.id, &*tip.topic, title, &*tip.text];
        fields.extend(tip.tags.iter().map(|tag| &**tag));
        fields.into_iter().flat_map(stems).collect()
    }

    pub fn holds(words: &HashSet<String>, query: &[String]) -> bool {
        query.iter().all(|stem| words.contains(stem))
    }
}

/// The oracle itself, on words whose answer is known.
#[test]
fn the_search_oracle_knows_words_inflections_case_and_accents() {
    let words: HashSet<String> = oracle::stems("Lift, PILLOWS; back-pain. Café tension")
        .into_iter()
        .collect();
    for (query, found) in [
        ("lifting", true),
        ("pillow", true),
        ("Back", true),
        ("pain", true),
        ("café", true),
        ("CAFE", true),
        ("tens", false),
        ("ift", false),
        ("backpain", false),
    ] {
        assert_eq!(
            oracle::holds(&words, &oracle::query(&[query.to_string()])),
            found,
            "{query}"
        );
    }
}

/// The words of a tip's id, topic, tags and text, and of its topic's title, as typed.
fn words_of(catalog: &Catalog, tip: &Tip) -> Vec<String> {
    let title = catalog.topic(&tip.topic).map_or("", |topic| &*topic.title);
    let mut text = format!("{} {} {} {}", tip.id, tip.topic, title, tip.text);
    for tag in tip.tags.iter() {
        text.push(' ');
        text.push_str(tag);
    }
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.len() >= 2)
        .map(str::to_lowercase)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// A word as someone might type it: in another case, with an ending, with an accent.
fn retyped(word: &str, case: usize, ending: &str, accent: bool) -> String {
    let mut word = format!("{word}{ending}");
    if accent {
        word = word.replacen('e', "é", 1).replacen('a', "à", 1);
    }
    match case {
        0 => word.to_uppercase(),
        1 => {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        }
        _ => word,
    }
}

fn typing() -> impl Strategy<Value = (usize, &'static str, bool)> {
    (
        0..4usize,
        prop_oneof![4 => Just(""), 1 => Just("s"), 1 => Just("ing"), 1 => Just("ed")],
        proptest::bool::weighted(0.3),
    )
}

/// A query: mostly words of one tip (so that most queries find it and others), retyped;
/// else words from anywhere, fixed words and random letters, which find little.
fn query_words() -> impl Strategy<Value = Vec<String>> {
    let catalog = builtin();
    let per_tip: Vec<Vec<String>> = catalog
        .tips
        .iter()
        .map(|tip| words_of(&catalog, tip))
        .collect();
    let mut vocabulary: Vec<String> = per_tip.iter().flatten().cloned().collect();
    vocabulary.sort();
    vocabulary.dedup();
    let one_tip = (
        proptest::sample::select(per_tip),
        proptest::collection::vec((any::<proptest::sample::Index>(), typing()), 1..4),
    )
        .prop_map(|(words, picks)| {
            picks
                .into_iter()
                .map(|(index, (case, ending, accent))| {
                    retyped(index.get::<String>(&words), case, ending, accent)
                })
                .collect::<Vec<_>>()
        });
    let anywhere = prop_oneof![
        3 => (proptest::sample::select(vocabulary), typing())
            .prop_map(|(word, (case, ending, accent))| retyped(&word, case, ending, accent)),
        1 => prop_oneof![
            Just("back".to_string()), Just("PAIN".to_string()), Just("sleep".to_string()),
            Just("pélvic".to_string()), Just("heat".to_string()), Just("stage".to_string()),
            Just("back-pain".to_string()), Just("Pillows".to_string()), Just("tens".to_string()),
        ],
        1 => "[a-z]{1,4}",
    ];
    prop_oneof![
        3 => one_tip,
        1 => proptest::collection::vec(anywhere, 1..4),
    ]
}
