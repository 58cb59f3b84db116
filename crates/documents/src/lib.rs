//! Documents Appeal Kit handles: attached scans and photos (intake, previews, fixes, cleaning
//! for export), and the letters it prefills from the rule packs as print-ready PDF.

pub mod bundle;
mod bundle_reader;
pub mod checks;
pub mod clean;
#[cfg(feature = "fixtures")]
pub mod fixtures;
pub mod fixes;
pub mod intake;
pub mod letter_code;
pub mod letters;
pub mod metadata;
pub mod pdf;
pub mod pdf_worker;
pub mod preview;
pub mod seal;
pub mod straighten;

pub use letters::{Facts, Lang, Letter, letter, letter_items};
pub use pdf::{PdfError, render, render_marked};
