//! `backcare search`: the warning signs and tips holding every word, or a word they use (see
//! `search`). A matching warning sign comes first, with what to do and the number to call.

use super::{Context, emit};
use crate::cli::StageArgs;
use crate::error::{Error, Exit};
use crate::output::json;
use crate::search::{self, Query, Synonyms};
use crate::select::{self, Preference};
use crate::tips::Catalog;
use crate::warning_signs::{self, Region, Sheet};

pub fn run(
    context: &Context,
    query: &[String],
    topics: &[String],
    stage: &StageArgs,
) -> Result<Exit, Error> {
    let synonyms = Synonyms::builtin();
    let words = Query::new(query, &synonyms);
    if words.is_empty() {
        return Err(Error::Usage("search needs at least one word".to_string()));
    }
    let catalog = context.catalog()?;
    select::check_topics(&catalog, topics)?;
    let tips = select::chosen(&catalog, topics, stage.explicit(), Preference::Everything)?;
    let found = search::search(&catalog, &tips, &words);
    let sheet = warning_signs::sheet().map_err(Error::Other)?;
    // A region mistake is reported by `warning-signs` and `status`; search still answers.
    let region = crate::warning_signs::resolve_region(&sheet, None, context.config.region.as_ref())
        .map_or_else(|_| sheet.fallback(), |(region, _)| region);
    let signs = warning_signs::matching(&sheet, region, context.reader_stage(), &words);
    if found.is_empty() && signs.is_empty() {
        // Nothing found is still an answer in JSON: an empty array (and exit code 1).
        if context.global.json {
            emit("[]\n")?;
        }
        let hints = hints(&catalog, &sheet, region, &words, &synonyms);
        return Err(Error::NotFound(format!(
            "no tips or warning signs contain {}{hints}",
            crate::sanitize::visible(&shortened(&query.join(" ")))
        )));
    }
    if context.global.json {
        // The JSON answer stays the array of tips; `warning-signs --json` has the signs.
        emit(&json::tips(&catalog, &found))?;
        return Ok(Exit::Success);
    }
    let highlight = words.highlight();
    let mut out = String::new();
    if !signs.is_empty() {
        out.push_str(&warning_signs::found_text(
            &context.screen,
            region,
            &signs,
            &highlight,
        ));
    }
    if !found.is_empty() {
        let blocks: Vec<String> = found
            .iter()
            .map(|tip| context.screen.tip(&catalog, tip, &highlight))
            .collect();
        let header = context
            .screen
            .filter_header(found.len(), catalog.tips.len(), topics, stage)
            .unwrap_or_default();
        out.push_str(&header);
        out.push_str(&blocks.join("\n"));
    }
    emit(&out)?;
    Ok(Exit::Success)
}

/// Did-you-means for the words of a query that nothing holds, as " (`pilow`: did you mean
/// `pillow`?)", or nothing.
fn hints(
    catalog: &Catalog,
    sheet: &Sheet,
    region: &Region,
    words: &Query,
    synonyms: &Synonyms,
) -> String {
    let mut texts: Vec<String> = catalog
        .tips
        .iter()
        .map(|tip| format!("{} {}", tip.text, tip.tags.join(" ")))
        .collect();
    texts.extend(catalog.topics.iter().map(|topic| topic.title.to_string()));
    texts.extend(signs_texts(sheet, region));
    let hints: Vec<String> =
        search::unknown_terms(words, texts.iter().map(String::as_str), synonyms)
            .into_iter()
            .filter(|(_, close)| !close.is_empty())
            .map(|(typed, close)| {
                format!(
                    "`{}`: did you mean {}?",
                    crate::sanitize::visible(&typed),
                    close
                        .iter()
                        .map(|word| format!("`{word}`"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                )
            })
            .collect();
    if hints.is_empty() {
        String::new()
    } else {
        format!(" ({})", hints.join("; "))
    }
}

/// Every sign's text, filled for the region.
fn signs_texts(sheet: &Sheet, region: &Region) -> Vec<String> {
    sheet
        .sections
        .iter()
        .flat_map(|section| section.signs.iter())
        .map(|sign| region.fill(&sign.text))
        .collect()
}

/// The query as it is quoted back: at most 100 characters, cut with `…`.
fn shortened(query: &str) -> String {
    match query.char_indices().nth(100) {
        Some((at, _)) => format!("{}…", &query[..at]),
        None => query.to_string(),
    }
}
