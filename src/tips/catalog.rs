//! The set of topics and tips a command works on: the built-in set with user files layered over
//! it, and the checks that need every file at once.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;

use super::builtin;
use crate::diagnostic::{Diagnostic, Problems};
use backcare_data::tips::{Entry, ParsedFile};
use backcare_data::{About, Exercise, Routine, Tip, Topic};

/// Topics and tips, each in the order they were declared.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub topics: Vec<Topic>,
    pub tips: Vec<Tip>,
    /// Ids that a user file disabled, and that file, so `show` can say where a tip went.
    pub disabled: HashMap<String, String>,
    /// Ids the user hid with `backcare hide`: still listed (and marked), never picked by `tip`.
    pub hidden: BTreeSet<String>,
    /// Who each user file is from, by path, for the files with an `[about]` table.
    pub about: HashMap<String, About>,
    /// The exercises and routines of `backcare stretch`, each in the order declared.
    pub exercises: Vec<Exercise>,
    pub routines: Vec<Routine>,
}

/// A tip in the making, with where a user file declared it.
struct Slot {
    tip: Tip,
    declared: Option<(usize, Range<usize>)>,
    disabled: bool,
}

/// A user file that parsed without problems, with its text kept for positions.
pub struct UserFile {
    pub path: String,
    pub text: String,
    pub parsed: ParsedFile,
}

impl Catalog {
    pub fn builtin() -> Catalog {
        let set = &builtin::SET;
        Catalog {
            exercises: set.exercises.to_vec(),
            routines: set.routines.to_vec(),
            ..Catalog::builtin_tips()
        }
    }

    /// The built-in topics and tips without the exercises and routines (for `tip`).
    pub fn builtin_tips() -> Catalog {
        let set = &builtin::SET;
        Catalog {
            topics: set.topics.to_vec(),
            tips: set.tips.to_vec(),
            ..Catalog::default()
        }
    }

    /// The line every stretch session starts with, from the built-in `exercises.toml`, for
    /// pregnancy or after the birth: it is shown even when the built-in set is left out.
    pub fn safety_line(after_birth: bool) -> &'static str {
        let safety = &builtin::SET.safety;
        if after_birth {
            &safety.after_birth.text
        } else {
            &safety.pregnancy.text
        }
    }

    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|exercise| exercise.id == id)
    }

    /// The routine with id `id`, in any case (`Desk` is `desk`).
    pub fn routine(&self, id: &str) -> Option<&Routine> {
        self.routines
            .iter()
            .find(|routine| routine.id.eq_ignore_ascii_case(id))
    }

    /// Who the built-in set is from and when it was last reviewed, from `tips.toml`'s `[about]`.
    pub fn builtin_about() -> &'static About {
        &builtin::SET.about
    }

    /// The topic named `name`, in any case (`Sleep` is `sleep`); an exact match wins.
    pub fn topic(&self, name: &str) -> Option<&Topic> {
        self.topics
            .iter()
            .find(|topic| topic.name == name)
            .or_else(|| {
                self.topics
                    .iter()
                    .find(|topic| topic.name.eq_ignore_ascii_case(name))
            })
    }

    pub fn tip(&self, id: &str) -> Option<&Tip> {
        self.tips.iter().find(|tip| tip.id == id)
    }

    /// Who a tip's file says it is from (its `[about]` name), if the tip came from a user file
    /// that says so.
    pub fn group_of(&self, tip: &Tip) -> Option<&About> {
        let origin = tip.origin.as_deref()?;
        self.about.get(origin).filter(|about| about.name.is_some())
    }

    pub fn is_hidden(&self, tip: &Tip) -> bool {
        self.hidden.contains(&*tip.id)
    }

    pub fn count_in(&self, topic: &str) -> usize {
        self.tips.iter().filter(|tip| tip.topic == topic).count()
    }

    /// Layers user files over `self`, in order. The rules (documented in the README):
    /// - a tip whose id is already there (built in, or from an earlier file) replaces it in
    ///   place: the later file wins; `disabled = true` removes it, and a later file may bring
    ///   it back;
    /// - a topic already there takes the later file's title and description;
    /// - a tip whose topic no loaded file declares is an error;
    /// - disabling an id that nothing earlier has is a warning (it is probably a typo).
    ///
    /// Linear in the number of topics and tips; problems and warnings are bounded (see
    /// [`Problems`]).
    pub fn layer(mut self, mut files: Vec<UserFile>) -> Result<Layered, Vec<Diagnostic>> {
        if files.is_empty() {
            // The common case at a shell start: nothing to layer, so no tip is moved or copied.
            return Ok(Layered {
                catalog: self,
                warnings: Vec::new(),
            });
        }
        self.layer_topics(&files);
        for file in &files {
            if let Some(about) = &file.parsed.about {
                self.about.insert(file.path.clone(), about.clone());
            }
        }
        let mut warnings = Problems::default();
        let slots = self.layer_tips(&mut files, &mut warnings);
        let mut problems = self.undeclared_topics(&slots, &files);
        self.layer_exercises(&mut files, &mut problems);
        if !problems.is_empty() {
            return Err(problems.into_list());
        }
        self.tips = slots
            .into_iter()
            .filter(|slot| !slot.disabled)
            .map(|slot| slot.tip)
            .collect();
        Ok(Layered {
            catalog: self,
            warnings: warnings.into_list(),
        })
    }

    /// A file's topic replaces the one of the same name, or is added.
    fn layer_topics(&mut self, files: &[UserFile]) {
        let mut topic_index: HashMap<String, usize> = self
            .topics
            .iter()
            .enumerate()
            .map(|(at, topic)| (topic.name.to_string(), at))
            .collect();
        for file in files {
            for parsed in &file.parsed.topics {
                match topic_index.get(&*parsed.topic.name) {
                    Some(&at) => self.topics[at] = parsed.topic.clone(),
                    None => {
                        topic_index.insert(parsed.topic.name.to_string(), self.topics.len());
                        self.topics.push(parsed.topic.clone());
                    }
                }
            }
        }
    }

    /// The tips, each file's over the ones before: a tip replaces the one with its id, or is
    /// added; `disabled = true` takes one out (a warning when there is none to take out).
    fn layer_tips(&mut self, files: &mut [UserFile], warnings: &mut Problems) -> Vec<Slot> {
        let mut slots: Vec<Slot> = std::mem::take(&mut self.tips)
            .into_iter()
            .map(|tip| Slot {
                tip,
                declared: None,
                disabled: false,
            })
            .collect();
        let mut index: HashMap<String, usize> = slots
            .iter()
            .enumerate()
            .map(|(at, slot)| (slot.tip.id.to_string(), at))
            .collect();
        for (file_index, file) in files.iter_mut().enumerate() {
            // The tips move into the catalog; the file keeps its text for the messages.
            for parsed in std::mem::take(&mut file.parsed.tips) {
                match parsed.entry {
                    Entry::Disabled(id) => match index.get(&*id) {
                        Some(&at) => {
                            slots[at].disabled = true;
                            self.disabled.insert(id.to_string(), file.path.clone());
                        }
                        None if warnings.wants(&file.path) => warnings.push(Diagnostic::at(
                            &file.path,
                            &file.text,
                            &parsed.id_span,
                            format!(
                                "`{id}` is disabled, but no built-in tip or earlier file has it"
                            ),
                        )),
                        None => {}
                    },
                    Entry::Tip(tip) => {
                        let id = tip.id.to_string();
                        let slot = Slot {
                            tip: *tip,
                            declared: Some((file_index, parsed.topic_span)),
                            disabled: false,
                        };
                        self.disabled.remove(&id);
                        match index.get(&id) {
                            Some(&at) => slots[at] = slot,
                            None => {
                                index.insert(id, slots.len());
                                slots.push(slot);
                            }
                        }
                    }
                }
            }
        }
        slots
    }

    /// A problem for each tip of a user file whose topic no file declares.
    fn undeclared_topics(&self, slots: &[Slot], files: &[UserFile]) -> Problems {
        let topics: HashSet<&str> = self.topics.iter().map(|topic| &*topic.name).collect();
        let mut problems = Problems::default();
        for slot in slots.iter().filter(|slot| !slot.disabled) {
            if let Some((file_index, span)) = &slot.declared
                && !topics.contains(&*slot.tip.topic)
            {
                let file = &files[*file_index];
                if problems.wants(&file.path) {
                    let topic = &slot.tip.topic;
                    problems.push(Diagnostic::at(
                        &file.path,
                        &file.text,
                        span,
                        format!(
                            "topic `{topic}` is not declared{} (declare it with [topics.{topic}])",
                            crate::suggest::did_you_mean(topic, topics.iter().copied())
                        ),
                    ));
                }
            }
        }
        problems
    }
}

impl Catalog {
    /// Layers the exercises and routines of user files, as tips are: an id already there is
    /// replaced in place by the later file's. Every exercise a routine names must exist once
    /// every file is read; the routine's file is told where one does not.
    fn layer_exercises(&mut self, files: &mut [UserFile], problems: &mut Problems) {
        let exercises: Vec<Exercise> = files
            .iter_mut()
            .flat_map(|file| std::mem::take(&mut file.parsed.exercises))
            .map(|parsed| parsed.exercise)
            .collect();
        layer(&mut self.exercises, exercises, |e| &e.id);
        let known: HashSet<&str> = self
            .exercises
            .iter()
            .map(|exercise| &*exercise.id)
            .collect();
        let mut routines = Vec::new();
        for file in files.iter_mut() {
            for parsed in std::mem::take(&mut file.parsed.routines) {
                let names = parsed.routine.exercises.iter().zip(&parsed.exercise_spans);
                for (wanted, span) in names {
                    if !known.contains(&**wanted) && problems.wants(&file.path) {
                        problems.push(Diagnostic::at(
                            &file.path,
                            &file.text,
                            span,
                            format!(
                                "routine `{}` names exercise `{wanted}`, which no file declares{}",
                                parsed.routine.id,
                                crate::suggest::did_you_mean(wanted, known.iter().copied())
                            ),
                        ));
                    }
                }
                routines.push(parsed.routine);
            }
        }
        layer(&mut self.routines, routines, |r| &r.id);
    }
}

/// Puts each of `new` in the place of the item with its id, or at the end: a later file wins.
/// Looked up by map, so 45,000 routines cost one pass, not a scan each.
fn layer<T>(items: &mut Vec<T>, new: Vec<T>, id: impl Fn(&T) -> &str) {
    let mut index: HashMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(at, item)| (id(item).to_string(), at))
        .collect();
    for item in new {
        match index.get(id(&item)) {
            Some(&at) => items[at] = item,
            None => {
                index.insert(id(&item).to_string(), items.len());
                items.push(item);
            }
        }
    }
}

/// A catalog built from files, and the warnings found on the way.
pub struct Layered {
    pub catalog: Catalog,
    pub warnings: Vec<Diagnostic>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use backcare_data::tips::parse;

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
            .layer(vec![user_file("mine.toml", &text)])
            .expect("valid layering")
            .catalog;
        assert_eq!(catalog.tips[0].text, "Replaced.");
        assert_eq!(catalog.tips[0].origin.as_deref(), Some("mine.toml"));
        assert!(catalog.tip(&second.id).is_none());
        assert_eq!(catalog.tips.last().map(|tip| &*tip.id), Some("new-one"));
        assert_eq!(catalog.tips.len(), builtin.tips.len());
        assert!(catalog.topic("mine").is_some());
    }

    #[test]
    fn later_files_win_and_may_disable_any_earlier_tip() {
        let a = user_file(
            "a.toml",
            "[topics.t]\ntitle = \"T\"\ndescription = \"d\"\n[[tips]]\nid = \"x\"\ntopic = \"t\"\ntext = \"A.\"\n[[tips]]\nid = \"y\"\ntopic = \"t\"\ntext = \"Y.\"\n",
        );
        let b = user_file(
            "b.toml",
            "[topics.t]\ntitle = \"Later\"\ndescription = \"d\"\n[[tips]]\nid = \"x\"\ntopic = \"t\"\ntext = \"B.\"\n[[tips]]\nid = \"y\"\ndisabled = true\n[[tips]]\nid = \"nothing\"\ndisabled = true\n",
        );
        let layered = Catalog::default().layer(vec![a, b]).unwrap();
        let catalog = layered.catalog;
        assert_eq!(catalog.tip("x").unwrap().text, "B.");
        assert!(catalog.tip("y").is_none());
        assert_eq!(catalog.topic("t").unwrap().title, "Later");
        let warnings: Vec<String> = layered.warnings.iter().map(Diagnostic::headline).collect();
        assert_eq!(
            warnings,
            ["b.toml:12:6: `nothing` is disabled, but no built-in tip or earlier file has it"]
        );
    }

    #[test]
    fn undeclared_topics_are_reported_for_the_tips_that_remain() {
        let a = user_file(
            "a.toml",
            "[[tips]]\nid = \"x\"\ntopic = \"nowhere\"\ntext = \"A.\"\n[[tips]]\nid = \"z\"\ntopic = \"gone\"\ntext = \"Z.\"\n",
        );
        let b = user_file("b.toml", "[[tips]]\nid = \"z\"\ndisabled = true\n");
        let problems = Catalog::default().layer(vec![a, b]).err().unwrap();
        let lines: Vec<String> = problems.iter().map(Diagnostic::headline).collect();
        assert_eq!(
            lines,
            ["a.toml:3:9: topic `nowhere` is not declared (declare it with [topics.nowhere])"]
        );
    }
}
