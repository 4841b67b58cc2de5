//! `--every DURATION`: how long to stay quiet after a tip (`30m`, `4h`, `1d`, `1h30m`).

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// A length of time written as numbers with units: s, m, h, d or w; `off` or `0` is no
/// limit at all (a tip at every start).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Every(pub Duration);

impl FromStr for Every {
    type Err = String;

    /// Read by jiff as a span (`4h`, `1h30m`, `1h 30m`, `2 days`), days and weeks taken as
    /// 24 hours and 7 days; months and years, negative and zero lengths are refused.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid =
            || format!("`{text}` is not a duration; write it like 30m, 4h, 1d or 1h30m (or off)");
        let text = text.trim();
        if matches!(text, "off" | "0") {
            return Ok(Every(Duration::ZERO));
        }
        let span: jiff::Span = text.parse().map_err(|_| invalid())?;
        let length = span
            .to_duration(jiff::SpanRelativeTo::days_are_24_hours())
            .map_err(|_| invalid())?;
        match u64::try_from(length.as_secs()) {
            Ok(seconds) if seconds > 0 => Ok(Every(Duration::from_secs(seconds))),
            _ => Err(invalid()),
        }
    }
}

impl fmt::Display for Every {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_zero() {
            return write!(f, "off");
        }
        let mut left = self.0.as_secs();
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
            if left >= size {
                write!(f, "{}{unit}", left / size)?;
                left %= size;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seconds(text: &str) -> Result<u64, String> {
        text.parse::<Every>().map(|every| every.0.as_secs())
    }

    #[test]
    fn reads_units_and_combinations() {
        assert_eq!(seconds("30m"), Ok(1800));
        assert_eq!(seconds("4h"), Ok(14_400));
        assert_eq!(seconds("1d"), Ok(86_400));
        assert_eq!(seconds("1w"), Ok(604_800));
        assert_eq!(seconds("1h30m"), Ok(5_400));
        assert_eq!(seconds("1h 30m"), Ok(5_400));
        assert_eq!(seconds("2 days"), Ok(172_800));
    }

    #[test]
    fn refuses_nonsense() {
        for bad in [
            "",
            "4",
            "h",
            "0m",
            "4x",
            "-1h",
            "99999999999999999999d",
            "1mo",
            "1y",
        ] {
            assert!(seconds(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn displays_compactly() {
        assert_eq!("90m".parse::<Every>().unwrap().to_string(), "1h30m");
    }
}
