use serde_json::json;
use store::{CaseUpdate, NewCase, Store, StoreError};

fn new<'a>(title: &'a str, answers: &'a serde_json::Value, profile: &'a serde_json::Value) -> NewCase<'a> {
    NewCase { provider: "huawei-cloud", title, answers, profile, rules_version: "2026-01-23", checklist_status: "incomplete" }
}

#[test]
fn cases_persist_across_reopening_with_their_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let (empty, profile) = (json!({}), json!({"account_name": "ops-main"}));
    let id = {
        let mut s = Store::open_dir(dir.path()).unwrap();
        let c = s.create_case(new("Main account", &empty, &profile)).unwrap();
        s.update(&c.id, store::EventKind::Answered, |_| {
            let change = CaseUpdate::Answers { answers: json!({"customer_type": "partner"}), rules_version: "2026-01-23".into(), checklist_status: "ready".into() };
            Ok::<_, StoreError>((change, json!({"customer_type": "partner"})))
        })
        .unwrap();
        s.rename(&c.id, "Main production account").unwrap();
        c.id
    };
    let s = Store::open_dir(dir.path()).unwrap();
    let c = s.get(&id).unwrap();
    assert_eq!((c.title.as_str(), c.checklist_status.as_str(), c.appeal_status.as_str()), ("Main production account", "ready", "preparing"));
    assert_eq!(c.answers, json!({"customer_type": "partner"}));
    let kinds: Vec<String> = s.events(&id).unwrap().into_iter().map(|e| e.kind.as_str().to_string()).collect();
    assert_eq!(kinds, ["created", "answered", "renamed"]);
}

#[test]
fn list_is_newest_first_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let e = json!({});
    let a = s.create_case(new("Shop 100% account", &e, &json!({"account_name": "shop_ops"}))).unwrap();
    let b = s.create_case(new("Backup", &e, &json!({"holder_name": "Hangzhou Example Co."}))).unwrap();
    s.rename(&a.id, "Shop 100% account").unwrap(); // a is now the most recent
    let titles = |q: &str| s.list(q, None).unwrap().0.into_iter().map(|c| c.title).collect::<Vec<_>>();
    assert_eq!(titles(""), ["Shop 100% account", "Backup"]);
    assert_eq!(titles("100%"), ["Shop 100% account"]);
    assert_eq!(titles("SHOP_OPS"), ["Shop 100% account"]);
    assert_eq!(titles("hangzhou"), ["Backup"]);
    assert_eq!(titles(&b.id), ["Backup"]);
    assert_eq!(titles("huawei"), ["Shop 100% account", "Backup"]);
    assert!(titles("%_").is_empty(), "wildcards are matched literally");
    let (first, total) = s.list("", Some(1)).unwrap();
    assert_eq!((first.len(), total, first[0].title.as_str()), (1, 2, "Shop 100% account"));
}

#[test]
fn deleting_is_undoable_and_missing_cases_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    let e = json!({});
    let c = s.create_case(new("To delete", &e, &e)).unwrap();
    s.delete(&c.id).unwrap();
    assert_eq!(s.list("", None).unwrap().1, 0);
    assert!(matches!(s.get(&c.id), Err(StoreError::NotFound(_))));
    assert!(matches!(s.rename(&c.id, "x"), Err(StoreError::NotFound(_))));
    let back = s.restore(&c.id).unwrap();
    assert_eq!(back.title, "To delete");
    assert!(matches!(s.restore(&c.id), Err(StoreError::NotFound(_))), "only a deleted case can be restored");
    assert!(matches!(s.delete("nope"), Err(StoreError::NotFound(_))));
    let kinds: Vec<String> = s.events(&c.id).unwrap().into_iter().map(|e| e.kind.as_str().to_string()).collect();
    assert_eq!(kinds, ["created", "deleted", "restored"]);
}

#[test]
fn two_programs_share_one_store() {
    // The desktop app and the command line each hold a connection to the same file.
    let dir = tempfile::tempdir().unwrap();
    let mut app = Store::open_dir(dir.path()).unwrap();
    let mut cli = Store::open_dir(dir.path()).unwrap();
    let e = json!({});
    let threads: Vec<_> = (0..2)
        .map(|t| {
            let path = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut s = Store::open_dir(&path).unwrap();
                let e = json!({});
                for i in 0..50 {
                    s.create_case(new(&format!("t{t}-{i}"), &e, &e)).unwrap();
                }
            })
        })
        .collect();
    let c = app.create_case(new("from app", &e, &e)).unwrap();
    cli.rename(&c.id, "renamed from cli").unwrap();
    threads.into_iter().for_each(|t| t.join().unwrap());
    assert_eq!(app.get(&c.id).unwrap().title, "renamed from cli");
    assert_eq!(cli.list("", None).unwrap().1, 101);
}

#[test]
fn opening_an_unwritable_place_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let err = Store::open_dir(&file.join("sub")).err().unwrap();
    assert!(err.to_string().contains("cannot open the case store"), "{err}");
}
