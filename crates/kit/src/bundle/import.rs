//! A bundle opened as a new case: everything checked first (the zip's paths and sizes, the
//! manifest, every hash, every file), so a refused bundle writes nothing anywhere.

use std::collections::HashSet;
use std::path::Path;

use rules::{Answers, ItemKind};
use serde_json::{Value, json};
use store::{NewAttachment, NewCase};

use super::manifest::{FORMAT, Manifest, ManifestFile};
use crate::attachments::prepare_bytes;
use crate::{CaseView, Kit, KitError, Profile, Result};

/// A manifest lists files and answers: thousands of files fit in a few hundred kilobytes.
const MAX_MANIFEST_BYTES: u64 = 4 << 20;

impl Kit {
    /// Opens a bundle as a new case. Everything is checked first (the zip's paths and sizes,
    /// the manifest, every hash, every file); a refused bundle writes nothing anywhere.
    pub fn import(&mut self, path: &Path) -> Result<CaseView> {
        let checked = check_bundle(path)?;
        self.import_checked(checked)
    }

    /// Stores a bundle `check_bundle` accepted as a new case, all of it or nothing.
    pub fn import_checked(&mut self, b: CheckedBundle) -> Result<CaseView> {
        let new = NewCase {
            provider: &b.provider,
            title: &b.title,
            answers: &b.answers,
            profile: &b.profile,
            rules_version: &b.rules_version,
            checklist_status: b.checklist_status,
        };
        let row = self.store.import_case(new, &b.info, &b.files, &b.detail)?;
        self.view(row)
    }
}

/// A bundle read and checked whole, ready to store (`Kit::import_checked`).
pub struct CheckedBundle {
    provider: String,
    title: String,
    answers: Value,
    profile: Value,
    rules_version: String,
    checklist_status: &'static str,
    info: Value,
    files: Vec<(String, NewAttachment)>,
    detail: Value,
}

/// Reads and checks a bundle without the store: the zip's paths and sizes, the manifest,
/// every hash, every file. The slow part of an import, run while the desktop app answers.
pub fn check_bundle(path: &Path) -> Result<CheckedBundle> {
    {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let refuse = |reason: crate::error::Text| KitError::Refused { name: name.clone(), reason };
        let file = std::fs::File::open(path).map_err(|e| {
            let why = crate::error::io_reason(&e);
            refuse(crate::error::lead("cannot be read: ", "无法读取：", &why))
        })?;
        // The directory is checked whole before anything is inflated; then the manifest
        // (capped), then each file, one at a time, when it is needed.
        let mut zip = documents::bundle::BundleReader::open(std::io::BufReader::new(file)).map_err(|e| refuse(crate::error_text::bundle(&e)))?;
        if zip.size("manifest.json").is_none() {
            return Err(refuse(crate::tr!("not an Appeal Kit bundle: it has no manifest.json", "不是 Appeal Kit 材料包：其中没有 manifest.json")));
        }
        let manifest_bytes = zip.read("manifest.json", MAX_MANIFEST_BYTES).map_err(|e| refuse(crate::error_text::bundle(&e)))?;
        let manifest: Manifest = serde_json::from_slice(&manifest_bytes).map_err(|e| refuse(crate::tr!("its manifest.json is not valid: {e}", "其中的 manifest.json 无效：{e}")))?;
        if manifest.format != FORMAT {
            return Err(refuse(crate::tr!("bundle format `{}` is not one this version reads ({FORMAT})", "此版本无法读取材料包格式 `{}`（可读取：{FORMAT}）", manifest.format)));
        }
        let provider = manifest.case.get("provider").and_then(Value::as_str).unwrap_or_default();
        let pack = rules::pack(provider).map_err(|e| refuse(crate::error_text::rules(&e)))?;
        let answers = Answers::from_json(pack, &manifest.answers).map_err(|e| {
            let why = KitError::from(e).text();
            refuse(crate::error::lead("its answers do not fit the rules: ", "其中的回答不符合规则：", &why))
        })?;
        let title = manifest.case.get("title").and_then(Value::as_str).unwrap_or("Imported case");
        let title = crate::cases::clean_title(title).map_err(|e| refuse(e.text()))?;
        let profile = Profile::default().merged(&strip_nulls(&manifest.profile)).map_err(|e| {
            let why = e.text();
            refuse(crate::error::lead("its profile: ", "其中的案件资料：", &why))
        })?;
        let checklist = rules::evaluate(pack, &answers);

        // Every entry is the manifest or a file the manifest lists, with the size it lists:
        // checked on the directory alone, before any file is inflated.
        let mut listed: HashSet<&str> = HashSet::from(["manifest.json"]);
        let all_files = manifest.items.iter().flat_map(|i| i.files.iter()).chain(&manifest.documents);
        for f in all_files {
            let size = zip.size(&f.path).ok_or_else(|| refuse(crate::tr!("`{}` is listed but not in the zip", "`{}` 列在清单中，但不在 zip 里", f.path)))?;
            if size != f.bytes {
                return Err(refuse(crate::tr!("`{}` does not match its hash in the manifest: changed or damaged", "`{}` 与 manifest 中的哈希值不符：已被更改或损坏", f.path)));
            }
            if !listed.insert(&f.path) {
                return Err(refuse(crate::tr!("`{}` is listed twice", "`{}` 列出了两次", f.path)));
            }
        }
        if let Some(extra) = zip.names().find(|p| !listed.contains(p)) {
            return Err(refuse(crate::tr!("`{extra}` is in the zip but not in the manifest", "`{extra}` 在 zip 里，但不在 manifest 中")));
        }
        // Each file inflated when needed, capped at its listed size, and its hash checked.
        let mut read = |f: &ManifestFile| -> Result<Vec<u8>> {
            let bytes = zip.read(&f.path, f.bytes).map_err(|e| refuse(crate::error_text::bundle(&e)))?;
            if store::files::sha256_hex(&bytes) != f.sha256 {
                return Err(refuse(crate::tr!("`{}` does not match its hash in the manifest: changed or damaged", "`{}` 与 manifest 中的哈希值不符：已被更改或损坏", f.path)));
            }
            Ok(bytes)
        };
        for f in &manifest.documents {
            read(f)?;
        }

        let mut info = serde_json::Map::new();
        let mut files = Vec::new();
        for item in &manifest.items {
            let Some(def) = checklist.items.iter().find(|i| i.id == item.id) else {
                return Err(refuse(crate::tr!("item `{}` is not on the checklist for these answers", "项目 `{}` 不在这些回答对应的清单上", item.id)));
            };
            if def.kind == ItemKind::Information {
                for f in &item.files {
                    read(f)?;
                }
                if let Some(values) = &item.values {
                    info.insert(item.id.clone(), crate::info::merged(pack, &item.id, None, values).map_err(|e| {
                        let why = e.text();
                        refuse(crate::error::lead(format!("`{}`: ", item.id), format!("`{}`：", item.id), &why))
                    })?);
                }
                continue;
            }
            for f in &item.files {
                let bytes = read(f)?;
                let original = f.original_name.clone().unwrap_or_else(|| f.path.rsplit('/').next().unwrap_or_default().to_string());
                let prepared = prepare_bytes(&original, bytes).map_err(|r| refuse(crate::error::lead(format!("`{}`: ", f.path), format!("`{}`：", f.path), &r.text)))?;
                // A claim of hidden areas counts only if every box is black in the picture.
                let kept = if f.redacted { crate::redaction::verified(&prepared.bytes, &f.hidden) } else { None };
                let mut new = prepared.into_new_attachment();
                if let Some(rects) = kept {
                    new.kept_fixes = serde_json::to_value([documents::fixes::Fix::Redact { rects }]).unwrap_or_default();
                }
                files.push((item.id.clone(), new));
            }
        }
        // The timeline keeps a short, clean summary of where the case came from.
        let from_case = manifest.case.get("id").and_then(Value::as_str).and_then(|id| crate::text::one_line("id", id, 64).ok());
        Ok(CheckedBundle {
            provider: provider.to_string(),
            title,
            answers: answers.to_json(),
            profile: serde_json::to_value(&profile).unwrap_or_default(),
            rules_version: pack.version.clone(),
            checklist_status: checklist.status.as_str(),
            info: Value::Object(info),
            files,
            detail: json!({ "file": crate::text::file_name(&name), "from_case": from_case }),
        })
    }
}

fn strip_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.clone())).collect()),
        _ => json!({}),
    }
}
