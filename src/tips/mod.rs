//! Tips and topics: the model, the file format, the built-in set and how files combine.

mod builtin;
pub mod catalog;
pub mod files;
pub mod model;
pub mod parse;

pub use catalog::Catalog;
pub use model::{About, Source, Stage, Tip, Topic};
