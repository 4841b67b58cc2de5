//! Running one command: parse, gather settings (command line, then environment, then config
//! file, then defaults), do the work, print. The one place that turns errors into messages and
//! exit codes.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, ColorChoice, Command};
use crate::commands::{Context, completions, emit, init, man};
use crate::config::Config;
use crate::error::{Error, Exit};
use crate::output::{self, Screen, Style};
use crate::paths::Paths;

/// Runs backcare with `args` (the program name first) and returns its exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let args: Vec<OsString> = args.into_iter().collect();
    if completions::answer_if_asked(&args) {
        return ExitCode::SUCCESS;
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to stdout with 0; usage errors to stderr with 2. clap quotes
            // the value the user typed (or an environment variable held), so its text is made
            // safe for the terminal like everything else.
            let text = output::sanitize::visible_lines(&error.render().to_string());
            if error.use_stderr() {
                let _ = io::stderr().write_all(text.as_bytes());
            } else {
                let _ = emit(&text);
            }
            return ExitCode::from(error.exit_code().clamp(0, 255) as u8);
        }
    };
    // `tip` runs at every shell start: whatever goes wrong costs it one line, even on a
    // terminal, where other commands show the offending line of a file too.
    let one_line = matches!(cli.command, Command::Tip(_));
    match execute(cli) {
        Ok(exit) => exit.into(),
        Err(error) => {
            report(&error, one_line);
            error.exit().into()
        }
    }
}

fn report(error: &Error, one_line: bool) {
    let with_source = !one_line && io::stderr().is_terminal();
    let text = match error {
        Error::Data(problems) if one_line && problems.len() > 1 => format!(
            "{} (and {} more; run `backcare check`)\n",
            problems[0].headline(),
            problems.len() - 1
        ),
        Error::Data(problems) => problems
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
        Error::Usage(message) => format!("backcare: error: {message}\n"),
        Error::NotFound(message) | Error::Other(message) => format!("backcare: {message}\n"),
    };
    let _ = io::stderr().write_all(text.as_bytes());
}

fn execute(cli: Cli) -> Result<Exit, Error> {
    let paths = Paths::from_environment();
    let config = match paths.config_file() {
        Some(path) => Config::load(&path)?,
        None => Config::default(),
    };
    let stdout_is_terminal = io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    let choice = cli
        .global
        .color
        .or(config.color)
        .unwrap_or(ColorChoice::Auto);
    let screen = Screen {
        style: Style::new(output::use_color(choice, stdout_is_terminal, no_color)),
        width: output::width(stdout_is_terminal),
    };
    let context = Context {
        global: cli.global,
        paths,
        config,
        screen,
    };
    match cli.command {
        Command::Tip(args) => context.tip(args),
        Command::List(args) => context.list(&args.topics.topics, &args.stage),
        Command::Search(args) => context.search(&args.words, &args.stage),
        Command::Show(args) => context.show(&args.id),
        Command::Topics => context.topics(),
        Command::WarningSigns(args) => context.warning_signs(args.region.as_deref()),
        Command::Status => context.status(),
        Command::Check(args) => context.check(&args.paths),
        Command::Init(args) => {
            emit(&init::snippet(args.shell, args.every))?;
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
    }
}
