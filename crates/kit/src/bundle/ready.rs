//! Copies of attached files as they leave in a bundle, made ahead of the export when making
//! them is slow: a 12-megapixel photo stored sideways takes about a quarter of a second of one
//! core to turn upright losslessly, and a case often holds several. The desktop app makes them
//! in the background after files are attached; an export then only copies them (and cleans
//! any file that has none, as before).

use serde_json::Value;

use crate::{Kit, Result};

/// Attachments looked at in one go.
const BATCH: usize = 64;

/// An attachment whose ready copy is worth making, with what reading its file needs: made by
/// `make` without the kit, kept by `Kit::keep_ready`.
pub struct ReadyJob {
    todo: store::Unprepared,
    files: store::files::FileStore,
}

/// A ready copy made by `ReadyJob::make`, to keep.
pub struct MadeCopy {
    todo: store::Unprepared,
    bytes: Vec<u8>,
    cleaned: Value,
}

impl Kit {
    /// Attachments whose ready copy is worth making and not made yet, newest first, leaving out
    /// those in `skip` (tried already).
    pub fn ready_jobs(&self, skip: &std::collections::HashSet<String>) -> Result<Vec<ReadyJob>> {
        let todo = self.store.unprepared(BATCH + skip.len())?;
        todo.into_iter()
            .filter(|t| !skip.contains(&t.id))
            .take(BATCH)
            .map(|todo| Ok(ReadyJob { files: self.store.case_files(&todo.case_id)?, todo }))
            .collect()
    }

    /// Keeps a copy made by `ReadyJob::make`, unless the attachment changed meanwhile.
    pub fn keep_ready(&mut self, made: &MadeCopy) -> Result<bool> {
        Ok(self.store.keep_ready(&made.todo.id, &made.todo.original, &made.bytes, &made.cleaned)?)
    }

    /// Makes and keeps every ready copy worth making, one after another; how many were kept.
    pub fn prepare_exports(&mut self) -> Result<usize> {
        let (mut tried, mut kept) = (std::collections::HashSet::new(), 0);
        loop {
            let jobs = self.ready_jobs(&tried)?;
            if jobs.is_empty() {
                return Ok(kept);
            }
            for job in jobs {
                tried.insert(job.id().to_string());
                if let Some(made) = job.make()? {
                    kept += self.keep_ready(&made)? as usize;
                }
            }
        }
    }
}

impl ReadyJob {
    /// The attachment's id.
    pub fn id(&self) -> &str {
        &self.todo.id
    }

    /// The copy, cleaned as an export would clean it; `None` if that turned out cheap (then
    /// the export does it).
    pub fn make(self) -> Result<Option<MadeCopy>> {
        let what = || crate::tr!("stored file of attachment {}", "附件 {} 的已保存文件", self.todo.id);
        let bytes = self.files.read(&self.todo.original).map_err(|e| crate::KitError::Io { what: what(), source: e })?;
        let cleaned = documents::clean::for_export(bytes).map_err(|e| crate::attachments::unreadable_stored(&e))?;
        if !cleaned.was_costly() {
            return Ok(None);
        }
        let done = cleaned.done.iter().map(|c| Value::from(c.id())).collect();
        Ok(Some(MadeCopy { todo: self.todo, bytes: cleaned.bytes, cleaned: Value::Array(done) }))
    }
}
