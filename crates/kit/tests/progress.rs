//! Issue 12: the answers' status and the materials' progress are two things; the unsigned
//! letter never ships beside its signed scan; the cover sheet speaks to the provider; a
//! duplicate is a fresh start for another account of the same holder.

use std::io::Read;
use std::path::{Path, PathBuf};

use documents::fixtures;
use kit::{ItemStatus, Kit, Lang, Materials};
use serde_json::json;

struct Env {
    dir: tempfile::TempDir,
    kit: Kit,
}

const HUAWEI_ENTERPRISE: &str = r#"{"customer_type": "direct", "real_name_verified": true, "account_type": "enterprise", "card_added": false}"#;

impl Env {
    fn new() -> Env {
        // PDFs are drawn by a worker process: here, the appeal-kit binary.
        kit::pdf_worker::set_worker_program(env!("CARGO_BIN_EXE_appeal-kit"));
        let dir = tempfile::tempdir().unwrap();
        let kit = Kit::open(&dir.path().join("data")).unwrap();
        Env { dir, kit }
    }
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
    fn huawei(&mut self, title: &str) -> String {
        let answers: serde_json::Value = serde_json::from_str(HUAWEI_ENTERPRISE).unwrap();
        self.kit.create_case("huawei-cloud", title, Some(&answers)).unwrap().summary.id
    }
    fn listed(&self, id: &str) -> kit::CaseSummary {
        self.kit.case_page("", 100).unwrap().cases.into_iter().find(|c| c.id == id).unwrap()
    }
}

fn zip_names(zip: &Path) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    (0..archive.len()).map(|i| archive.by_index(i).unwrap().name().unwrap().to_string()).collect()
}

fn zip_entry(zip: &Path, name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut bytes = Vec::new();
    archive.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
    bytes
}

#[test]
fn twenty_answered_cases_with_nothing_attached_are_not_ready_to_export() {
    let mut env = Env::new();
    let ids: Vec<String> = (0..20).map(|i| env.huawei(&format!("Account {i}"))).collect();
    let page = env.kit.case_page("", 100).unwrap();
    assert_eq!(page.cases.len(), 20);
    for c in &page.cases {
        assert_eq!(c.checklist_status, rules::Status::Ready, "the questions are answered");
        assert_eq!(c.materials, Materials { required: 3, provided: 0, attention: 0 }, "{}", c.title);
        assert!(!c.ready_to_export, "{}", c.title);
    }
    assert!(env.kit.list_cases("").unwrap().iter().all(|c| !c.ready_to_export));
    assert!(ids.iter().all(|id| !env.kit.case(id).unwrap().summary.ready_to_export));
}

#[test]
fn the_list_judges_materials_as_the_case_screen_does() {
    let mut env = Env::new();
    let id = env.huawei("Shop");
    env.kit.set_profile(&id, &json!({"holder_name": "Acme Ltd", "uscc": "91350100M000100Y43"})).unwrap();
    let same = |env: &Env| {
        let view = env.kit.case(&id).unwrap().summary;
        let listed = env.listed(&id);
        assert_eq!(listed.materials, view.materials);
        assert_eq!(listed.ready_to_export, view.ready_to_export);
        view
    };
    assert_eq!(same(&env).materials, Materials { required: 3, provided: 0, attention: 0 });

    let cert = env.write("cert.png", &fixtures::png_with_text(900, 1200, "Software\0Scanner"));
    env.kit.attach(&id, "real_name_certificate", &[cert]).unwrap();
    assert_eq!(same(&env).materials, Materials { required: 3, provided: 1, attention: 0 });

    // Appeal Kit's own unsigned letter alone: attached, but it needs attention.
    let letter = env.dir.path().join("letter.pdf");
    env.kit.save_letter(&id, "authorization_letter", Lang::En, &letter, false).unwrap();
    env.kit.attach(&id, "authorization_letter", &[&letter]).unwrap();
    assert_eq!(same(&env).materials, Materials { required: 3, provided: 1, attention: 1 });

    let scan = env.write("signed.jpg", &fixtures::phone_photo(1000, 1400, 1, false));
    env.kit.attach(&id, "authorization_letter", &[scan]).unwrap();
    let records = env.write("records.pdf", &fixtures::pdf(2));
    env.kit.attach(&id, "transaction_records", &[records]).unwrap();
    let done = same(&env);
    assert_eq!(done.materials, Materials { required: 3, provided: 3, attention: 0 });
    assert!(done.ready_to_export);
}

#[test]
fn the_unsigned_letter_never_ships_beside_its_signed_scan() {
    let mut env = Env::new();
    let id = env.huawei("Shop");
    env.kit.set_profile(&id, &json!({"account_name": "acme-ops", "holder_name": "Acme Ltd"})).unwrap();
    for (item, name) in [("real_name_certificate", "cert.png"), ("transaction_records", "records.png")] {
        let p = env.write(name, &fixtures::png_with_text(900, 1200, "Software\0Scanner"));
        env.kit.attach(&id, item, &[p]).unwrap();
    }
    let letter = env.dir.path().join("authorization-letter-en.pdf");
    env.kit.save_letter(&id, "authorization_letter", Lang::En, &letter, false).unwrap();
    env.kit.attach(&id, "authorization_letter", &[&letter]).unwrap();

    // Alone, it holds the bundle back, and the check says why.
    let gaps = env.kit.completeness(&id).unwrap();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!(gaps[0].item.as_deref(), Some("authorization_letter"));
    assert!(gaps[0].reason.contains("unsigned letter"), "{}", gaps[0].reason);
    assert!(env.kit.export(&id, &env.dir.path().join("refused.zip"), false, |_, _| {}).is_err());

    // With the signed scan beside it, the item is provided and only the scan is exported.
    let scan = env.write("signed.jpg", &fixtures::phone_photo(1000, 1400, 1, false));
    env.kit.attach(&id, "authorization_letter", &[scan]).unwrap();
    assert_eq!(env.kit.case(&id).unwrap().items.iter().find(|s| s.item == "authorization_letter").unwrap().status, ItemStatus::Provided);
    let out = env.dir.path().join("bundle.zip");
    let report = env.kit.export(&id, &out, false, |_, _| {}).unwrap();
    assert!(report.complete);
    let letters: Vec<String> = zip_names(&out).into_iter().filter(|n| n.contains("authorization_letter/")).collect();
    assert_eq!(letters.len(), 1, "{letters:?}");
    assert!(letters[0].ends_with("signed.jpg"), "{letters:?}");
    let manifest: serde_json::Value = serde_json::from_slice(&zip_entry(&out, "manifest.json")).unwrap();
    let item = manifest["items"].as_array().unwrap().iter().find(|i| i["id"] == "authorization_letter").unwrap();
    assert_eq!(item["files"].as_array().unwrap().len(), 1);
}

#[test]
fn the_cover_sheet_is_titled_for_the_provider_and_optional_items_are_not_missing() {
    let mut env = Env::new();
    let answers = json!({"verification": "individual", "appeal_items": ["change_phone"], "submitter_is_verified_individual": false});
    let id = env.kit.create_case("alibaba-cloud", "Mom's Alibaba account", Some(&answers)).unwrap().summary.id;
    env.kit.set_profile(&id, &json!({"account_name": "li-lei-88", "holder_name": "Li Lei"})).unwrap();
    let out = env.dir.path().join("partial.zip");
    env.kit.export(&id, &out, true, |_, _| {}).unwrap();
    let text = pdf_extract::extract_text_from_mem(&zip_entry(&out, "checklist.pdf")).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!flat.contains("Mom"), "the private case title reached the provider: {flat}");
    assert!(flat.contains("Appeal materials: Alibaba Cloud account li-lei-88 (Li Lei)"), "{flat}");
    // supplementary_documents is as needed: left out, it is not a gap.
    let optional = flat.split("Supplementary documents").nth(1).unwrap_or_default();
    assert!(optional.trim_start().starts_with("(as needed) Not provided (optional)."), "{optional}");
    // Required items still say MISSING.
    assert!(flat.contains("MISSING"), "{flat}");
}

#[test]
fn a_duplicate_shares_the_holder_s_documents_and_clears_the_account_name() {
    let mut env = Env::new();
    let id = env.huawei("Acme main");
    env.kit.set_profile(&id, &json!({"account_name": "acme-main", "holder_name": "Acme Ltd"})).unwrap();
    let cert = env.write("license.png", &fixtures::png_with_text(900, 1200, "Software\0Scanner"));
    env.kit.attach(&id, "real_name_certificate", &[cert]).unwrap();
    let records = env.write("records.pdf", &fixtures::pdf(2));
    env.kit.attach(&id, "transaction_records", &[records]).unwrap();

    let copy = env.kit.duplicate(&id).unwrap();
    assert_ne!(copy.summary.id, id);
    assert_eq!(copy.profile.account_name, None, "the copy is for another account");
    assert_eq!(copy.profile.holder_name.as_deref(), Some("Acme Ltd"));
    let files = |item: &str| copy.items.iter().find(|s| s.item == item).unwrap().files.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
    assert_eq!(files("real_name_certificate"), ["license.png"]);
    assert!(files("transaction_records").is_empty(), "records belong to the other account");
    assert_eq!(copy.summary.materials, Materials { required: 3, provided: 1, attention: 0 });
    // The original is untouched, and removing the copy's file leaves the original's.
    let shared = copy.items.iter().find(|s| s.item == "real_name_certificate").unwrap().files[0].id.clone();
    env.kit.remove_attachment(&shared).unwrap();
    assert_eq!(env.kit.case(&id).unwrap().items.iter().find(|s| s.item == "real_name_certificate").unwrap().files.len(), 1);
}

/// Every stored file's content removed from the disk, as if the data folder lost them.
fn lose_stored_files(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if path.is_dir() {
            lose_stored_files(&path);
        } else if name.len() == 64 && name.chars().all(|c| c.is_ascii_hexdigit()) {
            std::fs::remove_file(&path).unwrap();
        }
    }
}

/// No English word in a text meant for a Chinese reader (the product's name aside).
fn no_english(text: &str) -> bool {
    !text.replace("Appeal Kit", "").chars().any(|c| c.is_ascii_alphabetic())
}

#[test]
fn a_chinese_case_warns_and_writes_its_cover_sheet_in_chinese() {
    let mut env = Env::new();
    env.kit.set_language(kit::Language::Zh);
    let id = env.huawei("Shop");
    env.kit.set_profile(&id, &json!({"account_name": "acme-ops", "holder_name": "Acme Ltd"})).unwrap();
    let letter = env.dir.path().join("letter.pdf");
    env.kit.save_letter(&id, "authorization_letter", Lang::Zh, &letter, false).unwrap();
    env.kit.attach(&id, "authorization_letter", &[&letter]).unwrap();
    let records = env.write("records.pdf", &fixtures::pdf(2));
    env.kit.attach(&id, "transaction_records", &[records]).unwrap();

    // The unsigned letter's warning, and the gaps the export dialog lists.
    let view = env.kit.case(&id).unwrap();
    let state = view.items.iter().find(|s| s.item == "authorization_letter").unwrap();
    assert_eq!(state.status, ItemStatus::NeedsAttention);
    assert!(!state.attention.is_empty() && state.attention.iter().all(|a| no_english(a)), "{:?}", state.attention);
    for g in env.kit.completeness(&id).unwrap() {
        assert!(no_english(&g.title) && no_english(&g.reason), "{g:?}");
    }

    // The cover sheet: its own words in Chinese too, around the pack's Chinese titles.
    let out = env.dir.path().join("partial.zip");
    env.kit.export(&id, &out, true, |_, _| {}).unwrap();
    let text = pdf_extract::extract_text_from_mem(&zip_entry(&out, "checklist.pdf")).unwrap();
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("申诉材料") && flat.contains("材料不完整"), "{flat}");
    for english in ["Appeal materials", "Provider", "MISSING", "required", "Provided", "Incomplete", "NOT READY", "Text for the ticket"] {
        assert!(!flat.contains(english), "{english:?} on a Chinese cover sheet: {flat}");
    }

    // A stored file gone from the disk (found at start-up): said in Chinese as well.
    lose_stored_files(&env.dir.path().join("data"));
    env.kit = Kit::open(&env.dir.path().join("data")).unwrap();
    env.kit.set_language(kit::Language::Zh);
    let view = env.kit.case(&id).unwrap();
    let state = view.items.iter().find(|s| s.item == "transaction_records").unwrap();
    assert_eq!(state.status, ItemStatus::NeedsAttention);
    assert!(state.attention.iter().all(|a| no_english(a)), "{:?}", state.attention);

    // The same case in English says it in English.
    env.kit.set_language(kit::Language::En);
    let state = env.kit.case(&id).unwrap().items.into_iter().find(|s| s.item == "transaction_records").unwrap();
    assert!(state.attention.iter().any(|a| a.contains("missing from the disk")), "{:?}", state.attention);
}
