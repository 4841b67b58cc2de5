//! Machine-readable output for `--json`. Shapes (documented in the README): `tip` and `show`
//! print an object, `list` and `search` an array of them, `topics` an array with counts.

use serde::Serialize;

use crate::sanitize::is_unsafe;
use crate::tips::{Catalog, Tip};

/// A tip as `tip`, `show`, `list` and `search` print it: its fields, and who shared it.
#[derive(Serialize)]
pub struct TipObject<'a> {
    #[serde(flatten)]
    pub tip: &'a Tip,
    /// Who the tip's file says it is from (its `[about]` name), for a user file that says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_by: Option<&'a str>,
    /// Present (true) only for a tip the user hid with `backcare hide`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

impl<'a> TipObject<'a> {
    /// The tip, marked if the user hid it.
    pub fn of(catalog: &'a Catalog, tip: &'a Tip) -> Self {
        TipObject {
            tip,
            hidden: catalog.is_hidden(tip),
            shared_by: catalog
                .group_of(tip)
                .and_then(|about| about.name.as_deref()),
        }
    }
}

#[derive(Serialize)]
pub struct TopicObject<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub count: usize,
}

pub fn tips(catalog: &Catalog, tips: &[&Tip]) -> String {
    let objects: Vec<TipObject> = tips.iter().map(|tip| TipObject::of(catalog, tip)).collect();
    render(&objects)
}

pub fn topics(catalog: &Catalog) -> String {
    let objects: Vec<TopicObject> = catalog
        .topics
        .iter()
        .map(|topic| TopicObject {
            name: &topic.name,
            title: &topic.title,
            description: &topic.description,
            count: catalog.count_in(&topic.name),
        })
        .collect();
    render(&objects)
}

/// Pretty JSON with a final newline. serde_json escapes C0 controls inside strings; DEL, C1
/// controls and invisible formatting characters are valid JSON but could still drive a
/// terminal the JSON is shown on, so they are escaped too. The only raw control character left
/// is the newline between lines of the layout.
pub fn render(value: &impl Serialize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_string());
    let mut safe = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if c != '\n' && is_unsafe(c) {
            // JSON escapes are UTF-16 code units: a character beyond U+FFFF takes two.
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                safe.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            safe.push(c);
        }
    }
    safe.push('\n');
    safe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_could_drive_a_terminal() {
        let out = render(&["a\x1b]0;x\x07\u{9b}\u{202e}\x7f\u{E0041}b"]);
        assert!(!out.chars().any(|c| c != '\n' && is_unsafe(c)), "{out}");
        let back: Vec<String> = serde_json::from_str(&out).unwrap();
        assert_eq!(back[0], "a\x1b]0;x\x07\u{9b}\u{202e}\x7f\u{E0041}b");
    }

    #[test]
    fn optional_fields_are_left_out() {
        let catalog = Catalog::builtin();
        let bare = Tip {
            stages: Default::default(),
            tags: Default::default(),
            source: None,
            ..catalog.tips[0].clone()
        };
        let value: serde_json::Value = serde_json::from_str(&tips(&catalog, &[&bare])).unwrap();
        let keys: Vec<&String> = value[0].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["id", "text", "topic"]);
    }
}
