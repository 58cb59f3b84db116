//! Files attached to checklist items: checked and previewed before anything is stored, fixed
//! (rotate, crop, redact) as new versions, and judged per item: missing, provided, or needing
//! attention.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use base64::Engine;
use documents::fixes::{self, Fix};
use documents::intake::{self, IntakeError, MediaType};
use rules::{Checklist, ItemKind};
use serde::Serialize;
use serde_json::{Value, json};
use store::{AttachmentRow, FixedVersion, NewAttachment};
use ts_rs::TS;

use crate::error::Text;
use crate::{CaseView, Kit, KitError, Result};

/// Pages of an attached PDF whose letter codes are read (a letter has a page or two).
const LETTER_PAGES_READ: u32 = 20;

/// A file that passed the checks, ready to store.
pub struct Prepared {
    pub name: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) intake: intake::Intake,
    /// The pages carrying a letter code (read when the file goes to a letter item).
    pub(crate) readings: Option<Vec<documents::letter_code::PageReading>>,
}

/// Why a file was refused, naming it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Refused {
    pub name: String,
    /// In the process's message language (`crate::error::set_language`).
    pub reason: String,
    #[serde(skip)]
    #[ts(skip)]
    pub text: Text,
}

impl Refused {
    pub fn new(name: &str, text: Text) -> Refused {
        Refused { name: name.to_string(), reason: crate::error::local(&text), text }
    }

    pub fn into_error(self) -> KitError {
        KitError::Refused { name: self.name, reason: self.text }
    }
}

fn unreadable(e: &std::io::Error) -> Text {
    crate::error::lead("cannot be read: ", "无法读取：", &crate::error::io_reason(e))
}

/// A stored file that cannot be read or drawn again: not the user's input, the kind says which.
pub(crate) fn unreadable_stored(e: &IntakeError) -> KitError {
    let format = if matches!(e, IntakeError::Pdf(_)) { crate::error::Format::Pdf } else { crate::error::Format::Image };
    let text = crate::error_text::intake(e);
    KitError::Document { format, what: crate::tr!("the stored file cannot be drawn", "无法绘制已保存的文件"), reason: text.get(crate::error::language()).to_string() }
}

/// A fix that cannot be applied: a box or corner out of the picture is bad input; a picture
/// that cannot be decoded is not.
pub(crate) fn fix_failed(e: &fixes::FixError) -> KitError {
    match e {
        fixes::FixError::Image(i) => unreadable_stored(i),
        other => KitError::field("fix", crate::error_text::fix(other)),
    }
}

/// The files of one attach, checked before any is stored, and those refused.
#[derive(Default)]
pub struct Checked {
    pub files: Vec<Prepared>,
    pub refused: Vec<Refused>,
}

impl Checked {
    pub fn add(&mut self, file: std::result::Result<Prepared, Refused>) {
        match file {
            Ok(f) => self.files.push(f),
            Err(r) => self.refused.push(r),
        }
    }

    /// Every refusal as one error ("a.jpg: …; b.png: …"), if any.
    pub fn refusal(&self) -> Option<KitError> {
        let (first, rest) = self.refused.split_first()?;
        let more = |zh: bool| rest.iter().map(|r| format!("; {}: {}", r.name, if zh { &r.text.zh } else { &r.text.en })).collect::<String>();
        let reason = Text { en: format!("{}{}", first.text.en, more(false)), zh: format!("{}{}", first.text.zh, more(true)) };
        Some(KitError::Refused { name: first.name.clone(), reason })
    }
}

/// Checks every file, telling `progress` of each. Needs no store: the desktop runs it without
/// holding the kit, so the app answers meanwhile.
pub fn check_files(paths: &[impl AsRef<Path>], mut progress: impl FnMut(AttachProgress)) -> Checked {
    let total = paths.len() as u32;
    let mut checked = Checked::default();
    for (done, path) in paths.iter().enumerate() {
        let path = path.as_ref();
        progress(AttachProgress { done: done as u32, total, name: path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default() });
        checked.add(prepare(path));
    }
    progress(AttachProgress { done: total, total, name: String::new() });
    checked
}

/// Reads and checks one file. Nothing is stored; a refusal says why.
pub fn prepare(path: &Path) -> std::result::Result<Prepared, Refused> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| path.display().to_string());
    let refuse = |reason: Text| Refused::new(&name, reason);
    // A FIFO or a device would block the open or never end: only regular files are opened,
    // and without blocking, in case the path was swapped for something else in between.
    let meta = std::fs::metadata(path).map_err(|e| refuse(unreadable(&e)))?;
    if !meta.is_file() {
        return Err(refuse(crate::tr!("is not a file", "不是文件")));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(|e| refuse(unreadable(&e)))?;
    let meta = file.metadata().map_err(|e| refuse(unreadable(&e)))?;
    if !meta.is_file() {
        return Err(refuse(crate::tr!("is not a file", "不是文件")));
    }
    if meta.len() > intake::MAX_FILE_BYTES {
        return Err(refuse(crate::error_text::intake(&IntakeError::TooLarge(meta.len() / (1024 * 1024)))));
    }
    prepare_reader(&name, file, meta.len())
}

/// Reads and checks a file from a stream (standard input), up to the file size limit.
/// `expected` is a hint for the buffer.
pub fn prepare_reader(name: &str, reader: impl Read, expected: u64) -> std::result::Result<Prepared, Refused> {
    let refuse = |reason: Text| Refused::new(name, reason);
    let mut bytes = Vec::with_capacity(expected.min(intake::MAX_FILE_BYTES) as usize);
    reader.take(intake::MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| refuse(unreadable(&e)))?;
    if bytes.len() as u64 > intake::MAX_FILE_BYTES {
        return Err(refuse(crate::error_text::intake(&IntakeError::TooLarge(bytes.len() as u64 / (1024 * 1024)))));
    }
    prepare_bytes(name, bytes)
}

pub fn prepare_bytes(name: &str, bytes: Vec<u8>) -> std::result::Result<Prepared, Refused> {
    let name = &crate::text::file_name(name);
    match intake::inspect(&bytes) {
        Ok(intake) => Ok(Prepared { name: name.to_string(), bytes, intake, readings: None }),
        Err(e) => Err(Refused::new(name, crate::error_text::intake(&e))),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Nothing attached or typed yet.
    Missing,
    Provided,
    /// Something is there but not yet right (see `attention`).
    NeedsAttention,
    /// Nothing to attach or type (a step done outside the app).
    NotApplicable,
}

/// An attached file as the checklist shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AttachmentView {
    pub id: String,
    pub item: String,
    pub name: String,
    /// Of the current version (fixed, else original).
    pub media_type: String,
    pub bytes: u32,
    pub width: u32,
    pub height: u32,
    pub pages: u32,
    /// GPS coordinates were found in the original; they never leave the app.
    pub has_location: bool,
    pub fixes: Vec<Fix>,
    /// Parts of the picture are hidden: by a fix here, or before it was exported to a bundle.
    pub redacted: bool,
    /// The original is still kept beside the fixed version.
    pub has_original: bool,
    /// The stored file was found missing at start-up.
    pub missing: bool,
    /// The unsigned letter Appeal Kit generated, not a scan of it signed or sealed.
    pub generated_letter: bool,
    /// Upright preview as a data URL.
    pub thumbnail: String,
    /// What the checks found that may get the file rejected (dismissed ones left out).
    pub checks: Vec<crate::checks::CheckView>,
    /// Where straightening would take the document's corners from (a `tilted` finding).
    pub suggested_corners: Option<[documents::checks::Corner; 4]>,
    /// A scan recognised as one of Appeal Kit's letters, by the code on its pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub letter: Option<crate::letter_scans::LetterMatch>,
}

/// A checklist item's state: what is attached or typed, and what still needs doing.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ItemState {
    pub item: String,
    pub status: ItemStatus,
    pub files: Vec<AttachmentView>,
    pub attention: Vec<String>,
    /// For an information item, the fields to type.
    pub fields: Vec<crate::info::InfoField>,
    /// Files attach to this item (see [`attachable`]).
    pub attachable: bool,
}

/// Rows to store for files attaching to an item of `kind`. On a letter item each file's pages
/// are read for their letter codes: which letter, case and page a scan is.
fn into_new_attachments(kind: ItemKind, mut files: Vec<Prepared>) -> Vec<NewAttachment> {
    if kind == ItemKind::Letter {
        for f in files.iter_mut().filter(|f| f.readings.is_none()) {
            f.readings = Some(documents::letter_code::read_pages(&f.bytes, LETTER_PAGES_READ).unwrap_or_default());
        }
    }
    files.into_iter().map(Prepared::into_new_attachment).collect()
}

/// Files attach to documents and letters; information items are typed, steps are done.
pub(crate) fn attachable(kind: ItemKind) -> bool {
    matches!(kind, ItemKind::Document | ItemKind::Letter)
}

/// Progress while a batch of files is checked and previewed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AttachProgress {
    pub done: u32,
    pub total: u32,
    pub name: String,
}

/// The case after attaching, and the files that were refused, with why.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AttachResult {
    pub case: CaseView,
    pub refused: Vec<Refused>,
}

/// A large view of one page of an attachment, for the viewer.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AttachmentPage {
    pub image: String,
    pub page: u32,
    pub pages: u32,
}

/// A page of a stored file to draw for the viewer.
pub struct PageSource {
    bytes: Vec<u8>,
    page: u32,
    pages: u32,
}

impl PageSource {
    pub fn render(self, size: u32) -> Result<AttachmentPage> {
        let image = intake::view(&self.bytes, size.clamp(200, 4000), (self.page - 1) as usize).map_err(|e| unreadable_stored(&e))?;
        Ok(AttachmentPage { image: data_url(&image), page: self.page, pages: self.pages })
    }
}

pub(crate) fn data_url(bytes: &[u8]) -> String {
    let mime = if bytes.starts_with(b"\x89PNG") { "image/png" } else { "image/jpeg" };
    format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// A file as the case screen shows it; `recognised` says what its letter code means for the case.
fn view(row: &AttachmentRow, letters: &HashSet<String>, provider: &str, lang: rules::Language, recognised: Option<&crate::letter_scans::Recognised>) -> AttachmentView {
    let facts = &row.facts;
    let n = |k: &str| facts.get(k).and_then(Value::as_u64).unwrap_or(0) as u32;
    let (current, media) = row.current();
    let fixes: Vec<Fix> = serde_json::from_value(row.fixes.clone()).unwrap_or_default();
    // Derived from what was done to the file (kept fixes too), never from a stored flag.
    let history = crate::redaction::history(&row.kept_fixes, &row.fixes);
    let redacted = crate::redaction::is_redacted(&history);
    // The facts are the first original's; the current version is that after every fix.
    let (width, height) = documents::fixes::size_after(n("width"), n("height"), &history);
    let pages = n("pages").max(1);
    let generated_letter = letters.contains(current);
    // The unsigned PDF Appeal Kit made has its own warning (see `judge`), not a missing seal.
    let from_letter = recognised.filter(|_| !generated_letter).map(|r| crate::checks::letter_findings(r, pages)).unwrap_or_default();
    let findings = crate::checks::findings(&row.checks, &from_letter, &row.dismissed);
    let seal_rule = recognised.and_then(|r| r.no_seal.as_ref()).map(|(_, rule)| rule.as_str());
    AttachmentView {
        id: row.id.clone(),
        item: row.item_id.clone(),
        name: row.name.clone(),
        media_type: media.to_string(),
        bytes: row.bytes as u32,
        width,
        height,
        pages,
        has_location: facts.get("has_location").and_then(Value::as_bool).unwrap_or(false),
        fixes,
        redacted,
        has_original: row.fixed.is_some(),
        missing: row.missing,
        generated_letter,
        thumbnail: data_url(&row.thumbnail),
        checks: crate::checks::views(&findings, provider, lang, seal_rule),
        suggested_corners: crate::checks::suggested_corners(&findings),
        letter: recognised.map(|r| r.letter.clone()),
    }
}

/// What judging an item needs to know about one of its files.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FileFlags {
    pub missing: bool,
    pub redacted: bool,
    pub generated_letter: bool,
    /// Findings that stand (not dismissed).
    pub checks: u32,
}

impl From<&AttachmentView> for FileFlags {
    fn from(f: &AttachmentView) -> FileFlags {
        FileFlags { missing: f.missing, redacted: f.redacted, generated_letter: f.generated_letter, checks: f.checks.len() as u32 }
    }
}

/// An item's status and what still needs doing, from its files' flags (documents, letters)
/// or its saved values (information). The case screen and the case list both judge with this,
/// so they cannot disagree.
pub(crate) fn judge(pack: &rules::Pack, item: &rules::Item, files: &[FileFlags], info: &Value, lang: rules::Language) -> (ItemStatus, Vec<String>) {
    // Said in the interface language (CONTRACTS.md section 9), as the item's own texts are.
    let tr = |en: &str, zh: &str| if lang == rules::Language::Zh { zh.to_string() } else { en.to_string() };
    let mut attention = Vec::new();
    if files.iter().any(|f| f.missing) {
        attention.push(tr("A stored file is missing from the disk; attach it again.", "已保存的文件在磁盘上找不到了，请重新上传。"));
    }
    if let Some(hide) = &item.hide
        && !files.is_empty()
        && !files.iter().any(|f| f.redacted)
    {
        attention.push(hide.clone());
    }
    if item.kind == ItemKind::Letter && !files.is_empty() && files.iter().all(|f| f.generated_letter) {
        attention.push(tr(
            "This is the unsigned letter Appeal Kit made: print it, sign or seal it, and attach a scan or photo of it.",
            "这是 Appeal Kit 生成的未签字版本：请打印出来，签字或盖章后，上传扫描件或照片。",
        ));
    }
    let flagged = files.iter().filter(|f| f.checks > 0).count();
    if flagged > 0 {
        attention.push(match flagged {
            1 => tr(
                "A file may be rejected by the reviewer: see the warning under it, then fix the file or dismiss the warning.",
                "有 1 个文件可能被审核退回：请查看其下方的提示，修正文件或忽略提示。",
            ),
            n => tr(
                &format!("{n} files may be rejected by the reviewer: see the warnings under them, then fix the files or dismiss the warnings."),
                &format!("有 {n} 个文件可能被审核退回：请查看其下方的提示，修正文件或忽略提示。"),
            ),
        });
    }
    let status = match item.kind {
        ItemKind::Step => ItemStatus::NotApplicable,
        ItemKind::Information => crate::info::status(pack, &item.id, info.get(&item.id)),
        _ if !attention.is_empty() => ItemStatus::NeedsAttention,
        _ if files.is_empty() => ItemStatus::Missing,
        _ => ItemStatus::Provided,
    };
    (status, attention)
}

/// Each checklist item's state. `info` holds the values typed for information items.
pub(crate) fn item_states(
    pack: &rules::Pack,
    lang: rules::Language,
    checklist: &Checklist,
    rows: &[AttachmentRow],
    letters: &HashSet<String>,
    info: &Value,
    recognised: &std::collections::HashMap<String, crate::letter_scans::Recognised>,
) -> Vec<ItemState> {
    checklist
        .items
        .iter()
        .map(|item| {
            let files: Vec<AttachmentView> = rows
                .iter()
                .filter(|r| r.item_id == item.id)
                .map(|r| view(r, letters, &pack.pack, lang, recognised.get(&r.id)))
                .collect();
            let flags: Vec<FileFlags> = files.iter().map(FileFlags::from).collect();
            let (status, attention) = judge(pack, item, &flags, info, lang);
            ItemState { item: item.id.clone(), status, files, attention, fields: crate::info::fields(pack, &item.id, lang), attachable: attachable(item.kind) }
        })
        .collect()
}

/// Flags of a file as the case list reads it (no thumbnail, no view).
pub(crate) fn flags(f: &store::FileFacts, letters: &HashSet<&str>, recognised: Option<&crate::letter_scans::Recognised>) -> FileFlags {
    let generated_letter = letters.contains(f.current.as_str());
    // As `view` does: the unsigned letter keeps its own warning, not the scan findings.
    let from_letter = recognised.filter(|_| !generated_letter).map(|r| crate::checks::letter_findings(r, 1)).unwrap_or_default();
    FileFlags {
        missing: f.missing,
        redacted: crate::redaction::is_redacted(&crate::redaction::history(&f.kept_fixes, &f.fixes)),
        generated_letter,
        checks: crate::checks::findings(&f.checks, &from_letter, &f.dismissed).len() as u32,
    }
}

/// Hashes of the letters Appeal Kit saved for this case, to tell them from signed scans.
pub(crate) fn generated_letters(events: &[crate::EventView]) -> HashSet<String> {
    events.iter().filter(|e| e.kind == store::EventKind::Letter).filter_map(|e| e.detail.get("sha256")?.as_str().map(String::from)).collect()
}

pub(crate) fn facts(i: &intake::Intake) -> Value {
    json!({ "width": i.width, "height": i.height, "pages": i.pages, "orientation": i.orientation, "has_location": i.has_location })
}

impl Kit {
    /// Attaches files to a document or letter item on the case's checklist. All are checked
    /// first; if any is refused, nothing is stored and the error names it.
    pub fn attach(&mut self, case: &str, item: &str, paths: &[impl AsRef<Path>]) -> Result<CaseView> {
        let checked = check_files(paths, |_| {});
        match checked.refusal() {
            Some(e) => Err(e),
            None => self.attach_prepared(case, item, checked.files),
        }
    }

    /// Stores a checked batch: every file, or none. One refused file means nothing is stored and
    /// every refusal is reported (bad input never changes the store, CONTRACTS.md section 5): the
    /// same on the desktop and the command line.
    pub fn attach_checked(&mut self, case: &str, item: &str, checked: Checked) -> Result<AttachResult> {
        if !checked.refused.is_empty() {
            self.attachable_kind(case, item)?;
            return Ok(AttachResult { case: self.case(case)?, refused: checked.refused });
        }
        Ok(AttachResult { case: self.attach_prepared(case, item, checked.files)?, refused: Vec::new() })
    }

    /// Stores files already checked by `prepare`.
    pub fn attach_prepared(&mut self, case: &str, item: &str, files: Vec<Prepared>) -> Result<CaseView> {
        let kind = self.attachable_kind(case, item)?;
        if files.is_empty() {
            return Err(KitError::field("file", crate::tr!("choose at least one file to attach", "请至少选择一个要附加的文件")));
        }
        self.store.attach(case, item, &into_new_attachments(kind, files))?;
        self.case(case)
    }

    /// The kind of `item` if files attach to it on the case's checklist (read from the
    /// checklist alone, not the whole case view).
    fn attachable_kind(&self, case: &str, item: &str) -> Result<ItemKind> {
        let row = self.store.get(case)?;
        let pack = crate::case_pack(&row)?;
        let checklist = rules::evaluate(pack, &rules::Answers::kept(pack, &row.answers));
        match checklist.items.iter().find(|i| i.id == item) {
            Some(i) if attachable(i.kind) => Ok(i.kind),
            Some(i) if i.kind == ItemKind::Information => Err(KitError::field("item", crate::tr!("`{item}` is an information item; nothing is attached to it", "`{item}` 是信息项；不能为它附加文件"))),
            Some(_) => Err(KitError::field("item", crate::tr!("`{item}` is a step item; nothing is attached to it", "`{item}` 是步骤项；不能为它附加文件"))),
            None => {
                let ids: Vec<&str> = checklist.items.iter().filter(|i| attachable(i.kind)).map(|i| i.id.as_str()).collect();
                if ids.is_empty() {
                    return Err(KitError::field("item", crate::tr!("`{item}` is not on this case's checklist; no item takes files yet (answer the questions first)", "`{item}` 不在本案件的清单上；目前还没有可附加文件的项目（请先回答问题）")));
                }
                let ids = ids.join(", ");
                Err(KitError::field("item", crate::tr!("`{item}` is not on this case's checklist; files attach to: {ids}", "`{item}` 不在本案件的清单上；可附加文件的项目：{ids}")))
            }
        }
    }

    /// Replaces an attachment with another file, in the same place.
    pub fn replace_attachment(&mut self, id: &str, file: Prepared) -> Result<CaseView> {
        let row = self.store.attachment(id, false)?;
        let kind = self.attachable_kind(&row.case_id, &row.item_id)?;
        let new = into_new_attachments(kind, vec![file]).remove(0);
        self.store.replace_attachment(id, &new)?;
        self.case(&row.case_id)
    }

    pub fn remove_attachment(&mut self, id: &str) -> Result<CaseView> {
        let row = self.store.remove_attachment(id)?;
        self.case(&row.case_id)
    }

    pub fn restore_attachment(&mut self, id: &str) -> Result<CaseView> {
        let row = self.store.restore_attachment(id)?;
        self.case(&row.case_id)
    }

    /// Moves a file to `position` (from 0) among an item's files; the item may be another one.
    pub fn move_attachment(&mut self, id: &str, item: &str, position: usize) -> Result<CaseView> {
        let row = self.store.attachment(id, false)?;
        self.attachable_kind(&row.case_id, item)?;
        self.store.move_attachment(id, item, position)?;
        self.case(&row.case_id)
    }

    /// Adds a fix (rotate, crop, redact) on top of the attachment's earlier ones.
    pub fn fix_attachment(&mut self, id: &str, fix: Fix) -> Result<CaseView> {
        let row = self.store.attachment(id, false)?;
        let mut list: Vec<Fix> = serde_json::from_value(row.fixes.clone()).unwrap_or_default();
        list.push(fix);
        self.set_fixes(&row, list)
    }

    /// Takes back the last fix.
    pub fn undo_fix(&mut self, id: &str) -> Result<CaseView> {
        let row = self.store.attachment(id, false)?;
        let mut list: Vec<Fix> = serde_json::from_value(row.fixes.clone()).unwrap_or_default();
        if list.pop().is_none() {
            return Err(KitError::field("fix", crate::tr!("there is no fix to undo", "没有可撤销的修正")));
        }
        self.set_fixes(&row, list)
    }

    fn set_fixes(&mut self, row: &AttachmentRow, list: Vec<Fix>) -> Result<CaseView> {
        let original = self.store.file(&row.case_id, &row.original)?;
        let fixes_json = serde_json::to_value(&list).unwrap_or_default();
        let (seen, file) = if list.is_empty() {
            (intake::inspect(&original).map_err(|e| unreadable_stored(&e))?, None)
        } else {
            let (bytes, media) = fixes::render(&original, &list).map_err(|e| fix_failed(&e))?;
            (intake::inspect(&bytes).map_err(|e| unreadable_stored(&e))?, Some((bytes, media)))
        };
        let checks = serde_json::to_value(&seen.checks).unwrap_or_default();
        self.store.set_fixed(
            &row.id,
            FixedVersion { fixes: &fixes_json, file: file.as_ref().map(|(b, m)| (b.as_slice(), m.mime())), thumbnail: &seen.thumbnail, checks: &checks },
        )?;
        self.case(&row.case_id)
    }

    /// Dismisses a finding on a file (`blurry`, `tilted`...): the user has looked and keeps the
    /// file as it is. The timeline records it; the file no longer makes its item need attention
    /// for that finding.
    pub fn dismiss_check(&mut self, id: &str, check: &str) -> Result<CaseView> {
        let row = self.store.attachment(id, false)?;
        // The warnings as the case shows them: the picture's own and those a letter code raises.
        let shown = self.case(&row.case_id)?;
        let standing: Vec<&str> = shown.items.iter().flat_map(|i| &i.files).filter(|f| f.id == row.id).flat_map(|f| &f.checks).map(|c| c.id.as_str()).collect();
        let Some(found) = standing.iter().find(|c| **c == check) else {
            let name = &row.name;
            if standing.is_empty() {
                return Err(KitError::field("check", crate::tr!("the file {name} has no `{check}` warning to dismiss (it has no warnings)", "文件 {name} 没有可忽略的 `{check}` 提示（它没有任何提示）")));
            }
            let has = standing.join(", ");
            return Err(KitError::field("check", crate::tr!("the file {name} has no `{check}` warning to dismiss (its warnings: {has})", "文件 {name} 没有可忽略的 `{check}` 提示（它的提示：{has}）")));
        };
        self.store.dismiss_check(id, found)?;
        self.case(&row.case_id)
    }

    /// The straighten fix for a file, from the corners its `tilted` finding suggests.
    pub fn suggested_straighten(&self, id: &str) -> Result<Fix> {
        let row = self.store.attachment(id, false)?;
        match crate::checks::suggested_corners(&crate::checks::stored(&row.checks)) {
            Some(corners) => Ok(Fix::Straighten { corners }),
            None => Err(KitError::field("fix", crate::tr!("no document seen at an angle was found in {}; crop or rotate it instead", "在 {} 中没有找到斜拍的文件；请改为裁剪或旋转", row.name))),
        }
    }

    /// Keeps only the fixed version: the original (with the digits a redaction hides) is gone
    /// for good at the next start-up.
    pub fn discard_original(&mut self, id: &str) -> Result<CaseView> {
        let row = self.store.attachment(id, false)?;
        if row.fixed.is_none() {
            return Err(KitError::field("fix", crate::tr!("this file has no fixed version; the original is what will be sent", "此文件没有修正后的版本；将提交的是原件")));
        }
        self.store.discard_original(id)?;
        self.case(&row.case_id)
    }

    /// The id of the case's file whose id starts with `prefix` (the id `case show` gives).
    pub fn find_file(&self, case: &str, prefix: &str) -> Result<String> {
        let rows = self.store.attachments(&self.store.get(case)?.id)?;
        let found: Vec<&AttachmentRow> = rows.iter().filter(|r| !prefix.is_empty() && r.id.starts_with(prefix)).collect();
        match found.as_slice() {
            [one] => Ok(one.id.clone()),
            [] => Err(KitError::field("file", crate::tr!("case {case} has no file with id `{prefix}`; `case show {case}` lists them", "案件 {case} 没有 ID 为 `{prefix}` 的文件；`case show {case}` 会列出所有文件"))),
            _ => Err(KitError::field("file", crate::tr!("`{prefix}` matches {} files; give more of the id", "`{prefix}` 对应 {} 个文件；请给出更长的 ID", found.len()))),
        }
    }

    /// A box given as `X,Y,W,H` in pixels of the file's current version, upright, as the
    /// fractions a fix takes.
    pub fn pixel_box(&self, id: &str, text: &str) -> Result<fixes::Rect> {
        let bad = || KitError::field("fix", crate::tr!("`{text}` is not a box; write X,Y,W,H in pixels, e.g. 120,80,400,60", "`{text}` 不是方框；请以像素写成 X,Y,W,H，例如 120,80,400,60"));
        let n: Vec<u32> = text.split(',').map(|p| p.trim().parse::<u32>()).collect::<std::result::Result<_, _>>().map_err(|_| bad())?;
        let [x, y, w, h] = n.as_slice() else { return Err(bad()) };
        let (_, bytes, media) = self.attachment_file(id)?;
        if !media.is_image() {
            return Err(KitError::field("fix", crate::error_text::fix(&fixes::FixError::NotAnImage)));
        }
        let size = intake::inspect(&bytes).map_err(|e| unreadable_stored(&e))?;
        let (width, height) = (size.width, size.height);
        if *w == 0 || *h == 0 || x.checked_add(*w).is_none_or(|e| e > width) || y.checked_add(*h).is_none_or(|e| e > height) {
            return Err(KitError::field("fix", crate::tr!("the box {text} does not lie inside the {width}x{height} picture", "方框 {text} 不在 {width}x{height} 的图片之内")));
        }
        // A thousandth of a pixel inward, so turning the fractions back into whole pixels
        // (floor of the start, ceiling of the end) gives exactly the pixels asked for.
        let (fw, fh) = (width as f64, height as f64);
        Ok(fixes::Rect { x: (*x as f64 + 1e-3) / fw, y: (*y as f64 + 1e-3) / fh, w: (*w as f64 - 2e-3) / fw, h: (*h as f64 - 2e-3) / fh })
    }

    /// Page `page` (from 1) of an attachment's current version, upright, longest side `size`.
    pub fn attachment_page(&self, id: &str, page: u32, size: u32) -> Result<AttachmentPage> {
        self.page_source(id, page)?.render(size)
    }

    /// What `attachment_page` draws from, read from the store; the drawing (`PageSource::render`)
    /// needs no store, so the desktop app answers other commands meanwhile.
    pub fn page_source(&self, id: &str, page: u32) -> Result<PageSource> {
        let row = self.store.attachment(id, false)?;
        let bytes = self.store.file(&row.case_id, row.current().0)?;
        let pages = row.facts.get("pages").and_then(Value::as_u64).unwrap_or(1).max(1) as u32;
        Ok(PageSource { bytes, page: page.clamp(1, pages), pages })
    }

    /// The stored bytes and media type of an attachment's current version.
    pub fn attachment_file(&self, id: &str) -> Result<(AttachmentRow, Vec<u8>, MediaType)> {
        let row = self.store.attachment(id, false)?;
        let (sha, media) = row.current();
        let media = MediaType::from_mime(media).unwrap_or(MediaType::Jpeg);
        let bytes = self.store.file(&row.case_id, sha)?;
        Ok((row, bytes, media))
    }
}
