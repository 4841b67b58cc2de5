//! Running one command: parse, gather settings (command line, then environment, then config
//! file, then defaults), do the work, print. The one place that turns errors into messages and
//! exit codes.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};

use clap::Parser;

use crate::cli::{Cli, ColorChoice, Command};
use crate::commands;
use crate::commands::{Context, completions, emit, init, man, template, warn};
use crate::config::{Config, ConfigProblem, StoppedBy};
use crate::error::{Error, Exit};
use crate::output::print::warn_at_startup;
use crate::output::{self, Screen, Style};
use crate::paths::Paths;

/// The process: runs the command line, flushes stdout, and exits with the status; a `stretch`
/// session a signal stopped ends by that same signal once the terminal is restored, so a shell
/// loop or script that ran it stops too.
pub fn main() -> std::process::ExitCode {
    let (status, signal) = run(std::env::args_os());
    let _ = io::stdout().flush();
    if let Some(signal) = signal {
        crate::os::die_by(signal);
    }
    std::process::ExitCode::from(status)
}

/// Runs backcare with `args` (the program name first) and returns its exit status, and the
/// signal that stopped it, if one did.
pub fn run(args: impl IntoIterator<Item = OsString>) -> (u8, Option<i32>) {
    let args: Vec<OsString> = args.into_iter().collect();
    if completions::answer_if_asked(&args) {
        return (Exit::Success.code(), None);
    }
    if args.len() == 1 {
        // `backcare` alone: what it is and where to start, not an error.
        let _ = emit(BARE);
        return (Exit::Success.code(), None);
    }
    let parsed = Cli::parse_shell_start(&args).map_or_else(|| Cli::try_parse_from(args), Ok);
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to stdout with 0; usage errors to stderr with 2. clap quotes
            // the value the user typed (or an environment variable held), so its text is made
            // safe for the terminal like everything else.
            let text = crate::sanitize::visible_lines(&error.render().to_string());
            if error.use_stderr() {
                // One prefix for every error, clap's too.
                let text = match text.strip_prefix("error: ") {
                    Some(rest) => format!("backcare: error: {rest}"),
                    None => text,
                };
                let _ = io::stderr().write_all(text.as_bytes());
            } else {
                let _ = emit(&text);
            }
            return (error.exit_code().clamp(0, 255) as u8, None);
        }
    };
    // `tip` runs at every shell start: whatever goes wrong costs it one line, even on a
    // terminal, where other commands show the offending line of a file too.
    let one_line = matches!(cli.command, Command::Tip(_));
    match execute(cli) {
        Ok(Exit::Signal(signal)) => (Exit::Signal(signal).code(), Some(signal)),
        Ok(exit) => (exit.code(), None),
        Err(error) => {
            report(&error, one_line);
            (error.exit().code(), None)
        }
    }
}

/// What `backcare` alone prints.
const BARE: &str = "\
backcare: short, trustworthy back-care tips for pregnancy and after the birth.

  backcare tip                 one tip
  backcare list                every tip, by topic
  backcare warning-signs       when back pain needs help now, with the numbers to call
  backcare stretch desk        a short guided routine
  backcare remind on           a desktop reminder to move, in work hours
  backcare config set due_date 2027-03-14
  backcare --help              every command
";

fn report(error: &Error, one_line: bool) {
    let with_source = !one_line && io::stderr().is_terminal();
    let text = match error {
        Error::Data(problems) | Error::Findings(problems)
            if one_line && crate::diagnostic::total(problems) > 1 =>
        {
            format!(
                "{} (and {} more; run `backcare check`)\n",
                problems[0].headline(),
                crate::diagnostic::total(problems) - 1
            )
        }
        Error::Data(problems) | Error::Findings(problems) => problems
            .iter()
            .map(|problem| {
                let rendered = if with_source {
                    problem.with_source()
                } else {
                    problem.headline()
                };
                rendered + "\n"
            })
            .collect(),
        // Messages quote what the user typed and paths from the environment: made safe for
        // the terminal here, once for every command.
        Error::Usage(message) | Error::Other(message) => {
            format!(
                "backcare: error: {}\n",
                crate::sanitize::visible_lines(message)
            )
        }
        // Finding nothing is an answer, not an error (exit code 1, as grep).
        Error::NotFound(message) => {
            format!("backcare: {}\n", crate::sanitize::visible_lines(message))
        }
    };
    let _ = io::stderr().write_all(text.as_bytes());
}

/// A mistake in the config file or the environment stops only the commands whose result it
/// would change (each command says which, as its `STOPPED_BY`), naming the file (or variable)
/// and key; for the others it costs one warning line.
fn settle_config_problems(
    command: &Command,
    paths: &Paths,
    problems: Vec<ConfigProblem>,
) -> Result<(), Error> {
    let Some(first) = problems.first() else {
        return Ok(());
    };
    let stopped_by = match command {
        Command::Tip(_) => commands::tip::STOPPED_BY,
        Command::Line(_) => commands::line::STOPPED_BY,
        Command::Export(_) => commands::export::STOPPED_BY,
        Command::WarningSigns(_) => commands::warning_signs::STOPPED_BY,
        Command::Init(_) | Command::Completions(_) | Command::Man | Command::Template => {
            StoppedBy::Nothing
        }
        Command::Check(_) => commands::check::STOPPED_BY,
        Command::Config(_) => commands::config::STOPPED_BY,
        Command::Status => commands::status::STOPPED_BY,
        Command::Stretch(_) => commands::stretch::STOPPED_BY,
        Command::Remind(_) => commands::remind::STOPPED_BY,
        Command::List(_) | Command::Search(_) | Command::Show(_) | Command::Topics => {
            commands::list::STOPPED_BY
        }
        Command::Hide(_) | Command::Unhide(_) => commands::hide::STOPPED_BY,
        Command::Log(_) => commands::log::STOPPED_BY,
        Command::Diary(_) => commands::diary::STOPPED_BY,
    };
    if problems.iter().any(|problem| stopped_by.stops(problem)) {
        return Err(Error::Data(
            problems
                .into_iter()
                .map(|problem| problem.diagnostic)
                .collect(),
        ));
    }
    let more = match problems.len() {
        1 => String::new(),
        n => format!(" (and {} more; run `backcare status`)", n - 1),
    };
    let message = format!("{}{more}", first.diagnostic.headline());
    match command {
        // The snippet, scripts and pages print no warning (the start-up tip tells it once a
        // day), and `check` tells every problem itself.
        Command::Init(_)
        | Command::Completions(_)
        | Command::Man
        | Command::Template
        | Command::Check(_) => {}
        // A shell start says it once a day (or when the file changes), in one line.
        Command::Tip(args) if args.startup => {
            let state_dir = paths.state_dir.as_deref();
            warn_at_startup(state_dir, paths.config_file().as_deref(), &message);
        }
        _ => warn(&message),
    }
    Ok(())
}

fn execute(cli: Cli) -> Result<Exit, Error> {
    let paths = Paths::from_environment();
    let (config, mut problems) = match paths.config_file() {
        Some(path) => Config::load(&path),
        None => (Config::default(), Vec::new()),
    };
    let mut config = config.with_environment(|name| std::env::var(name).ok(), &mut problems);
    config.problems = problems.clone();
    settle_config_problems(&cli.command, &paths, problems)?;
    let stdout_is_terminal = io::stdout().is_terminal();
    let choice = cli
        .global
        .color
        .or(config.color)
        .unwrap_or(ColorChoice::Auto);
    let screen = Screen {
        style: Style::new(output::use_color(choice, stdout_is_terminal)),
        width: output::width(cli.global.width.map(usize::from), stdout_is_terminal),
        on_terminal: stdout_is_terminal,
    };
    let context = Context {
        global: cli.global,
        paths,
        config,
        screen,
    };
    let has_json = !matches!(
        cli.command,
        Command::Init(_)
            | Command::Completions(_)
            | Command::Man
            | Command::Template
            | Command::Line(_)
            | Command::Export(_)
    );
    if context.global.json && !has_json {
        return Err(Error::Usage(
            "--json is not available for init, completions, man, template, line and export, which print scripts, pages, files and markup"
                .to_string(),
        ));
    }
    dispatch(&context, cli.command)
}

/// Runs `command` in `context`: each command is the function `run` of its own module.
fn dispatch(context: &Context, command: Command) -> Result<Exit, Error> {
    match command {
        Command::Tip(args) => commands::tip::run(context, args),
        Command::List(args) => {
            commands::list::run(context, &args.topics.topics, &args.stage, args.hidden)
        }
        Command::Search(args) => {
            commands::search::run(context, &args.words, &args.topics.topics, &args.stage)
        }
        Command::Show(args) => commands::show::run(context, &args.ids),
        Command::Hide(args) => commands::hide::run(context, &args.ids, true),
        Command::Line(args) => commands::line::run(context, &args),
        Command::Export(args) => commands::export::run(context, &args),
        Command::Stretch(args) => commands::stretch::run(context, &args),
        Command::Remind(args) => commands::remind::run(context, &args),
        Command::Unhide(args) => commands::hide::run(context, &args.ids, false),
        Command::Topics => commands::topics::run(context),
        Command::WarningSigns(args) => {
            commands::warning_signs::run(context, args.region.as_deref())
        }
        Command::Status => commands::status::run(context),
        Command::Check(args) => commands::check::run(context, &args.paths),
        Command::Config(args) => commands::config::run(context, args.action.as_ref()),
        Command::Log(args) => commands::log::run(context, &args),
        Command::Diary(args) => commands::diary::run(context, &args),
        Command::Init(args) => {
            emit(&init::snippet(args.shell, args.every, !args.no_completions))?;
            Ok(Exit::Success)
        }
        Command::Completions(args) => {
            emit(&completions::script(args.shell))?;
            Ok(Exit::Success)
        }
        Command::Man => {
            emit(&man::page())?;
            Ok(Exit::Success)
        }
        Command::Template => {
            emit(template::EXAMPLE)?;
            Ok(Exit::Success)
        }
    }
}
