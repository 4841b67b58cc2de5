//! Choosing tips: which are eligible, and which one to show.

use rand::rngs::{SysRng, Xoshiro256PlusPlus};
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};

use jiff::civil::Date;

use crate::cli::StageArgs;
use crate::config::Config;
use crate::error::Error;
use crate::pregnancy::Progress;
use crate::suggest::did_you_mean;
use crate::tips::{Catalog, Stage, Tip};

/// The tips in `topics` (all when empty) that fit `stage` (all when `None`), in catalog order.
pub fn eligible<'c>(catalog: &'c Catalog, topics: &[String], stage: Option<Stage>) -> Vec<&'c Tip> {
    catalog
        .tips
        .iter()
        .filter(|tip| {
            topics.is_empty()
                || topics
                    .iter()
                    .any(|topic| topic.eq_ignore_ascii_case(&tip.topic))
        })
        .filter(|tip| stage.is_none_or(|stage| tip.fits(stage)))
        .collect()
}

/// A deterministic pick: the same seed and tips always give the same tip.
pub fn by_seed<'t>(tips: &[&'t Tip], seed: u64) -> &'t Tip {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    tips[rng.random_range(0..tips.len())]
}

/// The tip for a (local) date. Days walk through a shuffled order of the tips, so consecutive
/// days differ (whenever there is more than one tip).
pub fn for_day<'t>(tips: &[&'t Tip], date: Date) -> &'t Tip {
    let day = jiff::civil::date(1970, 1, 1)
        .until(date)
        .map_or(0, |span| i64::from(span.get_days()));
    in_turn(tips, day)
}

/// The tip for the `step`th period (a day, or a status bar's rotation): steps walk through a
/// shuffled order of the tips, reshuffled once every tip has had its turn, so consecutive
/// steps differ whenever there is more than one tip.
pub fn in_turn<'t>(tips: &[&'t Tip], step: i64) -> &'t Tip {
    let count = tips.len() as i64;
    let cycle = step.div_euclid(count);
    let mut order: Vec<&Tip> = tips.to_vec();
    order.shuffle(&mut Xoshiro256PlusPlus::seed_from_u64(cycle as u64));
    order[step.rem_euclid(count) as usize]
}

/// A random pick from a shuffle bag kept across runs: `round` holds the ids already shown in
/// this round. Tips are not repeated until every eligible tip has been shown once; then a new
/// round begins (for these tips only), avoiding `last` so the boundary does not repeat either.
pub fn from_bag<'t>(tips: &[&'t Tip], round: &mut Vec<String>, last: Option<&str>) -> &'t Tip {
    let unseen = |round: &[String]| -> Vec<&'t Tip> {
        tips.iter()
            .copied()
            .filter(|tip| !round.iter().any(|id| *id == tip.id))
            .collect()
    };
    let mut candidates = unseen(round);
    if candidates.is_empty() {
        round.retain(|id| !tips.iter().any(|tip| tip.id == *id));
        candidates = tips
            .iter()
            .copied()
            .filter(|tip| tips.len() == 1 || Some(&*tip.id) != last)
            .collect();
    }
    let tip = candidates[random_index(candidates.len())];
    round.push(tip.id.to_string());
    tip
}

fn random_index(len: usize) -> usize {
    // If the system has no entropy to give, a clock-based seed is random enough for tips.
    let mut rng = Xoshiro256PlusPlus::try_from_rng(&mut SysRng).unwrap_or_else(|_| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos() as u64);
        Xoshiro256PlusPlus::seed_from_u64(nanos ^ u64::from(std::process::id()))
    });
    rng.random_range(0..len)
}

/// Which tips a command prefers when no stage is given on its command line.
#[derive(Clone, Copy)]
pub enum Preference {
    /// Every tip (browsing with `list` and `search`).
    Everything,
    /// Tips for the user's stage.
    Stage(Stage),
    /// No due date or birth known: assume pregnancy, so tips only for after the birth wait.
    Pregnancy,
}

impl Preference {
    /// What to prefer for the user's progress; a problem with the dates is left to the caller.
    pub fn for_progress(progress: Option<Progress>) -> Preference {
        match progress {
            Some(progress) => Preference::Stage(progress.stage()),
            None => Preference::Pregnancy,
        }
    }

    fn likes(self, tip: &Tip) -> bool {
        match self {
            Preference::Everything => true,
            Preference::Stage(stage) => tip.fits(stage),
            Preference::Pregnancy => [Stage::First, Stage::Second, Stage::Third]
                .into_iter()
                .any(|stage| tip.fits(stage)),
        }
    }
}

/// The tips a command chooses from. A stage given on the command line keeps only tips for that stage; otherwise `prefer`
/// decides (all tips are used if none fits).
pub fn chosen<'c>(
    catalog: &'c Catalog,
    topics: &[String],
    stage: Option<Stage>,
    prefer: Preference,
) -> Result<Vec<&'c Tip>, Error> {
    let tips = match stage {
        Some(stage) => eligible(catalog, topics, Some(stage)),
        None => {
            let all = eligible(catalog, topics, None);
            let preferred: Vec<&Tip> = all
                .iter()
                .copied()
                .filter(|tip| prefer.likes(tip))
                .collect();
            if preferred.is_empty() { all } else { preferred }
        }
    };
    if tips.is_empty() {
        let why = if catalog.tips.is_empty() {
            "no tips to show: the built-in set is off and no tips file holds any"
        } else {
            "no tips match these topics and stage"
        };
        return Err(Error::NotFound(why.to_string()));
    }
    Ok(tips)
}

/// An unknown topic is a usage error, with a did-you-mean and the known topics.
pub fn check_topics(catalog: &Catalog, topics: &[String]) -> Result<(), Error> {
    for wanted in topics {
        if catalog.topic(wanted).is_none() {
            let names: Vec<&str> = catalog.topics.iter().map(|topic| &*topic.name).collect();
            return Err(Error::Usage(format!(
                "unknown topic `{}`{}; known topics: {}",
                crate::sanitize::visible(wanted),
                did_you_mean(wanted, names.iter().copied()),
                names.join(", ")
            )));
        }
    }
    Ok(())
}

/// The topics to pick from: those on the command line (an unknown one is a usage error),
/// else the `topics` setting (an unknown one there costs a warning naming the config file
/// and key, and the setting is not used).
pub fn tip_topics(
    config: &Config,
    catalog: &Catalog,
    given: &[String],
) -> Result<Vec<String>, Error> {
    if !given.is_empty() {
        check_topics(catalog, given)?;
        return Ok(given.to_vec());
    }
    let Some(setting) = &config.topics else {
        return Ok(Vec::new());
    };
    match setting
        .value
        .iter()
        .find(|name| catalog.topic(name).is_none())
    {
        None => Ok(setting.value.clone()),
        Some(unknown) => {
            let names: Vec<&str> = catalog.topics.iter().map(|topic| &*topic.name).collect();
            crate::output::print::warn(
                &setting
                    .problem(format!(
                        "`topics`: unknown topic `{unknown}`{}; showing every topic",
                        did_you_mean(unknown, names.iter().copied())
                    ))
                    .headline(),
            );
            Ok(Vec::new())
        }
    }
}

/// The tips `tip` and `line` may pick: those that fit the topics and the stage, less the
/// ones the user hid. None left is "nothing found".
pub fn pickable<'c>(
    catalog: &'c Catalog,
    topics: &[String],
    stage: &StageArgs,
    progress: Option<Progress>,
) -> Result<Vec<&'c Tip>, Error> {
    let mut tips = chosen(
        catalog,
        topics,
        stage.explicit(),
        Preference::for_progress(progress),
    )?;
    tips.retain(|tip| !catalog.is_hidden(tip));
    if tips.is_empty() {
        return Err(Error::NotFound(
            "every tip that fits is hidden (`backcare list --hidden` shows them, \
             `backcare unhide ID` brings one back)"
                .to_string(),
        ));
    }
    Ok(tips)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn filters_by_topic_and_stage() {
        let catalog = Catalog::builtin();
        let topic = catalog.tips[0].topic.to_string();
        let tips = eligible(
            &catalog,
            std::slice::from_ref(&topic),
            Some(Stage::Postpartum),
        );
        assert!(!tips.is_empty());
        assert!(
            tips.iter()
                .all(|tip| tip.topic == topic && tip.fits(Stage::Postpartum))
        );
    }

    #[test]
    fn seeds_are_deterministic() {
        let catalog = Catalog::builtin();
        let tips = eligible(&catalog, &[], None);
        assert_eq!(by_seed(&tips, 7).id, by_seed(&tips, 7).id);
        let picks: HashSet<&str> = (0..20).map(|seed| &*by_seed(&tips, seed).id).collect();
        assert!(picks.len() > 1);
    }

    #[test]
    fn consecutive_days_differ() {
        let catalog = Catalog::builtin();
        let tips = eligible(&catalog, &[], None);
        let start = jiff::civil::date(2026, 1, 1);
        for offset in 0..400_i64 {
            let day = start.checked_add(jiff::Span::new().days(offset)).unwrap();
            let next = day.tomorrow().unwrap();
            assert_eq!(for_day(&tips, day).id, for_day(&tips, day).id);
            let day_number = 20_454 + offset; // 2026-01-01 is day 20454 since 1970-01-01
            if (day_number + 1) % tips.len() as i64 != 0 {
                assert_ne!(for_day(&tips, day).id, for_day(&tips, next).id, "{day}");
            }
        }
    }

    #[test]
    fn bag_shows_every_tip_once_per_round() {
        let catalog = Catalog::builtin();
        let tips = eligible(&catalog, &[], None);
        let mut round = Vec::new();
        let mut last: Option<String> = None;
        for _ in 0..3 {
            let mut seen = HashSet::new();
            for _ in 0..tips.len() {
                let tip = from_bag(&tips, &mut round, last.as_deref());
                assert!(seen.insert(tip.id.to_string()), "{} repeated", tip.id);
                last = Some(tip.id.to_string());
            }
            assert_eq!(seen.len(), tips.len());
        }
    }
}
