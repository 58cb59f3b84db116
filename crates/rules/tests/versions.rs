//! Two versions of a test pack: what the newer one changes for a case's answers, and the
//! registry that keeps both (the older for cases still on it, the newer as current).
use rules::{ChangeKind, Language, Pack};
use serde_json::json;

const V1: (&str, &str) = (include_str!("fixtures/test-cloud-v1.toml"), include_str!("fixtures/test-cloud-v1.txt"));
const V2: (&str, &str) = (include_str!("fixtures/test-cloud-v2.toml"), include_str!("fixtures/test-cloud-v2.txt"));

fn kinds(u: &rules::RulesUpdate) -> Vec<(ChangeKind, Option<&str>)> {
    u.changes.iter().map(|c| (c.kind, c.item.as_deref())).collect()
}

#[test]
fn the_diff_lists_what_changes_for_these_answers() {
    let v1 = Pack::parse("test-cloud", V1.0, V1.1).unwrap();
    let v2 = Pack::parse("test-cloud", V2.0, V2.1).unwrap();
    let person = rules::changes(&v1, &v2, &json!({"holder": "person"}), Language::En);
    assert_eq!((person.from.as_str(), person.to.as_str()), ("2026-01-01", "2026-06-01"));
    assert_eq!(kinds(&person), [
        (ChangeKind::NotesChanged, Some("id_photo")),
        (ChangeKind::RequirementChanged, Some("invoices")),
        (ChangeKind::ItemAdded, Some("phone_bill")),
        (ChangeKind::ItemRemoved, Some("old_form")),
    ]);
    let invoices = &person.changes[1];
    assert_eq!((invoices.before.as_slice(), invoices.after.as_slice()), (["as_needed".to_string()].as_slice(), ["required".to_string()].as_slice()));
    assert!(person.changes[0].before[0].contains("either") && person.changes[0].after[0].contains("both"));

    // Only what concerns the case's answers: nothing changed for a company.
    assert!(rules::changes(&v1, &v2, &json!({"holder": "company"}), Language::En).changes.is_empty());
    // In Chinese, the same changes with Chinese titles.
    let zh = rules::changes(&v1, &v2, &json!({"holder": "person"}), Language::Zh);
    assert_eq!(kinds(&zh), kinds(&person));
    assert_eq!(zh.changes[2].title, "近期话费账单");
    // A status change: unanswered stays unanswered, but a retired value is reported.
    let none = rules::changes(&v1, &v2, &json!({}), Language::En);
    assert!(none.changes.is_empty());
}

#[test]
fn the_registry_keeps_every_version_and_the_last_is_current() {
    let v1 = rules::install("test-cloud", V1.0, V1.1).unwrap();
    assert_eq!(rules::pack("test-cloud").unwrap().version, "2026-01-01");
    rules::install("test-cloud", V2.0, V2.1).unwrap();
    assert_eq!(rules::pack("test-cloud").unwrap().version, "2026-06-01", "the newer version is current");
    assert!(std::ptr::eq(rules::pack_at("test-cloud", "2026-01-01").unwrap(), v1), "the older one is still there for cases on it");
    assert!(rules::pack_at("test-cloud", "2025-01-01").is_none());
    assert!(rules::providers().contains(&"test-cloud"));
    let again = rules::install("test-cloud", V1.0, V1.1).unwrap_err().to_string();
    assert!(again.contains("already loaded"), "{again}");
    // The embedded providers are unchanged.
    assert_eq!(rules::pack("huawei-cloud").unwrap().version, "2026-01-23");
}
