//! The materials' progress (CONTRACTS.md section 5), kept apart from the checklist's status: a
//! `ready` checklist only says the questions are answered; whether the case can be sent also
//! depends on what is attached and typed.

use std::collections::{HashMap, HashSet};

use rules::{Checklist, ItemKind, Requirement, Status};
use serde::Serialize;
use store::{CaseRow, MaterialFacts};
use ts_rs::TS;

use documents::letter_code::PageReading;

use crate::attachments::{self, FileFlags};
use crate::{ItemState, ItemStatus};

/// Required items, how many of them are provided, and how many items need attention.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct Materials {
    /// Required items the user attaches or types (steps done outside the app are not counted).
    pub required: u32,
    pub provided: u32,
    /// Items of any requirement with something there that is not right yet.
    pub attention: u32,
}

impl Materials {
    pub fn count(checklist: &Checklist, statuses: impl IntoIterator<Item = ItemStatus>) -> Materials {
        let mut m = Materials::default();
        for (item, status) in checklist.items.iter().zip(statuses) {
            if item.requirement == Requirement::Required && item.kind != ItemKind::Step {
                m.required += 1;
                m.provided += (status == ItemStatus::Provided) as u32;
            }
            m.attention += (status == ItemStatus::NeedsAttention) as u32;
        }
        m
    }

    pub fn from_states(checklist: &Checklist, states: &[ItemState]) -> Materials {
        Materials::count(checklist, states.iter().map(|s| s.status))
    }

    /// True only when the questions are answered, every required item is provided and
    /// nothing needs attention.
    pub fn ready_to_export(&self, status: Status) -> bool {
        status == Status::Ready && self.provided == self.required && self.attention == 0
    }
}

/// The materials of a page of cases, from one read of their files' facts (no thumbnails, no
/// views). Cases with the same provider and answers share one evaluation of the rules. Letter
/// scans are recognised as the case screen does, so their findings (another case's letter, an
/// outdated one, no seal) count here too.
pub(crate) fn for_rows(kit: &crate::Kit, rows: &[CaseRow], facts: &MaterialFacts) -> crate::Result<Vec<Materials>> {
    let mut files: HashMap<&str, Vec<&store::MaterialFile>> = HashMap::new();
    for f in &facts.files {
        files.entry(f.case_id.as_str()).or_default().push(f);
    }
    let mut letters: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (case, sha) in &facts.letters {
        letters.entry(case.as_str()).or_default().insert(sha.as_str());
    }
    let mut checklists: HashMap<(String, String, String), Option<(&rules::Pack, Checklist)>> = HashMap::new();
    let none = HashSet::new();
    rows.iter()
        .map(|row| {
            let key = (row.provider.clone(), row.rules_version.clone(), row.answers.to_string());
            let Some((pack, checklist)) = checklists.entry(key).or_insert_with(|| crate::evaluate_row(row)).as_ref() else {
                return Ok(Materials::default());
            };
            let case_files = files.get(row.id.as_str()).map(Vec::as_slice).unwrap_or_default();
            let case_letters = letters.get(row.id.as_str()).unwrap_or(&none);
            let mut scans: Vec<(&str, Vec<PageReading>)> = Vec::new();
            for f in case_files {
                let pages = crate::facts::letter_pages(&f.letter_pages, &f.id)?;
                if !pages.is_empty() {
                    scans.push((f.id.as_str(), pages));
                }
            }
            let recognised =
                if scans.is_empty() { HashMap::new() } else { kit.recognise_readings(row, checklist, &crate::letters::letter_items(pack, checklist), &scans) };
            let mut statuses = Vec::with_capacity(checklist.items.len());
            for item in &checklist.items {
                let flags: Vec<FileFlags> = case_files
                    .iter()
                    .filter(|f| f.item_id == item.id)
                    .map(|f| attachments::flags(f, case_letters, recognised.get(&f.id)))
                    .collect::<crate::Result<_>>()?;
                // Only the status counts here, not the words of the warnings.
                statuses.push(attachments::judge(pack, item, &flags, &row.info, rules::Language::En).0);
            }
            Ok(Materials::count(checklist, statuses.into_iter()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    /// How much the materials add to a page of the case list: `cargo test -p kit --lib
    /// list_timing -- --ignored --nocapture`. A timing, not a pass/fail test (DESIGN.md: the
    /// benchmarks judge speed); the case_list bench measures the whole page in release mode.
    #[test]
    #[ignore]
    #[cfg(feature = "bench")]
    fn list_timing() {
        let dir = tempfile::tempdir().unwrap();
        let mut kit = crate::Kit::open(dir.path()).unwrap();
        kit.seed(10_000).unwrap();
        // Every tenth case on the first page has a file attached, one of them a letter.
        let page = kit.case_page("", 100).unwrap();
        let file = dir.path().join("scan.png");
        std::fs::write(&file, documents::fixtures::png_with_text(600, 800, "Software\0Scanner")).unwrap();
        for c in page.cases.iter().step_by(10) {
            kit.attach(&c.id, "real_name_certificate", &[&file]).unwrap();
        }
        let runs = 50;
        let time = |f: &mut dyn FnMut()| {
            let start = std::time::Instant::now();
            for _ in 0..runs {
                f();
            }
            start.elapsed() / runs
        };
        let whole = time(&mut || drop(kit.case_page("", 100).unwrap()));
        let (rows, _) = kit.store.list("", Some(100)).unwrap();
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let materials = time(&mut || drop(super::for_rows(&kit, &rows, &kit.store.material_facts(&ids).unwrap()).unwrap()));
        println!("first page of 10k cases: {whole:?}; of which materials {materials:?}; without them {:?}", whole.saturating_sub(materials));
    }
}
