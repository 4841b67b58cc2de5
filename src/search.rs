//! Finding tips by words. Every query word must appear (AND) as a whole word, in any of its
//! simple forms (`pillows` finds pillow, `lifting` finds lift: Snowball's English stemmer), in a
//! tip's text, tags, id or topic; case and accents do not matter, and hyphenated words count
//! as their parts (`back-pain`). A word is never matched inside another (`tens` does not find
//! "tension"). Tips matching in id, tags or topic rank before text-only ones.
//!
//! People type what they call a thing, not what the tip says: `search-words.toml` groups the
//! everyday, US and UK words and brand names that mean the same (`cesarean`, `caesarean`,
//! `c-section`), and a query word finds every word of its group, in tips (built-in and the
//! user's own, whose tags count) and in the warning signs. A word that nothing holds gets a
//! "did you mean" from the words that are there.

use std::collections::{HashMap, HashSet};
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
/// and punctuation separate words), with the accents typed as marks of their own (`e` and
/// U+0301) inside them.
fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut start = None;
    let mut found = Vec::new();
    for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let in_word = c.is_alphanumeric() || (start.is_some() && is_combining_mark(c));
        match (in_word, start) {
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

/// The query's words, in their searchable form, with empty and repeated words dropped.
pub fn query_words(query: &[String]) -> Vec<String> {
    let stemmer = stemmer();
    let mut seen = HashSet::new();
    query
        .iter()
        .flat_map(|part| {
            words(part)
                .map(|(_, word)| key(&stemmer, word))
                .collect::<Vec<_>>()
        })
        .filter(|word| seen.insert(word.clone()))
        .collect()
}

/// The searchable forms of every word in `text`: a tip matches a query when these hold all
/// of [`query_words`].
pub fn keys(text: &str) -> HashSet<String> {
    keys_of(&stemmer(), text)
}

fn keys_of(stemmer: &Stemmer, text: &str) -> HashSet<String> {
    words(text).map(|(_, word)| key(stemmer, word)).collect()
}

/// The built-in table of words that mean the same to a reader (`search-words.toml`).
const SAME_WORDS: &str = include_str!("../search-words.toml");

/// The longest phrase, in words, that the table may hold.
const LONGEST_PHRASE: usize = 4;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SameWords {
    same: Vec<Same>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Same {
    words: Vec<String>,
}

/// Groups of words and phrases that mean the same, each phrase in its searchable form.
pub struct Synonyms {
    groups: Vec<Vec<Vec<String>>>,
    /// A phrase (its keys joined by spaces) to the groups that hold it.
    index: HashMap<String, Vec<usize>>,
    /// Every word and phrase as written, folded, for "did you mean".
    written: Vec<String>,
}

impl Synonyms {
    /// The built-in table. It is checked by a test, so this does not fail in a release; a
    /// broken table would only lose the synonyms.
    pub fn builtin() -> Synonyms {
        Synonyms::parse(SAME_WORDS).unwrap_or_else(|_| Synonyms::none())
    }

    pub fn none() -> Synonyms {
        Synonyms {
            groups: Vec::new(),
            index: HashMap::new(),
            written: Vec::new(),
        }
    }

    /// Reads a table; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Synonyms, String> {
        Synonyms::parse_groups(text, |_| true)
    }

    /// The built-in groups that hold one of `words` as written (in any case): for the
    /// diary's warning words, which then need not stem the whole table at every `log`. A
    /// test checks that they give each word the alternatives the whole table gives.
    pub fn builtin_holding(words: &[String]) -> Synonyms {
        let wanted: HashSet<String> = words.iter().map(|word| fold(word)).collect();
        Synonyms::parse_groups(SAME_WORDS, |same| {
            same.words
                .iter()
                .any(|phrase| wanted.contains(&fold(phrase)))
        })
        .unwrap_or_else(|_| Synonyms::none())
    }

    fn parse_groups(text: &str, keep: impl Fn(&Same) -> bool) -> Result<Synonyms, String> {
        let table: SameWords = toml::from_str(text).map_err(|error| error.to_string())?;
        let stemmer = stemmer();
        let mut synonyms = Synonyms::none();
        for (at, same) in table.same.iter().filter(|same| keep(same)).enumerate() {
            if same.words.len() < 2 {
                return Err(format!("group {} needs at least two words", at + 1));
            }
            let mut group = Vec::new();
            for phrase in &same.words {
                let keys: Vec<String> =
                    words(phrase).map(|(_, word)| key(&stemmer, word)).collect();
                if keys.is_empty() || keys.len() > LONGEST_PHRASE {
                    return Err(format!(
                        "{phrase:?}: a phrase has 1 to {LONGEST_PHRASE} words"
                    ));
                }
                synonyms.index.entry(keys.join(" ")).or_default().push(at);
                synonyms.written.push(fold(phrase));
                group.push(keys);
            }
            synonyms.groups.push(group);
        }
        Ok(synonyms)
    }
}

/// One thing the reader asked for: the word or phrase typed, and every way a text may say it.
#[derive(Clone, Debug)]
pub struct Term {
    pub typed: String,
    /// Each alternative is a phrase in searchable form: all its words must be in the text.
    pub alternatives: Vec<Vec<String>>,
}

/// A query: every term must be found (AND), each in any of its alternatives (OR).
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    /// The words typed, each taken with the words that mean the same in `synonyms`; phrases
    /// in the table (`pins and needles`) are recognised as one term.
    pub fn new(typed: &[String], synonyms: &Synonyms) -> Query {
        let stemmer = stemmer();
        let joined = typed.join(" ");
        let found: Vec<(&str, String)> = words(&joined)
            .map(|(_, word)| (word, key(&stemmer, word)))
            .collect();
        let mut terms: Vec<Term> = Vec::new();
        let mut seen = HashSet::new();
        let mut at = 0;
        while at < found.len() {
            let longest = LONGEST_PHRASE.min(found.len() - at);
            let (length, groups) = (1..=longest)
                .rev()
                .find_map(|length| {
                    let phrase: Vec<&str> = found[at..at + length]
                        .iter()
                        .map(|(_, key)| key.as_str())
                        .collect();
                    synonyms
                        .index
                        .get(&phrase.join(" "))
                        .map(|groups| (length, groups.as_slice()))
                })
                .unwrap_or((1, &[]));
            let typed: Vec<&str> = found[at..at + length]
                .iter()
                .map(|(word, _)| *word)
                .collect();
            let own: Vec<String> = found[at..at + length]
                .iter()
                .map(|(_, key)| key.clone())
                .collect();
            at += length;
            if !seen.insert(own.join(" ")) {
                continue;
            }
            let mut alternatives = vec![own];
            for group in groups {
                for phrase in &synonyms.groups[*group] {
                    if !alternatives.contains(phrase) {
                        alternatives.push(phrase.clone());
                    }
                }
            }
            terms.push(Term {
                typed: typed.join(" "),
                alternatives,
            });
        }
        Query { terms }
    }

    /// The words taken as typed, without synonyms.
    pub fn literal(typed: &[String]) -> Query {
        Query::new(typed, &Synonyms::none())
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether a text with these searchable words holds every term.
    pub fn matches(&self, keys: &HashSet<String>) -> bool {
        self.terms.iter().all(|term| term.found_in(keys))
    }

    /// Every searchable word any term may match, for highlighting.
    pub fn highlight(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        self.terms
            .iter()
            .flat_map(|term| term.alternatives.iter().flatten())
            .filter(|word| seen.insert(word.as_str()))
            .cloned()
            .collect()
    }
}

impl Term {
    pub fn found_in(&self, keys: &HashSet<String>) -> bool {
        self.alternatives
            .iter()
            .any(|phrase| phrase.iter().all(|word| keys.contains(word)))
    }
}

/// The tips holding every term, best first: matches in id, tags or topic before matches in
/// the text alone, each group in catalog order.
pub fn search<'c>(catalog: &'c Catalog, tips: &[&'c Tip], query: &Query) -> Vec<&'c Tip> {
    let stemmer = stemmer();
    let mut ranked: Vec<(bool, &Tip)> = tips
        .iter()
        .filter_map(|tip| {
            let labels = keys_of(&stemmer, &labels(catalog, tip));
            let mut all = keys_of(&stemmer, &tip.text);
            let in_labels = query.terms.iter().any(|term| term.found_in(&labels));
            all.extend(labels);
            query.matches(&all).then_some((!in_labels, *tip))
        })
        .collect();
    // A stable sort keeps catalog order inside each group.
    ranked.sort_by_key(|(text_only, _)| *text_only);
    ranked.into_iter().map(|(_, tip)| tip).collect()
}

/// A tip's id, topic, topic title and tags: what ranks a match first.
fn labels(catalog: &Catalog, tip: &Tip) -> String {
    let title = catalog.topic(&tip.topic).map_or("", |topic| &topic.title);
    let mut labels = format!("{} {} {}", tip.id, tip.topic, title);
    for tag in tip.tags.iter() {
        labels.push(' ');
        labels.push_str(tag);
    }
    labels
}

/// The texts (signs) holding every term, as indices into `texts`.
pub fn search_texts<'t>(texts: impl IntoIterator<Item = &'t str>, query: &Query) -> Vec<usize> {
    let stemmer = stemmer();
    texts
        .into_iter()
        .enumerate()
        .filter(|(_, text)| query.matches(&keys_of(&stemmer, text)))
        .map(|(at, _)| at)
        .collect()
}

/// How many unknown terms get a "did you mean".
const MAX_SUGGESTED_TERMS: usize = 3;

/// For each of the first few terms that no text in `texts` holds, in any of its forms: the typed word and up to
/// three words of those texts (or of the synonym table) that are spelt nearly like it.
pub fn unknown_terms<'t>(
    query: &Query,
    texts: impl IntoIterator<Item = &'t str>,
    synonyms: &Synonyms,
) -> Vec<(String, Vec<String>)> {
    let stemmer = stemmer();
    let mut keys = HashSet::new();
    let mut vocabulary: HashSet<String> = HashSet::new();
    for text in texts {
        for (_, word) in words(text) {
            keys.insert(key(&stemmer, word));
            if word.chars().count() >= 3 && !word.chars().any(|c| c.is_ascii_digit()) {
                vocabulary.insert(fold(word));
            }
        }
    }
    vocabulary.extend(synonyms.written.iter().cloned());
    let mut vocabulary: Vec<String> = vocabulary.into_iter().collect();
    vocabulary.sort();
    // Suggestions for the first few unknown terms only: a pasted essay costs one pass.
    query
        .terms
        .iter()
        .filter(|term| !term.found_in(&keys))
        .take(MAX_SUGGESTED_TERMS)
        .map(|term| {
            let typed = fold(&term.typed);
            let close = crate::suggest::closest(&typed, vocabulary.iter().map(String::as_str))
                .into_iter()
                .filter(|word| *word != typed)
                .map(str::to_string)
                .collect();
            (term.typed.clone(), close)
        })
        .collect()
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
    fn the_built_in_synonyms_parse_and_find_each_other() {
        let synonyms = Synonyms::parse(SAME_WORDS).unwrap();
        let query = Query::new(&["Cesarean".into(), "pins and needles".into()], &synonyms);
        assert_eq!(query.terms.len(), 2, "{query:?}");
        assert_eq!(query.terms[1].typed, "pins and needles");
        let text = keys("After a caesarean, tingling in the leg");
        assert!(query.matches(&text));
        assert!(!Query::literal(&["cesarean".into()]).matches(&text));
        assert!(Synonyms::parse("[[same]]\nwords = [\"a b c d e\", \"x\"]").is_err());
        assert!(Synonyms::parse("[[same]]\nwords = [\"alone\"]").is_err());
    }

    #[test]
    fn a_word_nothing_holds_gets_the_words_spelt_like_it() {
        let query = Query::literal(&["pilow".into(), "back".into()]);
        let unknown = unknown_terms(&query, ["a pillow for your back"], &Synonyms::none());
        assert_eq!(unknown, [("pilow".to_string(), vec!["pillow".to_string()])]);
    }

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Café CRÈME Ångström"), "cafe creme angstrom");
        // An accent typed as a mark of its own stays in its word.
        assert_eq!(keys("pe\u{301}lvic"), keys("pélvic"));
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
