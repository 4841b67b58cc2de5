//! `backcare list`: every tip, grouped by topic; filtered only by this command line.

use super::{Context, emit};
use crate::cli::StageArgs;
use crate::config::{Setting, StoppedBy};
use crate::error::{Error, Exit};
use crate::output::json;
use crate::select::{self, Preference};

// Browsing (`list`, `search`, `show`, `topics`) uses only the colour setting: a bad one
// stops it, naming the key; a config file that is not TOML costs a warning line.
pub const STOPPED_BY: StoppedBy = StoppedBy::Settings(&[Setting::Color]);

pub fn run(
    context: &Context,
    topics: &[String],
    stage: &StageArgs,
    only_hidden: bool,
) -> Result<Exit, Error> {
    // Browsing shows everything unless this command line filters it: the config's topics
    // and due date shape which tip `tip` picks, not what `list` shows.
    let catalog = context.catalog()?;
    select::check_topics(&catalog, topics)?;
    let mut tips = select::chosen(&catalog, topics, stage.explicit(), Preference::Everything)?;
    if only_hidden {
        tips.retain(|tip| catalog.is_hidden(tip));
        if tips.is_empty() {
            return Err(Error::NotFound("no hidden tips here".to_string()));
        }
    }
    if context.global.json {
        emit(&json::tips(&catalog, &tips))?;
    } else {
        let header = context
            .screen
            .filter_header(tips.len(), catalog.tips.len(), topics, stage)
            .unwrap_or_default();
        context.emit_long(&(header + &context.screen.list(&catalog, &tips)))?;
    }
    Ok(Exit::Success)
}
