//! `backcare export`: the handout and the appointment summary, in Markdown or as one
//! self-contained HTML page, checked for their structure, their escaping and the sources they
//! print, and in a real headless browser (Chromium), printed to PDF and read back with
//! poppler's pdftotext.

mod common;

use common::{TestEnv, installed, path_str};
use jiff::civil::Date;

/// A tips file whose texts try to break out of the page.
const HOSTILE: &str = r#"[topics.odd]
title = "Odd <b>topic</b>"

[[tips]]
id = "odd-script"
topic = "odd"
text = "Close </li></ul><script>alert('x')</script> & carry on *bravely* [here](javascript:x)."
source = { publisher = "A \"quoted\" trust", url = "https://example.org/a?b=1&c=\"2\"" }
"#;

#[test]
fn markdown_groups_the_chosen_tips_with_sources_signs_and_the_disclaimer() {
    let env = TestEnv::new();
    let out = env.stdout(&[
        "export",
        "--format",
        "markdown",
        "--topic",
        "posture,sleep",
        "--region",
        "uk",
    ]);
    assert!(out.starts_with("# Back care in pregnancy and after the birth\n\n> backcare offers general information, not medical advice"), "{out}");
    let headings: Vec<&str> = out.lines().filter(|line| line.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Posture",
            "## Sleep and rest",
            "## When back pain needs help now (United Kingdom)",
            "## Sources"
        ]
    );
    // A tip cites its source by number; the list gives the source with its date and address.
    let shoes = out
        .lines()
        .find(|line| line.starts_with("- Wear comfortable, supportive shoes with a low heel. \\["))
        .unwrap_or_else(|| panic!("{out}"));
    let number = shoes.trim_end_matches("\\]").rsplit("\\[").next().unwrap();
    assert!(out.contains(&format!("\n{number}. HSE (Ireland), Back pain in pregnancy, checked 2026-12-01: <https://www2.hse.ie/conditions/backache-pregnancy>\n")), "{out}");
    assert!(out.contains("**999** emergency ambulance"), "{out}");
    assert!(out.contains("### In pregnancy: call 999"), "{out}");
    assert!(out.contains("### After the birth: call 999"), "{out}");
    assert!(
        out.trim_end()
            .ends_with("the date beside a source is when it was last checked."),
        "{out}"
    );
    // --stage narrows the tips as for `list`.
    let after = env.stdout(&["export", "--stage", "postpartum"]);
    let listed = env.json(&["list", "--stage", "postpartum"]);
    assert_eq!(tip_lines(&after).len(), listed.as_array().unwrap().len());
}

/// The tips of a Markdown handout: its list items before the warning signs.
fn tip_lines(handout: &str) -> Vec<&str> {
    let tips = handout.split("\n## When back pain").next().unwrap();
    tips.lines().filter(|line| line.starts_with("- ")).collect()
}

/// Today plus `days` (negative: before), as the binary sees it (the tests run it in UTC).
fn in_days(days: i64) -> Date {
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    today.checked_add(jiff::Span::new().days(days)).unwrap()
}

#[test]
fn the_title_tips_and_warning_signs_follow_the_stage() {
    let env = TestEnv::new();
    let week = env.stdout(&["export", "--week", "25"]);
    assert!(week.starts_with("# Back care in pregnancy\n"), "{week}");
    assert!(!week.contains("### After the birth:"), "{week}");
    assert!(
        week.contains("### In pregnancy or after the birth:"),
        "{week}"
    );
    let after = env.stdout(&["export", "--stage", "postpartum"]);
    assert!(
        after.starts_with("# Back care after the birth\n"),
        "{after}"
    );
    assert!(!after.contains("### In pregnancy:"), "{after}");
    assert!(after.contains("### After the birth:"), "{after}");
    // With a due date and no stage asked for: the tips for any week of pregnancy.
    env.write_config(&format!("due_date = \"{}\"\n", in_days(70)));
    let mine = env.stdout(&["export"]);
    assert!(mine.starts_with("# Back care in pregnancy\n"), "{mine}");
    assert!(!mine.contains("### After the birth:"), "{mine}");
    let all = env.json(&["list"]);
    let in_pregnancy = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|tip| {
            tip["stages"]
                .as_array()
                .is_none_or(|stages| stages.iter().any(|stage| stage != "postpartum"))
        })
        .count();
    assert_eq!(tip_lines(&mine).len(), in_pregnancy);
    assert!(in_pregnancy < all.as_array().unwrap().len());
    // A recorded birth: after the birth.
    env.write_config(&format!("birth_date = \"{}\"\n", in_days(-10)));
    let born = env.stdout(&["export"]);
    assert!(born.starts_with("# Back care after the birth\n"), "{born}");
    assert!(!born.contains("### In pregnancy:"), "{born}");
}

/// Every source a page cites is in its list, numbered in order, with the date it was checked
/// and its address written out, as paper needs (a link does not print); the footer says only
/// that, and the warning signs' review date.
#[test]
fn every_source_is_numbered_and_listed_with_its_date_and_address() {
    let env = TestEnv::new();
    let out = env.stdout(&["export", "--region", "uk"]);
    let (body, sources) = out.split_once("\n## Sources\n\n").unwrap();
    let listed: Vec<&str> = sources
        .lines()
        .take_while(|line| !line.is_empty())
        .collect();
    for (at, line) in listed.iter().enumerate() {
        assert!(line.starts_with(&format!("{}. ", at + 1)), "{line}");
        assert!(line.contains(", checked 20"), "{line}");
        assert!(
            line.ends_with('>') && line.contains(": <https://"),
            "{line}"
        );
    }
    let mut cited = std::collections::BTreeSet::new();
    for cite in body.split("\\[").skip(1) {
        let numbers = cite.split("\\]").next().unwrap();
        for number in numbers.split(", ") {
            cited.insert(number.parse::<usize>().unwrap());
        }
    }
    assert_eq!(cited, (1..=listed.len()).collect(), "{out}");
    // Every tip, number line and warning sign cites its source.
    let warnings = body
        .split("\n## When back pain needs help now")
        .nth(1)
        .unwrap();
    for line in body
        .lines()
        .filter(|line| line.starts_with("- ") || line.starts_with("**"))
    {
        assert!(line.ends_with("\\]"), "{line}");
    }
    assert!(warnings.lines().any(|line| line.starts_with("**999**")));
    let reviewed = env.json(&["warning-signs"])["reviewed"].clone();
    assert!(out.contains(&format!(
        "The warning signs were last reviewed against their sources on {}; the date beside a source is when it was last checked.",
        reviewed.as_str().unwrap()
    )));
    // In HTML, the address is the link's text.
    let page = env.stdout(&["export", "--format", "html", "--region", "uk"]);
    let list = page.split("<section class=\"sources\">").nth(1).unwrap();
    assert_eq!(list.matches("<li id=\"source-").count(), listed.len());
    for link in list.split("<a href=\"").skip(1) {
        let (address, text) = link.split_once("\">").unwrap();
        assert!(text.starts_with(&format!("{address}</a>")), "{link}");
    }
}

#[test]
fn html_is_one_escaped_page_without_scripts() {
    let env = TestEnv::new();
    let file = env.write("odd.toml", HOSTILE);
    let page = env.stdout(&[
        "--no-builtin",
        "--file",
        path_str(&file),
        "export",
        "--format",
        "html",
    ]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<b>"), "{page}");
    assert!(!page.contains("href=\"javascript"), "{page}");
    assert!(
        page.contains("&lt;/li&gt;&lt;/ul&gt;&lt;script&gt;alert(&#39;x&#39;)"),
        "{page}"
    );
    assert!(
        page.contains("href=\"https://example.org/a?b=1&amp;c=&quot;2&quot;\""),
        "{page}"
    );
    // Self-contained: no file or address is fetched to show it.
    assert!(!page.contains("<link") && !page.contains("src="), "{page}");
    assert_eq!(page.matches("<li").count(), page.matches("</li>").count());
}

#[test]
#[ignore = "needs chromium: run with `cargo test -- --include-ignored`"]
fn html_renders_in_a_real_browser_with_every_tip() {
    if !installed("chromium") {
        return;
    }
    let env = TestEnv::new();
    let page = env.write(
        "handout.html",
        &env.stdout(&["export", "--format", "html", "--topic", "posture"]),
    );
    let url = format!("file://{}", page.display());
    let browser = |extra: &[&str]| {
        std::process::Command::new("chromium")
            .args(["--headless", "--no-sandbox", "--disable-gpu"])
            .arg(format!(
                "--user-data-dir={}",
                env.dir.path().join("chromium").display()
            ))
            .args(extra)
            .arg(&url)
            .env("HOME", env.home())
            .output()
            .unwrap()
    };
    // The page as the browser built it: every posture tip, the signs, no script.
    let dom = browser(&["--dump-dom"]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    let tips = env.json(&["list", "--topic", "posture"]);
    for tip in tips.as_array().unwrap() {
        let text = tip["text"].as_str().unwrap().replace('\'', "&#39;");
        assert!(
            dom.contains(&text) || dom.contains(tip["text"].as_str().unwrap()),
            "{text}"
        );
    }
    assert!(dom.contains("When back pain needs help now"), "{dom}");
    assert!(!dom.contains("<script"), "{dom}");
    // And drawn: a screenshot of the page is a real image.
    let shot = env.dir.path().join("handout.png");
    let output = browser(&[
        "--window-size=900,1400",
        &format!("--screenshot={}", shot.display()),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
}

/// The Markdown handout, read by a real CommonMark parser, holds no HTML and no link but the
/// sources' own: a shared file's address cannot plant a script or a phishing link, and `check`
/// warns about it.
#[test]
fn a_hostile_address_plants_nothing_in_the_markdown_handout() {
    use pulldown_cmark::{Event, Parser, Tag};
    let env = TestEnv::new();
    let url = "https://www.nhs.uk/>)<script>alert(1)</script>[Call-NHS-111-here](https://evil.example/phish)(";
    let file = env.write(
        "shared.toml",
        &format!(
            "{HOSTILE}\n[[tips]]\nid = \"odd-link\"\ntopic = \"odd\"\ntext = \"A tip.\"\nsource = {{ publisher = \"NHS\", url = \"{url}\" }}\n"
        ),
    );
    let out = env.stdout(&["--file", path_str(&file), "export", "--format", "markdown"]);
    let mut links = Vec::new();
    for event in Parser::new(&out) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => panic!("raw HTML: {html}"),
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            _ => {}
        }
    }
    assert!(!links.is_empty());
    for link in &links {
        assert!(link.starts_with("https://"), "{link}");
        assert!(!link.contains("evil.example/phish)"), "{link}");
    }
    assert!(
        links
            .iter()
            .all(|link| !link.starts_with("https://evil.example")),
        "{links:?}"
    );
    env.run(&["check", path_str(&file)])
        .success()
        .stderr(predicates::str::contains(
            "tip `odd-link`: the source address",
        ))
        .stderr(predicates::str::contains("is not a plain https address"));
}

/// A region setting backcare does not know costs `export` a warning, as it does
/// `warning-signs`, and the handout still has every common number.
#[test]
fn a_bad_region_setting_is_told_not_swallowed() {
    let env = TestEnv::new();
    env.write_config("region = \"mars\"\n");
    env.run(&["export", "--format", "markdown"])
        .success()
        .stderr(predicates::str::contains("unknown region `mars`"))
        .stdout(predicates::str::contains("Region not set"));
}

// ------------------------------------------------------------------ the appointment summary

/// Writes the pain diary (its format is at the top of src/diary/mod.rs), the entries numbered
/// in order.
fn write_diary(env: &TestEnv, entries: &[String]) {
    let path = env.home().join(".local/share/backcare/diary.tsv");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut text = "id\ttime\tkind\tscore\twhere\thelped\tnote\n".to_string();
    for (at, entry) in entries.iter().enumerate() {
        text.push_str(&format!("{}\t{entry}\n", at + 1));
    }
    std::fs::write(path, text).unwrap();
}

fn pain(day: Date, hour: u8, score: u8, places: &str, helped: &str, note: &str) -> String {
    format!("{day}T{hour:02}:00:00+00:00\tpain\t{score}\t{places}\t{helped}\t{note}")
}

fn question(day: Date, text: &str) -> String {
    format!("{day}T12:00:00+00:00\tquestion\t\t\t\t{text}")
}

/// The part of a Markdown page from `heading` to the next heading of its level or above.
fn part<'p>(page: &'p str, heading: &str) -> &'p str {
    let from = page
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading}: {page}"));
    let rest = &page[from + heading.len()..];
    let to = rest.find("\n## ").unwrap_or(rest.len());
    &rest[..to]
}

/// The commands `backcare --help` lists.
fn commands(env: &TestEnv) -> Vec<String> {
    let help = env.stdout(&["--help"]);
    let list = help.split("Commands:\n").nth(1).unwrap();
    list.lines()
        .take_while(|line| !line.is_empty())
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn the_appointment_summary_holds_its_parts_in_order() {
    let env = TestEnv::new();
    let due = in_days(60);
    env.write_config(&format!("due_date = \"{due}\"\nregion = \"uk\"\n"));
    write_diary(
        &env,
        &[
            pain(in_days(-40), 9, 9, "leg", "", "long before the period"),
            question(in_days(-40), "Can I still swim?"),
            pain(in_days(-3), 8, 3, "lower-back", "", "stiff on waking"),
            pain(
                in_days(-3),
                21,
                7,
                "lower-back,hip",
                "heat",
                "after the long drive",
            ),
            pain(in_days(-1), 21, 0, "", "", "a good day"),
            question(in_days(-2), "Is a support belt worth trying?"),
        ],
    );
    let out = env.stdout(&["export", "--for-appointment"]);
    assert!(
        out.starts_with("# My back: a summary for my appointment\n\n> backcare offers"),
        "{out}"
    );
    let order = [
        " weeks pregnant, in the third trimester; due date ",
        "My maternity unit's number: ___",
        "## When back pain needs help now (United Kingdom)",
        "## The highest score of each day, ",
        "### Entries",
        "## My questions",
        "## Tips for the places in the diary",
        "## Sources",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|text| out.find(text).unwrap_or_else(|| panic!("no {text}: {out}")))
        .collect();
    assert!(at.windows(2).all(|pair| pair[0] < pair[1]), "{at:?}: {out}");
    assert!(out.contains(&format!("; due date {}\n", due.strftime("%a %-d %b %Y"))));
    // The chart: one row per day of four weeks, the day's highest score and nothing else.
    let chart = part(&out, "## The highest score of each day, ");
    let rows: Vec<&str> = chart
        .split("### Entries")
        .next()
        .unwrap()
        .lines()
        .filter(|line| {
            line.starts_with("| ") && !line.starts_with("| Day") && !line.starts_with("| ---")
        })
        .collect();
    assert_eq!(rows.len(), 28, "{chart}");
    let row = |days: i64| rows[(27 + days) as usize];
    let day = |days: i64| in_days(days).strftime("%a %-d %b").to_string();
    assert_eq!(row(-3), format!("| {} | 7 ███████··· |", day(-3)));
    assert_eq!(row(-1), format!("| {} | 0 ·········· |", day(-1)));
    assert_eq!(row(-2), format!("| {} |  |", day(-2)));
    // The entries of the period, as written; not the one before it.
    let entries = chart.split("### Entries").nth(1).unwrap();
    assert!(
        entries.contains(&format!(
            "| {} 21:00 | 7/10 | lower back and hip | heat | after the long drive |",
            day(-3)
        )),
        "{entries}"
    );
    assert!(entries.contains("stiff on waking") && entries.contains("a good day"));
    assert!(!out.contains("long before the period"), "{out}");
    // Nothing is made of the scores: no trend, no average, no advice.
    let diary = format!("{chart}{}", part(&out, "## My questions"));
    for word in [
        "average", "trend", "worse", "better", "improv", "mean", "total",
    ] {
        assert!(!diary.to_lowercase().contains(word), "{word}: {diary}");
    }
    // Every question kept, the older one too (a question stays until it is removed).
    let questions = part(&out, "## My questions");
    assert!(questions.contains(&format!("- Can I still swim? (noted {})", day(-40))));
    assert!(questions.contains("- Is a support belt worth trying?"));
    let tips = part(&out, "## Tips for the places in the diary");
    assert_eq!(
        tips.lines().filter(|line| line.starts_with("- ")).count(),
        5,
        "{tips}"
    );
}

/// The tips are those of the reader's stage that hold the words of the places logged, and a
/// diary without a place in its weeks has none.
#[test]
fn the_summary_picks_the_tips_for_the_places_logged() {
    let env = TestEnv::new();
    env.write_config(&format!("due_date = \"{}\"\n", in_days(60)));
    write_diary(&env, &[pain(in_days(-1), 20, 6, "leg", "", "")]);
    let out = env.stdout(&["export", "--for-appointment"]);
    let tips = part(&out, "## Tips for the places in the diary");
    let mut found = env.json(&["search", "leg"]).as_array().unwrap().clone();
    found.extend(
        env.json(&["search", "sciatica"])
            .as_array()
            .unwrap()
            .clone(),
    );
    let texts: Vec<String> = found
        .iter()
        .map(|tip| {
            tip["paper"]
                .as_str()
                .or(tip["text"].as_str())
                .unwrap()
                .to_string()
        })
        .collect();
    let listed: Vec<&str> = tips.lines().filter(|line| line.starts_with("- ")).collect();
    assert!(!listed.is_empty() && listed.len() <= 5, "{tips}");
    for line in listed {
        let text = line[2..].split(" \\[").next().unwrap();
        assert!(texts.iter().any(|known| known == text), "{text}");
    }
    // No entries in the weeks shown: no chart, no tips; the rest is there.
    write_diary(&env, &[question(in_days(-1), "Can I still swim?")]);
    let out = env.stdout(&["export", "--for-appointment", "--weeks", "2"]);
    assert!(
        out.contains(&format!(
            "\nNo entries from {} to ",
            in_days(-13).strftime("%a %-d %b")
        )),
        "{out}"
    );
    assert!(
        !out.contains("## Tips for") && !out.contains("## The highest"),
        "{out}"
    );
    assert!(
        out.contains("## When back pain needs help now") && out.contains("- Can I still swim?")
    );
}

#[test]
fn the_summary_shows_the_warning_signs_for_the_readers_stage() {
    let env = TestEnv::new();
    env.write_config(&format!(
        "due_date = \"{}\"\nbirth_date = \"{}\"\n",
        in_days(-5),
        in_days(-17)
    ));
    let out = env.stdout(&["export", "--for-appointment"]);
    assert!(
        out.contains("\n2+3 weeks after the birth; birth date "),
        "{out}"
    );
    assert!(
        out.contains("### After the birth:") && !out.contains("### In pregnancy:"),
        "{out}"
    );
    // No dates: a line to fill in, and every block of signs.
    env.write_config("");
    let out = env.stdout(&["export", "--for-appointment", "--weeks", "1"]);
    assert!(
        out.contains("\nWeeks pregnant, or since the birth: ___"),
        "{out}"
    );
    assert!(
        out.contains("### After the birth:") && out.contains("### In pregnancy:"),
        "{out}"
    );
    let chart = part(&out, "\n## ");
    assert!(
        !chart.contains("| Day"),
        "an empty diary has no chart: {out}"
    );
}

#[test]
fn the_summary_takes_weeks_and_refuses_the_handouts_filters() {
    let env = TestEnv::new();
    let unreadable = "written by hand".to_string();
    write_diary(&env, &[pain(in_days(0), 8, 2, "ribs", "", ""), unreadable]);
    let out = env.stdout(&["export", "--for-appointment", "--weeks", "2"]);
    env.run(&["export", "--for-appointment"])
        .success()
        .stderr(predicates::str::contains(
            "1 of the diary's lines cannot be read and are left out",
        ));
    let chart = part(&out, "## The highest score of each day, ");
    let chart = chart.split("### Entries").next().unwrap();
    assert_eq!(chart.matches("\n| ").count(), 2 + 14, "{chart}");
    for args in [
        &["export", "--for-appointment", "--topic", "posture"][..],
        &["export", "--for-appointment", "--week", "20"],
        &["export", "--for-appointment", "--weeks", "13"],
        &["export", "--weeks", "2"],
    ] {
        env.run(args).code(2);
    }
}

/// What the diary holds is the person's own text, or a hand-edited file's: it is escaped for
/// each format like a shared tips file.
#[test]
fn the_summary_escapes_what_the_diary_holds() {
    use pulldown_cmark::{Event, Parser};
    let env = TestEnv::new();
    let hostile = "</td></table><script>alert('x')</script> *bold* | [a](javascript:x)";
    write_diary(
        &env,
        &[
            pain(in_days(0), 8, 5, "<img src=x>", hostile, hostile),
            question(in_days(0), "<b>Can I swim?</b>"),
        ],
    );
    let page = env.stdout(&["export", "--for-appointment", "--format", "html"]);
    for planted in ["<script", "<img", "<b>", "</table><", "href=\"javascript"] {
        assert!(!page.contains(planted), "{planted}: {page}");
    }
    assert!(
        page.contains("&lt;/td&gt;&lt;/table&gt;&lt;script&gt;alert(&#39;x&#39;)"),
        "{page}"
    );
    let out = env.stdout(&["export", "--for-appointment"]);
    for event in Parser::new(&out) {
        if let Event::Html(html) | Event::InlineHtml(html) = event {
            panic!("raw HTML: {html}");
        }
    }
    assert!(out.contains("\\| \\[a\\](javascript:x)"), "{out}");
}

/// Paper has no terminal: no page names a backcare command; the tips that do on screen say
/// it in words.
#[test]
fn no_exported_page_names_a_command() {
    let env = TestEnv::new();
    write_diary(
        &env,
        &[pain(in_days(0), 8, 5, "lower-back,pelvis-back", "", "")],
    );
    let commands = commands(&env);
    assert!(
        commands.contains(&"warning-signs".to_string()),
        "{commands:?}"
    );
    let handout = env.stdout(&["export"]);
    assert!(
        handout.contains("see the tips on pelvic girdle pain."),
        "{handout}"
    );
    assert!(
        handout.contains("See the warning signs in this handout."),
        "{handout}"
    );
    for format in ["markdown", "html"] {
        for page in [
            env.stdout(&["export", "--format", format]),
            env.stdout(&["export", "--format", format, "--for-appointment"]),
        ] {
            for command in &commands {
                let named = format!("backcare {command}");
                assert!(!page.contains(&named), "{named}: {page}");
            }
        }
    }
}

/// `page` printed to PDF by headless Chromium on `paper` (`A4`, `letter`): its number of pages,
/// its text in the order written, and its text laid out as on the page.
fn print(env: &TestEnv, page: &str, paper: &str) -> (usize, String, String) {
    let html = env.write(
        &format!("page-{paper}.html"),
        &page.replacen("</style>", &format!("@page{{size:{paper}}}</style>"), 1),
    );
    let pdf = env.dir.path().join(format!("page-{paper}.pdf"));
    let output = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            env.dir.path().join("chromium").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .env("HOME", env.home())
        .output()
        .unwrap();
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&output.stderr));
    let run = |program: &str, args: &[&str]| {
        let output = std::process::Command::new(program)
            .args(args)
            .arg(&pdf)
            .args(if program == "pdftotext" {
                &["-"][..]
            } else {
                &[]
            })
            .output()
            .unwrap();
        assert!(output.status.success(), "{program}");
        String::from_utf8(output.stdout).unwrap()
    };
    let info = run("pdfinfo", &[]);
    let pages = info
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|pages| pages.trim().parse().ok())
        .unwrap_or_else(|| panic!("{info}"));
    // In the order it was written (`-raw`), which keeps the hyphen where an address breaks.
    (
        pages,
        run("pdftotext", &["-raw"]),
        run("pdftotext", &["-layout"]),
    )
}

/// The addresses of the sources an HTML page lists, as written.
fn addresses(page: &str) -> Vec<String> {
    let list = page.split("<section class=\"sources\">").nth(1).unwrap();
    list.split("<a href=\"")
        .skip(1)
        .map(|link| link.split('"').next().unwrap().replace("&amp;", "&"))
        .collect()
}

/// Runs of white space as one space.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
#[ignore = "needs chromium and poppler-utils"]
fn the_summary_of_four_weeks_prints_on_two_pages_with_every_entry() {
    if !installed("chromium") || !installed("pdfinfo") || !installed("pdftotext") {
        return;
    }
    let env = TestEnv::new();
    env.write_config(&format!(
        "due_date = \"{}\"\nregion = \"uk\"\n",
        in_days(60)
    ));
    let places = [
        "lower-back",
        "lower-back,hip",
        "pelvis-back",
        "buttock,leg",
        "upper-back",
    ];
    let helped = ["heat", "rest", "a warm bath", "the desk routine", ""];
    let mut entries: Vec<String> = (0..28)
        .map(|day| {
            let note = format!("day {day}: stiff after sitting at work, eased by the evening walk");
            pain(
                in_days(day - 27),
                21,
                (day * 7 % 11) as u8,
                places[day as usize % 5],
                helped[day as usize % 5],
                &note,
            )
        })
        .collect();
    let questions = [
        "Can I still swim?",
        "Is a support belt worth trying?",
        "Should I see a physiotherapist about my hip?",
    ];
    entries.extend(questions.iter().map(|text| question(in_days(-3), text)));
    write_diary(&env, &entries);
    let page = env.stdout(&["export", "--for-appointment", "--format", "html"]);
    let signs = env.json(&["warning-signs"]);
    for paper in ["A4", "letter"] {
        let (pages, text, layout) = print(&env, &page, paper);
        assert!(pages <= 2, "{pages} pages on {paper}");
        let text = squeezed(&text);
        // The warning signs for pregnancy, with the numbers to call.
        assert!(text.contains("999 emergency ambulance"), "{text}");
        for section in signs["sections"].as_array().unwrap() {
            if section["when"] != "after-birth" {
                let sign = section["signs"][0]["text"].as_str().unwrap();
                assert!(text.contains(&squeezed(sign)), "{sign}: {text}");
            }
        }
        // The chart's dates: the day of the month under each bar, then the months.
        let days: Vec<String> = (0..28)
            .map(|day| in_days(day - 27).day().to_string())
            .collect();
        assert!(
            layout
                .lines()
                .any(|line| line.split_whitespace().eq(days.iter().map(String::as_str))),
            "{days:?}: {layout}"
        );
        assert!(text.contains(&in_days(-27).strftime("%b").to_string()));
        // Every entry, every question, every source's address.
        for day in 0..28 {
            let note = format!("day {day}: stiff after sitting at work, eased by the evening walk");
            assert!(text.contains(&note), "{note}");
            assert!(text.contains(&in_days(day - 27).strftime("%a %-d %b 21:00").to_string()));
        }
        for question in questions {
            assert!(text.contains(question), "{question}");
        }
        let bare: String = text.split_whitespace().collect();
        for address in addresses(&page) {
            assert!(bare.contains(&address), "{address}");
        }
    }
}

/// The whole handout, printed: every source's address is on paper, in fewer pages than the 15
/// (Letter) it took before print styles and numbered sources.
#[test]
#[ignore = "needs chromium and poppler-utils"]
fn the_whole_handout_prints_every_address_on_few_pages() {
    if !installed("chromium") || !installed("pdfinfo") || !installed("pdftotext") {
        return;
    }
    let env = TestEnv::new();
    let page = env.stdout(&["export", "--format", "html"]);
    let (pages, text, _) = print(&env, &page, "letter");
    assert!(pages <= 8, "{pages} pages");
    let bare: String = text.split_whitespace().collect();
    let addresses = addresses(&page);
    assert!(addresses.len() > 50, "{addresses:?}");
    for address in addresses {
        assert!(bare.contains(&address), "{address}");
    }
}
