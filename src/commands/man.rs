//! `backcare man`: one self-contained manual page, backcare(1), generated from the same
//! definition as `--help`. clap_mangen renders the top-level sections; each command then gets
//! a sub-section of its own on the same page, rather than a reference to a separate
//! backcare-COMMAND(1) page that `backcare man > backcare.1` would never install.

use clap::CommandFactory;
use clap_mangen::Man;

use super::template::EXAMPLE;
use crate::cli::Cli;

pub fn page() -> String {
    // Not built yet, so each command below has only its own options (the global ones are
    // described once, at the top) and clap's `help` command is not among them.
    let command = Cli::command();
    let man = Man::new(command.clone());
    let mut roff = Vec::new();
    // Rendering into a Vec cannot fail.
    let _ = man.render_title(&mut roff);
    let _ = man.render_name_section(&mut roff);
    let _ = man.render_synopsis_section(&mut roff);
    let _ = man.render_description_section(&mut roff);
    let _ = man.render_options_section(&mut roff);
    roff.extend_from_slice(b".SH COMMANDS\n");
    for sub in command.get_subcommands() {
        let name = format!("backcare {}", sub.get_name());
        roff.extend_from_slice(format!(".SS \"{name}\"\n").as_bytes());
        let mut sub = sub.clone().bin_name(name);
        sub.build();
        let sub_man = Man::new(sub.clone());
        let _ = sub_man.render_synopsis_section(&mut without_heading(&mut roff));
        let _ = sub_man.render_description_section(&mut without_heading(&mut roff));
        if sub.get_arguments().any(|arg| !arg.is_hide_set()) {
            let _ = sub_man.render_options_section(&mut without_heading(&mut roff));
        }
        if sub.get_after_help().is_some() {
            let _ = sub_man.render_extra_section(&mut without_heading(&mut roff));
        }
    }
    roff.extend_from_slice(SECTIONS.as_bytes());
    roff.extend_from_slice(
        b".SH \"TIPS FILE FORMAT\"\nAn example, which \\fBbackcare check\\fR accepts:\n.PP\n.nf\n",
    );
    for line in EXAMPLE.lines() {
        // Lines starting with a dot or quote would be read as requests; backslashes escaped.
        roff.extend_from_slice(format!("\\&{}\n", line.replace('\\', "\\e")).as_bytes());
    }
    roff.extend_from_slice(b".fi\n");
    let _ = man.render_version_section(&mut roff);
    String::from_utf8_lossy(&roff).into_owned()
}

/// The sections a manual page has beyond the command line: files, environment, the config file,
/// exit status and a note on what backcare is.
const SECTIONS: &str = include_str!("../../assets/man-sections.roff");

/// A writer that turns the `.SH` heading clap_mangen starts each section with into a paragraph
/// break, so the section's body can sit under a command's own sub-heading.
fn without_heading(roff: &mut Vec<u8>) -> HeadingFilter<'_> {
    HeadingFilter {
        roff,
        buffer: Vec::new(),
    }
}

struct HeadingFilter<'a> {
    roff: &'a mut Vec<u8>,
    buffer: Vec<u8>,
}

impl std::io::Write for HeadingFilter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for HeadingFilter<'_> {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.buffer);
        for line in text.lines() {
            let line = if line.starts_with(".SH ") {
                ".PP"
            } else {
                line
            };
            self.roff.extend_from_slice(line.as_bytes());
            self.roff.push(b'\n');
        }
    }
}
