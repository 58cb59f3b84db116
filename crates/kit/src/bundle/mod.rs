//! The ready-to-submit bundle (CONTRACTS.md section 6): what a case still lacks (here), its
//! manifest (`manifest`) and cover sheet (`cover`), export to one deterministic zip (`export`),
//! and import of a bundle as a new case, verifying every hash (`import`).

mod cleaning;
mod cover;
mod export;
mod import;
mod manifest;
mod ready;

use rules::{ItemKind, Language, Requirement};
use serde::Serialize;
use ts_rs::TS;

use crate::{CaseView, ItemStatus};

pub use cleaning::Memo;
pub use export::{ExportJob, ExportReport};
pub use import::{CheckedBundle, check_bundle};
pub use manifest::FORMAT;
pub use ready::{MadeCopy, ReadyJob};

/// Something a required item still lacks, for the completeness check.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Gap {
    /// The item, or `None` when the checklist itself is not complete.
    pub item: Option<String>,
    pub title: String,
    pub reason: String,
}

/// What keeps the case from being complete (empty when it can be sent), said in `lang`; the
/// item titles are the view's.
pub fn gaps(view: &CaseView, lang: Language) -> Vec<Gap> {
    let tr = |en: &str, zh: &str| if lang == Language::Zh { zh.to_string() } else { en.to_string() };
    let mut out = Vec::new();
    let c = &view.checklist;
    if c.status != rules::Status::Ready {
        let reason = match c.status {
            rules::Status::Incomplete => tr("questions are still unanswered", "仍有问题未回答"),
            rules::Status::Blocked => tr("the answers show an appeal cannot succeed", "根据回答，申诉无法成功"),
            _ => tr("the provider's document does not cover this situation", "服务商的文档未涵盖这种情况"),
        };
        out.push(Gap { item: None, title: tr("Checklist", "材料清单"), reason });
    }
    for (item, state) in c.items.iter().zip(&view.items) {
        // Something attached that is not right yet holds the bundle back even on an as-needed
        // item: the reviewer would see it.
        let reason = match state.status {
            ItemStatus::NeedsAttention => state.attention.join(" "),
            _ if item.requirement != Requirement::Required => continue,
            ItemStatus::Missing if item.kind == ItemKind::Information => tr("not filled in", "尚未填写"),
            ItemStatus::Missing => tr("nothing attached", "尚未上传"),
            _ => continue,
        };
        out.push(Gap { item: Some(item.id.clone()), title: item.title.clone(), reason });
    }
    out
}
