//! Files attached to checklist items: checked and previewed before anything is stored, fixed
//! (rotate, crop, redact) as new versions, and judged per item: missing, provided, or needing
//! attention.

use std::path::Path;

use base64::Engine;
use documents::fixes::{self, Fix};
use documents::intake::{self, IntakeError, MediaType};
use rules::ItemKind;
use serde::Serialize;
use store::AttachmentRow;
use ts_rs::TS;

use crate::{CaseView, Kit, KitError, Result};

mod fixing;
mod judge;
mod prepare;

pub use prepare::{Checked, Prepared, Refused, check_files, prepare, prepare_bytes, prepare_reader};
pub(crate) use judge::{FileFlags, attachable, flags, generated_letters, item_states, judge};
use prepare::into_new_attachments;

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

    /// Page `page` (from 1) of an attachment's current version, upright, longest side `size`.
    pub fn attachment_page(&self, id: &str, page: u32, size: u32) -> Result<AttachmentPage> {
        self.page_source(id, page)?.render(size)
    }

    /// What `attachment_page` draws from, read from the store; the drawing (`PageSource::render`)
    /// needs no store, so the desktop app answers other commands meanwhile.
    pub fn page_source(&self, id: &str, page: u32) -> Result<PageSource> {
        let row = self.store.attachment(id, false)?;
        let bytes = self.store.file(&row.case_id, row.current().0)?;
        let pages = crate::FileFacts::of(&row)?.pages.max(1);
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
