//! Plain-text output for people at a terminal.

use std::fmt::Write;

use rules::{Checklist, ItemKind, Language, Requirement, Status};

use crate::CaseSummary;
use crate::text::printable;

/// A text of the terminal output in the language asked for.
fn tr(lang: Language, en: &'static str, zh: &'static str) -> &'static str {
    if lang == Language::Zh { zh } else { en }
}

const GROUPS: &[(ItemKind, &str, &str)] = &[
    (ItemKind::Document, "Documents to attach", "需上传的材料"),
    (ItemKind::Letter, "Letters to print, seal or sign, and attach back as scans", "需打印、盖章或签字后扫描上传的文书"),
    (ItemKind::Information, "Information to type", "需填写的信息"),
    (ItemKind::Step, "Steps to do during or after the appeal", "申诉过程中或之后要完成的步骤"),
];

fn headline(status: Status, lang: Language) -> &'static str {
    match status {
        Status::Ready => tr(lang, "READY: the checklist below is complete for these answers.", "已就绪：以下清单已按这些回答列全。"),
        Status::Incomplete => tr(lang, "INCOMPLETE: answer the remaining questions to complete the checklist.", "未完成：请回答剩余问题以完成清单。"),
        Status::Blocked => tr(lang, "BLOCKED: an appeal cannot succeed with these answers.", "受阻：按这些回答，申诉无法成功。"),
        Status::NotCovered => tr(lang, "NOT COVERED: the provider's document says nothing about this situation.", "未涵盖：服务商的文档未说明这种情况。"),
    }
}

fn source(out: &mut String, s: &rules::Source, lang: Language) {
    let _ = writeln!(out, "      {}{}\n        \"{}\"", tr(lang, "Source: ", "来源："), s.section, s.quote);
}

/// A note: what the provider says, with its source, or Appeal Kit's own advice, marked.
fn note(out: &mut String, lead: &str, n: &rules::Note, lang: Language) {
    match &n.source {
        Some(s) => {
            let _ = writeln!(out, "      {lead} {}", n.text);
            source(out, s, lang);
        }
        None => {
            let _ = writeln!(out, "      {lead} [{}] {}", tr(lang, "Appeal Kit's advice", "Appeal Kit 的建议"), n.text);
        }
    }
}

pub fn checklist(c: &Checklist, lang: Language) -> String {
    let mut out = String::new();
    let pack = rules::pack(&c.provider).ok();
    let name = pack.map_or(c.provider.as_str(), |p| p.provider_name.get(lang));
    let _ = writeln!(out, "{name}: {} ({} {})", c.rules.source, tr(lang, "rules", "规则版本"), c.rules.version);
    let _ = writeln!(out, "{}", headline(c.status, lang));
    if !c.missing_answers.is_empty() {
        let _ = writeln!(out, "{}{}", tr(lang, "Still to answer: ", "尚需回答："), c.missing_answers.join(", "));
    }
    for f in c.blockers.iter().chain(&c.gaps) {
        let kind = if c.blockers.contains(f) { tr(lang, "blocker", "受阻") } else { tr(lang, "not covered", "未涵盖") };
        let _ = writeln!(out, "\n  ✗ {} ({kind})\n      {}", f.id, f.message);
        source(&mut out, &f.source, lang);
        for a in &f.advice {
            note(&mut out, "→", a, lang);
        }
    }
    for (kind, en, zh) in GROUPS {
        let items: Vec<_> = c.items.iter().filter(|i| i.kind == *kind).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", tr(lang, en, zh));
        for i in items {
            let req = match i.requirement {
                Requirement::Required => tr(lang, "required ", "必需"),
                Requirement::AsNeeded => tr(lang, "as needed", "按需"),
            };
            let _ = writeln!(out, "  [{req}] {}  ({})", i.title, i.id);
            let _ = writeln!(out, "      {}{}", tr(lang, "Why: ", "原因："), i.why);
            source(&mut out, &i.source, lang);
            for n in &i.notes {
                note(&mut out, tr(lang, "Note:", "注意"), n, lang);
            }
        }
    }
    if !c.guidance.is_empty() {
        let _ = writeln!(out, "\n{}", tr(lang, "How to submit and what happens next", "如何提交及后续"));
        for g in &c.guidance {
            match &g.source {
                Some(_) => {
                    let _ = writeln!(out, "  • {}", g.text);
                }
                None => {
                    let _ = writeln!(out, "  • [{}] {}", tr(lang, "Appeal Kit's advice", "Appeal Kit 的建议"), g.text);
                }
            }
        }
    }
    out
}

/// "3 of 5 provided", with what needs attention, or "ready to export" once everything is there.
pub fn materials(c: &CaseSummary) -> String {
    let m = c.materials;
    if c.ready_to_export {
        return "ready to export".into();
    }
    let mut text = format!("{} of {} provided", m.provided, m.required);
    if m.attention > 0 {
        text.push_str(&format!(", {} need{} attention", m.attention, if m.attention == 1 { "s" } else { "" }));
    }
    text
}

pub fn case_list(cases: &[CaseSummary]) -> String {
    if cases.is_empty() {
        return "No cases yet. Create one with: appeal-kit case new --provider huawei-cloud --title \"My account\"\n".into();
    }
    let mut out = format!("{:<8}  {:<13}  {:<11}  {:<31}  {:<9}  {:<20}  {:<16}  TITLE\n", "ID", "PROVIDER", "QUESTIONS", "MATERIALS", "APPEAL", "UPDATED", "NEXT DATE");
    for c in cases {
        let status = match c.checklist_status {
            Status::Ready => "answered",
            Status::Incomplete => "incomplete",
            Status::Blocked => "blocked",
            Status::NotCovered => "not_covered",
        };
        let appeal = c.appeal_status.as_str();
        let next = c.next_deadline.as_ref().map(|d| format!("{} {}", if d.act { "act by" } else { "due" }, d.date)).unwrap_or_default();
        let _ = writeln!(out, "{:<8}  {:<13}  {:<11}  {:<31}  {:<9}  {:<20}  {:<16}  {}", c.id, c.provider, status, materials(c), appeal, c.updated_at, next, printable(&c.title));
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
        if f.redacted {
            notes.push("parts hidden".into());
        }
        let notes = if notes.is_empty() { String::new() } else { format!("; {}", notes.join("; ")) };
        let _ = writeln!(out, "      {}  {}  {size}, {} KB{notes}  [{}]", printable(&f.name), f.media_type, f.bytes.div_ceil(1024), f.id);
        for c in &f.checks {
            let _ = writeln!(out, "        ! {}: {}", c.id.as_str(), printable(&c.message));
        }
    }
    for a in &state.attention {
        let _ = writeln!(out, "      ! {a}");
    }
    out
}

/// The appeal's status, ticket and deadlines.
pub fn appeal(a: &crate::AppealView, lang: Language) -> String {
    let mut out = String::new();
    let status = serde_json::to_value(a.status).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
    let _ = write!(out, "Appeal: {status}");
    if let (Some(ticket), Some(on)) = (&a.ticket, &a.submitted_on) {
        let _ = write!(out, ", ticket {}, submitted {on}", printable(ticket));
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
        if let Some(note) = &d.note {
            let _ = writeln!(out, "      {note}");
        }
        source(&mut out, &d.source, lang);
    }
    out
}

/// A newer rules version for a case, and what moving to it changes for its answers.
pub fn rules_update(u: &rules::RulesUpdate, case: &str, lang: Language) -> String {
    use rules::ChangeKind::*;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Language::Zh => format!("规则有新版本：{} → {}。对本案件的影响：", u.from, u.to),
            Language::En => format!("Newer rules: {} → {}. What they change for this case:", u.from, u.to),
        }
    );
    if u.changes.is_empty() {
        let _ = writeln!(out, "  {}", tr(lang, "nothing for these answers", "按这些回答没有变化"));
    }
    for c in &u.changes {
        let item = c.item.as_deref().map(|i| format!(" ({i})")).unwrap_or_default();
        let line = match c.kind {
            StatusChanged => format!("{}: {} → {}", tr(lang, "status", "状态"), c.before.join(", "), c.after.join(", ")),
            ItemAdded => format!("+ {}{item} [{}]", c.title, c.after.join(", ")),
            ItemRemoved => format!("- {}{item}", c.title),
            RequirementChanged => format!("~ {}{item}: {} → {}", c.title, c.before.join(", "), c.after.join(", ")),
            NotesChanged => format!("~ {}{item}: {}\n      {} {}\n      {} {}", c.title, tr(lang, "notes changed", "注意事项有变"), tr(lang, "was:", "原为："), c.before.join(" / "), tr(lang, "now:", "现为："), c.after.join(" / ")),
        };
        let _ = writeln!(out, "  {line}");
    }
    let _ = writeln!(out, "{} appeal-kit case update-rules {case}", tr(lang, "Accept with:", "接受更新："));
    out
}
