//! Export and import of bundles: the manifest's hashes read back, byte-identical exports,
//! clean upright images, a round trip, refusals of hostile zips, and appeal deadlines.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use documents::fixtures;
use kit::{AppealStatus, Kit};
use serde_json::{Value, json};
use zip::write::SimpleFileOptions;

struct Env {
    dir: tempfile::TempDir,
    kit: Kit,
}

impl Env {
    fn new() -> Env {
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
    /// An Alibaba Cloud individual appeal with every required item provided.
    fn complete_case(&mut self) -> String {
        let answers = json!({"verification": "individual", "appeal_items": ["change_phone"], "submitter_is_verified_individual": false});
        let id = self.kit.create_case("alibaba-cloud", "李雷的账号 — a long, non-Latin title", Some(&answers)).unwrap().summary.id;
        let photos = [
            self.write("身份证 正面 front.jpg", &fixtures::phone_photo(1200, 800, 6, true)),
            self.write("back.jpg", &fixtures::phone_photo(1200, 800, 1, true)),
        ];
        self.kit.attach(&id, "id_card_front_back", &photos).unwrap();
        let letter = self.write("signed-letter.png", &fixtures::png_with_text(900, 1200, "Software\0Scanner"));
        self.kit.attach(&id, "appeal_letter", &[letter]).unwrap();
        let receipt = self.write("receipt.pdf", &fixtures::pdf(2));
        self.kit.attach(&id, "payment_proof", &[receipt]).unwrap();
        self.kit.set_info(&id, "supplementary_explanation", &json!({"explanation": "The phone number was re-issued."})).unwrap();
        id
    }
}

fn entries(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().to_string(), bytes)
        })
        .collect()
}

fn manifest(zip: &Path) -> Value {
    serde_json::from_slice(&entries(zip).into_iter().find(|(n, _)| n == "manifest.json").unwrap().1).unwrap()
}

#[test]
fn a_complete_case_exports_a_bundle_whose_manifest_matches_every_file() {
    let mut env = Env::new();
    let id = env.complete_case();
    assert!(env.kit.completeness(&id).unwrap().is_empty());
    let out = env.dir.path().join("bundle.zip");
    let report = env.kit.export(&id, &out, false, |_, _| {}).unwrap();
    assert!(report.complete);

    let files = entries(&out);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    // The files first, as they are cleaned; the cover sheet and the manifest (which names every
    // file's hash) last. Readers and file managers go by the zip's directory, not this order.
    assert_eq!(names[names.len() - 2..], ["checklist.pdf", "manifest.json"]);
    assert!(names.contains(&"01-id_card_front_back/01-身份证 正面 front.jpg"), "{names:?}");
    assert!(names.contains(&"02-appeal_letter/01-signed-letter.png"));
    assert!(names.contains(&"03-payment_proof/01-receipt.pdf"));
    assert!(names.contains(&"05-supplementary_explanation/values.txt"));

    let m = manifest(&out);
    assert_eq!(m["format"], "appeal-kit-bundle/1");
    assert_eq!(m["case"]["provider"], "alibaba-cloud");
    assert_eq!(m["answers"]["appeal_items"], json!(["change_phone"]));
    let items = m["items"].as_array().unwrap();
    let status: Vec<(&str, &str)> = items.iter().map(|i| (i["id"].as_str().unwrap(), i["status"].as_str().unwrap())).collect();
    assert_eq!(status, [("id_card_front_back", "provided"), ("appeal_letter", "provided"), ("payment_proof", "provided"), ("supplementary_documents", "missing"), ("supplementary_explanation", "provided")]);
    assert_eq!(items[4]["values"]["explanation"], "The phone number was re-issued.");
    // Every file but the manifest is listed with its hash and size, and nothing else is there.
    let mut listed: Vec<&Value> = items.iter().flat_map(|i| i["files"].as_array().unwrap()).collect();
    listed.extend(m["documents"].as_array().unwrap());
    assert_eq!(listed.len(), files.len() - 1);
    for f in listed {
        let (_, bytes) = files.iter().find(|(n, _)| n == f["path"].as_str().unwrap()).unwrap();
        assert_eq!(store::files::sha256_hex(bytes), f["sha256"].as_str().unwrap(), "{}", f["path"]);
        assert_eq!(bytes.len() as u64, f["bytes"].as_u64().unwrap());
    }
    // Images leave upright, without EXIF, GPS or text chunks.
    for (name, bytes) in &files {
        if name.ends_with(".jpg") || name.ends_with(".png") {
            assert_eq!(documents::intake::exif_facts(bytes), (1, false), "{name}");
            assert!(!bytes.windows(4).any(|w| w == b"tEXt"), "{name}");
            let img = image::load_from_memory(bytes).unwrap();
            if name.contains("id_card") {
                assert_eq!((img.width(), img.height()), (1200, 800), "{name} is upright");
                let p = image::GenericImageView::get_pixel(&img, 300, 200).0;
                assert!(p[0] > 150 && p[1] < 90, "{name}: red at the top left, {p:?}");
            }
        }
    }
    let pdf = files.iter().find(|(n, _)| n.ends_with("receipt.pdf")).unwrap();
    // The PDF leaves without its metadata, its pages as they were.
    assert_eq!(fixtures::leftovers::metadata_left(&pdf.1), Vec::<String>::new());
    for page in 0..2 {
        assert_eq!(documents::intake::view(&pdf.1, 400, page).unwrap(), documents::intake::view(&fixtures::pdf(2), 400, page).unwrap());
    }
    let cleaned = |path: &str| items.iter().flat_map(|i| i["files"].as_array().unwrap()).find(|f| f["path"].as_str().unwrap().ends_with(path)).unwrap()["cleaned"].clone();
    assert_eq!(cleaned("front.jpg"), json!(["metadata_removed", "turned_lossless"]));
    assert_eq!(cleaned("back.jpg"), json!(["metadata_removed"]));
    assert_eq!(cleaned("receipt.pdf"), json!(["metadata_removed"]));
    assert!(m["documents"][0].get("cleaned").is_none(), "the cover sheet was written by the app");
    let cover = pdf_extract::extract_text_from_mem(&files.iter().find(|(n, _)| n == "checklist.pdf").unwrap().1).unwrap();
    assert!(cover.contains("Every required item is provided"), "{cover}");
}

#[test]
fn the_same_unchanged_case_exports_byte_identical_zips() {
    let mut env = Env::new();
    let id = env.complete_case();
    let (a, b) = (env.dir.path().join("a.zip"), env.dir.path().join("b.zip"));
    env.kit.export(&id, &a, false, |_, _| {}).unwrap();
    env.kit.export(&id, &b, false, |_, _| {}).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());

    // The sideways photo's copy made ahead (as the desktop app does after attaching) gives the
    // same bundle, and is what the export reads: with the photo itself gone from disk, it
    // still exports.
    assert_eq!(env.kit.prepare_exports().unwrap(), 1, "one photo is stored sideways");
    assert_eq!(env.kit.prepare_exports().unwrap(), 0, "made once");
    let c = env.dir.path().join("c.zip");
    env.kit.export(&id, &c, false, |_, _| {}).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&c).unwrap());
    let original = store::files::sha256_hex(&fixtures::phone_photo(1200, 800, 6, true));
    let stored = env.dir.path().join("data/files").join(&original[..2]).join(&original);
    std::fs::remove_file(&stored).unwrap();
    let d = env.dir.path().join("d.zip");
    env.kit.export(&id, &d, false, |_, _| {}).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&d).unwrap());
}

#[test]
fn an_incomplete_case_is_refused_unless_allowed_and_then_says_what_is_missing() {
    let mut env = Env::new();
    let answers = json!({"verification": "individual", "appeal_items": ["change_phone"], "submitter_is_verified_individual": false});
    let id = env.kit.create_case("alibaba-cloud", "Half done", Some(&answers)).unwrap().summary.id;
    let out = env.dir.path().join("half.zip");
    let err = env.kit.export(&id, &out, false, |_, _| {}).unwrap_err();
    assert!(err.is_bad_input());
    assert!(err.to_string().contains("id_card_front_back (nothing attached)"), "{err}");
    assert!(!out.exists());
    let report = env.kit.export(&id, &out, true, |_, _| {}).unwrap();
    assert!(!report.complete);
    let m = manifest(&out);
    assert_eq!(m["complete"], false);
    assert_eq!(m["missing"], json!(["id_card_front_back", "appeal_letter", "payment_proof"]));
    let cover = pdf_extract::extract_text_from_mem(&entries(&out).into_iter().find(|(n, _)| n == "checklist.pdf").unwrap().1).unwrap();
    assert!(cover.contains("Incomplete") && cover.contains("MISSING"), "{cover}");
}

#[test]
fn import_round_trips_a_case_with_all_its_files() {
    let mut env = Env::new();
    let id = env.complete_case();
    let out = env.dir.path().join("bundle.zip");
    env.kit.export(&id, &out, false, |_, _| {}).unwrap();

    // A colleague's machine: another store.
    let mut other = Kit::open(&env.dir.path().join("colleague")).unwrap();
    let view = other.import(&out).unwrap();
    let original = env.kit.case(&id).unwrap();
    assert_eq!(view.summary.title, original.summary.title);
    assert_eq!(view.answers, original.answers);
    assert_eq!(view.info, original.info);
    assert_eq!(view.summary.checklist_status, rules::Status::Ready);
    for (a, b) in view.items.iter().zip(&original.items) {
        assert_eq!((a.item.as_str(), a.status, a.files.len()), (b.item.as_str(), b.status, b.files.len()));
        let names = |s: &kit::ItemState| s.files.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(a), names(b));
    }
    // Exported again, the files are the same bytes.
    let again = env.dir.path().join("again.zip");
    other.export(&view.summary.id, &again, false, |_, _| {}).unwrap();
    let files = |p: &Path| entries(p).into_iter().filter(|(n, _)| n.contains('/')).collect::<Vec<_>>();
    assert_eq!(files(&again), files(&out));
}

/// A zip written entry by entry, as an attacker would.
fn craft(entries: &[(&str, &[u8])], options: SimpleFileOptions) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else if !e.file_name().to_string_lossy().ends_with("-shm") {
                out.push((e.path(), std::fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn hostile_or_broken_zips_are_refused_and_write_nothing() {
    let mut env = Env::new();
    let id = env.complete_case();
    let good = env.dir.path().join("good.zip");
    env.kit.export(&id, &good, false, |_, _| {}).unwrap();
    let good_entries = entries(&good);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let with = |extra: (&str, &[u8])| {
        let mut all: Vec<(&str, &[u8])> = good_entries.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
        all.push(extra);
        craft(&all, stored)
    };
    let tampered: Vec<(String, Vec<u8>)> =
        good_entries.iter().map(|(n, b)| (n.clone(), if n.ends_with("receipt.pdf") { [b.as_slice(), b" "].concat() } else { b.clone() })).collect();
    let tampered = craft(&tampered.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect::<Vec<_>>(), stored);
    let zeros = vec![0u8; 40 * 1024 * 1024];
    // The zip writer refuses duplicate names, so write two and rename one in place.
    let duplicate: Vec<u8> = {
        let z = craft(&[("manifest.json", b"{}"), ("manifest.jsoX", b"{}")], stored);
        let mut out = z.clone();
        for i in 0..z.len() - 13 {
            if &z[i..i + 13] == b"manifest.jsoX" {
                out[i + 12] = b'n';
            }
        }
        out
    };
    let mut symlink = zip::ZipWriter::new(Cursor::new(Vec::new()));
    symlink.add_symlink("manifest.json", "/etc/passwd", stored).unwrap();
    let symlink = symlink.finish().unwrap().into_inner();

    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("zip slip", with(("../../evil.txt", b"x")), "climbs out"),
        ("zip slip inside", with(("01-a/../../evil.txt", b"x")), "climbs out"),
        ("absolute path", with(("/tmp/evil.txt", b"x")), "absolute"),
        ("windows path", with(("C:\\evil.txt", b"x")), "backslash"),
        ("duplicate name", duplicate, "uplicate"),
        ("link", symlink, "link"),
        ("zip bomb", craft(&[("manifest.json", b"{}"), ("bomb.bin", &zeros)], deflated), "zip bomb"),
        ("garbage", b"PK\x03\x04 this is not really a zip".to_vec(), "not a zip"),
        ("empty file", Vec::new(), "not a zip"),
        ("not a bundle", craft(&[("photo.jpg", &fixtures::phone_photo(100, 100, 1, false))], stored), "no manifest.json"),
        ("other format", craft(&[("manifest.json", br#"{"format":"other/9"}"#)], stored), "not valid"),
        ("extra file", with(("notes.txt", b"hello")), "not in the manifest"),
        ("tampered file", tampered, "does not match its hash"),
    ];
    let data = env.dir.path().join("data");
    let before = snapshot(&data);
    env.write("hostile.zip", b"");
    let cwd_before = snapshot(env.dir.path()).len();
    for (what, bytes, expect) in cases {
        let path = env.write("hostile.zip", &bytes);
        let err = env.kit.import(&path).unwrap_err();
        assert!(err.is_bad_input(), "{what}: {err}");
        assert!(err.to_string().contains(expect), "{what}: {err}");
        assert_eq!(snapshot(&data), before, "{what}: the store is unchanged");
    }
    assert_eq!(snapshot(env.dir.path()).len(), cwd_before, "no file written beside the bundle");
    assert!(!env.dir.path().parent().unwrap().join("evil.txt").exists());
}

#[test]
fn submission_and_rejection_show_the_provider_s_deadlines() {
    let mut env = Env::new();
    let id = env.complete_case();
    let view = env.kit.set_status(&id, AppealStatus::Submitted, Some("QRY-2026-0042"), Some("2026-11-20")).unwrap();
    assert_eq!(view.appeal.ticket.as_deref(), Some("QRY-2026-0042"));
    let review = &view.appeal.deadlines[0];
    // Submitted on Friday 20 November: 3 business days is Wednesday 25 November.
    assert_eq!((review.id.as_str(), review.date.as_str(), review.act), ("review", "2026-11-25", false));
    assert!(review.source.quote.contains("within 3 business days"));
    assert_eq!(env.kit.list_cases("").unwrap()[0].next_deadline.as_ref().unwrap().date, "2026-11-25");

    let view = env.kit.set_status(&id, AppealStatus::Rejected, None, Some("2026-11-21")).unwrap();
    let window = &view.appeal.deadlines[0];
    assert_eq!((window.id.as_str(), window.date.as_str(), window.act), ("modify_after_rejection", "2026-11-24", true));
    assert!(window.source.quote.contains("Within 3 calendar days"));

    // Bad input changes nothing.
    for (status, ticket, on) in [
        (AppealStatus::Submitted, None, None),
        (AppealStatus::Submitted, Some("T"), Some("2026-13-01")),
        (AppealStatus::Submitted, Some("T"), Some("2999-01-01")),
        (AppealStatus::Approved, None, Some("2026-11-01")),
    ] {
        assert!(env.kit.set_status(&id, status, ticket, on).unwrap_err().is_bad_input(), "{status:?} {ticket:?} {on:?}");
    }
    assert_eq!(env.kit.case(&id).unwrap().appeal.status, AppealStatus::Rejected);
    let fresh = env.kit.create_case("huawei-cloud", "Not sent", None).unwrap().summary.id;
    assert!(env.kit.set_status(&fresh, AppealStatus::Approved, None, None).unwrap_err().to_string().contains("record the submission first"));
    // Huawei Cloud's document states no time limits: none are invented.
    assert!(env.kit.set_status(&fresh, AppealStatus::Submitted, Some("HW-1"), None).unwrap().appeal.deadlines.is_empty());
}

#[test]
fn a_masked_card_front_stays_masked_through_a_bundle() {
    let mut env = Env::new();
    let answers = json!({"customer_type": "direct", "real_name_verified": false, "account_type": "individual", "card_added": true});
    let id = env.kit.create_case("huawei-cloud", "Card", Some(&answers)).unwrap().summary.id;
    let card = env.write("card.jpg", &fixtures::phone_photo(800, 500, 1, false));
    let view = env.kit.attach(&id, "card_front", &[card]).unwrap();
    let file = view.items.iter().find(|s| s.item == "card_front").unwrap().files[0].id.clone();
    env.kit.fix_attachment(&file, kit::Fix::Redact { rects: vec![kit::Rect { x: 0.3, y: 0.4, w: 0.3, h: 0.1 }] }).unwrap();
    let out = env.dir.path().join("card.zip");
    env.kit.export(&id, &out, true, |_, _| {}).unwrap();
    let imported = Kit::open(&env.dir.path().join("other")).unwrap().import(&out).unwrap();
    let state = imported.items.iter().find(|s| s.item == "card_front").unwrap();
    assert_eq!(state.status, kit::ItemStatus::Provided, "{:?}", state.attention);
    assert!(state.files[0].redacted);
}
