//! The built-in tips, compiled from `tips.toml` by `build.rs`, and the built-in exercises and
//! routines of `backcare stretch`, from `exercises.toml`.
//!
//! The tips, exercises and routines are generated as tables of byte ranges into one text
//! (`TEXT`) rather than as statics full of string pointers: a static-pie binary has the loader
//! write every pointer in its data at each start, which faults in every page that holds one.
//! Ranges need no relocation; the few functions here turn them into the model's types, whose
//! strings borrow from `TEXT`.

use std::borrow::Cow;

use super::model::{About, Exercise, Position, Routine, Source, Stage, Text, Tip, Topic};

/// A byte range of `TEXT`.
type Span = (u32, u32);

struct RawSource {
    publisher: Span,
    title: Option<Span>,
    url: Option<Span>,
    checked: Option<Span>,
}

struct RawTip {
    id: Span,
    topic: Span,
    text: Span,
    /// The stages as bits (see [`stages`]).
    stages: u8,
    /// `(first, count)` in `LISTS`.
    tags: (u16, u16),
    /// An index in `SOURCES`.
    source: Option<u16>,
}

struct RawExercise {
    id: Span,
    name: Span,
    position: Position,
    stages: u8,
    steps: (u16, u16),
    hold: u16,
    reps: u16,
    rest: u16,
    wide_legs: bool,
    from_week: Option<u8>,
    avoid: Span,
    stop: Span,
    stop_source: Option<u16>,
    source: Option<u16>,
}

struct RawRoutine {
    id: Span,
    name: Span,
    description: Span,
    exercises: (u16, u16),
}

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

fn text((start, end): Span) -> Text {
    Cow::Borrowed(&TEXT[start as usize..end as usize])
}

fn list((first, count): (u16, u16)) -> Vec<Text> {
    let first = usize::from(first);
    LISTS[first..first + usize::from(count)]
        .iter()
        .map(|&span| text(span))
        .collect()
}

fn source(index: Option<u16>) -> Option<Source> {
    let raw = &SOURCES[usize::from(index?)];
    Some(Source {
        publisher: text(raw.publisher),
        title: raw.title.map(text),
        url: raw.url.map(text),
        checked: raw.checked.map(text),
    })
}

/// The stages whose bits are set: first 1, second 2, third 4, postpartum 8 (as `build.rs`
/// writes them). Sixteen sets, written out, so no tip allocates its own.
fn stages(bits: u8) -> Cow<'static, [Stage]> {
    use Stage::{First as F, Postpartum as P, Second as S, Third as T};
    static SETS: [&[Stage]; 16] = [
        &[],
        &[F],
        &[S],
        &[F, S],
        &[T],
        &[F, T],
        &[S, T],
        &[F, S, T],
        &[P],
        &[F, P],
        &[S, P],
        &[F, S, P],
        &[T, P],
        &[F, T, P],
        &[S, T, P],
        &[F, S, T, P],
    ];
    Cow::Borrowed(SETS[usize::from(bits & 0xf)])
}

pub fn tips() -> Vec<Tip> {
    TIPS.iter()
        .map(|raw| Tip {
            id: text(raw.id),
            topic: text(raw.topic),
            text: text(raw.text),
            stages: stages(raw.stages),
            tags: Cow::Owned(list(raw.tags)),
            source: source(raw.source),
            origin: None,
        })
        .collect()
}

pub fn exercises() -> Vec<Exercise> {
    EXERCISES
        .iter()
        .map(|raw| Exercise {
            id: text(raw.id),
            name: text(raw.name),
            position: raw.position,
            stages: stages(raw.stages),
            steps: Cow::Owned(list(raw.steps)),
            hold: raw.hold,
            reps: raw.reps,
            rest: raw.rest,
            wide_legs: raw.wide_legs,
            from_week: raw.from_week,
            avoid: text(raw.avoid),
            stop: text(raw.stop),
            stop_source: source(raw.stop_source),
            source: source(raw.source),
            origin: None,
        })
        .collect()
}

pub fn routines() -> Vec<Routine> {
    ROUTINES
        .iter()
        .map(|raw| Routine {
            id: text(raw.id),
            name: text(raw.name),
            description: text(raw.description),
            exercises: Cow::Owned(list(raw.exercises)),
            origin: None,
        })
        .collect()
}
