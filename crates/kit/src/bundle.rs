//! The ready-to-submit bundle (CONTRACTS.md section 6): a completeness check, export to one
//! deterministic zip, and import of a bundle as a new case, verifying every hash.

use std::collections::HashSet;
use std::path::Path;

use documents::fixes::Rect;
use documents::letters::{Block, Letter};
use rules::{Answers, ItemKind, Language, Requirement};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use store::{NewAttachment, NewCase};
use ts_rs::TS;

use crate::attachments::prepare_bytes;
use crate::{AttachmentView, CaseView, ItemState, ItemStatus, Kit, KitError, Profile, Result};

pub const FORMAT: &str = "appeal-kit-bundle/1";
/// A manifest lists files and answers: thousands of files fit in a few hundred kilobytes.
const MAX_MANIFEST_BYTES: u64 = 4 << 20;

/// Something a required item still lacks, for the completeness check.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Gap {
    /// The item, or `None` when the checklist itself is not complete.
    pub item: Option<String>,
    pub title: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportReport {
    pub path: String,
    pub files: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    pub complete: bool,
    pub missing: Vec<Gap>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ManifestFile {
    path: String,
    sha256: String,
    bytes: u64,
    media_type: String,
    /// The name the file had when it was attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    original_name: Option<String>,
    /// Parts were hidden (burnt in) before export, so the importer need not ask again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    redacted: bool,
    /// The boxes hidden, as fractions of the picture: the importer checks they are black
    /// before it believes `redacted`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    hidden: Vec<Rect>,
    /// What export did to an attached file (`documents::clean::Cleaning`), e.g.
    /// `["metadata_removed", "turned_lossless"]`; absent for files the app wrote itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cleaned: Option<Vec<String>>,
    /// What the checks found that may get the file rejected, `[{"id", "message"}]`, dismissed
    /// ones left out; absent for files the app wrote itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    checks: Option<Vec<crate::checks::CheckView>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ManifestItem {
    id: String,
    kind: ItemKind,
    requirement: Requirement,
    status: String,
    title: String,
    files: Vec<ManifestFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    values: Option<Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Manifest {
    format: String,
    case: Value,
    rules: Value,
    answers: Value,
    #[serde(default)]
    profile: Value,
    checklist_status: String,
    complete: bool,
    missing: Vec<String>,
    items: Vec<ManifestItem>,
    /// The cover sheet and the ticket text.
    documents: Vec<ManifestFile>,
}

/// What keeps the case from being complete (empty when it can be sent), said in `lang`; the
/// item titles are the view's.
pub fn gaps(view: &CaseView, lang: Language) -> Vec<Gap> {
    let tr = |en: &str, zh: &str| if lang == Language::Zh { zh.to_string() } else { en.to_string() };
    let mut out = Vec::new();
    let c = &view.checklist;
    if c.status != rules::Status::Ready {
        let reason = match c.status {
            rules::Status::Incomplete => tr("questions are still unanswered", "仍有问题未回答"),
            rules::Status::Blocked => tr("the answers show an appeal cannot succeed", "根据回答，申诉无法成功"),
            _ => tr("the provider's document does not cover this situation", "服务商的文档未涵盖这种情况"),
        };
        out.push(Gap { item: None, title: tr("Checklist", "材料清单"), reason });
    }
    for (item, state) in c.items.iter().zip(&view.items) {
        // Something attached that is not right yet holds the bundle back even on an as-needed
        // item: the reviewer would see it.
        let reason = match state.status {
            ItemStatus::NeedsAttention => state.attention.join(" "),
            _ if item.requirement != Requirement::Required => continue,
            ItemStatus::Missing if item.kind == ItemKind::Information => tr("not filled in", "尚未填写"),
            ItemStatus::Missing => tr("nothing attached", "尚未上传"),
            _ => continue,
        };
        out.push(Gap { item: Some(item.id.clone()), title: item.title.clone(), reason });
    }
    out
}

/// The files of an item that go into the bundle: Appeal Kit's own unsigned letter stays out
/// once the item holds anything else (the signed scan); alone, it keeps the item needing
/// attention and ships only in an incomplete bundle.
fn shipped_files(state: &ItemState) -> Vec<&AttachmentView> {
    let others = state.files.iter().any(|f| !f.generated_letter);
    state.files.iter().filter(|f| !(others && f.generated_letter)).collect()
}

/// Each stored file (name, hash) read, checked and cleaned for export on every core, and
/// handed to `sink` in order, with the hash of the result, as soon as its turn comes: only the
/// files cleaned ahead of a slow one wait in memory.
fn clean_all(
    files: &store::files::FileStore,
    jobs: &[(&str, &str)],
    progress: &mut impl FnMut(u32, u32),
    mut sink: impl FnMut(documents::clean::Cleaned, String) -> Result<()>,
) -> Result<()> {
    let clean_one = |(name, sha): &(&str, &str)| -> Result<_> {
        // Read without re-hashing the original: the bundle's own hashes are computed fresh
        // below, and a second SHA-256 pass would make export markedly slower than `zip -0`.
        let bytes = files.read_unchecked(sha).map_err(|e| KitError::Io { what: crate::tr!("stored file for {name}", "{name} 的已保存文件"), source: e })?;
        let cleaned = documents::clean::for_export(bytes).map_err(|e| crate::attachments::unreadable_stored(&e))?;
        let sha256 = store::files::sha256_hex(&cleaned.bytes);
        Ok((cleaned, sha256))
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len().max(1));
    let (tx, rx) = std::sync::mpsc::channel();
    // Each thread takes the next file when it is free: turned photos cost far more than the
    // others, and a fixed share per thread left one core with all of them (every fourth file).
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (clean_one, next) = (&clean_one, &next);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= jobs.len() || tx.send((i, clean_one(&jobs[i]))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let rx = rx; // owned here, so leaving early drops it and the threads stop
        let mut waiting = std::collections::BTreeMap::new();
        let mut written = 0;
        for (done, (i, result)) in rx.iter().enumerate() {
            waiting.insert(i, result);
            progress(done as u32 + 1, jobs.len() as u32);
            while let Some(result) = waiting.remove(&written) {
                let (cleaned, sha256) = result?;
                sink(cleaned, sha256)?;
                written += 1;
            }
        }
        match written == jobs.len() {
            true => Ok(()),
            false => Err(KitError::Internal(crate::tr!("a file was not exported", "有文件未能导出"))),
        }
    })
}

/// A file name that any system can hold: no separators or control characters, not too long.
fn clean_name(name: &str, fallback: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let cleaned: String = stem.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).take(60).collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace()).to_string();
    if cleaned.is_empty() { fallback.to_string() } else { cleaned }
}

fn manifest_file(path: String, bytes: &[u8], media_type: &str, original_name: Option<String>) -> ManifestFile {
    ManifestFile {
        path,
        sha256: store::files::sha256_hex(bytes),
        bytes: bytes.len() as u64,
        media_type: media_type.into(),
        original_name,
        redacted: false,
        hidden: Vec::new(),
        cleaned: None,
        checks: None,
    }
}

/// The cover sheet's title: what the provider's reviewer needs to place it (provider, account,
/// holder), never the case's own title, which is the user's private label.
fn cover_title(view: &CaseView, lang: Language) -> String {
    let s = &view.summary;
    let p = &view.profile;
    let account = p.account_name.as_deref().map(str::trim).filter(|a| !a.is_empty());
    let holder = p.holder_name.as_deref().map(str::trim).filter(|h| !h.is_empty());
    let provider = &s.provider_name;
    match (lang, account, holder) {
        (Language::Zh, Some(a), Some(h)) => format!("申诉材料：{provider}账号 {a}（{h}）"),
        (Language::Zh, Some(a), None) => format!("申诉材料：{provider}账号 {a}"),
        (Language::Zh, None, Some(h)) => format!("申诉材料：{h} 的{provider}账号"),
        (Language::Zh, None, None) => format!("申诉材料：{provider}账号"),
        (Language::En, Some(a), Some(h)) => format!("Appeal materials: {provider} account {a} ({h})"),
        (Language::En, Some(a), None) => format!("Appeal materials: {provider} account {a}"),
        (Language::En, None, Some(h)) => format!("Appeal materials: {provider} account of {h}"),
        (Language::En, None, None) => format!("Appeal materials: {provider} account"),
    }
}

/// The cover sheet: every item, what satisfies it or what is missing, and the ticket text, all
/// in `lang` (the language of the item titles and the ticket text it lists).
fn cover_sheet(view: &CaseView, manifest: &Manifest, lang: Language) -> Letter {
    let tr = |en: &str, zh: &str| if lang == Language::Zh { zh.to_string() } else { en.to_string() };
    let s = &view.summary;
    let title = cover_title(view, lang);
    let mut rows = vec![(tr("Provider", "服务商"), s.provider_name.clone())];
    rows.push((tr("Account", "账号"), view.profile.account_name.clone().unwrap_or_default()));
    rows.push((tr("Account holder", "账号持有人"), view.profile.holder_name.clone().unwrap_or_default()));
    rows.push((tr("Requirements", "材料要求依据"), format!("{} ({})", view.checklist.rules.source, view.checklist.rules.version)));
    rows.push((tr("Prepared on", "整理日期"), s.updated_at.get(..10).unwrap_or(&s.updated_at).to_string()));
    let mut blocks = vec![Block::Title(title.clone()), Block::Fields(rows)];
    if manifest.complete {
        blocks.push(Block::Para(tr("Every required item is provided.", "所有必需材料均已提供。")));
    } else {
        blocks.push(Block::Note(tr("Incomplete. Still missing:", "材料不完整，仍缺少：")));
        for g in gaps(view, lang) {
            blocks.push(Block::Note(format!("• {}{}{}", g.title, tr(": ", "："), g.reason)));
        }
    }
    let files = |item: &ManifestItem| item.files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>().join(", ");
    for (n, (item, state)) in manifest.items.iter().zip(&view.items).enumerate() {
        let required = item.requirement == Requirement::Required;
        let heading = match (lang, required) {
            (Language::Zh, true) => format!("{}. {}（必需）", n + 1, item.title),
            (Language::Zh, false) => format!("{}. {}（按需）", n + 1, item.title),
            (Language::En, true) => format!("{}. {} (required)", n + 1, item.title),
            (Language::En, false) => format!("{}. {} (as needed)", n + 1, item.title),
        };
        blocks.push(Block::Heading(heading));
        let text = match (item.status.as_str(), &item.values) {
            ("not_applicable", _) => tr("Done outside this bundle (during or after the appeal).", "不在本材料包内（申诉过程中或之后办理）。"),
            ("missing", _) if !state.attention.is_empty() => format!("{}{}", tr("NOT READY: ", "尚未就绪："), state.attention.join(" ")),
            // An optional item left out is not a gap in the appeal.
            ("missing", _) if !required => tr("Not provided (optional).", "未提供（非必需）。"),
            ("missing", _) => tr("MISSING", "缺少"),
            (_, Some(_)) => String::new(),
            _ => format!("{}{}", tr("Provided: ", "已提供："), files(item)),
        };
        if !text.is_empty() {
            blocks.push(Block::Para(text));
        }
        if item.status == "missing" && !item.files.is_empty() {
            blocks.push(Block::Para(format!("{}{}", tr("Attached: ", "已附："), files(item))));
        }
        if let Some(Value::Object(values)) = &item.values {
            // Each value under its label as the pack words it, in the sheet's language.
            let label = |k: &str| state.fields.iter().find(|f| f.id == k).map_or_else(|| k.replace('_', " "), |f| f.label.clone());
            blocks.push(Block::Fields(values.iter().map(|(k, v)| (label(k), v.as_str().unwrap_or_default().to_string())).collect()));
        }
    }
    if let Some(text) = &view.ticket_text {
        blocks.push(Block::Heading(tr("Text for the ticket or appeal form", "工单或申诉表单中填写的文字")));
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            blocks.push(Block::Para(line.to_string()));
        }
    }
    Letter { title, language: if lang == Language::Zh { "zh-CN" } else { "en" }, blocks, missing_fields: Vec::new() }
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
        Ok(ExportJob { view, missing, rows, files: self.store.case_files(id)?, data_dir: self.data_dir.clone(), lang: self.lang })
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
}

impl ExportJob {
    /// The case's own title (the batch export names its bundle after it).
    pub fn title(&self) -> &str {
        &self.view.summary.title
    }

    /// What the case still lacks; empty when it can be sent.
    pub fn missing(&self) -> &[Gap] {
        &self.missing
    }

    /// Cleans every file and writes the bundle to `out`; an existing file there is replaced
    /// only with `force`, and never one of the store's own.
    pub fn write(self, out: &Path, force: bool, mut progress: impl FnMut(u32, u32)) -> Result<ExportReport> {
        let ExportJob { view, missing, rows, files: store_files, data_dir, lang } = self;
        crate::output::target(&data_dir, out, force)?;
        // Reading, checking and cleaning the files is most of the work: it runs on every core.
        // The view this job was made from read the same rows strictly (a damaged fixes list
        // fails it), so their histories parse here.
        let hidden = |file: &str| {
            let row = rows.iter().find(|r| r.id == file);
            row.and_then(|r| crate::redaction::history(&r.id, &r.kept_fixes, &r.fixes).ok()).map(|h| crate::redaction::hidden_boxes(&h)).unwrap_or_default()
        };
        let shipped: Vec<Vec<&AttachmentView>> = view.items.iter().map(shipped_files).collect();
        let jobs: Vec<(&str, &str)> = shipped.iter().flatten().map(|f| {
            let row = rows.iter().find(|r| r.id == f.id);
            (f.name.as_str(), row.map(|r| r.current().0).unwrap_or_default())
        }).collect();
        // (item, place in the item, file) in the order the files are cleaned and written.
        let order: Vec<(usize, usize, &AttachmentView)> =
            shipped.iter().enumerate().flat_map(|(n, files)| files.iter().enumerate().map(move |(i, f)| (n, i, *f))).collect();
        let folder = |n: usize| format!("{:02}-{}", n + 1, view.checklist.items[n].id);
        let mut item_files: Vec<Vec<ManifestFile>> = vec![Vec::new(); view.items.len()];
        let (mut count, mut bytes) = (0u32, 0u64);
        // The zip's writer speaks io::Error; a refused file is kept here to be reported as it is.
        let mut refused = None;
        let written = crate::output::write_file(&data_dir, out, force, |f| {
            let mut zip = documents::bundle::BundleWriter::new(f);
            let mut add = |zip: &mut documents::bundle::BundleWriter, path: &str, data: &[u8]| {
                (count, bytes) = (count + 1, bytes + data.len() as u64);
                zip.add(path, data)
            };
            // Each file goes into the zip as soon as it is cleaned, in order, and is then dropped.
            let mut next = order.iter();
            let files = clean_all(&store_files, &jobs, &mut progress, |clean, sha256| {
                let Some(&(n, i, f)) = next.next() else { return Err(KitError::Internal(crate::tr!("a file was not exported", "有文件未能导出"))) };
                let item = &view.checklist.items[n];
                let path = format!("{}/{:02}-{}.{}", folder(n), i + 1, clean_name(&f.name, &item.id), clean.media_type.extension());
                add(&mut zip, &path, &clean.bytes).map_err(|e| KitError::Io { what: crate::tr!("cannot write {}", "无法写入 {}", out.display()), source: e })?;
                item_files[n].push(ManifestFile {
                    path,
                    sha256,
                    bytes: clean.bytes.len() as u64,
                    media_type: clean.media_type.mime().into(),
                    original_name: Some(f.name.clone()),
                    redacted: f.redacted,
                    hidden: if f.redacted { hidden(&f.id) } else { Vec::new() },
                    cleaned: Some(clean.done.iter().map(|c| c.id().to_string()).collect()),
                    checks: Some(f.checks.clone()),
                });
                Ok(())
            });
            if let Err(e) = files {
                refused = Some(e);
                return Err(std::io::Error::other("a file could not be exported"));
            }
            let mut items = Vec::new();
            for (n, ((item, state), mut files)) in view.checklist.items.iter().zip(&view.items).zip(item_files.drain(..)).enumerate() {
                let values = (item.kind == ItemKind::Information).then(|| view.info.get(&item.id).cloned().unwrap_or(json!({})));
                if let Some(Value::Object(v)) = &values {
                    if !v.is_empty() {
                        let text: String = v.iter().map(|(k, v)| format!("{k}: {}\n", v.as_str().unwrap_or_default())).collect();
                        let path = format!("{}/values.txt", folder(n));
                        add(&mut zip, &path, text.as_bytes())?;
                        files.push(manifest_file(path, text.as_bytes(), "text/plain", None));
                    }
                }
                let status = match state.status {
                    ItemStatus::Provided => "provided",
                    ItemStatus::NotApplicable => "not_applicable",
                    _ => "missing",
                };
                items.push(ManifestItem { id: item.id.clone(), kind: item.kind, requirement: item.requirement, status: status.into(), title: item.title.clone(), files, values });
            }
            let s = &view.summary;
            let mut manifest = Manifest {
                format: FORMAT.into(),
                case: json!({ "id": s.id, "title": s.title, "provider": s.provider }),
                rules: serde_json::to_value(&view.checklist.rules).unwrap_or_default(),
                answers: view.answers.clone(),
                profile: serde_json::to_value(&view.profile).unwrap_or_default(),
                checklist_status: serde_json::to_value(view.checklist.status).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
                complete: missing.is_empty(),
                missing: missing.iter().map(|g| g.item.clone().unwrap_or_else(|| "checklist".into())).collect(),
                items,
                documents: Vec::new(),
            };
            let cover = documents::render(&cover_sheet(&view, &manifest, lang)).map_err(|e| std::io::Error::other(format!("cover sheet: {e}")))?;
            add(&mut zip, "checklist.pdf", &cover)?;
            manifest.documents.push(manifest_file("checklist.pdf".into(), &cover, "application/pdf", None));
            if let Some(text) = &view.ticket_text {
                add(&mut zip, "ticket-text.txt", text.as_bytes())?;
                manifest.documents.push(manifest_file("ticket-text.txt".into(), text.as_bytes(), "text/plain", None));
            }
            // Last, since it names every file's hash: a reader finds it by the zip's directory.
            add(&mut zip, "manifest.json", &serde_json::to_vec_pretty(&manifest).unwrap_or_default())?;
            zip.finish()
        });
        if let Some(e) = refused {
            return Err(e);
        }
        written?;
        Ok(ExportReport { path: out.display().to_string(), files: count, bytes, complete: missing.is_empty(), missing })
    }

}

impl Kit {
    /// Opens a bundle as a new case. Everything is checked first (the zip's paths and sizes,
    /// the manifest, every hash, every file); a refused bundle writes nothing anywhere.
    pub fn import(&mut self, path: &Path) -> Result<CaseView> {
        let checked = check_bundle(path)?;
        self.import_checked(checked)
    }

    /// Stores a bundle `check_bundle` accepted as a new case, all of it or nothing.
    pub fn import_checked(&mut self, b: CheckedBundle) -> Result<CaseView> {
        let new = NewCase {
            provider: &b.provider,
            title: &b.title,
            answers: &b.answers,
            profile: &b.profile,
            rules_version: &b.rules_version,
            checklist_status: b.checklist_status,
        };
        let row = self.store.import_case(new, &b.info, &b.files, &b.detail)?;
        self.view(row)
    }
}

/// A bundle read and checked whole, ready to store (`Kit::import_checked`).
pub struct CheckedBundle {
    provider: String,
    title: String,
    answers: Value,
    profile: Value,
    rules_version: String,
    checklist_status: &'static str,
    info: Value,
    files: Vec<(String, NewAttachment)>,
    detail: Value,
}

/// Reads and checks a bundle without the store: the zip's paths and sizes, the manifest,
/// every hash, every file. The slow part of an import, run while the desktop app answers.
pub fn check_bundle(path: &Path) -> Result<CheckedBundle> {
    {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let refuse = |reason: crate::error::Text| KitError::Refused { name: name.clone(), reason };
        let file = std::fs::File::open(path).map_err(|e| {
            let why = crate::error::io_reason(&e);
            refuse(crate::error::lead("cannot be read: ", "无法读取：", &why))
        })?;
        // The directory is checked whole before anything is inflated; then the manifest
        // (capped), then each file, one at a time, when it is needed.
        let mut zip = documents::bundle::BundleReader::open(std::io::BufReader::new(file)).map_err(|e| refuse(crate::error_text::bundle(&e)))?;
        if zip.size("manifest.json").is_none() {
            return Err(refuse(crate::tr!("not an Appeal Kit bundle: it has no manifest.json", "不是 Appeal Kit 材料包：其中没有 manifest.json")));
        }
        let manifest_bytes = zip.read("manifest.json", MAX_MANIFEST_BYTES).map_err(|e| refuse(crate::error_text::bundle(&e)))?;
        let manifest: Manifest = serde_json::from_slice(&manifest_bytes).map_err(|e| refuse(crate::tr!("its manifest.json is not valid: {e}", "其中的 manifest.json 无效：{e}")))?;
        if manifest.format != FORMAT {
            return Err(refuse(crate::tr!("bundle format `{}` is not one this version reads ({FORMAT})", "此版本无法读取材料包格式 `{}`（可读取：{FORMAT}）", manifest.format)));
        }
        let provider = manifest.case.get("provider").and_then(Value::as_str).unwrap_or_default();
        let pack = rules::pack(provider).map_err(|e| refuse(crate::error_text::rules(&e)))?;
        let answers = Answers::from_json(pack, &manifest.answers).map_err(|e| {
            let why = KitError::from(e).text();
            refuse(crate::error::lead("its answers do not fit the rules: ", "其中的回答不符合规则：", &why))
        })?;
        let title = manifest.case.get("title").and_then(Value::as_str).unwrap_or("Imported case");
        let title = crate::cases::clean_title(title).map_err(|e| refuse(e.text()))?;
        let profile = Profile::default().merged(&strip_nulls(&manifest.profile)).map_err(|e| {
            let why = e.text();
            refuse(crate::error::lead("its profile: ", "其中的案件资料：", &why))
        })?;
        let checklist = rules::evaluate(pack, &answers);

        // Every entry is the manifest or a file the manifest lists, with the size it lists:
        // checked on the directory alone, before any file is inflated.
        let mut listed: HashSet<&str> = HashSet::from(["manifest.json"]);
        let all_files = manifest.items.iter().flat_map(|i| i.files.iter()).chain(&manifest.documents);
        for f in all_files {
            let size = zip.size(&f.path).ok_or_else(|| refuse(crate::tr!("`{}` is listed but not in the zip", "`{}` 列在清单中，但不在 zip 里", f.path)))?;
            if size != f.bytes {
                return Err(refuse(crate::tr!("`{}` does not match its hash in the manifest: changed or damaged", "`{}` 与 manifest 中的哈希值不符：已被更改或损坏", f.path)));
            }
            if !listed.insert(&f.path) {
                return Err(refuse(crate::tr!("`{}` is listed twice", "`{}` 列出了两次", f.path)));
            }
        }
        if let Some(extra) = zip.names().find(|p| !listed.contains(p)) {
            return Err(refuse(crate::tr!("`{extra}` is in the zip but not in the manifest", "`{extra}` 在 zip 里，但不在 manifest 中")));
        }
        // Each file inflated when needed, capped at its listed size, and its hash checked.
        let mut read = |f: &ManifestFile| -> Result<Vec<u8>> {
            let bytes = zip.read(&f.path, f.bytes).map_err(|e| refuse(crate::error_text::bundle(&e)))?;
            if store::files::sha256_hex(&bytes) != f.sha256 {
                return Err(refuse(crate::tr!("`{}` does not match its hash in the manifest: changed or damaged", "`{}` 与 manifest 中的哈希值不符：已被更改或损坏", f.path)));
            }
            Ok(bytes)
        };
        for f in &manifest.documents {
            read(f)?;
        }

        let mut info = serde_json::Map::new();
        let mut files = Vec::new();
        for item in &manifest.items {
            let Some(def) = checklist.items.iter().find(|i| i.id == item.id) else {
                return Err(refuse(crate::tr!("item `{}` is not on the checklist for these answers", "项目 `{}` 不在这些回答对应的清单上", item.id)));
            };
            if def.kind == ItemKind::Information {
                for f in &item.files {
                    read(f)?;
                }
                if let Some(values) = &item.values {
                    info.insert(item.id.clone(), crate::info::merged(pack, &item.id, None, values).map_err(|e| {
                        let why = e.text();
                        refuse(crate::error::lead(format!("`{}`: ", item.id), format!("`{}`：", item.id), &why))
                    })?);
                }
                continue;
            }
            for f in &item.files {
                let bytes = read(f)?;
                let original = f.original_name.clone().unwrap_or_else(|| f.path.rsplit('/').next().unwrap_or_default().to_string());
                let prepared = prepare_bytes(&original, bytes).map_err(|r| refuse(crate::error::lead(format!("`{}`: ", f.path), format!("`{}`：", f.path), &r.text)))?;
                // A claim of hidden areas counts only if every box is black in the picture.
                let kept = if f.redacted { crate::redaction::verified(&prepared.bytes, &f.hidden) } else { None };
                let mut new = prepared.into_new_attachment();
                if let Some(rects) = kept {
                    new.kept_fixes = serde_json::to_value([documents::fixes::Fix::Redact { rects }]).unwrap_or_default();
                }
                files.push((item.id.clone(), new));
            }
        }
        // The timeline keeps a short, clean summary of where the case came from.
        let from_case = manifest.case.get("id").and_then(Value::as_str).and_then(|id| crate::text::one_line("id", id, 64).ok());
        Ok(CheckedBundle {
            provider: provider.to_string(),
            title,
            answers: answers.to_json(),
            profile: serde_json::to_value(&profile).unwrap_or_default(),
            rules_version: pack.version.clone(),
            checklist_status: checklist.status.as_str(),
            info: Value::Object(info),
            files,
            detail: json!({ "file": crate::text::file_name(&name), "from_case": from_case }),
        })
    }
}

fn strip_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.clone())).collect()),
        _ => json!({}),
    }
}
