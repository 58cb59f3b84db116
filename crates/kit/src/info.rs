//! Values typed for information items (CONTRACTS.md section 2, kind `information`): which fields
//! each item has, how they are checked, and which profile field fills them in by default.

use rules::identifiers;
use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::{ItemStatus, KitError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    Text,
    Phone,
    Email,
    ResidentId,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct InfoField {
    pub id: &'static str,
    pub required: bool,
    pub check: Check,
    /// The profile field whose value fills this one in until the user types another.
    pub from_profile: Option<&'static str>,
    pub multiline: bool,
}

const fn f(id: &'static str, required: bool, check: Check, from_profile: Option<&'static str>) -> InfoField {
    InfoField { id, required, check, from_profile, multiline: false }
}

const ADDRESS: [InfoField; 5] = [
    f("address_line", true, Check::Text, None),
    f("city", true, Check::Text, None),
    f("province_region", true, Check::Text, None),
    f("postal_code", false, Check::Text, None),
    f("country_region", true, Check::Text, None),
];

/// The fields of an information item; empty for any other item.
pub fn fields(item: &str) -> Vec<InfoField> {
    use Check::*;
    match item {
        "mobile_number" => vec![f("mobile_number", true, Phone, Some("contact_phone"))],
        "email_address" => vec![f("email", true, Email, Some("contact_email"))],
        "name_and_contact_address" => [vec![f("name", true, Text, Some("holder_name"))], ADDRESS.to_vec()].concat(),
        "enterprise_name_and_contact_address" => [vec![f("enterprise_name", true, Text, Some("holder_name"))], ADDRESS.to_vec()].concat(),
        // "Empty if none": both may stay empty once the user has saved the item.
        "latest_cloud_service" => vec![f("service_name", false, Text, None), f("enabled_on", false, Text, None)],
        "bank_account_details" => vec![f("account_name", true, Text, Some("holder_name")), f("account_number", true, Text, None)],
        "operator_identity" => vec![f("id_number", true, ResidentId, Some("agent_id_number"))],
        "supplementary_explanation" => vec![InfoField { multiline: true, ..f("explanation", true, Text, Some("reason")) }],
        _ => vec![],
    }
}

/// An item is provided once saved with every required field filled.
pub fn status(item: &str, saved: Option<&Value>) -> ItemStatus {
    let Some(saved) = saved else { return ItemStatus::Missing };
    let filled = |id: &str| saved.get(id).and_then(Value::as_str).is_some_and(|s| !s.trim().is_empty());
    if fields(item).iter().all(|f| !f.required || filled(f.id)) { ItemStatus::Provided } else { ItemStatus::Missing }
}

/// Checks values for an item and merges them over what was saved (`null` clears a field).
pub fn merged(item: &str, saved: Option<&Value>, values: &Value) -> Result<Value> {
    let fields = fields(item);
    if fields.is_empty() {
        return Err(KitError::field("item", format!("`{item}` is not an information item; attach files to it instead")));
    }
    let values = values.as_object().ok_or_else(|| KitError::field("values", "give the values as a JSON object keyed by field"))?;
    let mut out: Map<String, Value> = saved.and_then(Value::as_object).cloned().unwrap_or_default();
    for (key, value) in values {
        let field = fields.iter().find(|f| f.id == key).ok_or_else(|| {
            let ids: Vec<&str> = fields.iter().map(|f| f.id).collect();
            KitError::field(key, format!("`{item}` has no field `{key}`; its fields are {}", ids.join(", ")))
        })?;
        match value {
            Value::Null => {
                out.remove(key);
            }
            Value::String(s) => {
                let s = s.trim();
                if s.chars().count() > 2000 {
                    return Err(KitError::field(key, "keep it under 2000 characters"));
                }
                let checked = match field.check {
                    _ if s.is_empty() => Ok(()),
                    Check::Text => Ok(()),
                    Check::Phone => identifiers::phone(s),
                    Check::Email => identifiers::email(s),
                    Check::ResidentId => identifiers::resident_id(s),
                };
                checked.map_err(|e| KitError::field(key, e.to_string()))?;
                out.insert(key.clone(), Value::String(if field.check == Check::ResidentId { s.to_uppercase() } else { s.to_string() }));
            }
            _ => return Err(KitError::field(key, "give the value as text")),
        }
    }
    Ok(Value::Object(out))
}
