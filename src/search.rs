//! Finding tips by words: every word must appear (AND), case-insensitive, accents folded, in a
//! tip's text, tags, id or topic. Tips matching in id, tags or topic rank before text-only ones.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::tips::{Catalog, Tip};

/// Lower-cases `text` and strips accents (`Café` becomes `cafe`), keeping, for every byte of the
/// folded string, the byte offset in `text` of the character it came from, so that matches can
/// be mapped back for highlighting.
pub fn fold_with_offsets(text: &str) -> (String, Vec<usize>) {
    // Nearly all tips are ASCII: lower-casing keeps every byte where it was.
    if text.is_ascii() {
        return (text.to_ascii_lowercase(), (0..text.len()).collect());
    }
    let mut folded = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len());
    for (offset, c) in text.char_indices() {
        for lower in c.to_lowercase() {
            for part in lower.nfd().filter(|part| !is_combining_mark(*part)) {
                folded.push(part);
                offsets.extend(std::iter::repeat_n(offset, part.len_utf8()));
            }
        }
    }
    (folded, offsets)
}

pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars()
        .flat_map(char::to_lowercase)
        .flat_map(|lower| lower.nfd().filter(|part| !is_combining_mark(*part)))
        .collect()
}

/// The query, folded, with empty words dropped.
pub fn query_words(words: &[String]) -> Vec<String> {
    words
        .iter()
        .flat_map(|word| word.split_whitespace())
        .map(fold)
        .filter(|word| !word.is_empty())
        .collect()
}

/// The tips containing every word, best first: matches in id, tags or topic before matches in
/// the text alone, each group in catalog order.
pub fn search<'c>(catalog: &'c Catalog, tips: &[&'c Tip], words: &[String]) -> Vec<&'c Tip> {
    let mut ranked: Vec<(bool, &Tip)> = tips
        .iter()
        .filter_map(|tip| {
            let title = catalog.topic(&tip.topic).map_or("", |topic| &topic.title);
            let mut labels = format!("{} {} {}", tip.id, tip.topic, title);
            for tag in tip.tags.iter() {
                labels.push(' ');
                labels.push_str(tag);
            }
            let labels = fold(&labels);
            let text = fold(&tip.text);
            let all_found = words
                .iter()
                .all(|word| labels.contains(word.as_str()) || text.contains(word.as_str()));
            let in_labels = words.iter().any(|word| labels.contains(word.as_str()));
            all_found.then_some((!in_labels, *tip))
        })
        .collect();
    // A stable sort keeps catalog order inside each group.
    ranked.sort_by_key(|(text_only, _)| *text_only);
    ranked.into_iter().map(|(_, tip)| tip).collect()
}

/// Byte ranges of `text` where any of the (folded) words occur, merged and in order.
pub fn match_ranges(text: &str, words: &[String]) -> Vec<Range<usize>> {
    let (folded, offsets) = fold_with_offsets(text);
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for word in words {
        for (start, found) in folded.match_indices(word.as_str()) {
            let end_byte = start + found.len();
            let from = offsets[start];
            // The match ends with the whole original character its last folded byte came from.
            let last = offsets[end_byte - 1];
            let to = last + text[last..].chars().next().map_or(0, char::len_utf8);
            ranges.push(from..to);
        }
    }
    ranges.sort_by_key(|range| range.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
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
        let text = "Un café, CAFÉ!";
        let ranges = match_ranges(text, &["cafe".to_string()]);
        let found: Vec<&str> = ranges.iter().map(|range| &text[range.clone()]).collect();
        assert_eq!(found, ["café", "CAFÉ"]);
    }

    #[test]
    fn merges_overlapping_matches() {
        let ranges = match_ranges("backache", &["back".into(), "kach".into()]);
        assert_eq!(ranges.len(), 1);
        assert_eq!(ranges[0], 0..7);
    }

    #[test]
    fn query_words_split_and_fold() {
        assert_eq!(
            query_words(&["Back  PAIN".into(), "".into()]),
            ["back", "pain"]
        );
    }
}
