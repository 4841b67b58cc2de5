//! Where a command runs: the global options, the user's directories and config, the screen it
//! prints to, and what those give every command alike: the catalog of tips (strict, or
//! forgiving at a shell start), the hidden tips, and where the user is in pregnancy.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::cli::GlobalArgs;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::hidden::Hidden;
use crate::output::print::{warn, warn_at_startup};
use crate::output::{self, Screen};
use crate::paths::Paths;
use crate::pregnancy::{self, Progress};
use crate::tips::files;
use crate::tips::{Catalog, Stage};

/// Where a command runs: the global options, the user's directories and config, and the
/// screen it prints to.
pub struct Context {
    pub global: GlobalArgs,
    pub paths: Paths,
    pub config: Config,
    pub screen: Screen,
}

impl Context {
    pub fn tip_files(&self) -> Vec<PathBuf> {
        files::tip_files(self.paths.config_dir.as_deref(), &self.global.files)
    }

    /// The user's tips files that are there but not read, and why.
    pub fn skipped_files(&self) -> Vec<files::Skipped> {
        self.paths
            .config_dir
            .as_deref()
            .map(|dir| files::user_files(dir).1)
            .unwrap_or_default()
    }

    /// The catalog, or every problem in the files, followed by a line naming the files that
    /// were to be read (so a broken one can be told from the others).
    pub fn catalog(&self) -> Result<Catalog, Error> {
        self.catalog_of_files()
            .map(|catalog| self.with_hidden(catalog))
    }

    /// [`Context::catalog`] without the hidden marks (for `hide`, which reads that list
    /// itself and must not go on when it cannot).
    pub fn catalog_of_files(&self) -> Result<Catalog, Error> {
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
    /// other files still count. A file named with `--file` or `BACKCARE_TIPS` must work. At a
    /// shell start (`startup`) the line is told once a day (see `warn_at_startup`).
    pub fn catalog_for_tip(&self, startup: bool) -> Result<Catalog, Error> {
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
        let message = format!(
            "{}{more}; {left_out} (run `backcare check` for details)",
            problems[0].headline()
        );
        if startup {
            let about = std::path::Path::new(&problems[0].path);
            warn_at_startup(self.paths.state_dir.as_deref(), Some(about), &message);
        } else {
            warn(&message);
        }
        Ok(self.with_hidden(catalog))
    }

    /// The tips the user hid; a list that cannot be read hides nothing and costs one line
    /// (it is never rewritten: see `hide`).
    pub fn hidden(&self) -> Result<Hidden, Diagnostic> {
        match self.paths.hidden_file() {
            Some(path) => Hidden::load(&path),
            None => Ok(Hidden::default()),
        }
    }

    pub fn with_hidden(&self, mut catalog: Catalog) -> Catalog {
        catalog.hidden = self
            .hidden()
            .unwrap_or_else(|problem| {
                warn(&problem.headline());
                Hidden::default()
            })
            .ids;
        catalog
    }

    /// Where the user is, from the config file: a recorded birth wins over a due date. A date
    /// that cannot be right is a problem naming the config file and key.
    pub fn progress(&self) -> Result<Option<Progress>, Diagnostic> {
        self.progress_on(pregnancy::today())
    }

    /// Where the user was on `day` (a diary's day): as [`Context::progress`], and before a
    /// recorded birth, weeks of pregnancy from the due date.
    pub fn progress_on(&self, day: jiff::civil::Date) -> Result<Option<Progress>, Diagnostic> {
        if let Some(birth) = self
            .config
            .birth_date
            .as_ref()
            .filter(|birth| birth.value <= day || day >= pregnancy::today())
        {
            return Progress::from_birth_date(birth.value, day)
                .map(Some)
                .map_err(|message| birth.problem(message));
        }
        match &self.config.due_date {
            Some(due) => Progress::from_due_date(due.value, day)
                .map(Some)
                .map_err(|message| due.problem(message)),
            None => Ok(None),
        }
    }

    /// The reader's stage for laying out the warning signs: `None` when no date is known
    /// (or the dates have a problem), so that every emergency block comes first.
    pub fn reader_stage(&self) -> Option<crate::warning_signs::When> {
        match self.progress() {
            Ok(Some(progress)) if progress.stage() == Stage::Postpartum => {
                Some(crate::warning_signs::When::AfterBirth)
            }
            Ok(Some(_)) => Some(crate::warning_signs::When::Pregnancy),
            _ => None,
        }
    }

    /// Prints long output, through a pager on a terminal (see [`output::print::long`]).
    pub fn emit_long(&self, text: &str) -> Result<bool, Error> {
        let pager_allowed = !self.global.no_pager && !self.global.json;
        output::print::long(&self.screen, pager_allowed, text)
    }
}
