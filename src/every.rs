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

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid =
            || format!("`{text}` is not a duration; write it like 30m, 4h, 1d or 1h30m (or off)");
        if matches!(text.trim(), "off" | "0") {
            return Ok(Every(Duration::ZERO));
        }
        let mut seconds: u64 = 0;
        let mut number = String::new();
        for c in text.trim().chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let unit: u64 = match c {
                's' => 1,
                'm' => 60,
                'h' => 60 * 60,
                'd' => 24 * 60 * 60,
                'w' => 7 * 24 * 60 * 60,
                _ => return Err(invalid()),
            };
            let count: u64 = number.parse().map_err(|_| invalid())?;
            seconds = count
                .checked_mul(unit)
                .and_then(|part| seconds.checked_add(part))
                .ok_or_else(invalid)?;
            number.clear();
        }
        if !number.is_empty() || seconds == 0 {
            return Err(invalid());
        }
        Ok(Every(Duration::from_secs(seconds)))
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
    }

    #[test]
    fn refuses_nonsense() {
        for bad in ["", "4", "h", "0m", "4x", "-1h", "99999999999999999999d"] {
            assert!(seconds(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn displays_compactly() {
        assert_eq!("90m".parse::<Every>().unwrap().to_string(), "1h30m");
    }
}
