//! `backcare list`: every tip, grouped by topic; filtered only by this command line.

use super::{Context, Preference, emit};
use crate::cli::StageArgs;
use crate::config::{Setting, StoppedBy};
use crate::error::{Error, Exit};
use crate::output::json;

// Browsing (`list`, `search`, `show`, `topics`) uses only the colour setting.
pub const STOPPED_BY: StoppedBy = StoppedBy::FileOr(&[Setting::Color]);

impl Context {
    pub(crate) fn list(
        &self,
        topics: &[String],
        stage: &StageArgs,
        only_hidden: bool,
    ) -> Result<Exit, Error> {
        // Browsing shows everything unless this command line filters it: the config's topics
        // and due date shape which tip `tip` picks, not what `list` shows.
        let catalog = self.catalog()?;
        Self::check_topics(&catalog, topics)?;
        let mut tips = self.eligible(&catalog, topics, stage, Preference::Everything)?;
        if only_hidden {
            tips.retain(|tip| catalog.is_hidden(tip));
            if tips.is_empty() {
                return Err(Error::NotFound("no hidden tips here".to_string()));
            }
        }
        if self.global.json {
            emit(&json::tips(&catalog, &tips))?;
        } else {
            let header = self
                .filter_header(tips.len(), catalog.tips.len(), topics, stage)
                .unwrap_or_default();
            self.emit_long(&(header + &self.screen.list(&catalog, &tips)))?;
        }
        Ok(Exit::Success)
    }
}
