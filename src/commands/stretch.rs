//! `backcare stretch`: a guided session of a routine on a terminal; the routine as text (in a
//! pipe) or JSON (`--json`) otherwise; `--list` (or no routine) names the routines.

use serde::Serialize;

use super::{Context, emit, warn};
use crate::cli::{StageArgs, StretchArgs};
use crate::config::{Setting, StoppedBy};
use crate::error::{Error, Exit};
use crate::output::json;
use crate::pregnancy::Progress;
use crate::sanitize::visible;
use crate::stretch::session::{self, Ending, Look};
use crate::stretch::{Plan, Situation, about_minutes, duration};
use crate::suggest::did_you_mean;
use crate::tips::Catalog;
use backcare_data::{Exercise, Source};

// A session must not run on a guess about pelvic girdle pain: a config file that cannot be
// read, or a bad `pelvic_girdle_pain`, stops it (dates that cannot be read already make it
// assume any week of pregnancy, the strictest).
pub const STOPPED_BY: StoppedBy = StoppedBy::FileOr(&[Setting::PelvicGirdlePain, Setting::Color]);

pub fn run(context: &Context, args: &StretchArgs) -> Result<Exit, Error> {
    let catalog = context.catalog()?;
    let situation = situation(context, &args.stage);
    let Some(wanted) = args.routine.as_deref().filter(|_| !args.list) else {
        return list_routines(context, &catalog, situation);
    };
    let Some(routine) = catalog.routine(wanted) else {
        let names: Vec<&str> = catalog.routines.iter().map(|r| &*r.id).collect();
        return Err(Error::Usage(format!(
            "unknown routine `{}`{}; routines: {} (`backcare stretch --list` describes them)",
            visible(wanted),
            did_you_mean(wanted, names.iter().copied()),
            names.join(", ")
        )));
    };
    let plan = Plan::new(&catalog, routine, situation);
    if plan.exercises.is_empty() {
        return Err(Error::NotFound(format!(
            "no exercise of routine `{}` is safe for your stage and settings ({}); try another routine",
            visible(&routine.id),
            plan.left_out_text()
        )));
    }
    let safety = Catalog::safety_line(situation.stage == Some(crate::tips::Stage::Postpartum));
    if context.global.json {
        emit(&json::render(&PlanObject::of(&plan, safety)))?;
        return Ok(Exit::Success);
    }
    if !context.screen.on_terminal {
        emit(&plan_text(context, &plan, safety))?;
        return Ok(Exit::Success);
    }
    let look = Look {
        screen: &context.screen,
        redraw: crate::output::term_moves_cursor(),
        speed: args.speed,
    };
    let report = session::run(&plan, safety, &look).map_err(|error| {
        Error::Other(format!(
            "cannot write output: {}",
            crate::os::describe(&error)
        ))
    })?;
    Ok(match report.ending {
        Ending::Interrupted(signal) => Exit::Signal(signal),
        Ending::Finished | Ending::Quit => Exit::Success,
    })
}

/// Who is exercising: the stage from `--week`/`--stage`, else from the config file's
/// dates (a date that has gone wrong costs a warning, and the strictest rules apply), and
/// the `pelvic_girdle_pain` setting.
pub fn situation(context: &Context, stage_args: &StageArgs) -> Situation {
    let pelvic_girdle_pain = context.config.pelvic_girdle_pain;
    if let Some(week) = stage_args.week {
        return Situation {
            stage: Some(Progress::week(week).stage()),
            week: Some(week),
            pelvic_girdle_pain,
        };
    }
    if let Some(stage) = stage_args.explicit() {
        return Situation {
            stage: Some(stage),
            week: None,
            pelvic_girdle_pain,
        };
    }
    let progress = context.progress().unwrap_or_else(|problem| {
        warn(&problem.headline());
        None
    });
    Situation {
        stage: progress.map(Progress::stage),
        week: match progress {
            Some(progress @ Progress::Pregnant { .. }) => {
                u8::try_from(progress.weeks_and_days().0).ok()
            }
            _ => None,
        },
        pelvic_girdle_pain,
    }
}

fn list_routines(
    context: &Context,
    catalog: &Catalog,
    situation: Situation,
) -> Result<Exit, Error> {
    if catalog.routines.is_empty() {
        return Err(Error::NotFound(
            "no routines: the built-in set is off and no tips file declares any".to_string(),
        ));
    }
    let plans: Vec<Plan> = catalog
        .routines
        .iter()
        .map(|routine| Plan::new(catalog, routine, situation))
        .collect();
    if context.global.json {
        let objects: Vec<RoutineSummary> = plans.iter().map(RoutineSummary::of).collect();
        emit(&json::render(&objects))?;
        return Ok(Exit::Success);
    }
    let style = context.screen.style;
    let mut text = String::new();
    for plan in &plans {
        let routine = plan.routine;
        let length = if plan.exercises.is_empty() {
            "nothing safe for your stage".to_string()
        } else {
            format!(
                "{}, {} exercise{}",
                about_minutes(plan.seconds()),
                plan.exercises.len(),
                if plan.exercises.len() == 1 { "" } else { "s" }
            )
        };
        text.push_str(&format!(
            "{}  {} ({length})\n",
            style.id(&visible(&routine.id)),
            style.heading(&visible(&routine.name)),
        ));
        text.push_str(&context.screen.wrap(&visible(&routine.description), "  "));
        text.push('\n');
    }
    if context.screen.on_terminal {
        text.push_str(&style.dim("\nStart one with: backcare stretch ROUTINE\n"));
    }
    emit(&text)?;
    Ok(Exit::Success)
}

/// The routine as text to read or print: every exercise with its steps, stop signs and
/// source, and what was left out for the reader's stage.
fn plan_text(context: &Context, plan: &Plan, safety: &str) -> String {
    let style = context.screen.style;
    let screen = &context.screen;
    let routine = plan.routine;
    let mut text = format!(
        "{} ({}, {} exercises)\n{}\n\n{}\n",
        style.heading(&visible(&routine.name)),
        about_minutes(plan.seconds()),
        plan.exercises.len(),
        screen.wrap(&visible(&routine.description), ""),
        style.alert(&screen.wrap(safety, "")),
    );
    for (at, exercise) in plan.exercises.iter().enumerate() {
        text.push('\n');
        let heading = format!("{}. {}", at + 1, visible(&exercise.name));
        text.push_str(&format!(
            "{} {}\n",
            style.heading(&heading),
            style.dim(&format!("({})", dose(exercise)))
        ));
        for (number, step) in exercise.steps.iter().enumerate() {
            let bullet = format!("   {}. ", number + 1);
            text.push_str(&screen.wrap_hanging(&visible(step), &bullet, "      "));
            text.push('\n');
        }
        // What to avoid and when to stop are written as sentences.
        for sentence in [&exercise.avoid, &exercise.stop] {
            text.push_str(&screen.wrap(&visible(sentence), "   "));
            text.push('\n');
        }
        let sources = [
            ("Source", &exercise.source),
            ("Stop signs from", &exercise.stop_source),
        ];
        for (label, source) in sources {
            let Some(source) = source else { continue };
            let line = format!("{label}: {}", visible(&source.citation()));
            text.push_str(&style.dim(&screen.wrap(&line, "   ")));
            text.push('\n');
            // An address on a line of its own, never broken, so it can be copied.
            if let Some(url) = &source.url {
                text.push_str(&style.dim(&format!("   {}", visible(url))));
                text.push('\n');
            }
        }
    }
    if !plan.left_out.is_empty() {
        text.push('\n');
        text.push_str(&screen.wrap(&format!("Left out: {}.", plan.left_out_text()), ""));
        text.push('\n');
    }
    text
}

/// `sitting; 10 × 5 s, 3 s rest between`.
fn dose(exercise: &Exercise) -> String {
    let mut text = format!(
        "{}; {} × {} s",
        exercise.position.name(),
        exercise.reps,
        exercise.hold
    );
    if exercise.reps > 1 && exercise.rest > 0 {
        text.push_str(&format!(", {} s rest between", exercise.rest));
    }
    if let Some(week) = exercise.from_week {
        text.push_str(&format!("; from week {week} of pregnancy"));
    }
    // An exercise from a user's file says so: it may stand in for a built-in one.
    if let Some(file) = &exercise.origin {
        text.push_str(&format!("; from {}", visible(file)));
    }
    text.push_str(&format!("; {}", duration(exercise.seconds())));
    text
}

#[derive(Serialize)]
struct RoutineSummary<'a> {
    id: &'a str,
    name: &'a str,
    description: &'a str,
    /// The session's length for the reader's stage, in seconds.
    seconds: u32,
    exercises: usize,
    left_out: usize,
}

impl<'a> RoutineSummary<'a> {
    fn of(plan: &Plan<'a>) -> Self {
        RoutineSummary {
            id: &plan.routine.id,
            name: &plan.routine.name,
            description: &plan.routine.description,
            seconds: plan.seconds(),
            exercises: plan.exercises.len(),
            left_out: plan.left_out.len(),
        }
    }
}

#[derive(Serialize)]
struct PlanObject<'a> {
    id: &'a str,
    name: &'a str,
    description: &'a str,
    seconds: u32,
    safety: &'a str,
    exercises: Vec<ExerciseObject<'a>>,
    left_out: Vec<LeftOutObject<'a>>,
}

#[derive(Serialize)]
struct ExerciseObject<'a> {
    id: &'a str,
    name: &'a str,
    position: &'static str,
    stages: Vec<&'static str>,
    steps: Vec<&'a str>,
    hold: u16,
    reps: u16,
    rest: u16,
    seconds: u32,
    wide_legs: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    from_week: Option<u8>,
    avoid: &'a str,
    stop: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    stop_source: Option<&'a Source>,
    /// The user's file the exercise came from; absent for a built-in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a Source>,
}

#[derive(Serialize)]
struct LeftOutObject<'a> {
    id: &'a str,
    name: &'a str,
    why: &'static str,
    reason: String,
}

impl<'a> PlanObject<'a> {
    fn of(plan: &Plan<'a>, safety: &'a str) -> Self {
        PlanObject {
            id: &plan.routine.id,
            name: &plan.routine.name,
            description: &plan.routine.description,
            seconds: plan.seconds(),
            safety,
            exercises: plan
                .exercises
                .iter()
                .map(|exercise| ExerciseObject {
                    id: &exercise.id,
                    name: &exercise.name,
                    position: exercise.position.name(),
                    stages: exercise.stages.iter().map(|stage| stage.name()).collect(),
                    steps: exercise.steps.iter().map(|step| &**step).collect(),
                    hold: exercise.hold,
                    reps: exercise.reps,
                    rest: exercise.rest,
                    seconds: exercise.seconds(),
                    wide_legs: exercise.wide_legs,
                    from_week: exercise.from_week,
                    avoid: &exercise.avoid,
                    stop: &exercise.stop,
                    stop_source: exercise.stop_source.as_ref(),
                    file: exercise.origin.as_deref(),
                    source: exercise.source.as_ref(),
                })
                .collect(),
            left_out: plan
                .left_out
                .iter()
                .map(|(exercise, why)| LeftOutObject {
                    id: &exercise.id,
                    name: &exercise.name,
                    why: why.name(),
                    reason: why.reason(),
                })
                .collect(),
        }
    }
}
