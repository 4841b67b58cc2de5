//! `backcare warning-signs`: when back pain needs help now, with the numbers of the
//! reader's region. The signs are data (`crate::warning_signs`); this picks the region and
//! prints the sheet.

use super::{Context, RegionFrom, emit, warn};
use crate::config::StoppedBy;
use crate::error::{Error, Exit};
use crate::warning_signs;

// The safety screen always works.
pub const STOPPED_BY: StoppedBy = StoppedBy::Nothing;

impl Context {
    /// The safety screen always works: a config mistake costs a warning line, not the screen.
    pub(crate) fn warning_signs(&self, given: Option<&str>) -> Result<Exit, Error> {
        let sheet = warning_signs::sheet().map_err(Error::Other)?;
        let (region, _) = match self.region(&sheet, given) {
            Ok(found) => found,
            Err(Error::Data(problems)) => {
                warn(&problems[0].headline());
                (sheet.fallback(), RegionFrom::Nowhere)
            }
            Err(error) => return Err(error),
        };
        let stage = self.reader_stage();
        if self.global.json {
            emit(&warning_signs::json(&sheet, region, stage))?;
        } else {
            self.emit_long(&warning_signs::text(&self.screen, &sheet, region, stage))?;
        }
        Ok(Exit::Success)
    }
}
