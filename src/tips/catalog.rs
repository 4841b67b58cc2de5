//! The set of topics and tips a command works on: the built-in set with user files layered over
//! it, and the checks that need every file at once.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::builtin;
use super::model::{About, Tip, Topic};
use super::parse::{Entry, ParsedFile};
use crate::diagnostic::Diagnostic;

/// Topics and tips, each in the order they were declared.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub topics: Vec<Topic>,
    pub tips: Vec<Tip>,
}

/// A user file that parsed without problems, with its text kept for positions.
pub struct UserFile {
    pub path: String,
    pub text: String,
    pub parsed: ParsedFile,
}

impl Catalog {
    pub fn builtin() -> Catalog {
        Catalog {
            topics: builtin::TOPICS.to_vec(),
            tips: builtin::TIPS.to_vec(),
        }
    }

    /// Who the built-in set is from and when it was last reviewed, from `tips.toml`'s `[about]`.
    pub fn builtin_about() -> &'static About {
        &builtin::ABOUT
    }

    pub fn topic(&self, name: &str) -> Option<&Topic> {
        self.topics.iter().find(|topic| topic.name == name)
    }

    pub fn tip(&self, id: &str) -> Option<&Tip> {
        self.tips.iter().find(|tip| tip.id == id)
    }

    pub fn count_in(&self, topic: &str) -> usize {
        self.tips.iter().filter(|tip| tip.topic == topic).count()
    }

    /// Layers user files over `self`, in order. The rules (documented in the README):
    /// - a tip whose id is already in `self` replaces it in place; `disabled = true` removes it;
    /// - a topic already in `self` takes the user's title and description;
    /// - an id or topic declared by two user files is an error, as is a tip whose topic no
    ///   loaded file declares.
    ///
    /// Every problem found is returned, not just the first.
    pub fn layer(mut self, files: &[UserFile]) -> Result<Catalog, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut topic_owner: HashMap<&str, (usize, usize)> = HashMap::new();
        for (file_index, file) in files.iter().enumerate() {
            for (index, parsed) in file.parsed.topics.iter().enumerate() {
                let name: &str = &parsed.topic.name;
                if let Some(&(first_file, first_index)) = topic_owner.get(name) {
                    let first = &files[first_file];
                    let place = Diagnostic::at(
                        &first.path,
                        &first.text,
                        &first.parsed.topics[first_index].span,
                        "",
                    );
                    problems.push(Diagnostic::at(
                        &file.path,
                        &file.text,
                        &parsed.span,
                        format!("topic `{name}` is also declared at {}", location(&place)),
                    ));
                    continue;
                }
                topic_owner.insert(name, (file_index, index));
                match self.topics.iter_mut().find(|topic| topic.name == name) {
                    Some(existing) => *existing = parsed.topic.clone(),
                    None => self.topics.push(parsed.topic.clone()),
                }
            }
        }

        // Where each id is first declared by a user file: positions are worked out only for
        // the rare duplicate, and ids are found through an index, so large files stay linear.
        let mut id_owner: HashMap<&str, (&UserFile, &Range<usize>)> = HashMap::new();
        let mut position: HashMap<String, usize> = self
            .tips
            .iter()
            .enumerate()
            .map(|(index, tip)| (tip.id.to_string(), index))
            .collect();
        let mut hidden: HashSet<String> = HashSet::new();
        for file in files {
            for parsed in &file.parsed.tips {
                let id = parsed.id();
                if let Some((first_file, first_span)) = id_owner.get(id) {
                    let first = Diagnostic::at(&first_file.path, &first_file.text, first_span, "");
                    problems.push(Diagnostic::at(
                        &file.path,
                        &file.text,
                        &parsed.id_span,
                        format!("duplicate id `{id}` (also used at {})", location(&first)),
                    ));
                    continue;
                }
                id_owner.insert(id, (file, &parsed.id_span));
                match &parsed.entry {
                    Entry::Disabled(id) => {
                        hidden.insert(id.to_string());
                    }
                    Entry::Tip(tip) => {
                        if self.topic(&tip.topic).is_none() {
                            problems.push(Diagnostic::at(
                                &file.path,
                                &file.text,
                                &parsed.topic_span,
                                format!(
                                    "topic `{}` is not declared (declare it with [topics.{}])",
                                    tip.topic, tip.topic
                                ),
                            ));
                        }
                        match position.get(&*tip.id) {
                            Some(&index) => self.tips[index] = (**tip).clone(),
                            None => {
                                position.insert(tip.id.to_string(), self.tips.len());
                                self.tips.push((**tip).clone());
                            }
                        }
                    }
                }
            }
        }
        if !hidden.is_empty() {
            self.tips.retain(|tip| !hidden.contains(&*tip.id));
        }
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(problems)
        }
    }
}

fn location(diagnostic: &Diagnostic) -> String {
    match &diagnostic.place {
        Some((line, column, _)) => format!("{}:{line}:{column}", diagnostic.path),
        None => diagnostic.path.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tips::parse::parse;

    fn user_file(path: &str, text: &str) -> UserFile {
        let (parsed, problems) = parse(text, Some(path));
        assert!(problems.is_empty(), "{problems:?}");
        UserFile {
            path: path.to_string(),
            text: text.to_string(),
            parsed,
        }
    }

    #[test]
    fn builtin_set_is_consistent() {
        let catalog = Catalog::builtin();
        assert!(!catalog.tips.is_empty());
        for tip in &catalog.tips {
            assert!(
                catalog.topic(&tip.topic).is_some(),
                "{} has no topic",
                tip.id
            );
        }
    }

    #[test]
    fn user_tips_override_disable_and_add() {
        let builtin = Catalog::builtin();
        let first = builtin.tips[0].clone();
        let second = builtin.tips[1].clone();
        let text = format!(
            "[topics.mine]\ntitle = \"Mine\"\ndescription = \"My own.\"\n\n[[tips]]\nid = \"{}\"\ntopic = \"mine\"\ntext = \"Replaced.\"\n\n[[tips]]\nid = \"{}\"\ndisabled = true\n\n[[tips]]\nid = \"new-one\"\ntopic = \"{}\"\ntext = \"New.\"\n",
            first.id, second.id, first.topic
        );
        let catalog = builtin
            .clone()
            .layer(&[user_file("mine.toml", &text)])
            .expect("valid layering");
        assert_eq!(catalog.tips[0].text, "Replaced.");
        assert_eq!(catalog.tips[0].origin.as_deref(), Some("mine.toml"));
        assert!(catalog.tip(&second.id).is_none());
        assert_eq!(catalog.tips.last().map(|tip| &*tip.id), Some("new-one"));
        assert_eq!(catalog.tips.len(), builtin.tips.len());
        assert!(catalog.topic("mine").is_some());
    }

    #[test]
    fn cross_file_problems_are_all_reported() {
        let a = user_file(
            "a.toml",
            "[[tips]]\nid = \"x\"\ntopic = \"nowhere\"\ntext = \"A.\"\n",
        );
        let b = user_file(
            "b.toml",
            "[[tips]]\nid = \"x\"\ntopic = \"nowhere\"\ntext = \"B.\"\n",
        );
        let problems = Catalog::default().layer(&[a, b]).unwrap_err();
        let lines: Vec<String> = problems.iter().map(Diagnostic::headline).collect();
        assert_eq!(
            lines,
            [
                "a.toml:3:9: topic `nowhere` is not declared (declare it with [topics.nowhere])",
                "b.toml:2:6: duplicate id `x` (also used at a.toml:2:6)",
            ]
        );
    }
}
