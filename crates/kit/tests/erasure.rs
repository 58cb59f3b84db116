//! Issue 17: after an appeal is approved its documents are no longer needed. `erase_documents`
//! removes them for good and keeps the record (status, dates, ticket, timeline); the case list
//! counts the approved cases that still hold documents.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use documents::fixtures;
use kit::{AppealStatus, ErrorKind, Kit, Passphrase};
use serde_json::json;

const PASS: &str = "correct horse battery";

/// Every stored file under `files/` (not the temporary folder), by path.
fn stored(data: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![data.join("files")];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if e.path().is_dir() {
                if name != "tmp" {
                    stack.push(e.path());
                }
            } else if name != ".lock" {
                out.insert(name, std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

fn answers() -> serde_json::Value {
    json!({"customer_type": "direct", "real_name_verified": false, "account_type": "enterprise", "card_added": true, "enterprise_in_china": true})
}

/// Two cases holding the same photo, one with a photo of its own; then the passphrase put on.
fn locked_store(dir: &Path) -> (String, String, Arc<kit::Vault>) {
    let data = dir.join("data");
    let shared = dir.join("shared.jpg");
    std::fs::write(&shared, fixtures::phone_photo(800, 500, 1, false)).unwrap();
    let own = dir.join("own.jpg");
    std::fs::write(&own, fixtures::phone_photo(640, 400, 2, false)).unwrap();
    let (a, b) = {
        let mut kit = Kit::open(&data).unwrap();
        let a = kit.create_case("huawei-cloud", "Approved shop", Some(&answers())).unwrap().summary.id;
        let b = kit.create_case("huawei-cloud", "Other shop", Some(&answers())).unwrap().summary.id;
        kit.attach(&a, "card_front", &[shared.clone(), own]).unwrap();
        kit.attach(&b, "card_front", &[shared]).unwrap();
        (a, b)
    };
    Kit::encrypt_store(&data, &Passphrase::new(PASS.into())).unwrap();
    (a, b, Kit::unlock(&data, &Passphrase::new(PASS.into())).unwrap())
}

#[test]
fn an_approved_case_loses_its_documents_for_good_and_keeps_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (a, b, vault) = locked_store(dir.path());
    let mut kit = Kit::open_with(&data, Some(vault.clone())).unwrap();
    assert_eq!(stored(&data).len(), 3, "a's two files and b's own copy of the shared one");

    // Not approved yet: refused, nothing changed.
    let before = stored(&data);
    let refused = kit.erase_documents(&a).unwrap_err().info();
    assert_eq!((refused.kind, refused.field.as_deref()), (ErrorKind::Validation, Some("status")));
    assert_eq!(stored(&data), before);
    assert_eq!(kit.case_page("", 10).unwrap().approved_with_documents, 0);

    kit.set_status(&a, AppealStatus::Submitted, Some("HW-2026-7"), Some("2026-11-02")).unwrap();
    kit.set_status(&a, AppealStatus::Approved, None, Some("2026-11-09")).unwrap();
    assert_eq!(kit.case_page("", 10).unwrap().approved_with_documents, 1, "the list offers it");
    let a_files: Vec<String> = before.keys().filter(|n| !stored_for(&kit, &b, &vault).contains(*n)).cloned().collect();
    assert_eq!(a_files.len(), 2);

    let view = kit.erase_documents(&a).unwrap();
    // The record stays: status, dates, ticket, profile, and the timeline says what happened.
    assert_eq!(view.appeal.status, AppealStatus::Approved);
    assert_eq!(view.appeal.ticket.as_deref(), Some("HW-2026-7"));
    assert_eq!((view.appeal.submitted_on.as_deref(), view.appeal.decided_on.as_deref()), (Some("2026-11-02"), Some("2026-11-09")));
    assert_eq!(view.summary.title, "Approved shop");
    assert!(view.items.iter().all(|i| i.files.is_empty()), "no document left");
    assert_eq!(view.events.last().unwrap().kind, kit::EventKind::DocumentsErased);
    assert_eq!(kit.case_page("", 10).unwrap().approved_with_documents, 0);
    // b keeps its copy of the shared photo, readable.
    let b_file = kit.case(&b).unwrap().items.into_iter().flat_map(|i| i.files).next().unwrap();
    assert!(kit.attachment_file(&b_file.id).is_ok());
    drop(kit);

    // a's files are gone from the disk, and their old bytes (a copy kept from before, as old
    // disk blocks would) open with no key the store still has.
    let after = stored(&data);
    assert_eq!(after.len(), 1);
    let store = store::Store::open_dir_with(&data, Some(vault)).unwrap();
    for name in &a_files {
        assert!(!after.contains_key(name));
        assert!(!store.opens_with_any_key(name, &before[name]).unwrap(), "{name} still opens");
    }
}

/// The names on disk of case `case`'s files.
fn stored_for(kit: &Kit, case: &str, vault: &kit::Vault) -> Vec<String> {
    let view = kit.case(case).unwrap();
    view.items
        .iter()
        .flat_map(|i| &i.files)
        .map(|f| vault.case_file_name(case, &kit.attachment_file(&f.id).unwrap().0.original))
        .collect()
}

#[test]
fn in_a_plain_store_only_files_no_other_case_holds_go() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let shared = dir.path().join("shared.jpg");
    std::fs::write(&shared, fixtures::phone_photo(800, 500, 1, false)).unwrap();
    let own = dir.path().join("own.jpg");
    std::fs::write(&own, fixtures::phone_photo(640, 400, 2, false)).unwrap();
    let mut kit = Kit::open(&data).unwrap();
    let a = kit.create_case("huawei-cloud", "Approved", Some(&answers())).unwrap().summary.id;
    let b = kit.create_case("huawei-cloud", "Other", Some(&answers())).unwrap().summary.id;
    kit.attach(&a, "card_front", &[shared.clone(), own]).unwrap();
    kit.attach(&b, "card_front", &[shared]).unwrap();
    assert_eq!(stored(&data).len(), 2);
    kit.set_status(&a, AppealStatus::Submitted, Some("HW-1"), None).unwrap();
    kit.set_status(&a, AppealStatus::Approved, None, None).unwrap();
    kit.erase_documents(&a).unwrap();
    assert_eq!(stored(&data).len(), 1, "the shared photo stays for b");
    let b_file = kit.case(&b).unwrap().items.into_iter().flat_map(|i| i.files).next().unwrap();
    assert!(kit.attachment_file(&b_file.id).is_ok());
    assert_eq!(kit.case_page("", 10).unwrap().approved_with_documents, 0);
}
