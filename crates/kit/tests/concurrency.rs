//! Several `appeal-kit` processes changing one case at the same time lose nothing: every
//! read-merge-write happens inside one write transaction.
//!
//! Each update sets a field no other update touches, so a writer that merged into a stale
//! copy of the case would erase a field another writer had set: the final case shows every
//! lost update.

use std::path::PathBuf;
use std::process::Command;

use serde_json::{Value, json};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env { dir: tempfile::tempdir().unwrap() }
    }
    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(assert_cmd::cargo::cargo_bin!("appeal-kit")).args(args).env("APPEAL_KIT_DATA_DIR", self.data()).output().unwrap();
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
    }
    fn file(&self, name: &str, v: &Value) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, v.to_string()).unwrap();
        p.display().to_string()
    }
    fn new_case(&self, provider: &str, answers: &Value) -> String {
        let f = self.file("new.json", answers);
        let (code, out, err) = self.run(&["case", "new", "--provider", provider, "--title", "Busy", "--answers", &f]);
        assert_eq!(code, 0, "{err}");
        out.trim().to_string()
    }
    fn show(&self, case: &str) -> Value {
        let (code, out, err) = self.run(&["case", "show", case, "--json"]);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str(&out).unwrap()
    }
}

/// Runs `writers` processes at once, each making its updates one after another; each update
/// is the argument list of one command. Every command must succeed.
fn race(env: &Env, writers: Vec<Vec<Vec<String>>>) {
    std::thread::scope(|s| {
        let handles: Vec<_> = writers
            .iter()
            .map(|updates| {
                s.spawn(move || {
                    for args in updates {
                        let args: Vec<&str> = args.iter().map(String::as_str).collect();
                        let (code, _, err) = env.run(&args);
                        assert_eq!(code, 0, "{args:?}: {err}");
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
    });
}

/// Deals `updates` round-robin to `n` writers.
fn deal<T: Clone>(updates: &[T], n: usize) -> Vec<Vec<T>> {
    (0..n).map(|w| updates.iter().skip(w).step_by(n).cloned().collect()).collect()
}

fn value_files(env: &Env, prefix: &str, pairs: &[(&str, Value)]) -> Vec<String> {
    pairs.iter().enumerate().map(|(i, (k, v))| env.file(&format!("{prefix}-{i}.json"), &json!({ *k: v }))).collect()
}

const PROFILE: &[(&str, &str)] = &[
    ("account_name", "shop-ops"),
    ("holder_name", "Hangzhou Example Co."),
    ("holder_id_number", "11010519491231002X"),
    ("uscc", "91350100M000100Y43"),
    ("legal_representative", "Li Lei"),
    ("agent_name", "Han Meimei"),
    ("agent_id_number", "11010519491231002X"),
    ("contact_phone", "+86 138 0013 8000"),
    ("contact_email", "ops@example.com"),
    ("new_secure_phone", "13800138000"),
    ("new_company_name", "Example Two Co."),
    ("new_company_uscc", "91350100M000100Y43"),
    ("reason", "The phone number was re-issued."),
];

#[test]
fn concurrent_profile_writers_lose_nothing() {
    let env = Env::new();
    // Three rounds on fresh cases: 4 processes x 3-4 updates each, 13 updates a round.
    for round in 0..3 {
        let case = env.new_case("alibaba-cloud", &json!({}));
        let pairs: Vec<(&str, Value)> = PROFILE.iter().map(|(k, v)| (*k, json!(v))).collect();
        let files = value_files(&env, &format!("p{round}"), &pairs);
        let updates: Vec<Vec<String>> = files.iter().map(|f| vec!["case".into(), "profile".into(), case.clone(), "--values".into(), f.clone()]).collect();
        race(&env, deal(&updates, 4));
        let profile = &env.show(&case)["profile"];
        let lost: Vec<&str> = PROFILE.iter().filter(|(k, _)| profile[*k].is_null()).map(|(k, _)| *k).collect();
        assert!(lost.is_empty(), "round {round}: lost {} of {} profile updates: {lost:?}", lost.len(), PROFILE.len());
        let events = env.show(&case)["events"].as_array().unwrap().iter().filter(|e| e["kind"] == "profile").count();
        assert_eq!(events, PROFILE.len(), "one timeline event per update");
    }
}

#[test]
fn concurrent_answer_and_info_writers_lose_nothing() {
    let env = Env::new();
    let answers: Vec<(&str, Value)> = vec![
        ("verification", json!("individual")),
        ("can_log_on", json!(false)),
        ("has_icp_assets", json!(false)),
        ("appeal_items", json!(["change_phone", "other"])),
        ("has_username_lookup", json!(true)),
        ("submitter_is_verified_individual", json!(true)),
        ("enterprise_status", json!("active")),
        ("enterprise_name_changed", json!(false)),
        ("new_entity_available", json!(false)),
        ("asset_disposal_timing", json!("before_deregistration")),
        ("operator_is_legal_representative", json!(true)),
    ];
    for round in 0..2 {
        let case = env.new_case("alibaba-cloud", &json!({}));
        let files = value_files(&env, &format!("a{round}"), &answers);
        let updates: Vec<Vec<String>> = files.iter().map(|f| vec!["case".into(), "answer".into(), case.clone(), "--answers".into(), f.clone()]).collect();
        race(&env, deal(&updates, 3));
        let stored = &env.show(&case)["answers"];
        let lost: Vec<&str> = answers.iter().filter(|(k, v)| &stored[*k] != v).map(|(k, _)| *k).collect();
        assert!(lost.is_empty(), "round {round}: lost {} of {} answers: {lost:?}", lost.len(), answers.len());
    }

    // Information values: every (item, field) set once, by 3 processes at once.
    let case = env.new_case(
        "huawei-cloud",
        &json!({"customer_type": "direct", "real_name_verified": false, "account_type": "individual", "card_added": false, "payments_made": false}),
    );
    let info: Vec<(&str, &str, &str)> = vec![
        ("mobile_number", "mobile_number", "+86 138 0013 8000"),
        ("email_address", "email", "ops@example.com"),
        ("name_and_contact_address", "name", "Li Lei"),
        ("name_and_contact_address", "address_line", "1 West Lake Rd"),
        ("name_and_contact_address", "city", "Hangzhou"),
        ("name_and_contact_address", "province_region", "Zhejiang"),
        ("name_and_contact_address", "postal_code", "310000"),
        ("name_and_contact_address", "country_region", "China"),
    ];
    let updates: Vec<Vec<String>> = info
        .iter()
        .enumerate()
        .map(|(i, (item, field, value))| {
            let f = env.file(&format!("i{i}.json"), &json!({ *field: value }));
            vec!["info".into(), case.clone(), item.to_string(), "--values".into(), f]
        })
        .collect();
    race(&env, deal(&updates, 3));
    let stored = &env.show(&case)["info"];
    let lost: Vec<String> = info.iter().filter(|(i, f, v)| stored[*i][*f] != *v).map(|(i, f, _)| format!("{i}.{f}")).collect();
    assert!(lost.is_empty(), "lost {} of {} information values: {lost:?}", lost.len(), info.len());
}
