//! Which cases a batch command works on: those named, in the order given, or those with a tag,
//! in title order (the order a stack of printed letters is easiest to sort by).

use crate::{CaseSummary, Kit, KitError, Result};

impl Kit {
    /// The cases named (each must exist; repeats dropped), or those with `tag` (there must be
    /// some). Exactly one of the two is given.
    pub fn select_cases(&self, tag: Option<&str>, ids: &[String]) -> Result<Vec<CaseSummary>> {
        match (tag, ids.is_empty()) {
            (Some(_), false) => Err(KitError::field("cases", "give either --tag or case ids, not both")),
            (None, true) => Err(KitError::field("cases", "give --tag TAG or one or more case ids")),
            (Some(tag), true) => {
                let mut cases = self.cases_tagged(tag)?;
                if cases.is_empty() {
                    return Err(KitError::field("tag", format!("no case has the tag `{}`", crate::text::printable(tag))));
                }
                cases.sort_by(|a, b| a.title.to_lowercase().cmp(&b.title.to_lowercase()).then_with(|| a.id.cmp(&b.id)));
                Ok(cases)
            }
            (None, false) => {
                let mut rows = Vec::new();
                for id in ids {
                    let row = self.store.get(id)?;
                    if !rows.iter().any(|r: &store::CaseRow| r.id == row.id) {
                        rows.push(row);
                    }
                }
                self.summaries(&rows)
            }
        }
    }
}
