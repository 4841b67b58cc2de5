//! `backcare show`: tips by id (any case), with their stages, tags and sources.

use super::{Context, emit};
use crate::error::{Error, Exit};
use crate::output::json::{self, TipObject};
use crate::suggest::did_you_mean;
use crate::tips::Tip;

/// Every tip asked for, in the order asked; an unknown id (with the closest ids) makes the
/// exit code 1, after the others are shown.
pub fn run(context: &Context, ids: &[String]) -> Result<Exit, Error> {
    let catalog = context.catalog()?;
    let mut found: Vec<&Tip> = Vec::new();
    let mut unknown = Vec::new();
    for id in ids {
        match catalog
            .tips
            .iter()
            .find(|tip| tip.id.eq_ignore_ascii_case(id))
        {
            Some(tip) => found.push(tip),
            None => match catalog.disabled.get(&id.to_lowercase()) {
                Some(file) => unknown.push(format!(
                    "tip `{}` is disabled by {}",
                    crate::sanitize::visible(&id.to_lowercase()),
                    crate::sanitize::visible(file)
                )),
                None => unknown.push(format!(
                    "no tip has the id `{}`{}",
                    crate::sanitize::visible(id),
                    did_you_mean(&id.to_lowercase(), catalog.tips.iter().map(|tip| &*tip.id))
                )),
            },
        }
    }
    if context.global.json {
        // One id gives an object, several an array (as `list` and `search`).
        match found.as_slice() {
            [tip] if ids.len() == 1 => emit(&json::render(&TipObject::of(&catalog, tip)))?,
            [] if ids.len() == 1 => false,
            _ => emit(&json::tips(&catalog, &found))?,
        };
    } else {
        let blocks: Vec<String> = found
            .iter()
            .map(|tip| context.screen.details(&catalog, tip))
            .collect();
        emit(&blocks.join("\n"))?;
    }
    match unknown.is_empty() {
        true => Ok(Exit::Success),
        false => Err(Error::NotFound(unknown.join("\nbackcare: "))),
    }
}
