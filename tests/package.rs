//! `scripts/package.sh` end to end: the release archive holds what it should, its checksum
//! verifies and its binary runs without a Rust toolchain; lintian finds nothing to complain of
//! in the Debian package; the package, installed with `dpkg -i`, gives a tip from /usr/bin, the
//! manual page, completions that bash, zsh and fish load from their standard directories, and
//! start-up snippets; `dpkg -r` and `dpkg -P` leave none of its files behind.
//!
//! The package test installs and purges the `backcare` package on this machine: it is meant for
//! CI, which runs as root.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::Instant;

use common::installed;

const IGNORE: &str = "needs root, dpkg and a release build (CI runs it)";

/// The files the package installs, as `dpkg -L` lists them (directories aside).
const PACKAGE_FILES: &[&str] = &[
    "/usr/bin/backcare",
    "/usr/share/backcare/init.bash",
    "/usr/share/backcare/init.fish",
    "/usr/share/backcare/init.zsh",
    "/usr/share/bash-completion/completions/backcare",
    "/usr/share/doc/backcare/README.md",
    "/usr/share/doc/backcare/changelog.Debian.gz",
    "/usr/share/doc/backcare/changelog.gz",
    "/usr/share/doc/backcare/copyright",
    "/usr/share/fish/vendor_completions.d/backcare.fish",
    "/usr/share/lintian/overrides/backcare",
    "/usr/share/man/man1/backcare.1.gz",
    "/usr/share/zsh/vendor-completions/_backcare",
];

/// The archive's files, below its top folder.
const ARCHIVE_FILES: &[&str] = &[
    "CHANGELOG.md",
    "LICENSE-APACHE",
    "LICENSE-MIT",
    "README.md",
    "backcare",
    "complete/_backcare",
    "complete/backcare.bash",
    "complete/backcare.fish",
    "doc/backcare.1",
    "init/init.bash",
    "init/init.fish",
    "init/init.zsh",
];

struct Artifacts {
    deb: PathBuf,
    archive: PathBuf,
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace('\r', "")
}

fn check(output: &Output, what: &str) -> String {
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{}\n{}",
        output.status,
        text(&output.stdout),
        text(&output.stderr)
    );
    text(&output.stdout)
}

/// Runs scripts/package.sh once for all the tests here.
fn artifacts() -> &'static Artifacts {
    static BUILT: OnceLock<Artifacts> = OnceLock::new();
    BUILT.get_or_init(|| {
        let manifest = env!("CARGO_MANIFEST_DIR");
        // A target folder of its own, kept between runs, so that the release build is
        // incremental and never waits on the lock of the build running this test.
        let output = Command::new(format!("{manifest}/scripts/package.sh"))
            .env(
                "CARGO_TARGET_DIR",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/package"),
            )
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let printed = check(&output, "scripts/package.sh");
        let paths: Vec<PathBuf> = printed
            .lines()
            .map(|line| Path::new(manifest).join(line))
            .collect();
        let find = |suffix: &str| {
            paths
                .iter()
                .find(|path| path.to_string_lossy().ends_with(suffix))
                .unwrap_or_else(|| panic!("package.sh printed no *{suffix}: {printed}"))
                .clone()
        };
        Artifacts {
            deb: find(".deb"),
            archive: find(".tar.gz"),
        }
    })
}

/// `sha256sum -c` of the checksum file beside `artifact`, run in its folder as a user would.
fn assert_checksum_verifies(artifact: &Path) {
    let name = artifact.file_name().unwrap().to_str().unwrap();
    let output = Command::new("sha256sum")
        .args(["-c", &format!("{name}.sha256")])
        .current_dir(artifact.parent().unwrap())
        .output()
        .unwrap();
    let said = check(&output, "sha256sum -c");
    assert_eq!(said.trim(), format!("{name}: OK"));
}

/// A command with nothing of this machine's environment but a plain PATH, a home of its own
/// and no colour.
fn plain(program: &str, home: &Path) -> Command {
    let mut command = Command::new(program);
    command
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("TERM", "dumb")
        .env("NO_COLOR", "1")
        .current_dir(home)
        .stdin(Stdio::null());
    command
}

#[test]
#[ignore = "needs root, dpkg and a release build (CI runs it)"]
fn the_archive_is_laid_out_as_ripgreps_and_its_binary_runs_without_rust() {
    for program in ["cargo", "tar", "gzip", "sha256sum", "dpkg-deb"] {
        installed(program);
    }
    let artifacts = artifacts();
    assert_checksum_verifies(&artifacts.archive);

    let archive_name = artifacts.archive.file_name().unwrap().to_str().unwrap();
    let top = archive_name.strip_suffix(".tar.gz").unwrap();
    assert!(
        top.starts_with(&format!("backcare-{}-", env!("CARGO_PKG_VERSION"))),
        "{top}"
    );
    let listing = check(
        &Command::new("tar")
            .arg("-tzf")
            .arg(&artifacts.archive)
            .output()
            .unwrap(),
        "tar -t",
    );
    let files: BTreeSet<&str> = listing
        .lines()
        .filter(|line| !line.ends_with('/'))
        .map(|line| {
            line.strip_prefix(&format!("{top}/"))
                .unwrap_or_else(|| panic!("{line} is outside {top}/"))
        })
        .collect();
    assert_eq!(files, ARCHIVE_FILES.iter().copied().collect());

    let unpacked = tempfile::tempdir().unwrap();
    check(
        &Command::new("tar")
            .arg("-xzf")
            .arg(&artifacts.archive)
            .arg("-C")
            .arg(unpacked.path())
            .output()
            .unwrap(),
        "tar -x",
    );
    let folder = unpacked.path().join(top);
    let home = tempfile::tempdir().unwrap();
    // No Rust toolchain on this PATH: the binary needs none.
    let toolchain = plain("sh", home.path())
        .args(["-c", "command -v cargo || command -v rustc"])
        .output()
        .unwrap();
    assert!(!toolchain.status.success(), "{}", text(&toolchain.stdout));
    let tip = plain(folder.join("backcare").to_str().unwrap(), home.path())
        .args(["tip", "--seed", "1"])
        .output()
        .unwrap();
    assert!(check(&tip, "the archive's backcare tip").contains(" · "));
    // The man page and completions are the binary's own.
    let man = std::fs::read_to_string(folder.join("doc/backcare.1")).unwrap();
    assert!(man.contains(".TH backcare 1"), "{}", &man[..200]);
    let zsh = std::fs::read_to_string(folder.join("complete/_backcare")).unwrap();
    assert!(zsh.starts_with("#compdef backcare\n"));
}

#[test]
#[ignore = "needs root, dpkg and a release build (CI runs it)"]
fn lintian_finds_no_error_or_warning_in_the_package() {
    installed("lintian");
    let artifacts = artifacts();
    assert_checksum_verifies(&artifacts.deb);
    // lintian's spelling check reads the machine code of a binary as text too (one build
    // had it find "wTH" in `.text`), so it is left out here; the text people read is
    // checked by tests/content.rs. docs/packaging.md says so.
    let output = Command::new("lintian")
        .args(["--display-info", "--pedantic"])
        .args(["--suppress-tags", "spelling-error-in-binary"])
        .arg(&artifacts.deb)
        .output()
        .unwrap();
    // Every tag lintian would print (E, W, I, P) is either fixed or overridden, with its reason
    // in the package's overrides file and in docs/packaging.md.
    let said = text(&output.stdout);
    assert!(output.status.success(), "{said}");
    assert_eq!(said.trim(), "", "lintian says:\n{said}");
}

/// Purges the package when dropped, so that a failed check leaves no package installed.
struct Installed;

impl Drop for Installed {
    fn drop(&mut self) {
        let _ = Command::new("dpkg")
            .args(["--purge", "backcare"])
            .stdout(Stdio::null())
            .output();
    }
}

#[test]
#[ignore = "needs root, dpkg and a release build (CI runs it)"]
fn the_package_installs_a_working_backcare_and_leaves_nothing_when_removed() {
    for program in ["dpkg", "man", "bash", "zsh", "fish", "script", "timeout"] {
        installed(program);
    }
    assert!(
        Path::new("/usr/share/bash-completion/bash_completion").is_file(),
        "this test needs bash-completion: scripts/install-test-tools.sh installs it"
    );
    let uid = text(&Command::new("id").arg("-u").output().unwrap().stdout);
    assert_eq!(uid.trim(), "0", "dpkg -i needs root: {IGNORE}");
    let artifacts = artifacts();
    let home = tempfile::tempdir().unwrap();
    let home = home.path();

    let started = Instant::now();
    let _installed = Installed;
    dpkg(&["-i", artifacts.deb.to_str().unwrap()]);
    let listed = dpkg(&["-L", "backcare"]);
    let listed: Vec<&str> = listed.lines().filter(|path| *path != "/.").collect();
    let files: BTreeSet<&str> = listed
        .iter()
        .copied()
        .filter(|path| !Path::new(path).is_dir())
        .collect();
    assert_eq!(files, PACKAGE_FILES.iter().copied().collect());
    assert_eq!(
        dpkg(&["--verify", "backcare"]),
        "",
        "installed files differ"
    );

    // A tip from /usr/bin, found on a plain PATH.
    let tip = plain("backcare", home)
        .args(["tip", "--seed", "1"])
        .output()
        .unwrap();
    assert!(check(&tip, "backcare tip").contains(" · "));
    assert_eq!(
        check(
            &plain("sh", home)
                .args(["-c", "command -v backcare"])
                .output()
                .unwrap(),
            "command -v"
        )
        .trim(),
        "/usr/bin/backcare"
    );

    // The manual page, found by man with no MANPATH, and rendered.
    let found = plain("man", home).args(["-w", "backcare"]).output();
    assert_eq!(
        check(&found.unwrap(), "man -w").trim(),
        "/usr/share/man/man1/backcare.1.gz"
    );
    let page = plain("man", home)
        .args(["-P", "cat", "backcare"])
        .env("MANWIDTH", "80")
        .output()
        .unwrap();
    let page = check(&page, "man backcare");
    assert!(page.contains("backcare warning-signs"), "{page}");

    // bash: bash-completion loads the file the first time backcare is completed.
    let bash = plain("bash", home)
        .args([
            "--norc",
            "--noprofile",
            "-i",
            "-c",
            r#"source /usr/share/bash-completion/bash_completion
complete -p backcare >/dev/null 2>&1 && echo "before: set" || echo "before: none"
_completion_loader backcare
complete -p backcare
COMP_WORDS=(backcare ti) COMP_CWORD=1 COMP_LINE="backcare ti" COMP_POINT=11 COMP_TYPE=9
_clap_complete_backcare backcare ti backcare
printf 'candidate: %s\n' "${COMPREPLY[@]}""#,
        ])
        .output()
        .unwrap();
    let said = check(&bash, "bash completion");
    assert!(said.starts_with("before: none\n"), "{said}");
    assert!(
        said.contains("-F _clap_complete_backcare backcare\n"),
        "{said}"
    );
    assert!(said.ends_with("candidate: tip\n"), "{said}");

    // zsh: compinit binds _backcare from vendor-completions, and the first Tab completes (on a
    // pseudo-terminal made by zsh's zpty module).
    let zdotdir = home.join("zdotdir");
    std::fs::create_dir_all(&zdotdir).unwrap();
    std::fs::write(
        zdotdir.join(".zshrc"),
        "autoload -Uz compinit && compinit -u -d \"$HOME/.zcompdump\"\nPS1='> '\n",
    )
    .unwrap();
    let zsh = plain("timeout", home)
        .args([
            "30",
            "zsh",
            "-f",
            "-c",
            r#"ZDOTDIR="$HOME/zdotdir" zsh -ic 'print -r -- "bound: ${_comps[backcare]}"'
zmodload zsh/zpty
zpty shell 'ZDOTDIR="$HOME/zdotdir" zsh -i'
zpty -w -n shell $'backcare ti\t'
zpty -r shell line '*backcare tip *' && print 'first Tab: backcare tip'
zpty -d shell"#,
        ])
        .output()
        .unwrap();
    let said = check(&zsh, "zsh completion");
    assert!(said.contains("bound: _backcare\n"), "{said}");
    assert!(said.ends_with("first Tab: backcare tip\n"), "{said}");

    // fish: vendor_completions.d is read the first time backcare is completed.
    let fish = plain("fish", home)
        .args(["-c", "complete -C 'backcare ti'"])
        .output()
        .unwrap();
    let said = check(&fish, "fish completion");
    assert!(said.starts_with("tip\t"), "{said}");

    eprintln!(
        "from the .deb to a tip, the man page and completions: {:.2} s",
        started.elapsed().as_secs_f64()
    );

    // The start-up snippets: sourced in an interactive bash on a terminal, a tip; in a shell
    // that is not interactive, nothing, and the exit status found is handed back.
    let on_terminal = plain("script", home)
        .args([
            "-qec",
            "bash --norc --noprofile -i -c '. /usr/share/backcare/init.bash; exit 0'",
            "/dev/null",
        ])
        .output()
        .unwrap();
    assert!(check(&on_terminal, "init.bash on a terminal").contains(" · "));
    for (shell, source) in [
        (
            "bash",
            "false; . /usr/share/backcare/init.bash; echo status=$?",
        ),
        (
            "zsh",
            "false; . /usr/share/backcare/init.zsh; echo status=$?",
        ),
        (
            "fish",
            "false; source /usr/share/backcare/init.fish; echo status=$status",
        ),
    ] {
        let quiet = plain(shell, home).args(["-c", source]).output().unwrap();
        assert_eq!(
            check(&quiet, shell),
            "status=1\n",
            "{shell} sourcing its snippet"
        );
        assert_eq!(text(&quiet.stderr), "", "{shell} sourcing its snippet");
    }

    // Removed, then purged: none of the package's files is left, and a folder it made is gone
    // unless another package owns it too.
    dpkg(&["-r", "backcare"]);
    assert_nothing_left(&listed);
    dpkg(&["-P", "backcare"]);
    assert_nothing_left(&listed);
    let status = Command::new("dpkg-query")
        .args(["-W", "-f=${db:Status-Abbrev}", "backcare"])
        .output()
        .unwrap();
    assert!(
        !status.status.success() || text(&status.stdout).trim().is_empty(),
        "still known to dpkg: {}",
        text(&status.stdout)
    );
    assert!(
        !Path::new("/var/lib/dpkg/info/backcare.list").exists(),
        "dpkg keeps a file list for backcare"
    );
}

/// dpkg with these arguments, which must succeed; its stdout.
fn dpkg(args: &[&str]) -> String {
    let output = Command::new("dpkg").args(args).output().unwrap();
    check(&output, &format!("dpkg {}", args.join(" ")))
}

fn assert_nothing_left(listed: &[&str]) {
    for path in listed {
        let path = Path::new(path);
        if !path.exists() {
            continue;
        }
        assert!(path.is_dir(), "{} is left behind", path.display());
        let owner = Command::new("dpkg-query")
            .arg("-S")
            .arg(path)
            .output()
            .unwrap();
        assert!(
            owner.status.success(),
            "{} is left behind and no package owns it",
            path.display()
        );
    }
}
