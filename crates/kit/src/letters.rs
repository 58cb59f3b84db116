//! Prefilled letters: the PDF, its preview, saving it, and the version its code carries.

use std::path::Path;

use store::EventKind;
use rules::{Answers, Checklist};
use serde::Serialize;
use serde_json::json;
use store::CaseRow;
use ts_rs::TS;

use crate::{Kit, KitError, Lang, Result, attachments, case_pack, output};

/// A page of a letter as it will print, for the preview.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LetterPreview {
    pub title: String,
    /// The page as a PNG data URL.
    pub image: String,
    pub page: u32,
    pub pages: u32,
    /// Profile fields the letter needs that are still empty.
    pub missing_fields: Vec<String>,
}

/// A rendered letter.
pub struct LetterPdf {
    pub title: String,
    pub pdf: Vec<u8>,
    pub missing_fields: Vec<String>,
}

impl Kit {
    /// A prefilled letter for a letter item on the case's checklist, as PDF, with the profile
    /// fields it still lacks (printed as blanks to fill in by hand).
    pub fn letter(&self, id: &str, item: &str, lang: Lang) -> Result<LetterPdf> {
        let row = self.store.get(id)?;
        // Only the checklist is needed to check the item, not the whole case view.
        let pack = case_pack(&row)?;
        let checklist = rules::evaluate(pack, &Answers::kept(pack, &row.answers));
        if !checklist.items.iter().any(|i| i.id == item) {
            let letters = letter_items(pack, &checklist);
            let on = if letters.is_empty() { "none".into() } else { letters.join(", ") };
            return Err(KitError::field("item", crate::tr!("`{item}` is not a letter on this case's checklist; letters here: {on}", "`{item}` 不是本案件清单上的信函；这里的信函：{on}")));
        }
        let date = time::OffsetDateTime::now_utc().date().to_string();
        let letter = fill_letter(&row, item, &date, lang)?
            .ok_or_else(|| KitError::field("item", crate::tr!("Appeal Kit cannot prefill `{item}`; attach the provider's document instead", "Appeal Kit 无法预填 `{item}`；请改为附加服务商的文件")))?;
        // Every page carries the letter's code, so a scan of it finds its way back (issue 15).
        let mark = documents::letter_code::Mark { case: row.id.clone(), item: item.to_string(), version: letter_version(&row, item)?.unwrap_or_default() };
        let pdf = documents::render_marked(&letter, Some(&mark)).map_err(|e| KitError::Document { format: crate::error::Format::Pdf, what: crate::tr!("cannot make the letter", "无法生成信函"), reason: e.to_string() })?;
        Ok(LetterPdf { title: letter.title, pdf, missing_fields: letter.missing_fields })
    }

    /// Page `page` (from 1) of a letter, drawn from the PDF that would be saved.
    pub fn letter_preview(&self, id: &str, item: &str, lang: Lang, page: u32) -> Result<LetterPreview> {
        let letter = self.letter(id, item, lang)?;
        let (png, pages) = documents::preview::page_png(&letter.pdf, page.saturating_sub(1) as usize, 1.5)
            .map_err(|e| KitError::field("page", crate::error_text::preview(&e)))?;
        Ok(LetterPreview {
            title: letter.title,
            image: attachments::data_url(&png),
            page: page.max(1),
            pages: pages as u32,
            missing_fields: letter.missing_fields,
        })
    }

    /// Writes a letter to `out` (temporary file, then rename: never half a PDF; an existing
    /// file is replaced only with `force`, the store's own never) and notes it in the timeline.
    pub fn save_letter(&mut self, id: &str, item: &str, lang: Lang, out: &Path, force: bool) -> Result<LetterPdf> {
        output::target(&self.data_dir, out, force)?;
        let letter = self.letter(id, item, lang)?;
        output::write_file(&self.data_dir, out, force, |f| std::io::Write::write_all(f, &letter.pdf))?;
        // The hash tells this unsigned letter from a signed scan if it is attached back.
        let sha256 = store::files::sha256_hex(&letter.pdf);
        self.store.log_event(id, EventKind::Letter, &json!({ "item": item, "file": out.display().to_string(), "sha256": sha256 }))?;
        Ok(letter)
    }
}

/// The letter for `item`, filled from the case: those written in Rust first, then those a pack
/// describes as data. `None` when Appeal Kit has no letter for the item.
pub(crate) fn fill_letter(row: &CaseRow, item: &str, date: &str, lang: Lang) -> Result<Option<documents::Letter>> {
    let pack = case_pack(row)?;
    let answers = Answers::kept(pack, &row.answers);
    // The letter's contents are the pack's; the documents crate fills and lays them out.
    let facts = documents::Facts { pack, answers: &answers, profile: &row.profile, date };
    Ok(documents::letter(item, &facts, lang))
}

/// The version a letter of `item` printed now would carry (see `documents::letter_code`): a hash
/// of its contents in both languages, without the date, so it changes when the answers, the
/// profile values it uses or the pack's wording change, and only then.
pub(crate) fn letter_version(row: &CaseRow, item: &str) -> Result<Option<String>> {
    Ok(fill_letter(row, item, "", Lang::Bilingual)?.map(|l| documents::letter_code::version(&l)))
}

/// The items on a checklist that Appeal Kit can prefill as a letter.
pub(crate) fn letter_items(pack: &rules::Pack, checklist: &Checklist) -> Vec<String> {
    checklist.items.iter().map(|i| i.id.clone()).filter(|i| documents::letter_items(pack).contains(&i.as_str())).collect()
}
