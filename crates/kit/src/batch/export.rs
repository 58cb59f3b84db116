//! One bundle per case into a folder: each named from its title and id, never over a file
//! that is there; cases not ready to send are listed and skipped unless allowed.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::{Kit, KitError, Result};

#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportedCase {
    pub case: String,
    pub title: String,
    pub path: String,
    pub complete: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SkippedCase {
    pub case: String,
    pub title: String,
    /// What the case still lacks.
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct BatchExportReport {
    pub exported: Vec<ExportedCase>,
    pub skipped: Vec<SkippedCase>,
}

/// Where a batch export stands, for a progress bar: `done` of `total` cases, and the one at
/// work now.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BatchProgress {
    pub done: u32,
    pub total: u32,
    pub case: String,
    pub title: String,
}

/// A file name from the case's title and id: readable, and safe on every system.
fn bundle_name(title: &str, id: &str, n: u32) -> String {
    let cleaned: String = title.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).take(60).collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let stem = if cleaned.is_empty() { id.to_string() } else { format!("{cleaned}-{id}") };
    if n == 1 { format!("{stem}.zip") } else { format!("{stem} ({n}).zip") }
}

/// The first name not taken in `dir`.
fn free_path(dir: &Path, title: &str, id: &str) -> PathBuf {
    (1..).map(|n| dir.join(bundle_name(title, id, n))).find(|p| std::fs::symlink_metadata(p).is_err()).unwrap_or_else(|| dir.join(format!("{id}.zip")))
}

impl Kit {
    /// Writes a bundle for each case into `dir` (made if missing). Incomplete cases are
    /// skipped unless `allow_incomplete` (their bundles then list what is missing).
    pub fn batch_export(&mut self, cases: &[String], dir: &Path, allow_incomplete: bool, mut progress: impl FnMut(&BatchProgress)) -> Result<BatchExportReport> {
        std::fs::create_dir_all(dir).map_err(|e| KitError::Io { what: format!("cannot make {}", dir.display()), source: e })?;
        let mut report = BatchExportReport { exported: Vec::new(), skipped: Vec::new() };
        let total = cases.len() as u32;
        for (n, id) in cases.iter().enumerate() {
            let gaps = self.completeness(id)?;
            if !gaps.is_empty() && !allow_incomplete {
                let title = self.store.get(id)?.title;
                let reason = gaps.iter().map(|g| format!("{} ({})", g.item.as_deref().unwrap_or("checklist"), g.reason)).collect::<Vec<_>>().join("; ");
                report.skipped.push(SkippedCase { case: id.clone(), title, reason: format!("not ready to send: {reason}") });
                continue;
            }
            let job = self.export_job(id, true)?;
            let title = job.title().to_string();
            progress(&BatchProgress { done: n as u32, total, case: id.clone(), title: title.clone() });
            let out = free_path(dir, &title, id);
            let written = job.write(&out, false, |_, _| {})?;
            self.exported(id, &written)?;
            report.exported.push(ExportedCase { case: id.clone(), title, path: written.path, complete: written.complete });
        }
        progress(&BatchProgress { done: total, total, case: String::new(), title: String::new() });
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_readable_and_safe() {
        assert_eq!(bundle_name("Shop: main/EU", "ab12cd34", 1), "Shop_ main_EU-ab12cd34.zip");
        assert_eq!(bundle_name("...", "ab12cd34", 2), "ab12cd34 (2).zip");
    }
}
