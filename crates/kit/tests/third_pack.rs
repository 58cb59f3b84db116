//! A third provider that exists only as data: a pack file and its source, installed at run
//! time, run through the whole kit (interview, checklist in both languages, information, letter
//! PDF, ticket text, attachments, export). Its own test binary: installing a pack is
//! process-wide.
use documents::fixtures;
use serde_json::{Value, json};

const PACK: (&str, &str) = (include_str!("fixtures/third-cloud.toml"), include_str!("fixtures/third-cloud.txt"));

#[test]
fn a_provider_that_is_only_data_runs_through_the_whole_kit() {
    rules::install("third-cloud", PACK.0, PACK.1).unwrap();
    assert!(kit::providers(kit::Language::En).iter().any(|p| p.id == "third-cloud" && p.name == "Third Cloud"));
    let dir = tempfile::tempdir().unwrap();
    let mut kit = kit::Kit::open(&dir.path().join("data")).unwrap();

    let view = kit.create_case("third-cloud", "Third", None).unwrap();
    let id = view.summary.id.clone();
    assert_eq!(view.checklist.missing_answers, ["holder"]);
    let view = kit.answer(&id, &json!({"holder": "company"})).unwrap();
    assert_eq!(serde_json::to_value(view.checklist.status).unwrap(), "ready");
    let items: Vec<&str> = view.checklist.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(items, ["id_photo", "consent_letter", "contact_phone"]);
    assert_eq!(view.letters, ["consent_letter"], "the pack's letter is offered");
    assert!(view.checklist.items[1].notes[0].text.contains("seal"));
    // The profile form asks for what the pack's profile_fields say, as the holder is.
    let ids = |v: &kit::CaseView| v.profile_fields.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&view), ["account_name", "holder_name", "uscc", "contact_phone"]);

    // Profile and information, checked as the pack says.
    kit.set_profile(&id, &json!({"account_name": "third-ops", "holder_name": "Third Co", "contact_phone": "+86 138 0000 0000"})).unwrap();
    assert!(kit.set_info(&id, "contact_phone", &json!({"phone": "not a phone"})).unwrap_err().is_bad_input());
    let view = kit.set_info(&id, "contact_phone", &json!({"phone": "+86 138 0000 0000"})).unwrap();
    assert_eq!(view.ticket_text.as_deref(), Some("Please recover account third-ops held by A company. Attached:\n1. Photo of the holder's ID card\n2. Consent letter, signed\n3. Contact phone number\nPhone: +86 138 0000 0000"));

    // In Chinese: the checklist, the fields and the ticket.
    kit.set_language(kit::Language::Zh);
    let zh = kit.case(&id).unwrap();
    assert_eq!(zh.checklist.items[0].title, "持有人身份证照片");
    assert_eq!(zh.items[2].fields[0].label, "电话号码");
    assert!(zh.ticket_text.unwrap().starts_with("请恢复公司持有的账号 third-ops。附件：\n1. 持有人身份证照片"));
    kit.set_language(kit::Language::En);

    // The letter, from the pack's blocks, in each language; the layout is the documents crate's.
    for lang in [kit::Lang::En, kit::Lang::Zh, kit::Lang::Bilingual] {
        let letter = kit.letter(&id, "consent_letter", lang).unwrap();
        assert!(letter.pdf.starts_with(b"%PDF-"), "{lang:?}");
        assert!(letter.missing_fields.is_empty(), "{lang:?}: {:?}", letter.missing_fields);
    }
    assert_eq!(kit.letter(&id, "consent_letter", kit::Lang::Zh).unwrap().title, "同意书");
    let other = kit.create_case("third-cloud", "Blank", Some(&json!({"holder": "person"}))).unwrap().summary.id;
    assert_eq!(ids(&kit.case(&other).unwrap()), ["account_name", "holder_name", "holder_id_number", "contact_phone"]);
    let blank = kit.letter(&other, "consent_letter", kit::Lang::En).unwrap();
    assert_eq!(blank.missing_fields, ["account_name", "holder_name"], "what to fill in by hand, in the profile form's order");

    // Attach, then export a complete bundle.
    let photo = dir.path().join("id.jpg");
    std::fs::write(&photo, fixtures::phone_photo(1200, 800, 1, false)).unwrap();
    let scan = dir.path().join("consent.jpg");
    std::fs::write(&scan, fixtures::phone_photo(800, 1200, 1, false)).unwrap();
    kit.attach(&id, "id_photo", &[&photo]).unwrap();
    kit.attach(&id, "consent_letter", &[&scan]).unwrap();
    let out = dir.path().join("third.zip");
    let report = kit.export(&id, &out, false, |_, _| {}).unwrap();
    assert!(report.complete, "{:?}", report.missing);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut manifest = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("manifest.json").unwrap(), &mut manifest).unwrap();
    let manifest: Value = serde_json::from_str(&manifest).unwrap();
    let ids: Vec<&str> = manifest["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["id_photo", "consent_letter", "contact_phone"]);
    assert_eq!(manifest["items"][2]["values"]["phone"], "+86 138 0000 0000");
}
