//! One module per command: the code for `backcare X` is in `commands/X.rs`. What commands
//! share lives here: the [`Context`] a command runs in (the user's settings and files), how
//! tips are chosen for a stage, whose emergency numbers apply, and how output is printed.

pub mod check;
pub mod completions;
pub mod export;
pub mod hide;
pub mod init;
pub mod line;
pub mod list;
pub mod man;
mod search;
mod show;
pub mod status;
pub mod stretch;
pub mod template;
pub mod tip;
mod topics;
pub mod warning_signs;

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::PathBuf;

use crate::cli::{GlobalArgs, StageArgs, StageChoice};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::hidden::Hidden;
use crate::output::{self, Screen};
use crate::paths::Paths;
use crate::pregnancy::{self, Progress};
use crate::select;
use crate::suggest::did_you_mean;
use crate::tips::files::{self, describe};
use crate::tips::{Catalog, Stage, Tip};

/// Where a command runs: the global options, the user's directories and config, and the
/// screen it prints to.
pub struct Context {
    pub global: GlobalArgs,
    pub paths: Paths,
    pub config: Config,
    pub screen: Screen,
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

    /// The catalog, or every problem in the files, followed by a line naming the files that
    /// were to be read (so a broken one can be told from the others).
    fn catalog(&self) -> Result<Catalog, Error> {
        self.catalog_of_files()
            .map(|catalog| self.with_hidden(catalog))
    }

    /// [`Context::catalog`] without the hidden marks (for `hide`, which reads that list
    /// itself and must not go on when it cannot).
    fn catalog_of_files(&self) -> Result<Catalog, Error> {
        let paths = self.tip_files();
        files::load(!self.global.no_builtin, &paths).map_err(|mut problems| {
            let names: Vec<String> = paths
                .iter()
                .map(|path| path.display().to_string())
                .collect();
            if names.len() < 2 {
                return Error::Data(problems);
            }
            problems.push(Diagnostic::note(format!(
                "backcare: note: tips files read: {}",
                names.join(", ")
            )));
            Error::Data(problems)
        })
    }

    /// Like [`Context::catalog`], but forgiving for a shell start: a broken file that backcare
    /// found on its own (`tips.toml`, `tips.d/`) is left out with one line on stderr, and the
    /// other files still count. A file named with `--file` or `BACKCARE_TIPS` must work.
    fn catalog_for_tip(&self) -> Result<Catalog, Error> {
        let with_builtin = !self.global.no_builtin;
        let problems = match files::load_tips(with_builtin, &self.tip_files()) {
            Ok(catalog) => return Ok(self.with_hidden(catalog)),
            Err(problems) => problems,
        };
        let named = files::named_files(&self.global.files);
        files::load_tips(with_builtin, &named).map_err(Error::Data)?;
        let found = self
            .paths
            .config_dir
            .as_deref()
            .map(|dir| files::user_files(dir).0)
            .unwrap_or_default();
        let more = match crate::diagnostic::total(&problems) {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        // Leave out the files the problems name, and load the others together (a file may
        // use a topic another one declares); repeat while the rest still has problems. Each
        // round leaves out at least one file, so this ends.
        let found_count = found.len();
        let mut kept = found;
        let mut now = problems.clone();
        let mut unattributed = false;
        let catalog = loop {
            let broken: HashSet<String> = now.iter().map(|problem| problem.path.clone()).collect();
            let before = kept.len();
            kept.retain(|path| !broken.contains(&path.display().to_string()));
            if kept.len() == before {
                // Problems no single file can be blamed for: every own file is left out.
                unattributed = true;
                kept.clear();
            }
            let with: Vec<PathBuf> = kept.iter().chain(&named).cloned().collect();
            match files::load_tips(with_builtin, &with) {
                Ok(catalog) => break catalog,
                Err(problems) if !kept.is_empty() => now = problems,
                Err(problems) => return Err(Error::Data(problems)),
            }
        };
        let left_out = match found_count - kept.len() {
            _ if unattributed => "your own tips files are left out",
            1 => "that file is left out",
            _ => "those files are left out",
        };
        warn(&format!(
            "{}{more}; {left_out} (run `backcare check` for details)",
            problems[0].headline()
        ));
        Ok(self.with_hidden(catalog))
    }

    /// The tips the user hid; a list that cannot be read hides nothing and costs one line
    /// (it is never rewritten: see `hide`).
    fn hidden(&self) -> Result<Hidden, Diagnostic> {
        match self.paths.hidden_file() {
            Some(path) => Hidden::load(&path),
            None => Ok(Hidden::default()),
        }
    }

    fn with_hidden(&self, mut catalog: Catalog) -> Catalog {
        catalog.hidden = self
            .hidden()
            .unwrap_or_else(|problem| {
                warn(&problem.headline());
                Hidden::default()
            })
            .ids;
        catalog
    }

    /// On a terminal, a line naming the filters this command line set ("showing 12 of 81 tips
    /// in posture, for week 24"), so what is left out is never a surprise; `None` otherwise.
    fn filter_header(
        &self,
        shown: usize,
        total: usize,
        topics: &[String],
        stage: &StageArgs,
    ) -> Option<String> {
        let mut filters = Vec::new();
        if !topics.is_empty() {
            filters.push(format!("in {}", topics.join(", ")));
        }
        if let Some(week) = stage.week {
            filters.push(format!("for week {week}"));
        } else if let Some(stage) = explicit_stage(stage) {
            filters.push(format!("for the {} stage", stage.name()));
        }
        if filters.is_empty() || !self.screen.on_terminal {
            return None;
        }
        let text = format!("showing {shown} of {total} tips {}", filters.join(", "));
        Some(self.screen.style.dim(&output::sanitize::visible(&text)) + "\n\n")
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
        if let Some(birth) = &self.config.birth_date {
            return Progress::from_birth_date(birth.value, pregnancy::today())
                .map(Some)
                .map_err(|message| birth.problem(message));
        }
        match &self.config.due_date {
            Some(due) => Progress::from_due_date(due.value, pregnancy::today())
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
            let why = if catalog.tips.is_empty() {
                "no tips to show: the built-in set is off and no tips file holds any"
            } else {
                "no tips match these topics and stage"
            };
            return Err(Error::NotFound(why.to_string()));
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

    /// The reader's stage for laying out the warning signs: `None` when no date is known
    /// (or the dates have a problem), so that every emergency block comes first.
    fn reader_stage(&self) -> Option<crate::warning_signs::When> {
        match self.progress() {
            Ok(Some(progress)) if progress.stage() == Stage::Postpartum => {
                Some(crate::warning_signs::When::AfterBirth)
            }
            Ok(Some(_)) => Some(crate::warning_signs::When::Pregnancy),
            _ => None,
        }
    }

    /// Whose numbers to show: `--region` (or `BACKCARE_REGION`), then the config file's
    /// `region`, then the country of the locale; the common numbers side by side otherwise.
    fn region<'s>(
        &self,
        sheet: &'s crate::warning_signs::Sheet,
        given: Option<&str>,
    ) -> Result<(&'s crate::warning_signs::Region, RegionFrom), Error> {
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
                did_you_mean(&wanted.trim().to_ascii_lowercase(), sheet.region_names()),
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
        let territory = crate::warning_signs::locale_territory(|name| std::env::var(name).ok());
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

/// Prints to stdout, and tells whether it was written. A reader that went away (`backcare
/// list | head -n 1`) is not an error: the output simply stops.
pub(crate) fn emit(text: &str) -> Result<bool, Error> {
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

/// One line on stderr that does not stop the command. Paths in it come from the environment,
/// so it is made safe for the terminal like everything else.
impl Context {
    /// Prints long output (`list`, `topics`, `warning-signs`): on a terminal, output taller
    /// than the screen goes through a pager, as git and bat do: `BACKCARE_PAGER`, else `PAGER`,
    /// else `less -FRX` (an empty one, or `--no-pager`, means none). Never in a pipe.
    fn emit_long(&self, text: &str) -> Result<bool, Error> {
        let taller = output::height().is_some_and(|rows| text.lines().count() >= rows);
        if !self.screen.on_terminal || self.global.no_pager || self.global.json || !taller {
            return emit(text);
        }
        let pager = ["BACKCARE_PAGER", "PAGER"]
            .into_iter()
            .find_map(|name| std::env::var(name).ok())
            .unwrap_or_else(|| "less -FRX".to_string());
        if pager.trim().is_empty() {
            return emit(text);
        }
        match output::pager::show(&pager, text) {
            output::pager::Shown::Yes => Ok(true),
            output::pager::Shown::NotStarted(why) => {
                // The output is never lost to a pager that is missing or broken.
                warn(&format!("the pager `{pager}` {why}; printing instead"));
                emit(text)
            }
        }
    }
}

pub(crate) fn warn(message: &str) {
    let _ = writeln!(
        io::stderr(),
        "backcare: warning: {}",
        output::sanitize::visible(message)
    );
}
