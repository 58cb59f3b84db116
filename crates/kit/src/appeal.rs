//! After submission: the appeal's status, its ticket or query number, and the time limits the
//! provider's document states (from the rule pack's timelines), as dates.

use rules::pack::{DayCount, TimelineStart};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::{Date, Duration, Weekday};
use ts_rs::TS;

use crate::{AppealStatus, CaseView, Kit, KitError, Result};

/// What is stored about the appeal (the case row's `appeal` column).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Record {
    #[serde(default)]
    submitted_on: Option<String>,
    #[serde(default)]
    ticket: Option<String>,
    #[serde(default)]
    decided_on: Option<String>,
}

/// A date by which something happens or must be done, with where the source says so.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Deadline {
    pub id: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Days from today (negative: passed).
    pub days_left: i32,
    /// The user must act by then (as opposed to waiting for the provider).
    pub act: bool,
    pub text: String,
    pub source: rules::Source,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppealView {
    pub status: AppealStatus,
    pub ticket: Option<String>,
    pub submitted_on: Option<String>,
    pub decided_on: Option<String>,
    pub deadlines: Vec<Deadline>,
}

fn parse_date(field: &str, text: &str) -> Result<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text.trim(), &format).map_err(|_| KitError::field(field, format!("`{text}` is not a date; write it as YYYY-MM-DD")))
}

fn add_days(from: Date, days: u32, count: DayCount) -> Date {
    match count {
        DayCount::Calendar => from + Duration::days(days as i64),
        DayCount::Business => {
            let mut d = from;
            let mut left = days;
            while left > 0 {
                d += Duration::days(1);
                if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
                    left -= 1;
                }
            }
            d
        }
    }
}

pub(crate) fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

/// The appeal as stored, with the deadlines that apply now.
pub(crate) fn view(provider: &str, status: AppealStatus, stored: &Value, today: Date) -> AppealView {
    let record: Record = serde_json::from_value(stored.clone()).unwrap_or_default();
    let start = match status {
        AppealStatus::Submitted => record.submitted_on.as_deref().map(|d| (TimelineStart::Submitted, d)),
        AppealStatus::Rejected => record.decided_on.as_deref().map(|d| (TimelineStart::Rejected, d)),
        _ => None,
    };
    let mut deadlines = Vec::new();
    if let (Some((after, from)), Ok(pack)) = (start, rules::pack(provider)) {
        if let Ok(from) = parse_date("date", from) {
            for t in pack.timelines.iter().filter(|t| t.after == after) {
                let date = add_days(from, t.days, t.count);
                deadlines.push(Deadline {
                    id: t.id.clone(),
                    date: date.to_string(),
                    days_left: (date - today).whole_days() as i32,
                    act: after == TimelineStart::Rejected,
                    text: t.text.clone(),
                    source: t.source.clone(),
                });
            }
        }
    }
    AppealView { status, ticket: record.ticket, submitted_on: record.submitted_on, decided_on: record.decided_on, deadlines }
}

impl Kit {
    /// Records the appeal as submitted (with its ticket or query number), approved or rejected,
    /// on `on` (default today).
    pub fn set_status(&mut self, id: &str, status: AppealStatus, ticket: Option<&str>, on: Option<&str>) -> Result<CaseView> {
        let row = self.store.get(id)?;
        let date = match on {
            Some(text) => parse_date("on", text)?,
            None => today(),
        };
        if date > today() {
            return Err(KitError::field("on", format!("{date} is in the future")));
        }
        let mut record: Record = serde_json::from_value(row.appeal.clone()).unwrap_or_default();
        let current = crate::parse_appeal_status(&row.appeal_status);
        match status {
            AppealStatus::Submitted => {
                let ticket = ticket.map(str::trim).filter(|t| !t.is_empty()).ok_or_else(|| {
                    KitError::field("ticket", "give the ticket or query number the provider sent (--ticket)")
                })?;
                if ticket.chars().count() > 200 {
                    return Err(KitError::field("ticket", "keep the ticket number under 200 characters"));
                }
                record = Record { submitted_on: Some(date.to_string()), ticket: Some(ticket.to_string()), decided_on: None };
            }
            AppealStatus::Approved | AppealStatus::Rejected => {
                if ticket.is_some() {
                    return Err(KitError::field("ticket", "a ticket number goes with `submitted`"));
                }
                if !matches!(current, AppealStatus::Submitted | AppealStatus::Approved | AppealStatus::Rejected) {
                    return Err(KitError::field("status", "record the submission first: status CASE submitted --ticket NUMBER"));
                }
                let submitted = record.submitted_on.as_deref().map(|d| parse_date("on", d)).transpose()?;
                if submitted.is_some_and(|s| date < s) {
                    return Err(KitError::field("on", format!("{date} is before the submission on {}", submitted.unwrap_or(date))));
                }
                record.decided_on = Some(date.to_string());
            }
            AppealStatus::Preparing => return Err(KitError::field("status", "use submitted, approved or rejected")),
        }
        let status_id = match status {
            AppealStatus::Submitted => "submitted",
            AppealStatus::Approved => "approved",
            AppealStatus::Rejected => "rejected",
            AppealStatus::Preparing => "preparing",
        };
        let appeal = serde_json::to_value(&record).unwrap_or_default();
        let detail = serde_json::json!({ "on": date.to_string(), "ticket": record.ticket });
        let row = self.store.set_appeal(id, status_id, &appeal, &detail)?;
        self.view(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn business_days_skip_weekends() {
        // 2026-11-20 is a Friday: three business days later is Wednesday.
        assert_eq!(add_days(date!(2026 - 11 - 20), 3, DayCount::Business), date!(2026 - 11 - 25));
        assert_eq!(add_days(date!(2026 - 11 - 23), 3, DayCount::Business), date!(2026 - 11 - 26));
        assert_eq!(add_days(date!(2026 - 11 - 21), 3, DayCount::Business), date!(2026 - 11 - 25), "from a Saturday");
        assert_eq!(add_days(date!(2026 - 11 - 20), 3, DayCount::Calendar), date!(2026 - 11 - 23));
    }
}
