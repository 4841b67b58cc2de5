//! Running one command: parse, gather settings (command line, then environment, then config
//! file, then defaults), do the work, print. The one place that turns errors into messages and
//! exit codes.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, ColorChoice, Command, GlobalArgs, StageArgs, StageChoice, TipArgs};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Exit};
use crate::output::json::{self, TipObject};
use crate::output::{Screen, Style};
use crate::paths::Paths;
use crate::pregnancy::{self, Progress};
use crate::search;
use crate::select;
use crate::state::{self, LoadProblem, Session, State};
use crate::suggest::did_you_mean;
use crate::tips::files::{self, describe};
use crate::tips::{Catalog, Stage, Tip};
use crate::{completions, manual, output, shell, warning_signs};

/// Every this many random tips, a line points to `backcare warning-signs`.
const WARNING_POINTER_EVERY: u64 = 10;

/// Runs backcare with `args` (the program name first) and returns its exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let args: Vec<OsString> = args.into_iter().collect();
    if completions::answer_if_asked(&args) {
        return ExitCode::SUCCESS;
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to stdout with 0; usage errors to stderr with 2. clap quotes
            // the value the user typed (or an environment variable held), so its text is made
            // safe for the terminal like everything else.
            let text = output::sanitize::visible_lines(&error.render().to_string());
            if error.use_stderr() {
                let _ = io::stderr().write_all(text.as_bytes());
            } else {
                let _ = emit(&text);
            }
            return ExitCode::from(error.exit_code().clamp(0, 255) as u8);
        }
    };
    // `tip` runs at every shell start: whatever goes wrong costs it one line, even on a
    // terminal, where other commands show the offending line of a file too.
    let one_line = matches!(cli.command, Command::Tip(_));
    match execute(cli) {
        Ok(exit) => exit.into(),
        Err(error) => {
            report(&error, one_line);
            error.exit().into()
        }
    }
}

fn report(error: &Error, one_line: bool) {
    let with_source = !one_line && io::stderr().is_terminal();
    let text = match error {
        Error::Data(problems) if one_line && problems.len() > 1 => format!(
            "{} (and {} more; run `backcare check`)\n",
            problems[0].headline(),
            problems.len() - 1
        ),
        Error::Data(problems) => problems
            .iter()
            .map(|problem| {
                let rendered = if with_source {
                    problem.with_source()
                } else {
                    problem.headline()
                };
                rendered + "\n"
            })
            .collect(),
        Error::Usage(message) => format!("backcare: error: {message}\n"),
        Error::NotFound(message) | Error::Other(message) => format!("backcare: {message}\n"),
    };
    let _ = io::stderr().write_all(text.as_bytes());
}

/// Prints to stdout, and tells whether it was written. A reader that went away (`backcare
/// list | head -n 1`) is not an error: the output simply stops.
fn emit(text: &str) -> Result<bool, Error> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        Err(error) => Err(Error::Other(format!(
            "cannot write output: {}",
            describe(&error)
        ))),
    }
}

/// Whether stdout is `/dev/null`: what is written there is seen by nobody. A closed stdout
/// looks the same, because Rust's start-up code opens `/dev/null` in place of a closed one.
fn stdout_is_null() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let stdout = io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .and_then(|fd| std::fs::File::from(fd).metadata());
    match (stdout, std::fs::metadata("/dev/null")) {
        (Ok(stdout), Ok(null)) => stdout.rdev() == null.rdev() && stdout.dev() == null.dev(),
        _ => false,
    }
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

/// One line on stderr that does not stop the command. Paths in it come from the environment,
/// so it is made safe for the terminal like everything else.
fn warn(message: &str) {
    let _ = writeln!(
        io::stderr(),
        "backcare: {}",
        output::sanitize::visible(message)
    );
}

struct Context {
    global: GlobalArgs,
    paths: Paths,
    config: Config,
    screen: Screen,
}

fn execute(cli: Cli) -> Result<Exit, Error> {
    let paths = Paths::from_environment();
    let config = match paths.config_file() {
        Some(path) => Config::load(&path)?,
        None => Config::default(),
    };
    let stdout_is_terminal = io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    let choice = cli
        .global
        .color
        .or(config.color)
        .unwrap_or(ColorChoice::Auto);
    let screen = Screen {
        style: Style::new(output::use_color(choice, stdout_is_terminal, no_color)),
        width: output::width(stdout_is_terminal),
    };
    let context = Context {
        global: cli.global,
        paths,
        config,
        screen,
    };
    match cli.command {
        Command::Tip(args) => context.tip(args),
        Command::List(args) => context.list(&args.topics.topics, &args.stage),
        Command::Search(args) => context.search(&args.words, &args.stage),
        Command::Show(args) => context.show(&args.id),
        Command::Topics => context.topics(),
        Command::WarningSigns(args) => context.warning_signs(args.region.as_deref()),
        Command::Status => context.status(),
        Command::Check(args) => context.check(&args.paths),
        Command::Init(args) => {
            emit(&shell::snippet(args.shell, args.every))?;
            Ok(Exit::Success)
        }
        Command::Completions(args) => {
            emit(&completions::script(args.shell))?;
            Ok(Exit::Success)
        }
        Command::Man => {
            emit(&manual::page())?;
            Ok(Exit::Success)
        }
    }
}

impl Context {
    fn tip_files(&self) -> Vec<PathBuf> {
        files::tip_files(self.paths.config_dir.as_deref(), &self.global.files)
    }

    /// The user's tips files that are there but not read, and why.
    fn skipped_files(&self) -> Vec<files::Skipped> {
        self.paths
            .config_dir
            .as_deref()
            .map(|dir| files::user_files(dir).1)
            .unwrap_or_default()
    }

    fn catalog(&self) -> Result<Catalog, Error> {
        files::load(!self.global.no_builtin, &self.tip_files()).map_err(Error::Data)
    }

    /// Like [`Context::catalog`], but a broken user file costs `tip` one line on stderr, not
    /// the tip: it falls back to the built-in set.
    fn catalog_for_tip(&self) -> Result<Catalog, Error> {
        match files::load(!self.global.no_builtin, &self.tip_files()) {
            Ok(catalog) => Ok(catalog),
            Err(problems) if !self.global.no_builtin => {
                let more = match problems.len() {
                    1 => String::new(),
                    n => format!(" (and {} more)", n - 1),
                };
                warn(&format!(
                    "{}{more}; showing built-in tips only (run `backcare check` for details)",
                    problems[0].headline()
                ));
                Ok(Catalog::builtin())
            }
            Err(problems) => Err(Error::Data(problems)),
        }
    }

    /// Topics from the command line or environment, else from the config file.
    fn topic_filter<'a>(&'a self, given: &'a [String]) -> &'a [String] {
        if given.is_empty() {
            &self.config.topics
        } else {
            given
        }
    }

    fn check_topics(catalog: &Catalog, topics: &[String]) -> Result<(), Error> {
        for wanted in topics {
            if catalog.topic(wanted).is_none() {
                let names: Vec<&str> = catalog.topics.iter().map(|topic| &*topic.name).collect();
                return Err(Error::Usage(format!(
                    "unknown topic `{}`{}; known topics: {}",
                    output::sanitize::visible(wanted),
                    did_you_mean(wanted, names.iter().copied()),
                    names.join(", ")
                )));
            }
        }
        Ok(())
    }

    /// Where the user is, from the config file: a recorded birth wins over a due date. A date
    /// that cannot be right is a problem naming the config file and key.
    fn progress(&self) -> Result<Option<Progress>, Diagnostic> {
        let today = pregnancy::today();
        if let Some(birth) = &self.config.birth_date {
            return Progress::from_birth_date(birth.value, today)
                .map(Some)
                .map_err(|message| birth.problem(message));
        }
        match &self.config.due_date {
            Some(due) => Progress::from_due_date(due.value, today)
                .map(Some)
                .map_err(|message| due.problem(message)),
            None => Ok(None),
        }
    }

    /// The eligible tips. `--week`/`--stage` keep only tips for that stage; otherwise `prefer`
    /// decides (all tips are used if none fits).
    fn eligible<'c>(
        &self,
        catalog: &'c Catalog,
        topics: &[String],
        stage_args: &StageArgs,
        prefer: Preference,
    ) -> Result<Vec<&'c Tip>, Error> {
        let tips = match explicit_stage(stage_args) {
            Some(stage) => select::eligible(catalog, topics, Some(stage)),
            None => {
                let all = select::eligible(catalog, topics, None);
                let preferred: Vec<&Tip> = all
                    .iter()
                    .copied()
                    .filter(|tip| prefer.likes(tip))
                    .collect();
                if preferred.is_empty() { all } else { preferred }
            }
        };
        if tips.is_empty() {
            return Err(Error::NotFound(
                "no tips match these topics and stage".to_string(),
            ));
        }
        Ok(tips)
    }

    /// What to prefer for the user's progress; a problem with the dates is left to the caller.
    fn preference(progress: Option<Progress>) -> Preference {
        match progress {
            Some(progress) => Preference::Stage(progress.stage()),
            None => Preference::Pregnancy,
        }
    }

    fn tip(&self, args: TipArgs) -> Result<Exit, Error> {
        let every = args.every.or(self.config.every);
        // `--seed` neither reads nor writes state. Otherwise the state is held, under its
        // lock, from here to the end of this run, so shells starting together take turns.
        let mut session = self
            .paths
            .state_file()
            .filter(|_| args.seed.is_none())
            .map(|path| Session::open(&path));
        let now = state::now();
        if let (Some(every), Some(session)) = (every.filter(|_| args.seed.is_none()), &session)
            && session.state.shown_within(every.0, now)
        {
            return Ok(Exit::Success);
        }

        let catalog = self.catalog_for_tip()?;
        let topics = self.topic_filter(&args.topics.topics);
        Self::check_topics(&catalog, topics)?;
        // A date that has gone wrong costs the shell start one line, not the tip.
        let progress = self.progress().unwrap_or_else(|problem| {
            warn(&problem.headline());
            None
        });
        let tips = self.eligible(&catalog, topics, &args.stage, Self::preference(progress))?;
        let mut no_state = State::default();
        let state = session
            .as_mut()
            .map_or(&mut no_state, |session| &mut session.state);
        let random = args.seed.is_none() && !args.daily;
        let tip = if let Some(seed) = args.seed {
            select::by_seed(&tips, seed)
        } else if args.daily {
            select::for_day(&tips, pregnancy::today())
        } else {
            let last = state.round.last().cloned();
            select::from_bag(&tips, &mut state.round, last.as_deref())
        };

        let written = if self.global.json {
            emit(&json::render(&TipObject::from(tip)))?
        } else {
            let mut text = self.screen.tip(&catalog, tip, &[]);
            if random
                && state
                    .shown
                    .saturating_add(1)
                    .is_multiple_of(WARNING_POINTER_EVERY)
            {
                let pointer = "When back pain needs a midwife or doctor: backcare warning-signs";
                text.push_str(&self.screen.style.dim(&self.screen.wrap(pointer, "  ")));
                text.push('\n');
            }
            emit(&text)?
        };
        // A tip nobody saw (the reader went away, or stdout is closed) is not counted.
        if let Some(session) = session.as_mut().filter(|_| written && !stdout_is_null()) {
            session.state.record_shown(now);
            report_state(session);
        }
        Ok(Exit::Success)
    }

    fn list(&self, topics: &[String], stage: &StageArgs) -> Result<Exit, Error> {
        // Browsing shows everything unless this command line filters it: the config's topics
        // and due date shape which tip `tip` picks, not what `list` shows.
        let catalog = self.catalog()?;
        Self::check_topics(&catalog, topics)?;
        let tips = self.eligible(&catalog, topics, stage, Preference::Everything)?;
        if self.global.json {
            emit(&json::tips(&tips))?;
        } else {
            emit(&self.screen.list(&catalog, &tips))?;
        }
        Ok(Exit::Success)
    }

    fn search(&self, words: &[String], stage: &StageArgs) -> Result<Exit, Error> {
        let words = search::query_words(words);
        if words.is_empty() {
            return Err(Error::Usage("search needs at least one word".to_string()));
        }
        let catalog = self.catalog()?;
        let tips = self.eligible(&catalog, &[], stage, Preference::Everything)?;
        let found = search::search(&catalog, &tips, &words);
        if found.is_empty() {
            return Err(Error::NotFound(format!(
                "no tips contain {}",
                output::sanitize::visible(&words.join(" and "))
            )));
        }
        if self.global.json {
            emit(&json::tips(&found))?;
        } else {
            let blocks: Vec<String> = found
                .iter()
                .map(|tip| self.screen.tip(&catalog, tip, &words))
                .collect();
            emit(&blocks.join("\n"))?;
        }
        Ok(Exit::Success)
    }

    fn show(&self, id: &str) -> Result<Exit, Error> {
        let catalog = self.catalog()?;
        let Some(tip) = catalog.tip(id) else {
            return Err(Error::NotFound(format!(
                "no tip has the id `{}`{}",
                output::sanitize::visible(id),
                did_you_mean(id, catalog.tips.iter().map(|tip| &*tip.id))
            )));
        };
        if self.global.json {
            emit(&json::render(&TipObject::from(tip)))?;
        } else {
            emit(&self.screen.details(&catalog, tip))?;
        }
        Ok(Exit::Success)
    }

    fn topics(&self) -> Result<Exit, Error> {
        let catalog = self.catalog()?;
        if self.global.json {
            emit(&json::topics(&catalog))?;
        } else {
            emit(&self.screen.topics(&catalog))?;
        }
        Ok(Exit::Success)
    }

    /// The safety screen always works: a config mistake costs a warning line, not the screen.
    fn warning_signs(&self, given: Option<&str>) -> Result<Exit, Error> {
        let sheet = warning_signs::sheet().map_err(Error::Other)?;
        let (region, _) = match self.region(&sheet, given) {
            Ok(found) => found,
            Err(Error::Data(problems)) => {
                warn(&problems[0].headline());
                (sheet.fallback(), RegionFrom::Nowhere)
            }
            Err(error) => return Err(error),
        };
        let after_birth =
            matches!(self.progress(), Ok(Some(progress)) if progress.stage() == Stage::Postpartum);
        if self.global.json {
            emit(&warning_signs::json(&sheet, region, after_birth))?;
        } else {
            emit(&warning_signs::text(
                &self.screen,
                &sheet,
                region,
                after_birth,
            ))?;
        }
        Ok(Exit::Success)
    }

    /// Whose numbers to show: `--region` (or `BACKCARE_REGION`), then the config file's
    /// `region`, then the country of the locale; the common numbers side by side otherwise.
    fn region<'s>(
        &self,
        sheet: &'s warning_signs::Sheet,
        given: Option<&str>,
    ) -> Result<(&'s warning_signs::Region, RegionFrom), Error> {
        let known = || {
            sheet
                .regions
                .iter()
                .filter(|region| region.id != "other")
                .map(|region| region.id.as_str())
                .collect::<Vec<_>>()
        };
        let unknown = |wanted: &str| {
            format!(
                "unknown region `{}`{}; known regions: {} (or a country code such as de)",
                output::sanitize::visible(wanted),
                did_you_mean(wanted, known().into_iter()),
                known().join(", ")
            )
        };
        if let Some(wanted) = given {
            return match sheet.find_region(wanted) {
                Some(region) => Ok((region, RegionFrom::Option)),
                None => Err(Error::Usage(unknown(wanted))),
            };
        }
        if let Some(setting) = &self.config.region {
            return match sheet.find_region(&setting.value) {
                Some(region) => Ok((region, RegionFrom::Config)),
                None => Err(setting.problem(unknown(&setting.value)).into()),
            };
        }
        let territory = warning_signs::locale_territory(|name| std::env::var(name).ok());
        Ok(
            match territory
                .as_deref()
                .and_then(|code| sheet.find_region(code))
            {
                Some(region) => (region, RegionFrom::Locale),
                None => (sheet.fallback(), RegionFrom::Nowhere),
            },
        )
    }

    /// Validates `files` (or every file backcare would load) and reports every problem.
    fn check(&self, files: &[PathBuf]) -> Result<Exit, Error> {
        let paths = if files.is_empty() {
            self.tip_files()
        } else {
            files.to_vec()
        };
        // Files backcare found on its own but will not read (a dangling link, a FIFO) are
        // problems too: `tip` passes over them in silence, so this is where they are told.
        let skipped: Vec<Diagnostic> = if files.is_empty() {
            self.skipped_files()
                .into_iter()
                .map(|skipped| {
                    Diagnostic::file(&skipped.path.display().to_string(), skipped.reason)
                })
                .collect()
        } else {
            Vec::new()
        };
        let layered = match files::load_layered(!self.global.no_builtin, &paths) {
            Ok(layered) if skipped.is_empty() => layered,
            Ok(_) => return Err(Error::Data(skipped)),
            Err(mut problems) => {
                problems.splice(0..0, skipped);
                return Err(Error::Data(problems));
            }
        };
        // Warnings do not fail the check: the files work, but something looks unintended.
        let on_terminal = io::stderr().is_terminal();
        for warning in &layered.warnings {
            let shown = Diagnostic {
                message: format!("warning: {}", warning.message),
                ..warning.clone()
            };
            let text = if on_terminal {
                shown.with_source()
            } else {
                shown.headline()
            };
            let _ = writeln!(io::stderr(), "{text}");
        }
        let catalog = layered.catalog;
        let plural = |count: usize, word: &str| {
            format!("{count} {word}{}", if count == 1 { "" } else { "s" })
        };
        emit(&format!(
            "ok: {}, {}, {}\n",
            plural(paths.len(), "file"),
            plural(catalog.topics.len(), "topic"),
            plural(catalog.tips.len(), "tip")
        ))?;
        Ok(Exit::Success)
    }

    fn status(&self) -> Result<Exit, Error> {
        let progress = self.progress()?;
        let sheet = warning_signs::sheet().map_err(Error::Other)?;
        let (region, region_from) = self.region(&sheet, None)?;
        let state_file = self.paths.state_file();
        let last_shown = state_file
            .as_deref()
            .and_then(|path| State::load(path).0.last_shown);
        let shown = |path: Option<PathBuf>| {
            path.map_or("unknown (no home directory)".to_string(), |path| {
                path.display().to_string()
            })
        };
        let tip_files: Vec<String> = self
            .tip_files()
            .iter()
            .map(|path| path.display().to_string())
            .collect();
        let skipped = self.skipped_files();
        let reviewed = Catalog::builtin_about().reviewed.as_deref();
        let date = |setting: &Option<crate::config::Located<jiff::civil::Date>>| {
            setting.as_ref().map(|date| date.value.to_string())
        };
        if self.global.json {
            #[derive(serde::Serialize)]
            struct SkippedObject {
                path: String,
                reason: String,
            }
            #[derive(serde::Serialize)]
            struct Status<'a> {
                due_date: Option<String>,
                birth_date: Option<String>,
                progress: Option<String>,
                /// Completed weeks (of pregnancy, or since the birth) and the days beyond them.
                weeks: Option<u32>,
                days: Option<u32>,
                stage: Option<&'static str>,
                region: &'a str,
                config_file: String,
                state_file: String,
                last_shown: Option<u64>,
                tip_files: &'a [String],
                skipped_files: Vec<SkippedObject>,
                builtin: bool,
                builtin_reviewed: Option<&'a str>,
            }
            let (weeks, days) = progress.map(Progress::weeks_and_days).unzip();
            emit(&json::render(&Status {
                due_date: date(&self.config.due_date),
                birth_date: date(&self.config.birth_date),
                progress: progress.map(Progress::describe),
                weeks,
                days,
                stage: progress.map(|progress| progress.stage().name()),
                region: &region.id,
                config_file: shown(self.paths.config_file()),
                state_file: shown(state_file),
                last_shown,
                tip_files: &tip_files,
                skipped_files: skipped
                    .iter()
                    .map(|skipped| SkippedObject {
                        path: skipped.path.display().to_string(),
                        reason: skipped.reason.clone(),
                    })
                    .collect(),
                builtin: !self.global.no_builtin,
                builtin_reviewed: reviewed,
            }))?;
            return Ok(Exit::Success);
        }
        let style = &self.screen.style;
        let mut text = String::new();
        let pregnancy = match progress {
            Some(progress) => {
                let dates = match (date(&self.config.birth_date), date(&self.config.due_date)) {
                    (Some(birth), _) => format!("born {birth}"),
                    (None, Some(due)) => format!("due {due}"),
                    (None, None) => String::new(),
                };
                format!(
                    "{} ({dates}); tips for the {} stage",
                    progress.describe(),
                    progress.stage().name()
                )
            }
            None => "no due date set, so backcare assumes pregnancy and keeps tips for after the birth back (add due_date = \"YYYY-MM-DD\" to the config file, and birth_date once your baby is born)".to_string(),
        };
        let mut line = |label: &str, value: &str| {
            // Not wrapped: paths stay whole, so they can be copied.
            let value = output::sanitize::visible(value);
            text.push_str(&format!("{} {value}\n", style.heading(label)));
        };
        line("Pregnancy:", &pregnancy);
        line(
            "Region:",
            &match region_from {
                RegionFrom::Nowhere => region_from.describe().to_string(),
                _ => format!("{} ({})", region.name, region_from.describe()),
            },
        );
        line("Config file:", &shown(self.paths.config_file()));
        line("State file:", &shown(state_file));
        let last = last_shown.map_or("never".to_string(), |seconds| {
            jiff::Timestamp::from_second(seconds as i64)
                .map(|time| {
                    time.to_zoned_datetime(jiff::tz::TimeZone::system())
                        .strftime("%Y-%m-%d %H:%M")
                        .to_string()
                })
                .unwrap_or_else(|_| seconds.to_string())
        });
        line("Last tip shown:", &last);
        let builtin = match (self.global.no_builtin, reviewed) {
            (true, _) => "left out".to_string(),
            (false, Some(date)) => format!("in use (last reviewed {date})"),
            (false, None) => "in use".to_string(),
        };
        line("Built-in tips:", &builtin);
        let files = if tip_files.is_empty() {
            "none".to_string()
        } else {
            tip_files.join(", ")
        };
        line("Your tips files:", &files);
        for skipped in &skipped {
            line(
                "Skipped:",
                &format!("{} {}", skipped.path.display(), skipped.reason),
            );
        }
        emit(&text)?;
        Ok(Exit::Success)
    }
}

/// Where the region in use came from, as `status` tells it.
#[derive(Clone, Copy)]
enum RegionFrom {
    Option,
    Config,
    Locale,
    Nowhere,
}

impl RegionFrom {
    fn describe(self) -> &'static str {
        match self {
            RegionFrom::Option => "from --region or BACKCARE_REGION",
            RegionFrom::Config => "from the config file",
            RegionFrom::Locale => "from your locale",
            RegionFrom::Nowhere => {
                "not known, so warning-signs shows the common numbers; set region in the config file"
            }
        }
    }
}

/// Which tips a command prefers when no stage is given on its command line.
#[derive(Clone, Copy)]
enum Preference {
    /// Every tip (browsing with `list` and `search`).
    Everything,
    /// Tips for the user's stage.
    Stage(Stage),
    /// No due date or birth known: assume pregnancy, so tips only for after the birth wait.
    Pregnancy,
}

impl Preference {
    fn likes(self, tip: &Tip) -> bool {
        match self {
            Preference::Everything => true,
            Preference::Stage(stage) => tip.fits(stage),
            Preference::Pregnancy => [Stage::First, Stage::Second, Stage::Third]
                .into_iter()
                .any(|stage| tip.fits(stage)),
        }
    }
}

fn explicit_stage(args: &StageArgs) -> Option<Stage> {
    if let Some(week) = args.week {
        return Some(Progress::week(week).stage());
    }
    args.stage.map(|choice| match choice {
        StageChoice::First => Stage::First,
        StageChoice::Second => Stage::Second,
        StageChoice::Third => Stage::Third,
        StageChoice::Postpartum => Stage::Postpartum,
    })
}
