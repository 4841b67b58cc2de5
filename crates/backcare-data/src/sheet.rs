//! The warning-signs sheet: `warning-signs.toml`, compiled into the binary. It is data so that
//! the health content and the code are reviewed apart. This file is also compiled into
//! `build.rs`, which checks the sheet, so a broken sheet fails the build; it uses only `std`,
//! `serde` and `toml`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::read::is_date;

/// Placeholders a section title or sign may use, filled from the reader's region.
pub const PLACEHOLDERS: &[&str] = &[
    "{emergency}",
    "{hospital}",
    "{urgent}",
    "{maternity}",
    "{early}",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    /// When the whole sheet was last reviewed against its sources (YYYY-MM-DD).
    pub reviewed: String,
    pub title: String,
    pub sources: BTreeMap<String, SheetSource>,
    /// In the order `--region` lists them; the one with id `other` is for an unknown region.
    pub regions: Vec<Region>,
    pub sections: Vec<Section>,
    pub physiotherapy: Sign,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetSource {
    pub publisher: String,
    pub title: String,
    pub url: String,
    pub checked: String,
}

/// Who to call in one part of the world.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// What `--region` and the `region` setting take, such as `uk`.
    pub id: String,
    pub name: String,
    /// ISO 3166 country codes whose locale (`en_GB.UTF-8`) picks this region.
    #[serde(default)]
    pub territories: Vec<String>,
    /// Other names `--region` takes for it (`usa`, `england`), in lower case.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `{emergency}`: the emergency number, with what to say.
    pub emergency: String,
    /// `{hospital}`: the hospital department to go to.
    pub hospital: String,
    /// `{urgent}`: where to get urgent advice that is not an emergency.
    pub urgent: String,
    /// `{maternity}`: who looks after the pregnancy, day or night.
    pub maternity: String,
    /// `{early}`: who to call early in pregnancy, before the maternity unit sees you.
    pub early: String,
    /// The numbers, as shown at the top of the sheet.
    pub numbers: Vec<Number>,
    /// Keys of `sources`: where the numbers were checked.
    pub sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Number {
    pub label: String,
    pub number: String,
}

/// When a block of signs applies. Every block says so in its heading, so a reader after the
/// birth never has to read pregnancy-only signs to find hers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum When {
    Pregnancy,
    AfterBirth,
    Both,
}

impl When {
    /// The words that start the block's heading.
    pub fn label(self) -> &'static str {
        match self {
            When::Pregnancy => "In pregnancy",
            When::AfterBirth => "After the birth",
            When::Both => "In pregnancy or after the birth",
        }
    }

    /// The name used in the file and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            When::Pregnancy => "pregnancy",
            When::AfterBirth => "after-birth",
            When::Both => "both",
        }
    }
}

/// How urgent a block is, most urgent first. Each level has its placeholder, which its title
/// must use, so that a sign can only be routed where its level says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// The emergency number or the emergency department, now.
    Emergency,
    /// The maternity unit or midwife, straight away, day or night.
    Maternity,
    /// Early in pregnancy: the early pregnancy unit, GP or advice line.
    Early,
    /// Medical advice the same day.
    Urgent,
}

impl Level {
    pub fn placeholder(self) -> &'static str {
        match self {
            Level::Emergency => "{emergency}",
            Level::Maternity => "{maternity}",
            Level::Early => "{early}",
            Level::Urgent => "{urgent}",
        }
    }

    /// The name used in the file and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Level::Emergency => "emergency",
            Level::Maternity => "maternity",
            Level::Early => "early",
            Level::Urgent => "urgent",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub when: When,
    pub level: Level,
    /// The heading after its label (`When::label`), such as `call {emergency} now if you have`.
    pub title: String,
    pub signs: Vec<Sign>,
}

impl Section {
    /// The heading as shown: when it applies, then what to do.
    pub fn heading(&self) -> String {
        format!("{}: {}", self.when.label(), self.title)
    }

    /// Whether the block is for a reader at `stage`: hers and those for both; every block
    /// when her stage is not known.
    pub fn applies(&self, stage: Option<When>) -> bool {
        stage.is_none_or(|stage| self.when == When::Both || self.when == stage)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sign {
    pub text: String,
    /// A key of `sources`.
    pub source: String,
}

impl Sheet {
    /// Parses and checks the sheet; the error says what is wrong and where.
    pub fn parse(text: &str) -> Result<Sheet, String> {
        let sheet: Sheet = toml::from_str(text).map_err(|error| error.to_string())?;
        sheet.check()?;
        Ok(sheet)
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|region| region.id == id)
    }

    /// The region for a `--region` value: a region id, one of its other names or a country
    /// code, in any case, with spaces, hyphens and underscores alike (`Northern Ireland`).
    pub fn find_region(&self, wanted: &str) -> Option<&Region> {
        let wanted = region_key(wanted);
        self.regions.iter().find(|region| {
            region_key(&region.id) == wanted
                || region
                    .territories
                    .iter()
                    .chain(&region.aliases)
                    .any(|name| region_key(name) == wanted)
        })
    }

    /// Every name `--region` takes, for "did you mean": ids and other names.
    pub fn region_names(&self) -> impl Iterator<Item = &str> {
        self.regions
            .iter()
            .filter(|region| region.id != "other")
            .flat_map(|region| std::iter::once(&region.id).chain(&region.aliases))
            .map(String::as_str)
    }

    /// The blocks in the order a reader sees them. With her stage known (`Pregnancy` or
    /// `AfterBirth`): those for her stage and for both, most urgent first (at one level her
    /// stage's own first), then the other stage's. With no stage known: most urgent first,
    /// whatever the stage, so every emergency block comes before any other.
    pub fn laid_out(&self, stage: Option<When>) -> Vec<&Section> {
        let mut sections: Vec<&Section> = self.sections.iter().collect();
        // A stable sort keeps the file's order inside each group.
        match stage {
            Some(mine) => sections.sort_by_key(|section| {
                (
                    section.when != mine && section.when != When::Both,
                    section.level,
                    section.when == When::Both,
                )
            }),
            None => sections.sort_by_key(|section| section.level),
        }
        sections
    }

    /// The region for an unknown or unset place: every common number side by side.
    pub fn fallback(&self) -> &Region {
        self.region("other").unwrap_or(&self.regions[0])
    }

    /// Blocks that apply at `when`: its own and those for both, in file order.
    pub fn sections(&self, when: When) -> impl Iterator<Item = &Section> {
        self.sections
            .iter()
            .filter(move |section| section.when == when || section.when == When::Both)
    }

    fn check(&self) -> Result<(), String> {
        if !is_date(&self.reviewed) {
            return Err(format!("reviewed = {:?} is not YYYY-MM-DD", self.reviewed));
        }
        for (name, source) in &self.sources {
            if !source.url.starts_with("https://") {
                return Err(format!("source `{name}`: url must start with https://"));
            }
            if !is_date(&source.checked) {
                return Err(format!("source `{name}`: checked is not YYYY-MM-DD"));
            }
        }
        self.check_sections()?;
        self.check_citations()?;
        self.check_regions()?;
        self.check_placeholders()
    }

    /// Both stages have sections, and each section's title names its level's number.
    fn check_sections(&self) -> Result<(), String> {
        for when in [When::Pregnancy, When::AfterBirth] {
            if self.sections(when).next().is_none() {
                return Err(format!("no section for {when:?}"));
            }
        }
        for section in &self.sections {
            let wanted = section.level.placeholder();
            let others = PLACEHOLDERS
                .iter()
                .filter(|other| **other != wanted && **other != "{hospital}");
            if !section.title.contains(wanted) {
                return Err(format!(
                    "section `{}` is at level {} but its title does not name {wanted}",
                    section.id,
                    section.level.name()
                ));
            }
            for other in others {
                if section.title.contains(other) {
                    return Err(format!(
                        "section `{}` is at level {} but its title names {other}",
                        section.id,
                        section.level.name()
                    ));
                }
            }
        }
        Ok(())
    }

    /// Every source a sign or a region names is declared.
    fn check_citations(&self) -> Result<(), String> {
        let cited = self
            .sections
            .iter()
            .flat_map(|section| section.signs.iter())
            .chain([&self.physiotherapy])
            .map(|sign| (&sign.text, &sign.source))
            .chain(self.regions.iter().flat_map(|region| {
                region
                    .sources
                    .iter()
                    .map(move |source| (&region.name, source))
            }));
        for (what, source) in cited {
            if !self.sources.contains_key(source) {
                return Err(format!(
                    "{what:?} names source `{source}`, which [sources] does not declare"
                ));
            }
        }
        Ok(())
    }

    /// Region ids, territories and names are each used once; `other` is there.
    fn check_regions(&self) -> Result<(), String> {
        if self.region("other").is_none() {
            return Err("a region with id `other` (for unknown regions) is required".to_string());
        }
        for region in &self.regions {
            if region.numbers.is_empty() || region.sources.is_empty() {
                return Err(format!(
                    "region `{}` lists no numbers or no sources",
                    region.id
                ));
            }
        }
        for (at, region) in self.regions.iter().enumerate() {
            let earlier = &self.regions[..at];
            if earlier.iter().any(|other| other.id == region.id) {
                return Err(format!("region `{}` is declared twice", region.id));
            }
            for code in &region.territories {
                if earlier.iter().any(|other| other.territories.contains(code)) {
                    return Err(format!("territory {code} is in two regions"));
                }
            }
            for name in &region.aliases {
                let key = region_key(name);
                if self.regions.iter().any(|other| {
                    region_key(&other.id) == key
                        || (other.id != region.id
                            && other.aliases.iter().any(|alias| region_key(alias) == key))
                }) {
                    return Err(format!("region name `{name}` is used twice"));
                }
            }
        }
        Ok(())
    }

    /// Every placeholder in a text `Region::fill` fills is one it knows.
    fn check_placeholders(&self) -> Result<(), String> {
        // Every text that `Region::fill` fills: section titles, signs, the physiotherapy note.
        let filled = self
            .sections
            .iter()
            .flat_map(|section| {
                [&section.title]
                    .into_iter()
                    .chain(section.signs.iter().map(|sign| &sign.text))
            })
            .chain([&self.physiotherapy.text]);
        for text in filled {
            let mut rest = text.as_str();
            while let Some(start) = rest.find('{') {
                let end = rest[start..]
                    .find('}')
                    .map_or(rest.len(), |end| start + end + 1);
                if !PLACEHOLDERS.contains(&&rest[start..end]) {
                    return Err(format!(
                        "unknown placeholder {:?} in {text:?}",
                        &rest[start..end]
                    ));
                }
                rest = &rest[end..];
            }
        }
        Ok(())
    }
}

impl Region {
    /// `text` with the placeholders filled in for this region.
    pub fn fill(&self, text: &str) -> String {
        text.replace("{emergency}", &self.emergency)
            .replace("{hospital}", &self.hospital)
            .replace("{urgent}", &self.urgent)
            .replace("{maternity}", &self.maternity)
            .replace("{early}", &self.early)
    }
}

/// A region name as compared: lower case, with spaces, hyphens and underscores alike.
fn region_key(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            ' ' | '_' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}
