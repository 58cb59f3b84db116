//! Values typed for information items (CONTRACTS.md section 2, kind `information`): the fields
//! each item has come from its rule pack (label, check, profile default); here they are checked
//! and merged.

use store::EventKind;
use rules::{Language, Pack, identifiers};
use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use rules::Answers;
use serde_json::json;

use crate::views::CaseView;
use crate::{ItemStatus, Kit, KitError, Result, case_pack};

pub use rules::pack::Check;

#[derive(Debug, Clone, Serialize, TS)]
pub struct InfoField {
    pub id: String,
    /// What to type, in the kit's language.
    pub label: String,
    pub required: bool,
    pub check: Check,
    /// The profile field whose value fills this one in until the user types another.
    pub from_profile: Option<String>,
    pub multiline: bool,
}

/// The fields of an information item, from its rule pack; empty for any other item.
pub fn fields(pack: &Pack, item: &str, lang: Language) -> Vec<InfoField> {
    pack.item(item)
        .map(|def| {
            def.fields
                .iter()
                .map(|f| InfoField {
                    id: f.id.clone(),
                    label: f.label.get(lang).to_string(),
                    required: f.required,
                    check: f.check,
                    from_profile: f.from_profile.clone(),
                    multiline: f.multiline,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// An item is provided once saved with every required field filled.
pub fn status(pack: &Pack, item: &str, saved: Option<&Value>) -> ItemStatus {
    let Some(saved) = saved else { return ItemStatus::Missing };
    let filled = |id: &str| saved.get(id).and_then(Value::as_str).is_some_and(|s| !s.trim().is_empty());
    if fields(pack, item, Language::En).iter().all(|f| !f.required || filled(&f.id)) { ItemStatus::Provided } else { ItemStatus::Missing }
}

/// Checks values for an item and merges them over what was saved (`null` clears a field).
pub fn merged(pack: &Pack, item: &str, saved: Option<&Value>, values: &Value) -> Result<Value> {
    let fields = fields(pack, item, Language::En);
    if fields.is_empty() {
        return Err(KitError::field("item", crate::tr!("`{item}` is not an information item; attach files to it instead", "`{item}` 不是信息项；请为它附加文件")));
    }
    let values = values.as_object().ok_or_else(|| KitError::field("values", crate::tr!("give the values as a JSON object keyed by field", "请以字段为键的 JSON 对象给出这些值")))?;
    let mut out: Map<String, Value> = saved.and_then(Value::as_object).cloned().unwrap_or_default();
    for (key, value) in values {
        let field = fields.iter().find(|f| &f.id == key).ok_or_else(|| {
            let ids: Vec<&str> = fields.iter().map(|f| f.id.as_str()).collect();
            KitError::field(key, crate::tr!("`{item}` has no field `{key}`; its fields are {}", "`{item}` 没有字段 `{key}`；它的字段是 {}", ids.join(", ")))
        })?;
        match value {
            Value::Null => {
                out.remove(key);
            }
            Value::String(s) => {
                let s = if field.multiline {
                    crate::text::multi_line(key, s, crate::text::MAX_TEXT)?
                } else {
                    crate::text::one_line(key, s, crate::text::MAX_LINE)?
                };
                let s = s.as_str();
                let checked = match field.check {
                    _ if s.is_empty() => Ok(()),
                    Check::Text => Ok(()),
                    Check::Phone => identifiers::phone(s),
                    Check::Email => identifiers::email(s),
                    Check::ResidentId => identifiers::resident_id(s),
                };
                checked.map_err(|e| KitError::field(key, e.text()))?;
                out.insert(key.clone(), Value::String(if field.check == Check::ResidentId { s.to_uppercase() } else { s.to_string() }));
            }
            _ => return Err(KitError::field(key, crate::tr!("give the value as text", "请以文字给出这个值"))),
        }
    }
    Ok(Value::Object(out))
}

impl Kit {
    /// Saves values for an information item on the case's checklist (merged; `null` clears),
    /// reading and merging inside the write transaction.
    pub fn set_info(&mut self, id: &str, item: &str, values: &Value) -> Result<CaseView> {
        let row = self.store.update(id, EventKind::Info, |row| {
            let pack = case_pack(row)?;
            let checklist = rules::evaluate(pack, &Answers::kept(pack, &row.answers));
            if !checklist.items.iter().any(|i| i.id == item) {
                return Err(KitError::field("item", crate::tr!("`{item}` is not on this case's checklist", "`{item}` 不在本案件的清单上")));
            }
            let merged = merged(pack, item, row.info.get(item), values)?;
            let mut all = row.info.as_object().cloned().unwrap_or_default();
            all.insert(item.to_string(), merged);
            let fields: Vec<&String> = values.as_object().map(|m| m.keys().collect()).unwrap_or_default();
            Ok((store::CaseUpdate::Info(Value::Object(all)), json!({ "item": item, "fields": fields })))
        })?;
        self.view(row)
    }
}
