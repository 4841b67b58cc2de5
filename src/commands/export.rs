//! `backcare export`: a printable handout of the chosen tips, grouped by topic, with each
//! source as a link, the warning signs for the user's region and the disclaimer, as Markdown
//! or as one self-contained HTML page (inline CSS, no scripts, every text escaped).

use super::{Context, emit};
use crate::cli::{DISCLAIMER, ExportArgs, ExportFormat};
use crate::config::StoppedBy;
use crate::error::{Error, Exit};
use crate::sanitize::{one_line, percent_encoded};
use crate::select::{self, Preference};
use crate::tips::{Catalog, Tip};
use crate::warning_signs::{self, Region, Sheet};

// The handout always prints: it carries the warning signs.
pub const STOPPED_BY: StoppedBy = StoppedBy::Nothing;

pub fn run(context: &Context, args: &ExportArgs) -> Result<Exit, Error> {
    let catalog = context.catalog()?;
    select::check_topics(&catalog, &args.topics.topics)?;
    let tips = select::chosen(
        &catalog,
        &args.topics.topics,
        args.stage.explicit(),
        Preference::Everything,
    )?;
    let sheet = warning_signs::sheet().map_err(Error::Other)?;
    let region = match crate::warning_signs::resolve_region(
        &sheet,
        args.region.as_deref(),
        context.config.region.as_ref(),
    ) {
        Ok((region, _)) => region,
        // As `warning-signs` does: a bad region setting costs a warning, not the handout.
        Err(Error::Data(problems)) => {
            super::warn(&problems[0].headline());
            sheet.fallback()
        }
        Err(error) => return Err(error),
    };
    let stage = context.reader_stage();
    let handout = Handout {
        catalog: &catalog,
        tips: &tips,
        sheet: &sheet,
        region,
        stage,
    };
    emit(&match args.format {
        ExportFormat::Markdown => handout.write(&Markdown),
        ExportFormat::Html => handout.write(&Html),
    })?;
    Ok(Exit::Success)
}

/// What a handout holds, in the order it is printed.
struct Handout<'a> {
    catalog: &'a Catalog,
    tips: &'a [&'a Tip],
    sheet: &'a Sheet,
    region: &'a Region,
    stage: Option<warning_signs::When>,
}

const TITLE: &str = "Back care in pregnancy and after the birth";

impl Handout<'_> {
    /// Topics in catalog order, each with its tips.
    fn topics(&self) -> Vec<(&crate::tips::Topic, Vec<&Tip>)> {
        self.catalog
            .topics
            .iter()
            .map(|topic| {
                let tips: Vec<&Tip> = self
                    .tips
                    .iter()
                    .copied()
                    .filter(|tip| tip.topic == topic.name)
                    .collect();
                (topic, tips)
            })
            .filter(|(_, tips)| !tips.is_empty())
            .collect()
    }

    /// The warning-sign sections, the stage the reader is in first.
    fn sections(&self) -> Vec<&warning_signs::Section> {
        self.sheet.laid_out(self.stage)
    }

    fn footer(&self) -> String {
        format!(
            "Made with backcare. Warning signs reviewed {}; each tip's source was checked on the date beside it.",
            self.sheet.reviewed
        )
    }

    /// The handout in `markup`: one walk over the content for every format.
    fn write(&self, markup: &dyn Markup) -> String {
        let fill = |text: &str| self.region.fill(text);
        let mut out = markup.begin(DISCLAIMER);
        for (topic, tips) in self.topics() {
            out.push_str(&markup.topic(&topic.title, &topic.description));
            for tip in tips {
                // The name says when the page was checked: the footer points to that date.
                let source = tip.source.as_ref().map(|source| {
                    let label = match &source.checked {
                        Some(date) => format!("{}, checked {date}", source.citation()),
                        None => source.citation(),
                    };
                    (label, source.url.as_deref().map(one_line))
                });
                let source = source
                    .as_ref()
                    .map(|(label, url)| (label.as_str(), url.as_deref()));
                out.push_str(&markup.tip(&tip.text, source));
            }
            out.push_str(markup.topic_end());
        }
        out.push_str(&markup.warnings(&self.region.name));
        for number in &self.region.numbers {
            out.push_str(&markup.number(&number.number, &number.label));
        }
        out.push_str(markup.numbers_end());
        for section in self.sections() {
            out.push_str(&markup.section(&fill(&section.heading())));
            for sign in &section.signs {
                out.push_str(&markup.sign(&fill(&sign.text)));
            }
            out.push_str(markup.section_end());
        }
        out.push_str(&markup.end(&fill(&self.sheet.physiotherapy.text), &self.footer()));
        out
    }
}

/// How a handout is marked up: each piece of the walk, its text escaped for the format.
trait Markup {
    fn begin(&self, disclaimer: &str) -> String;
    fn topic(&self, title: &str, description: &str) -> String;
    /// A tip, with its source's name and address if it has one.
    fn tip(&self, text: &str, source: Option<(&str, Option<&str>)>) -> String;
    fn topic_end(&self) -> &'static str;
    fn warnings(&self, region: &str) -> String;
    fn number(&self, number: &str, label: &str) -> String;
    fn numbers_end(&self) -> &'static str;
    fn section(&self, heading: &str) -> String;
    fn sign(&self, text: &str) -> String;
    fn section_end(&self) -> &'static str;
    fn end(&self, physiotherapy: &str, footer: &str) -> String;
}

struct Markdown;

impl Markup for Markdown {
    fn begin(&self, disclaimer: &str) -> String {
        format!("# {TITLE}\n\n> {}\n", md(disclaimer))
    }
    fn topic(&self, title: &str, description: &str) -> String {
        let mut out = format!("\n## {}\n\n", md(title));
        if !description.is_empty() {
            out.push_str(&format!("{}\n\n", md(description)));
        }
        out
    }
    fn tip(&self, text: &str, source: Option<(&str, Option<&str>)>) -> String {
        let source = match source {
            Some((label, Some(url))) => format!(" ([{}](<{}>))", md(label), percent_encoded(url)),
            Some((label, None)) => format!(" ({})", md(label)),
            None => String::new(),
        };
        format!("- {}{source}\n", md(text))
    }
    fn topic_end(&self) -> &'static str {
        ""
    }
    fn warnings(&self, region: &str) -> String {
        format!("\n## When back pain needs help now ({})\n\n", md(region))
    }
    fn number(&self, number: &str, label: &str) -> String {
        format!("- **{}**: {}\n", md(number), md(label))
    }
    fn numbers_end(&self) -> &'static str {
        ""
    }
    fn section(&self, heading: &str) -> String {
        format!("\n### {}\n\n", md(heading))
    }
    fn sign(&self, text: &str) -> String {
        format!("- {}\n", md(text))
    }
    fn section_end(&self) -> &'static str {
        ""
    }
    fn end(&self, physiotherapy: &str, footer: &str) -> String {
        format!("\n{}\n\n---\n\n{}\n", md(physiotherapy), md(footer))
    }
}

struct Html;

impl Markup for Html {
    fn begin(&self, disclaimer: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{TITLE}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
             <h1>{TITLE}</h1>\n<p class=\"disclaimer\">{}</p>\n",
            html(disclaimer)
        )
    }
    fn topic(&self, title: &str, description: &str) -> String {
        let mut out = format!("<section>\n<h2>{}</h2>\n", html(title));
        if !description.is_empty() {
            out.push_str(&format!("<p class=\"about\">{}</p>\n", html(description)));
        }
        out + "<ul>\n"
    }
    fn tip(&self, text: &str, source: Option<(&str, Option<&str>)>) -> String {
        let source = match source {
            Some((label, Some(url))) => format!(
                " <span class=\"source\">(<a href=\"{}\">{}</a>)</span>",
                html(url),
                html(label)
            ),
            Some((label, None)) => format!(" <span class=\"source\">({})</span>", html(label)),
            None => String::new(),
        };
        format!("<li>{}{source}</li>\n", html(text))
    }
    fn topic_end(&self) -> &'static str {
        "</ul>\n</section>\n"
    }
    fn warnings(&self, region: &str) -> String {
        format!(
            "<section class=\"warning\">\n<h2>When back pain needs help now ({})</h2>\n<ul class=\"numbers\">\n",
            html(region)
        )
    }
    fn number(&self, number: &str, label: &str) -> String {
        format!(
            "<li><strong>{}</strong>: {}</li>\n",
            html(number),
            html(label)
        )
    }
    fn numbers_end(&self) -> &'static str {
        "</ul>\n"
    }
    fn section(&self, heading: &str) -> String {
        format!("<h3>{}</h3>\n<ul>\n", html(heading))
    }
    fn sign(&self, text: &str) -> String {
        format!("<li>{}</li>\n", html(text))
    }
    fn section_end(&self) -> &'static str {
        "</ul>\n"
    }
    fn end(&self, physiotherapy: &str, footer: &str) -> String {
        format!(
            "<p>{}</p>\n</section>\n<footer>{}</footer>\n</body>\n</html>\n",
            html(physiotherapy),
            html(footer)
        )
    }
}

/// Print-friendly: black on white, readable measure, no page break inside a topic's heading.
const STYLE: &str = "body{font:16px/1.5 Georgia,serif;max-width:42em;margin:2em auto;padding:0 1em;color:#111}\
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.5em;break-after:avoid}\
.disclaimer{border-left:4px solid #888;padding-left:.8em}.about{color:#444}\
.source{color:#444;font-size:.9em}a{color:#0645ad}\
.warning{border:2px solid #b00;padding:0 1em 1em;margin-top:2em;break-inside:avoid-page}\
footer{margin-top:2em;font-size:.85em;color:#444}\
@media print{body{margin:0;max-width:none}a{color:inherit}}";

/// Text made safe for HTML (also inside attribute values), after the usual clean-up of
/// control and invisible characters.
fn html(text: &str) -> String {
    one_line(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Text made safe for Markdown: the characters that make emphasis, code, links, HTML and
/// tables are escaped. (Text only ever follows `- `, `#` or starts a prose paragraph, so the
/// characters that matter only at the start of a line need nothing.)
fn md(text: &str) -> String {
    let mut out = String::new();
    for c in one_line(text).chars() {
        if "\\`*_[]<>|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(
            md("*bold* [link](x) <b>"),
            "\\*bold\\* \\[link\\](x) \\<b\\>"
        );
    }
}
