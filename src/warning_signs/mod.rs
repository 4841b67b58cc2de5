//! `backcare warning-signs`: when back pain needs a midwife, doctor or emergency services, with
//! the numbers to call where the reader lives. The signs, sources and numbers are data, in
//! `warning-signs.toml` (see `sheet`); this module picks the region and lays the sheet out.

use std::collections::HashMap;

use serde::Serialize;

pub use backcare_data::sheet::{Level, Region, Section, Sheet, When};

use crate::cli::DISCLAIMER;
use crate::config::Located;
use crate::error::Error;
use crate::output::{Screen, json};
use crate::search::{self, Query, Synonyms};
use crate::suggest::did_you_mean;
use crate::tips::Source;

const SHEET: &str = include_str!("../../warning-signs.toml");

/// The built-in sheet. `build.rs` has checked it, so this does not fail in a released binary;
/// it still returns a message rather than panic.
pub fn sheet() -> Result<Sheet, String> {
    Sheet::parse(SHEET).map_err(|error| format!("the built-in warning signs are broken: {error}"))
}

/// The territory (`GB`) of the first locale set in `LC_ALL`, `LC_MESSAGES` and `LANG`, the
/// order in which POSIX lets them override each other. `C` and `POSIX` have none.
pub fn locale_territory(var: impl Fn(&str) -> Option<String>) -> Option<String> {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(var)
        .find(|value| !value.is_empty())?;
    let name = locale.split(['.', '@']).next()?;
    let territory = name.split_once('_')?.1;
    (territory.len() == 2 && territory.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| territory.to_ascii_uppercase())
}

/// The sheet as it is laid out, in the reader's region and order.
struct Laid<'s> {
    sheet: &'s Sheet,
    sections: Vec<&'s Section>,
    /// Source keys in order of first use, so the text can number them.
    cited: Vec<&'s str>,
}

impl<'s> Laid<'s> {
    fn new(sheet: &'s Sheet, region: &'s Region, stage: Option<When>) -> Laid<'s> {
        let sections = sheet.laid_out(stage);
        let mut cited: Vec<&str> = Vec::new();
        for source in &region.sources {
            if !cited.contains(&source.as_str()) {
                cited.push(source);
            }
        }
        let signs = sections
            .iter()
            .flat_map(|section| section.signs.iter())
            .chain([&sheet.physiotherapy]);
        for sign in signs {
            if !cited.contains(&sign.source.as_str()) {
                cited.push(&sign.source);
            }
        }
        Laid {
            sheet,
            sections,
            cited,
        }
    }

    fn source(&self, key: &str) -> Source {
        source(self.sheet, key).unwrap_or_else(|| Source {
            publisher: key.to_string().into(),
            title: None,
            url: None,
            checked: None,
        })
    }
}

/// A source of the sheet, as a tip's source is, to cite both alike; `None` for a key the sheet
/// does not declare (which `build.rs` rules out).
pub fn source(sheet: &Sheet, key: &str) -> Option<Source> {
    let source = sheet.sources.get(key)?;
    Some(Source {
        publisher: source.publisher.clone().into(),
        title: Some(source.title.clone().into()),
        url: Some(source.url.clone().into()),
        checked: Some(source.checked.clone().into()),
    })
}

#[derive(Serialize)]
struct SignObject<'a> {
    text: String,
    source: &'a Source,
}

#[derive(Serialize)]
struct SectionObject<'a> {
    id: &'a str,
    when: &'static str,
    level: &'static str,
    title: String,
    signs: Vec<SignObject<'a>>,
}

#[derive(Serialize)]
struct NumberObject<'a> {
    label: &'a str,
    number: &'a str,
}

#[derive(Serialize)]
struct RegionObject<'a> {
    id: &'a str,
    name: &'a str,
    numbers: Vec<NumberObject<'a>>,
    sources: Vec<&'a Source>,
}

#[derive(Serialize)]
struct Report<'a> {
    title: &'a str,
    region: RegionObject<'a>,
    sections: Vec<SectionObject<'a>>,
    physiotherapy: SignObject<'a>,
    reviewed: &'a str,
    disclaimer: &'static str,
}

pub fn json(sheet: &Sheet, region: &Region, stage: Option<When>) -> String {
    let laid = Laid::new(sheet, region, stage);
    let sources: HashMap<&str, Source> = laid
        .cited
        .iter()
        .map(|key| (*key, laid.source(key)))
        .collect();
    let source = |key: &str| &sources[key];
    let sign = |sign: &backcare_data::sheet::Sign| SignObject {
        text: region.fill(&sign.text),
        source: source(&sign.source),
    };
    json::render(&Report {
        title: &sheet.title,
        region: RegionObject {
            id: &region.id,
            name: &region.name,
            numbers: region
                .numbers
                .iter()
                .map(|number| NumberObject {
                    label: &number.label,
                    number: &number.number,
                })
                .collect(),
            sources: region.sources.iter().map(|key| source(key)).collect(),
        },
        sections: laid
            .sections
            .iter()
            .map(|section| SectionObject {
                id: &section.id,
                when: section.when.name(),
                level: section.level.name(),
                title: region.fill(&section.heading()),
                signs: section.signs.iter().map(sign).collect(),
            })
            .collect(),
        physiotherapy: sign(&sheet.physiotherapy),
        reviewed: &sheet.reviewed,
        disclaimer: DISCLAIMER,
    })
}

pub fn text(screen: &Screen, sheet: &Sheet, region: &Region, stage: Option<When>) -> String {
    let laid = Laid::new(sheet, region, stage);
    let style = &screen.style;
    let cite = |key: &str| {
        let number = laid
            .cited
            .iter()
            .position(|cited| *cited == key)
            .unwrap_or(0)
            + 1;
        style.dim(&format!("[{number}]"))
    };
    let mut text = style.alert(&sheet.title);
    text.push('\n');
    text.push_str(&numbers_text(screen, sheet, region, &laid));
    for section in &laid.sections {
        text.push('\n');
        text.push_str(&style.heading(&screen.wrap(&region.fill(&section.heading()), "")));
        text.push('\n');
        for sign in &section.signs {
            let item = format!("{} {}", region.fill(&sign.text), cite(&sign.source));
            text.push_str(&screen.wrap_hanging(&item, "  • ", "    "));
            text.push('\n');
        }
    }
    text.push('\n');
    text.push_str(&style.heading("When to ask for physiotherapy"));
    text.push('\n');
    let physio = &sheet.physiotherapy;
    let note = format!("{} {}", region.fill(&physio.text), cite(&physio.source));
    text.push_str(&screen.wrap(&note, ""));
    text.push_str("\n\n");
    text.push_str(&sources_text(screen, sheet, &laid));
    text.push('\n');
    text.push_str(&style.dim(&screen.wrap(DISCLAIMER, "")));
    text.push('\n');
    text
}

/// The region's numbers with their sources, and how to see another region's.
fn numbers_text(screen: &Screen, sheet: &Sheet, region: &Region, laid: &Laid) -> String {
    let style = &screen.style;
    let numbers: Vec<String> = region
        .numbers
        .iter()
        .map(|number| format!("{} {}", style.heading(&number.number), number.label))
        .collect();
    let cited: Vec<String> = region
        .sources
        .iter()
        .map(|key| {
            let number = laid
                .cited
                .iter()
                .position(|cited| cited == key)
                .unwrap_or(0)
                + 1;
            number.to_string()
        })
        .collect();
    let line = format!(
        "{}: {} {}",
        region.name,
        numbers.join("; "),
        style.dim(&format!("[{}]", cited.join(", ")))
    );
    let others: Vec<&str> = sheet
        .regions
        .iter()
        .filter(|other| other.id != region.id && other.id != "other")
        .map(|other| other.id.as_str())
        .collect();
    let elsewhere = format!(
        "Elsewhere? backcare warning-signs --region {} (or a country code)",
        others.join("|")
    );
    format!(
        "{}\n{}\n",
        screen.wrap(&line, ""),
        style.dim(&screen.wrap(&elsewhere, ""))
    )
}

/// The numbered sources, each address on a line of its own.
fn sources_text(screen: &Screen, sheet: &Sheet, laid: &Laid) -> String {
    let style = &screen.style;
    let mut text = style.heading(&format!("Sources (reviewed {})", sheet.reviewed));
    text.push('\n');
    for (index, key) in laid.cited.iter().enumerate() {
        let source = laid.source(key);
        let label = format!("[{}] ", index + 1);
        let indent = " ".repeat(label.len() + 2);
        text.push_str(&screen.wrap_hanging(
            &format!("{label}{}", source.citation()),
            "  ",
            &indent,
        ));
        text.push('\n');
        // Never wrapped, so the address can be copied or clicked.
        text.push_str(&format!(
            "{indent}{}\n",
            source.url.as_deref().unwrap_or("")
        ));
    }
    text
}

/// The matching signs under their headings (when they apply and what to do), then where
/// the whole sheet is.
pub fn found_text(
    screen: &Screen,
    region: &Region,
    signs: &[(&Section, Vec<usize>)],
    highlight: &[String],
) -> String {
    let style = &screen.style;
    let mut text = style.alert("Warning signs");
    text.push('\n');
    for (section, indices) in signs {
        text.push_str(&style.heading(&screen.wrap(&region.fill(&section.heading()), "")));
        text.push('\n');
        for at in indices {
            let sign = region.fill(&section.signs[*at].text);
            let painted = screen.highlighted(&sign, highlight);
            text.push_str(&screen.wrap_hanging(&painted, "  • ", "    "));
            text.push('\n');
        }
    }
    text.push_str(&style.dim(&screen.wrap(
        "Every warning sign, the numbers to call and the sources: backcare warning-signs",
        "",
    )));
    text.push_str("\n\n");
    text
}

/// The signs holding the query, by block, in the order the sheet lays them out for the reader.
pub fn matching<'s>(
    sheet: &'s Sheet,
    region: &Region,
    stage: Option<When>,
    query: &Query,
) -> Vec<(&'s Section, Vec<usize>)> {
    sheet
        .laid_out(stage)
        .into_iter()
        .filter_map(|section| {
            // A sign is found by when its block applies too ("bleeding after the birth").
            let texts: Vec<String> = section
                .signs
                .iter()
                .map(|sign| format!("{} {}", section.when.label(), region.fill(&sign.text)))
                .collect();
            let found = search::search_texts(texts.iter().map(String::as_str), query);
            (!found.is_empty()).then_some((section, found))
        })
        .collect()
}

/// The warning words (diary.toml's) that `text`, an entry of the pain diary, holds, in any
/// form `search` knows them by, as queries for [`mentioned`]. No words, no queries: the
/// synonyms are read only for an entry with words.
pub fn mentions(text: &str, words: &[String]) -> Vec<Query> {
    let keys = search::keys(text);
    if keys.is_empty() {
        return Vec::new();
    }
    let synonyms = Synonyms::builtin_holding(words);
    words
        .iter()
        .map(|word| Query::new(std::slice::from_ref(word), &synonyms))
        .filter(|query| !query.is_empty() && query.matches(&keys))
        .collect()
}

/// The signs holding any of `mentions`, in the blocks for the reader's stage (every block
/// when it is not known).
pub fn mentioned<'s>(
    sheet: &'s Sheet,
    region: &Region,
    stage: Option<When>,
    mentions: &[Query],
) -> Vec<(&'s Section, Vec<usize>)> {
    let mut found: Vec<(&Section, Vec<usize>)> = Vec::new();
    for query in mentions {
        for (section, signs) in matching(sheet, region, stage, query)
            .into_iter()
            .filter(|(section, _)| section.applies(stage))
        {
            match found
                .iter_mut()
                .find(|(known, _)| std::ptr::eq(*known, section))
            {
                Some((_, known)) => known.extend(signs),
                None => found.push((section, signs)),
            }
        }
    }
    // In the order the sheet lays them out, each block's signs in sheet order.
    let order = sheet.laid_out(stage);
    found.sort_by_key(|(section, _)| {
        order
            .iter()
            .position(|known| std::ptr::eq(*known, *section))
    });
    for (_, signs) in &mut found {
        signs.sort_unstable();
        signs.dedup();
    }
    found
}

/// Whose numbers to show: `--region` (or `BACKCARE_REGION`), then the config file's
/// `region`, then the country of the locale; the common numbers side by side otherwise.
pub fn resolve_region<'s>(
    sheet: &'s Sheet,
    given: Option<&str>,
    setting: Option<&Located<String>>,
) -> Result<(&'s Region, RegionFrom), Error> {
    let known = || {
        sheet
            .regions
            .iter()
            .filter(|region| region.id != "other")
            .map(|region| region.id.as_str())
            .collect::<Vec<_>>()
    };
    let unknown = |wanted: &str| {
        format!(
            "unknown region `{}`{}; known regions: {} (or a country code such as de)",
            crate::sanitize::visible(wanted),
            did_you_mean(&wanted.trim().to_ascii_lowercase(), sheet.region_names()),
            known().join(", ")
        )
    };
    if let Some(wanted) = given {
        return match sheet.find_region(wanted) {
            Some(region) => Ok((region, RegionFrom::Option)),
            None => Err(Error::Usage(unknown(wanted))),
        };
    }
    if let Some(setting) = setting {
        return match sheet.find_region(&setting.value) {
            Some(region) => Ok((region, RegionFrom::Config)),
            None => Err(setting.problem(unknown(&setting.value)).into()),
        };
    }
    let territory = locale_territory(|name| std::env::var(name).ok());
    Ok(
        match territory
            .as_deref()
            .and_then(|code| sheet.find_region(code))
        {
            Some(region) => (region, RegionFrom::Locale),
            None => (sheet.fallback(), RegionFrom::Nowhere),
        },
    )
}

/// Where the region in use came from, as `status` tells it.
#[derive(Clone, Copy)]
pub enum RegionFrom {
    Option,
    Config,
    Locale,
    Nowhere,
}

impl RegionFrom {
    pub fn describe(self) -> &'static str {
        match self {
            RegionFrom::Option => "from --region or BACKCARE_REGION",
            RegionFrom::Config => "from the config file",
            RegionFrom::Locale => "from your locale",
            RegionFrom::Nowhere => {
                "not known, so warning-signs shows the common numbers; set region in the config file"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::search::{Query, Synonyms};

    /// The groups `mentions` reads give every warning word of diary.toml the same
    /// alternatives as the whole table.
    #[test]
    fn the_warning_words_lose_no_synonym() {
        let words = crate::diary::words()
            .unwrap_or_else(|_| panic!("diary.toml reads"))
            .warnings
            .words;
        let (all, holding) = (Synonyms::builtin(), Synonyms::builtin_holding(&words));
        for word in &words {
            let word = std::slice::from_ref(word);
            let full = format!("{:?}", Query::new(word, &all).terms);
            assert_eq!(format!("{:?}", Query::new(word, &holding).terms), full);
        }
    }

    use super::*;

    fn territory(vars: &[(&str, &str)]) -> Option<String> {
        locale_territory(|name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_string())
        })
    }

    #[test]
    fn the_locale_territory_follows_posix_precedence() {
        assert_eq!(territory(&[("LANG", "en_GB.UTF-8")]), Some("GB".into()));
        assert_eq!(
            territory(&[("LANG", "en_GB.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")]),
            Some("US".into())
        );
        assert_eq!(
            territory(&[("LC_ALL", "de_DE@euro"), ("LANG", "en_GB.UTF-8")]),
            Some("DE".into())
        );
        assert_eq!(
            territory(&[("LC_ALL", ""), ("LANG", "en_NZ")]),
            Some("NZ".into())
        );
        assert_eq!(territory(&[("LANG", "C.UTF-8")]), None);
        assert_eq!(territory(&[("LANG", "POSIX")]), None);
        assert_eq!(territory(&[]), None);
    }

    #[test]
    fn the_built_in_sheet_parses_and_every_region_fills_every_placeholder() {
        let sheet = sheet().unwrap();
        for region in &sheet.regions {
            for section in &sheet.sections {
                assert!(!region.fill(&section.title).contains('{'));
            }
        }
        assert_eq!(sheet.find_region("GB").unwrap().id, "uk");
        assert_eq!(sheet.find_region("de").unwrap().id, "eu");
        assert_eq!(sheet.find_region("Us").unwrap().id, "us");
        assert!(sheet.find_region("xx").is_none());
    }

    #[test]
    fn the_sheet_check_catches_typos_in_every_filled_text_and_repeated_regions() {
        assert!(Sheet::parse(SHEET).is_ok());
        let physiotherapy = "[physiotherapy]\ntext = \"";
        let typo = SHEET.replacen(
            physiotherapy,
            "[physiotherapy]\ntext = \"Call {urgnet}. ",
            1,
        );
        assert_ne!(
            typo, SHEET,
            "the physiotherapy table moved: update this test"
        );
        let error = Sheet::parse(&typo).unwrap_err();
        assert!(
            error.contains("unknown placeholder \"{urgnet}\""),
            "{error}"
        );
        // The first region once more, at the end of the file.
        let first = SHEET.find("[[regions]]").unwrap();
        let next = first + 1 + SHEET[first + 1..].find("[[").unwrap();
        let twice = format!("{SHEET}\n{}", &SHEET[first..next]);
        let error = Sheet::parse(&twice).unwrap_err();
        assert!(error.contains("is declared twice"), "{error}");
    }
}
