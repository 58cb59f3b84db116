//! Which cases a batch command works on: those named, in the order given, or those with a tag,
//! in title order (the order a stack of printed letters is easiest to sort by).

use crate::{CaseSummary, Kit, KitError, Result};

impl Kit {
    /// The cases named (each must exist; repeats dropped), or those with `tag` (there must be
    /// some). Exactly one of the two is given.
    pub fn select_cases(&self, tag: Option<&str>, ids: &[String]) -> Result<Vec<CaseSummary>> {
        match (tag, ids.is_empty()) {
            (Some(_), false) => Err(KitError::field("cases", crate::tr!("give either --tag or case ids, not both", "请给出 --tag 或案件 ID，不要同时给出"))),
            (None, true) => Err(KitError::field("cases", crate::tr!("give --tag TAG or one or more case ids", "请给出 --tag TAG 或一个或多个案件 ID"))),
            (Some(tag), true) => {
                let mut cases = self.cases_tagged(tag)?;
                if cases.is_empty() {
                    return Err(KitError::field("tag", crate::tr!("no case has the tag `{}`", "没有案件带有标签 `{}`", crate::text::printable(tag))));
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
