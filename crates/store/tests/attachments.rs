//! The file store: originals kept once by hash, removal with undo, order, and start-up repair.

use serde_json::json;
use store::files::sha256_hex;
use store::{FixedVersion, NewAttachment, NewCase, Store, StoreError};

fn case(s: &mut Store) -> String {
    let empty = json!({});
    s.create_case(NewCase { provider: "huawei-cloud", title: "t", answers: &empty, profile: &empty, rules_version: "v", checklist_status: "ready" })
        .unwrap()
        .id
}

fn file(name: &str, bytes: &[u8]) -> NewAttachment {
    NewAttachment { name: name.into(), bytes: bytes.to_vec(), media_type: "image/png".into(), facts: json!({}), thumbnail: vec![1, 2, 3], kept_fixes: json!([]), checks: json!([]) }
}

fn stored_files(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for shard in std::fs::read_dir(dir.join("files")).unwrap().flatten() {
        if shard.path().is_dir() && shard.file_name().len() == 2 {
            out.extend(std::fs::read_dir(shard.path()).unwrap().flatten().map(|f| f.file_name().to_string_lossy().to_string()));
        }
    }
    out.sort();
    out
}

const LATER: &str = "9999-01-01T00:00:00Z";
const EARLIER: &str = "2000-01-01T00:00:00Z";

#[test]
fn the_same_file_is_stored_once_byte_exact_and_reclaimed_with_its_last_reference() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let (a, b) = (case(&mut s), case(&mut s));
    let ids = s.attach(&a, "card_front", &[file("front.png", b"same bytes"), file("copy.png", b"same bytes")]).unwrap();
    s.attach(&b, "card_front", &[file("front.png", b"same bytes")]).unwrap();
    assert_eq!(stored_files(dir.path()), [sha256_hex(b"same bytes")]);
    let row = s.attachment(&ids[0], false).unwrap();
    assert_eq!(s.file(&row.case_id, &row.original).unwrap(), b"same bytes");

    // Removing every reference, then start-up after the undo window, reclaims the file.
    for id in ids {
        s.remove_attachment(&id).unwrap();
    }
    s.repair(LATER).unwrap();
    assert_eq!(stored_files(dir.path()).len(), 1, "case b still refers to it");
    let last = s.attachments(&b).unwrap()[0].id.clone();
    s.remove_attachment(&last).unwrap();
    let report = s.repair(LATER).unwrap();
    assert_eq!((report.purged, report.orphans_removed), (1, 1));
    assert!(stored_files(dir.path()).is_empty());
}

#[test]
fn removal_can_be_undone_in_place_and_files_can_be_reordered_and_moved() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let c = case(&mut s);
    let ids = s.attach(&c, "transaction_records", &[file("1", b"1"), file("2", b"2"), file("3", b"3")]).unwrap();
    let names = |s: &Store| s.attachments(&c).unwrap().into_iter().map(|a| format!("{}:{}", a.item_id, a.name)).collect::<Vec<_>>();

    s.remove_attachment(&ids[1]).unwrap();
    assert_eq!(names(&s), ["transaction_records:1", "transaction_records:3"]);
    // Undo survives a restart within the window: repair only purges older removals.
    drop(s);
    let mut s = Store::open_dir(dir.path()).unwrap();
    assert_eq!(s.repair(EARLIER).unwrap().purged, 0);
    s.restore_attachment(&ids[1]).unwrap();
    assert_eq!(names(&s), ["transaction_records:1", "transaction_records:2", "transaction_records:3"]);
    assert!(matches!(s.restore_attachment(&ids[1]), Err(StoreError::NoAttachment(_))), "already restored");

    s.move_attachment(&ids[2], "transaction_records", 0).unwrap();
    assert_eq!(names(&s), ["transaction_records:3", "transaction_records:1", "transaction_records:2"]);
    s.move_attachment(&ids[0], "real_name_certificate", 0).unwrap();
    assert_eq!(names(&s), ["real_name_certificate:1", "transaction_records:3", "transaction_records:2"]);
    let kinds: Vec<String> = s.events(&c).unwrap().into_iter().map(|e| e.kind.as_str().to_string()).collect();
    assert_eq!(kinds, ["created", "attached", "removed", "restored_file", "moved", "moved"]);
}

#[test]
fn a_fixed_version_keeps_the_original_until_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let c = case(&mut s);
    let id = s.attach(&c, "card_front", &[file("front.png", b"original")]).unwrap().remove(0);
    let fixes = json!([{"op": "rotate", "quarter_turns": 1}]);
    let row = s.set_fixed(&id, FixedVersion { was: &json!([]), fixes: &fixes, file: Some((b"turned", "image/jpeg")), thumbnail: b"t2", checks: &json!([]) }).unwrap();
    assert_eq!(row.current(), (sha256_hex(b"turned").as_str(), "image/jpeg"));
    assert_eq!((row.original.as_str(), row.bytes), (sha256_hex(b"original").as_str(), 6));
    s.repair(LATER).unwrap();
    assert_eq!(stored_files(dir.path()).len(), 2, "both versions kept");

    let row = s.discard_original(&id).unwrap();
    assert_eq!((row.original.as_str(), row.fixed.as_deref(), row.media_type.as_str()), (sha256_hex(b"turned").as_str(), None, "image/jpeg"));
    s.repair(LATER).unwrap();
    assert_eq!(stored_files(dir.path()), [sha256_hex(b"turned")]);
}

#[test]
fn start_up_removes_orphans_and_flags_rows_whose_file_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let c = case(&mut s);
    let id = s.attach(&c, "card_front", &[file("front.png", b"kept")]).unwrap().remove(0);
    // An attach that died after writing its file and a temporary file, before its commit.
    let orphan = sha256_hex(b"orphan");
    std::fs::create_dir_all(dir.path().join("files").join(&orphan[..2])).unwrap();
    std::fs::write(dir.path().join("files").join(&orphan[..2]).join(&orphan), b"orphan").unwrap();
    std::fs::write(dir.path().join("files/tmp/half.123"), b"half").unwrap();
    let report = s.repair(LATER).unwrap();
    assert_eq!((report.orphans_removed, report.missing), (1, 0));
    assert_eq!(stored_files(dir.path()), [sha256_hex(b"kept")]);
    assert_eq!(std::fs::read_dir(dir.path().join("files/tmp")).unwrap().count(), 0);

    // Someone deletes the stored file: the row is flagged, and reading says so.
    std::fs::remove_file(dir.path().join("files").join(&sha256_hex(b"kept")[..2]).join(sha256_hex(b"kept"))).unwrap();
    assert_eq!(s.repair(LATER).unwrap().missing, 1);
    assert!(s.attachment(&id, false).unwrap().missing);
    assert!(s.file(&s.attachment(&id, false).unwrap().case_id, &sha256_hex(b"kept")).is_err());
}

#[test]
fn attaching_to_a_missing_case_writes_no_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    assert!(matches!(s.attach("nope", "card_front", &[file("a", b"a")]), Err(StoreError::NotFound(_))));
    // The file written before the check is an orphan, removed at the next start-up.
    s.repair(LATER).unwrap();
    assert!(stored_files(dir.path()).is_empty());
}

#[test]
fn findings_belong_to_each_file_version_and_dismissals_to_the_attachment_with_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let a = case(&mut s);
    let blurry = json!([{ "id": "blurry" }]);
    let id = s.attach(&a, "card_front", &[NewAttachment { checks: blurry.clone(), ..file("front.jpg", b"blurred") }]).unwrap().remove(0);
    assert_eq!(s.attachment(&id, false).unwrap().checks, blurry);
    assert_eq!(s.material_facts(&[a.as_str()]).unwrap().files[0].checks, blurry);
    // The fixed version has its own findings; undoing goes back to the original's.
    let fixes = json!([{ "op": "rotate", "quarter_turns": 1 }]);
    let row = s.set_fixed(&id, FixedVersion { was: &json!([]), fixes: &fixes, file: Some((b"turned", "image/jpeg")), thumbnail: b"t", checks: &json!([]) }).unwrap();
    assert_eq!(row.checks, json!([]));
    let row = s.set_fixed(&id, FixedVersion { was: &fixes, fixes: &json!([]), file: None, thumbnail: b"t", checks: &json!([]) }).unwrap();
    assert_eq!(row.checks, blurry);
    // A dismissal is kept once, on the attachment, and logged once.
    s.dismiss_check(&id, "blurry").unwrap();
    let row = s.dismiss_check(&id, "blurry").unwrap();
    assert_eq!(row.dismissed, json!(["blurry"]));
    let logged: Vec<_> = s.events(&a).unwrap().into_iter().filter(|e| e.kind.as_str() == "dismissed_check").collect();
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].detail["check"], "blurry");
    assert_eq!(s.material_facts(&[a.as_str()]).unwrap().files[0].dismissed, json!(["blurry"]));
}

/// Two writers (the window and `appeal-kit`, say) each add a fix to the list they read: the
/// second one's write is refused, so the first one's fix (a hidden card number) is not lost.
#[test]
fn a_fix_made_meanwhile_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut window = Store::open_dir(dir.path()).unwrap();
    let c = case(&mut window);
    let id = window.attach(&c, "card_front", &[file("front.png", b"original")]).unwrap().remove(0);
    let mut cli = Store::open_dir(dir.path()).unwrap();
    let read_by_both = window.attachment(&id, false).unwrap().fixes;
    let hidden = json!([{"op": "redact", "rects": [{"x": 0.1, "y": 0.1, "w": 0.5, "h": 0.1}]}]);
    window.set_fixed(&id, FixedVersion { was: &read_by_both, fixes: &hidden, file: Some((b"hidden", "image/png")), thumbnail: b"t", checks: &json!([]) }).unwrap();
    let turned = json!([{"op": "rotate", "quarter_turns": 1}]);
    let late = cli.set_fixed(&id, FixedVersion { was: &read_by_both, fixes: &turned, file: Some((b"turned", "image/png")), thumbnail: b"t", checks: &json!([]) });
    assert!(matches!(late, Err(StoreError::Changed(ref a)) if *a == id), "{late:?}");
    let row = cli.attachment(&id, false).unwrap();
    assert_eq!((row.fixes.clone(), row.current().0), (hidden, sha256_hex(b"hidden").as_str()));
    assert_eq!(cli.events(&c).unwrap().iter().filter(|e| e.kind.as_str() == "fixed").count(), 1, "the refused write logs nothing");
}

/// A stored list that fails to parse is damage, said so: never read as empty, which would drop
/// the record of an earlier redaction when the original is discarded.
#[test]
fn damaged_fixes_are_an_error_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let c = case(&mut s);
    let id = s.attach(&c, "card_front", &[file("front.png", b"original")]).unwrap().remove(0);
    let fixes = json!([{"op": "redact", "rects": []}]);
    s.set_fixed(&id, FixedVersion { was: &json!([]), fixes: &fixes, file: Some((b"hidden", "image/png")), thumbnail: b"t2", checks: &json!([]) }).unwrap();
    let db = rusqlite::Connection::open(dir.path().join(store::DB_FILE)).unwrap();
    db.execute("UPDATE attachments SET kept_fixes = '[{\"op\": trunc' WHERE id = ?1", [&id]).unwrap();
    let events = s.events(&c).unwrap().len();

    assert!(matches!(s.discard_original(&id), Err(StoreError::Corrupt(_))), "damage reported");
    assert!(matches!(s.attachment(&id, false), Err(StoreError::Corrupt(_))), "reading it says so too");
    let fixed: Option<String> = db.query_row("SELECT fixed FROM attachments WHERE id = ?1", [&id], |r| r.get(0)).unwrap();
    assert_eq!(fixed.as_deref(), Some(sha256_hex(b"hidden").as_str()), "the fixed version is still apart");
    assert_eq!(s.events(&c).unwrap().len(), events, "nothing logged");
    // An event whose detail is damaged, or a kind this version does not know, is reported too.
    db.execute("UPDATE events SET kind = 'teleported' WHERE case_id = ?1", [&c]).unwrap();
    assert!(matches!(s.events(&c), Err(StoreError::Corrupt(_))));
}

/// Only photos stored sideways, neither fixed nor removed, lack a ready copy; one is kept only
/// for the original it was made from, and goes with that original.
#[test]
fn a_ready_copy_is_kept_for_its_original_and_goes_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let c = case(&mut s);
    let sideways = |name: &str, bytes: &[u8]| NewAttachment { facts: json!({ "orientation": 6 }), ..file(name, bytes) };
    let ids = s.attach(&c, "card_front", &[sideways("a.jpg", b"sideways a"), file("b.jpg", b"upright b"), sideways("c.jpg", b"sideways c")]).unwrap();
    s.remove_attachment(&ids[2]).unwrap();
    let todo: Vec<String> = s.unprepared(10).unwrap().into_iter().map(|u| u.id).collect();
    assert_eq!(todo, [ids[0].clone()]);

    let (ready, cleaned) = (b"a turned upright".as_slice(), json!(["metadata_removed", "turned_lossless"]));
    let original = sha256_hex(b"sideways a");
    assert!(!s.keep_ready(&ids[0], &sha256_hex(b"something else"), ready, &cleaned).unwrap(), "made from another original");
    assert!(!stored_files(dir.path()).contains(&sha256_hex(ready)));
    assert!(s.keep_ready(&ids[0], &original, ready, &cleaned).unwrap());
    assert!(!s.keep_ready(&ids[0], &original, b"made twice", &cleaned).unwrap(), "already made");
    let row = s.attachment(&ids[0], false).unwrap();
    assert_eq!(row.ready, Some(store::ReadyCopy { sha256: sha256_hex(ready), cleaned }));
    assert_eq!(s.file(&c, &sha256_hex(ready)).unwrap(), ready);
    assert!(s.unprepared(10).unwrap().is_empty());
    assert_eq!(s.repair(EARLIER).unwrap(), store::Repair::default(), "held: not an orphan");
    assert!(stored_files(dir.path()).contains(&sha256_hex(ready)));

    // Keeping only the fixed version drops the original and its ready copy.
    let fixes = json!([{ "op": "rotate", "quarter_turns": 1 }]);
    s.set_fixed(&ids[0], FixedVersion { was: &json!([]), fixes: &fixes, file: Some((b"fixed a", "image/jpeg")), thumbnail: b"t", checks: &json!([]) }).unwrap();
    let row = s.discard_original(&ids[0]).unwrap();
    assert_eq!(row.ready, None);
    assert!(!stored_files(dir.path()).contains(&sha256_hex(ready)));
    assert!(!stored_files(dir.path()).contains(&original));
}
