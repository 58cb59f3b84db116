//! Attaching through the service API: per-item status, fixes as versions, generated letters,
//! information items, and refusals that leave the store untouched.

use documents::fixtures;
use kit::{Fix, ItemStatus, Kit, Lang, Rect};
use serde_json::json;

struct Case {
    dir: tempfile::TempDir,
    kit: Kit,
    id: String,
}

fn huawei_card_case() -> Case {
    kit::pdf_worker::set_worker_program(env!("CARGO_BIN_EXE_appeal-kit"));
    let dir = tempfile::tempdir().unwrap();
    let mut kit = Kit::open(&dir.path().join("data")).unwrap();
    let answers = json!({"customer_type": "direct", "real_name_verified": false, "account_type": "enterprise", "card_added": true, "enterprise_in_china": true});
    let id = kit.create_case("huawei-cloud", "Shop", Some(&answers)).unwrap().summary.id;
    Case { dir, kit, id }
}

impl Case {
    fn write(&self, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
    fn state(&self, item: &str) -> kit::ItemState {
        self.kit.case(&self.id).unwrap().items.into_iter().find(|i| i.item == item).unwrap()
    }
    fn store_snapshot(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![self.dir.path().join("data")];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap().flatten() {
                if e.path().is_dir() {
                    stack.push(e.path());
                } else if !e.file_name().to_string_lossy().ends_with("-shm") {
                    out.push((e.path().display().to_string(), std::fs::read(e.path()).unwrap()));
                }
            }
        }
        out.sort();
        out
    }
}

#[test]
fn card_front_needs_masking_until_a_redaction_is_burnt_in() {
    let mut c = huawei_card_case();
    assert_eq!(c.state("card_front").status, ItemStatus::Missing);
    let photo = c.write("card.jpg", &fixtures::phone_photo(1600, 1000, 6, true));
    let view = c.kit.attach(&c.id, "card_front", &[photo]).unwrap();
    let state = view.items.iter().find(|i| i.item == "card_front").unwrap();
    assert_eq!(state.status, ItemStatus::NeedsAttention);
    assert!(state.attention[0].contains("first 6 and last 4"));
    let file = &state.files[0];
    assert!(file.has_location, "GPS found and shown");
    assert_eq!((file.width, file.height), (1600, 1000), "upright size");
    assert!(file.thumbnail.starts_with("data:image/jpeg;base64,"));

    // Rotating is not masking; hiding the digits is.
    let id = file.id.clone();
    c.kit.fix_attachment(&id, Fix::Rotate { quarter_turns: 2 }).unwrap();
    assert_eq!(c.state("card_front").status, ItemStatus::NeedsAttention);
    let view = c.kit.fix_attachment(&id, Fix::Redact { rects: vec![Rect { x: 0.3, y: 0.4, w: 0.3, h: 0.1 }] }).unwrap();
    let state = view.items.iter().find(|i| i.item == "card_front").unwrap();
    assert_eq!(state.status, ItemStatus::Provided);
    assert!(state.files[0].has_original);

    // The exported version is the fixed one: no metadata, pixels burnt.
    let (_, bytes, _) = c.kit.attachment_file(&id).unwrap();
    assert_eq!(documents::intake::exif_facts(&bytes), (1, false));
    let img = image::load_from_memory(&bytes).unwrap().to_rgb8();
    let p = img.get_pixel(800, 450).0;
    assert!(p.iter().all(|v| *v < 25), "burnt in: {p:?}");

    // Undo takes the redaction back; discarding the original makes the fix permanent.
    c.kit.undo_fix(&id).unwrap();
    assert_eq!(c.state("card_front").status, ItemStatus::NeedsAttention);
    c.kit.fix_attachment(&id, Fix::Redact { rects: vec![Rect { x: 0.3, y: 0.4, w: 0.3, h: 0.1 }] }).unwrap();
    c.kit.discard_original(&id).unwrap();
    let f = &c.state("card_front").files[0];
    assert!(!f.has_original && f.fixes.is_empty());
    assert!(c.kit.undo_fix(&id).is_err(), "nothing left to undo");
}

#[test]
fn refused_files_name_the_file_and_store_nothing() {
    let mut c = huawei_card_case();
    let good = c.write("card.jpg", &fixtures::phone_photo(400, 300, 1, false));
    let before = c.store_snapshot();
    for (name, bytes) in [
        ("notes.jpg", b"plain text".to_vec()),
        ("bomb.png", fixtures::png_bomb(50_000, 50_000)),
        ("half.jpg", fixtures::phone_photo(400, 300, 1, false)[..3000].to_vec()),
        ("photo.heic", [&[0, 0, 0, 24][..], b"ftypheic", &[0; 12]].concat()),
    ] {
        let bad = c.write(name, &bytes);
        let err = c.kit.attach(&c.id, "card_front", &[good.clone(), bad]).unwrap_err();
        assert!(err.to_string().starts_with(&format!("{name}: ")), "{err}");
        assert!(err.is_bad_input());
    }
    for item in ["mobile_number", "real_name_certificate", "nonsense"] {
        assert!(c.kit.attach(&c.id, item, &[good.clone()]).unwrap_err().is_bad_input(), "{item}");
    }
    // The desktop's way in: the same policy, with every refused file named.
    let (notes, half) = (c.write("notes.jpg", b"plain text"), c.write("half.jpg", &fixtures::phone_photo(400, 300, 1, false)[..3000]));
    let checked = kit::attachments::check_files(&[notes, good.clone(), half], |_| {});
    assert_eq!(checked.refusal().unwrap().to_string().matches(": ").count(), 2, "both named: {}", checked.refusal().unwrap());
    let result = c.kit.attach_checked(&c.id, "card_front", checked).unwrap();
    assert_eq!(result.refused.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["notes.jpg", "half.jpg"]);
    assert!(result.case.items.iter().all(|i| i.files.is_empty()), "the good file is not stored either");
    assert_eq!(c.store_snapshot(), before, "nothing written");
}

#[test]
fn files_are_removed_with_undo_moved_and_replaced() {
    let mut c = huawei_card_case();
    let a = c.write("a.png", &fixtures::png(100, 80));
    let b = c.write("b.pdf", &fixtures::pdf(2));
    c.kit.attach(&c.id, "consumption_proof", &[a.clone(), b]).unwrap();
    let files = c.state("consumption_proof").files;
    assert_eq!(files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["a.png", "b.pdf"]);
    assert_eq!(files[1].pages, 2);
    let page = c.kit.attachment_page(&files[1].id, 2, 800).unwrap();
    assert_eq!((page.page, page.pages), (2, 2));

    c.kit.remove_attachment(&files[0].id).unwrap();
    assert_eq!(c.state("consumption_proof").files.len(), 1);
    c.kit.restore_attachment(&files[0].id).unwrap();
    assert_eq!(c.state("consumption_proof").files[0].name, "a.png");

    c.kit.move_attachment(&files[1].id, "card_holder_certificate", 0).unwrap();
    assert_eq!(c.state("card_holder_certificate").files[0].name, "b.pdf");
    assert!(c.kit.move_attachment(&files[1].id, "mobile_number", 0).unwrap_err().is_bad_input());

    let new = kit::prepare(&c.write("c.png", &fixtures::png(90, 90))).unwrap();
    c.kit.replace_attachment(&files[0].id, new).unwrap();
    assert_eq!(c.state("consumption_proof").files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["c.png"]);
}

#[test]
fn a_letter_item_with_only_the_generated_letter_needs_the_signed_scan() {
    let mut c = huawei_card_case();
    c.kit.set_profile(&c.id, &json!({"holder_name": "Acme Ltd", "uscc": "91350100M000100Y43"})).unwrap();
    let out = c.dir.path().join("letter.pdf");
    c.kit.save_letter(&c.id, "authorization_letter", Lang::En, &out, false).unwrap();
    c.kit.attach(&c.id, "authorization_letter", &[out]).unwrap();
    let state = c.state("authorization_letter");
    assert_eq!(state.status, ItemStatus::NeedsAttention);
    assert!(state.files[0].generated_letter);
    assert!(state.attention[0].contains("sign or seal"));
    let scan = c.write("signed.jpg", &fixtures::phone_photo(1000, 1400, 1, false));
    c.kit.attach(&c.id, "authorization_letter", &[scan]).unwrap();
    assert_eq!(c.state("authorization_letter").status, ItemStatus::Provided);
}

#[test]
fn information_items_are_checked_merged_and_complete_when_required_fields_are_filled() {
    kit::pdf_worker::set_worker_program(env!("CARGO_BIN_EXE_appeal-kit"));
    let dir = tempfile::tempdir().unwrap();
    let mut kit = Kit::open(dir.path()).unwrap();
    let answers = json!({"customer_type": "reseller", "real_name_verified": false, "account_type": "individual"});
    let id = kit.create_case("huawei-cloud", "Reseller", Some(&answers)).unwrap().summary.id;
    let status = |kit: &Kit, item: &str| kit.case(&id).unwrap().items.into_iter().find(|i| i.item == item).unwrap().status;
    assert_eq!(status(&kit, "mobile_number"), ItemStatus::Missing);
    let e = kit.set_info(&id, "mobile_number", &json!({"mobile_number": "call me"})).unwrap_err();
    assert_eq!(e.info().field.as_deref(), Some("mobile_number"));
    assert!(kit.set_info(&id, "mobile_number", &json!({"fax": "1"})).unwrap_err().to_string().contains("its fields are mobile_number"));
    assert!(kit.set_info(&id, "partner_consent_email", &json!({})).unwrap_err().is_bad_input());
    kit.set_info(&id, "mobile_number", &json!({"mobile_number": "+86 138 0013 8000"})).unwrap();
    assert_eq!(status(&kit, "mobile_number"), ItemStatus::Provided);

    kit.set_info(&id, "name_and_contact_address", &json!({"name": "Li Lei", "city": "Hangzhou"})).unwrap();
    assert_eq!(status(&kit, "name_and_contact_address"), ItemStatus::Missing, "address line still empty");
    kit.set_info(&id, "name_and_contact_address", &json!({"address_line": "1 West Lake Rd", "province_region": "Zhejiang", "country_region": "China"})).unwrap();
    assert_eq!(status(&kit, "name_and_contact_address"), ItemStatus::Provided);
    assert_eq!(kit.case(&id).unwrap().info["name_and_contact_address"]["name"], "Li Lei", "merged, not replaced");

    // "Empty if none": saving the latest service with no values provides it.
    kit.set_info(&id, "latest_cloud_service", &json!({})).unwrap();
    assert_eq!(status(&kit, "latest_cloud_service"), ItemStatus::Provided);
}
