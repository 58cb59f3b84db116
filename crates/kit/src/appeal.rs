//! After submission: the appeal's status, its ticket or query number, and the time limits the
//! provider's document states (from the rule pack's timelines), as dates.

use rules::pack::{DayCount, TimelineStart};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::{Date, Duration};
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
    /// How the date was counted, when it is less certain than the text says (working days in
    /// a year whose public holidays Appeal Kit does not know yet).
    pub note: Option<String>,
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
    Date::parse(text.trim(), &format).map_err(|_| KitError::field(field, crate::tr!("`{text}` is not a date; write it as YYYY-MM-DD", "`{text}` 不是日期；请写成 YYYY-MM-DD（年-月-日）")))
}

/// The date `days` after `from`, and whether a holiday table covered every working day counted.
fn add_days(from: Date, days: u32, count: DayCount) -> (Date, bool) {
    match count {
        DayCount::Calendar => (from + Duration::days(days as i64), true),
        DayCount::Business => crate::workdays::add(from, days),
    }
}

pub(crate) fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

/// The appeal as stored, with the deadlines that apply now.
pub(crate) fn view(provider: &str, status: AppealStatus, stored: &Value, today: Date, lang: rules::Language) -> crate::Result<AppealView> {
    let record: Record = serde_json::from_value(stored.clone()).map_err(|e| store::StoreError::Corrupt(format!("appeal record: {e}")))?;
    let start = match status {
        AppealStatus::Submitted => record.submitted_on.as_deref().map(|d| (TimelineStart::Submitted, d)),
        AppealStatus::Rejected => record.decided_on.as_deref().map(|d| (TimelineStart::Rejected, d)),
        _ => None,
    };
    let mut deadlines = Vec::new();
    if let (Some((after, from)), Ok(pack)) = (start, rules::pack(provider)) {
        if let Ok(from) = parse_date("date", from) {
            for t in pack.timelines.iter().filter(|t| t.after == after) {
                let (date, known) = add_days(from, t.days, t.count);
                let note = (!known).then(|| match lang {
                    rules::Language::En => format!(
                        "Counted as Monday to Friday: Appeal Kit knows China's public holidays and make-up working days only for {}.",
                        crate::workdays::covered()
                    ),
                    rules::Language::Zh => format!("按周一至周五计算：Appeal Kit 只有 {} 年的法定节假日和调休安排。", crate::workdays::covered()),
                });
                deadlines.push(Deadline {
                    id: t.id.clone(),
                    date: date.to_string(),
                    days_left: (date - today).whole_days() as i32,
                    act: after == TimelineStart::Rejected,
                    text: t.text.get(lang).to_string(),
                    source: t.source.clone(),
                    note,
                });
            }
        }
    }
    Ok(AppealView { status, ticket: record.ticket, submitted_on: record.submitted_on, decided_on: record.decided_on, deadlines })
}

impl Kit {
    /// After approval the documents are no longer needed: erases them (every attached file, as
    /// `erase` does: in a store with a passphrase the case's key goes, so no copy can be read
    /// again) and keeps the record (status, dates, ticket, profile, timeline). Only for an
    /// approved case; anything else is refused with the field "status" and nothing changes.
    pub fn erase_documents(&mut self, id: &str) -> Result<CaseView> {
        let approved = AppealStatus::Approved.as_str();
        if self.store.erase_documents(id, approved)?.is_none() {
            return Err(KitError::field("status", crate::tr!("only an approved case's documents are erased this way; record the approval first", "只有已通过的案件才能这样删除文件；请先记录批准")));
        }
        self.case(id)
    }

    /// How many approved cases still hold documents they no longer need (`erase_documents`).
    pub fn approved_with_documents(&self) -> Result<u32> {
        Ok(self.store.count_holding_documents(AppealStatus::Approved.as_str())? as u32)
    }

    /// Records the appeal as submitted (with its ticket or query number), approved or rejected,
    /// on `on` (default today).
    pub fn set_status(&mut self, id: &str, status: AppealStatus, ticket: Option<&str>, on: Option<&str>) -> Result<CaseView> {
        let date = match on {
            Some(text) => parse_date("on", text)?,
            None => today(),
        };
        if date > today() {
            return Err(KitError::field("on", crate::tr!("{date} is in the future", "{date} 是将来的日期")));
        }
        let kind = match status {
            AppealStatus::Submitted => store::EventKind::Submitted,
            AppealStatus::Approved => store::EventKind::Approved,
            AppealStatus::Rejected => store::EventKind::Rejected,
            AppealStatus::Preparing => return Err(KitError::field("status", crate::tr!("use submitted, approved or rejected", "请使用 submitted（已提交）、approved（已通过）或 rejected（被驳回）"))),
        };
        // Read, checked against the current status and written in one transaction.
        let row = self.store.update(id, kind, |row| {
            let mut record: Record = serde_json::from_value(row.appeal.clone())
                .map_err(|e| store::StoreError::Corrupt(format!("appeal record of case {id}: {e}")))?;
            let current = crate::views::stored_statuses(row)?.1;
            match status {
                AppealStatus::Submitted => {
                    let ticket = ticket.map(|t| crate::text::one_line("ticket", t, crate::text::MAX_LINE)).transpose()?;
                    let ticket = ticket.filter(|t| !t.is_empty()).ok_or_else(|| {
                        KitError::field("ticket", crate::tr!("give the ticket or query number the provider sent (--ticket)", "请给出服务商发来的工单号或查询号（--ticket）"))
                    })?;
                    record = Record { submitted_on: Some(date.to_string()), ticket: Some(ticket), decided_on: None };
                }
                AppealStatus::Approved | AppealStatus::Rejected => {
                    if ticket.is_some() {
                        return Err(KitError::field("ticket", crate::tr!("a ticket number goes with `submitted`", "工单号只用于 `submitted`（已提交）")));
                    }
                    if !matches!(current, AppealStatus::Submitted | AppealStatus::Approved | AppealStatus::Rejected) {
                        return Err(KitError::field("status", crate::tr!("record the submission first: status CASE submitted --ticket NUMBER", "请先记录提交：status CASE submitted --ticket NUMBER")));
                    }
                    let submitted = record.submitted_on.as_deref().map(|d| parse_date("on", d)).transpose()?;
                    if submitted.is_some_and(|s| date < s) {
                        return Err(KitError::field("on", crate::tr!("{date} is before the submission on {}", "{date} 早于 {} 的提交", submitted.unwrap_or(date))));
                    }
                    record.decided_on = Some(date.to_string());
                }
                AppealStatus::Preparing => {} // refused above
            }
            let appeal = serde_json::to_value(&record).unwrap_or_default();
            let detail = serde_json::json!({ "on": date.to_string(), "ticket": record.ticket });
            Ok((store::CaseUpdate::Appeal { status: status.as_str().to_string(), appeal }, detail))
        })?;
        self.view(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        // 2026-11-20 is a Friday: three business days later is Wednesday.
        assert_eq!(add_days(date!(2026 - 11 - 20), 3, DayCount::Business), (date!(2026 - 11 - 25), true));
        assert_eq!(add_days(date!(2026 - 11 - 23), 3, DayCount::Business), (date!(2026 - 11 - 26), true));
        assert_eq!(add_days(date!(2026 - 11 - 21), 3, DayCount::Business), (date!(2026 - 11 - 25), true), "from a Saturday");
        assert_eq!(add_days(date!(2026 - 11 - 20), 3, DayCount::Calendar), (date!(2026 - 11 - 23), true));
        // Submitted just before Spring Festival 2026: the review ends after the holiday.
        assert_eq!(add_days(date!(2026 - 02 - 13), 3, DayCount::Business), (date!(2026 - 02 - 25), true));
    }

    #[test]
    fn a_deadline_outside_the_holiday_table_says_how_it_was_counted() {
        let stored = serde_json::json!({ "submitted_on": "2027-03-01", "ticket": "T1" });
        let v = view("alibaba-cloud", AppealStatus::Submitted, &stored, date!(2027 - 03 - 01), rules::Language::En).unwrap();
        assert_eq!(v.deadlines[0].date, "2027-03-04");
        assert!(v.deadlines[0].note.as_deref().is_some_and(|n| n.contains("Monday to Friday") && n.contains("2025–2026")), "{:?}", v.deadlines[0].note);
        let v = view("alibaba-cloud", AppealStatus::Submitted, &serde_json::json!({ "submitted_on": "2026-09-29", "ticket": "T1" }), date!(2026 - 09 - 29), rules::Language::Zh).unwrap();
        assert_eq!((v.deadlines[0].date.as_str(), v.deadlines[0].note.is_none()), ("2026-10-09", true), "National Day counted");
        assert!(v.deadlines[0].text.contains("3 个工作日"), "{}", v.deadlines[0].text);
    }
}
