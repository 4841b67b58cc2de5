//! `backcare warning-signs`: when back pain needs help now, with the numbers of the
//! reader's region. The signs are data (`crate::warning_signs`); this picks the region and
//! prints the sheet.

use super::{Context, emit, warn};
use crate::config::StoppedBy;
use crate::error::{Error, Exit};
use crate::warning_signs;
use crate::warning_signs::RegionFrom;

// The safety screen always works.
pub const STOPPED_BY: StoppedBy = StoppedBy::Nothing;

/// The safety screen always works: a config mistake costs a warning line, not the screen.
pub fn run(context: &Context, given: Option<&str>) -> Result<Exit, Error> {
    let sheet = warning_signs::sheet().map_err(Error::Other)?;
    let (region, _) =
        match crate::warning_signs::resolve_region(&sheet, given, context.config.region.as_ref()) {
            Ok(found) => found,
            Err(Error::Data(problems)) => {
                warn(&problems[0].headline());
                (sheet.fallback(), RegionFrom::Nowhere)
            }
            Err(error) => return Err(error),
        };
    let stage = context.reader_stage();
    if context.global.json {
        emit(&warning_signs::json(&sheet, region, stage))?;
    } else {
        context.emit_long(&warning_signs::text(&context.screen, &sheet, region, stage))?;
    }
    Ok(Exit::Success)
}
