//! The built-in tips and warning signs are health advice: this checks what can be checked by a
//! program. Every tip and sign is short, sourced from a page a reader can open with the date it
//! was checked, fits the stages it is shown at, and every point of the seed brief is covered
//! by what the sources support. (That each statement matches its page is checked by people:
//! see the README, "How the content is reviewed".)

use std::collections::{HashMap, HashSet};

use backcare::tips::{Catalog, Source, Stage, Tip};
use backcare::warning_signs::{self, Level, When};
use backcare_data::read::{is_date, is_valid_id};
use backcare_data::tips::parse;

const BUILTIN: &str = include_str!("../tips.toml");
const PREGNANT: [Stage; 3] = [Stage::First, Stage::Second, Stage::Third];

fn catalog() -> Catalog {
    Catalog::builtin()
}

fn reviewed() -> &'static str {
    Catalog::builtin_about()
        .reviewed
        .as_deref()
        .expect("tips.toml has [about] reviewed = \"YYYY-MM-DD\"")
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
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
    assert!(catalog.tips.len() >= 70, "{} tips", catalog.tips.len());
    for required in [
        "causes",
        "posture",
        "movement",
        "work",
        "exercise",
        "sleep",
        "relief",
        "stress",
        "pelvic-girdle",
        "after-birth",
    ] {
        assert!(
            catalog.topic(required).is_some(),
            "missing topic {required}"
        );
    }
    for topic in &catalog.topics {
        assert!(!topic.title.trim().is_empty() && !topic.description.trim().is_empty());
        let count = catalog.count_in(&topic.name);
        assert!(count >= 5, "topic {} has only {count} tips", topic.name);
    }
}

#[test]
fn tips_are_short_and_plain() {
    for tip in &catalog().tips {
        for text in std::iter::once(&tip.text).chain(&tip.paper) {
            let count = words(text);
            assert!(count <= 30, "{} has {count} words", tip.id);
            assert!(text.chars().count() <= 280, "{}", tip.id);
            let sentences = text.matches(['.', '?', '!']).count();
            assert!(
                (1..=3).contains(&sentences),
                "{} has {sentences} sentences",
                tip.id
            );
        }
    }
}

/// Paper has no terminal: a tip that names a backcare command says it in words for `export`.
#[test]
fn a_tip_naming_a_command_has_words_for_paper() {
    for tip in &catalog().tips {
        let names_a_command = |text: &str| text.contains("backcare ");
        if names_a_command(&tip.text) {
            let paper = tip.paper.as_deref().unwrap_or_else(|| panic!("{}", tip.id));
            assert!(!names_a_command(paper), "{}: {paper}", tip.id);
        } else {
            assert!(tip.paper.is_none(), "{}: paper without a command", tip.id);
        }
    }
}

/// A source a reader can check: publisher, title, an https address and the date it was last
/// checked, no later than the file's review date and no more than three years before it.
fn assert_checkable(what: &str, source: &Source) {
    assert!(!source.publisher.trim().is_empty(), "{what}");
    assert!(
        source
            .title
            .as_deref()
            .is_some_and(|title| !title.is_empty()),
        "{what}: no title"
    );
    let url = source.url.as_deref().unwrap_or("");
    assert!(url.starts_with("https://"), "{what}: {url:?} is not https");
    let checked = source.checked.as_deref().unwrap_or("");
    assert!(is_date(checked), "{what}: checked {checked:?}");
    let reviewed = reviewed();
    assert!(
        checked <= reviewed,
        "{what}: checked {checked} after the review {reviewed}"
    );
    let three_years_before = format!(
        "{}{}",
        reviewed[..4].parse::<u32>().unwrap() - 3,
        &reviewed[4..]
    );
    assert!(
        checked >= three_years_before.as_str(),
        "{what}: checked {checked} is stale"
    );
    let cited = format!(
        "{} {} {url}",
        source.publisher,
        source.title.as_deref().unwrap_or("")
    );
    assert!(
        !cited.to_lowercase().contains("seed"),
        "{what} cites the seed brief"
    );
}

#[test]
fn every_tip_has_a_source_a_reader_can_check() {
    assert!(is_date(reviewed()));
    for tip in &catalog().tips {
        let source = tip
            .source
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no source", tip.id));
        assert_checkable(&tip.id, source);
    }
}

/// A topic reads right at every stage its tips are shown at: a topic with a tip shown after
/// the birth never speaks of a bump, nor of pregnancy alone.
#[test]
fn topic_titles_and_descriptions_fit_every_stage_of_their_tips() {
    let catalog = catalog();
    for topic in &catalog.topics {
        let text = format!("{} {}", topic.title, topic.description).to_lowercase();
        let tips: Vec<&Tip> = catalog
            .tips
            .iter()
            .filter(|tip| tip.topic == topic.name)
            .collect();
        if tips.iter().any(|tip| tip.fits(Stage::Postpartum)) {
            assert!(!text.contains("bump"), "{}: {text}", topic.name);
            if text.contains("pregnan") {
                assert!(text.contains("after"), "{}: {text}", topic.name);
            }
        }
        if tips
            .iter()
            .any(|tip| PREGNANT.iter().any(|stage| tip.fits(*stage)))
        {
            assert!(
                !text.starts_with("after the birth"),
                "{}: {text}",
                topic.name
            );
        }
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

fn word_set(text: &str) -> HashSet<String> {
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
            let (wa, wb) = (word_set(&a.text), word_set(&b.text));
            let similarity = wa.intersection(&wb).count() as f64 / wa.union(&wb).count() as f64;
            assert!(
                similarity < 0.5,
                "{} and {} are {similarity:.2} alike",
                a.id,
                b.id
            );
        }
    }
}

/// Each point of the seed brief (../shared/seeds/000_f0a9f00743ae5dd6.txt), and the words a
/// tip must contain to cover it with what the sources support. Where the brief is wrong, the
/// supported version is what must be covered (noted after the arrow).
const SEED_POINTS: &[(&str, &[&str])] = &[
    (
        "weight is the biggest reason -> several causes add up",
        &["several causes", "weight", "hormones"],
    ),
    (
        "hormones soften joints and ligaments -> ligaments soften",
        &["ligaments", "soften"],
    ),
    (
        "start an exercise routine early -> start gently, whenever you begin",
        &["not active before", "start gently"],
    ),
    (
        "exercise is the best prevention -> activity may help",
        &["active", "may", "less likely"],
    ),
    (
        "pain will come anyway -> it is very common",
        &["far from alone"],
    ),
    (
        "the womb presses on the sciatic nerve -> pain spreads to buttocks and thighs",
        &["buttocks", "thighs"],
    ),
    (
        "posture changes as the bump grows -> the lower back arches",
        &["posture", "curve", "arch"],
    ),
    ("shoulders back, stand straight", &["stand", "straight"]),
    (
        "stress settles in the muscles -> stress adds to pain",
        &["stress", "back pain"],
    ),
    (
        "sleep on the left side with a pillow between the knees",
        &["side", "pillow between your"],
    ),
    (
        "the left side -> either side is fine",
        &["left or right", "either side"],
    ),
    (
        "good sleep helps with stress -> tiredness and stress add to pain; rest",
        &["tiredness", "stress"],
    ),
    (
        "heat or ice for short spells -> heat or cold might help",
        &["heating pad", "ice pack"],
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

fn mentions(tip: &Tip, any_of: &[&str]) -> bool {
    let text = tip.text.to_lowercase();
    any_of.iter().any(|word| text.contains(word))
}

#[test]
fn anti_inflammatory_painkiller_advice_fits_every_stage_of_pregnancy() {
    let tips = catalog().tips;
    let nsaid = ["ibuprofen", "naproxen", "anti-inflammatory", "nsaid"];
    // Advice shown in pregnancy (after the birth, ibuprofen is fine while breastfeeding).
    let about_nsaids: Vec<&Tip> = tips
        .iter()
        .filter(|tip| mentions(tip, &nsaid) && PREGNANT.iter().any(|stage| tip.fits(*stage)))
        .collect();
    assert!(!about_nsaids.is_empty());
    for tip in &about_nsaids {
        for stage in PREGNANT {
            assert!(
                tip.fits(stage),
                "{} is not shown in the {} stage",
                tip.id,
                stage.name()
            );
        }
        let text = tip.text.to_lowercase();
        assert!(
            !text.starts_with("from 20 weeks"),
            "{} implies earlier use is fine",
            tip.id
        );
    }
    assert!(
        about_nsaids
            .iter()
            .any(|tip| mentions(tip, &["ibuprofen"]) && mentions(tip, &["any stage"])),
        "no tip says ibuprofen is not advised at any stage"
    );
    let aspirin = tips
        .iter()
        .find(|tip| mentions(tip, &["low-dose aspirin"]) && mentions(tip, &["keep taking"]))
        .expect("a tip says to keep taking low-dose aspirin a clinician advised");
    for stage in PREGNANT {
        assert!(
            aspirin.fits(stage),
            "{} in the {} stage",
            aspirin.id,
            stage.name()
        );
    }
}

#[test]
fn safety_rules_hold() {
    for tip in &catalog().tips {
        let text = tip.text.to_lowercase();
        for wrong in [
            "loose",
            "unstable",
            "instability",
            "lean forward",
            "leaning forward",
        ] {
            assert!(!text.contains(wrong), "{} says {wrong:?}", tip.id);
        }
        if mentions(tip, &["loss of feeling", "numb"]) && mentions(tip, &["legs"]) {
            assert!(
                text.contains("emergency"),
                "{}: nerve signs need emergency care",
                tip.id
            );
        }
        if mentions(tip, &["hot tub", "sauna"]) {
            assert!(mentions(tip, &["skip", "avoid"]), "{}", tip.id);
        }
        if mentions(tip, &["on your back"]) && mentions(tip, &["sleep"]) {
            assert_eq!(&*tip.stages, &[Stage::Third], "{}", tip.id);
        }
        // Shown after the birth: must not talk about a bump or weeks of pregnancy.
        if tip.fits(Stage::Postpartum) {
            for pregnant_only in ["bump", "28 weeks", "20 weeks", "weeks pregnant"] {
                assert!(
                    !text.contains(pregnant_only),
                    "{} is shown after the birth",
                    tip.id
                );
            }
            // Shown at every stage: pregnancy is not the reader's present.
            if tip.stages.is_empty() && text.contains("in pregnancy") {
                assert!(
                    text.contains("after"),
                    "{} is shown after the birth",
                    tip.id
                );
            }
        }
    }
}

#[test]
fn warning_signs_are_complete_for_every_region() {
    let sheet = warning_signs::sheet().unwrap();
    assert!(is_date(&sheet.reviewed));
    for (key, source) in &sheet.sources {
        let source = Source {
            publisher: source.publisher.clone().into(),
            title: Some(source.title.clone().into()),
            url: Some(source.url.clone().into()),
            checked: Some(source.checked.clone().into()),
        };
        assert_checkable(key, &source);
    }
    let expected = [
        ("GB", "uk", "999"),
        ("IE", "ie", "112"),
        ("US", "us", "911"),
        ("CA", "ca", "911"),
        ("DE", "eu", "112"),
        ("FR", "eu", "112"),
        ("AU", "au", "000"),
        ("NZ", "nz", "111"),
    ];
    for (territory, id, emergency) in expected {
        let region = sheet
            .find_region(territory)
            .unwrap_or_else(|| panic!("{territory}"));
        assert_eq!(region.id, id);
        assert!(region.emergency.contains(emergency), "{id}");
        assert!(
            region
                .numbers
                .iter()
                .any(|number| number.number.contains(emergency)),
            "{id}"
        );
    }
    let uk = sheet.region("uk").unwrap();
    assert!(
        uk.numbers.iter().any(|number| number.number == "111"),
        "NHS 111"
    );
    let au = sheet.region("au").unwrap();
    for number in ["13 43 25 84", "1300 60 60 24", "1800 882 436"] {
        assert!(au.numbers.iter().any(|n| n.number == number), "AU {number}");
    }
    let ca = sheet.region("ca").unwrap();
    assert!(ca.urgent.contains("811 in most"), "{}", ca.urgent);
    let us = sheet.region("us").unwrap();
    assert!(
        us.sources
            .iter()
            .any(|key| sheet.sources[key].url.contains("cdc.gov")),
        "the US numbers cite CDC"
    );
    assert!(uk.maternity.contains("maternity unit"));
    // An unknown region shows the common numbers side by side.
    let other = sheet.fallback();
    for (_, _, emergency) in expected {
        assert!(
            other.emergency.contains(emergency),
            "fallback lacks {emergency}"
        );
    }
}

fn signs_of(sheet: &warning_signs::Sheet, when: When) -> String {
    sheet
        .sections(when)
        .flat_map(|section| section.signs.iter().map(|sign| sign.text.to_lowercase()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn section<'s>(sheet: &'s warning_signs::Sheet, id: &str) -> &'s warning_signs::Section {
    sheet
        .sections
        .iter()
        .find(|section| section.id == id)
        .unwrap_or_else(|| panic!("no section {id}"))
}

fn texts(section: &warning_signs::Section) -> String {
    section
        .signs
        .iter()
        .map(|sign| sign.text.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn warning_signs_cover_every_sign_the_reviews_ask_for() {
    let sheet = warning_signs::sheet().unwrap();
    let emergency = section(&sheet, "emergency");
    assert_eq!(
        emergency.when,
        When::Both,
        "nerve signs apply after the birth too"
    );
    assert_eq!(emergency.level, Level::Emergency);
    let nerve_signs = texts(emergency);
    for needed in [
        "legs",
        "bottom",
        "genitals",
        "both legs",
        "chest pain",
        "sepsis",
        "fit",
        "new loss of control of your bladder or bowels",
        "not normal for you",
    ] {
        assert!(
            nerve_signs.contains(needed),
            "emergency section lacks {needed:?}"
        );
    }
    // Leaking is common in pregnancy and after the birth: loss of control is an emergency
    // only when it is new, with back pain.
    for sign in sheet.sections.iter().flat_map(|section| &section.signs) {
        let text = sign.text.to_lowercase();
        if text.contains("bladder or bowel") && !text.contains("epidural") {
            assert!(text.contains("new") && text.contains("back pain"), "{text}");
        }
    }
    let pregnancy = signs_of(&sheet, When::Pregnancy);
    for needed in [
        "calf",
        "breathless",
        "tummy pain",
        "waters",
        "37 weeks",
        "backache that comes and goes",
        "movements",
        "do not wait",
        "37.5 °c",
        "pee",
        "pre-eclampsia",
        "kidney infection",
        "below the ribs",
        "shivering",
        "sudden, severe or not like your usual backache",
        "a fall",
        "blow to the bump",
        "harming yourself or your baby",
        "can be labour",
        "every 5 minutes",
        "at once if your waters break",
        "before about 20 weeks",
        "ectopic",
    ] {
        let found = pregnancy.contains(needed)
            || sheet
                .sections(When::Pregnancy)
                .any(|section| section.title.to_lowercase().contains(needed));
        assert!(found, "pregnancy signs lack {needed:?}");
    }
    let after_birth = signs_of(&sheet, When::AfterBirth);
    for needed in [
        "bleeding",
        "temperature",
        "wound",
        "calf",
        "headache",
        "epidural",
        "10 days",
        "if you cannot get through",
        "weakness",
        "pre-eclampsia",
        "harming yourself or your baby",
        "postpartum psychosis",
        "weakness, numbness or pain in both legs",
    ] {
        assert!(
            after_birth.contains(needed),
            "after-birth signs lack {needed:?}"
        );
    }
    assert!(!sheet.physiotherapy.text.is_empty());
}

#[test]
fn every_block_says_when_it_applies_and_routes_by_its_level() {
    let sheet = warning_signs::sheet().unwrap();
    for region in &sheet.regions {
        for section in &sheet.sections {
            let heading = region.fill(&section.heading());
            let label = match section.when {
                When::Pregnancy => "In pregnancy: ",
                When::AfterBirth => "After the birth: ",
                When::Both => "In pregnancy or after the birth: ",
            };
            assert!(heading.starts_with(label), "{heading}");
            if section.level == Level::Emergency {
                assert!(
                    heading.contains(&region.emergency),
                    "{}: {heading}",
                    region.id
                );
            }
        }
    }
    // Laid out for a reader after the birth, every block she needs comes before any block
    // that is only for pregnancy.
    let laid = sheet.laid_out(Some(When::AfterBirth));
    let first_pregnancy = laid
        .iter()
        .position(|section| section.when == When::Pregnancy)
        .unwrap();
    assert!(
        laid[first_pregnancy..]
            .iter()
            .all(|section| section.when == When::Pregnancy)
    );
    assert_eq!(laid[0].level, Level::Emergency);
    assert_eq!(
        laid[0].when,
        When::AfterBirth,
        "her own emergency block first"
    );
    // With no date known, every emergency block comes before any other.
    let laid = sheet.laid_out(None);
    let emergencies = sheet
        .sections
        .iter()
        .filter(|section| section.level == Level::Emergency)
        .count();
    assert!(
        laid[..emergencies]
            .iter()
            .all(|section| section.level == Level::Emergency)
    );
}

#[test]
fn heavy_bleeding_after_the_birth_is_an_emergency_in_every_region() {
    let sheet = warning_signs::sheet().unwrap();
    let after_birth_emergency: Vec<&warning_signs::Section> = sheet
        .sections(When::AfterBirth)
        .filter(|section| section.level == Level::Emergency)
        .collect();
    let signs: String = after_birth_emergency
        .iter()
        .map(|section| texts(section))
        .collect();
    for needed in ["very heavy", "gushing", "faint", "dizzy", "racing heart"] {
        assert!(
            signs.contains(needed),
            "after-birth emergency lacks {needed:?}"
        );
    }
    // One threshold in one place: a pad an hour goes to the maternity unit straight away,
    // day or night, which sends her to the emergency number if it turns sudden or she is faint.
    let pad = sheet
        .sections(When::AfterBirth)
        .find(|section| texts(section).contains("new pad more than once an hour"))
        .expect("a pad-an-hour sign");
    assert_eq!(pad.level, Level::Maternity);
    assert!(pad.title.contains("day or night"));
    assert!(texts(pad).contains("call {emergency} if it turns sudden or gushing"));
    for region in &sheet.regions {
        let section = after_birth_emergency
            .iter()
            .find(|section| texts(section).contains("very heavy"))
            .unwrap();
        assert!(
            region.fill(&section.heading()).contains(&region.emergency),
            "{}",
            region.id
        );
    }
}

#[test]
fn pre_eclampsia_is_never_sent_to_a_gp_or_an_advice_line() {
    let sheet = warning_signs::sheet().unwrap();
    let mut seen = 0;
    for section in &sheet.sections {
        for sign in &section.signs {
            if !sign.text.contains("pre-eclampsia") {
                continue;
            }
            seen += 1;
            assert!(
                matches!(section.level, Level::Maternity | Level::Emergency),
                "{}",
                sign.text
            );
            assert_eq!(
                section.when,
                When::Both,
                "pre-eclampsia can start after the birth"
            );
            assert!(section.title.contains("day or night"), "{}", section.title);
            for region in &sheet.regions {
                let heading = region.fill(&section.heading());
                for wrong in [
                    "GP",
                    "111",
                    "healthdirect",
                    "Healthline",
                    "health line",
                    "811",
                ] {
                    assert!(!heading.contains(wrong), "{}: {heading}", region.id);
                }
            }
        }
    }
    assert!(seen >= 1);
}

#[test]
fn no_region_offers_nhs_111_where_it_does_not_exist() {
    let sheet = warning_signs::sheet().unwrap();
    for id in ["ni", "im", "je", "gg", "ie"] {
        let region = sheet.region(id).unwrap_or_else(|| panic!("no region {id}"));
        let everything = format!(
            "{} {} {} {} {}",
            region.urgent,
            region.early,
            region.maternity,
            region.emergency,
            region
                .numbers
                .iter()
                .map(|number| format!("{} {}", number.number, number.label))
                .collect::<Vec<_>>()
                .join(" ")
        );
        assert!(!everything.contains("111"), "{id}: {everything}");
    }
    let uk = sheet.region("uk").unwrap();
    assert!(uk.urgent.contains("Northern Ireland") && uk.urgent.contains("NHS 24"));
    assert!(sheet.region("scotland").unwrap().urgent.contains("NHS 24"));
    // Each nation and dependency by the names people type, and the locale still decides.
    for (name, id) in [
        ("England", "england"),
        ("wales", "wales"),
        ("Scotland", "scotland"),
        ("Northern Ireland", "ni"),
        ("northern-ireland", "ni"),
        ("Isle of Man", "im"),
        ("IM", "im"),
        ("JE", "je"),
        ("gg", "gg"),
        ("GB", "uk"),
        ("USA", "us"),
    ] {
        assert_eq!(
            sheet.find_region(name).map(|r| r.id.as_str()),
            Some(id),
            "{name}"
        );
    }
}

#[test]
fn early_pregnancy_is_not_sent_to_the_maternity_unit() {
    let sheet = warning_signs::sheet().unwrap();
    for section in sheet.sections(When::Pregnancy) {
        if section.level != Level::Maternity {
            continue;
        }
        let text = texts(section);
        assert!(!text.contains("any stage"), "{}", section.id);
        for sign in &section.signs {
            let lower = sign.text.to_lowercase();
            if lower.contains("waters") && lower.contains("spotting") {
                assert!(lower.starts_with("from about 20 weeks"), "{lower}");
            }
        }
    }
    let early = section(&sheet, "early-pregnancy");
    assert_eq!(early.level, Level::Early);
    assert!(texts(early).contains("bleeding"));
    let uk = sheet.region("uk").unwrap();
    assert!(uk.early.contains("early pregnancy unit"));
}

// ---------------------------------------------------------------- exercises (`stretch`)

const EXERCISES: &str = include_str!("../exercises.toml");

#[test]
fn the_exercise_file_parses_and_matches_the_binary() {
    let (file, problems) = parse(EXERCISES, None);
    assert!(problems.is_empty(), "{problems:?}");
    let ids: Vec<&str> = file.exercises.iter().map(|e| &*e.exercise.id).collect();
    let catalog = catalog();
    let built_in: Vec<&str> = catalog.exercises.iter().map(|e| &*e.id).collect();
    assert_eq!(ids, built_in);
    let safety = file.safety.expect("exercises.toml has [safety]");
    assert_eq!(safety.pregnancy.text, Catalog::safety_line(false));
    assert_eq!(safety.after_birth.text, Catalog::safety_line(true));
    for line in [&safety.pregnancy, &safety.after_birth] {
        assert_checkable(
            "[safety]",
            line.source.as_ref().expect("each safety line is sourced"),
        );
    }
}

#[test]
fn every_exercise_is_sourced_short_and_staged() {
    let catalog = catalog();
    assert!(catalog.exercises.len() >= 8);
    for exercise in &catalog.exercises {
        let id = &*exercise.id;
        assert!(is_valid_id(id));
        let source = exercise.source.as_ref();
        assert_checkable(id, source.unwrap_or_else(|| panic!("{id}: no source")));
        let stop_source = exercise.stop_source.as_ref();
        assert_checkable(
            id,
            stop_source.unwrap_or_else(|| panic!("{id}: no stop source")),
        );
        assert!(!exercise.stages.is_empty(), "{id}: no stages");
        assert!((1..=5).contains(&exercise.steps.len()), "{id}: steps");
        for step in exercise.steps.iter() {
            assert!(words(step) <= 20, "{id}: a step of {} words", words(step));
        }
        for (what, text) in [("avoid", &exercise.avoid), ("stop", &exercise.stop)] {
            assert!(words(text) <= 25, "{id}: {what} has {} words", words(text));
        }
        // Read during a session: one hold at most a minute, one exercise at most three.
        assert!(exercise.hold <= 60 && exercise.seconds() <= 180, "{id}");
    }
}

#[test]
fn every_exercise_names_its_stop_signs() {
    for exercise in &catalog().exercises {
        let id = &*exercise.id;
        let stop = exercise.stop.to_lowercase();
        assert!(stop.starts_with("stop "), "{id}: {stop}");
        assert!(stop.contains("hurt") || stop.contains("pain"), "{id}: pain");
        let pregnant = PREGNANT.iter().any(|stage| exercise.stages.contains(stage));
        if pregnant {
            assert!(stop.contains("dizz"), "{id}: dizziness");
            assert!(stop.contains("faint"), "{id}: feeling faint");
        }
        let pregnancy_only = !exercise.stages.contains(&Stage::Postpartum);
        if pregnancy_only {
            assert!(stop.contains("bleed"), "{id}: bleeding");
            assert!(stop.contains("fluid"), "{id}: fluid");
        }
    }
    let pregnancy = Catalog::safety_line(false).to_lowercase();
    for sign in [
        "hurt",
        "dizzy",
        "faint",
        "chest pain",
        "bleed",
        "fluid",
        "tightenings",
        "movements",
        "calf",
        "backcare warning-signs",
    ] {
        assert!(
            pregnancy.contains(sign),
            "the pregnancy safety line misses {sign:?}"
        );
    }
    let after_birth = Catalog::safety_line(true).to_lowercase();
    for sign in [
        "pain",
        "dizz",
        "chest pain",
        "bleeding",
        "heavier",
        "heaviness",
        "leak",
        "backcare warning-signs",
    ] {
        assert!(
            after_birth.contains(sign),
            "the after-birth safety line misses {sign:?}"
        );
    }
    for line in [&pregnancy, &after_birth] {
        assert!(words(line) <= 50, "{line}");
    }
}

#[test]
fn nothing_is_unsafe_for_the_stages_it_lists() {
    use backcare_data::Position;
    for exercise in &catalog().exercises {
        let id = &*exercise.id;
        // Lying on the back: not after the first trimester (the session also stops it at 16
        // weeks, for users' own exercises).
        if exercise.position == Position::OnBack {
            for stage in [Stage::Second, Stage::Third] {
                assert!(!exercise.stages.contains(&stage), "{id} is on the back");
            }
        }
        let text = format!("{} {}", exercise.steps.join(" "), exercise.avoid).to_lowercase();
        for unsafe_move in [
            "lie on your back",
            "lying on your back",
            "flat on your back",
            "sit-up",
            "crunch",
        ] {
            assert!(!text.contains(unsafe_move), "{id}: {unsafe_move}");
        }
        // Wide or one-leg stances are marked, so pelvic girdle pain leaves them out.
        let steps = exercise.steps.join(" ").to_lowercase();
        if [
            "wide",
            "one leg",
            "one foot forward",
            "step one foot",
            "lunge",
            "apart",
        ]
        .iter()
        .any(|wide| steps.contains(wide))
        {
            assert!(exercise.wide_legs, "{id} should be marked wide_legs");
        }
        // Shown after the birth: no bump, no weeks of pregnancy.
        if exercise.stages.contains(&Stage::Postpartum) {
            let all = format!("{} {} {}", exercise.name, text, exercise.stop).to_lowercase();
            for pregnant_only in ["bump", "weeks pregnant", "your baby grows"] {
                assert!(
                    !all.contains(pregnant_only),
                    "{id} is shown after the birth"
                );
            }
        }
    }
}

#[test]
fn every_routine_lasts_three_to_seven_minutes_for_everyone() {
    use backcare::stretch::{Plan, Situation};
    let catalog = catalog();
    let ids: Vec<&str> = catalog.routines.iter().map(|r| &*r.id).collect();
    assert_eq!(ids, ["desk", "morning", "evening", "pelvic-floor"]);
    let people = [
        (None, None),
        (Some(Stage::First), Some(8)),
        (Some(Stage::Second), Some(15)),
        (Some(Stage::Second), Some(20)),
        (Some(Stage::Third), Some(34)),
        (Some(Stage::Third), None),
        (Some(Stage::Postpartum), None),
    ];
    for routine in &catalog.routines {
        for (stage, week) in people {
            for pelvic_girdle_pain in [false, true] {
                let situation = Situation {
                    stage,
                    week,
                    pelvic_girdle_pain,
                };
                let plan = Plan::new(&catalog, routine, situation);
                let seconds = plan.seconds();
                assert!(
                    plan.exercises.len() >= 2 && (180..=420).contains(&seconds),
                    "{} for {situation:?}: {} exercises, {seconds} s",
                    routine.id,
                    plan.exercises.len()
                );
            }
        }
    }
    // The desk routine is done sitting at a desk; the pelvic floor one is only that.
    let seated =
        |id: &str| catalog.exercise(id).unwrap().position == backcare_data::Position::Sitting;
    assert!(
        catalog
            .routine("desk")
            .unwrap()
            .exercises
            .iter()
            .all(|id| seated(id))
    );
    assert!(
        catalog
            .routine("pelvic-floor")
            .unwrap()
            .exercises
            .iter()
            .all(|id| id.starts_with("pelvic-floor"))
    );
}

#[derive(serde::Deserialize)]
struct WordList {
    query: Vec<Expected>,
}

#[derive(serde::Deserialize)]
struct Expected {
    words: String,
    tip: Option<String>,
    sign: Option<String>,
}

/// Every word in tests/search-words.toml finds the tip or warning sign a reader would want.
#[test]
fn the_words_people_type_find_what_they_mean() {
    use backcare::search::{Query, Synonyms, search, search_texts};
    let list: WordList = toml::from_str(include_str!("search-words.toml")).unwrap();
    assert!(list.query.len() >= 40);
    let catalog = catalog();
    let all: Vec<&Tip> = catalog.tips.iter().collect();
    let sheet = warning_signs::sheet().unwrap();
    let signs: Vec<String> = sheet
        .sections
        .iter()
        .flat_map(|section| {
            section
                .signs
                .iter()
                .map(|sign| format!("{} {}", section.when.label(), sign.text))
        })
        .collect();
    let synonyms = Synonyms::builtin();
    let mut failures = Vec::new();
    for expected in &list.query {
        let query = Query::new(std::slice::from_ref(&expected.words), &synonyms);
        if let Some(id) = &expected.tip {
            assert!(catalog.tip(id).is_some(), "the list names unknown tip {id}");
            let found = search(&catalog, &all, &query);
            if !found.iter().any(|tip| tip.id == *id) {
                failures.push(format!("{:?} does not find tip {id}", expected.words));
            }
        }
        if let Some(wanted) = &expected.sign {
            let found = search_texts(signs.iter().map(String::as_str), &query);
            if !found
                .iter()
                .any(|at| signs[*at].to_lowercase().contains(wanted))
            {
                failures.push(format!(
                    "{:?} does not find the sign {wanted:?}",
                    expected.words
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
