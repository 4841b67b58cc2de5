//! A session on a terminal: one exercise at a time with its steps, a countdown for getting
//! ready, each hold and each rest, a count of repetitions, and keys to pause (space), skip
//! (n or Enter) and quit (q). Time is counted in whole seconds of a clock whose speed a test
//! can raise, so a five-minute routine runs in a fraction of a second.
//!
//! Two looks: on a capable terminal the countdown line is redrawn in place (the cursor hidden
//! meanwhile); with `TERM=dumb` each countdown is a plain line that numbers are added to, with
//! no cursor movement at all. Either way the terminal is put back as it was on every way out.

use std::io::{self, Write};
use std::time::Duration;

use super::terminal::{Event, Key, Keyboard};
use super::{Plan, about_minutes, duration};
use crate::output::{Screen, Style};
use crate::sanitize::visible;
use backcare_data::model::{Exercise, GET_READY_SECONDS};

/// How a session looks and how fast its clock runs.
pub struct Look<'s> {
    pub screen: &'s Screen,
    /// Whether the countdown may be redrawn in place (not with `TERM=dumb`).
    pub redraw: bool,
    /// Seconds of the session per real second: 1, except in tests.
    pub speed: u32,
}

/// How a session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    Finished,
    /// q.
    Quit,
    /// Ctrl-C or another signal (its number): the caller exits with 128 plus the number, as
    /// a shell reports a command a signal stopped.
    Interrupted(i32),
}

/// What a session did, as its last line tells it.
pub struct Report {
    pub ending: Ending,
    pub done: usize,
    pub skipped: usize,
    pub seconds: u32,
    /// The exercise a stopped session was on (0-based).
    pub stopped_at: Option<usize>,
}

/// What happened during one countdown.
enum Flow {
    Continue,
    Skip,
    Stop(Ending),
}

struct Session<'p, 's, W: Write> {
    plan: &'p Plan<'p>,
    look: &'s Look<'s>,
    out: W,
    keys: Keyboard,
    /// Seconds of exercise so far, on the session's clock.
    seconds: u32,
}

/// Runs `plan` on the terminal, starting with `safety` (the stop-signs line).
pub fn run(plan: &Plan, safety: &str, look: &Look) -> io::Result<Report> {
    let mut session = Session {
        plan,
        look,
        out: io::stdout().lock(),
        keys: Keyboard::open(),
        seconds: 0,
    };
    let result = session.exercises(safety);
    // Whatever happened, no colour is left on (the cursor is only hidden while a line is
    // drawn, so a session killed at any point leaves it shown).
    let restored = if look.redraw {
        session.write("\x1b[0m\x1b[?25h")
    } else {
        Ok(())
    };
    let report = result?;
    restored?;
    session.write(&session.summary(&report))?;
    Ok(report)
}

impl<W: Write> Session<'_, '_, W> {
    fn style(&self) -> Style {
        self.look.screen.style
    }

    fn write(&mut self, text: &str) -> io::Result<()> {
        self.out.write_all(text.as_bytes())?;
        self.out.flush()
    }

    fn exercises(&mut self, safety: &str) -> io::Result<Report> {
        let plan = self.plan;
        let total = plan.exercises.len();
        let screen = self.look.screen;
        let heading = format!(
            "{} · {} exercise{} · {}",
            visible(&plan.routine.name),
            total,
            if total == 1 { "" } else { "s" },
            about_minutes(plan.seconds())
        );
        let mut intro = self.style().heading(&screen.wrap(&heading, ""));
        intro.push('\n');
        intro.push_str(&self.style().alert(&screen.wrap(safety, "")));
        intro.push('\n');
        if !plan.left_out.is_empty() {
            let line = format!("Left out for you: {}.", plan.left_out_text());
            intro.push_str(&self.style().dim(&screen.wrap(&line, "")));
            intro.push('\n');
        }
        if self.keys.has_keys() {
            let keys = "Keys: space pause, n skip, q quit.";
            intro.push_str(&self.style().dim(&screen.wrap(keys, "")));
            intro.push('\n');
        }
        self.write(&intro)?;
        let mut report = Report {
            ending: Ending::Finished,
            done: 0,
            skipped: 0,
            seconds: 0,
            stopped_at: None,
        };
        for (at, exercise) in plan.exercises.iter().enumerate() {
            self.announce(at, exercise)?;
            match self.exercise(exercise)? {
                Flow::Continue => report.done += 1,
                Flow::Skip => {
                    report.skipped += 1;
                    self.write(&format!("{}\n", self.style().dim("skipped")))?;
                }
                Flow::Stop(ending) => {
                    report.ending = ending;
                    report.stopped_at = Some(at);
                    self.write("\n")?;
                    break;
                }
            }
        }
        report.seconds = self.seconds;
        Ok(report)
    }

    /// The exercise's heading and steps: "Exercise 2 of 5: Seated pelvic tilt".
    fn announce(&mut self, at: usize, exercise: &Exercise) -> io::Result<()> {
        let screen = self.look.screen;
        let style = self.style();
        let total = self.plan.exercises.len();
        let heading = format!(
            "Exercise {} of {total}: {}",
            at + 1,
            visible(&exercise.name)
        );
        let mut text = format!("\n{}\n", style.heading(&screen.wrap(&heading, "")));
        for (number, step) in exercise.steps.iter().enumerate() {
            let bullet = format!("{}. ", number + 1);
            text.push_str(&screen.wrap_hanging(&visible(step), &bullet, "   "));
            text.push('\n');
        }
        // What to avoid and the stop signs are sentences of their own ("Stop if it hurts...").
        for sentence in [&exercise.avoid, &exercise.stop] {
            text.push_str(&style.dim(&screen.wrap(&visible(sentence), "")));
            text.push('\n');
        }
        text.pop();
        text.push('\n');
        self.write(&text)
    }

    fn exercise(&mut self, exercise: &Exercise) -> io::Result<Flow> {
        // Getting ready is not exercise: its seconds are not counted in the summary.
        let counted = self.seconds;
        let flow = self.countdown("Get ready", GET_READY_SECONDS)?;
        self.seconds = counted;
        match flow {
            Flow::Continue => {}
            other => return Ok(other),
        }
        let reps = exercise.reps;
        for rep in 1..=reps {
            // "Rep", not "hold": some exercises are a movement, repeated for these seconds.
            let label = if reps == 1 {
                "Go".to_string()
            } else {
                format!("Rep {rep}/{reps}")
            };
            match self.countdown(&label, u32::from(exercise.hold))? {
                Flow::Continue => {}
                other => return Ok(other),
            }
            if rep < reps && exercise.rest > 0 {
                match self.countdown("Rest", u32::from(exercise.rest))? {
                    Flow::Continue => {}
                    other => return Ok(other),
                }
            }
        }
        let done = if reps == 1 {
            "done".to_string()
        } else {
            format!("done: {reps} of {reps}")
        };
        self.write(&format!("{}\n", self.style().dim(&done)))?;
        Ok(Flow::Continue)
    }

    /// Counts `seconds` down, one line for the whole countdown.
    fn countdown(&mut self, label: &str, seconds: u32) -> io::Result<Flow> {
        let tick = Duration::from_secs(1) / self.look.speed.max(1);
        if !self.look.redraw {
            self.write(&format!("{label} {seconds} s:"))?;
        }
        let mut left = seconds;
        // In a plain countdown, the number to add once a second has passed.
        let mut counted = seconds;
        while left > 0 {
            if self.look.redraw {
                let line = self.status(label, seconds, left);
                self.redraw(&line)?;
            } else if left < counted {
                self.write(&format!(" {left}"))?;
                counted = left;
            }
            match self.keys.wait(tick) {
                Event::Timeout => {
                    left -= 1;
                    self.seconds += 1;
                }
                Event::Key(Key::Pause) => match self.pause(label, seconds, left)? {
                    Flow::Continue => counted = left,
                    Flow::Skip => {
                        self.end_line()?;
                        return Ok(Flow::Skip);
                    }
                    stop => return Ok(stop),
                },
                Event::Key(Key::Skip) => {
                    self.end_line()?;
                    return Ok(Flow::Skip);
                }
                Event::Key(Key::Quit) => return Ok(Flow::Stop(Ending::Quit)),
                Event::Interrupted(signal) => {
                    return Ok(Flow::Stop(Ending::Interrupted(signal)));
                }
                // Back after Ctrl-Z and `fg`: the loop draws the line again.
                Event::Resumed => {
                    if !self.look.redraw {
                        self.write(&format!("{label} {left} s:"))?;
                        counted = left;
                    }
                }
            }
        }
        self.end_line()?;
        Ok(Flow::Continue)
    }

    /// Draws `line` over the current one, with the cursor hidden only while it is drawn.
    fn redraw(&mut self, line: &str) -> io::Result<()> {
        self.write(&format!("\x1b[?25l\r\x1b[2K{line}\x1b[?25h"))
    }

    /// Ends the countdown's line: cleared where it was redrawn, finished where it was not.
    fn end_line(&mut self) -> io::Result<()> {
        if self.look.redraw {
            self.write("\r\x1b[2K")
        } else {
            self.write("\n")
        }
    }

    /// Waits for space (go on), n (skip) or q, and says which.
    fn pause(&mut self, label: &str, seconds: u32, left: u32) -> io::Result<Flow> {
        // Short enough for a 40-column line on its own.
        let note = "Paused: space goes on, n skips, q quits";
        let show_note = |session: &mut Self| {
            if session.look.redraw {
                let line = session.style().alert(note);
                session.redraw(&line)
            } else {
                session.write(&format!(" ({note})\n{label} {left} s:"))
            }
        };
        show_note(self)?;
        let flow = loop {
            break match self.keys.wait_for_key() {
                Event::Key(Key::Pause) => Flow::Continue,
                Event::Key(Key::Skip) => Flow::Skip,
                Event::Key(Key::Quit) => Flow::Stop(Ending::Quit),
                Event::Interrupted(signal) => Flow::Stop(Ending::Interrupted(signal)),
                Event::Timeout => Flow::Continue,
                // Back after Ctrl-Z: still paused, so say so again.
                Event::Resumed => {
                    show_note(self)?;
                    continue;
                }
            };
        };
        if self.look.redraw && matches!(flow, Flow::Continue) {
            let line = self.status(label, seconds, left);
            self.redraw(&line)?;
        }
        Ok(flow)
    }

    /// `Rep 3/8 [######----]  4 s`, fitted to the screen's width.
    fn status(&self, label: &str, seconds: u32, left: u32) -> String {
        let time = format!("{left:>3} s");
        let room = self
            .look
            .screen
            .width
            .saturating_sub(label.chars().count() + time.len() + 5);
        let width = room.clamp(5, 30);
        let filled = (width as u32 * (seconds - left) / seconds.max(1)) as usize;
        let done = match filled {
            0 => String::new(),
            _ => self.style().heading(&"#".repeat(filled)),
        };
        let bar = format!("[{done}{}]", "-".repeat(width - filled));
        format!("{label} {bar}{time}")
    }

    /// The last line: how far the session got.
    fn summary(&self, report: &Report) -> String {
        let total = self.plan.exercises.len();
        let time = duration(report.seconds);
        let skipped = match report.skipped {
            0 => String::new(),
            n => format!(", {n} skipped"),
        };
        let line = match report.ending {
            Ending::Finished if report.done == 0 => {
                format!("All {total} exercises skipped: nothing done this time.")
            }
            Ending::Finished => format!(
                "Done: {} of {total} exercises in {time}{skipped}. Well done.",
                report.done
            ),
            Ending::Quit | Ending::Interrupted(_) => format!(
                "Stopped at exercise {} of {total}: {} done{skipped}, {time} of exercise.",
                report.stopped_at.unwrap_or(0) + 1,
                report.done
            ),
        };
        format!("\n{}\n", self.look.screen.wrap(&line, ""))
    }
}
