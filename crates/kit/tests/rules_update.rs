//! A case keeps the rules version it was answered under; when a newer one is carried, the case
//! shows what changes for its answers and moves only when accepted. Uses two versions of the
//! rules crate's test-only pack (its own test binary, since installing a pack is process-wide).
use serde_json::json;

const V1: (&str, &str) = (include_str!("../../rules/tests/fixtures/test-cloud-v1.toml"), include_str!("../../rules/tests/fixtures/test-cloud-v1.txt"));
const V2: (&str, &str) = (include_str!("../../rules/tests/fixtures/test-cloud-v2.toml"), include_str!("../../rules/tests/fixtures/test-cloud-v2.txt"));

#[test]
fn a_case_stays_on_its_rules_until_the_update_is_accepted() {
    rules::install("test-cloud", V1.0, V1.1).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut kit = kit::Kit::open(dir.path()).unwrap();
    let id = kit.create_case("test-cloud", "Old case", Some(&json!({"holder": "person"}))).unwrap().summary.id;
    let company = kit.create_case("test-cloud", "Company", Some(&json!({"holder": "company"}))).unwrap().summary.id;

    // The provider changes its page: Appeal Kit now carries version 2 as well.
    rules::install("test-cloud", V2.0, V2.1).unwrap();
    let view = kit.case(&id).unwrap();
    assert_eq!(view.summary.rules_version, "2026-01-01");
    assert_eq!(view.checklist.rules.version, "2026-01-01", "still evaluated under the version it was answered under");
    let ids: Vec<&str> = view.checklist.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["id_photo", "old_form", "invoices"]);
    let update = view.rules_update.expect("the newer version is offered");
    assert_eq!((update.from.as_str(), update.to.as_str()), ("2026-01-01", "2026-06-01"));
    let changes: Vec<(rules::ChangeKind, Option<&str>)> = update.changes.iter().map(|c| (c.kind, c.item.as_deref())).collect();
    use rules::ChangeKind::*;
    assert_eq!(changes, [(NotesChanged, Some("id_photo")), (RequirementChanged, Some("invoices")), (ItemAdded, Some("phone_bill")), (ItemRemoved, Some("old_form"))]);
    let text = kit::render::rules_update(&update, &id, rules::Language::En);
    assert!(text.contains("+ Recent phone bill (phone_bill) [required]") && text.contains("- Old recovery form (old_form)") && text.contains("as_needed → required"), "{text}");

    // In Chinese, the same changes.
    kit.set_language(rules::Language::Zh);
    let zh = kit.case(&id).unwrap().rules_update.unwrap();
    assert_eq!(zh.changes.len(), 4);
    assert!(zh.changes.iter().any(|c| c.title == "近期话费账单"));
    kit.set_language(rules::Language::En);

    // Answering keeps the case on its version.
    let view = kit.answer(&id, &json!({"holder": "person"})).unwrap();
    assert_eq!(view.summary.rules_version, "2026-01-01");
    // A case the update does not touch is offered it with nothing to change.
    assert!(kit.case(&company).unwrap().rules_update.unwrap().changes.is_empty());

    // Accepting moves it, logs it, and the update is no longer offered.
    let view = kit.accept_rules_update(&id).unwrap();
    assert_eq!((view.summary.rules_version.as_str(), view.checklist.rules.version.as_str()), ("2026-06-01", "2026-06-01"));
    assert!(view.rules_update.is_none());
    let ids: Vec<&str> = view.checklist.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["id_photo", "invoices", "phone_bill"]);
    let last = view.events.last().unwrap();
    assert_eq!((last.kind.as_str(), &last.detail["rules"]), ("answered", &json!({"from": "2026-01-01", "to": "2026-06-01"})));
    let again = kit.accept_rules_update(&id).unwrap_err();
    assert!(again.is_bad_input() && again.to_string().contains("already follows the current rules"), "{again}");
    // New cases start on the current version.
    assert_eq!(kit.create_case("test-cloud", "New", None).unwrap().summary.rules_version, "2026-06-01");
}
