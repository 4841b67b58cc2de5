//! `backcare warning-signs`: when back pain needs a midwife, doctor or emergency services.
//! Written from the sources in `../shared/content/facts.md`; each sign names its source.

use serde::Serialize;

use crate::cli::DISCLAIMER;
use crate::output::{Screen, json};

#[derive(Serialize)]
pub struct Sign {
    pub text: &'static str,
    pub source: &'static str,
}

const INTRO: &str = "Call your midwife, maternity unit or doctor straight away (or emergency services if it is severe) when back pain comes with any of these:";

pub const SIGNS: &[Sign] = &[
    Sign {
        text: "bleeding from the vagina, fluid leaking, or a change in your discharge",
        source: "Cleveland Clinic; ACOG",
    },
    Sign {
        text: "pain or tightening that comes and goes at regular intervals, or pressure low in the pelvis, before 37 weeks: it may be labour starting early",
        source: "Cleveland Clinic; ACOG",
    },
    Sign {
        text: "a fever or chills (a temperature of 38 °C / 100.4 °F or more)",
        source: "Cleveland Clinic",
    },
    Sign {
        text: "pain or burning when you pass urine, or blood in your urine, which can mean a urine or kidney infection",
        source: "Cleveland Clinic",
    },
    Sign {
        text: "pain that is sudden, severe or getting steadily worse, or that started after a fall or injury",
        source: "general advice across the sources",
    },
    Sign {
        text: "numbness, tingling or weakness in your legs, numbness around your genitals or bottom, or losing control of your bladder or bowels: this is an emergency, so go now",
        source: "NHS, Back pain",
    },
    Sign {
        text: "pain just below the ribs together with a bad headache, blurred vision or flashing lights, or sudden swelling of the face, hands or feet (possible pre-eclampsia)",
        source: "NHS, Pre-eclampsia",
    },
    Sign {
        text: "your baby moving less than usual",
        source: "Cleveland Clinic; Tommy's",
    },
];

const PHYSIO: &str = "Ask your midwife or GP to refer you to a physiotherapist when back or pelvic pain stops you doing everyday things, or has not got better within a week or two.";
const PHYSIO_SOURCE: &str = "POGP";

#[derive(Serialize)]
struct Report {
    intro: &'static str,
    signs: &'static [Sign],
    physiotherapy: &'static str,
    physiotherapy_source: &'static str,
    disclaimer: &'static str,
}

pub fn json() -> String {
    json::render(&Report {
        intro: INTRO,
        signs: SIGNS,
        physiotherapy: PHYSIO,
        physiotherapy_source: PHYSIO_SOURCE,
        disclaimer: DISCLAIMER,
    })
}

pub fn text(screen: &Screen) -> String {
    let style = &screen.style;
    let mut text = style.alert("When back pain needs a midwife or doctor now");
    text.push('\n');
    text.push_str(&screen.wrap(INTRO, ""));
    text.push_str("\n\n");
    for sign in SIGNS {
        let item = format!("{} {}", sign.text, style.dim(&format!("[{}]", sign.source)));
        text.push_str(&screen.wrap_hanging(&item, "  • ", "    "));
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&style.heading("When to ask for physiotherapy"));
    text.push('\n');
    text.push_str(&screen.wrap(
        &format!("{PHYSIO} {}", style.dim(&format!("[{PHYSIO_SOURCE}]"))),
        "",
    ));
    text.push_str("\n\n");
    text.push_str(&style.dim(&screen.wrap(DISCLAIMER, "")));
    text.push('\n');
    text
}
