//! The tips the user hid with `backcare hide`, kept in their own data directory
//! (`$XDG_DATA_HOME/backcare/hidden.toml`, by default `~/.local/share/backcare/hidden.toml`):
//!
//! ```toml
//! # Tips hidden with `backcare hide`; `backcare unhide ID` shows one again.
//! hidden = ["posture-shoes"]
//! ```
//!
//! Apart from the state file on purpose: the state may be thrown away and rebuilt when it is
//! damaged, a choice the user made must not be.

use std::collections::BTreeSet;
use std::io;
use std::ops::Range;
use std::path::Path;

use backcare_data::read;
use toml::de::DeValue;

use crate::diagnostic::Diagnostic;
use crate::os::replace::{Durability, replace_file};
use crate::tips::files::read_limited;

/// The ids of hidden tips, sorted.
#[derive(Clone, Debug, Default)]
pub struct Hidden {
    pub ids: BTreeSet<String>,
    /// The file as it was read, with where its list is: what a later version (or the user)
    /// wrote beside the list is written back as it was.
    read: Option<(String, Option<Range<usize>>)>,
}

/// Two lists are the same when they hide the same tips.
impl PartialEq for Hidden {
    fn eq(&self, other: &Hidden) -> bool {
        self.ids == other.ids
    }
}

impl Eq for Hidden {}

impl Hidden {
    /// The hidden ids in `path`; a missing file hides nothing. A file that cannot be read or
    /// is not what backcare writes is a problem naming the file (and the place).
    pub fn load(path: &Path) -> Result<Hidden, Diagnostic> {
        match std::fs::symlink_metadata(path) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(Hidden::default()),
            _ => {
                let text = read_limited(path, "list of hidden tips")?;
                Hidden::parse(&path.display().to_string(), &text)
            }
        }
    }

    pub fn parse(path: &str, text: &str) -> Result<Hidden, Diagnostic> {
        let document = read::document(text, "a list of hidden tips").map_err(|unread| {
            let first = unread.into_problems().swap_remove(0);
            Diagnostic::at(path, text, &first.span, first.message)
        })?;
        let mut hidden = Hidden::default();
        let mut span = None;
        for (key, value) in &document {
            // A key from a newer version is not ours to judge: it is kept as it is.
            if key.get_ref() != "hidden" {
                continue;
            }
            span = Some(value.span());
            let not_a_list = || {
                Diagnostic::at(
                    path,
                    text,
                    &value.span(),
                    "`hidden` must be a list of tip ids",
                )
            };
            let DeValue::Array(ids) = value.get_ref() else {
                return Err(not_a_list());
            };
            for id in ids {
                let id = id.get_ref().as_str().ok_or_else(not_a_list)?;
                hidden.ids.insert(id.to_string());
            }
        }
        hidden.read = Some((text.to_string(), span));
        Ok(hidden)
    }

    /// Writes the list whole (a temporary file renamed over the old one), making the
    /// directory if need be.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        replace_file(path, self.text().as_bytes(), Durability::Synced)
    }

    /// The file as `save` writes it: read back, it gives the same ids.
    pub fn text(&self) -> String {
        let mut list = String::from("[");
        for id in &self.ids {
            list.push_str(&format!("\n  {},", toml_string(id)));
        }
        list.push_str(if self.ids.is_empty() { "]" } else { "\n]" });
        match &self.read {
            // The list replaced where it stood; everything around it as it was.
            Some((read, Some(span))) => {
                format!("{}{list}{}", &read[..span.start], &read[span.end..])
            }
            // Keys of a newer version but no list: the list goes first, outside any table.
            Some((read, None)) => format!("hidden = {list}\n{read}"),
            None => format!(
                "# Tips hidden with `backcare hide`; `backcare unhide ID` shows one again.\nhidden = {list}\n"
            ),
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }
}

/// `text` as a TOML basic string: quotes, backslashes and every control character escaped
/// (TOML allows none raw but tab), so whatever was saved reads back the same.
fn toml_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_saved_is_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/backcare/hidden.toml");
        assert_eq!(Hidden::load(&path).unwrap(), Hidden::default());
        let hidden = Hidden {
            ids: ["posture-shoes".to_string(), "sleep-left".to_string()].into(),
            read: None,
        };
        hidden.save(&path).unwrap();
        assert_eq!(Hidden::load(&path).unwrap(), hidden);
        Hidden::default().save(&path).unwrap();
        assert_eq!(Hidden::load(&path).unwrap(), Hidden::default());
    }

    #[test]
    fn hostile_ids_read_back_as_they_were_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hidden.toml");
        let hidden = Hidden {
            ids: [
                "quote\"back\\slash".to_string(),
                "bell\u{7}esc\u{1b}del\u{7f}nl\ntab\t".to_string(),
                "c1\u{85}\u{9b}bidi\u{202e}".to_string(),
                "]\n[table]\nx = 1".to_string(),
            ]
            .into(),
            read: None,
        };
        hidden.save(&path).unwrap();
        assert_eq!(Hidden::load(&path).unwrap(), hidden);
    }

    #[test]
    fn a_file_backcare_did_not_write_is_a_problem_with_a_place() {
        let problem = Hidden::parse("h.toml", "hidden = [1]\n").unwrap_err();
        assert_eq!(
            problem.headline(),
            "h.toml:1:10: `hidden` must be a list of tip ids"
        );
        // A key from a newer version (or a typo) does not make the list unreadable, and a
        // rewrite keeps it, and every comment, as it was.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hidden.toml");
        let written = "# mine\nhidden = [\"a\"] # my list\nsince = 2030\n[future]\nx = [1, 2]\n";
        std::fs::write(&path, written).unwrap();
        let mut hidden = Hidden::load(&path).unwrap();
        assert_eq!(hidden.ids.len(), 1);
        hidden.ids.insert("b".to_string());
        hidden.save(&path).unwrap();
        let saved = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            saved,
            "# mine\nhidden = [\n  \"a\",\n  \"b\",\n] # my list\nsince = 2030\n[future]\nx = [1, 2]\n"
        );
        std::fs::write(&path, "[future]\nx = 1\n").unwrap();
        let mut hidden = Hidden::load(&path).unwrap();
        hidden.ids.insert("c".to_string());
        hidden.save(&path).unwrap();
        let reread = Hidden::load(&path).unwrap();
        assert_eq!(reread.ids.len(), 1);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .ends_with("[future]\nx = 1\n")
        );
        assert!(Hidden::parse("h.toml", "hidden = [\n").is_err());
    }
}
