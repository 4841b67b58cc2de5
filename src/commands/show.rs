//! `backcare show`: one tip by id, with its stages, tags and source.

use super::{Context, emit};
use crate::error::{Error, Exit};
use crate::output;
use crate::output::json::{self, TipObject};
use crate::suggest::did_you_mean;

impl Context {
    pub(crate) fn show(&self, id: &str) -> Result<Exit, Error> {
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
}
