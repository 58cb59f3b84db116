//! What the store keeps about each attached file as JSON (the facts found when it was attached,
//! its fixes, the letter codes on its pages), read back strictly: a value that does not parse is
//! damage, reported as `StoreError::Corrupt`, never a silent default that would, say, forget a
//! hidden card number on the next fix or at export.

use documents::fixes::Fix;
use documents::intake::Intake;
use documents::letter_code::PageReading;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use store::{AttachmentRow, StoreError};

use crate::Result;

/// What was learnt about a file when it was attached (about its first original).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileFacts {
    /// Upright size in pixels (images) or points (a PDF's first page).
    pub width: u32,
    pub height: u32,
    pub pages: u32,
    /// EXIF orientation (1 = upright as stored).
    pub orientation: u8,
    /// The file carries GPS coordinates. Files attached before locations were looked for lack it.
    #[serde(default)]
    pub has_location: bool,
    /// The letter codes read on its pages when it was attached to a letter item (`letter_scans`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub letter_pages: Vec<PageReading>,
}

impl FileFacts {
    pub fn new(i: &Intake, letter_pages: Vec<PageReading>) -> FileFacts {
        FileFacts { width: i.width, height: i.height, pages: i.pages.max(1), orientation: i.orientation, has_location: i.has_location, letter_pages }
    }

    pub fn of(row: &AttachmentRow) -> Result<FileFacts> {
        parse(&row.facts, &row.id, "facts")
    }

    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// A stored list of fixes (the current ones, or those kept in the original) of attachment `id`.
pub(crate) fn fixes(list: &Value, id: &str) -> Result<Vec<Fix>> {
    parse(list, id, "fixes")
}

/// The letter codes of attachment `id`, as the case list reads them (`facts.letter_pages`).
pub(crate) fn letter_pages(list: &Value, id: &str) -> Result<Vec<PageReading>> {
    parse(list, id, "letter codes")
}

fn parse<T: DeserializeOwned>(value: &Value, id: &str, what: &str) -> Result<T> {
    T::deserialize(value).map_err(|e| StoreError::Corrupt(format!("the {what} of attachment {id}: {e}")).into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn facts_round_trip_and_old_rows_without_a_location_still_read() {
        let old = json!({ "width": 3000, "height": 4000, "pages": 1, "orientation": 6 });
        let row = AttachmentRow { facts: old, ..blank() };
        let facts = FileFacts::of(&row).unwrap();
        assert_eq!((facts.width, facts.height, facts.has_location, facts.letter_pages.len()), (3000, 4000, false, 0));
        assert_eq!(FileFacts::of(&AttachmentRow { facts: facts.to_json(), ..blank() }).unwrap(), facts);
    }

    #[test]
    fn damaged_facts_and_fixes_are_errors_not_defaults() {
        let row = AttachmentRow { facts: json!({ "width": "wide" }), ..blank() };
        let e = FileFacts::of(&row).unwrap_err();
        assert!(matches!(e, crate::KitError::Store(StoreError::Corrupt(ref why)) if why.contains("facts of attachment a1")), "{e:?}");
        assert!(fixes(&json!([{ "op": "blur" }]), "a1").is_err(), "an unknown fix is not dropped");
        assert!(fixes(&json!({}), "a1").is_err());
        assert_eq!(fixes(&json!([{ "op": "rotate", "quarter_turns": 1 }]), "a1").unwrap(), vec![Fix::Rotate { quarter_turns: 1 }]);
    }

    fn blank() -> AttachmentRow {
        AttachmentRow {
            id: "a1".into(),
            case_id: "c1".into(),
            item_id: "card_front".into(),
            position: 0,
            name: "front.jpg".into(),
            original: "00".into(),
            media_type: "image/jpeg".into(),
            fixed: None,
            fixed_media_type: None,
            fixes: json!([]),
            kept_fixes: json!([]),
            facts: json!({}),
            thumbnail: vec![],
            bytes: 1,
            missing: false,
            added_at: String::new(),
            checks: json!([]),
            dismissed: json!([]),
            ready: None,
        }
    }
}
