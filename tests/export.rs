//! `backcare export`: a handout in Markdown or one self-contained HTML page, checked for its
//! structure, its escaping, and in a real headless browser (Chromium).

mod common;

use common::{TestEnv, installed, path_str};

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
            "## When back pain needs help now (United Kingdom)"
        ]
    );
    assert!(out.contains("- Wear comfortable, supportive shoes with a low heel. ([HSE (Ireland), Back pain in pregnancy, checked 2026-12-01](<https://www2.hse.ie/conditions/backache-pregnancy>))"), "{out}");
    assert!(out.contains("- **999**: emergency ambulance"), "{out}");
    assert!(out.contains("### In pregnancy: call 999"), "{out}");
    assert!(out.contains("### After the birth: call 999"), "{out}");
    assert!(
        out.trim_end()
            .ends_with("each tip's source was checked on the date beside it.")
    );
    // --stage narrows the tips as for `list`.
    let after = env.stdout(&["export", "--stage", "postpartum"]);
    let listed = env.json(&["list", "--stage", "postpartum"]);
    let tips = after.split("\n## When back pain").next().unwrap();
    assert_eq!(
        tips.lines().filter(|line| line.starts_with("- ")).count(),
        listed.as_array().unwrap().len()
    );
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
    assert_eq!(page.matches("<li>").count(), page.matches("</li>").count());
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
