//! Finding tips by words. Every query word must appear (AND) as a whole word, in any of its
//! simple forms (`pillows` finds pillow, `lifting` finds lift: Snowball's English stemmer), in a
//! tip's text, tags, id or topic; case and accents do not matter, and hyphenated words count
//! as their parts (`back-pain`). A word is never matched inside another (`tens` does not find
//! "tension"). Tips matching in id, tags or topic rank before text-only ones.

use std::collections::HashSet;
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::tips::{Catalog, Tip};

/// Lower-cases `text` and strips accents (`Café` becomes `cafe`).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars()
        .flat_map(char::to_lowercase)
        .flat_map(|lower| lower.nfd().filter(|part| !is_combining_mark(*part)))
        .collect()
}

/// The words of `text` with their byte ranges: runs of letters and digits (so hyphens, quotes
/// and punctuation separate words).
fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut start = None;
    let mut found = Vec::new();
    for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                found.push((from..at, &text[from..at]));
                start = None;
            }
            _ => {}
        }
    }
    found.into_iter()
}

/// The stemmer; cheap to make, and made only by commands that search.
fn stemmer() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

/// A word's searchable form: folded, then stemmed.
fn key(stemmer: &Stemmer, word: &str) -> String {
    stemmer.stem(&fold(word)).into_owned()
}

/// The query's words, in their searchable form, with empty words dropped.
pub fn query_words(query: &[String]) -> Vec<String> {
    let stemmer = stemmer();
    let mut keys: Vec<String> = Vec::new();
    for part in query {
        for (_, word) in words(part) {
            let word = key(&stemmer, word);
            if !keys.contains(&word) {
                keys.push(word);
            }
        }
    }
    keys
}

/// The searchable forms of every word in `text`: a tip matches a query when these hold all
/// of [`query_words`].
pub fn keys(text: &str) -> HashSet<String> {
    keys_of(&stemmer(), text)
}

fn keys_of(stemmer: &Stemmer, text: &str) -> HashSet<String> {
    words(text).map(|(_, word)| key(stemmer, word)).collect()
}

/// The tips containing every word, best first: matches in id, tags or topic before matches in
/// the text alone, each group in catalog order.
pub fn search<'c>(catalog: &'c Catalog, tips: &[&'c Tip], query: &[String]) -> Vec<&'c Tip> {
    let stemmer = stemmer();
    let mut ranked: Vec<(bool, &Tip)> = tips
        .iter()
        .filter_map(|tip| {
            let title = catalog.topic(&tip.topic).map_or("", |topic| &topic.title);
            let mut labels = format!("{} {} {}", tip.id, tip.topic, title);
            for tag in tip.tags.iter() {
                labels.push(' ');
                labels.push_str(tag);
            }
            let labels = keys_of(&stemmer, &labels);
            let text = keys_of(&stemmer, &tip.text);
            let all_found = query
                .iter()
                .all(|word| labels.contains(word) || text.contains(word));
            let in_labels = query.iter().any(|word| labels.contains(word));
            all_found.then_some((!in_labels, *tip))
        })
        .collect();
    // A stable sort keeps catalog order inside each group.
    ranked.sort_by_key(|(text_only, _)| *text_only);
    ranked.into_iter().map(|(_, tip)| tip).collect()
}

/// Byte ranges of the words of `text` that match the query, in order.
pub fn match_ranges(text: &str, query: &[String]) -> Vec<Range<usize>> {
    let stemmer = stemmer();
    words(text)
        .filter(|(_, word)| query.contains(&key(&stemmer, word)))
        .map(|(range, _)| range)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Café CRÈME Ångström"), "cafe creme angstrom");
    }

    #[test]
    fn maps_matches_back_to_the_original_text() {
        let text = "Un café, CAFÉ! Cafés.";
        let ranges = match_ranges(text, &query_words(&["cafe".to_string()]));
        let found: Vec<&str> = ranges.iter().map(|range| &text[range.clone()]).collect();
        assert_eq!(found, ["café", "CAFÉ", "Cafés"]);
    }

    #[test]
    fn whole_words_in_their_simple_forms() {
        let text = "Lift with your legs; a pillow helps. Tension is common.";
        let matches = |query: &str| {
            match_ranges(text, &query_words(&[query.to_string()]))
                .iter()
                .map(|range| text[range.clone()].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(matches("lifting"), ["Lift"]);
        assert_eq!(matches("pillows"), ["pillow"]);
        assert!(matches("tens").is_empty(), "no match inside another word");
        assert!(matches("ift").is_empty());
    }

    #[test]
    fn query_words_split_on_spaces_and_hyphens_and_fold() {
        assert_eq!(
            query_words(&["Back-PAIN  Pillows".into(), "".into()]),
            ["back", "pain", "pillow"]
        );
    }
}
