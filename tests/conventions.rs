//! Completions loaded by real shells, with topic names and tip ids offered dynamically, and the
//! manual page rendered by `man`.

mod common;

use std::process::Command;

use common::{TestEnv, USER_TIPS, installed};

/// `sh -c SCRIPT` with backcare first on PATH and the test's own HOME.
fn shell(env: &TestEnv, program: &str, script: &str) -> std::process::Output {
    let bin = env.dir.path().join("bin");
    if !bin.exists() {
        std::fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(
            assert_cmd::cargo::cargo_bin("backcare"),
            bin.join("backcare"),
        )
        .unwrap();
    }
    Command::new(program)
        .arg("-c")
        .arg(script)
        .env_clear()
        .env(
            "PATH",
            format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display()),
        )
        .env("HOME", env.home())
        .env("XDG_CONFIG_HOME", env.home().join("config"))
        .env("XDG_STATE_HOME", env.home().join("state"))
        .output()
        .unwrap()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
#[ignore = "needs bash: run with `cargo test -- --include-ignored`"]
fn bash_loads_the_completions_and_offers_ids_and_topics() {
    if !installed("bash") {
        return;
    }
    let env = TestEnv::new();
    std::fs::write(env.config_dir().join("tips.toml"), USER_TIPS).unwrap();
    let complete = |words: &str| {
        let script = format!(
            r#"source <(backcare completions bash)
complete -p backcare
COMP_WORDS=({words}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
_clap_complete_backcare backcare "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#
        );
        let output = shell(&env, "bash", &script);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        stdout(&output)
    };
    let ids = complete("backcare show sleep-s");
    assert!(ids.starts_with("complete "), "{ids}");
    assert!(ids.contains("-F _clap_complete_backcare backcare"), "{ids}");
    assert!(ids.contains("\nsleep-side-from-28-weeks\n"), "{ids}");
    assert!(!ids.contains("posture-"), "only matching ids: {ids}");
    let mine = complete("backcare show mine-");
    assert!(
        mine.contains("\nmine-stretch\n"),
        "the user's own tips too: {mine}"
    );
    let topics = complete("backcare tip --topic p");
    assert!(
        topics.contains("\nposture\n") && topics.contains("\npelvic-girdle\n"),
        "{topics}"
    );
    let commands = complete("backcare warn");
    assert!(commands.contains("\nwarning-signs\n"), "{commands}");
    let remind = complete("backcare remind o");
    assert!(
        remind.contains("\non\n") && remind.contains("\noff\n"),
        "{remind}"
    );
    assert!(
        !remind.contains("now"),
        "only matching subcommands: {remind}"
    );
    let routines = complete("backcare stretch pe");
    assert!(routines.contains("\npelvic-floor\n"), "{routines}");
    assert!(
        !routines.contains("desk"),
        "only matching routines: {routines}"
    );
}

#[test]
#[ignore = "needs fish: run with `cargo test -- --include-ignored`"]
fn fish_completes_ids_dynamically() {
    if !installed("fish") {
        return;
    }
    let env = TestEnv::new();
    let output = shell(
        &env,
        "fish",
        "backcare completions fish | source; complete --do-complete 'backcare show relief-heat-'",
    );
    let out = stdout(&output);
    assert!(
        out.contains("relief-heat-cold"),
        "{out}{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
#[ignore = "needs zsh: run with `cargo test -- --include-ignored`"]
fn zsh_loads_the_completions() {
    if !installed("zsh") {
        return;
    }
    let env = TestEnv::new();
    let output = shell(
        &env,
        "zsh",
        "autoload -U compinit && compinit -u && source <(backcare completions zsh) && print -r -- ${_comps[backcare]}",
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        !stdout(&output).trim().is_empty(),
        "zsh has a completion function for backcare"
    );
}

#[test]
fn every_shell_gets_a_script() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = env.stdout(&["completions", shell]);
        assert!(script.contains("BACKCARE_COMPLETE"), "{shell}: {script}");
    }
    env.run(&["completions", "tcsh"]).code(2);
}

#[test]
#[ignore = "needs man: run with `cargo test -- --include-ignored`"]
fn man_page_renders_without_warnings() {
    if !installed("man") {
        return;
    }
    let env = TestEnv::new();
    let page = env.write("backcare.1", &env.stdout(&["man"]));
    let output = Command::new("man")
        .args(["--warnings", "-l"])
        .arg(&page)
        .env("MANWIDTH", "80")
        .env("MAN_KEEP_FORMATTING", "0")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success());
    assert_eq!(stderr, "", "man printed warnings");
    // Without a terminal, man marks bold and underline by overstriking (`N\bN`): drop those.
    let mut text = String::new();
    for c in stdout(&output).chars() {
        if c == '\u{8}' {
            text.pop();
        } else {
            text.push(c);
        }
    }
    let text = text.replace('\u{2010}', "-");
    for expected in [
        "NAME",
        "backcare - Short, trustworthy back-care tips for pregnancy",
        "COMMANDS",
        "backcare tip",
        "--every <DURATION>",
        "backcare warning-signs",
        "EXIT STATUS",
        "FILES",
        "ENVIRONMENT",
        "CONFIGURATION",
        "TIPS FILE FORMAT",
        "birth_date",
        "[[tips]]",
        "not medical advice",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
}

/// The example tips file in the repository is one `check` accepts, and it adds its tips.
#[test]
fn the_example_tips_file_is_valid() {
    let env = TestEnv::new();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/tips.toml");
    env.run(&["check", example])
        .success()
        .stdout(predicates::str::starts_with("ok: 1 file"));
    let shown = env.stdout(&["--file", example, "show", "team-class", "team-stairs"]);
    assert!(shown.contains("Source: Our maternity unit"), "{shown}");
    assert!(
        shown.contains("Address: https://example.org/pelvic-pain"),
        "{shown}"
    );
}

/// `backcare template` prints a file that `check` accepts, with every key of the format in it.
#[test]
fn the_template_is_a_valid_tips_file_explaining_every_key() {
    let env = TestEnv::new();
    let template = env.stdout(&["template"]);
    let path = env.write("mine.toml", &template);
    env.run(&["check", path.to_str().unwrap()])
        .success()
        .stdout(predicates::str::starts_with("ok: 1 file,"));
    for key in [
        "[about]",
        "name =",
        "contact =",
        "url =",
        "reviewed =",
        "[sources.",
        "publisher =",
        "title =",
        "checked =",
        "[topics.",
        "description =",
        "[[tips]]",
        "id =",
        "topic =",
        "text =",
        "paper =",
        "stages =",
        "tags =",
        "source =",
        "disabled = true",
    ] {
        assert!(template.contains(key), "the template does not show {key}");
    }
    env.run(&["template", "--json"]).code(2);
}

/// The licence files match what Cargo.toml declares.
#[test]
fn licence_files_match_the_manifest() {
    let root = env!("CARGO_MANIFEST_DIR");
    let manifest = std::fs::read_to_string(format!("{root}/Cargo.toml")).unwrap();
    assert!(manifest.contains("license = \"MIT OR Apache-2.0\""));
    let mit = std::fs::read_to_string(format!("{root}/LICENSE-MIT")).unwrap();
    assert!(mit.starts_with("MIT License"));
    let apache = std::fs::read_to_string(format!("{root}/LICENSE-APACHE")).unwrap();
    assert!(apache.contains("Apache License") && apache.contains("Version 2.0, January 2004"));
}

/// The README's man-page line, run as written in a fresh home with `~/.cargo/bin` on PATH (where
/// `cargo install` puts backcare), finds the page with no MANPATH set.
#[test]
#[ignore = "needs man: run with `cargo test -- --include-ignored`"]
fn the_readme_man_page_line_works_in_a_fresh_home() {
    if !installed("man") {
        return;
    }
    let readme = include_str!("../README.md");
    let line = readme
        .lines()
        .find(|line| line.starts_with("mkdir -p ~/.cargo/share/man/man1 && backcare man >"))
        .expect("the README gives the man-page line");
    let env = TestEnv::new();
    let bin = env.home().join(".cargo/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(
        assert_cmd::cargo::cargo_bin("backcare"),
        bin.join("backcare"),
    )
    .unwrap();
    let output = Command::new("sh")
        .arg("-c")
        .arg(line)
        .env_clear()
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("HOME", env.home())
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stdout(&output).starts_with("backcare(1)"),
        "{}",
        stdout(&output)
    );
}

/// A shared file's `[about]` names the group: `list` says a tip is from it, `show` prints who
/// and where, `status` names it beside the file, JSON carries `shared_by`.
#[test]
fn a_shared_file_says_who_it_is_from() {
    let env = TestEnv::new();
    let file = env.config_dir().join("tips.toml");
    std::fs::write(&file, env.stdout(&["template"])).unwrap();
    let list = env.stdout(&["list", "--topic", "team"]);
    assert!(
        list.contains("team-class  (from Our midwife team's tips)"),
        "{list}"
    );
    let shown = env.stdout(&["show", "team-class"]);
    assert!(
        shown.contains("Shared by: Our midwife team's tips, midwives@example.org"),
        "{shown}"
    );
    assert!(
        shown.contains("Their page: https://example.org/back-care"),
        "{shown}"
    );
    let status = env.stdout(&["status"]);
    let expected = format!("{} (Our midwife team's tips)", file.display());
    assert!(status.contains(&expected), "{status}");
    assert_eq!(
        env.json(&["show", "team-class"])["shared_by"],
        "Our midwife team's tips"
    );
    // Built-in tips name no group.
    assert!(
        env.json(&["show", "posture-shoes"])
            .get("shared_by")
            .is_none()
    );
}

#[test]
fn every_config_key_is_documented_in_the_manual_and_the_readme() {
    let env = TestEnv::new();
    let manual = env.stdout(&["man"]);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for key in backcare::config::Setting::NAMES {
        assert!(
            manual.contains(&format!("\\fB{key} = ")),
            "man page misses {key}"
        );
        assert!(
            readme.contains(&format!("\n{key} = ")),
            "README misses {key}"
        );
    }
}
