//! `backcare topics`: the topics with their descriptions and number of tips.

use super::{Context, emit};
use crate::error::{Error, Exit};
use crate::output::json;

impl Context {
    pub(crate) fn topics(&self) -> Result<Exit, Error> {
        let catalog = self.catalog()?;
        if self.global.json {
            emit(&json::topics(&catalog))?;
        } else {
            self.emit_long(&self.screen.topics(&catalog))?;
        }
        Ok(Exit::Success)
    }
}
