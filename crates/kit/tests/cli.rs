//! The `appeal-kit` binary run as a user would: JSON on stdout, exit codes 0 / 2 / 1.
use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::Path;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env { dir: tempfile::tempdir().unwrap() }
    }
    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("appeal-kit").unwrap();
        c.env("APPEAL_KIT_DATA_DIR", self.dir.path().join("data")).env_remove("LC_ALL").env_remove("LANG");
        c
    }
    fn file(&self, name: &str, v: &Value) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, v.to_string()).unwrap();
        p.display().to_string()
    }
    /// Runs and returns (exit code, stdout, stderr).
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd().args(args).output().unwrap();
        (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    }
    fn json(&self, args: &[&str]) -> Value {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    }
    fn store_bytes(&self) -> Vec<u8> {
        // The database and its WAL together: what "the store" holds.
        let d = self.dir.path().join("data");
        ["appeal-kit.sqlite3", "appeal-kit.sqlite3-wal"].iter().flat_map(|f| std::fs::read(d.join(f)).unwrap_or_default()).collect()
    }
}

#[test]
fn checklist_from_an_answers_file() {
    let env = Env::new();
    let f = env.file("a.json", &json!({"customer_type":"direct","real_name_verified":true,"account_type":"enterprise","card_added":false}));
    let c = env.json(&["checklist", "--provider", "huawei-cloud", "--answers", &f, "--json"]);
    assert_eq!(c["status"], "ready");
    assert_eq!(c["submission"]["method"], "service_ticket");
    assert_eq!(c["rules"]["version"], "2026-01-23");
    let ids: Vec<&str> = c["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["real_name_certificate", "authorization_letter", "transaction_records"]);
    let letter = &c["items"][1];
    assert_eq!((letter["kind"].as_str(), letter["requirement"].as_str()), (Some("letter"), Some("required")));
    assert!(letter["source"]["quote"].as_str().unwrap().contains("official seal"));

    let (code, text, _) = env.run(&["checklist", "--provider", "huawei-cloud", "--answers", &f]);
    assert_eq!(code, 0);
    assert!(text.contains("READY") && text.contains("Letters to print, seal or sign") && text.contains("[required ] Authorization letter"), "{text}");
}

#[test]
fn blocked_and_incomplete_results_are_not_errors() {
    let env = Env::new();
    let f = env.file("a.json", &json!({"verification":"enterprise","enterprise_status":"deregistered","can_log_on":true}));
    let c = env.json(&["checklist", "--provider", "alibaba-cloud", "--answers", &f, "--json"]);
    assert_eq!(c["status"], "blocked");
    assert_eq!(c["blockers"][0]["id"], "deregistered_can_log_on");
    let f = env.file("b.json", &json!({"verification":"enterprise"}));
    let c = env.json(&["checklist", "--provider", "alibaba-cloud", "--answers", &f, "--json"]);
    assert_eq!(c["missing_answers"], json!(["enterprise_status", "appeal_items"]));
}

#[test]
fn bad_input_exits_2_with_one_line_and_changes_nothing() {
    let env = Env::new();
    let good = env.file("good.json", &json!({"customer_type":"direct"}));
    let id = env.run(&["case", "new", "--provider", "huawei-cloud", "--title", "Main", "--answers", &good]).1.trim().to_string();
    let before = env.store_bytes();
    let bad_value = env.file("bad.json", &json!({"customer_type":"direct","card_added":"yes"}));
    let not_json = env.file("x.json", &json!(null)).replace("x.json", "missing.json");
    std::fs::write(env.dir.path().join("garbage.json"), "{not json").unwrap();
    let garbage = env.dir.path().join("garbage.json").display().to_string();
    let bad_uscc = env.file("p.json", &json!({"uscc":"91350100M000100Y44"}));
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["checklist", "--provider", "aws", "--answers", &good], "unknown provider `aws`"),
        (vec!["checklist", "--provider", "huawei-cloud", "--answers", &bad_value], "answer `card_added`: expected true or false"),
        (vec!["checklist", "--provider", "huawei-cloud", "--answers", &not_json], "cannot read"),
        (vec!["checklist", "--provider", "huawei-cloud", "--answers", &garbage], "not valid JSON"),
        (vec!["case", "answer", &id, "--answers", &bad_value], "card_added"),
        (vec!["case", "answer", "nocase", "--answers", &good], "no case with id `nocase`"),
        (vec!["case", "new", "--provider", "huawei-cloud", "--title", "  "], "needs a title"),
        (vec!["case", "new", "--provider", "nope", "--title", "x"], "unknown provider"),
        (vec!["case", "show", "nocase"], "no case"),
        (vec!["case", "profile", &id, "--values", &bad_uscc], "uscc: the check character should be 3"),
        (vec!["checklist"], "--provider"),
    ];
    for (args, message) in cases {
        let (code, out, err) = env.run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}");
        assert!(err.contains(message), "{args:?}: {err}");
        if args != ["checklist"] {
            assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        }
    }
    assert_eq!(env.store_bytes(), before, "bad input changed the store");
}

#[test]
fn a_case_from_creation_to_ready_with_profile_and_timeline() {
    let env = Env::new();
    let summary = env.json(&["case", "new", "--provider", "alibaba-cloud", "--title", "Shop account", "--json"]);
    let id = summary["id"].as_str().unwrap().to_string();
    assert_eq!(summary["checklist_status"], "incomplete");
    let view = env.json(&["case", "answer", &id, "--answers", &env.file("1.json", &json!({"verification":"individual"})), "--json"]);
    assert_eq!(view["checklist"]["missing_answers"], json!(["appeal_items", "submitter_is_verified_individual"]));
    let view = env.json(&["case", "answer", &id, "--answers", &env.file("2.json", &json!({"appeal_items":["change_phone"],"submitter_is_verified_individual":false})), "--json"]);
    assert_eq!(view["checklist"]["status"], "ready");
    assert_eq!(view["answers"], json!({"verification":"individual","appeal_items":["change_phone"],"submitter_is_verified_individual":false}));
    let profile = env.json(&["case", "profile", &id, "--values", &env.file("p.json", &json!({"account_name":"shop-ops","holder_id_number":"11010519491231002x"})), "--json"]);
    assert_eq!(profile["holder_id_number"], "11010519491231002X");

    // Another command reads the same store.
    let c = env.json(&["checklist", "--case", &id, "--json"]);
    assert_eq!(c["items"][0]["id"], "id_card_front_back");
    let list = env.json(&["case", "list", "--json"]);
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["checklist_status"], "ready");
    let show = env.json(&["case", "show", &id, "--json"]);
    let kinds: Vec<&str> = show["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["created", "answered", "answered", "profile"]);
    let (_, text, _) = env.run(&["case", "list"]);
    assert!(text.contains("Shop account") && text.contains("answered") && text.contains("0 of 3 provided"), "{text}");
    assert!(!text.contains("ready"), "nothing is attached, so nothing says ready: {text}");
}

#[test]
fn case_list_and_show_give_the_materials_progress_apart_from_the_answers() {
    let env = Env::new();
    let answers = env.file("a.json", &json!({"customer_type": "direct", "real_name_verified": true, "account_type": "enterprise", "card_added": false}));
    let profile = env.file("p.json", &json!({"account_name": "acme-ops", "holder_name": "Acme Ltd"}));
    let summary = env.json(&["case", "new", "--provider", "huawei-cloud", "--title", "Acme", "--answers", &answers, "--profile", &profile, "--json"]);
    let id = summary["id"].as_str().unwrap().to_string();
    assert_eq!(summary["checklist_status"], "ready");
    assert_eq!(summary["materials"], json!({"required": 3, "provided": 0, "attention": 0}));
    assert_eq!(summary["ready_to_export"], false);
    let list = env.json(&["case", "list", "--json"]);
    assert_eq!(list[0]["materials"], json!({"required": 3, "provided": 0, "attention": 0}));
    assert_eq!(list[0]["ready_to_export"], false);
    let show = env.json(&["case", "show", &id, "--json"]);
    assert_eq!(show["profile"]["account_name"], "acme-ops");
    assert_eq!(show["summary"]["materials"]["required"], 3);
    assert_eq!(show["summary"]["ready_to_export"], false);
    let (_, text, _) = env.run(&["case", "show", &id]);
    assert!(text.contains("Materials: 0 of 3 provided"), "{text}");

    // A bad profile file writes no case at all.
    let before = env.json(&["case", "list", "--json"]).as_array().unwrap().len();
    let bad = env.file("bad.json", &json!({"contact_email": "ops@"}));
    let (code, _, err) = env.run(&["case", "new", "--provider", "huawei-cloud", "--title", "Bad", "--profile", &bad]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("contact_email") && err.contains("not a valid email address"), "{err}");
    assert_eq!(env.json(&["case", "list", "--json"]).as_array().unwrap().len(), before);
}

#[test]
fn a_mistyped_path_reads_as_a_sentence_without_error_numbers() {
    let env = Env::new();
    let (code, _, err) = env.run(&["checklist", "--provider", "huawei-cloud", "--answers", "/no/such/answers.json"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no such file or folder") && !err.contains("os error"), "{err}");
}

#[test]
fn every_flag_and_argument_has_help() {
    let env = Env::new();
    for args in [
        vec!["case", "new"], vec!["case", "answer"], vec!["case", "show"], vec!["case", "profile"], vec!["case", "rename"],
        vec!["case", "duplicate"], vec!["attach"], vec!["info"], vec!["export"], vec!["letter"], vec!["status"], vec!["import"],
    ] {
        let (_, text, _) = env.run(&[args.as_slice(), &["--help"]].concat());
        let options = text.split("Options:").next().unwrap_or_default().to_string() + text.split("Options:").nth(1).unwrap_or_default();
        for line in options.lines().filter(|l| l.trim_start().starts_with("--") || l.trim_start().starts_with('<')) {
            let line = line.trim();
            // "--flag <VALUE>  Help text": a flag with no text after it has no help.
            let help = line.splitn(2, "  ").nth(1).map(str::trim).unwrap_or_default();
            assert!(!help.is_empty(), "{args:?}: `{line}` has no help text\n{text}");
        }
    }
}

#[test]
fn duplicate_delete_and_restore() {
    let env = Env::new();
    let id = env.run(&["case", "new", "--provider", "huawei-cloud", "--title", "Prod"]).1.trim().to_string();
    let copy = env.run(&["case", "duplicate", &id]).1.trim().to_string();
    assert_ne!(copy, id);
    let (code, out, _) = env.run(&["case", "delete", &id]);
    assert_eq!(code, 0);
    assert!(out.contains("appeal-kit case restore"));
    let titles: Vec<String> = env.json(&["case", "list", "--json"]).as_array().unwrap().iter().map(|c| c["title"].as_str().unwrap().to_string()).collect();
    assert_eq!(titles, ["Prod (copy)"]);
    env.run(&["case", "restore", &id]);
    assert_eq!(env.json(&["case", "list", "--json", "--search", "prod"]).as_array().unwrap().len(), 2);
}

#[test]
fn interactive_interview_asks_only_what_matters() {
    let env = Env::new();
    // Partner: one question decides everything.
    let out = env.cmd().args(["checklist", "--provider", "huawei-cloud", "--json"]).write_stdin("3\n").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c["items"].as_array().unwrap().len(), 2);
    let asked = String::from_utf8(out.stderr).unwrap();
    assert_eq!(asked.matches("> ").count(), 1, "{asked}");

    // A wrong answer is asked again; when the input ends, the result so far is printed.
    let out = env.cmd().args(["checklist", "--provider", "huawei-cloud", "--json"]).write_stdin("7\n1\n").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("7 is not in the list") && err.contains("Input ended"), "{err}");
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((c["status"].as_str(), c["missing_answers"].clone()), (Some("incomplete"), json!(["real_name_verified", "account_type", "card_added"])));

    // Options by id as well as by number; an item given twice is counted once, and said so.
    let input = "enterprise\nactive\n1,appeal_items_typo\nchange_phone, 3，detach_mfa\n";
    let out = env.cmd().args(["checklist", "--provider", "alibaba-cloud", "--json"]).write_stdin(input).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("neither a number from the list nor one of") && err.contains("change_phone: given more than once, counted once"), "{err}");
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c["missing_answers"], json!(["enterprise_name_changed"]), "{c}");
}

#[test]
fn answer_and_value_files_with_a_byte_order_mark_are_read() {
    // Windows Notepad saves UTF-8 with a byte-order mark.
    let env = Env::new();
    let bom = |name: &str, v: Value| {
        let p = env.dir.path().join(name);
        std::fs::write(&p, [b"\xEF\xBB\xBF".as_slice(), v.to_string().as_bytes()].concat()).unwrap();
        p.display().to_string()
    };
    let answers = bom("a.json", json!({"customer_type": "partner"}));
    assert_eq!(env.json(&["checklist", "--provider", "huawei-cloud", "--answers", &answers, "--json"])["status"], "ready");
    let id = env.run(&["case", "new", "--provider", "huawei-cloud", "--title", "T", "--answers", &answers]).1.trim().to_string();
    let (code, _, err) = env.run(&["case", "profile", &id, "--values", &bom("p.json", json!({"holder_name": "华为示例有限公司"}))]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(env.json(&["case", "show", &id, "--json"])["profile"]["holder_name"], "华为示例有限公司");
}

#[test]
fn answers_from_standard_input_and_data_dir_flag() {
    let env = Env::new();
    let other = env.dir.path().join("elsewhere");
    let out = Command::cargo_bin("appeal-kit").unwrap()
        .args(["--data-dir", other.to_str().unwrap(), "case", "new", "--provider", "huawei-cloud", "--title", "T", "--answers", "-"])
        .write_stdin(r#"{"customer_type":"partner"}"#).output().unwrap();
    assert!(out.status.success());
    assert!(Path::new(&other).join("appeal-kit.sqlite3").exists());
}

#[test]
fn letter_writes_a_pdf_and_lists_what_is_missing() {
    let env = Env::new();
    let answers = env.file("a.json", &json!({"verification":"enterprise","enterprise_status":"active","appeal_items":["change_phone"],"enterprise_name_changed":false}));
    let id = env.run(&["case", "new", "--provider", "alibaba-cloud", "--title", "Shop", "--answers", &answers]).1.trim().to_string();
    env.run(&["case", "profile", &id, "--values", &env.file("p.json", &json!({"account_name":"shop-ops","holder_name":"杭州示例科技有限公司"}))]);
    let out = env.dir.path().join("letter.pdf");
    let (code, stdout, stderr) = env.run(&["letter", &id, "appeal_letter", "--out", out.to_str().unwrap(), "--lang", "zh"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), out.to_str().unwrap());
    assert!(stderr.contains("uscc") && stderr.contains("appeal-kit case profile"), "{stderr}");
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let kinds: Vec<String> = env.json(&["case", "show", &id, "--json"])["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap().to_string()).collect();
    assert_eq!(kinds.last().map(String::as_str), Some("letter"));

    // Items that are not letters on this checklist, and bad languages, are bad input.
    let bad = env.dir.path().join("bad.pdf");
    for args in [
        vec!["letter", &id, "card_front", "--out", bad.to_str().unwrap()],
        vec!["letter", &id, "authorization_letter", "--out", bad.to_str().unwrap()],
        vec!["letter", &id, "appeal_letter", "--out", bad.to_str().unwrap(), "--lang", "fr"],
        vec!["letter", "nocase", "appeal_letter", "--out", bad.to_str().unwrap()],
    ] {
        let (code, _, err) = env.run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!bad.exists(), "{args:?} wrote a file");
    }
    // A directory that does not exist is an I/O failure, not bad input, and leaves nothing.
    let (code, _, err) = env.run(&["letter", &id, "appeal_letter", "--out", "/nonexistent/dir/x.pdf"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot write /nonexistent/dir/x.pdf"), "{err}");
}

#[test]
fn attach_and_info_from_the_command_line() {
    let env = Env::new();
    let answers = env.file("a.json", &json!({"customer_type": "direct", "real_name_verified": false, "account_type": "individual", "card_added": true}));
    let (_, id, _) = env.run(&["case", "new", "--provider", "huawei-cloud", "--title", "Card", "--answers", &answers]);
    let id = id.trim();
    let photo = env.dir.path().join("card.jpg");
    std::fs::write(&photo, documents::fixtures::phone_photo(800, 500, 6, true)).unwrap();
    let state = env.json(&["--json", "attach", id, "card_front", photo.to_str().unwrap()]);
    assert_eq!(state["status"], "needs_attention");
    assert_eq!(state["files"][0]["has_location"], true);
    assert_eq!((state["files"][0]["width"].as_u64(), state["files"][0]["height"].as_u64()), (Some(800), Some(500)));

    // A text file named .jpg, an unknown item, a missing file: exit 2, one line, store unchanged.
    let fake = env.dir.path().join("fake.jpg");
    std::fs::write(&fake, "hello").unwrap();
    let before = env.store_bytes();
    for args in [
        vec!["attach", id, "card_front", fake.to_str().unwrap()],
        vec!["attach", id, "card_front", photo.to_str().unwrap(), fake.to_str().unwrap()],
        vec!["attach", id, "no_such_item", photo.to_str().unwrap()],
        vec!["attach", id, "card_front", "/no/such/file.jpg"],
        vec!["attach", "nocase", "card_front", photo.to_str().unwrap()],
    ] {
        let (code, _, err) = env.run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    assert!(env.run(&["attach", id, "card_front", fake.to_str().unwrap()]).2.contains("fake.jpg: not an image or PDF"));
    assert_eq!(env.store_bytes(), before);

    let reseller = env.file("r.json", &json!({"customer_type": "reseller", "real_name_verified": false, "account_type": "individual"}));
    let (_, id, _) = env.run(&["case", "new", "--provider", "huawei-cloud", "--title", "Reseller", "--answers", &reseller]);
    let id = id.trim();
    let bad = env.file("bad.json", &json!({"email": "not-an-email"}));
    assert_eq!(env.run(&["info", id, "email_address", "--values", &bad]).0, 2);
    let good = env.file("good.json", &json!({"email": "ops@example.com"}));
    let out = env.json(&["--json", "info", id, "email_address", "--values", &good]);
    assert_eq!(out["status"], "provided");
    assert_eq!(out["values"]["email"], "ops@example.com");
}

#[test]
fn export_import_and_status_from_the_command_line() {
    let env = Env::new();
    let answers = env.file("a.json", &json!({"verification": "individual", "appeal_items": ["change_phone"], "submitter_is_verified_individual": false}));
    let (_, id, _) = env.run(&["case", "new", "--provider", "alibaba-cloud", "--title", "Li", "--answers", &answers]);
    let id = id.trim();
    let zip = env.dir.path().join("li.zip");
    let zip = zip.to_str().unwrap();

    // Incomplete: refused with the missing items, exit 2, no file; then allowed.
    let (code, _, err) = env.run(&["export", id, "--out", zip]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("id_card_front_back") && err.contains("--allow-incomplete"), "{err}");
    assert!(!Path::new(zip).exists());
    let report = env.json(&["--json", "export", id, "--out", zip, "--allow-incomplete"]);
    assert_eq!(report["complete"], false);

    let (code, new_id, err) = env.run(&["import", zip]);
    assert_eq!(code, 0, "{err}");
    assert_ne!(new_id.trim(), id);
    let text = env.dir.path().join("not.zip");
    std::fs::write(&text, "hello").unwrap();
    let before = env.store_bytes();
    let (code, _, err) = env.run(&["import", text.to_str().unwrap()]);
    assert_eq!((code, err.trim().lines().count()), (2, 1), "{err}");
    assert_eq!(env.store_bytes(), before);

    assert_eq!(env.run(&["status", id, "approved"]).0, 2, "not submitted yet");
    assert_eq!(env.run(&["status", id, "submitted"]).0, 2, "a ticket is needed");
    assert_eq!(env.run(&["status", id, "lost"]).0, 2);
    let appeal = env.json(&["--json", "status", id, "submitted", "--ticket", "Q-1", "--on", "2026-11-20"]);
    assert_eq!((appeal["status"].as_str(), appeal["deadlines"][0]["date"].as_str()), (Some("submitted"), Some("2026-11-25")));
    let (_, out, _) = env.run(&["status", id, "rejected", "--on", "2026-11-21"]);
    assert!(out.contains("ACT BY 2026-11-24"), "{out}");
    let (_, list, _) = env.run(&["case", "list"]);
    assert!(list.contains("act by 2026-11-24"), "{list}");
}

#[test]
fn quirky_photos_attached_and_exported_through_the_cli_leave_upright_and_clean() {
    use documents::fixtures::{leftovers::metadata_left, pdfs, quirks};
    let env = Env::new();
    let answers = env.file("a.json", &json!({"verification": "individual", "appeal_items": ["change_phone"], "submitter_is_verified_individual": false}));
    let (_, id, _) = env.run(&["case", "new", "--provider", "alibaba-cloud", "--title", "Quirks", "--answers", &answers]);
    let id = id.trim();
    let corpus = quirks::quirky_photos();
    let mut paths = Vec::new();
    for q in &corpus {
        let p = env.dir.path().join(&q.name);
        std::fs::write(&p, &q.bytes).unwrap();
        paths.push(p.display().to_string());
    }
    let pdf = env.dir.path().join("invoice.pdf");
    std::fs::write(&pdf, pdfs::pdf_with_metadata()).unwrap();
    paths.push(pdf.display().to_string());
    let mut args = vec!["--json", "attach", id, "supplementary_documents"];
    args.extend(paths.iter().map(String::as_str));
    let state = env.json(&args);
    let files = state["files"].as_array().unwrap();
    for q in &corpus {
        let f = files.iter().find(|f| f["name"] == q.name.as_str()).unwrap_or_else(|| panic!("{} attached", q.name));
        assert_eq!(f["has_location"], q.has_location, "{}: location badge", q.name);
        assert_eq!((f["width"].as_u64(), f["height"].as_u64()), (Some(quirks::WIDTH as u64), Some(quirks::HEIGHT as u64)), "{}: upright", q.name);
    }

    let zip = env.dir.path().join("quirks.zip");
    env.json(&["--json", "export", id, "--out", zip.to_str().unwrap(), "--allow-incomplete"]);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let mut manifest = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("manifest.json").unwrap(), &mut manifest).unwrap();
    let manifest: Value = serde_json::from_str(&manifest).unwrap();
    let exported: Vec<&Value> = manifest["items"].as_array().unwrap().iter().flat_map(|i| i["files"].as_array().unwrap()).collect();
    assert_eq!(exported.len(), corpus.len() + 1);
    for f in exported {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut archive.by_name(f["path"].as_str().unwrap()).unwrap(), &mut bytes).unwrap();
        assert_eq!(metadata_left(&bytes), Vec::<String>::new(), "{}", f["path"]);
        assert!(f["cleaned"].as_array().unwrap().contains(&json!("metadata_removed")), "{f}");
        if f["media_type"] != "application/pdf" {
            let img = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{}: {e}", f["path"]));
            assert_eq!((img.width(), img.height()), (quirks::WIDTH, quirks::HEIGHT), "{}: upright", f["path"]);
            // Red at the top left, white at the bottom right, as the upright picture has.
            let (tl, br) = (image::GenericImageView::get_pixel(&img, 20, 12).0, image::GenericImageView::get_pixel(&img, 76, 52).0);
            assert!(tl[0] > 150 && tl[1] < 90 && br[0] > 180 && br[2] > 180, "{}: upright colours {tl:?} {br:?}", f["path"]);
        }
    }
}
