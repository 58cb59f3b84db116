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
        assert_eq!(s.file(&files[0].original).unwrap(), photo());
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
        assert_eq!(s.file(&s.attachment(&ids[1], false).unwrap().original).unwrap(), pdf());
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
