//! The words of the pain diary: `diary.toml`, compiled into the binary and checked by
//! `build.rs` (a broken file fails the build). Where a pain can be (`log --where`), and the
//! words in an entry that point to a warning sign.

use serde::Deserialize;

use crate::read::is_valid_id;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub places: Vec<Place>,
    pub warnings: Warnings,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// What `log --where` takes, such as `lower-back`.
    pub id: String,
    /// As a sentence says it: `lower back`.
    pub name: String,
    /// What a tip about this place says, for picking the tips of the appointment summary.
    pub words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Warnings {
    /// Words that, in a note, a place or what helped, show the warning signs holding them.
    pub words: Vec<String>,
    /// From this score on, `log` prints [`Warnings::severe`].
    pub severe_score: u8,
    pub severe: String,
}

impl Words {
    /// Parses and checks the file; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Words, String> {
        let words: Words = toml::from_str(text).map_err(|error| error.to_string())?;
        for (at, place) in words.places.iter().enumerate() {
            if !is_valid_id(&place.id) {
                return Err(format!(
                    "place id `{}` is not lower-case-with-hyphens",
                    place.id
                ));
            }
            if words.places[..at].iter().any(|other| other.id == place.id) {
                return Err(format!("place `{}` is listed twice", place.id));
            }
        }
        if !(1..=10).contains(&words.warnings.severe_score) {
            return Err("`severe_score` must be from 1 to 10".to_string());
        }
        Ok(words)
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|place| place.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_file_reads_and_a_repeated_place_does_not() {
        let text = include_str!("../../../diary.toml");
        let words = Words::parse(text).unwrap();
        assert!(words.place("lower-back").is_some());
        let twice = text.replacen("id = \"hip\"", "id = \"leg\"", 1);
        assert_eq!(
            Words::parse(&twice).unwrap_err(),
            "place `leg` is listed twice"
        );
    }
}
