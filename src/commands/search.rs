//! `backcare search`: tips containing every word (see `search`).

use super::{Context, Preference, emit};
use crate::cli::StageArgs;
use crate::error::{Error, Exit};
use crate::output::{self, json};
use crate::search;

impl Context {
    pub(crate) fn search(
        &self,
        query: &[String],
        topics: &[String],
        stage: &StageArgs,
    ) -> Result<Exit, Error> {
        let words = search::query_words(query);
        if words.is_empty() {
            return Err(Error::Usage("search needs at least one word".to_string()));
        }
        let catalog = self.catalog()?;
        Self::check_topics(&catalog, topics)?;
        let tips = self.eligible(&catalog, topics, stage, Preference::Everything)?;
        let found = search::search(&catalog, &tips, &words);
        if found.is_empty() {
            // Nothing found is still an answer in JSON: an empty array (and exit code 1).
            if self.global.json {
                emit("[]\n")?;
            }
            return Err(Error::NotFound(format!(
                "no tips contain {}",
                output::sanitize::visible(&query.join(" and "))
            )));
        }
        if self.global.json {
            emit(&json::tips(&catalog, &found))?;
        } else {
            let blocks: Vec<String> = found
                .iter()
                .map(|tip| self.screen.tip(&catalog, tip, &words))
                .collect();
            let header = self
                .filter_header(found.len(), catalog.tips.len(), topics, stage)
                .unwrap_or_default();
            emit(&(header + &blocks.join("\n")))?;
        }
        Ok(Exit::Success)
    }
}
