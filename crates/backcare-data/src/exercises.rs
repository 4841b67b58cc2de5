//! Reading the `[[exercises]]`, `[[routines]]` and `[safety]` tables of a tips file: the
//! content of `backcare stretch`: more of the tips file reader of `tips.rs`.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::model::{Exercise, Position, Routine, Stage};
use crate::read::is_valid_id;
use crate::tips::{
    MAX_TEXT_CHARS, NamedSource, ParsedExercise, ParsedFile, ParsedRoutine, Reader, Safety,
    SafetyLine, Sourced, Table, split,
};

const EXERCISE_KEYS: &[&str] = &[
    "id",
    "name",
    "position",
    "stages",
    "steps",
    "hold",
    "reps",
    "rest",
    "wide_legs",
    "from_week",
    "avoid",
    "stop",
    "stop_source",
    "source",
];
const ROUTINE_KEYS: &[&str] = &["id", "name", "description", "exercises"];
const SAFETY_KEYS: &[&str] = &[
    "pregnancy",
    "pregnancy_source",
    "after_birth",
    "after_birth_source",
];

/// The most steps one exercise has, and the longest step, in characters: a step is read
/// during a hold, so it must be short. (The built-in set keeps to 20 words, which
/// `tests/content.rs` enforces.)
pub const MAX_STEPS: usize = 8;
pub const MAX_STEP_CHARS: usize = 160;
/// The longest exercise or routine name, in characters: it heads a 40-column screen.
pub const MAX_NAME_CHARS: usize = 40;
/// The most exercises one routine names.
pub const MAX_ROUTINE_EXERCISES: usize = 20;
/// The ranges a number of seconds or repetitions may take.
const HOLD_SECONDS: (i64, i64) = (1, 120);
const REPETITIONS: (i64, i64) = (1, 50);
const REST_SECONDS: (i64, i64) = (0, 60);
const WEEKS: (i64, i64) = (1, 42);

impl Reader<'_> {
    pub(crate) fn exercises(&mut self, value: &Spanned<DeValue<'_>>, file: &mut ParsedFile) {
        for (fields, span) in self.tables("exercises", value) {
            let Some((parsed, named_sources)) = self.exercise(fields, span) else {
                continue;
            };
            if self.repeated(Table::Exercises, &parsed.exercise.id, &parsed.id_span) {
                continue;
            }
            let at = file.exercises.len();
            let [source, stop_source] = named_sources;
            for (of, named) in [
                (Sourced::Exercise(at), source),
                (Sourced::ExerciseStop(at), stop_source),
            ] {
                if let Some((name, span)) = named {
                    self.named_sources.push(NamedSource { of, name, span });
                }
            }
            file.exercises.push(parsed);
        }
    }

    /// The `position` of an exercise, one of [`Position::ALL`].
    fn position(
        &mut self,
        fields: &DeTable<'_>,
        context: &str,
        span: Range<usize>,
    ) -> Option<Position> {
        let (name, place) = self.required_string(fields, "position", context, span)?;
        let found = Position::from_name(&name);
        if found.is_none() {
            let known: Vec<&str> = Position::ALL.iter().map(|p| p.name()).collect();
            self.report(
                place,
                format!(
                    "unknown position `{name}` (expected one of {})",
                    known.join(", ")
                ),
            );
        }
        found
    }

    /// The stages an exercise is safe for: required, and never none.
    fn exercise_stages(
        &mut self,
        fields: &DeTable<'_>,
        context: &str,
        span: Range<usize>,
    ) -> Vec<Stage> {
        let stages = self.stages(fields);
        match fields.get("stages") {
            None => self.report(
                span,
                format!(
                    "{context} is missing `stages` (the stages it is safe for, such as [\"first\", \"second\"])"
                ),
            ),
            Some(value) if stages.is_empty() && value.get_ref().as_array().is_some() => self
                .report(
                    value.span(),
                    format!("{context} must list at least one stage it is safe for"),
                ),
            Some(_) => {}
        }
        stages
    }

    fn exercise(
        &mut self,
        fields: &DeTable<'_>,
        span: Range<usize>,
    ) -> Option<(ParsedExercise, [Option<crate::tips::Named>; 2])> {
        let problems_before = self.problems_found();
        self.reject_unknown(fields, EXERCISE_KEYS);
        let id = self.entry_id(fields, "exercise", span.clone());
        let context = match &id {
            Some((id, _)) => format!("exercise `{id}`"),
            None => "exercise".to_string(),
        };
        let name = self
            .bounded_string(fields, "name", &context, span.clone(), MAX_NAME_CHARS)
            .map(|(name, _)| name);
        let position = self.position(fields, &context, span.clone());
        let stages = self.exercise_stages(fields, &context, span.clone());
        let steps = self.steps(fields, &context, span.clone());
        let hold = self.number(fields, "hold", HOLD_SECONDS, &context, span.clone());
        let reps = self.number(fields, "reps", REPETITIONS, &context, span.clone());
        let rest = match fields.get("rest") {
            None => Some(0),
            Some(_) => self.number(fields, "rest", REST_SECONDS, &context, span.clone()),
        };
        let wide_legs = self.flag(fields, "wide_legs").unwrap_or(false);
        let from_week = match fields.get("from_week") {
            None => Some(None),
            Some(_) => self
                .number(fields, "from_week", WEEKS, &context, span.clone())
                .map(|week| u8::try_from(week).ok()),
        };
        let avoid = self
            .bounded_string(fields, "avoid", &context, span.clone(), MAX_TEXT_CHARS)
            .map(|(text, _)| text);
        let stop = self
            .bounded_string(fields, "stop", &context, span, MAX_TEXT_CHARS)
            .map(|(text, _)| text);
        let (source, named_source) = split(self.source_at(fields, "source", &context));
        let (stop_source, named_stop_source) =
            split(self.source_at(fields, "stop_source", &context));
        let (id, id_span) = id?;
        let exercise = Exercise {
            id: Cow::Owned(id),
            name: Cow::Owned(name?),
            position: position?,
            stages: Cow::Owned(stages),
            steps: Cow::Owned(steps?.into_iter().map(Cow::Owned).collect()),
            hold: hold?,
            reps: reps?,
            rest: rest?,
            wide_legs,
            from_week: from_week?,
            avoid: Cow::Owned(avoid?),
            stop: Cow::Owned(stop?),
            stop_source,
            source,
            origin: self.origin.clone(),
        };
        (self.problems_found() == problems_before).then_some((
            ParsedExercise { exercise, id_span },
            [named_source, named_stop_source],
        ))
    }

    pub(crate) fn routines(&mut self, value: &Spanned<DeValue<'_>>, file: &mut ParsedFile) {
        for (fields, span) in self.tables("routines", value) {
            let Some(parsed) = self.routine(fields, span) else {
                continue;
            };
            if !self.repeated(Table::Routines, &parsed.routine.id, &parsed.id_span) {
                file.routines.push(parsed);
            }
        }
    }

    fn routine(&mut self, fields: &DeTable<'_>, span: Range<usize>) -> Option<ParsedRoutine> {
        let problems_before = self.problems_found();
        self.reject_unknown(fields, ROUTINE_KEYS);
        let id = self.entry_id(fields, "routine", span.clone());
        let context = match &id {
            Some((id, _)) => format!("routine `{id}`"),
            None => "routine".to_string(),
        };
        let name = self
            .bounded_string(fields, "name", &context, span.clone(), MAX_NAME_CHARS)
            .map(|(name, _)| name);
        let description = self
            .bounded_string(
                fields,
                "description",
                &context,
                span.clone(),
                MAX_TEXT_CHARS,
            )
            .map(|(text, _)| text);
        let mut exercises: Vec<(String, Range<usize>)> = Vec::new();
        match fields.get("exercises") {
            None => self.report(span, format!("{context} is missing `exercises`")),
            Some(value) => match value.get_ref().as_array() {
                None => self.wrong_type("exercises", "an array of exercise ids", value),
                Some(array) if array.is_empty() || array.len() > MAX_ROUTINE_EXERCISES => self
                    .report(
                        value.span(),
                        format!(
                            "{context} must name 1 to {MAX_ROUTINE_EXERCISES} exercises, not {}",
                            array.len()
                        ),
                    ),
                Some(array) => {
                    for item in array {
                        let Some(wanted) = self.non_empty_string("exercises", item) else {
                            continue;
                        };
                        if exercises.iter().any(|(named, _)| *named == wanted) {
                            self.report(
                                item.span(),
                                format!("{context} names exercise `{wanted}` twice"),
                            );
                            continue;
                        }
                        exercises.push((wanted, item.span()));
                    }
                }
            },
        }
        let (id, id_span) = id?;
        let routine = Routine {
            id: Cow::Owned(id),
            name: Cow::Owned(name?),
            description: Cow::Owned(description?),
            exercises: Cow::Owned(
                exercises
                    .iter()
                    .map(|(id, _)| Cow::Owned(id.clone()))
                    .collect(),
            ),
            origin: self.origin.clone(),
        };
        (self.problems_found() == problems_before).then(|| ParsedRoutine {
            routine,
            id_span,
            exercise_spans: exercises.into_iter().map(|(_, span)| span).collect(),
        })
    }

    /// `[safety]`: the line every session starts with. Only the built-in set has one, so a
    /// user file cannot change what it says.
    pub(crate) fn safety(
        &mut self,
        key_span: Range<usize>,
        value: &Spanned<DeValue<'_>>,
        file: &mut ParsedFile,
    ) {
        if self.origin.is_some() {
            self.report(
                key_span,
                "`safety` belongs to the built-in exercises; a tips file cannot change it"
                    .to_string(),
            );
            return;
        }
        let Some(fields) = value.get_ref().as_table() else {
            self.wrong_type("safety", "a table", value);
            return;
        };
        self.reject_unknown(fields, SAFETY_KEYS);
        let mut lines = [false, true].map(|after_birth| {
            let key = if after_birth {
                "after_birth"
            } else {
                "pregnancy"
            };
            let (text, _) =
                self.bounded_string(fields, key, "safety", key_span.clone(), MAX_TEXT_CHARS)?;
            let source = match self.source_at(fields, &format!("{key}_source"), "safety") {
                Ok(source) => source,
                Err((name, span)) => {
                    self.named_sources.push(NamedSource {
                        of: Sourced::Safety { after_birth },
                        name,
                        span,
                    });
                    None
                }
            };
            Some(SafetyLine {
                text: Cow::Owned(text),
                source,
            })
        });
        if let [Some(pregnancy), Some(after_birth)] = &mut lines {
            file.safety = Some(Safety {
                pregnancy: std::mem::take(pregnancy),
                after_birth: std::mem::take(after_birth),
            });
        }
    }

    /// A required id, checked like a tip's.
    fn entry_id(
        &mut self,
        fields: &DeTable<'_>,
        what: &str,
        span: Range<usize>,
    ) -> Option<(String, Range<usize>)> {
        let (id, id_span) = self.required_string(fields, "id", what, span)?;
        if !is_valid_id(&id) {
            self.report(
                id_span,
                format!(
                    "id `{id}` must be lowercase words of letters and digits joined by '-', at most {} characters",
                    crate::read::MAX_ID_CHARS
                ),
            );
            return None;
        }
        Some((id, id_span))
    }

    fn steps(
        &mut self,
        fields: &DeTable<'_>,
        context: &str,
        span: Range<usize>,
    ) -> Option<Vec<String>> {
        let Some(value) = fields.get("steps") else {
            self.report(span, format!("{context} is missing `steps`"));
            return None;
        };
        let Some(array) = value.get_ref().as_array() else {
            self.wrong_type("steps", "an array of strings", value);
            return None;
        };
        if array.is_empty() || array.len() > MAX_STEPS {
            self.report(
                value.span(),
                format!(
                    "{context} must have 1 to {MAX_STEPS} steps, not {}",
                    array.len()
                ),
            );
            return None;
        }
        let mut steps = Vec::new();
        for item in array {
            let step = self.non_empty_string("steps", item)?;
            let length = step.chars().count();
            if length > MAX_STEP_CHARS {
                self.report(
                    item.span(),
                    format!(
                        "a step of {context} is {length} characters long; the limit is {MAX_STEP_CHARS} (it is read during a hold)"
                    ),
                );
                return None;
            }
            steps.push(step);
        }
        Some(steps)
    }

    /// A required whole number within `range` (inclusive).
    fn number(
        &mut self,
        fields: &DeTable<'_>,
        key: &str,
        (low, high): (i64, i64),
        context: &str,
        span: Range<usize>,
    ) -> Option<u16> {
        let Some(value) = fields.get(key) else {
            self.report(span, format!("{context} is missing `{key}`"));
            return None;
        };
        let number = match value.get_ref() {
            DeValue::Integer(integer) => integer.to_string().parse::<i64>().ok(),
            _ => None,
        };
        match number {
            Some(number) if (low..=high).contains(&number) => u16::try_from(number).ok(),
            Some(_) => {
                self.report(
                    value.span(),
                    format!("`{key}` of {context} must be from {low} to {high}"),
                );
                None
            }
            None => {
                self.wrong_type(key, "a whole number", value);
                None
            }
        }
    }
}
