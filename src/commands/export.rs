//! `backcare export`: a printable handout of the chosen tips, grouped by topic, with each
//! source as a link, the warning signs for the user's region and the disclaimer, as Markdown
//! or as one self-contained HTML page (inline CSS, no scripts, every text escaped).

use super::{Context, emit};
use crate::cli::{DISCLAIMER, ExportArgs, ExportFormat};
use crate::config::StoppedBy;
use crate::error::{Error, Exit};
use crate::output::sanitize::{one_line, percent_encoded};
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
        ExportFormat::Markdown => handout.markdown(),
        ExportFormat::Html => handout.html(),
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

    fn markdown(&self) -> String {
        let mut out = format!("# {TITLE}\n\n> {}\n", md(DISCLAIMER));
        for (topic, tips) in self.topics() {
            out.push_str(&format!("\n## {}\n\n", md(&topic.title)));
            if !topic.description.is_empty() {
                out.push_str(&format!("{}\n\n", md(&topic.description)));
            }
            for tip in tips {
                out.push_str(&format!("- {}", md(&tip.text)));
                if let Some(source) = &tip.source {
                    let label = md(&source.citation());
                    match &source.url {
                        Some(url) => out.push_str(&format!(
                            " ([{label}](<{}>))",
                            percent_encoded(&one_line(url))
                        )),
                        None => out.push_str(&format!(" ({label})")),
                    }
                }
                out.push('\n');
            }
        }
        out.push_str(&format!(
            "\n## When back pain needs help now ({})\n\n",
            md(&self.region.name)
        ));
        for number in &self.region.numbers {
            out.push_str(&format!(
                "- **{}**: {}\n",
                md(&number.number),
                md(&number.label)
            ));
        }
        for section in self.sections() {
            out.push_str(&format!(
                "\n### {}\n\n",
                md(&self.region.fill(&section.heading()))
            ));
            for sign in &section.signs {
                out.push_str(&format!("- {}\n", md(&self.region.fill(&sign.text))));
            }
        }
        out.push_str(&format!(
            "\n{}\n\n---\n\n{}\n",
            md(&self.region.fill(&self.sheet.physiotherapy.text)),
            md(&self.footer())
        ));
        out
    }

    fn html(&self) -> String {
        let mut out = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{TITLE}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
             <h1>{TITLE}</h1>\n<p class=\"disclaimer\">{}</p>\n",
            html(DISCLAIMER)
        );
        for (topic, tips) in self.topics() {
            out.push_str(&format!("<section>\n<h2>{}</h2>\n", html(&topic.title)));
            if !topic.description.is_empty() {
                out.push_str(&format!(
                    "<p class=\"about\">{}</p>\n",
                    html(&topic.description)
                ));
            }
            out.push_str("<ul>\n");
            for tip in tips {
                out.push_str(&format!("<li>{}", html(&tip.text)));
                if let Some(source) = &tip.source {
                    let label = html(&source.citation());
                    match &source.url {
                        Some(url) => out.push_str(&format!(
                            " <span class=\"source\">(<a href=\"{}\">{label}</a>)</span>",
                            html(&one_line(url))
                        )),
                        None => out.push_str(&format!(" <span class=\"source\">({label})</span>")),
                    }
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n</section>\n");
        }
        out.push_str(&format!(
            "<section class=\"warning\">\n<h2>When back pain needs help now ({})</h2>\n<ul class=\"numbers\">\n",
            html(&self.region.name)
        ));
        for number in &self.region.numbers {
            out.push_str(&format!(
                "<li><strong>{}</strong>: {}</li>\n",
                html(&number.number),
                html(&number.label)
            ));
        }
        out.push_str("</ul>\n");
        for section in self.sections() {
            out.push_str(&format!(
                "<h3>{}</h3>\n<ul>\n",
                html(&self.region.fill(&section.heading()))
            ));
            for sign in &section.signs {
                out.push_str(&format!(
                    "<li>{}</li>\n",
                    html(&self.region.fill(&sign.text))
                ));
            }
            out.push_str("</ul>\n");
        }
        out.push_str(&format!(
            "<p>{}</p>\n</section>\n<footer>{}</footer>\n</body>\n</html>\n",
            html(&self.region.fill(&self.sheet.physiotherapy.text)),
            html(&self.footer())
        ));
        out
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
