//! `backcare log`: one entry in the pain diary (see `diary`), saved before it is confirmed.
//! An entry that mentions a warning sign is followed by those signs and who to call.

use std::io::{self, BufRead, IsTerminal, Write};

use super::{Context, emit};
use crate::cli::LogArgs;
use crate::config::StoppedBy;
use crate::diary::{
    self, Entry, Kind, Words, checked_places, clean_text as text, place_names, when,
};
use crate::error::{Error, Exit};
use crate::output::json;
use crate::warning_signs;

/// Nothing: what the person writes down is saved whatever the config says.
pub const STOPPED_BY: StoppedBy = StoppedBy::Nothing;

pub fn run(context: &Context, args: &LogArgs) -> Result<Exit, Error> {
    let words = diary::words()?;
    let path = diary::path(&context.paths)?;
    let now = jiff::Timestamp::now().to_zoned_datetime(crate::os::time_zone());
    let at = match args.at.is_empty() {
        true => now.clone(),
        false => when::parse(&args.at.join(" "), &now).map_err(Error::Usage)?,
    };
    // What was typed is checked before anything is asked.
    let note = match &args.question {
        Some(question) => text("--question", question)?,
        None => text("--note", args.note.as_deref().unwrap_or(""))?,
    };
    let helped = text("--helped", args.helped.as_deref().unwrap_or(""))?;
    let (kind, places) = match (&args.question, args.score) {
        (Some(_), _) => (Kind::Question, Vec::new()),
        (None, Some(score)) => (
            Kind::Pain(score),
            checked_places(&words, &args.places).map_err(Error::Usage)?,
        ),
        (None, None) => {
            let (score, places) = ask(&words)?;
            (Kind::Pain(score), places)
        }
    };
    if kind == Kind::Question && note.is_empty() {
        return Err(Error::Usage("--question needs the question".to_string()));
    }
    let entry = diary::append(&path, |id| Entry {
        id,
        time: when::written(&at),
        at: at.timestamp(),
        local: at.datetime(),
        kind,
        places,
        helped,
        note,
    })?;
    let signs = mentioned_signs(context, &words, &entry)?;
    if context.global.json {
        emit(&json::render(&entry.object()))?;
        return Ok(Exit::Success);
    }
    let mut out = format!("{}\n", confirmation(context, &words, &entry));
    if let Some(signs) = signs {
        out.push('\n');
        out.push_str(&signs);
    }
    if matches!(entry.kind, Kind::Pain(score) if score >= words.warnings.severe_score) {
        out.push_str(
            &context
                .screen
                .style
                .alert(&context.screen.wrap(&words.warnings.severe, "")),
        );
        out.push('\n');
    }
    emit(&out)?;
    Ok(Exit::Success)
}

/// "Saved #12: 6/10 in the lower back and hip, Mon 30 Nov 21:00 (25+1 weeks pregnant)."
fn confirmation(context: &Context, words: &Words, entry: &Entry) -> String {
    let when = entry.local.strftime("%a %-d %b %H:%M");
    let week = match context.progress_on(entry.local.date()) {
        Ok(Some(progress)) => format!(" ({})", progress.describe()),
        _ => String::new(),
    };
    let line = match entry.kind {
        Kind::Question => format!(
            "Saved question #{} for your next appointment, {when}. backcare diary questions lists them.",
            entry.id
        ),
        Kind::Pain(score) => {
            let places = match place_names(words, &entry.places) {
                names if names.is_empty() => String::new(),
                names => format!(" in the {names}"),
            };
            format!("Saved #{}: {score}/10{places}, {when}{week}.", entry.id)
        }
    };
    // One line, however long, for a script to read back.
    line
}

/// The warning signs the entry mentions, laid out with the numbers to call, or `None`.
fn mentioned_signs(
    context: &Context,
    words: &Words,
    entry: &Entry,
) -> Result<Option<String>, Error> {
    let text = format!(
        "{} {} {}",
        entry.note,
        entry.helped,
        place_names(words, &entry.places)
    );
    let mentions = warning_signs::mentions(&text, &words.warnings.words);
    if mentions.is_empty() {
        return Ok(None);
    }
    let sheet = warning_signs::sheet().map_err(Error::Other)?;
    let region = warning_signs::resolve_region(&sheet, None, context.config.region.as_ref())
        .map_or_else(|_| sheet.fallback(), |(region, _)| region);
    let signs = warning_signs::mentioned(&sheet, region, context.reader_stage(), &mentions);
    if signs.is_empty() {
        return Ok(None);
    }
    let mut out = context.screen.wrap(
        "What you wrote may be a warning sign. If it is, get help now:",
        "",
    );
    out.push('\n');
    out.push_str(&warning_signs::found_text(
        &context.screen,
        region,
        &signs,
        &[],
    ));
    Ok(Some(out))
}

/// `log` alone on a terminal: the score, then the places, in two short prompts.
fn ask(words: &Words) -> Result<(u8, Vec<String>), Error> {
    if !io::stdin().is_terminal() || !io::stderr().is_terminal() {
        return Err(Error::Usage(
            "log needs a score from 0 (no pain) to 10 (the worst imaginable), such as: backcare log 6 --where lower-back".to_string(),
        ));
    }
    let score = loop {
        let answer =
            prompt("How bad is your back pain, from 0 (none) to 10 (the worst imaginable)? ")?;
        match answer.trim().parse::<u8>() {
            Ok(score) if score <= 10 => break score,
            _ => eprintln!("A whole number from 0 to 10, please."),
        }
    };
    let ids: Vec<&str> = words.places.iter().map(|place| place.id.as_str()).collect();
    loop {
        let answer = prompt(&format!(
            "Where? {} (commas between several; Enter to skip) ",
            ids.join(", ")
        ))?;
        let given: Vec<String> = answer.split(',').map(str::to_string).collect();
        match checked_places(words, &given) {
            Ok(places) => return Ok((score, places)),
            Err(message) => eprintln!("{message}"),
        }
    }
}

/// Asks on stderr and reads one line; the end of input saves nothing.
fn prompt(question: &str) -> Result<String, Error> {
    eprint!("{question}");
    let _ = io::stderr().flush();
    let mut answer = String::new();
    match io::stdin().lock().read_line(&mut answer) {
        Ok(0) | Err(_) => Err(Error::Usage("nothing was saved".to_string())),
        Ok(_) => Ok(answer),
    }
}
