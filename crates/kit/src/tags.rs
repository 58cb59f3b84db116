//! Tags on cases (CONTRACTS.md section 8): an admin's own labels ("subsidiary-a", "march"),
//! used to pick many cases at once for letters, export and the dashboard.

use serde::Serialize;
use ts_rs::TS;

use crate::{CaseSummary, Kit, KitError, Result};

/// Tags are short labels; a spreadsheet separates them with `;`, so none may hold one.
pub const MAX_TAG: usize = 40;

/// A tag as stored: trimmed, one line, at most `MAX_TAG` characters, no `;`.
pub fn clean_tag(tag: &str) -> Result<String> {
    let tag = crate::text::one_line("tag", tag, MAX_TAG)?;
    if tag.is_empty() {
        return Err(KitError::field("tag", crate::tr!("a tag cannot be empty", "标签不能为空")));
    }
    if tag.contains(';') {
        return Err(KitError::field("tag", crate::tr!("`{tag}` holds a `;`, which separates tags; use another character", "`{tag}` 含有用来分隔标签的 `;`；请换用其他字符")));
    }
    Ok(tag)
}

/// Checked tags without repeats, in the order given.
pub fn clean_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = clean_tag(t)?;
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}

/// A tag and how many cases carry it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TagCount {
    pub tag: String,
    pub cases: u32,
}

impl Kit {
    /// Adds tags to a case, or removes them with `remove`; returns its tags afterwards.
    pub fn tag_case(&mut self, id: &str, tags: &[String], remove: bool) -> Result<Vec<String>> {
        if tags.is_empty() {
            return Err(KitError::field("tag", crate::tr!("give at least one tag", "请至少给出一个标签")));
        }
        let tags = clean_tags(tags.iter().map(String::as_str))?;
        Ok(self.store.tag(id, &tags, remove)?)
    }

    /// Adds (or removes) tags on several cases: all are checked to exist first.
    pub fn tag_cases(&mut self, ids: &[String], tags: &[String], remove: bool) -> Result<()> {
        if tags.is_empty() {
            return Err(KitError::field("tag", crate::tr!("give at least one tag", "请至少给出一个标签")));
        }
        let tags = clean_tags(tags.iter().map(String::as_str))?;
        for id in ids {
            self.store.get(id)?;
        }
        for id in ids {
            self.store.tag(id, &tags, remove)?;
        }
        Ok(())
    }

    /// Cases with this tag, most recently changed first.
    pub fn cases_tagged(&self, tag: &str) -> Result<Vec<CaseSummary>> {
        let tag = clean_tag(tag)?;
        self.summaries(&self.store.tagged(&tag)?)
    }

    /// Every tag in use, by name, with its number of cases.
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        Ok(self.store.tag_counts()?.into_iter().map(|(tag, n)| TagCount { tag, cases: n as u32 }).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_short_single_labels() {
        assert_eq!(clean_tag("  march ").unwrap(), "march");
        assert_eq!(clean_tags(["a", "b", "a"]).unwrap(), ["a", "b"]);
        for bad in ["", "  ", "a;b", "line\nbreak", &"x".repeat(41)] {
            assert!(clean_tag(bad).is_err(), "{bad:?}");
        }
    }
}
