//! Every letter the chosen cases need, in one PDF to print, seal and sign in one sitting: the
//! cases in order, each case's letters in checklist order, each letter exactly as `letter`
//! writes it alone (blanks where the profile lacks a field).

use std::path::Path;

use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use super::merge::{merge, page_count};
use crate::{Kit, KitError, Lang, Result};

/// One letter in the merged PDF.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PrintedLetter {
    pub case: String,
    pub item: String,
    /// Its first page in the merged PDF, from 1.
    pub first_page: u32,
    pub pages: u32,
}

/// A case whose letters print with blanks, and the profile fields to fill in.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MissingFields {
    pub case: String,
    pub title: String,
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct LettersReport {
    pub file: String,
    pub pages: u32,
    pub letters: Vec<PrintedLetter>,
    /// Cases whose letters print with blanks.
    pub missing: Vec<MissingFields>,
    /// Chosen cases that need no letter (none on their checklist yet).
    pub without_letters: Vec<String>,
}

impl Kit {
    /// Writes one PDF with every letter the cases need (`select_cases`), in their order, to
    /// `out` (never over an existing file unless `force`); each case's timeline notes it.
    pub fn batch_letters(&mut self, cases: &[String], lang: Lang, out: &Path, force: bool) -> Result<LettersReport> {
        crate::output::target(&self.data_dir, out, force)?;
        let mut pdfs = Vec::new();
        let mut letters = Vec::new();
        let mut missing = Vec::new();
        let mut without = Vec::new();
        let mut page = 1;
        for id in cases {
            let view = self.case(id)?;
            if view.letters.is_empty() {
                without.push(id.clone());
                continue;
            }
            let mut fields: Vec<String> = Vec::new();
            for item in &view.letters {
                let letter = self.letter(id, item, lang)?;
                let pages = page_count(&letter.pdf).map_err(|e| KitError::Document { format: crate::error::Format::Pdf, what: crate::tr!("cannot read the letter's pages", "无法读取信函的页面"), reason: e.to_string() })?;
                letters.push(PrintedLetter { case: id.clone(), item: item.clone(), first_page: page, pages });
                page += pages;
                for f in letter.missing_fields {
                    if !fields.contains(&f) {
                        fields.push(f);
                    }
                }
                pdfs.push(letter.pdf);
            }
            if !fields.is_empty() {
                missing.push(MissingFields { case: id.clone(), title: view.summary.title.clone(), fields });
            }
        }
        if pdfs.is_empty() {
            return Err(KitError::field("cases", crate::tr!("none of these cases needs a letter yet (answer their questions first)", "这些案件目前都还不需要信函（请先回答它们的问题）")));
        }
        let merged = merge(&pdfs).map_err(|e| KitError::Document { format: crate::error::Format::Pdf, what: crate::tr!("cannot merge the letters", "无法合并信函"), reason: e.to_string() })?;
        crate::output::write_file(&self.data_dir, out, force, |f| std::io::Write::write_all(f, &merged))?;
        let file = out.display().to_string();
        // Each letter's own hash, as `save_letter` notes it: it tells the unsigned letter from
        // a signed scan if that very PDF is attached back.
        for (l, pdf) in letters.iter().zip(&pdfs) {
            let sha256 = store::files::sha256_hex(pdf);
            self.store.log_event(&l.case, store::EventKind::Letter, &json!({ "item": l.item, "file": file, "sha256": sha256, "batch": true }))?;
        }
        Ok(LettersReport { file, pages: page - 1, letters, missing, without_letters: without })
    }
}
