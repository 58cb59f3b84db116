//! The locked store: a passphrase put on an existing store, what then lies on disk, a wrong
//! passphrase, a changed one, and the passphrase taken off again.

use std::path::Path;
use std::sync::Arc;

use serde_json::json;
use store::files::sha256_hex;
use store::{NewAttachment, NewCase, Passphrase, Store, StoreError, Vault};

const HOLDER: &str = "Zhang Sanfeng-7731";
const ID_NUMBER: &str = "11010519491231002X";

fn pass(text: &str) -> Passphrase {
    Passphrase::new(text.into())
}

/// Every byte under `dir`, file by file.
fn all_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.strip_prefix(dir).unwrap().display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn photo() -> Vec<u8> {
    let mut bytes = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01 a photo of an ID card ".to_vec();
    bytes.extend((0..20_000u32).map(|i| (i * 7 % 251) as u8));
    bytes
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n a business license\n%%EOF\n".to_vec()
}

fn thumbnail() -> Vec<u8> {
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR thumbnail of an ID card".to_vec()
}

fn fill(dir: &Path) -> (String, Vec<String>) {
    let mut s = Store::open_dir(dir).unwrap();
    let profile = json!({ "holder_name": HOLDER, "holder_id_number": ID_NUMBER });
    let case = s
        .create_case(NewCase { provider: "huawei-cloud", title: "Locked account", answers: &json!({}), profile: &profile, rules_version: "v", checklist_status: "ready" })
        .unwrap()
        .id;
    let file = |name: &str, bytes: Vec<u8>, media: &str| NewAttachment {
        name: name.into(),
        bytes,
        media_type: media.into(),
        facts: json!({}),
        thumbnail: thumbnail(),
        kept_fixes: json!([]),
        checks: json!([]),
    };
    let ids = s.attach(&case, "id_card_front_back", &[file("front.jpg", photo(), "image/jpeg"), file("license.pdf", pdf(), "application/pdf")]).unwrap();
    (case, ids)
}

fn assert_nothing_readable(dir: &Path) {
    let needles: Vec<(&str, Vec<u8>)> = vec![
        ("holder name", HOLDER.as_bytes().to_vec()),
        ("ID number", ID_NUMBER.as_bytes().to_vec()),
        ("JPEG signature", b"\xff\xd8\xff\xe0\x00\x10JFIF".to_vec()),
        ("PNG signature", b"\x89PNG\r\n\x1a\n".to_vec()),
        ("PDF signature", b"%PDF-".to_vec()),
        ("SQLite header", b"SQLite format 3\0".to_vec()),
        ("a stored file's SHA-256", sha256_hex(&photo()).into_bytes()),
        ("the middle of the photo", photo()[10_000..10_032].to_vec()),
    ];
    let files = all_bytes(dir);
    assert!(files.len() >= 3, "{:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>());
    for (path, bytes) in &files {
        for (what, needle) in &needles {
            assert!(!find(bytes, needle), "{path} holds the {what}");
        }
        assert!(!find(path.as_bytes(), sha256_hex(&photo()).as_bytes()), "{path} is named by a stored file's hash");
    }
}

#[test]
fn a_store_with_a_passphrase_holds_nothing_readable_and_opens_only_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let (case, ids) = fill(dir.path());
    store::encrypt(dir.path(), &pass("correct horse battery")).unwrap();
    assert_nothing_readable(dir.path());

    // Without the passphrase, or with a wrong one: locked, and nothing on disk changes.
    let before = all_bytes(dir.path());
    assert!(matches!(Store::open_dir(dir.path()), Err(StoreError::Locked(store::LockReason::NoPassphrase))));
    assert!(matches!(Store::open_read_only(dir.path()), Err(StoreError::Locked(_))));
    assert!(matches!(Vault::unlock(dir.path(), &pass("wrong horse battery")), Err(StoreError::Locked(store::LockReason::WrongPassphrase))));
    assert!(matches!(store::decrypt(dir.path(), Arc::new(Vault::create().unwrap())), Err(StoreError::Locked(_))));
    assert!(matches!(store::change_passphrase(dir.path(), &pass("wrong horse battery"), &pass("new passphrase")), Err(StoreError::Locked(_))));
    assert_eq!(all_bytes(dir.path()), before, "a refused passphrase changes nothing");

    // With it: the case, its profile, its files and their previews.
    let vault = Arc::new(Vault::unlock(dir.path(), &pass("correct horse battery")).unwrap());
    {
        let mut s = Store::open_dir_with(dir.path(), Some(vault.clone())).unwrap();
        let row = s.get(&case).unwrap();
        assert_eq!(row.profile["holder_name"], HOLDER);
        let files = s.attachments(&case).unwrap();
        assert_eq!(files.len(), 2);
        assert_eq!(s.file(&case, &files[0].original).unwrap(), photo());
        assert_eq!(files[0].thumbnail, thumbnail());
        assert_eq!(s.repair("2000-01-01T00:00:00Z").unwrap(), store::Repair::default(), "files are found under their keyed names");
        // New files are sealed too.
        s.attach(&case, "other", &[NewAttachment { name: "p.png".into(), bytes: thumbnail(), media_type: "image/png".into(), facts: json!({}), thumbnail: thumbnail(), kept_fixes: json!([]), checks: json!([]) }]).unwrap();
        let ro = Store::open_read_only_with(dir.path(), Some(vault.clone())).unwrap();
        assert_eq!(ro.attachments(&case).unwrap().len(), 3);
    }
    assert_nothing_readable(dir.path());

    // A new passphrase: the old one no longer opens it, everything stays readable.
    let keys_before = std::fs::read(dir.path().join(store::vault::KEYS_FILE)).unwrap();
    store::change_passphrase(dir.path(), &pass("correct horse battery"), &pass("staple horse correct")).unwrap();
    assert_ne!(std::fs::read(dir.path().join(store::vault::KEYS_FILE)).unwrap(), keys_before);
    assert!(Vault::unlock(dir.path(), &pass("correct horse battery")).is_err());
    let vault = Arc::new(Vault::unlock(dir.path(), &pass("staple horse correct")).unwrap());
    {
        let s = Store::open_dir_with(dir.path(), Some(vault.clone())).unwrap();
        assert_eq!(s.file(&case, &s.attachment(&ids[1], false).unwrap().original).unwrap(), pdf());
    }

    // Taken off: a plain store again, files under their SHA-256.
    store::decrypt(dir.path(), vault).unwrap();
    assert!(!store::is_locked(dir.path()));
    let s = Store::open_dir(dir.path()).unwrap();
    assert_eq!(s.get(&case).unwrap().profile["holder_id_number"], ID_NUMBER);
    let sha = sha256_hex(&photo());
    assert_eq!(std::fs::read(dir.path().join("files").join(&sha[..2]).join(&sha)).unwrap(), photo());
    assert_eq!(s.attachments(&case).unwrap().len(), 3);
    let db = std::fs::read(dir.path().join(store::DB_FILE)).unwrap();
    assert!(db.starts_with(b"SQLite format 3\0"));
}

#[test]
fn a_passphrase_needs_eight_characters_and_is_put_on_once() {
    let dir = tempfile::tempdir().unwrap();
    fill(dir.path());
    assert!(matches!(store::encrypt(dir.path(), &pass("short")), Err(StoreError::Invalid(_))));
    assert!(!store::is_locked(dir.path()));
    store::encrypt(dir.path(), &pass("long enough")).unwrap();
    assert!(matches!(store::encrypt(dir.path(), &pass("long enough")), Err(StoreError::Invalid(_))));
}

#[test]
fn a_switch_waits_for_other_users_of_the_store() {
    let dir = tempfile::tempdir().unwrap();
    fill(dir.path());
    let open = Store::open_dir(dir.path()).unwrap();
    assert!(matches!(store::encrypt(dir.path(), &pass("long enough")), Err(StoreError::Busy)));
    drop(open);
    store::encrypt(dir.path(), &pass("long enough")).unwrap();
}

fn new_case<'a>(title: &'a str, profile: &'a serde_json::Value, answers: &'a serde_json::Value) -> NewCase<'a> {
    NewCase { provider: "huawei-cloud", title, answers, profile, rules_version: "v", checklist_status: "ready" }
}

/// The files under `files/` (not the temporary folder), by name.
fn stored(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    all_bytes(&dir.join("files"))
        .into_iter()
        .filter(|(p, _)| !p.starts_with("tmp") && !p.starts_with(".lock"))
        .map(|(p, b)| (Path::new(&p).file_name().unwrap().to_string_lossy().to_string(), b))
        .collect()
}

/// Issue 17's erasure: each case's files are sealed under a key of its own, so erasing a case
/// (its key destroyed) leaves nothing of its documents readable, not even a copy of the
/// ciphertext kept from before (old disk blocks), while another case holding the same photo
/// keeps its own copy.
#[test]
fn an_erased_case_cannot_be_read_again_and_the_others_are_intact() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = fill(dir.path());
    store::encrypt(dir.path(), &pass("correct horse battery")).unwrap();
    let vault = Arc::new(Vault::unlock(dir.path(), &pass("correct horse battery")).unwrap());
    let mut s = Store::open_dir_with(dir.path(), Some(vault.clone())).unwrap();
    let (empty, profile) = (json!({}), json!({ "holder_name": "Li Si" }));
    // b: a copy of a for another account of the same holder, sharing the ID card photo.
    let b = s.duplicate_case(new_case("Copy", &profile, &empty), &a, &["id_card_front_back"]).unwrap().id;
    let c = s.create_case(new_case("Other", &profile, &empty)).unwrap().id;
    let own = NewAttachment { name: "own.jpg".into(), bytes: b"\xff\xd8\xff\xe0 c's own photo".to_vec(), media_type: "image/jpeg".into(), facts: json!({}), thumbnail: thumbnail(), kept_fixes: json!([]), checks: json!([]) };
    s.attach(&c, "id_card_front_back", std::slice::from_ref(&own)).unwrap();

    // One copy per case holding a file, each under its case's key: a's two, b's two, c's one.
    let (photo_sha, pdf_sha) = (sha256_hex(&photo()), sha256_hex(&pdf()));
    let a_names = [vault.case_file_name(&a, &photo_sha), vault.case_file_name(&a, &pdf_sha)];
    let before = stored(dir.path());
    assert_eq!(before.len(), 5, "{:?}", before.keys());
    let kept_from_before: Vec<(String, Vec<u8>)> = a_names.iter().map(|n| (n.clone(), before[n].clone())).collect();
    for (name, sealed) in &kept_from_before {
        assert!(s.opens_with_any_key(name, sealed).unwrap(), "readable before the erasure");
    }

    assert_eq!(s.erase(&a).unwrap(), 2);
    assert!(matches!(s.get(&a), Err(StoreError::NotFound(_))));
    assert!(matches!(s.erase(&a), Err(StoreError::NotFound(_))));
    let after = stored(dir.path());
    assert_eq!(after.len(), 3);
    for name in &a_names {
        assert!(!after.contains_key(name), "a's files are gone");
    }
    // What was left on disk opens with no key the store still has: not the store-wide one,
    // not b's or c's.
    for (name, sealed) in &kept_from_before {
        assert!(!s.opens_with_any_key(name, sealed).unwrap(), "{name} still opens");
    }
    assert_eq!(s.file(&b, &photo_sha).unwrap(), photo());
    assert_eq!(s.file(&b, &pdf_sha).unwrap(), pdf());
    assert_eq!(s.file(&c, &sha256_hex(&own.bytes)).unwrap(), own.bytes);
    assert_eq!(s.repair("2000-01-01T00:00:00Z").unwrap(), store::Repair::default(), "nothing missing, nothing left over");
    drop(s);
    assert_nothing_readable(dir.path());
    let s = Store::open_dir_with(dir.path(), Some(vault)).unwrap();
    assert_eq!(s.attachments(&b).unwrap().len(), 2);
}

/// A case deleted and purged after its undo window goes the same way as an erased one.
#[test]
fn a_deleted_case_past_its_undo_window_loses_its_key_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = fill(dir.path());
    store::encrypt(dir.path(), &pass("correct horse battery")).unwrap();
    let vault = Arc::new(Vault::unlock(dir.path(), &pass("correct horse battery")).unwrap());
    let mut s = Store::open_dir_with(dir.path(), Some(vault.clone())).unwrap();
    let name = vault.case_file_name(&a, &sha256_hex(&photo()));
    let sealed = stored(dir.path())[&name].clone();
    s.delete(&a).unwrap();
    // Within the window: still there (undo restores it).
    assert_eq!(s.repair("2000-01-01T00:00:00Z").unwrap().purged_cases, 0);
    assert!(stored(dir.path()).contains_key(&name));
    let report = s.repair("2999-01-01T00:00:00Z").unwrap();
    assert_eq!((report.purged_cases, report.orphans_removed), (1, 2));
    assert!(stored(dir.path()).is_empty());
    assert!(!s.opens_with_any_key(&name, &sealed).unwrap());
}

/// In a store without a passphrase, erasing removes the files only this case held (overwritten
/// first) and keeps those another case holds.
#[test]
fn erasing_in_a_plain_store_keeps_files_other_cases_hold() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = fill(dir.path());
    let mut s = Store::open_dir(dir.path()).unwrap();
    let (empty, profile) = (json!({}), json!({}));
    let b = s.duplicate_case(new_case("Copy", &profile, &empty), &a, &["id_card_front_back"]).unwrap().id;
    s.remove_attachment(&s.attachments(&b).unwrap().into_iter().find(|f| f.name == "license.pdf").unwrap().id).unwrap();
    assert_eq!(stored(dir.path()).len(), 2, "one copy of each file in a plain store");
    // b's removed attachment still names the PDF (undo): erase b first, then a.
    assert_eq!(s.erase(&b).unwrap(), 0);
    assert_eq!(s.erase(&a).unwrap(), 2);
    assert!(stored(dir.path()).is_empty());
}

/// A ready copy (an attached file as it leaves in a bundle, made ahead) is sealed, copied to a
/// duplicate case and erased with its attachment, like the file it was made from.
#[test]
fn a_ready_copy_goes_wherever_its_attachment_goes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, ids) = fill(dir.path());
    let ready = b"\xff\xd8\xff\xe0 the ID card photo, turned upright".to_vec();
    let ready_sha = sha256_hex(&ready);
    {
        let mut s = Store::open_dir(dir.path()).unwrap();
        assert!(s.keep_ready(&ids[0], &sha256_hex(&photo()), &ready, &json!(["metadata_removed", "turned_lossless"])).unwrap());
    }
    store::encrypt(dir.path(), &pass("correct horse battery")).unwrap();
    assert!(!all_bytes(dir.path()).iter().any(|(_, bytes)| find(bytes, b"turned upright")), "sealed like the rest");
    let vault = Arc::new(Vault::unlock(dir.path(), &pass("correct horse battery")).unwrap());
    let mut s = Store::open_dir_with(dir.path(), Some(vault.clone())).unwrap();
    assert_eq!(s.file(&a, &ready_sha).unwrap(), ready);
    let (empty, profile) = (json!({}), json!({}));
    let b = s.duplicate_case(new_case("Copy", &profile, &empty), &a, &["id_card_front_back"]).unwrap().id;
    assert_eq!(s.file(&b, &ready_sha).unwrap(), ready, "the duplicate holds it under its own key");
    assert_eq!(s.repair("2000-01-01T00:00:00Z").unwrap(), store::Repair::default(), "nothing missing, nothing left over");
    let names = [vault.case_file_name(&a, &ready_sha), vault.case_file_name(&b, &ready_sha)];
    assert!(names.iter().all(|n| stored(dir.path()).contains_key(n)));
    s.erase(&a).unwrap();
    s.erase(&b).unwrap();
    assert!(stored(dir.path()).is_empty(), "{:?}", stored(dir.path()).keys());
}
