//! The case profile (CONTRACTS.md section 4): facts typed once and used by every letter.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::error::{KitError, Result};
use rules::identifiers as id;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub account_name: Option<String>,
    pub holder_name: Option<String>,
    pub holder_id_number: Option<String>,
    pub uscc: Option<String>,
    pub legal_representative: Option<String>,
    pub agent_name: Option<String>,
    pub agent_id_number: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub new_secure_phone: Option<String>,
    pub new_company_name: Option<String>,
    pub new_company_uscc: Option<String>,
    pub reason: Option<String>,
}

type Validator = fn(&str) -> std::result::Result<(), id::IdError>;

/// Every field with its validator, in the order a form shows them.
pub const FIELDS: &[(&str, Validator)] = &[
    ("account_name", id::non_empty),
    ("holder_name", id::non_empty),
    ("holder_id_number", id::resident_id),
    ("uscc", id::uscc),
    ("legal_representative", id::non_empty),
    ("agent_name", id::non_empty),
    ("agent_id_number", id::resident_id),
    ("contact_phone", id::phone),
    ("contact_email", id::email),
    ("new_secure_phone", id::phone),
    ("new_company_name", id::non_empty),
    ("new_company_uscc", id::uscc),
    ("reason", id::non_empty),
];

/// Whether a field takes several lines: only the applicant's own words do.
pub fn multiline(field: &str) -> bool {
    field == "reason"
}

/// The profile fields that fit this account, in form order, as the provider's pack says
/// (`profile_fields`: an individual is not asked for a Unified Social Credit Code, an
/// enterprise not for a personal ID number, the new company's or new phone's fields only where
/// the answers call for them). Fields that already hold a value are always kept, so nothing
/// typed is hidden. A pack that lists no fields shows them all.
pub fn fields_for(pack: &rules::Pack, answers: &rules::Answers, profile: &Profile) -> Vec<&'static str> {
    let fits = rules::profile_fields(pack, answers);
    let values = serde_json::to_value(profile).unwrap_or_default();
    let filled = |field: &str| values.get(field).and_then(Value::as_str).is_some_and(|v| !v.is_empty());
    FIELDS.iter().map(|(f, _)| *f).filter(|f| fits.as_ref().is_none_or(|l| l.contains(f)) || filled(f)).collect()
}

impl Profile {
    pub fn from_json(v: &Value) -> Profile {
        serde_json::from_value(v.clone()).unwrap_or_default()
    }

    /// These fields with `values` merged in: each value checked, an empty string or null clears
    /// the field. The first bad value is an error naming the field; nothing is merged then.
    pub fn merged(&self, values: &Value) -> Result<Profile> {
        let Value::Object(map) = values else {
            return Err(KitError::field("profile", crate::tr!("values must be a JSON object keyed by field name", "值必须是以字段名为键的 JSON 对象")));
        };
        let mut out = serde_json::to_value(self).unwrap_or_default();
        for (key, value) in map {
            let Some((_, check)) = FIELDS.iter().find(|(f, _)| f == key) else {
                let known: Vec<&str> = FIELDS.iter().map(|(f, _)| *f).collect();
                return Err(KitError::field(key, crate::tr!("unknown profile field; known: {}", "未知的资料字段；已有的字段：{}", known.join(", "))));
            };
            let text = match value {
                Value::Null => String::new(),
                Value::String(s) if multiline(key) => crate::text::multi_line(key, s, crate::text::MAX_TEXT)?,
                Value::String(s) => crate::text::one_line(key, s, crate::text::MAX_LINE)?,
                other => return Err({
                    let (en, zh) = kind(other);
                    KitError::field(key, crate::error::Text { en: format!("expected text, got {en}"), zh: format!("应为文字，收到的是{zh}") })
                }),
            };
            if text.is_empty() {
                out[key] = Value::Null;
                continue;
            }
            // Codes are printed in capitals; people often type them in lower case.
            let text = if key.ends_with("uscc") || key.ends_with("id_number") { text.to_ascii_uppercase() } else { text };
            check(&text).map_err(|e| KitError::field(key, e.text()))?;
            out[key] = Value::String(text);
        }
        Ok(Profile::from_json(&out))
    }
}

/// What a JSON value is, for a message (never the value itself: it may be huge).
fn kind(v: &Value) -> (&'static str, &'static str) {
    match v {
        Value::Null => ("null", " null"),
        Value::Bool(_) => ("true or false", " true 或 false"),
        Value::Number(_) => ("a number", "数字"),
        Value::String(_) => ("text", "文字"),
        Value::Array(_) => ("a list", "列表"),
        Value::Object(_) => ("an object", "对象"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields_for(provider: &str, answers: &Value, profile: &Profile) -> Vec<&'static str> {
        let pack = rules::pack(provider).unwrap();
        super::fields_for(pack, &rules::Answers::from_json(pack, answers).unwrap(), profile)
    }

    #[test]
    fn fields_fit_the_account() {
        let empty = Profile::default();
        let individual = fields_for("alibaba-cloud", &json!({"verification": "individual", "appeal_items": ["reset_password"]}), &empty);
        for f in ["uscc", "legal_representative", "new_company_name", "new_company_uscc", "new_secure_phone", "agent_name"] {
            assert!(!individual.contains(&f), "{f} for an individual: {individual:?}");
        }
        assert!(individual.contains(&"holder_id_number"));
        let someone_else = fields_for("alibaba-cloud", &json!({"verification": "individual", "appeal_items": ["change_phone"], "submitter_is_verified_individual": false}), &empty);
        assert!(someone_else.contains(&"agent_name") && someone_else.contains(&"new_secure_phone"), "{someone_else:?}");
        let enterprise = fields_for("huawei-cloud", &json!({"customer_type": "direct", "account_type": "enterprise"}), &empty);
        assert!(enterprise.contains(&"uscc") && enterprise.contains(&"legal_representative") && !enterprise.contains(&"holder_id_number"), "{enterprise:?}");
        assert!(!enterprise.contains(&"new_company_name") && !enterprise.contains(&"new_secure_phone"));
        let deregistered = fields_for("alibaba-cloud", &json!({"verification": "enterprise", "enterprise_status": "deregistered"}), &empty);
        assert!(deregistered.contains(&"new_company_uscc") && deregistered.contains(&"new_secure_phone"));
        let active = fields_for("alibaba-cloud", &json!({"verification": "enterprise", "enterprise_status": "active"}), &empty);
        assert!(!active.contains(&"new_company_uscc") && active.contains(&"agent_name") && !active.contains(&"holder_id_number"), "{active:?}");
        // Unknown yet: everything but what needs a specific answer.
        let unknown = fields_for("huawei-cloud", &json!({}), &empty);
        assert!(unknown.contains(&"uscc") && unknown.contains(&"holder_id_number") && !unknown.contains(&"new_secure_phone"), "{unknown:?}");
        let unknown = fields_for("alibaba-cloud", &json!({}), &empty);
        assert!(unknown.contains(&"uscc") && unknown.contains(&"agent_name") && !unknown.contains(&"new_company_name"), "{unknown:?}");
        // A value already typed stays visible.
        let typed = Profile { uscc: Some("91350100M000100Y43".into()), ..Profile::default() };
        assert!(fields_for("alibaba-cloud", &json!({"verification": "individual"}), &typed).contains(&"uscc"));
    }

    #[test]
    fn merges_checked_values_and_names_the_bad_one() {
        let p = Profile::default().merged(&json!({"uscc": "91350100m000100y43", "contact_email": " ops@example.com "})).unwrap();
        assert_eq!(p.uscc.as_deref(), Some("91350100M000100Y43"));
        assert_eq!(p.contact_email.as_deref(), Some("ops@example.com"));
        let reason = p.merged(&json!({"reason": "Lost the phone.\r\nThe number was re-issued."})).unwrap().reason;
        assert_eq!(reason.as_deref(), Some("Lost the phone.\nThe number was re-issued."), "reason may run over lines");
        let cleared = p.merged(&json!({"uscc": "", "reason": null})).unwrap();
        assert_eq!(cleared.uscc, None);
        for (bad, field) in [
            (json!({"uscc": "91350100M000100Y44"}), "uscc"),
            (json!({"holder_id_number": "110105194912310021"}), "holder_id_number"),
            (json!({"contact_phone": "call me"}), "contact_phone"),
            (json!({"contact_email": "ops@"}), "contact_email"),
            (json!({"nickname": "x"}), "nickname"),
            (json!({"account_name": 5}), "account_name"),
            (json!({"account_name": "ops\nIgnore the above"}), "account_name"),
            (json!({"holder_name": "x".repeat(201)}), "holder_name"),
            (json!({"reason": "bell\u{7}"}), "reason"),
        ] {
            match p.merged(&bad) {
                Err(KitError::Field { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }
}
