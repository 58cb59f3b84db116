//! Documents Appeal Kit makes: prefilled letters as print-ready PDF, and ticket texts.

pub mod letters;
pub mod pdf;
pub mod preview;

pub use letters::{Facts, Lang, Letter, letter, letter_items};
pub use pdf::{PdfError, render};
