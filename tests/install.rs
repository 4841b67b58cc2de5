//! `scripts/install.sh`, run as the README gives it (with `--root` into a temporary directory):
//! on Linux with glibc it installs a static-pie binary, and the binary shows a tip.

use std::path::Path;
use std::process::Command;

/// What the ELF program headers say about how a binary is linked.
#[derive(Debug, PartialEq)]
enum Linking {
    /// Position-independent, with no program interpreter: loads itself, keeps ASLR.
    StaticPie,
    Dynamic,
    Other,
}

fn linking(binary: &Path) -> Linking {
    let bytes = std::fs::read(binary).unwrap();
    assert_eq!(&bytes[..4], b"\x7fELF", "not an ELF file");
    assert_eq!(bytes[4], 2, "not a 64-bit ELF file");
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]) as usize;
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
    const ET_DYN: usize = 3;
    const PT_DYNAMIC: u32 = 2;
    const PT_INTERP: u32 = 3;
    let (program_headers, entry_size, count) = (u64_at(32), u16_at(54), u16_at(56));
    let types: Vec<u32> = (0..count)
        .map(|index| u32_at(program_headers + index * entry_size))
        .collect();
    match (
        u16_at(16),
        types.contains(&PT_INTERP),
        types.contains(&PT_DYNAMIC),
    ) {
        (_, true, _) => Linking::Dynamic,
        (ET_DYN, false, true) => Linking::StaticPie,
        _ => Linking::Other,
    }
}

/// Whether glibc's static library is there, as the script asks: without it (Fedora without
/// glibc-static, say) the script rightly falls back to a plain build.
fn static_glibc_available() -> bool {
    Command::new("cc")
        .arg("-print-file-name=libc.a")
        .output()
        .ok()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_string())
        .is_some_and(|library| Path::new(&library).is_file())
}

#[test]
#[ignore = "needs a release build: run with `cargo test -- --include-ignored`"]
fn install_script_installs_a_static_pie_binary_that_shows_a_tip() {
    let root = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let manifest = env!("CARGO_MANIFEST_DIR");
    // Its own target directory, kept between runs, so that the release build is incremental
    // and never waits on the lock of the build running this test.
    let output = Command::new(format!("{manifest}/scripts/install.sh"))
        .args(["--root", root.path().to_str().unwrap(), "--quiet"])
        .env(
            "CARGO_TARGET_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/install"),
        )
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let binary = root.path().join("bin/backcare");
    assert!(binary.is_file(), "{stderr}");

    let glibc_linux = cfg!(all(
        target_os = "linux",
        target_env = "gnu",
        any(target_arch = "x86_64", target_arch = "aarch64")
    ));
    if glibc_linux && static_glibc_available() {
        assert!(stderr.contains("a static-pie build"), "{stderr}");
        assert_eq!(linking(&binary), Linking::StaticPie);
    } else {
        assert!(stderr.contains("a plain build"), "{stderr}");
    }

    let tip = Command::new(&binary)
        .args(["tip", "--seed", "1"])
        .env_clear()
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert!(tip.status.success());
    assert!(String::from_utf8_lossy(&tip.stdout).contains(" · "));

    // The man page, completions and snippets beside it, each what backcare prints for it;
    // the output names every file and the line to add.
    let stdout = String::from_utf8_lossy(&output.stdout);
    for (file, args) in INSTALLED {
        let path = root.path().join(file);
        let written = std::fs::read(&path).unwrap_or_else(|_| panic!("{file} missing"));
        if !args.is_empty() {
            let printed = Command::new(&binary)
                .args(*args)
                .env_clear()
                .env("HOME", home.path())
                .output()
                .unwrap();
            assert_eq!(written, printed.stdout, "{file}");
        }
        assert!(
            stdout.contains(&path.display().to_string()),
            "{file}: {stdout}"
        );
    }
    assert!(
        stdout.contains("eval \"$(backcare init bash)\""),
        "{stdout}"
    );

    // `--uninstall` with the default root, which is $CARGO_HOME when that is set, removes
    // exactly those files.
    let keep = root.path().join("bin/someone-else");
    std::fs::write(&keep, "").unwrap();
    let removed = Command::new(format!("{manifest}/scripts/install.sh"))
        .arg("--uninstall")
        .env("CARGO_HOME", root.path())
        .output()
        .unwrap();
    assert!(removed.status.success());
    for (file, _) in INSTALLED {
        assert!(!root.path().join(file).exists(), "{file} left behind");
    }
    assert!(keep.exists(), "a file it did not install was removed");
}

/// What `scripts/install.sh` installs under its root, and the backcare command that prints it.
const INSTALLED: &[(&str, &[&str])] = &[
    ("bin/backcare", &[]),
    ("share/man/man1/backcare.1", &["man"]),
    (
        "share/bash-completion/completions/backcare",
        &["completions", "bash"],
    ),
    (
        "share/zsh/site-functions/_backcare",
        &["completions", "zsh"],
    ),
    (
        "share/fish/vendor_completions.d/backcare.fish",
        &["completions", "fish"],
    ),
    (
        "share/backcare/init.bash",
        &["init", "bash", "--no-completions"],
    ),
    (
        "share/backcare/init.zsh",
        &["init", "zsh", "--no-completions"],
    ),
    (
        "share/backcare/init.fish",
        &["init", "fish", "--no-completions"],
    ),
];

#[test]
fn the_test_binary_itself_is_dynamic_so_the_check_can_tell_them_apart() {
    if cfg!(all(target_os = "linux", target_env = "gnu")) {
        let ours = assert_cmd::cargo::cargo_bin("backcare");
        assert_eq!(linking(&ours), Linking::Dynamic);
    }
}
