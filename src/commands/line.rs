//! `backcare line`: one tip on one line, for status bars and prompts, in the markup each
//! expects. Bars poll every few seconds, so the tip is a pure function of the clock: the same
//! for a whole period, the next one after it, with no state read or written (a poll costs what
//! a seeded tip costs, and never counts as a tip shown).

use super::{Context, emit};
use crate::cli::{LineArgs, LineFormat};
use crate::config::StoppedBy;
use crate::error::{Error, Exit};
use crate::sanitize::{self, one_line};
use crate::select;
use crate::select::{pickable, tip_topics};
use crate::state;
use crate::tips::Tip;

// A status bar always shows a line.
pub const STOPPED_BY: StoppedBy = StoppedBy::Nothing;

/// The colour of the line where the format has one (the topic colour of `tip`'s output).
const COLOUR: &str = "#5fafff";

pub fn run(context: &Context, args: &LineArgs) -> Result<Exit, Error> {
    let catalog = context.catalog_for_tip(false)?;
    let topics = tip_topics(&context.config, &catalog, &args.topics.topics)?;
    let progress = context.progress().unwrap_or(None);
    let mut tips = pickable(&catalog, &topics, &args.stage, progress)?;
    // Like `fortune -s`: with a width, only the tips that fit take turns, if any do.
    if let Some(max) = args.max {
        let fitting: Vec<&Tip> = tips
            .iter()
            .copied()
            .filter(|tip| one_line(&tip.text).chars().count() <= usize::from(max))
            .collect();
        if !fitting.is_empty() {
            tips = fitting;
        }
    }
    let now = args.at.unwrap_or_else(state::now);
    let period = args.period.0.as_secs().max(1);
    let tip = select::in_turn(&tips, (now / period) as i64);
    let full = one_line(&tip.text);
    let text = match args.max {
        Some(max) => shorten(&full, usize::from(max)),
        None => full.clone(),
    };
    let title = catalog
        .topic(&tip.topic)
        .map_or_else(|| one_line(&tip.topic), |topic| one_line(&topic.title));
    let tooltip = format!("{title} · {}: {full}", one_line(&tip.id));
    emit(&render(args.format, &text, &tooltip))?;
    Ok(Exit::Success)
}

/// The line in `format`'s markup, with what the format treats as markup escaped in the text.
fn render(format: LineFormat, text: &str, tooltip: &str) -> String {
    match format {
        LineFormat::Plain | LineFormat::Starship => format!("{text}\n"),
        // tmux: `#` starts a format; `##` is a literal one.
        LineFormat::Tmux => format!("#[fg={COLOUR}]{}#[default]\n", text.replace('#', "##")),
        // polybar: `%{...}` is a tag, and polybar has no escape for it (`%%` shows as two
        // signs, polybar#2748): a `%{` in the text is broken apart so no tag can form.
        LineFormat::Polybar => format!("%{{F{COLOUR}}}{}%{{F-}}\n", text.replace("%{", "% {")),
        // i3blocks: full_text, short_text, colour, one per line, as Pango markup.
        LineFormat::I3blocks => format!(
            "{}\n{}\n{COLOUR}\n",
            sanitize::pango(text),
            sanitize::pango(&shorten(text, 40))
        ),
        // waybar (`return-type: json`): one line of JSON; text and tooltip are Pango markup.
        LineFormat::Waybar => {
            let object = serde_json::json!({
                "text": sanitize::pango(text),
                "tooltip": sanitize::pango(tooltip),
                "class": "backcare",
            });
            format!("{object}\n")
        }
    }
}

/// `text` cut to at most `max` characters at a word boundary, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let room = max.saturating_sub(1);
    let mut cut = String::new();
    for word in text.split(' ') {
        let next = if cut.is_empty() {
            word.to_string()
        } else {
            format!("{cut} {word}")
        };
        if next.chars().count() > room {
            break;
        }
        cut = next;
    }
    if cut.is_empty() {
        // One long word: cut inside it.
        cut = text.chars().take(room).collect();
    }
    cut.trim_end_matches([',', ';', ':', '.']).to_string() + "…"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortening_cuts_at_a_word_and_marks_the_cut() {
        assert_eq!(
            shorten("Sit with your back supported.", 100),
            "Sit with your back supported."
        );
        assert_eq!(
            shorten("Sit with your back supported.", 15),
            "Sit with your…"
        );
        assert_eq!(shorten("Sit, then stand.", 6), "Sit…");
        assert_eq!(shorten("Supercalifragilistic", 6), "Super…");
        for max in 1..40 {
            assert!(
                shorten("Sit with your back supported by a cushion.", max)
                    .chars()
                    .count()
                    <= max
            );
        }
    }

    #[test]
    fn markup_in_the_text_is_escaped() {
        assert_eq!(
            render(LineFormat::Tmux, "Use #1 tip", ""),
            "#[fg=#5fafff]Use ##1 tip#[default]\n"
        );
        assert_eq!(
            render(LineFormat::Polybar, "100% sure", ""),
            "%{F#5fafff}100% sure%{F-}\n"
        );
        let planted = render(LineFormat::Polybar, "%{A1:rm -rf ~:}click%{A}", "");
        assert_eq!(planted.matches("%{").count(), 2, "{planted}");
        let waybar = render(LineFormat::Waybar, "Tom & <b>Jerry</b>", "a & b");
        assert!(
            waybar.contains("Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;"),
            "{waybar}"
        );
        assert!(waybar.contains("a &amp; b"), "{waybar}");
        let i3 = render(LineFormat::I3blocks, "<span>&", "");
        assert!(i3.starts_with("&lt;span&gt;&amp;\n"), "{i3}");
    }
}
