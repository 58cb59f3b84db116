//! Letters through the kit API, as the desktop app asks for them.
use kit::{Kit, Lang};
use serde_json::json;

#[test]
fn preview_pages_come_from_the_pdf_and_missing_fields_are_reported() {
    kit::pdf_worker::set_worker_program(env!("CARGO_BIN_EXE_appeal-kit"));
    let dir = tempfile::tempdir().unwrap();
    let mut kit = Kit::open(dir.path()).unwrap();
    let answers = json!({"customer_type":"direct","real_name_verified":true,"account_type":"enterprise","card_added":false});
    let id = kit.create_case("huawei-cloud", "HW", Some(&answers)).unwrap().summary.id;
    assert_eq!(kit.case(&id).unwrap().letters, ["authorization_letter"]);
    kit.set_profile(&id, &json!({"account_name": "hw-main", "holder_name": "Example Ltd"})).unwrap();

    let p = kit.letter_preview(&id, "authorization_letter", Lang::Bilingual, 1).unwrap();
    assert!(p.image.starts_with("data:image/png;base64,iVBORw0KGgo"), "a PNG");
    assert!(p.image.len() > 20_000, "a page with content, not a blank: {} bytes", p.image.len());
    assert_eq!((p.page, p.pages), (1, 1));
    assert!(p.missing_fields.contains(&"agent_name".to_string()) && !p.missing_fields.contains(&"account_name".to_string()));
    assert!(kit.letter_preview(&id, "authorization_letter", Lang::En, 2).is_err(), "no page 2");

    // Saving writes the file (never inside the data folder) and notes it in the timeline; a
    // preview does not.
    let inside = kit.save_letter(&id, "authorization_letter", Lang::Zh, &dir.path().join("letter.pdf"), false);
    assert!(inside.is_err_and(|e| e.to_string().contains("data folder")));
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("letter.pdf");
    kit.save_letter(&id, "authorization_letter", Lang::Zh, &out, false).unwrap();
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    let kinds: Vec<String> = kit.case(&id).unwrap().events.into_iter().map(|e| e.kind.as_str().to_string()).collect();
    assert_eq!(kinds, ["created", "profile", "letter"]);
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 1, "no temporary file left");
}

#[test]
fn letters_follow_the_checklist() {
    kit::pdf_worker::set_worker_program(env!("CARGO_BIN_EXE_appeal-kit"));
    let dir = tempfile::tempdir().unwrap();
    let mut kit = Kit::open(dir.path()).unwrap();
    let id = kit.create_case("alibaba-cloud", "Shop", Some(&json!({"verification":"individual","submitter_is_verified_individual":true,"appeal_items":["reset_password"]}))).unwrap().summary.id;
    assert!(kit.case(&id).unwrap().letters.is_empty(), "the verified individual needs no letter");
    assert!(kit.letter(&id, "appeal_letter", Lang::En).is_err());
    let view = kit.answer(&id, &json!({"submitter_is_verified_individual": false})).unwrap();
    assert_eq!(view.letters, ["appeal_letter"]);
    let dereg = kit.create_case("alibaba-cloud", "Old Co", Some(&json!({"verification":"enterprise","enterprise_status":"deregistered","can_log_on":false,"appeal_items":["change_phone"],"new_entity_available":true}))).unwrap();
    assert_eq!(dereg.letters, ["appeal_letter", "member_holder_change_form", "asset_disposal_certificate"]);
    assert!(dereg.ticket_text.unwrap().starts_with("I am applying to change the identity verification entity of account"));
}
