//! Working on many cases at once (CONTRACTS.md section 8): cases from a spreadsheet, letters
//! for many cases in one PDF, many bundles in one run.

pub mod export;
pub mod import;
pub mod letters;
pub mod merge;
pub mod scan;
mod select;
pub mod sheet;
pub mod template;

pub use export::{BatchExportReport, BatchProgress, ExportedCase, KitAccess, SkippedCase};
pub use import::{ImportPlan, Imported, PlannedCase, Problem, SheetRow, plan};
pub use letters::{LettersReport, MissingFields, PrintedLetter};
pub use scan::{PlacedPage, ScanReport, UnplacedPage};
pub use template::template;

use std::path::Path;

use crate::{KitError, Result};

/// Reads and checks a spreadsheet without the store: the plan says what would be created, or
/// every problem. A file that cannot be read at all, or is over the limits, is an error.
pub fn check_sheet(path: &Path) -> Result<ImportPlan> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| path.display().to_string());
    let sheet = sheet::read(path).map_err(|e| KitError::Refused { name: crate::text::file_name(&name), reason: crate::error_text::sheet(&e) })?;
    Ok(plan(&sheet, &name))
}

impl crate::Kit {
    /// Writes the provider's template to `out` (CSV, with a byte-order mark so that Excel reads
    /// it as UTF-8); an existing file is replaced only with `force`.
    pub fn save_template(&self, provider: &str, out: &Path, force: bool) -> Result<()> {
        let text = template(provider)?;
        crate::output::write_file(&self.data_dir, out, force, |f| std::io::Write::write_all(f, format!("\u{feff}{text}").as_bytes()))
    }
}
