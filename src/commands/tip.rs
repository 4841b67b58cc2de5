//! `backcare tip`: one tip, chosen for the user's stage from a shuffle bag shared by every
//! shell (see `state`), or by seed or by day.

use super::{Context, emit, warn};
use crate::cli::TipArgs;
use crate::config::{Setting, StoppedBy};
use crate::error::{Error, Exit};
use crate::every::Every;
use crate::os::describe;
use crate::output::json::{self, TipObject};
use crate::pregnancy;
use crate::select::{self, pickable, tip_topics};
use crate::state::{self, LoadProblem, Session, State};
use crate::stretch::reminder;
use crate::tips::{Catalog, Tip};

// A shell start always shows a tip: a config problem costs it one warning line.
pub const STOPPED_BY: StoppedBy = StoppedBy::Nothing;

/// How often a shell start shows a tip when the `every` setting is there but cannot be read.
const QUIET_EVERY: Every = Every(std::time::Duration::from_secs(4 * 60 * 60));

pub fn run(context: &Context, args: TipArgs) -> Result<Exit, Error> {
    // A tip typed by hand always shows: the frequency and daily settings are for the
    // start-up snippet (`--startup`); `--every` on the command line still applies.
    let every = args.every.or(context.config.every.filter(|_| args.startup));
    // An `every` that could not be read is the quieter choice, not a tip in every terminal.
    let unread = args.startup && context.config.is_unread(Setting::Every);
    let every = every.or_else(|| unread.then_some(QUIET_EVERY));
    let daily = args.daily || (args.startup && context.config.daily && args.seed.is_none());
    let every = every.filter(|_| args.seed.is_none());
    let state_file = context.paths.state_file().filter(|_| args.seed.is_none());
    let now = args.at.unwrap_or_else(state::now);
    // The quiet start is the common one: a look at the state, without the lock, decides it.
    if let (Some(every), Some(path)) = (every, &state_file)
        && State::load(path).0.shown_within(every.0, now)
    {
        return Ok(Exit::Success);
    }

    // Everything slow comes before the lock, so shells starting together wait little.
    let catalog = context.catalog_for_tip(args.startup)?;
    let topics = tip_topics(&context.config, &catalog, &args.topics.topics)?;
    // A date that has gone wrong costs the shell start one line, not the tip.
    let progress = context.progress().unwrap_or_else(|problem| {
        warn(&problem.headline());
        None
    });
    let tips = pickable(&catalog, &topics, &args.stage, progress)?;

    // `--seed` neither reads nor writes state. Otherwise the state is held, under its
    // lock, from here to the end of this run: shells starting together take turns.
    let mut session = state_file.map(|path| Session::open(&path));
    if let (Some(every), Some(session)) = (every, &session) {
        // Another shell may have shown a tip meanwhile, or is showing one right now.
        if session.timed_out || session.state.shown_within(every.0, now) {
            return Ok(Exit::Success);
        }
    }
    // Only the start-up snippet suggests a session, and only when the setting asks; the
    // state remembers when, so it comes at most once every few hours across all shells.
    let remind = args.startup
        && context.config.stretch_reminder
        && !context.global.json
        && session
            .as_ref()
            .is_some_and(|session| reminder::due(session.state.last_stretch_reminder, now));
    let mut no_state = State::default();
    let state = session
        .as_mut()
        .map_or(&mut no_state, |session| &mut session.state);
    let random = args.seed.is_none() && !daily;

    let tip = if let Some(seed) = args.seed {
        select::by_seed(&tips, seed)
    } else if daily {
        select::for_day(&tips, pregnancy::today())
    } else {
        let last = state.round.last().cloned();
        select::from_bag(&tips, &mut state.round, last.as_deref())
    };

    let pointer = random
        && state
            .shown
            .saturating_add(1)
            .is_multiple_of(WARNING_POINTER_EVERY);
    let written = show(context, &catalog, tip, pointer, remind)?;
    // A tip nobody saw (the reader went away, or stdout is closed) is not counted.
    if let Some(session) = session
        .as_mut()
        .filter(|_| written && !crate::os::stdout_is_null())
    {
        session.state.record_shown(now);
        if remind {
            session.state.last_stretch_reminder = Some(now);
        }
        report_state(session);
    }
    Ok(Exit::Success)
}

/// Every this many random tips, a line points to `backcare warning-signs`.
const WARNING_POINTER_EVERY: u64 = 10;

/// Prints the tip, with the line pointing to the warning signs now and then (`pointer`) and
/// the suggestion to stretch (`remind`); tells whether it was written.
fn show(
    context: &Context,
    catalog: &Catalog,
    tip: &Tip,
    pointer: bool,
    remind: bool,
) -> Result<bool, Error> {
    if context.global.json {
        return emit(&json::render(&TipObject::of(catalog, tip)));
    }
    let screen = &context.screen;
    let mut text = screen.tip(catalog, tip, &[]);
    let lines = [
        (
            pointer,
            "When back pain needs a midwife or doctor: backcare warning-signs",
        ),
        (remind, reminder::LINE),
    ];
    for (wanted, line) in lines {
        if wanted {
            text.push_str(&screen.style.dim(&screen.wrap(line, "  ")));
            text.push('\n');
        }
    }
    emit(&text)
}

/// Writes the state of a shown tip, and says in one line what went wrong with it, if anything.
fn report_state(session: &Session) {
    let shown = session.path().display();
    if session.timed_out {
        warn(&format!(
            "{shown} is in use by another backcare; this tip was not recorded"
        ));
        return;
    }
    match (session.save(), &session.problem) {
        (Err(error), _) => warn(&format!(
            "cannot save {shown}: {}; tips may repeat",
            describe(&error)
        )),
        (Ok(()), Some(LoadProblem::Corrupt)) => {
            warn(&format!("{shown} was damaged and has been replaced"))
        }
        (Ok(()), Some(LoadProblem::Unreadable(error))) => warn(&format!(
            "could not read {shown} ({}); it has been replaced",
            describe(error)
        )),
        (Ok(()), None) => {}
    }
}
