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

/// The first name not taken in `dir`.
fn free_path(dir: &Path, title: &str, id: &str) -> PathBuf {
    (1..).map(|n| dir.join(crate::names::batch_bundle(title, id, n))).find(|p| std::fs::symlink_metadata(p).is_err()).unwrap_or_else(|| dir.join(format!("{id}.zip")))
}

/// How a batch reaches the kit: the command line owns it; the desktop app shares it between
/// commands behind a lock, which `export` takes only while it reads or logs a case, so the
/// window answers while the bundles are written.
pub trait KitAccess {
    type Error;
    /// Runs `f` with the kit.
    fn with_kit<T>(&mut self, f: impl FnOnce(&mut Kit) -> Result<T>) -> std::result::Result<T, Self::Error>;
    /// An error of the batch itself (writing a bundle, making the folder).
    fn error(&self, e: KitError) -> Self::Error;
}

impl KitAccess for Kit {
    type Error = KitError;
    fn with_kit<T>(&mut self, f: impl FnOnce(&mut Kit) -> Result<T>) -> Result<T> {
        f(self)
    }
    fn error(&self, e: KitError) -> KitError {
        e
    }
}

impl Kit {
    /// Writes a bundle for each case into `dir` (made if missing). Incomplete cases are
    /// skipped unless `allow_incomplete` (their bundles then list what is missing).
    pub fn batch_export(&mut self, cases: &[String], dir: &Path, allow_incomplete: bool, progress: impl FnMut(&BatchProgress)) -> Result<BatchExportReport> {
        export(self, cases, dir, allow_incomplete, progress)
    }
}

/// `Kit::batch_export` with the kit reached through `kit`: held while each case is read and
/// while each bundle written is logged, not while the bundles are written.
///
/// `progress` hears of each case as it is done (`done` counts skipped ones too). Cases are
/// read from the store a few at a time, then written side by side: a case usually holds one or
/// two files, so one case alone would leave most cores idle.
pub fn export<A: KitAccess>(
    kit: &mut A,
    cases: &[String],
    dir: &Path,
    allow_incomplete: bool,
    mut progress: impl FnMut(&BatchProgress),
) -> std::result::Result<BatchExportReport, A::Error> {
    std::fs::create_dir_all(dir).map_err(|e| kit.error(KitError::Io { what: crate::tr!("cannot make {}", "无法创建 {}", dir.display()), source: e }))?;
    let mut report = BatchExportReport { exported: Vec::new(), skipped: Vec::new() };
    let total = cases.len() as u32;
    let mut done = 0;
    let side_by_side = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    for chunk in cases.chunks(side_by_side) {
        // Read (store): one view per case, which also says what it lacks.
        let mut jobs = Vec::new();
        for id in chunk {
            let job = kit.with_kit(|k| k.export_job(id, true))?;
            if !job.missing().is_empty() && !allow_incomplete {
                let reason = job.missing().iter().map(|g| format!("{} ({})", g.item.as_deref().unwrap_or("checklist"), g.reason)).collect::<Vec<_>>().join("; ");
                report.skipped.push(SkippedCase { case: id.clone(), title: job.title().to_string(), reason: format!("not ready to send: {reason}") });
                done += 1;
                continue;
            }
            let out = free_path(dir, job.title(), id);
            jobs.push((id.clone(), job.title().to_string(), out, job));
        }
        // Write (no store), side by side; each bundle is whole or absent.
        let written: Vec<(String, String, Result<crate::ExportReport>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = jobs
                .into_iter()
                .map(|(id, title, out, job)| (id, title, scope.spawn(move || job.write(&out, false, |_, _| {}))))
                .collect();
            handles
                .into_iter()
                .map(|(id, title, h)| {
                    let result = h.join().unwrap_or_else(|_| Err(KitError::Internal(crate::tr!("the export stopped unexpectedly", "导出意外中止"))));
                    (id, title, result)
                })
                .collect()
        });
        // Log (store) what was written, before reporting any failure.
        let mut failed = None;
        for (id, title, result) in written {
            match result {
                Ok(r) => {
                    kit.with_kit(|k| k.exported(&id, &r))?;
                    done += 1;
                    progress(&BatchProgress { done, total, case: id.clone(), title: title.clone() });
                    report.exported.push(ExportedCase { case: id, title, path: r.path, complete: r.complete });
                }
                Err(e) => failed = failed.or(Some(e)),
            }
        }
        if let Some(e) = failed {
            return Err(kit.error(e));
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kit is asked for once to read each case and once to log each bundle written:
    /// never for the writing, so a shared kit is free meanwhile.
    #[test]
    fn the_kit_is_taken_only_to_read_and_to_log_each_case() {
        struct Counting {
            kit: Kit,
            calls: u32,
        }
        impl KitAccess for Counting {
            type Error = KitError;
            fn with_kit<T>(&mut self, f: impl FnOnce(&mut Kit) -> Result<T>) -> Result<T> {
                self.calls += 1;
                f(&mut self.kit)
            }
            fn error(&self, e: KitError) -> KitError {
                e
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let mut kit = Kit::open(&dir.path().join("data")).unwrap();
        let ids: Vec<String> = (0..3).map(|i| kit.create_case("huawei-cloud", &format!("Case {i}"), None).unwrap().summary.id).collect();
        let mut counting = Counting { kit, calls: 0 };
        let report = export(&mut counting, &ids, &dir.path().join("out"), true, |_| {}).unwrap();
        assert_eq!(report.exported.len(), 3);
        assert_eq!(counting.calls, 6);
    }
}
