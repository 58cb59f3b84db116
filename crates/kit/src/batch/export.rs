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
/// `progress` hears of each case as it is done (`done` counts skipped ones too). Bundles are
/// written side by side, one per core: a case usually holds one or two files, so one case alone
/// would leave most cores idle. Each thread takes the next case as soon as it is free (a case
/// with a sideways photo to turn takes several times longer than one without), and the cases
/// are read from the store just ahead of the threads, one more than there are threads.
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
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    // (place in `cases`, the case's report), put back in case order at the end.
    let mut exported: Vec<(usize, ExportedCase)> = Vec::new();
    type Written = (usize, String, String, Result<crate::ExportReport>);
    let (jobs, queue) = std::sync::mpsc::channel::<(usize, String, String, PathBuf, crate::ExportJob)>();
    let (results, written) = std::sync::mpsc::channel::<Written>();
    let queue = std::sync::Mutex::new(queue);
    let memo = std::sync::Arc::new(crate::bundle::Memo::default());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (queue, results) = (&queue, results.clone());
            scope.spawn(move || {
                loop {
                    // Write (no store); each bundle is whole or absent.
                    let next = queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
                    let Ok((n, id, title, out, job)) = next else { return };
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.write(&out, false, |_, _| {})));
                    let result = result.unwrap_or_else(|_| Err(KitError::Internal(crate::tr!("the export stopped unexpectedly", "导出意外中止"))));
                    if results.send((n, id, title, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(results);
        let (mut next, mut in_flight, mut failed) = (0, 0, None);
        loop {
            // Read (store) just ahead of the threads: one view per case, which also says what
            // it lacks. Nothing more is started once a bundle has failed.
            while failed.is_none() && in_flight <= threads && next < cases.len() {
                let id = &cases[next];
                let job = match kit.with_kit(|k| k.export_job(id, true)) {
                    Ok(job) => job,
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                };
                if !job.missing().is_empty() && !allow_incomplete {
                    let reason = job.missing().iter().map(|g| format!("{} ({})", g.item.as_deref().unwrap_or("checklist"), g.reason)).collect::<Vec<_>>().join("; ");
                    report.skipped.push(SkippedCase { case: id.clone(), title: job.title().to_string(), reason: format!("not ready to send: {reason}") });
                    done += 1;
                } else {
                    let out = free_path(dir, job.title(), id);
                    let _ = jobs.send((next, id.clone(), job.title().to_string(), out, job.sharing(memo.clone())));
                    in_flight += 1;
                }
                next += 1;
            }
            if in_flight == 0 {
                break;
            }
            let Ok((n, id, title, result)) = written.recv() else { break };
            in_flight -= 1;
            // Log (store) what was written; a failure is reported once the others are logged.
            match result.map_err(|e| kit.error(e)).and_then(|r| kit.with_kit(|k| k.exported(&id, &r)).map(|()| r)) {
                Ok(r) => {
                    done += 1;
                    progress(&BatchProgress { done, total, case: id.clone(), title: title.clone() });
                    exported.push((n, ExportedCase { case: id, title, path: r.path, complete: r.complete }));
                }
                Err(e) => failed = failed.or(Some(e)),
            }
        }
        // Closing the queue lets the threads finish.
        drop(jobs);
        match failed {
            Some(e) => Err(e),
            None => Ok(()),
        }
    })?;
    exported.sort_by_key(|(n, _)| *n);
    report.exported = exported.into_iter().map(|(_, e)| e).collect();
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
