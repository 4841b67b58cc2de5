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
const SECTIONS: &str = r#".SH FILES
.TP
\fI$XDG_CONFIG_HOME/backcare/config.toml\fR (default \fI~/.config/backcare/config.toml\fR)
The config file; see CONFIGURATION. Optional.
.TP
\fI$XDG_CONFIG_HOME/backcare/tips.toml\fR, \fI$XDG_CONFIG_HOME/backcare/tips.d/*.toml\fR
Your own tips files, layered over the built-in set in this order (then \fBBACKCARE_TIPS\fR,
then \fB\-\-file\fR): a tip with the id of an earlier one replaces it, \fBdisabled = true\fR
hides one. A broken file found here costs \fBtip\fR one line and is left out.
.TP
\fI$XDG_STATE_HOME/backcare/state.json\fR (default \fI~/.local/state/backcare/\fR)
What \fBtip\fR remembers: the last tip shown and the tips shown in this round. Safe to delete,
with \fIstate.lock\fR beside it.
.TP
\fI$XDG_DATA_HOME/backcare/hidden.toml\fR (default \fI~/.local/share/backcare/\fR)
The tips you hid with \fBbackcare hide\fR (\fBhidden = ["id", ...]\fR): your choice, kept
apart from the state, which may be replaced when damaged.
.SH ENVIRONMENT
.TP
\fBBACKCARE_TIPS\fR
Tips files to add, separated by ':'. They must be readable and valid.
.TP
\fBBACKCARE_COLOR\fR, \fBBACKCARE_EVERY\fR, \fBBACKCARE_TOPICS\fR, \fBBACKCARE_REGION\fR
The settings \fBcolor\fR, \fBevery\fR, \fBtopics\fR (comma-separated) and \fBregion\fR; they
win over the config file, and the command line wins over them.
.TP
\fBBACKCARE_PAGER\fR, \fBPAGER\fR
The pager for long output on a terminal (default \fBless \-FRX\fR; empty: none).
.TP
\fBNO_COLOR\fR, \fBCLICOLOR\fR, \fBCLICOLOR_FORCE\fR, \fBTERM\fR
Colour rules: \fBNO_COLOR\fR or \fBCLICOLOR=0\fR or \fBTERM=dumb\fR turn colour off,
\fBCLICOLOR_FORCE\fR turns it on.
.TP
\fBCOLUMNS\fR
The width to wrap to when stdout is not a terminal (default 80).
.TP
\fBLC_ALL\fR, \fBLC_MESSAGES\fR, \fBLANG\fR
The country of the locale picks the emergency numbers when no region is set.
.TP
\fBXDG_CONFIG_HOME\fR, \fBXDG_STATE_HOME\fR, \fBHOME\fR
Where the files above are.
.SH CONFIGURATION
Every key of \fIconfig.toml\fR is optional. A bad key costs the commands it does not change
one warning line.
.TP
\fBdue_date = "2027\-03\-14"\fR
The due date: weeks are shown as completed weeks plus days (24+4), and tips are picked for
the stage. After the due date the stage stays the third trimester until a birth is recorded.
.TP
\fBbirth_date = "2027\-03\-20"\fR
The birth: from that day, tips for after the birth.
.TP
\fBregion = "uk"\fR
Whose emergency numbers \fBwarning\-signs\fR shows: uk, ie, us, ca, eu, au, nz, or a country code.
.TP
\fBtopics = ["posture", "sleep"]\fR
The topics \fBtip\fR picks from.
.TP
\fBevery = "4h"\fR
At most one start-up tip per duration (30m, 4h, 1d, or "off"). A tip typed by hand always shows.
.TP
\fBdaily = true\fR
The same start-up tip all day.
.TP
\fBcolor = "auto"\fR
auto, always or never.
.TP
\fBpelvic_girdle_pain = true\fR
\fBstretch\fR leaves out movements that take the legs apart or load one leg.
.TP
\fBstretch_reminder = true\fR
On weekdays from 9:00 to 17:00, at most once every three hours, the start-up tip suggests
\fBbackcare stretch desk\fR.
.SH "EXIT STATUS"
.TP
\fB0\fR
Done (\fBcheck\fR: the files are clean).
.TP
\fB1\fR
Nothing found: a search without a match, an unknown id, filters that leave no tip
(\fBcheck\fR: problems found).
.TP
\fB2\fR
An error: wrong usage, a file that cannot be read or is invalid, output that cannot be written.
.TP
\fB130\fR
A \fBstretch\fR session stopped with Ctrl-C (128 plus the signal's number for another signal).
.SH NOTES
backcare offers general information, not medical advice: ask your midwife or doctor about
your own pregnancy. \fBbackcare warning\-signs\fR says when back pain needs help now.
"#;

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
