//! Each attached file as the checklist shows it, and each item judged from its files:
//! missing, provided, or needing attention.

use std::collections::HashSet;

use rules::{Checklist, ItemKind};
use serde_json::Value;
use store::AttachmentRow;

use super::{AttachmentView, ItemState, ItemStatus, data_url};
use crate::{FileFacts, Result};

/// A file as the case screen shows it; `recognised` says what its letter code means for the case.
fn view(row: &AttachmentRow, letters: &HashSet<String>, provider: &str, lang: rules::Language, recognised: Option<&crate::letter_scans::Recognised>) -> Result<AttachmentView> {
    let facts = FileFacts::of(row)?;
    let (current, media) = row.current();
    let fixes = crate::facts::fixes(&row.fixes, &row.id)?;
    // Derived from what was done to the file (kept fixes too), never from a stored flag.
    let history = crate::redaction::history(&row.id, &row.kept_fixes, &fixes)?;
    let redacted = crate::redaction::is_redacted(&history);
    // The facts are the first original's; the current version is that after every fix.
    let (width, height) = documents::fixes::size_after(facts.width, facts.height, &history);
    let pages = facts.pages.max(1);
    let generated_letter = letters.contains(current);
    // The unsigned PDF Appeal Kit made has its own warning (see `judge`), not a missing seal.
    let from_letter = recognised.filter(|_| !generated_letter).map(|r| crate::checks::letter_findings(r, pages)).unwrap_or_default();
    let findings = crate::checks::findings(&row.checks, &from_letter, &row.dismissed);
    let seal_rule = recognised.and_then(|r| r.no_seal.as_ref()).map(|(_, rule)| rule.as_str());
    Ok(AttachmentView {
        id: row.id.clone(),
        item: row.item_id.clone(),
        name: row.name.clone(),
        media_type: media.to_string(),
        bytes: row.bytes as u32,
        width,
        height,
        pages,
        has_location: facts.has_location,
        fixes,
        redacted,
        has_original: row.fixed.is_some(),
        missing: row.missing,
        generated_letter,
        thumbnail: data_url(&row.thumbnail),
        checks: crate::checks::views(&findings, provider, lang, seal_rule),
        suggested_corners: crate::checks::suggested_corners(&findings),
        letter: recognised.map(|r| r.letter.clone()),
    })
}

/// What judging an item needs to know about one of its files.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FileFlags {
    pub missing: bool,
    pub redacted: bool,
    pub generated_letter: bool,
    /// Findings that stand (not dismissed).
    pub checks: u32,
}

impl From<&AttachmentView> for FileFlags {
    fn from(f: &AttachmentView) -> FileFlags {
        FileFlags { missing: f.missing, redacted: f.redacted, generated_letter: f.generated_letter, checks: f.checks.len() as u32 }
    }
}

/// An item's status and what still needs doing, from its files' flags (documents, letters)
/// or its saved values (information). The case screen and the case list both judge with this,
/// so they cannot disagree.
pub(crate) fn judge(pack: &rules::Pack, item: &rules::Item, files: &[FileFlags], info: &Value, lang: rules::Language) -> (ItemStatus, Vec<String>) {
    // Said in the interface language (CONTRACTS.md section 9), as the item's own texts are.
    let tr = |en: &str, zh: &str| if lang == rules::Language::Zh { zh.to_string() } else { en.to_string() };
    let mut attention = Vec::new();
    if files.iter().any(|f| f.missing) {
        attention.push(tr("A stored file is missing from the disk; attach it again.", "已保存的文件在磁盘上找不到了，请重新上传。"));
    }
    if let Some(hide) = &item.hide
        && !files.is_empty()
        && !files.iter().any(|f| f.redacted)
    {
        attention.push(hide.clone());
    }
    if item.kind == ItemKind::Letter && !files.is_empty() && files.iter().all(|f| f.generated_letter) {
        attention.push(tr(
            "This is the unsigned letter Appeal Kit made: print it, sign or seal it, and attach a scan or photo of it.",
            "这是 Appeal Kit 生成的未签字版本：请打印出来，签字或盖章后，上传扫描件或照片。",
        ));
    }
    let flagged = files.iter().filter(|f| f.checks > 0).count();
    if flagged > 0 {
        attention.push(match flagged {
            1 => tr(
                "A file may be rejected by the reviewer: see the warning under it, then fix the file or dismiss the warning.",
                "有 1 个文件可能被审核退回：请查看其下方的提示，修正文件或忽略提示。",
            ),
            n => tr(
                &format!("{n} files may be rejected by the reviewer: see the warnings under them, then fix the files or dismiss the warnings."),
                &format!("有 {n} 个文件可能被审核退回：请查看其下方的提示，修正文件或忽略提示。"),
            ),
        });
    }
    let status = match item.kind {
        ItemKind::Step => ItemStatus::NotApplicable,
        ItemKind::Information => crate::info::status(pack, &item.id, info.get(&item.id)),
        _ if !attention.is_empty() => ItemStatus::NeedsAttention,
        _ if files.is_empty() => ItemStatus::Missing,
        _ => ItemStatus::Provided,
    };
    (status, attention)
}

/// Each checklist item's state. `info` holds the values typed for information items.
pub(crate) fn item_states(
    pack: &rules::Pack,
    lang: rules::Language,
    checklist: &Checklist,
    rows: &[AttachmentRow],
    letters: &HashSet<String>,
    info: &Value,
    recognised: &std::collections::HashMap<String, crate::letter_scans::Recognised>,
) -> Result<Vec<ItemState>> {
    checklist
        .items
        .iter()
        .map(|item| {
            let files: Vec<AttachmentView> = rows
                .iter()
                .filter(|r| r.item_id == item.id)
                .map(|r| view(r, letters, &pack.pack, lang, recognised.get(&r.id)))
                .collect::<Result<_>>()?;
            let flags: Vec<FileFlags> = files.iter().map(FileFlags::from).collect();
            let (status, attention) = judge(pack, item, &flags, info, lang);
            Ok(ItemState { item: item.id.clone(), status, files, attention, fields: crate::info::fields(pack, &item.id, lang), attachable: attachable(item.kind) })
        })
        .collect()
}

/// Flags of a file as the case list reads it (no thumbnail, no view).
pub(crate) fn flags(f: &store::MaterialFile, letters: &HashSet<&str>, recognised: Option<&crate::letter_scans::Recognised>) -> Result<FileFlags> {
    let generated_letter = letters.contains(f.current.as_str());
    // As `view` does: the unsigned letter keeps its own warning, not the scan findings.
    let from_letter = recognised.filter(|_| !generated_letter).map(|r| crate::checks::letter_findings(r, 1)).unwrap_or_default();
    Ok(FileFlags {
        missing: f.missing,
        redacted: crate::redaction::is_redacted(&crate::redaction::history(&f.id, &f.kept_fixes, &crate::facts::fixes(&f.fixes, &f.id)?)?),
        generated_letter,
        checks: crate::checks::findings(&f.checks, &from_letter, &f.dismissed).len() as u32,
    })
}

/// Hashes of the letters Appeal Kit saved for this case, to tell them from signed scans.
pub(crate) fn generated_letters(events: &[crate::EventView]) -> HashSet<String> {
    events.iter().filter(|e| e.kind == store::EventKind::Letter).filter_map(|e| e.detail.get("sha256")?.as_str().map(String::from)).collect()
}

/// Files attach to documents and letters; information items are typed, steps are done.
pub(crate) fn attachable(kind: ItemKind) -> bool {
    matches!(kind, ItemKind::Document | ItemKind::Letter)
}

