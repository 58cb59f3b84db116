//! The bundle's cover sheet (`checklist.pdf`): every item, what satisfies it or what is
//! missing, and the ticket text, for the provider's reviewer.

use documents::letters::{Block, Letter};
use rules::{Language, Requirement};
use serde_json::Value;

use super::gaps;
use super::manifest::{Manifest, ManifestItem};
use crate::CaseView;

/// The cover sheet's title: what the provider's reviewer needs to place it (provider, account,
/// holder), never the case's own title, which is the user's private label.
fn title(view: &CaseView, lang: Language) -> String {
    let s = &view.summary;
    let p = &view.profile;
    let account = p.account_name.as_deref().map(str::trim).filter(|a| !a.is_empty());
    let holder = p.holder_name.as_deref().map(str::trim).filter(|h| !h.is_empty());
    let provider = &s.provider_name;
    match (lang, account, holder) {
        (Language::Zh, Some(a), Some(h)) => format!("申诉材料：{provider}账号 {a}（{h}）"),
        (Language::Zh, Some(a), None) => format!("申诉材料：{provider}账号 {a}"),
        (Language::Zh, None, Some(h)) => format!("申诉材料：{h} 的{provider}账号"),
        (Language::Zh, None, None) => format!("申诉材料：{provider}账号"),
        (Language::En, Some(a), Some(h)) => format!("Appeal materials: {provider} account {a} ({h})"),
        (Language::En, Some(a), None) => format!("Appeal materials: {provider} account {a}"),
        (Language::En, None, Some(h)) => format!("Appeal materials: {provider} account of {h}"),
        (Language::En, None, None) => format!("Appeal materials: {provider} account"),
    }
}

/// The cover sheet: every item, what satisfies it or what is missing, and the ticket text, all
/// in `lang` (the language of the item titles and the ticket text it lists).
pub(super) fn sheet(view: &CaseView, manifest: &Manifest, lang: Language) -> Letter {
    let tr = |en: &str, zh: &str| if lang == Language::Zh { zh.to_string() } else { en.to_string() };
    let s = &view.summary;
    let title = title(view, lang);
    let mut rows = vec![(tr("Provider", "服务商"), s.provider_name.clone())];
    rows.push((tr("Account", "账号"), view.profile.account_name.clone().unwrap_or_default()));
    rows.push((tr("Account holder", "账号持有人"), view.profile.holder_name.clone().unwrap_or_default()));
    rows.push((tr("Requirements", "材料要求依据"), format!("{} ({})", view.checklist.rules.source, view.checklist.rules.version)));
    rows.push((tr("Prepared on", "整理日期"), s.updated_at.get(..10).unwrap_or(&s.updated_at).to_string()));
    let mut blocks = vec![Block::Title(title.clone()), Block::Fields(rows)];
    if manifest.complete {
        blocks.push(Block::Para(tr("Every required item is provided.", "所有必需材料均已提供。")));
    } else {
        blocks.push(Block::Note(tr("Incomplete. Still missing:", "材料不完整，仍缺少：")));
        for g in gaps(view, lang) {
            blocks.push(Block::Note(format!("• {}{}{}", g.title, tr(": ", "："), g.reason)));
        }
    }
    let files = |item: &ManifestItem| item.files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>().join(", ");
    for (n, (item, state)) in manifest.items.iter().zip(&view.items).enumerate() {
        let required = item.requirement == Requirement::Required;
        let heading = match (lang, required) {
            (Language::Zh, true) => format!("{}. {}（必需）", n + 1, item.title),
            (Language::Zh, false) => format!("{}. {}（按需）", n + 1, item.title),
            (Language::En, true) => format!("{}. {} (required)", n + 1, item.title),
            (Language::En, false) => format!("{}. {} (as needed)", n + 1, item.title),
        };
        blocks.push(Block::Heading(heading));
        let text = match (item.status.as_str(), &item.values) {
            ("not_applicable", _) => tr("Done outside this bundle (during or after the appeal).", "不在本材料包内（申诉过程中或之后办理）。"),
            ("missing", _) if !state.attention.is_empty() => format!("{}{}", tr("NOT READY: ", "尚未就绪："), state.attention.join(" ")),
            // An optional item left out is not a gap in the appeal.
            ("missing", _) if !required => tr("Not provided (optional).", "未提供（非必需）。"),
            ("missing", _) => tr("MISSING", "缺少"),
            (_, Some(_)) => String::new(),
            _ => format!("{}{}", tr("Provided: ", "已提供："), files(item)),
        };
        if !text.is_empty() {
            blocks.push(Block::Para(text));
        }
        if item.status == "missing" && !item.files.is_empty() {
            blocks.push(Block::Para(format!("{}{}", tr("Attached: ", "已附："), files(item))));
        }
        if let Some(Value::Object(values)) = &item.values {
            // Each value under its label as the pack words it, in the sheet's language.
            let label = |k: &str| state.fields.iter().find(|f| f.id == k).map_or_else(|| k.replace('_', " "), |f| f.label.clone());
            blocks.push(Block::Fields(values.iter().map(|(k, v)| (label(k), v.as_str().unwrap_or_default().to_string())).collect()));
        }
    }
    if let Some(text) = &view.ticket_text {
        blocks.push(Block::Heading(tr("Text for the ticket or appeal form", "工单或申诉表单中填写的文字")));
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            blocks.push(Block::Para(line.to_string()));
        }
    }
    Letter { title, language: if lang == Language::Zh { "zh-CN" } else { "en" }, blocks, missing_fields: Vec::new() }
}
