//! Scans of printed letters filed back in one go (CONTRACTS.md section 8, `batch scan`): each
//! page's letter code names its case, its letter item and its page; each page is attached to
//! that item, pages in letter order. A page whose code cannot be read, or names a case or item
//! this store does not have, is reported with its page number and attached nowhere.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use documents::intake::MediaType;
use documents::letter_code::{self, PageReading};
use serde::Serialize;
use ts_rs::TS;

use crate::attachments::{Prepared, prepare, prepare_bytes};
use crate::{Kit, KitError, Result};

/// Files read from one folder at most (a folder of photos of a print run).
pub const MAX_FOLDER_FILES: usize = 2000;
/// Pages read from one PDF at most.
pub const MAX_PDF_PAGES: u32 = 500;

/// A page filed to a case's letter item.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PlacedPage {
    pub file: String,
    /// The page in the file, from 1 (1 for a photo).
    pub page: u32,
    pub case: String,
    pub item: String,
    /// The letter's page this is, and how many it has.
    #[serde(skip)]
    #[ts(skip)]
    pub letter_page: u32,
    #[serde(skip)]
    #[ts(skip)]
    pub letter_pages: u32,
}

/// A page attached nowhere, and why.
#[derive(Debug, Clone, Serialize, TS)]
pub struct UnplacedPage {
    pub file: String,
    /// The page in the file, from 1; 0 when the file could not be read at all.
    pub page: u32,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ScanReport {
    pub placed: Vec<PlacedPage>,
    pub unplaced: Vec<UnplacedPage>,
}

/// The files named: folders give the files in them (not below), by name.
pub fn scan_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file()).collect())
                .unwrap_or_default();
            inside.sort();
            inside.truncate(MAX_FOLDER_FILES);
            files.extend(inside);
        } else {
            files.push(path.clone());
        }
    }
    files
}

/// A page to file: where it came from, what its code says, and the file to attach.
struct Page {
    file: String,
    at: u32,
    reading: PageReading,
    /// The page as a file of its own: the photo itself, or the PDF page split off (made only
    /// when it is attached).
    source: Source,
}

enum Source {
    Whole(Prepared),
    PdfPage { bytes: std::sync::Arc<Vec<u8>>, index: usize, name: String },
}

impl Kit {
    /// Reads every page of `paths` (PDFs of scans, photos, folders of them) and files each
    /// page whose code names one of this store's cases to that case's letter item, pages in
    /// letter order; with `dry_run`, only says where each would go. An error only when no file
    /// could be read at all.
    pub fn batch_scan(&mut self, paths: &[PathBuf], dry_run: bool) -> Result<ScanReport> {
        let files = scan_inputs(paths);
        if files.is_empty() {
            return Err(KitError::field("file", crate::tr!("no files to read (a folder given was empty)", "没有可读取的文件（给出的文件夹是空的）")));
        }
        let mut pages: Vec<Page> = Vec::new();
        let mut unplaced = Vec::new();
        let mut read_any = false;
        for path in &files {
            let name = display(path);
            let prepared = match prepare(path) {
                Ok(p) => p,
                Err(r) => {
                    unplaced.push(UnplacedPage { file: name, page: 0, reason: crate::error::local(&crate::error::lead("the file ", "该文件", &r.text)) });
                    continue;
                }
            };
            let count = prepared.intake.pages.max(1);
            let readings = match letter_code::read_pages(&prepared.bytes, MAX_PDF_PAGES) {
                Ok(r) => r,
                Err(e) => {
                    unplaced.push(UnplacedPage { file: name, page: 0, reason: crate::error::local(&crate::error::lead("the file cannot be read: ", "无法读取该文件：", &crate::error_text::intake(&e))) });
                    continue;
                }
            };
            read_any = true;
            for at in 1..=count.min(MAX_PDF_PAGES) {
                if !readings.iter().any(|r| r.at == at) {
                    unplaced.push(UnplacedPage { file: name.clone(), page: at, reason: crate::error::local(&crate::tr!("no letter code could be read on this page", "这一页上读不到信函码")) });
                }
            }
            if count > MAX_PDF_PAGES {
                unplaced.push(UnplacedPage { file: name.clone(), page: MAX_PDF_PAGES + 1, reason: crate::error::local(&crate::tr!("only the first {MAX_PDF_PAGES} pages of a PDF are read; split it", "PDF 只读取前 {MAX_PDF_PAGES} 页；请拆分后再读取")) });
            }
            if prepared.intake.media_type == MediaType::Pdf && count > 1 {
                let bytes = std::sync::Arc::new(prepared.bytes);
                let stem = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "scan".into());
                for r in readings {
                    let source = Source::PdfPage { bytes: bytes.clone(), index: r.at as usize - 1, name: format!("{stem} p{}.pdf", r.at) };
                    pages.push(Page { file: name.clone(), at: r.at, reading: r, source });
                }
            } else if let Some(r) = readings.into_iter().next() {
                pages.push(Page { file: name.clone(), at: r.at, reading: r, source: Source::Whole(prepared) });
            }
        }
        if !read_any {
            let why = unplaced.iter().map(|u| format!("{}: {}", u.file, u.reason)).collect::<Vec<_>>().join("; ");
            return Err(KitError::field("file", crate::tr!("no file could be read ({why})", "没有能读取的文件（{why}）")));
        }

        // Where each page goes: its case (one of this store's) and the letter item whose tag it
        // carries; a page already attached there is not attached twice.
        let mut cases: HashMap<String, Option<(Vec<String>, Vec<String>)>> = HashMap::new();
        let mut groups: Vec<((String, String), Vec<Page>)> = Vec::new();
        for page in pages {
            let code = &page.reading.code;
            let known = cases.entry(code.case.clone()).or_insert_with(|| {
                let view = self.case(&code.case).ok()?;
                let shas = self.store.attachments(&view.summary.id).ok()?.into_iter().map(|a| a.original).collect();
                Some((view.letters.clone(), shas))
            });
            let Some((letters, _)) = known else {
                unplaced.push(UnplacedPage { file: page.file, page: page.at, reason: format!("its code names case {}, which is not in this store", code.case) });
                continue;
            };
            let Some(item) = letters.iter().find(|i| letter_code::item_tag(i) == code.item_tag) else {
                unplaced.push(UnplacedPage { file: page.file, page: page.at, reason: format!("its code names a letter that is not on case {}'s checklist", code.case) });
                continue;
            };
            let key = (code.case.clone(), item.clone());
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(page),
                None => groups.push((key, vec![page])),
            }
        }

        let mut placed = Vec::new();
        for ((case, item), mut list) in groups {
            // Letter order; pages of one letter page in the order they were read.
            list.sort_by_key(|p| p.reading.code.page);
            let mut files = Vec::new();
            for page in list {
                let prepared = if dry_run {
                    None
                } else {
                    match page.source {
                        Source::Whole(p) => Some(p),
                        Source::PdfPage { ref bytes, index, ref name } => {
                            match documents::clean::pdf_page(bytes, index).map_err(|e| e.to_string()).and_then(|b| prepare_bytes(name, b).map_err(|r| r.reason)) {
                                Ok(p) => Some(p),
                                Err(reason) => {
                                    unplaced.push(UnplacedPage { file: page.file, page: page.at, reason: format!("the page cannot be split off: {reason}") });
                                    continue;
                                }
                            }
                        }
                    }
                };
                if let Some(p) = &prepared {
                    let sha = store::files::sha256_hex(&p.bytes);
                    if cases.get(&case).and_then(|c| c.as_ref()).is_some_and(|(_, shas)| shas.contains(&sha)) {
                        unplaced.push(UnplacedPage { file: page.file, page: page.at, reason: format!("already attached to case {case}") });
                        continue;
                    }
                }
                let code = &page.reading.code;
                placed.push(PlacedPage { file: page.file.clone(), page: page.at, case: case.clone(), item: item.clone(), letter_page: code.page, letter_pages: code.pages });
                if let Some(mut p) = prepared {
                    p.readings = Some(vec![PageReading { at: 1, ..page.reading }]);
                    files.push(p);
                }
            }
            if !files.is_empty() {
                self.attach_prepared(&case, &item, files)?;
            }
        }
        unplaced.sort_by(|a, b| (files.iter().position(|f| display(f) == a.file), a.page).cmp(&(files.iter().position(|f| display(f) == b.file), b.page)));
        Ok(ScanReport { placed, unplaced })
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
