//! Benchmark seeding (the `bench` feature): a store full of cases to time the case list on.

use serde_json::{Value, json};
use store::NewCase;

use crate::{Kit, Result};

impl Kit {
    /// Fills the store with `n` cases (for the case-list benchmark).
    pub fn seed(&mut self, n: usize) -> Result<usize> {
        let answers = json!({"customer_type": "direct", "real_name_verified": true, "account_type": "enterprise", "card_added": false});
        let titles: Vec<(String, Value)> =
            (0..n).map(|i| (format!("Account {i:05}"), json!({ "account_name": format!("ops-{i:05}") }))).collect();
        Ok(self.store.create_many(titles.iter().map(|(title, profile)| NewCase {
            provider: "huawei-cloud",
            title,
            answers: &answers,
            profile,
            rules_version: "2026-01-23",
            checklist_status: "ready",
        }))?)
    }
}
