//! The command line, as data. Doc comments here are the `--help` text. Nothing outside this
//! module and `app` sees clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;

use crate::every::Every;

pub const DISCLAIMER: &str = "backcare offers general information, not medical advice: ask your midwife or doctor about your own pregnancy.";

const AFTER_HELP: &str = "\
Examples:
  backcare tip                      one random tip
  backcare tip --topic sleep        one tip about sleep
  backcare list --topic posture     every posture tip
  backcare search lifting           tips that mention lifting
  backcare show sleep-side-from-28-weeks   one tip by its id
  backcare warning-signs            when back pain needs a midwife or doctor now
  backcare check                    check your own tips files

Exit codes (as grep):
  0  done (check: the files are clean)
  1  nothing found: no match, an unknown id (check: problems found)
  2  an error: wrong usage, an unreadable or invalid file
  130  stretch: a session stopped with Ctrl-C (128 + the signal's number)

backcare offers general information, not medical advice: ask your midwife or doctor about your own pregnancy.";

/// Short, trustworthy back-care tips for pregnancy.
///
/// To see one tip when a terminal opens, add to ~/.bashrc:
///   type -P backcare >/dev/null && eval "$(backcare init bash)"
/// to ~/.zshrc:
///   whence -p backcare >/dev/null && eval "$(backcare init zsh)"
/// or to ~/.config/fish/config.fish:
///   command -q backcare; and backcare init fish | source
/// (with the package, source /usr/share/backcare/init.SHELL instead: see the README).
/// Built-in tips need no set-up; your own tips files are layered over them.
#[derive(Debug, Parser)]
#[command(name = "backcare", version, after_help = AFTER_HELP, verbatim_doc_comment)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The command lines a shell start runs, read without clap: `init SHELL` (the start-up
    /// line), and a plain `tip` (`--startup`, `--every DURATION`, `--seed N`, `--daily`, each at
    /// most once, nothing else). Building clap's command tree is most of what they cost beyond
    /// starting a process (see the README's Speed section). Any other command line returns
    /// `None` and goes through clap, so help, errors and every other form are clap's. A test
    /// checks that both readings agree.
    pub fn parse_shell_start(args: &[std::ffi::OsString]) -> Option<Cli> {
        let words: Vec<&str> = args
            .get(1..)?
            .iter()
            .map(|arg| arg.to_str())
            .collect::<Option<_>>()?;
        let command = match words.as_slice() {
            ["init", shell] => Command::Init(InitArgs {
                shell: match *shell {
                    "bash" => InitShell::Bash,
                    "zsh" => InitShell::Zsh,
                    "fish" => InitShell::Fish,
                    _ => return None,
                },
                every: None,
                no_completions: false,
            }),
            ["tip", options @ ..] => Command::Tip(TipArgs::parse_plain(options)?),
            _ => return None,
        };
        Some(Cli {
            global: GlobalArgs::default(),
            command,
        })
    }
}

#[derive(Debug, Default, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Add a tips file to the built-in set (repeatable; BACKCARE_TIPS adds files too,
    /// separated by ':')
    #[arg(long = "file", value_name = "PATH", global = true)]
    pub files: Vec<PathBuf>,

    /// Leave the built-in tips out
    #[arg(long, global = true)]
    pub no_builtin: bool,

    /// When to use colours: auto colours a terminal unless NO_COLOR or TERM=dumb is set
    /// (also BACKCARE_COLOR, CLICOLOR, CLICOLOR_FORCE)
    #[arg(long, value_enum, value_name = "WHEN", global = true)]
    pub color: Option<ColorChoice>,

    /// Wrap text to N columns (default: the terminal's width, up to 100; in a pipe, COLUMNS
    /// or 80)
    #[arg(long, value_name = "N", global = true, value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,

    /// Never page long output (by default, on a terminal, output taller than the screen goes
    /// through BACKCARE_PAGER, PAGER or `less -FRX`)
    #[arg(long, global = true)]
    pub no_pager: bool,

    /// Print JSON instead of text
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// The choice as the config file and `BACKCARE_COLOR` write it.
    pub fn from_name(name: &str) -> Option<ColorChoice> {
        match name {
            "auto" => Some(ColorChoice::Auto),
            "always" => Some(ColorChoice::Always),
            "never" => Some(ColorChoice::Never),
            _ => None,
        }
    }
}

#[derive(Debug, Subcommand)]
// Clap builds a subcommand's arguments only when that subcommand runs: a faster start-up.
#[command(defer = true)]
pub enum Command {
    /// Show one random tip
    #[command(
        after_help = "Examples:\n  backcare tip\n  backcare tip --topic sleep --topic relief\n  backcare tip --every 4h      at most one tip every four hours\n  backcare tip --daily         the same tip all day"
    )]
    Tip(TipArgs),

    /// List tips, grouped by topic
    #[command(
        after_help = "Examples:\n  backcare list\n  backcare list --topic posture\n  backcare list --stage third"
    )]
    List(ListArgs),

    /// Find tips containing every word (case and accents ignored)
    #[command(after_help = "Examples:\n  backcare search sleep\n  backcare search heat pack")]
    Search(SearchArgs),

    /// Show tips by their ids, with their stages, tags and sources
    #[command(
        after_help = "Examples:\n  backcare show sleep-side-from-28-weeks\n  backcare show relief-heat-cold pgp-one-leg"
    )]
    Show(IdArgs),

    /// List the topics with their descriptions and number of tips
    #[command(after_help = "Examples:\n  backcare topics\n  backcare topics --json")]
    Topics,

    /// When back pain needs a midwife, doctor or emergency services, with the numbers to call
    #[command(
        after_help = "Examples:\n  backcare warning-signs\n  backcare warning-signs --region us\n\nRegions: uk (or england, wales, scotland, ni), im, je, gg, ie, us, ca, eu, au, nz,\nor a country code such as de. Without --region,\nthe `region` setting of the config file applies, then the country of your locale\n(LC_ALL, LC_MESSAGES, LANG); where none is known, the common numbers are shown side by side."
    )]
    WarningSigns(WarningSignsArgs),

    /// Show the pregnancy week and stage in use, and the files backcare reads and writes
    #[command(
        after_help = "Example:\n  backcare status    (set due_date in ~/.config/backcare/config.toml)"
    )]
    Status,

    /// Check tips files and report every problem (default: every file backcare would load)
    #[command(after_help = "Examples:\n  backcare check\n  backcare check my-tips.toml")]
    Check(CheckArgs),

    /// Print a snippet for your shell's start-up file
    #[command(
        after_help = "Examples:\n  type -P backcare >/dev/null && eval \"$(backcare init bash)\"     in ~/.bashrc\n  whence -p backcare >/dev/null && eval \"$(backcare init zsh)\"    in ~/.zshrc\n  command -q backcare; and backcare init fish | source            in ~/.config/fish/config.fish\n\nWith the Debian package, source the installed snippet instead (one process, the tip):\n  [ -r /usr/share/backcare/init.bash ] && . /usr/share/backcare/init.bash"
    )]
    Init(InitArgs),

    /// Print a completion script for your shell
    #[command(
        after_help = "Examples:\n  source <(backcare completions bash)     in ~/.bashrc\n  source <(backcare completions zsh)      in ~/.zshrc\n  backcare completions fish | source     in ~/.config/fish/config.fish"
    )]
    Completions(CompletionsArgs),

    /// Never pick these tips again (`list` and `search` still show them, marked)
    #[command(
        after_help = "Examples:\n  backcare hide posture-shoes\n  backcare list --hidden      the tips you hid\n  backcare unhide posture-shoes"
    )]
    Hide(IdArgs),

    /// Let `tip` pick hidden tips again
    #[command(after_help = "Example:\n  backcare unhide posture-shoes")]
    Unhide(UnhideArgs),

    /// One tip on one line for a status bar or prompt; the same tip for a whole period
    #[command(
        after_help = "Examples:\n  backcare line                         plain text\n  backcare line --format waybar         one line of JSON (text, tooltip, class)\n  backcare line --format tmux --max 60\n\nFormats: plain, tmux, waybar, i3blocks, polybar, starship. The README has a snippet\nfor each. Polls read and write no state, and never count as a tip shown."
    )]
    Line(LineArgs),

    /// A printable handout: the chosen tips by topic, the warning signs for your region, and
    /// every source with its address; or a summary of your pain diary for an appointment
    #[command(
        after_help = "Examples:\n  backcare export --format html > back-care.html\n  backcare export --format markdown --topic posture,sleep --stage third\n  backcare export --format html --region ie\n  backcare export --for-appointment --format html > appointment.html\n  backcare export --for-appointment --weeks 2 --format markdown\n\nWithout --stage or --week, the handout holds the tips for your stage when your dates are set.\nThe summary fits one or two printed pages for four weeks of daily entries; open the HTML\npage in a browser and print it."
    )]
    Export(ExportArgs),

    /// A short guided exercise session for your back, safe for your stage, with a countdown
    #[command(
        after_help = "Examples:\n  backcare stretch --list        the routines, with their length\n  backcare stretch desk          a session at your desk\n  backcare stretch evening --week 30\n  backcare stretch desk | lpr    the routine as text, to print\n\nKeys during a session: space pauses, n or Enter skips to the next exercise, q quits.\nSet pelvic_girdle_pain = true in the config file to leave out wide-leg movements.\nStop if anything hurts, or you feel dizzy, bleed or leak fluid: backcare warning-signs."
    )]
    Stretch(StretchArgs),

    /// Write down how your back is: a score from 0 (none) to 10 (worst imaginable), where,
    /// what helped; kept on this computer only
    #[command(
        after_help = "Examples:\n  backcare log 6 --where lower-back,hip --helped heat\n  backcare log 4 --note \"stiff after the drive\" --at \"yesterday 21:00\"\n  backcare log --question \"Can I still swim?\"     one to ask at the next appointment\n  backcare log                 asks for the score and the place\n\nPlaces: lower-back, upper-back, pelvis-front, pelvis-back, hip, buttock, leg, tailbone, ribs.\nA note that mentions a warning sign (numbness, bleeding, fever...) shows who to call.\nThe diary is yours: backcare never sends it anywhere. See backcare diary."
    )]
    Log(LogArgs),

    /// Your pain diary: the last four weeks at a glance, then the entries
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "Examples:\n  backcare diary                 the last four weeks\n  backcare diary --weeks 12\n  backcare diary --csv > back.csv     for a spreadsheet\n  backcare diary edit 12 --score 5\n  backcare diary remove 12\n  backcare diary questions\n  backcare export --for-appointment --format html > appointment.html\n\nThe diary records; you and your midwife interpret: backcare draws no conclusions from it."
    )]
    Diary(DiaryArgs),

    /// Desktop reminders to move, on a timer, in your work hours: set up, try, snooze, remove
    #[command(
        after_help = "Examples:\n  backcare remind on                 every 45m, Monday to Friday, 9:00 to 17:00\n  backcare remind on --every 1h --hours 8-16 --days mon,wed,fri\n  backcare remind now --force        one now, to try it\n  backcare remind off --today        none until tomorrow\n  backcare remind off                the timer and its files removed\n  backcare remind                    whether they are on, the next, and how they come\n\nOn Linux a systemd user timer runs `backcare remind now`, which sends a notification\nover the session D-Bus at low urgency, replacing the last; on macOS a LaunchAgent and\nosascript. Without systemd, `remind on` prints the crontab lines that do the same."
    )]
    Remind(RemindArgs),

    /// Show the settings and where each comes from, or get, set or unset one
    #[command(
        after_help = "Examples:\n  backcare config                        every setting, and where it comes from\n  backcare config set due_date 2027-03-14\n  backcare config set every 4h\n  backcare config get region\n  backcare config unset every\n\nKeys: due_date, birth_date, region, topics, every, daily, color, pelvic_girdle_pain,\nstretch_reminder, remind_every, remind_hours, remind_days. Comments and the order of the file are kept."
    )]
    Config(ConfigArgs),

    /// Print a commented example tips file to start your own from
    #[command(
        after_help = "Example:\n  backcare template > ~/.config/backcare/tips.toml\n  backcare check ~/.config/backcare/tips.toml"
    )]
    Template,

    /// Print the manual page (roff)
    #[command(after_help = "Example:\n  backcare man > ~/.cargo/share/man/man1/backcare.1")]
    Man,
}

#[derive(Debug, Args)]
pub struct TipArgs {
    #[command(flatten)]
    pub topics: TopicArgs,

    #[command(flatten)]
    pub stage: StageArgs,

    /// Stay quiet if the last tip was shown less than DURATION ago (30m, 4h, 1d, off)
    #[arg(long, value_name = "DURATION")]
    pub every: Option<Every>,

    /// Run as the start-up snippet does: the `every` and `daily` settings (config file,
    /// BACKCARE_EVERY) apply. A tip typed by hand always shows.
    #[arg(long, hide = true)]
    pub startup: bool,

    /// The same tip all day (local date), a different one tomorrow
    #[arg(long, conflicts_with = "seed")]
    pub daily: bool,

    /// Pick deterministically from N, reading and writing no state
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// The time to act at, in Unix seconds, instead of now (for tests)
    #[arg(long, value_name = "SECONDS", hide = true)]
    pub at: Option<u64>,
}

impl TipArgs {
    /// See [`Cli::parse_shell_start`].
    fn parse_plain(options: &[&str]) -> Option<TipArgs> {
        let (mut every, mut seed, mut startup, mut daily) = (None, None, false, false);
        let mut words = options.iter();
        while let Some(&word) = words.next() {
            match word {
                "--startup" if !startup => startup = true,
                "--daily" if !daily && seed.is_none() => daily = true,
                "--every" if every.is_none() => every = Some(words.next()?.parse().ok()?),
                "--seed" if seed.is_none() && !daily => seed = Some(words.next()?.parse().ok()?),
                _ => return None,
            }
        }
        Some(TipArgs {
            topics: TopicArgs { topics: Vec::new() },
            stage: StageArgs {
                week: None,
                stage: None,
            },
            every,
            startup,
            daily,
            seed,
            at: None,
        })
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub topics: TopicArgs,

    #[command(flatten)]
    pub stage: StageArgs,

    /// Only the tips you hid with `backcare hide`
    #[arg(long)]
    pub hidden: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words that must all appear
    #[arg(value_name = "WORD", required = true)]
    pub words: Vec<String>,

    #[command(flatten)]
    pub topics: TopicArgs,

    #[command(flatten)]
    pub stage: StageArgs,
}

#[derive(Debug, Args)]
pub struct LineArgs {
    #[command(flatten)]
    pub topics: TopicArgs,

    #[command(flatten)]
    pub stage: StageArgs,

    /// The markup of the status bar or prompt
    #[arg(long, value_enum, default_value = "plain")]
    pub format: LineFormat,

    /// At most N characters: a tip that fits is chosen if any does (as `fortune -s`), and
    /// otherwise the tip is cut at a word with an ellipsis (the full tip goes in the tooltip)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(10..))]
    pub max: Option<u16>,

    /// How long one tip stays before the next (30m, 4h, 1d)
    #[arg(long, value_name = "DURATION", default_value = "10m")]
    pub period: Every,

    /// The time to show the tip for, in Unix seconds, instead of now (for tests)
    #[arg(long, value_name = "SECONDS", hide = true)]
    pub at: Option<u64>,
}

#[derive(Debug, Args)]
pub struct StretchArgs {
    /// The routine to do (without one, the routines are listed)
    #[arg(
        value_name = "ROUTINE",
        add = ArgValueCandidates::new(crate::candidates::routine_candidates)
    )]
    pub routine: Option<String>,

    /// List the routines, with their length for your stage
    #[arg(long, conflicts_with = "routine")]
    pub list: bool,

    #[command(flatten)]
    pub stage: StageArgs,

    /// Seconds of the session per real second, instead of 1 (for tests)
    #[arg(long, hide = true, default_value = "1", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub speed: u32,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Markdown, or one self-contained HTML page (inline CSS, no scripts) to print
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ExportFormat,

    #[command(flatten)]
    pub topics: TopicArgs,

    #[command(flatten)]
    pub stage: StageArgs,

    /// Whose emergency numbers to print (as for `warning-signs`)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    /// Instead of the handout, a summary of your pain diary for your midwife or doctor: your
    /// week, the warning signs, each day's highest score, the entries, your questions and the
    /// tips for the places you logged, on one or two printed pages
    #[arg(long, conflicts_with_all = ["topics", "week", "stage"])]
    pub for_appointment: bool,

    /// The weeks of the diary the summary shows, up to today (1-12, default 4)
    #[arg(long, value_name = "N", requires = "for_appointment", value_parser = clap::value_parser!(u16).range(1..=12))]
    pub weeks: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LineFormat {
    Plain,
    Tmux,
    Waybar,
    I3blocks,
    Polybar,
    Starship,
}

// Tip ids, for `show` and `hide` (a `//` comment: a doc comment would become their help).
#[derive(Debug, Args)]
pub struct IdArgs {
    /// The tips' ids, as printed by `tip`, `list` and `search` (any case)
    #[arg(
        value_name = "ID",
        required = true,
        add = ArgValueCandidates::new(crate::candidates::id_candidates)
    )]
    pub ids: Vec<String>,
}

#[derive(Debug, Args)]
pub struct UnhideArgs {
    /// The ids of hidden tips (`backcare list --hidden` shows them)
    #[arg(
        value_name = "ID",
        required = true,
        add = ArgValueCandidates::new(crate::candidates::hidden_candidates)
    )]
    pub ids: Vec<String>,
}

#[derive(Debug, Args)]
pub struct TopicArgs {
    /// Only tips from this topic (repeatable, or comma-separated)
    #[arg(
        long = "topic",
        short = 't',
        value_name = "TOPIC",
        value_delimiter = ',',
        add = ArgValueCandidates::new(crate::candidates::topic_candidates)
    )]
    pub topics: Vec<String>,
}

#[derive(Debug, Default, Args)]
pub struct StageArgs {
    /// Only tips for this week of pregnancy (1-42)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=42), conflicts_with = "stage")]
    pub week: Option<u8>,

    /// Only tips for this stage
    #[arg(long, value_enum, value_name = "STAGE", ignore_case = true)]
    pub stage: Option<StageChoice>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StageChoice {
    First,
    Second,
    Third,
    Postpartum,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// How bad the pain is: 0 (none) to 10 (the worst imaginable)
    #[arg(value_name = "SCORE", value_parser = clap::value_parser!(u8).range(0..=10))]
    pub score: Option<u8>,

    /// Where it hurts, separated by commas (lower-back, hip, ...)
    #[arg(long = "where", value_name = "PLACES", value_delimiter = ',', add = ArgValueCandidates::new(crate::candidates::place_candidates))]
    pub places: Vec<String>,

    /// A few words: what you were doing, how it feels
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,

    /// What helped: heat, rest, a routine such as desk, paracetamol...
    #[arg(long, value_name = "WHAT")]
    pub helped: Option<String>,

    /// When it was, if not now: 21:00, "yesterday 21:00", 2026-11-30 21:00
    #[arg(long, value_name = "WHEN", num_args = 1..=2)]
    pub at: Vec<String>,

    /// Keep a question for your next appointment instead (see `diary questions`)
    #[arg(long, value_name = "TEXT", conflicts_with_all = ["score", "places", "note", "helped"])]
    pub question: Option<String>,
}

#[derive(Debug, Args)]
pub struct DiaryArgs {
    #[command(subcommand)]
    pub action: Option<DiaryAction>,

    #[command(flatten)]
    pub view: DiaryView,
}

#[derive(Debug, Args)]
pub struct DiaryView {
    /// Show this many weeks up to today (default 4)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=520), conflicts_with_all = ["since", "all"])]
    pub weeks: Option<u16>,

    /// Show from this day (YYYY-MM-DD) up to today
    #[arg(long, value_name = "DATE", conflicts_with = "all")]
    pub since: Option<String>,

    /// Show every entry
    #[arg(long)]
    pub all: bool,

    /// The entries as CSV, for a spreadsheet
    #[arg(long)]
    pub csv: bool,
}

#[derive(Debug, Subcommand)]
pub enum DiaryAction {
    /// Change an entry (its id and time stay)
    Edit {
        #[arg(value_name = "ID")]
        id: u64,
        /// The new score, 0 to 10
        #[arg(long, value_parser = clap::value_parser!(u8).range(0..=10))]
        score: Option<u8>,
        /// The new places, separated by commas (an empty value clears them)
        #[arg(long = "where", value_name = "PLACES", value_delimiter = ',', num_args = 0..=1, add = ArgValueCandidates::new(crate::candidates::place_candidates))]
        places: Option<Vec<String>>,
        /// The new note (an empty one clears it)
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// What helped, anew (an empty value clears it)
        #[arg(long, value_name = "WHAT")]
        helped: Option<String>,
        /// The new text of a question
        #[arg(long, value_name = "TEXT")]
        question: Option<String>,
    },
    /// Remove an entry written by mistake
    Remove {
        #[arg(value_name = "ID")]
        id: u64,
    },
    /// The questions you kept for your next appointment
    Questions,
    /// Delete the whole diary, after you type `forget`
    Forget {
        /// Do not ask
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub action: Option<ConfigAction>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the value in effect of one setting
    Get {
        #[arg(value_name = "KEY", add = ArgValueCandidates::new(crate::candidates::setting_candidates))]
        key: String,
    },
    /// Write one setting to the config file, checked as backcare reads it
    Set {
        #[arg(value_name = "KEY", add = ArgValueCandidates::new(crate::candidates::setting_candidates))]
        key: String,
        /// The value, as you would say it: 2027-03-14, 4h, true, posture,sleep
        #[arg(value_name = "VALUE")]
        value: String,
    },
    /// Remove one setting from the config file
    Unset {
        #[arg(value_name = "KEY", add = ArgValueCandidates::new(crate::candidates::setting_candidates))]
        key: String,
    },
}

#[derive(Debug, Args)]
pub struct RemindArgs {
    #[command(subcommand)]
    pub action: Option<RemindAction>,

    /// The desktop to set reminders up for, instead of this system's (for tests)
    #[arg(long, value_enum, hide = true, global = true)]
    pub desktop: Option<Desktop>,
}

#[derive(Debug, Subcommand)]
pub enum RemindAction {
    /// Turn reminders on, or change them: the settings, then a timer that runs `remind now`
    On(RemindOnArgs),
    /// Turn reminders off: the timer and its files are removed
    Off {
        /// Only none today: they start again tomorrow
        #[arg(long)]
        today: bool,
    },
    /// Whether reminders are on, when the next one comes, and how they are delivered
    Status,
    /// Send a reminder now; outside your hours and days, or snoozed, it stays quiet
    Now {
        /// Send one whatever the hour, day or snooze
        #[arg(long)]
        force: bool,

        /// The time to act at, in Unix seconds, instead of now (for tests)
        #[arg(long, value_name = "SECONDS", hide = true)]
        at: Option<u64>,
    },
}

#[derive(Debug, Args)]
pub struct RemindOnArgs {
    /// The time between two reminders (30m, 45m, 1h30m; at least 10m), written to the
    /// config as `remind_every`
    #[arg(long, value_name = "DURATION")]
    pub every: Option<String>,

    /// The hours reminders come in, from the first up to the second (9-17), as
    /// `remind_hours`
    #[arg(long, value_name = "FROM-TO")]
    pub hours: Option<String>,

    /// The days (mon-fri, mon,wed,fri, sat-sun, daily), as `remind_days`
    #[arg(long, value_name = "DAYS")]
    pub days: Option<String>,

    /// Replace timer files that were changed by hand
    #[arg(long)]
    pub force: bool,
}

/// How reminders reach the desktop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Desktop {
    /// A systemd user timer (or cron), and a notification over the session D-Bus.
    Freedesktop,
    /// A LaunchAgent, and a notification through osascript.
    Macos,
}

#[derive(Debug, Args)]
pub struct WarningSignsArgs {
    /// Whose numbers to show: uk, us, ca, ie, eu, au, nz, or a country code (also
    /// BACKCARE_REGION)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files to check, layered over the built-in set like `--file`
    #[arg(value_name = "FILE")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The shell to print a snippet for
    #[arg(value_enum)]
    pub shell: InitShell,

    /// Show a tip at most once per DURATION (30m, 4h, 1d); without it, the `every` setting of
    /// the config file applies
    #[arg(long, value_name = "DURATION")]
    pub every: Option<Every>,

    /// Leave out the completions (the snippet sets them up too, so one line does both)
    #[arg(long)]
    pub no_completions: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print a completion script for
    #[arg(value_enum)]
    pub shell: CompletionShell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InitShell {
    Bash,
    Zsh,
    Fish,
}

impl StageArgs {
    /// The stage this command line asks for (`--week` or `--stage`), if it asks for one.
    pub fn explicit(&self) -> Option<crate::tips::Stage> {
        use crate::tips::Stage;
        if let Some(week) = self.week {
            return Some(crate::pregnancy::Progress::week(week).stage());
        }
        self.stage.map(|choice| match choice {
            StageChoice::First => Stage::First,
            StageChoice::Second => Stage::Second,
            StageChoice::Third => Stage::Third,
            StageChoice::Postpartum => Stage::Postpartum,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    fn words(line: &str) -> Vec<std::ffi::OsString> {
        line.split(' ').map(Into::into).collect()
    }

    #[test]
    fn shell_start_lines_are_read_exactly_as_clap_reads_them() {
        for line in [
            "backcare tip",
            "backcare tip --startup",
            "backcare tip --startup --every 4h",
            "backcare tip --every off --startup",
            "backcare tip --startup --every 1h30m",
            "backcare tip --seed 1",
            "backcare tip --seed +7 --every 30m",
            "backcare tip --daily --startup",
            "backcare init bash",
            "backcare init zsh",
            "backcare init fish",
        ] {
            let shortcut = Cli::parse_shell_start(&words(line)).expect(line);
            let clap = Cli::try_parse_from(words(line)).unwrap();
            assert_eq!(format!("{shortcut:?}"), format!("{clap:?}"), "{line}");
        }
    }

    #[test]
    fn every_other_line_is_left_to_clap() {
        for line in [
            "backcare",
            "backcare list",
            "backcare tip --every soon",
            "backcare tip --every",
            "backcare tip --seed -1",
            "backcare tip --seed 1 --daily",
            "backcare tip --daily --seed 1",
            "backcare tip --startup --startup",
            "backcare tip --every 4h --every 1h",
            "backcare tip --every=4h",
            "backcare tip --topic sleep",
            "backcare --json tip",
            "backcare tip --json",
            "backcare tip --help",
            "backcare tip extra",
            "backcare init",
            "backcare init tcsh",
            "backcare init bash --no-completions",
            "backcare init --help",
        ] {
            assert!(Cli::parse_shell_start(&words(line)).is_none(), "{line}");
        }
    }
}
