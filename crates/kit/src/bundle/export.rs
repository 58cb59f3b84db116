//! Export of a case as one deterministic zip: the case read from the store at once
//! (`Kit::export_job`), then written without it (`ExportJob::write`): the attached files
//! cleaned on every core and streamed into the zip in checklist order, then each information
//! item's values, the cover sheet, the ticket text, and last the manifest naming every hash.

use std::io;
use std::path::Path;
use std::sync::Arc;

use documents::bundle::BundleWriter;
use rules::Language;
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use super::manifest::{self, Manifest, ManifestFile};
use super::cleaning::Memo;
use super::{Gap, cleaning, cover, gaps};
use crate::{AttachmentView, CaseView, ItemState, Kit, KitError, Result};

#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportReport {
    pub path: String,
    pub files: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    pub complete: bool,
    pub missing: Vec<Gap>,
}

impl Kit {
    /// What the case still lacks before it can be sent.
    pub fn completeness(&self, id: &str) -> Result<Vec<Gap>> {
        Ok(gaps(&self.case(id)?, self.lang))
    }

    /// Writes the case's bundle to `out` (refused if `out` exists). An incomplete case is
    /// refused unless `allow_incomplete`, and then the bundle lists what is missing.
    /// `progress(done, total)` is called as files are prepared and written.
    pub fn export(&mut self, id: &str, out: &Path, allow_incomplete: bool, progress: impl FnMut(u32, u32)) -> Result<ExportReport> {
        let report = self.export_job(id, allow_incomplete)?.write(out, false, progress)?;
        self.exported(id, &report)?;
        Ok(report)
    }

    /// What an export needs from the store, read at once: the slow part (`ExportJob::write`)
    /// then runs without the store, so the desktop app stays responsive meanwhile.
    pub fn export_job(&self, id: &str, allow_incomplete: bool) -> Result<ExportJob> {
        let view = self.case(id)?;
        let missing = gaps(&view, self.lang);
        if !missing.is_empty() && !allow_incomplete {
            let list = |lang| gaps(&view, lang).iter().map(|g| format!("{} ({})", g.item.as_deref().unwrap_or("checklist"), g.reason)).collect::<Vec<_>>();
            let (en, zh) = (list(Language::En).join("; "), list(Language::Zh).join("；"));
            return Err(KitError::field("case", crate::error::Text { en: format!("not ready to send: {en}. Export anyway with --allow-incomplete"), zh: format!("尚不能提交：{zh}。如仍要导出，请加上 --allow-incomplete") }));
        }
        let rows = self.store.attachments(id)?;
        Ok(ExportJob { view, missing, rows, files: self.store.case_files(id)?, data_dir: self.data_dir.clone(), lang: self.lang, memo: None })
    }

    /// Notes a written bundle in the case's timeline.
    pub fn exported(&mut self, id: &str, report: &ExportReport) -> Result<()> {
        self.store.log_event(id, store::EventKind::Exported, &json!({ "file": report.path, "complete": report.complete }))?;
        Ok(())
    }
}

/// A case read for export; see `Kit::export_job`.
pub struct ExportJob {
    view: CaseView,
    missing: Vec<Gap>,
    rows: Vec<store::AttachmentRow>,
    files: store::files::FileStore,
    data_dir: std::path::PathBuf,
    /// The language of the view's texts, which the cover sheet is written in.
    lang: Language,
    /// Files already cleaned for other bundles of the same batch.
    memo: Option<Arc<Memo>>,
}

impl ExportJob {
    /// The case's own title (the batch export names its bundle after it).
    pub fn title(&self) -> &str {
        &self.view.summary.title
    }

    /// Takes files already cleaned for another bundle from `memo`, and keeps its own there.
    pub fn sharing(self, memo: Arc<Memo>) -> ExportJob {
        ExportJob { memo: Some(memo), ..self }
    }

    /// What the case still lacks; empty when it can be sent.
    pub fn missing(&self) -> &[Gap] {
        &self.missing
    }

    /// Cleans every file and writes the bundle to `out`; an existing file there is replaced
    /// only with `force`, and never one of the store's own.
    pub fn write(self, out: &Path, force: bool, mut progress: impl FnMut(u32, u32)) -> Result<ExportReport> {
        crate::output::target(&self.data_dir, out, force)?;
        let (mut count, mut bytes) = (0u32, 0u64);
        // The zip's writer speaks io::Error; a refused file is kept here to be reported as it is.
        let mut refused = None;
        let written = crate::output::write_file(&self.data_dir, out, force, |f| {
            let mut zip = Counted { zip: BundleWriter::new(f), count: 0, bytes: 0 };
            let attached = self.write_attached(&mut zip, out, &mut progress).map_err(|e| {
                refused = Some(e);
                io::Error::other("a file could not be exported")
            })?;
            self.write_documents(&mut zip, attached)?;
            (count, bytes) = (zip.count, zip.bytes);
            zip.zip.finish()
        });
        if let Some(e) = refused {
            return Err(e);
        }
        written?;
        let ExportJob { missing, .. } = self;
        Ok(ExportReport { path: out.display().to_string(), files: count, bytes, complete: missing.is_empty(), missing })
    }

    /// The attached files, cleaned on every core and added to the zip in checklist order as
    /// each one's turn comes; their manifest entries, by item.
    fn write_attached(&self, zip: &mut Counted, out: &Path, progress: &mut impl FnMut(u32, u32)) -> Result<Vec<Vec<ManifestFile>>> {
        let (view, rows) = (&self.view, &self.rows);
        // The view this job was made from read the same rows strictly (a damaged fixes list
        // fails it), so their histories parse here.
        let hidden = |f: &AttachmentView| {
            let row = rows.iter().find(|r| r.id == f.id);
            row.and_then(|r| crate::redaction::history(&r.id, &r.kept_fixes, &f.fixes).ok()).map(|h| crate::redaction::hidden_boxes(&h)).unwrap_or_default()
        };
        // (item, place in the item, file) in the order the files are cleaned and written.
        let order: Vec<(usize, usize, &AttachmentView)> =
            view.items.iter().enumerate().flat_map(|(n, state)| shipped_files(state).into_iter().enumerate().map(move |(i, f)| (n, i, f))).collect();
        let jobs: Vec<cleaning::Job> = order
            .iter()
            .map(|&(_, _, f)| {
                let row = rows.iter().find(|r| r.id == f.id);
                // The ready copy is of the original: a fixed version is cleaned as it is.
                let ready = row.filter(|r| r.fixed.is_none()).and_then(|r| r.ready.as_ref());
                cleaning::Job { name: &f.name, sha: row.map(|r| r.current().0).unwrap_or_default(), ready }
            })
            .collect();
        let mut item_files: Vec<Vec<ManifestFile>> = vec![Vec::new(); view.items.len()];
        let mut next = order.iter();
        cleaning::clean_all(&self.files, &jobs, self.memo.as_deref(), progress, |clean, sha256| {
            let Some(&(n, i, f)) = next.next() else { return Err(KitError::Internal(crate::tr!("a file was not exported", "有文件未能导出"))) };
            let item = &view.checklist.items[n];
            let path = format!("{}/{:02}-{}.{}", manifest::folder(view, n), i + 1, clean_name(&f.name, &item.id), clean.media_type.extension());
            zip.add(&path, &clean.bytes).map_err(|e| KitError::Io { what: crate::tr!("cannot write {}", "无法写入 {}", out.display()), source: e })?;
            item_files[n].push(ManifestFile {
                path,
                sha256: sha256.to_string(),
                bytes: clean.bytes.len() as u64,
                media_type: clean.media_type.mime().into(),
                original_name: Some(f.name.clone()),
                redacted: f.redacted,
                hidden: if f.redacted { hidden(f) } else { Vec::new() },
                cleaned: Some(clean.done.iter().map(|c| c.id().to_string()).collect()),
                checks: Some(f.checks.clone()),
            });
            Ok(())
        })?;
        Ok(item_files)
    }

    /// What Appeal Kit writes itself, after the attached files: each information item's
    /// values, the cover sheet, the ticket text, and last the manifest, which names every
    /// file's hash (a reader finds it by the zip's directory).
    fn write_documents(&self, zip: &mut Counted, attached: Vec<Vec<ManifestFile>>) -> io::Result<()> {
        let view = &self.view;
        let items = manifest::items(view, attached, |path, data| zip.add(path, data))?;
        let mut manifest = Manifest::new(view, &self.missing, items);
        let cover = documents::render(&cover::sheet(view, &manifest, self.lang)).map_err(|e| io::Error::other(format!("cover sheet: {e}")))?;
        zip.add("checklist.pdf", &cover)?;
        manifest.documents.push(manifest::file("checklist.pdf".into(), &cover, "application/pdf"));
        if let Some(text) = &view.ticket_text {
            zip.add("ticket-text.txt", text.as_bytes())?;
            manifest.documents.push(manifest::file("ticket-text.txt".into(), text.as_bytes(), "text/plain"));
        }
        zip.add("manifest.json", &serde_json::to_vec_pretty(&manifest).unwrap_or_default())
    }
}

/// The bundle being written, counting its entries and their bytes for the report.
struct Counted<'f> {
    zip: BundleWriter<'f>,
    count: u32,
    bytes: u64,
}

impl Counted<'_> {
    fn add(&mut self, path: &str, data: &[u8]) -> io::Result<()> {
        (self.count, self.bytes) = (self.count + 1, self.bytes + data.len() as u64);
        self.zip.add(path, data)
    }
}

/// The files of an item that go into the bundle: Appeal Kit's own unsigned letter stays out
/// once the item holds anything else (the signed scan); alone, it keeps the item needing
/// attention and ships only in an incomplete bundle.
fn shipped_files(state: &ItemState) -> Vec<&AttachmentView> {
    let others = state.files.iter().any(|f| !f.generated_letter);
    state.files.iter().filter(|f| !(others && f.generated_letter)).collect()
}

/// A file name that any system can hold: no separators or control characters, not too long.
fn clean_name(name: &str, fallback: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let cleaned: String = stem.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).take(60).collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace()).to_string();
    if cleaned.is_empty() { fallback.to_string() } else { cleaned }
}
