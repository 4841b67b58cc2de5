//! What reminders ask of the desktop: a notification (over the session D-Bus through
//! notify-rust and zbus, pure Rust; through osascript on macOS), and the service manager that
//! runs them on a timer (`systemctl --user`, `launchctl`), found on `PATH`.
#![deny(unsafe_code)]

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The name notification servers show, and group notifications by.
pub const APP_NAME: &str = "backcare";

/// Runs `program` with `args`; its output, or why it failed in one line (not installed, or
/// the first line it printed).
pub fn run(program: &str, args: &[&str]) -> Result<String, String> {
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => format!("{program} is not installed"),
            _ => format!("{program}: {}", crate::os::describe(&error)),
        })?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if output.status.success() {
        return Ok(stdout);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let said = stderr
        .lines()
        .chain(stdout.lines())
        .find(|line| !line.trim().is_empty());
    Err(format!(
        "`{program} {}`: {}",
        args.join(" "),
        said.unwrap_or("failed").trim()
    ))
}

/// The user's id: launchd's `gui/UID` domain, and where the session bus usually is.
pub fn user_id() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// Whether there is a session bus, where zbus looks for it (`DBUS_SESSION_BUS_ADDRESS`, else
/// `$XDG_RUNTIME_DIR/bus`, else `/run/user/UID/bus`), or why there is none.
pub fn session_bus() -> Result<(), String> {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|address| !address.is_empty()) {
        return Ok(());
    }
    let dir = std::env::var_os("XDG_RUNTIME_DIR").map_or_else(
        || PathBuf::from(format!("/run/user/{}", user_id())),
        PathBuf::from,
    );
    match dir.join("bus").exists() {
        true => Ok(()),
        false => Err(format!(
            "there is no session D-Bus (DBUS_SESSION_BUS_ADDRESS is not set, and there is no {})",
            dir.join("bus").display()
        )),
    }
}

/// Sends a notification at low urgency (the server's do-not-disturb holds it back as it
/// likes), replacing the one with id `replaces` (0: none); returns the id the server gave it.
#[cfg(not(target_os = "macos"))]
pub fn notify(summary: &str, body: &str, replaces: u32) -> Result<u32, String> {
    notify_rust::Notification::new()
        .appname(APP_NAME)
        .summary(summary)
        .body(body)
        .urgency(notify_rust::Urgency::Low)
        .id(replaces)
        .show()
        .map(|handle| handle.id())
        .map_err(|error| error.to_string())
}

/// The notification server's name and version.
#[cfg(not(target_os = "macos"))]
pub fn server() -> Result<String, String> {
    notify_rust::get_server_information()
        .map(|server| format!("{} {}", server.name, server.version))
        .map_err(|error| error.to_string())
}

#[cfg(target_os = "macos")]
pub fn notify(_summary: &str, _body: &str, _replaces: u32) -> Result<u32, String> {
    Err("notifications on macOS go through osascript".to_string())
}

#[cfg(target_os = "macos")]
pub fn server() -> Result<String, String> {
    Err("notifications on macOS go through osascript".to_string())
}

/// A notification in macOS's Notification Center, through osascript; Focus decides whether
/// it shows.
pub fn osascript(title: &str, body: &str) -> Result<(), String> {
    let quoted = |text: &str| format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    let script = format!(
        "display notification {} with title {}",
        quoted(body),
        quoted(title)
    );
    run("osascript", &["-e", &script]).map(drop)
}
