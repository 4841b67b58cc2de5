//! Everything a person reads: layout, wrapping and colour for text output, and JSON.
//! Colours are decided once (from `--color`, `NO_COLOR` and whether stdout is a terminal) and
//! only ever repeat what the words already say.

pub mod json;
pub mod print;

use std::ops::Range;

use crate::sanitize::{one_line, visible};
use crate::search::match_ranges;
use crate::tips::{Catalog, Tip};

/// The widest text is wrapped to, even on a wide terminal: long lines are hard to read.
pub const MAX_WIDTH: usize = 100;
/// The width used when stdout is not a terminal.
pub const PIPE_WIDTH: usize = 80;

/// ANSI styling, or none at all.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    color: bool,
}

impl Style {
    pub fn new(color: bool) -> Self {
        Style { color }
    }

    fn paint(&self, sgr: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn heading(&self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn topic(&self, text: &str) -> String {
        self.paint("1;36", text)
    }

    pub fn id(&self, text: &str) -> String {
        self.paint("33", text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    pub fn matched(&self, text: &str) -> String {
        self.paint("1;31", text)
    }

    pub fn alert(&self, text: &str) -> String {
        self.paint("1;31", text)
    }
}

/// Text layout for one run: a style and the width to wrap to.
pub struct Screen {
    pub style: Style,
    pub width: usize,
    /// Whether stdout is a terminal: header lines that help a reader are shown only there.
    pub on_terminal: bool,
}

impl Screen {
    /// On a terminal, a line naming the filters this command line set ("showing 12 of 81 tips
    /// in posture, for week 24"), so what is left out is never a surprise; `None` otherwise.
    pub fn filter_header(
        &self,
        shown: usize,
        total: usize,
        topics: &[String],
        stage: &crate::cli::StageArgs,
    ) -> Option<String> {
        let mut filters = Vec::new();
        if !topics.is_empty() {
            filters.push(format!("in {}", topics.join(", ")));
        }
        if let Some(week) = stage.week {
            filters.push(format!("for week {week}"));
        } else if let Some(stage) = stage.explicit() {
            filters.push(format!("for the {} stage", stage.name()));
        }
        if filters.is_empty() || !self.on_terminal {
            return None;
        }
        let text = format!("showing {shown} of {total} tips {}", filters.join(", "));
        Some(self.style.dim(&visible(&text)) + "\n\n")
    }

    /// Wraps `text` (already safe to print) with `indent` before every line.
    pub fn wrap(&self, text: &str, indent: &str) -> String {
        self.wrap_hanging(text, indent, indent)
    }

    /// Wraps `text` with `first` before the first line and `rest` before the others (bullets).
    pub fn wrap_hanging(&self, text: &str, first: &str, rest: &str) -> String {
        // Never break at a hyphen: `backcare warning-signs` must stay whole to be copied.
        let options = textwrap::Options::new(self.width.max(first.len().max(rest.len()) + 20))
            .initial_indent(first)
            .subsequent_indent(rest)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        textwrap::fill(text, options)
    }

    /// Tip text made safe, with the query words highlighted, wrapped under `indent`.
    fn tip_text(&self, tip: &Tip, indent: &str, highlight: &[String]) -> String {
        let text = one_line(&tip.text);
        if highlight.is_empty() {
            // Folding the text to find matches is the costliest step; `tip` never needs it.
            return self.wrap(&text, indent);
        }
        self.wrap(&self.highlighted(&text, highlight), indent)
    }

    /// `text` (already safe to print) with the words matching `highlight` painted.
    pub fn highlighted(&self, text: &str, highlight: &[String]) -> String {
        self.paint_ranges(text, &match_ranges(text, highlight))
    }

    fn paint_ranges(&self, text: &str, ranges: &[Range<usize>]) -> String {
        let mut painted = String::with_capacity(text.len());
        let mut at = 0;
        for range in ranges {
            painted.push_str(&text[at..range.start]);
            painted.push_str(&self.style.matched(&text[range.clone()]));
            at = range.end;
        }
        painted.push_str(&text[at..]);
        painted
    }

    /// `Topic title · tip-id` and the wrapped text: how `tip`, `show` and `search` print a tip.
    pub fn tip(&self, catalog: &Catalog, tip: &Tip, highlight: &[String]) -> String {
        let title = catalog
            .topic(&tip.topic)
            .map_or_else(|| one_line(&tip.topic), |topic| one_line(&topic.title));
        let id = visible(&tip.id);
        let (title, id) = if highlight.is_empty() {
            (self.style.topic(&title), self.style.id(&id))
        } else {
            (
                self.paint_ranges(&title, &match_ranges(&title, highlight)),
                self.paint_ranges(&id, &match_ranges(&id, highlight)),
            )
        };
        let hidden = if catalog.is_hidden(tip) {
            self.style.dim("  (hidden)")
        } else {
            String::new()
        };
        format!(
            "{title} {} {id}{hidden}\n{}\n",
            self.style.dim("·"),
            self.tip_text(tip, "  ", highlight)
        )
    }

    /// A tip with everything known about it, for `show`.
    pub fn details(&self, catalog: &Catalog, tip: &Tip) -> String {
        let mut text = self.tip(catalog, tip, &[]);
        let stages: Vec<&str> = tip.stages.iter().map(|stage| stage.name()).collect();
        let stages = if stages.is_empty() {
            "any".to_string()
        } else {
            stages.join(", ")
        };
        text.push_str(&self.fact("Stages", &stages));
        if !tip.tags.is_empty() {
            text.push_str(&self.fact("Tags", &tip.tags.join(", ")));
        }
        if let Some(origin) = &tip.origin {
            text.push_str(&self.fact("From", origin));
        }
        if let Some(about) = catalog.group_of(tip) {
            // The file's own words about who it is from: `[about]` name, contact, address.
            let group = [&about.name, &about.contact]
                .into_iter()
                .flatten()
                .map(|part| part.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            text.push_str(&self.fact("Shared by", &group));
            if let Some(url) = &about.url {
                text.push_str(&self.address("Their page", url));
            }
            if let Some(reviewed) = &about.reviewed {
                text.push_str(&self.fact("File reviewed", reviewed));
            }
        }
        if let Some(source) = &tip.source {
            text.push_str(&self.fact("Source", &source.citation()));
            if let Some(url) = &source.url {
                text.push_str(&self.address("Address", url));
            }
            if let Some(checked) = &source.checked {
                text.push_str(&self.fact("Checked", checked));
            }
        }
        text
    }

    /// `  Label: address` for `details`, never wrapped, so it can be copied or clicked whole.
    fn address(&self, label: &str, url: &str) -> String {
        format!("  {}: {}\n", self.style.dim(label), one_line(url))
    }

    /// `  Label: value`, wrapped, for `details`.
    fn fact(&self, label: &str, value: &str) -> String {
        let line = format!("{}: {}", self.style.dim(label), one_line(value));
        self.wrap(&line, "  ") + "\n"
    }

    /// Tips grouped under their topic's title, topics and tips in catalog order.
    pub fn list(&self, catalog: &Catalog, tips: &[&Tip]) -> String {
        let mut text = String::new();
        for topic in &catalog.topics {
            let in_topic: Vec<&&Tip> = tips.iter().filter(|tip| tip.topic == topic.name).collect();
            if in_topic.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&self.style.topic(&one_line(&topic.title)));
            text.push('\n');
            if !topic.description.is_empty() {
                text.push_str(
                    &self
                        .style
                        .dim(&self.wrap(&one_line(&topic.description), "")),
                );
                text.push('\n');
            }
            for tip in in_topic {
                text.push('\n');
                text.push_str("  ");
                text.push_str(&self.style.id(&visible(&tip.id)));
                let group = catalog
                    .group_of(tip)
                    .and_then(|about| about.name.as_deref());
                if let Some(from) = group.or(tip.origin.as_deref()) {
                    text.push_str(&self.style.dim(&format!("  (from {})", visible(from))));
                }
                if catalog.is_hidden(tip) {
                    text.push_str(&self.style.dim("  (hidden)"));
                }
                text.push('\n');
                text.push_str(&self.tip_text(tip, "    ", &[]));
                text.push('\n');
            }
        }
        text
    }

    /// Each topic with its title, description and number of tips.
    pub fn topics(&self, catalog: &Catalog) -> String {
        let mut text = String::new();
        for topic in &catalog.topics {
            let count = catalog.count_in(&topic.name);
            let plural = if count == 1 { "tip" } else { "tips" };
            text.push_str(&format!(
                "{} {}\n",
                self.style.id(&visible(&topic.name)),
                self.style.dim(&format!("({count} {plural})"))
            ));
            let line = match one_line(&topic.description) {
                description if description.is_empty() => self.style.topic(&one_line(&topic.title)),
                description => format!(
                    "{}: {description}",
                    self.style.topic(&one_line(&topic.title))
                ),
            };
            text.push_str(&self.wrap(&line, "  "));
            text.push('\n');
        }
        text
    }
}

/// Whether to colour stdout: `always` and `never` win; `auto` follows the ecosystem's rules as
/// clap's own crates read them: `CLICOLOR_FORCE` colours anything, then `NO_COLOR` (see
/// no-color.org) or `CLICOLOR=0` turn colour off, and otherwise only a terminal that is not
/// `TERM=dumb` is coloured.
pub fn use_color(choice: crate::cli::ColorChoice, stdout_is_terminal: bool) -> bool {
    use crate::cli::ColorChoice;
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if anstyle_query::clicolor_force() => true,
        ColorChoice::Auto if anstyle_query::no_color() => false,
        ColorChoice::Auto if anstyle_query::clicolor() == Some(false) => false,
        ColorChoice::Auto => stdout_is_terminal && anstyle_query::term_supports_color(),
    }
}

/// Whether the terminal can take cursor movement (a line redrawn in place): not with
/// `TERM=dumb` or no `TERM`, by the same rule as colour.
pub fn term_moves_cursor() -> bool {
    anstyle_query::term_supports_color()
}

/// The width to wrap to: `--width`, else the terminal's (at most [`MAX_WIDTH`]), else for a
/// pipe `COLUMNS` when it is set, else [`PIPE_WIDTH`].
pub fn width(given: Option<usize>, stdout_is_terminal: bool) -> usize {
    if let Some(width) = given {
        return width;
    }
    let columns = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|columns| columns.trim().parse::<usize>().ok())
            .filter(|columns| *columns > 0)
    };
    if !stdout_is_terminal {
        return columns().unwrap_or(PIPE_WIDTH);
    }
    terminal_size::terminal_size()
        .map_or(PIPE_WIDTH, |(terminal_size::Width(columns), _)| {
            columns as usize
        })
        .min(MAX_WIDTH)
}

/// The terminal's height in rows, when stdout is one.
pub fn height() -> Option<usize> {
    terminal_size::terminal_size().map(|(_, terminal_size::Height(rows))| rows as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(color: bool, width: usize) -> Screen {
        Screen {
            style: Style::new(color),
            width,
            on_terminal: false,
        }
    }

    #[test]
    fn wraps_to_the_width_ignoring_colour_codes() {
        let catalog = Catalog::builtin();
        let tip = &catalog.tips[0];
        for color in [false, true] {
            let text = screen(color, 40).tip(&catalog, tip, &["the".to_string()]);
            for line in text.lines().skip(1) {
                let plain = line.replace("\x1b[1;31m", "").replace("\x1b[0m", "");
                assert!(plain.chars().count() <= 40, "{line:?}");
            }
        }
    }

    #[test]
    fn highlights_matches_only_with_colour() {
        let catalog = Catalog::builtin();
        let tip = &catalog.tips[0];
        let words =
            crate::search::query_words(&[tip.text.split_whitespace().next().unwrap().to_string()]);
        let plain = screen(false, 80).tip(&catalog, tip, &words);
        assert!(!plain.contains('\x1b'));
        let colored = screen(true, 80).tip(&catalog, tip, &words);
        assert!(colored.contains("\x1b[1;31m"));
    }
}
