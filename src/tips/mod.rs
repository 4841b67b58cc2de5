//! Tips and topics: the built-in set and how files combine. The model and the file format
//! are the `backcare-data` crate's.

mod builtin;
pub mod catalog;
pub mod files;

pub use backcare_data::{About, Exercise, Position, Routine, Source, Stage, Text, Tip, Topic};
pub use catalog::Catalog;
