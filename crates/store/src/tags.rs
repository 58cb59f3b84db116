//! Tags on cases, and many cases written at once (a spreadsheet import): all rows, or none.

use std::collections::HashMap;

use rusqlite::{TransactionBehavior, params};
use serde_json::{Value, json};

use crate::{CASE_COLUMNS, EventKind, CaseRow, NewCase, Result, Store, case_row, insert_case};

/// A case to create with its tags, and what its timeline records about where it came from.
pub struct TaggedCase<'a> {
    pub new: NewCase<'a>,
    pub tags: Vec<String>,
    pub detail: Value,
}

impl Store {
    /// Adds (or with `remove`, removes) tags on a case, logging the change; returns the case's
    /// tags afterwards, sorted. Tags are checked by the caller.
    pub fn tag(&mut self, id: &str, tags: &[String], remove: bool) -> Result<Vec<String>> {
        let kind = if remove { EventKind::Untagged } else { EventKind::Tagged };
        self.change(id, kind, &json!({ "tags": tags }), |tx, _| {
            let sql = if remove {
                "DELETE FROM case_tags WHERE case_id = ?1 AND tag = ?2"
            } else {
                "INSERT OR IGNORE INTO case_tags (case_id, tag) VALUES (?1, ?2)"
            };
            let mut n = 0;
            for tag in tags {
                n += tx.execute(sql, params![id, tag])?;
            }
            Ok::<_, rusqlite::Error>(n)
        })?;
        Ok(self.tags_of(&[id])?.remove(id).unwrap_or_default())
    }

    /// The tags of these cases, each list sorted; cases without tags are absent.
    pub fn tags_of(&self, ids: &[&str]) -> Result<HashMap<String, Vec<String>>> {
        let ids = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.conn.prepare_cached("SELECT case_id, tag FROM case_tags WHERE case_id IN (SELECT value FROM json_each(?1)) ORDER BY case_id, tag")?;
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        for row in stmt.query_map([&ids], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (case, tag) = row?;
            out.entry(case).or_default().push(tag);
        }
        Ok(out)
    }

    /// Cases (not deleted) with this tag, most recently changed first.
    pub fn tagged(&self, tag: &str) -> Result<Vec<CaseRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE deleted_at IS NULL AND id IN (SELECT case_id FROM case_tags WHERE tag = ?1) ORDER BY touched DESC"
        ))?;
        Ok(stmt.query_map([tag], case_row)?.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every tag in use on cases not deleted, with how many cases carry it, by name.
    pub fn tag_counts(&self) -> Result<Vec<(String, usize)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.tag, count(*) FROM case_tags t JOIN cases c ON c.id = t.case_id AND c.deleted_at IS NULL GROUP BY t.tag ORDER BY t.tag",
        )?;
        Ok(stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Creates every case with its tags in one transaction, in order, logging `kind` on each:
    /// all of them, or none. Returns the new ids in the same order.
    pub fn create_cases(&mut self, cases: &[TaggedCase], kind: EventKind) -> Result<Vec<String>> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut ids = Vec::with_capacity(cases.len());
        {
            let mut add_tag = tx.prepare_cached("INSERT OR IGNORE INTO case_tags (case_id, tag) VALUES (?1, ?2)")?;
            for c in cases {
                let id = insert_case(&tx, &c.new, kind, &c.detail)?;
                for tag in &c.tags {
                    add_tag.execute(params![id, tag])?;
                }
                ids.push(id);
            }
        }
        tx.commit()?;
        Ok(ids)
    }
}
