//! Scans of the letters Appeal Kit printed, recognised by the code on each page (see
//! `documents::letter_code`): which case, letter and page a file is, whether the letter still
//! says what the case says now, and whether it carries the seal its source asks for.
//!
//! The codes (and whether a red seal was seen on each page) are read once, when a file is
//! attached to a letter item, and kept in the file's facts (`letter_pages`); what they mean is
//! worked out each time the case is shown, since the case (or another one) may have changed.

use std::collections::HashMap;

use documents::letter_code::{self, PageReading};
use serde::{Deserialize, Serialize};
use rules::Checklist;
use store::{AttachmentRow, CaseRow};
use ts_rs::TS;

use crate::Kit;

/// A scan recognised as one of Appeal Kit's letters (`case show --json`: `letter`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LetterMatch {
    pub case: String,
    pub item: String,
    /// The first letter page in the file, from 1.
    pub page: u32,
    pub pages: u32,
    /// False when what the letter was filled from has changed since it was printed.
    pub current: bool,
}

/// What a recognised scan means for the case it is attached to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised {
    pub letter: LetterMatch,
    /// It belongs to another case.
    pub other_case: bool,
    /// The letter needs the official seal (its source says so), the file holds the letter's
    /// last page, and no page of it shows a red seal: the sentence of the source that asks.
    pub no_seal: Option<(u32, String)>,
}

/// The sentence of an item's source that asks for a seal, if any: a letter of an enterprise
/// that must be "stamped with the official seal". A form shareholders may sign with their
/// thumbprints instead is not one.
pub(crate) fn sealing_rule(item: &rules::Item) -> Option<String> {
    let quote = item.source.quote.as_str();
    let lower = quote.to_lowercase();
    let asks = lower.contains("seal") || (lower.contains("stamp") && !lower.contains("thumbprint"));
    asks.then(|| quote.to_string())
}

/// A case as its letters see it: the row and its letter items.
struct Owner {
    row: CaseRow,
    letters: Vec<String>,
}

impl Kit {
    fn owner(&self, id: &str) -> Option<Owner> {
        let row = self.store.get(id).ok()?;
        let pack = crate::case_pack(&row).ok()?;
        let answers = rules::Answers::kept(pack, &row.answers);
        let checklist = rules::evaluate_in(pack, &answers, self.lang);
        let letters = crate::letters::letter_items(pack, &checklist);
        Some(Owner { row, letters })
    }

    /// What each recognised file among `rows` (the files of case `row`) is; files without a
    /// code are left out.
    pub(crate) fn recognise(&self, row: &CaseRow, checklist: &Checklist, letters: &[String], rows: &[AttachmentRow]) -> crate::Result<HashMap<String, Recognised>> {
        let files: Vec<(&str, Vec<PageReading>)> =
            rows.iter().map(|r| Ok((r.id.as_str(), crate::FileFacts::of(r)?.letter_pages))).collect::<crate::Result<_>>()?;
        Ok(self.recognise_readings(row, checklist, letters, &files))
    }

    /// As `recognise`, from each file's id and the codes read on its pages.
    pub(crate) fn recognise_readings(&self, row: &CaseRow, checklist: &Checklist, letters: &[String], files: &[(&str, Vec<PageReading>)]) -> HashMap<String, Recognised> {
        let mut out = HashMap::new();
        let mut owners: HashMap<String, Option<Owner>> = HashMap::new();
        // Versions of letters as they would print now, worked out once each.
        let mut versions: HashMap<(String, String), Option<String>> = HashMap::new();
        for (id, readings) in files {
            let Some(first) = readings.first().map(|r| r.code.clone()) else { continue };
            let other_case = first.case != row.id;
            let unknown = |current| LetterMatch { case: first.case.clone(), item: first.item_tag.clone(), page: first.page, pages: first.pages, current };
            let (orow, oletters) = if other_case {
                match owners.entry(first.case.clone()).or_insert_with(|| self.owner(&first.case)) {
                    Some(o) => (&o.row, o.letters.as_slice()),
                    None => {
                        out.insert(id.to_string(), Recognised { letter: unknown(false), other_case, no_seal: None });
                        continue;
                    }
                }
            } else {
                (row, letters)
            };
            let Some(item) = oletters.iter().find(|i| letter_code::item_tag(i) == first.item_tag).cloned() else {
                out.insert(id.to_string(), Recognised { letter: unknown(false), other_case, no_seal: None });
                continue;
            };
            let now = versions.entry((orow.id.clone(), item.clone())).or_insert_with(|| crate::letters::letter_version(orow, &item).ok().flatten()).clone();
            let current = now.as_deref() == Some(first.version.as_str());
            let no_seal = if other_case {
                None
            } else {
                let last = readings.iter().find(|r| r.code.page == r.code.pages && r.code.case == row.id);
                let rule = checklist.items.iter().find(|i| i.id == item).and_then(sealing_rule);
                match (last, rule) {
                    (Some(last), Some(rule)) if !readings.iter().any(|r| r.seal) => Some((last.at, rule)),
                    _ => None,
                }
            };
            let letter = LetterMatch { case: first.case.clone(), item, page: first.page, pages: first.pages, current };
            out.insert(id.to_string(), Recognised { letter, other_case, no_seal });
        }
        out
    }
}
