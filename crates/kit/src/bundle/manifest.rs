//! The bundle's `manifest.json` (CONTRACTS.md section 6): the case, the rules, the answers,
//! and every item with its status, files (path, hash, size, type, what export did to them) and
//! values. Export writes it last; import checks a bundle against it.

use documents::fixes::Rect;
use rules::{ItemKind, Requirement};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::Gap;
use crate::{CaseView, ItemStatus};

pub const FORMAT: &str = "appeal-kit-bundle/1";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct ManifestFile {
    pub(super) path: String,
    pub(super) sha256: String,
    pub(super) bytes: u64,
    pub(super) media_type: String,
    /// The name the file had when it was attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) original_name: Option<String>,
    /// Parts were hidden (burnt in) before export, so the importer need not ask again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(super) redacted: bool,
    /// The boxes hidden, as fractions of the picture: the importer checks they are black
    /// before it believes `redacted`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) hidden: Vec<Rect>,
    /// What export did to an attached file (`documents::clean::Cleaning`), e.g.
    /// `["metadata_removed", "turned_lossless"]`; absent for files the app wrote itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) cleaned: Option<Vec<String>>,
    /// What the checks found that may get the file rejected, `[{"id", "message"}]`, dismissed
    /// ones left out; absent for files the app wrote itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) checks: Option<Vec<crate::checks::CheckView>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct ManifestItem {
    pub(super) id: String,
    pub(super) kind: ItemKind,
    pub(super) requirement: Requirement,
    pub(super) status: String,
    pub(super) title: String,
    pub(super) files: Vec<ManifestFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) values: Option<Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Manifest {
    pub(super) format: String,
    pub(super) case: Value,
    pub(super) rules: Value,
    pub(super) answers: Value,
    #[serde(default)]
    pub(super) profile: Value,
    pub(super) checklist_status: String,
    pub(super) complete: bool,
    pub(super) missing: Vec<String>,
    pub(super) items: Vec<ManifestItem>,
    /// The cover sheet and the ticket text.
    pub(super) documents: Vec<ManifestFile>,
}

/// The folder of the `n`th checklist item in the bundle: numbered in checklist order.
pub(super) fn folder(view: &CaseView, n: usize) -> String {
    format!("{:02}-{}", n + 1, view.checklist.items[n].id)
}

/// A file Appeal Kit wrote itself (values, cover sheet, ticket text).
pub(super) fn file(path: String, bytes: &[u8], media_type: &str) -> ManifestFile {
    ManifestFile {
        path,
        sha256: store::files::sha256_hex(bytes),
        bytes: bytes.len() as u64,
        media_type: media_type.into(),
        original_name: None,
        redacted: false,
        hidden: Vec::new(),
        cleaned: None,
        checks: None,
    }
}

/// Every checklist item with its status and files (`files[n]`, the attached files of item `n`
/// as exported), an information item's values added as `values.txt`, written with `write`.
pub(super) fn items(view: &CaseView, files: Vec<Vec<ManifestFile>>, mut write: impl FnMut(&str, &[u8]) -> std::io::Result<()>) -> std::io::Result<Vec<ManifestItem>> {
    let mut items = Vec::new();
    for (n, ((item, state), mut files)) in view.checklist.items.iter().zip(&view.items).zip(files).enumerate() {
        let values = (item.kind == ItemKind::Information).then(|| view.info.get(&item.id).cloned().unwrap_or(json!({})));
        if let Some(Value::Object(v)) = &values {
            if !v.is_empty() {
                let text: String = v.iter().map(|(k, v)| format!("{k}: {}\n", v.as_str().unwrap_or_default())).collect();
                let path = format!("{}/values.txt", folder(view, n));
                write(&path, text.as_bytes())?;
                files.push(file(path, text.as_bytes(), "text/plain"));
            }
        }
        let status = match state.status {
            ItemStatus::Provided => "provided",
            ItemStatus::NotApplicable => "not_applicable",
            _ => "missing",
        };
        items.push(ManifestItem { id: item.id.clone(), kind: item.kind, requirement: item.requirement, status: status.into(), title: item.title.clone(), files, values });
    }
    Ok(items)
}

impl Manifest {
    /// The manifest of the case in `view`, lacking `missing`, with `items`; its `documents`
    /// are added as they are written.
    pub(super) fn new(view: &CaseView, missing: &[Gap], items: Vec<ManifestItem>) -> Manifest {
        let s = &view.summary;
        Manifest {
            format: FORMAT.into(),
            case: json!({ "id": s.id, "title": s.title, "provider": s.provider }),
            rules: serde_json::to_value(&view.checklist.rules).unwrap_or_default(),
            answers: view.answers.clone(),
            profile: serde_json::to_value(&view.profile).unwrap_or_default(),
            checklist_status: serde_json::to_value(view.checklist.status).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
            complete: missing.is_empty(),
            missing: missing.iter().map(|g| g.item.clone().unwrap_or_else(|| "checklist".into())).collect(),
            items,
            documents: Vec::new(),
        }
    }
}
