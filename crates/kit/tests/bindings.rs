//! The UI's TypeScript types must match the Rust types they mirror.
#[test]
fn ui_bindings_match_the_rust_types() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/ipc/bindings.ts");
    let generated = kit::bindings::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(current == generated, "ui/src/ipc/bindings.ts is out of date with the Rust types: run `make bindings`");
}

/// Case views produced by the real engine, for the UI tests: when the rules change, the UI
/// tests see the change too.
#[test]
fn ui_fixtures_match_the_engine() {
    use serde_json::{Value, json};
    kit::pdf_worker::set_worker_program(env!("CARGO_BIN_EXE_appeal-kit"));
    let dir = tempfile::tempdir().unwrap();
    let mut kit = kit::Kit::open(dir.path()).unwrap();
    let mut views = serde_json::Map::new();
    let mut add = |kit: &mut kit::Kit, name: &str, provider: &str, answers: Value| {
        let view = kit.create_case(provider, name, Some(&answers)).unwrap();
        let mut v = serde_json::to_value(view).unwrap();
        // Ids and times differ on every run; the fixtures fix them.
        v["summary"]["id"] = json!(name);
        for at in ["created_at", "updated_at"] {
            v["summary"][at] = json!("2026-11-20T09:30:00Z");
        }
        for e in v["events"].as_array_mut().unwrap() {
            e["at"] = json!("2026-11-20T09:30:00Z");
        }
        views.insert(name.to_string(), v);
    };
    add(&mut kit, "huawei_new", "huawei-cloud", json!({}));
    add(&mut kit, "huawei_direct", "huawei-cloud", json!({"customer_type": "direct"}));
    add(&mut kit, "huawei_ready", "huawei-cloud", json!({"customer_type": "direct", "real_name_verified": true, "account_type": "enterprise", "card_added": true}));
    add(&mut kit, "alibaba_blocked", "alibaba-cloud", json!({"verification": "none"}));
    add(&mut kit, "alibaba_not_covered", "alibaba-cloud", json!({"verification": "enterprise", "enterprise_status": "deregistered", "can_log_on": false, "appeal_items": ["change_phone"], "new_entity_available": false}));
    // The same engine in Chinese, as the app shows it when its interface is Chinese.
    kit.set_language(kit::Language::Zh);
    add(&mut kit, "huawei_ready_zh", "huawei-cloud", json!({"customer_type": "direct", "real_name_verified": true, "account_type": "enterprise", "card_added": true}));
    add(&mut kit, "alibaba_blocked_zh", "alibaba-cloud", json!({"verification": "none"}));
    let generated = serde_json::to_string_pretty(&Value::Object(views)).unwrap() + "\n";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/test/fixtures.json");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    assert!(std::fs::read_to_string(&path).unwrap_or_default() == generated, "ui/src/test/fixtures.json is out of date: run `make bindings`");
}
