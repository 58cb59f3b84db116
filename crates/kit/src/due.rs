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
