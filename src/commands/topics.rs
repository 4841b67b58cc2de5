//! `backcare topics`: the topics with their descriptions and number of tips.

use super::{Context, emit};
use crate::error::{Error, Exit};
use crate::output::json;

pub fn run(context: &Context) -> Result<Exit, Error> {
    let catalog = context.catalog()?;
    if context.global.json {
        emit(&json::topics(&catalog))?;
    } else {
        context.emit_long(&context.screen.topics(&catalog))?;
    }
    Ok(Exit::Success)
}
