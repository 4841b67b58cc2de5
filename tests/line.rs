//! `backcare line`: one tip on one line in each status bar's markup, the same tip for a whole
//! period and the next after it, no state read or written, `--max` respected.

mod common;

use common::{TestEnv, path_str};

/// Twenty short tips, one with the markup characters of tmux and polybar in it.
fn tips_file(env: &TestEnv) -> std::path::PathBuf {
    let mut text = String::from("[topics.t]\ntitle = \"Bar\"\n");
    for n in 0..20 {
        let body = if n == 0 {
            "Tip #0 is 100% plain".to_string()
        } else {
            format!("Tip number {n} says something longer than forty characters in all.")
        };
        text.push_str(&format!(
            "[[tips]]\nid = \"t{n}\"\ntopic = \"t\"\ntext = \"{body}\"\n"
        ));
    }
    env.write("bar.toml", &text)
}

fn line(env: &TestEnv, file: &std::path::Path, args: &[&str]) -> String {
    let mut all = vec!["--no-builtin", "--file", path_str(file), "line"];
    all.extend(args);
    env.stdout(&all)
}

#[test]
fn each_format_prints_what_its_bar_reads() {
    let env = TestEnv::new();
    let file = tips_file(&env);
    for at in (0..20u64).map(|n| (n * 600).to_string()) {
        let at = at.as_str();
        let plain = line(&env, &file, &["--at", at]);
        assert_eq!(plain.lines().count(), 1, "{plain}");
        assert_eq!(
            line(&env, &file, &["--at", at, "--format", "starship"]),
            plain
        );

        let waybar = line(&env, &file, &["--at", at, "--format", "waybar"]);
        assert_eq!(waybar.lines().count(), 1, "{waybar}");
        let json: serde_json::Value = serde_json::from_str(&waybar).unwrap();
        assert_eq!(json["text"], plain.trim_end());
        assert!(
            json["tooltip"].as_str().unwrap().starts_with("Bar · t"),
            "{json}"
        );
        assert_eq!(json["class"], "backcare");

        let tmux = line(&env, &file, &["--at", at, "--format", "tmux"]);
        let inner = tmux
            .trim_end()
            .strip_prefix("#[fg=#5fafff]")
            .and_then(|rest| rest.strip_suffix("#[default]"))
            .unwrap_or_else(|| panic!("unbalanced: {tmux}"));
        // Every `#` left inside is doubled: tmux shows it as one, and starts no format.
        assert_eq!(inner.replace("##", ""), inner.replace('#', ""), "{tmux}");
        assert_eq!(inner.replace("##", "#"), plain.trim_end());

        let polybar = line(&env, &file, &["--at", at, "--format", "polybar"]);
        let inner = polybar
            .trim_end()
            .strip_prefix("%{F#5fafff}")
            .and_then(|rest| rest.strip_suffix("%{F-}"))
            .unwrap_or_else(|| panic!("unbalanced: {polybar}"));
        assert!(!inner.contains("%{"), "{polybar}");
        // polybar has no escape: "100%" stays as it is.
        assert_eq!(inner, plain.trim_end());

        let i3 = line(&env, &file, &["--at", at, "--format", "i3blocks"]);
        let lines: Vec<&str> = i3.lines().collect();
        assert_eq!(lines.len(), 3, "{i3}");
        assert_eq!(lines[0], plain.trim_end());
        assert!(lines[1].chars().count() <= 40, "{i3}");
        assert_eq!(lines[2], "#5fafff");
    }
}

#[test]
fn the_tip_holds_for_a_period_then_moves_and_nothing_is_recorded() {
    let env = TestEnv::new();
    let file = tips_file(&env);
    let at = |seconds: u64| line(&env, &file, &["--at", &seconds.to_string()]);
    // The default period is ten minutes: polls within one print the same tip.
    let first = at(6_000);
    for poll in [6_005, 6_300, 6_599] {
        assert_eq!(at(poll), first);
    }
    // Consecutive periods differ, and over twenty periods every tip has its turn.
    let mut seen = std::collections::BTreeSet::new();
    for period in 0..20u64 {
        let this = at(period * 600);
        assert_ne!(this, at((period + 1) * 600), "period {period}");
        seen.insert(this);
    }
    assert_eq!(seen.len(), 20);
    // --period changes the length.
    let hourly = |seconds: u64| {
        line(
            &env,
            &file,
            &["--period", "1h", "--at", &seconds.to_string()],
        )
    };
    assert_eq!(hourly(3_600), hourly(7_199));
    // Polls write no state, so `tip` and `--every` are untouched.
    assert!(!env.state_file().exists());
}

#[test]
fn max_picks_a_tip_that_fits_or_cuts_at_a_word() {
    let env = TestEnv::new();
    let file = tips_file(&env);
    // Only one tip is 30 characters or fewer: it is the one shown, whatever the time.
    for at in ["0", "600", "1200"] {
        assert_eq!(
            line(&env, &file, &["--max", "30", "--at", at]),
            "Tip #0 is 100% plain\n"
        );
    }
    // None fits in 12: the tip is cut at a word, with an ellipsis, within 12 characters.
    let cut = line(&env, &file, &["--max", "12", "--at", "600"]);
    assert!(cut.trim_end().ends_with('…'), "{cut}");
    assert!(cut.trim_end().chars().count() <= 12, "{cut}");
    // The tooltip keeps the whole tip.
    let waybar = line(
        &env,
        &file,
        &["--max", "12", "--at", "600", "--format", "waybar"],
    );
    let json: serde_json::Value = serde_json::from_str(&waybar).unwrap();
    let text = json["text"].as_str().unwrap();
    let (_, full) = json["tooltip"].as_str().unwrap().split_once(": ").unwrap();
    assert!(full.starts_with(text.trim_end_matches('…')), "{json}");
    assert!(full.chars().count() > text.chars().count(), "{json}");
}

#[test]
fn hidden_tips_stay_out_of_the_bar_and_json_is_refused() {
    let env = TestEnv::new();
    let file = tips_file(&env);
    let mut hide = vec!["--no-builtin", "--file", path_str(&file), "hide"];
    let ids: Vec<String> = (1..20).map(|n| format!("t{n}")).collect();
    hide.extend(ids.iter().map(String::as_str));
    env.run(&hide).success();
    for at in ["0", "600", "1200", "1800"] {
        assert_eq!(line(&env, &file, &["--at", at]), "Tip #0 is 100% plain\n");
    }
    env.run(&["line", "--json"]).code(2);
}

/// A shared tips file cannot plant markup in a bar: no polybar action region, no Pango
/// styling in waybar or i3blocks, and a bare `&` does not blank the module.
#[test]
fn tips_cannot_plant_markup_in_a_bar() {
    let env = TestEnv::new();
    let file = env.write(
        "hostile.toml",
        "[topics.t]\ntitle = \"<b>T</b>\"\n[[tips]]\nid = \"x\"\ntopic = \"t\"\n\
         text = \"%{A1:xdg-open https://evil.example:}Click & <span size='99999'>see</span>%{A}\"\n",
    );
    let polybar = line(&env, &file, &["--format", "polybar"]);
    assert_eq!(
        polybar.matches("%{").count(),
        2,
        "only our colour tags: {polybar}"
    );
    let waybar = line(&env, &file, &["--format", "waybar"]);
    let json: serde_json::Value = serde_json::from_str(&waybar).unwrap();
    for field in ["text", "tooltip"] {
        let text = json[field].as_str().unwrap();
        assert!(
            !text.contains('<') && !text.contains("& "),
            "{field}: {text}"
        );
        assert!(
            text.contains("&amp;") && text.contains("&lt;span"),
            "{field}: {text}"
        );
    }
    let i3 = line(&env, &file, &["--format", "i3blocks"]);
    assert!(!i3.contains('<') && i3.contains("&lt;span"), "{i3}");
}
