//! What needs doing across cases (`case list --due`, the dashboard): the cases with a date
//! coming (a review due, a rejection window closing) or items needing attention, the nearest
//! date first.

use crate::CaseSummary;

/// Whether a case has anything due: a date, or items needing attention.
pub fn is_due(c: &CaseSummary) -> bool {
    c.next_deadline.is_some() || c.materials.attention > 0
}

/// The cases that have something due, the nearest date first (a date the user must act by
/// before one they wait for, on the same day); cases with only items needing attention
/// follow, most recently changed first (the order they came in).
pub fn due(cases: Vec<CaseSummary>) -> Vec<CaseSummary> {
    let mut out: Vec<CaseSummary> = cases.into_iter().filter(is_due).collect();
    // A stable sort keeps the incoming order among equals.
    out.sort_by(|a, b| {
        let key = |c: &CaseSummary| c.next_deadline.as_ref().map(|d| (d.date.clone(), !d.act));
        match (key(a), key(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    });
    out
}

/// A tag's cases at a glance.
#[derive(Debug, Clone, Default, serde::Serialize, ts_rs::TS)]
pub struct TagStats {
    pub tag: String,
    pub cases: u32,
    /// Cases with a date coming or items needing attention.
    pub due: u32,
    /// Cases with items needing attention.
    pub attention: u32,
    /// Cases ready to export.
    pub ready: u32,
}

/// What needs doing across cases: the due ones (nearest date first) and counts per tag.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct Dashboard {
    pub due: Vec<CaseSummary>,
    pub tags: Vec<TagStats>,
    /// All cases, tagged or not.
    pub total: TagStats,
}

/// The dashboard of these cases.
pub fn dashboard(cases: Vec<CaseSummary>) -> Dashboard {
    let mut tags: std::collections::BTreeMap<String, TagStats> = std::collections::BTreeMap::new();
    let mut total = TagStats::default();
    for c in &cases {
        let count = |s: &mut TagStats| {
            s.cases += 1;
            s.due += is_due(c) as u32;
            s.attention += (c.materials.attention > 0) as u32;
            s.ready += c.ready_to_export as u32;
        };
        count(&mut total);
        for t in &c.tags {
            count(tags.entry(t.clone()).or_insert_with(|| TagStats { tag: t.clone(), ..TagStats::default() }));
        }
    }
    Dashboard { due: due(cases), tags: tags.into_values().collect(), total }
}

impl crate::Kit {
    /// The dashboard of every case.
    pub fn dashboard(&self) -> crate::Result<Dashboard> {
        Ok(dashboard(self.list_cases("")?))
    }
}
