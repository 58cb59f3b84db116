//! Plain-text output for people at a terminal.

use std::fmt::Write;

use rules::{Checklist, ItemKind, Requirement, Status};

use crate::CaseSummary;

const GROUPS: &[(ItemKind, &str)] = &[
    (ItemKind::Document, "Documents to attach"),
    (ItemKind::Letter, "Letters to print, seal or sign, and attach back as scans"),
    (ItemKind::Information, "Information to type"),
    (ItemKind::Step, "Steps to do during or after the appeal"),
];

fn headline(status: Status) -> &'static str {
    match status {
        Status::Ready => "READY: the checklist below is complete for these answers.",
        Status::Incomplete => "INCOMPLETE: answer the remaining questions to complete the checklist.",
        Status::Blocked => "BLOCKED: an appeal cannot succeed with these answers.",
        Status::NotCovered => "NOT COVERED: the provider's document says nothing about this situation.",
    }
}

fn source(out: &mut String, s: &rules::Source) {
    let _ = writeln!(out, "      Source: {}\n        \"{}\"", s.section, s.quote);
}

pub fn checklist(c: &Checklist) -> String {
    let mut out = String::new();
    let pack = rules::pack(&c.provider).ok();
    let name = pack.map_or(c.provider.as_str(), |p| p.provider_name.as_str());
    let _ = writeln!(out, "{name}: {} (rules {})", c.rules.source, c.rules.version);
    let _ = writeln!(out, "{}", headline(c.status));
    if !c.missing_answers.is_empty() {
        let _ = writeln!(out, "Still to answer: {}", c.missing_answers.join(", "));
    }
    for f in c.blockers.iter().chain(&c.gaps) {
        let _ = writeln!(out, "\n  ✗ {} ({})\n      {}", f.id, if c.blockers.contains(f) { "blocker" } else { "not covered" }, f.message);
        source(&mut out, &f.source);
        for a in &f.advice {
            let _ = writeln!(out, "      → {}", a.text);
            source(&mut out, &a.source);
        }
    }
    for (kind, title) in GROUPS {
        let items: Vec<_> = c.items.iter().filter(|i| i.kind == *kind).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{title}");
        for i in items {
            let req = match i.requirement {
                Requirement::Required => "required ",
                Requirement::AsNeeded => "as needed",
            };
            let _ = writeln!(out, "  [{req}] {}  ({})", i.title, i.id);
            let _ = writeln!(out, "      Why: {}", i.why);
            for n in &i.notes {
                let _ = writeln!(out, "      Note: {n}");
            }
            source(&mut out, &i.source);
        }
    }
    if !c.guidance.is_empty() {
        let _ = writeln!(out, "\nHow to submit and what happens next");
        for g in &c.guidance {
            let _ = writeln!(out, "  • {}", g.text);
        }
    }
    out
}

pub fn case_list(cases: &[CaseSummary]) -> String {
    if cases.is_empty() {
        return "No cases yet. Create one with: appeal-kit case new --provider huawei-cloud --title \"My account\"\n".into();
    }
    let mut out = format!("{:<8}  {:<13}  {:<11}  {:<9}  {:<20}  {:<16}  TITLE\n", "ID", "PROVIDER", "CHECKLIST", "APPEAL", "UPDATED", "NEXT DATE");
    for c in cases {
        let status = serde_json::to_value(c.checklist_status).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
        let appeal = serde_json::to_value(c.appeal_status).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
        let next = c.next_deadline.as_ref().map(|d| format!("{} {}", if d.act { "act by" } else { "due" }, d.date)).unwrap_or_default();
        let _ = writeln!(out, "{:<8}  {:<13}  {:<11}  {:<9}  {:<20}  {:<16}  {}", c.id, c.provider, status, appeal, c.updated_at, next, c.title);
    }
    out
}

/// One item's state: status, files (with fixes and location found) and what needs doing.
pub fn item_state(state: &crate::ItemState) -> String {
    use crate::ItemStatus::*;
    let mut out = String::new();
    let status = match state.status {
        Missing => "missing".to_string(),
        Provided if state.files.is_empty() => "provided".to_string(),
        Provided => format!("attached ({} file{})", state.files.len(), if state.files.len() == 1 { "" } else { "s" }),
        NeedsAttention => "needs attention".to_string(),
        NotApplicable => "done outside the app".to_string(),
    };
    let _ = writeln!(out, "  {:<38} {status}", state.item);
    for f in &state.files {
        let mut notes = Vec::new();
        if !f.fixes.is_empty() {
            notes.push(format!("{} fix{}", f.fixes.len(), if f.fixes.len() == 1 { "" } else { "es" }));
        }
        if f.has_location {
            notes.push("location data found; removed on export".into());
        }
        if f.missing {
            notes.push("FILE MISSING".into());
        }
        let size = if f.media_type == "application/pdf" { format!("{} page(s)", f.pages) } else { format!("{}x{}", f.width, f.height) };
        let notes = if notes.is_empty() { String::new() } else { format!("; {}", notes.join("; ")) };
        let _ = writeln!(out, "      {}  {}  {size}, {} KB{notes}  [{}]", f.name, f.media_type, f.bytes.div_ceil(1024), f.id);
    }
    for a in &state.attention {
        let _ = writeln!(out, "      ! {a}");
    }
    out
}

/// The appeal's status, ticket and deadlines.
pub fn appeal(a: &crate::AppealView) -> String {
    let mut out = String::new();
    let status = serde_json::to_value(a.status).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
    let _ = write!(out, "Appeal: {status}");
    if let (Some(ticket), Some(on)) = (&a.ticket, &a.submitted_on) {
        let _ = write!(out, ", ticket {ticket}, submitted {on}");
    }
    if let Some(on) = &a.decided_on {
        let _ = write!(out, ", result {on}");
    }
    out.push('\n');
    for d in &a.deadlines {
        let when = match d.days_left {
            0 => "today".to_string(),
            n if n < 0 => format!("{} day(s) ago", -n),
            n => format!("in {n} day(s)"),
        };
        let what = if d.act { "ACT BY" } else { "expect by" };
        let _ = writeln!(out, "  {what} {} ({when}): {}", d.date, d.text);
        source(&mut out, &d.source);
    }
    out
}
