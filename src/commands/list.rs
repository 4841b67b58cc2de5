//! `backcare list`: every tip, grouped by topic; filtered only by this command line.

use super::{Context, Preference, emit};
use crate::cli::StageArgs;
use crate::error::{Error, Exit};
use crate::output::json;

impl Context {
    pub(crate) fn list(&self, topics: &[String], stage: &StageArgs) -> Result<Exit, Error> {
        // Browsing shows everything unless this command line filters it: the config's topics
        // and due date shape which tip `tip` picks, not what `list` shows.
        let catalog = self.catalog()?;
        Self::check_topics(&catalog, topics)?;
        let tips = self.eligible(&catalog, topics, stage, Preference::Everything)?;
        if self.global.json {
            emit(&json::tips(&tips))?;
        } else {
            let header = self
                .filter_header(tips.len(), catalog.tips.len(), topics, stage)
                .unwrap_or_default();
            self.emit_long(&(header + &self.screen.list(&catalog, &tips)))?;
        }
        Ok(Exit::Success)
    }
}
