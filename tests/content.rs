//! The built-in tips are health advice: this checks they are complete, well-formed, sourced,
//! stage-aware and cover every point of the seed document.

use std::collections::{HashMap, HashSet};

use backcare::tips::parse::{is_valid_id, parse};
use backcare::tips::{Catalog, Stage};

const BUILTIN: &str = include_str!("../tips.toml");

fn catalog() -> Catalog {
    Catalog::builtin()
}

#[test]
fn builtin_file_parses_without_problems_and_matches_the_binary() {
    let (file, problems) = parse(BUILTIN, None);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(file.tips.len(), catalog().tips.len());
    assert_eq!(file.topics.len(), catalog().topics.len());
}

#[test]
fn ids_are_unique_and_well_formed() {
    let mut seen = HashSet::new();
    for tip in &catalog().tips {
        assert!(is_valid_id(&tip.id), "bad id {}", tip.id);
        assert!(seen.insert(tip.id.clone()), "duplicate id {}", tip.id);
    }
}

#[test]
fn enough_tips_and_topics() {
    let catalog = catalog();
    assert!(catalog.tips.len() >= 60, "{} tips", catalog.tips.len());
    assert!(catalog.topics.len() >= 8);
    for required in [
        "posture",
        "exercise",
        "sleep",
        "stress",
        "relief",
        "causes",
        "movement",
        "work",
        "pelvic-girdle",
    ] {
        assert!(
            catalog.topic(required).is_some(),
            "missing topic {required}"
        );
    }
    for topic in &catalog.topics {
        assert!(!topic.title.trim().is_empty() && !topic.description.trim().is_empty());
        assert!(!topic.description.contains('\n'), "one-line description");
        let count = catalog.count_in(&topic.name);
        assert!(count >= 5, "topic {} has only {count} tips", topic.name);
    }
    for tip in &catalog.tips {
        assert!(
            catalog.topic(&tip.topic).is_some(),
            "{} has an undeclared topic",
            tip.id
        );
    }
}

#[test]
fn tips_are_short_and_sourced() {
    for tip in &catalog().tips {
        let length = tip.text.chars().count();
        assert!(length <= 280, "{} is {length} characters", tip.id);
        let sentences = tip.text.matches(['.', '?', '!']).count();
        assert!(
            (1..=3).contains(&sentences),
            "{} has {sentences} sentences",
            tip.id
        );
        let source = tip.source.as_deref().unwrap_or("");
        assert!(!source.trim().is_empty(), "{} has no source", tip.id);
    }
}

#[test]
fn every_stage_has_at_least_eight_tips_of_its_own() {
    let mut counts: HashMap<Stage, usize> = HashMap::new();
    for tip in &catalog().tips {
        for stage in tip.stages.iter() {
            *counts.entry(*stage).or_default() += 1;
        }
    }
    for stage in Stage::ALL {
        let count = counts.get(&stage).copied().unwrap_or(0);
        assert!(count >= 8, "{} has {count} tips", stage.name());
    }
}

fn words(text: &str) -> HashSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.len() > 3)
        .map(str::to_string)
        .collect()
}

#[test]
fn no_two_tips_say_the_same_thing() {
    let tips = catalog().tips;
    for (index, a) in tips.iter().enumerate() {
        for b in &tips[index + 1..] {
            let (wa, wb) = (words(&a.text), words(&b.text));
            let shared = wa.intersection(&wb).count() as f64;
            let union = wa.union(&wb).count() as f64;
            let similarity = shared / union;
            assert!(
                similarity < 0.5,
                "{} and {} are {similarity:.2} alike",
                a.id,
                b.id
            );
        }
    }
}

/// Each point of ../shared/seeds/000_f0a9f00743ae5dd6.txt, as words one tip must contain.
const SEED_POINTS: &[(&str, &[&str])] = &[
    (
        "the weight you carry is the biggest reason",
        &["weight", "muscles"],
    ),
    (
        "start exercising early in pregnancy",
        &["exercise", "early"],
    ),
    (
        "the uterus pressing on the sciatic nerve late on",
        &["sciatic", "uterus", "leg"],
    ),
    (
        "posture as the centre of gravity shifts",
        &["centre of gravity", "posture"],
    ),
    (
        "shoulders back, standing straight",
        &["shoulders", "back", "stand"],
    ),
    ("stress settles in the muscles", &["stress", "back pain"]),
    (
        "hormones soften joints and ligaments",
        &["hormones", "ligaments", "joints"],
    ),
    (
        "sleep on the left side with a pillow between the knees",
        &["side", "pillow between your knees"],
    ),
    ("the left side", &["left side"]),
    ("good sleep helps stress", &["sleep", "stress"]),
    (
        "heat or ice for short spells, alternating",
        &["short spells", "heat", "cold", "swapping"],
    ),
];

#[test]
fn every_seed_point_is_covered() {
    let tips = catalog().tips;
    for (point, needed) in SEED_POINTS {
        let covered = tips.iter().any(|tip| {
            let text = tip.text.to_lowercase();
            needed.iter().all(|word| text.contains(word))
        });
        assert!(covered, "no tip covers the seed point: {point}");
    }
}

#[test]
fn safety_rules_hold() {
    for tip in &catalog().tips {
        let text = tip.text.to_lowercase();
        if text.contains("ibuprofen") || text.contains("naproxen") {
            assert!(text.contains("avoid"), "{}", tip.id);
        }
        if text.contains("hot tub") || text.contains("sauna") {
            assert!(
                text.contains("skip") || text.contains("avoid"),
                "{}",
                tip.id
            );
        }
        if text.contains("heat") && text.contains("bump") {
            assert!(text.contains("off your bump"), "{}", tip.id);
        }
        if text.contains("on your back") && text.contains("sleep") {
            assert!(tip.stages.contains(&Stage::Third), "{}", tip.id);
        }
    }
}
