//! How a page is marked up: Markdown, or HTML made for print. Each piece of the walk in
//! `export` (a heading, an item with the numbers of its sources, a table, the chart) is one
//! method, and every text passes through `md` or `html` on its way in.

use crate::diary::chart::Day;
use crate::sanitize::{one_line, percent_encoded};
use crate::tips::Source;

/// The pieces a page is made of, each with its text escaped for the format. `cited` are the
/// numbers of the sources that back a text, in the page's list of sources.
pub trait Markup {
    /// The start of the page: its title, and the disclaimer under it; `class` names the kind
    /// of page for the print style.
    fn begin(&self, title: &str, disclaimer: &str, class: &str) -> String;
    fn fact(&self, text: &str) -> String;
    /// A label with room after it to write by hand.
    fn blank(&self, label: &str) -> String;
    /// A part of the page under its heading; `class` names it for the print style.
    fn part(&self, heading: &str, class: &str) -> String;
    fn part_end(&self) -> &'static str;
    fn subheading(&self, text: &str) -> String;
    fn paragraph(&self, text: &str, cited: &[usize]) -> String;
    fn list(&self) -> &'static str;
    fn item(&self, text: &str, cited: &[usize]) -> String;
    fn list_end(&self) -> &'static str;
    /// Emergency numbers and what each is for, on one line.
    fn numbers(&self, numbers: &[(&str, &str)], cited: &[usize]) -> String;
    fn table(&self, headings: &[&str], rows: &[Vec<String>]) -> String;
    /// Each day's highest score.
    fn chart(&self, days: &[Day]) -> String;
    /// The numbered sources, each with its address written out (links do not print).
    fn sources(&self, heading: &str, sources: &[Source]) -> String;
    fn end(&self, footer: &str) -> String;
}

/// A source as the list prints it: `Publisher, Title, checked 2026-12-01`.
fn label(source: &Source) -> String {
    match &source.checked {
        Some(date) => format!("{}, checked {date}", source.citation()),
        None => source.citation(),
    }
}

pub struct Markdown;

impl Markdown {
    fn cite(cited: &[usize]) -> String {
        match cited {
            [] => String::new(),
            numbers => format!(" \\[{}\\]", joined(numbers)),
        }
    }
}

fn joined(numbers: &[usize]) -> String {
    let numbers: Vec<String> = numbers.iter().map(usize::to_string).collect();
    numbers.join(", ")
}

impl Markup for Markdown {
    fn begin(&self, title: &str, disclaimer: &str, _class: &str) -> String {
        format!("# {}\n\n> {}\n", md(title), md(disclaimer))
    }
    fn fact(&self, text: &str) -> String {
        format!("\n{}\n", md(text))
    }
    fn blank(&self, label: &str) -> String {
        format!("\n{}: ______________________________\n", md(label))
    }
    fn part(&self, heading: &str, _class: &str) -> String {
        format!("\n## {}\n", md(heading))
    }
    fn part_end(&self) -> &'static str {
        ""
    }
    fn subheading(&self, text: &str) -> String {
        format!("\n### {}\n", md(text))
    }
    fn paragraph(&self, text: &str, cited: &[usize]) -> String {
        format!("\n{}{}\n", md(text), Markdown::cite(cited))
    }
    fn list(&self) -> &'static str {
        "\n"
    }
    fn item(&self, text: &str, cited: &[usize]) -> String {
        format!("- {}{}\n", md(text), Markdown::cite(cited))
    }
    fn list_end(&self) -> &'static str {
        ""
    }
    fn numbers(&self, numbers: &[(&str, &str)], cited: &[usize]) -> String {
        let numbers: Vec<String> = numbers
            .iter()
            .map(|(number, label)| format!("**{}** {}", md(number), md(label)))
            .collect();
        format!("\n{}{}\n", numbers.join("; "), Markdown::cite(cited))
    }
    fn table(&self, headings: &[&str], rows: &[Vec<String>]) -> String {
        let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
        let mut out = format!("\n{}", row(headings.iter().map(|h| md(h)).collect()));
        out.push_str(&row(headings.iter().map(|_| "---".to_string()).collect()));
        for cells in rows {
            out.push_str(&row(cells.iter().map(|cell| md(cell)).collect()));
        }
        out
    }
    fn chart(&self, days: &[Day]) -> String {
        let rows: Vec<Vec<String>> = days
            .iter()
            .map(|day| {
                let score = day.highest.map_or(String::new(), |score| {
                    format!("{score} {}", crate::diary::chart::bar(score))
                });
                vec![day.date.strftime("%a %-d %b").to_string(), score]
            })
            .collect();
        self.table(&["Day", "Highest score"], &rows)
    }
    fn sources(&self, heading: &str, sources: &[Source]) -> String {
        let mut out = format!("\n## {}\n\n", md(heading));
        for (at, source) in sources.iter().enumerate() {
            let address = match source.url.as_deref() {
                Some(url) => format!(": <{}>", percent_encoded(&one_line(url))),
                None => String::new(),
            };
            out.push_str(&format!("{}. {}{address}\n", at + 1, md(&label(source))));
        }
        out
    }
    fn end(&self, footer: &str) -> String {
        format!("\n---\n\n{}\n", md(footer))
    }
}

pub struct Html;

impl Html {
    fn cite(cited: &[usize]) -> String {
        if cited.is_empty() {
            return String::new();
        }
        let links: Vec<String> = cited
            .iter()
            .map(|n| format!("<a href=\"#source-{n}\">{n}</a>"))
            .collect();
        format!(" <span class=\"cite\">[{}]</span>", links.join(", "))
    }
}

impl Markup for Html {
    fn begin(&self, title: &str, disclaimer: &str, class: &str) -> String {
        let title = html(title);
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body class=\"{}\">\n\
             <h1>{title}</h1>\n<p class=\"disclaimer\">{}</p>\n",
            html(class),
            html(disclaimer)
        )
    }
    fn fact(&self, text: &str) -> String {
        format!("<p class=\"fact\">{}</p>\n", html(text))
    }
    fn blank(&self, label: &str) -> String {
        format!(
            "<p class=\"blank\">{}: <span class=\"line\"></span></p>\n",
            html(label)
        )
    }
    fn part(&self, heading: &str, class: &str) -> String {
        format!(
            "<section class=\"{}\">\n<h2>{}</h2>\n",
            html(class),
            html(heading)
        )
    }
    fn part_end(&self) -> &'static str {
        "</section>\n"
    }
    fn subheading(&self, text: &str) -> String {
        format!("<h3>{}</h3>\n", html(text))
    }
    fn paragraph(&self, text: &str, cited: &[usize]) -> String {
        format!("<p>{}{}</p>\n", html(text), Html::cite(cited))
    }
    fn list(&self) -> &'static str {
        "<ul>\n"
    }
    fn item(&self, text: &str, cited: &[usize]) -> String {
        format!("<li>{}{}</li>\n", html(text), Html::cite(cited))
    }
    fn list_end(&self) -> &'static str {
        "</ul>\n"
    }
    fn numbers(&self, numbers: &[(&str, &str)], cited: &[usize]) -> String {
        let numbers: Vec<String> = numbers
            .iter()
            .map(|(number, label)| format!("<strong>{}</strong> {}", html(number), html(label)))
            .collect();
        format!(
            "<p class=\"numbers\">{}{}</p>\n",
            numbers.join("; "),
            Html::cite(cited)
        )
    }
    fn table(&self, headings: &[&str], rows: &[Vec<String>]) -> String {
        let mut out = String::from("<table>\n<thead><tr>");
        for heading in headings {
            out.push_str(&format!("<th>{}</th>", html(heading)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for cells in rows {
            out.push_str("<tr>");
            for cell in cells {
                out.push_str(&format!("<td>{}</td>", html(cell)));
            }
            out.push_str("</tr>\n");
        }
        out + "</tbody>\n</table>\n"
    }
    fn chart(&self, days: &[Day]) -> String {
        svg_chart(days)
    }
    fn sources(&self, heading: &str, sources: &[Source]) -> String {
        let mut out = format!(
            "<section class=\"sources\">\n<h2>{}</h2>\n<ol>\n",
            html(heading)
        );
        for (at, source) in sources.iter().enumerate() {
            // The address is the link's text, so that it prints.
            let address = match source.url.as_deref() {
                Some(url) => format!(": <a href=\"{0}\">{0}</a>", html(url)),
                None => String::new(),
            };
            out.push_str(&format!(
                "<li id=\"source-{0}\">[{0}] {1}{address}</li>\n",
                at + 1,
                html(&label(source))
            ));
        }
        out + "</ol>\n</section>\n"
    }
    fn end(&self, footer: &str) -> String {
        format!("<footer>{}</footer>\n</body>\n</html>\n", html(footer))
    }
}

/// The chart's drawing area, in the SVG's own units: left margin (for the scale), width,
/// the baseline's height, and the height of one point of score.
const LEFT: f64 = 20.0;
const WIDTH: f64 = 700.0;
const BASE: f64 = 76.0;
const POINT: f64 = 6.0;

/// One bar per day, its score above it, the day of the month under it (the month under the
/// first day and each 1st); a day without an entry has neither bar nor number.
fn svg_chart(days: &[Day]) -> String {
    let column = WIDTH / days.len().max(1) as f64;
    let mut out = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"The highest score of each day\">\n",
        LEFT + WIDTH + 16.0,
        BASE + 28.0
    );
    for score in [0, 5, 10] {
        let y = BASE - f64::from(score) * POINT;
        out.push_str(&format!(
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{score}</text>\n",
            LEFT + WIDTH,
            LEFT - 4.0,
            y + 3.0
        ));
    }
    for (at, day) in days.iter().enumerate() {
        let x = LEFT + column * at as f64;
        let middle = x + column / 2.0;
        if let Some(score) = day.highest {
            let top = BASE - f64::from(score) * POINT;
            out.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{top}\" width=\"{:.1}\" height=\"{}\"/><text x=\"{middle:.1}\" y=\"{}\" text-anchor=\"middle\">{score}</text>\n",
                x + column * 0.15,
                column * 0.7,
                BASE - top,
                top - 2.0
            ));
        }
        // Every day is labelled while the labels fit; otherwise Mondays and the first day.
        let monday = day.date.weekday() == jiff::civil::Weekday::Monday;
        if column >= 14.0 || monday || at == 0 {
            out.push_str(&format!(
                "<text x=\"{middle:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                BASE + 11.0,
                day.date.day()
            ));
        }
        if at == 0 || day.date.day() == 1 {
            out.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{}\">{}</text>\n",
                x + 1.0,
                BASE + 23.0,
                day.date.strftime("%b")
            ));
        }
    }
    out + "</svg>\n"
}

/// Print-friendly: black on white and a readable measure on screen; on paper, smaller type,
/// tight lists, and the tips, warning signs and sources in columns. The summary is smaller
/// still, to fit four weeks of entries on two pages.
const STYLE: &str = "body{font:16px/1.5 Georgia,serif;max-width:42em;margin:2em auto;padding:0 1em;color:#111}\
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.5em;break-after:avoid}h3{font-size:1em;margin:.8em 0 .2em;break-after:avoid}\
.disclaimer{border-left:4px solid #888;padding-left:.8em}.cite{color:#444;font-size:.85em}a{color:#0645ad}\
.warning{border:2px solid #b00;padding:0 1em .5em;margin-top:1.5em}\
.blank .line{display:inline-block;width:16em;border-bottom:1px solid #111}\
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.1em .4em;border-bottom:1px solid #ccc}\
td:first-child,td:nth-child(2){white-space:nowrap}\
.chart{width:100%;height:auto}.chart text{font:8px sans-serif;fill:#111}.chart line{stroke:#bbb;stroke-width:.5}.chart rect{fill:#555}\
.sources li{list-style:none;overflow-wrap:anywhere}.sources ol{padding-left:0}\
footer{margin-top:2em;font-size:.85em;color:#444}\
@media print{@page{margin:12mm}body{font-size:9pt;line-height:1.25;margin:0;padding:0;max-width:none}a{color:inherit;text-decoration:none}\
h1{font-size:14pt;margin:0 0 .2em}h2{font-size:11pt;margin:.6em 0 .2em}h3{font-size:1em;margin:.4em 0 .1em}p{margin:.25em 0}\
ul{margin:.15em 0;padding-left:1.1em}li,tr{break-inside:avoid}.topic ul,.warning{columns:2;column-gap:1.2em}.sources ol{columns:3;column-gap:1em}\
.warning h2,.warning .numbers{column-span:all}.warning{font-size:.9em;padding:0 .5em .3em;margin-top:.5em}\
.sources{font-size:.75em}footer{margin-top:.6em;font-size:.8em}\
.summary{font-size:8pt;line-height:1.2}.summary h2{font-size:10pt}.summary .warning{font-size:7pt;columns:3}\
.summary .sources{font-size:6pt}}";

/// Text made safe for HTML (also inside attribute values), after the usual clean-up of
/// control and invisible characters.
pub fn html(text: &str) -> String {
    one_line(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Text made safe for Markdown: the characters that make emphasis, code, links, HTML and
/// tables are escaped. (Text only ever follows `- `, `#`, `| ` or starts a prose paragraph,
/// so the characters that matter only at the start of a line need nothing.)
pub fn md(text: &str) -> String {
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
