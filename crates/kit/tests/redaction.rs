//! Redaction that holds, driven through `appeal-kit fix` as an admin would: a masked card front
//! stays masked after "keep only the fixed version", the unmasked picture leaves no trace in
//! the database file or the files directory once nothing needs it, and a bundle cannot claim a
//! redaction its pixels do not show.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use base64::Engine;
use documents::fixtures;
use serde_json::{Value, json};

struct Env {
    dir: tempfile::TempDir,
}

const CARD_ANSWERS: &str = r#"{"customer_type":"direct","real_name_verified":false,"account_type":"enterprise","card_added":true}"#;

impl Env {
    fn new() -> Env {
        Env { dir: tempfile::tempdir().unwrap() }
    }
    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
    fn run_in(&self, data: &Path, args: &[&str]) -> (i32, String, String) {
        let out = Command::cargo_bin("appeal-kit").unwrap().env("APPEAL_KIT_DATA_DIR", data).args(args).output().unwrap();
        (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    }
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        self.run_in(&self.data(), args)
    }
    fn json(&self, args: &[&str]) -> Value {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    }
    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }
    fn write(&self, name: &str, bytes: &[u8]) -> String {
        std::fs::write(self.dir.path().join(name), bytes).unwrap();
        self.path(name)
    }
    /// A Huawei Cloud case whose checklist has the card front, with `photo` attached to it.
    fn card_case(&self, photo: &str) -> String {
        let answers = self.write("answers.json", CARD_ANSWERS.as_bytes());
        let id = self.json(&["case", "new", "--provider", "huawei-cloud", "--title", "Card", "--answers", &answers, "--json"])["id"].as_str().unwrap().to_string();
        let (code, _, err) = self.run(&["attach", &id, "card_front", photo]);
        assert_eq!(code, 0, "{err}");
        id
    }
    fn card_front(&self, case: &str) -> Value {
        let view = self.json(&["case", "show", case, "--json"]);
        view["items"].as_array().unwrap().iter().find(|s| s["item"] == "card_front").unwrap().clone()
    }
    /// The database file and its write-ahead log, byte for byte.
    fn db_bytes(&self) -> Vec<u8> {
        ["appeal-kit.sqlite3", "appeal-kit.sqlite3-wal"].iter().flat_map(|f| std::fs::read(self.data().join(f)).unwrap_or_default()).collect()
    }
    /// Every file under the files directory.
    fn stored_files(&self) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let mut stack = vec![self.data().join("files")];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
                if e.path().is_dir() { stack.push(e.path()) } else { out.push(std::fs::read(e.path()).unwrap()) }
            }
        }
        out
    }
}

fn thumbnail(file: &Value) -> Vec<u8> {
    let url = file["thumbnail"].as_str().unwrap();
    base64::engine::general_purpose::STANDARD.decode(url.split_once(',').unwrap().1).unwrap()
}

/// 32-byte pieces of `secret` that `allowed` does not contain (the parts of a JPEG that differ
/// from another: headers and unchanged rows are shared and prove nothing).
fn pieces(secret: &[u8], allowed: &[u8]) -> Vec<Vec<u8>> {
    secret.windows(32).step_by(32).filter(|w| !contains(allowed, w)).map(<[u8]>::to_vec).collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn found(hay: &[u8], pieces: &[Vec<u8>]) -> usize {
    pieces.iter().filter(|p| contains(hay, p)).count()
}

#[test]
fn a_kept_fixed_card_front_stays_redacted_and_the_unmasked_picture_is_gone() {
    let env = Env::new();
    let photo_bytes = fixtures::phone_photo(1600, 1000, 1, false);
    let photo = env.write("card.jpg", &photo_bytes);
    let case = env.card_case(&photo);
    let before = env.card_front(&case);
    assert_eq!(before["status"], "needs_attention");
    let file = &before["files"][0];
    assert_eq!(file["redacted"], false);
    let unmasked = thumbnail(file);
    let id = file["id"].as_str().unwrap().to_string();
    let prefix = &id[..4];

    // The same photo in a second case, deleted: it keeps the original until it is purged.
    let other = env.card_case(&photo);
    assert_eq!(env.run(&["case", "delete", &other]).0, 0);

    let fixed = env.json(&["fix", &case, prefix, "hide", "400,420,800,120", "--json"]);
    assert_eq!((fixed["redacted"].as_bool(), fixed["has_original"].as_bool()), (Some(true), Some(true)));
    let kept = env.json(&["fix", &case, prefix, "keep-fixed", "--json"]);
    assert_eq!((kept["redacted"].as_bool(), kept["has_original"].as_bool()), (Some(true), Some(false)), "{kept}");
    assert_eq!(kept["fixes"], json!([]), "the fixes are part of the kept picture now");
    let after = env.card_front(&case);
    assert_eq!(after["status"], "provided", "{after}");
    assert_eq!(after["attention"], json!([]), "it does not ask again to hide the digits");
    assert_eq!(after["files"][0]["redacted"], true);

    // Still named by the deleted case: the original and its thumbnail stay for the undo window.
    let masked = thumbnail(&after["files"][0]);
    let secret = pieces(&unmasked, &masked);
    assert!(secret.len() > 10, "the unmasked thumbnail differs from the masked one ({} pieces)", secret.len());
    assert!(found(&env.db_bytes(), &secret) > secret.len() / 2, "the deleted case's row still holds it (the check can see it)");
    assert!(env.stored_files().contains(&photo_bytes));

    // Past the undo window the deleted case is purged at start-up, and with it the last copy.
    let db = rusqlite::Connection::open(env.data().join("appeal-kit.sqlite3")).unwrap();
    db.execute("UPDATE cases SET deleted_at = '2000-01-01T00:00:00Z' WHERE deleted_at IS NOT NULL", []).unwrap();
    drop(db);
    assert_eq!(env.run(&["case", "rename", &case, "--title", "Card (masked)"]).0, 0);
    assert_eq!(env.run(&["case", "restore", &other]).0, 2, "purged for good");
    assert!(!env.stored_files().contains(&photo_bytes), "the unmasked original is gone from files/");
    assert_eq!(found(&env.db_bytes(), &secret), 0, "no piece of the unmasked thumbnail is left in the database file");
    assert_eq!(env.card_front(&case)["files"][0]["redacted"], true);
}

#[test]
fn keep_fixed_removes_an_original_nothing_else_names_at_once() {
    let env = Env::new();
    let photo_bytes = fixtures::phone_photo(1200, 800, 1, false);
    let case = env.card_case(&env.write("card.jpg", &photo_bytes));
    let file = env.card_front(&case)["files"][0].clone();
    let unmasked = thumbnail(&file);
    let id = file["id"].as_str().unwrap();
    assert!(found(&env.db_bytes(), &pieces(&unmasked, &[])) > 0);
    env.json(&["fix", &case, id, "rotate-right", "--json"]);
    env.json(&["fix", &case, id, "hide", "100,100,300,80", "500,100,200,80", "--json"]);
    let kept = env.json(&["fix", &case, id, "keep-fixed", "--json"]);
    let secret = pieces(&unmasked, &thumbnail(&kept));
    assert!(!env.stored_files().contains(&photo_bytes), "the original went with keep-fixed");
    assert_eq!(found(&env.db_bytes(), &secret), 0, "no piece of the unmasked thumbnail is left in the database file");
    assert_eq!(kept["redacted"], true);
    // Undo after keep-fixed has nothing to take back: the kept picture is the original now.
    let (code, _, err) = env.run(&["fix", &case, id, "undo"]);
    assert_eq!((code, err.trim()), (2, "appeal-kit: fix: there is no fix to undo"));
    assert_eq!(env.card_front(&case)["files"][0]["redacted"], true);
}

#[test]
fn fix_commands_refuse_bad_input_with_one_line_and_change_nothing() {
    let env = Env::new();
    let case = env.card_case(&env.write("card.jpg", &fixtures::phone_photo(800, 512, 1, false)));
    let id = env.card_front(&case)["files"][0]["id"].as_str().unwrap().to_string();
    let pdf_case = {
        let c = env.card_case(&env.write("card2.jpg", &fixtures::phone_photo(640, 400, 1, false)));
        env.run(&["attach", &c, "card_front", &env.write("scan.pdf", &fixtures::pdf(1))]);
        c
    };
    let pdf_id = env.card_front(&pdf_case)["files"].as_array().unwrap().iter().find(|f| f["media_type"] == "application/pdf").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let before = env.db_bytes();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["fix", &case, "zzzz", "rotate-left"], "has no file with id `zzzz`"),
        (vec!["fix", &case, "", "rotate-left"], "has no file with id"),
        (vec!["fix", "nocase", &id, "rotate-left"], "no case with id `nocase`"),
        (vec!["fix", &case, &id, "spin"], "`spin` is not a fix"),
        (vec!["fix", &case, &id, "straighten"], "no document seen at an angle"),
        (vec!["check", &case, &id, "--dismiss", "blurry"], "has no `blurry` warning"),
        (vec!["fix", &case, &id, "hide"], "one or more boxes"),
        (vec!["fix", &case, &id, "hide", "1,2,3"], "is not a box"),
        (vec!["fix", &case, &id, "hide", "1,-2,3,4"], "is not a box"),
        (vec!["fix", &case, &id, "hide", "700,400,200,50"], "does not lie inside the 800x512 picture"),
        (vec!["fix", &case, &id, "hide", "0,0,0,10"], "does not lie inside"),
        (vec!["fix", &case, &id, "hide", "4294967295,0,2,10"], "does not lie inside"),
        (vec!["fix", &case, &id, "crop", "1,1,10,10", "2,2,10,10"], "crop takes one box"),
        (vec!["fix", &case, &id, "rotate-left", "1,1,10,10"], "takes no boxes"),
        (vec!["fix", &case, &id, "undo"], "no fix to undo"),
        (vec!["fix", &case, &id, "keep-fixed"], "no fixed version"),
        (vec!["fix", &pdf_case, &pdf_id, "hide", "1,1,10,10"], "PDF files cannot be edited"),
        (vec!["fix", &pdf_case, &pdf_id, "rotate-left"], "PDF files cannot be edited"),
    ];
    for (args, message) in cases {
        let (code, out, err) = env.run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
    }
    assert_eq!(env.db_bytes(), before, "bad input changed the store");

    // The good ones, with a unique prefix; crop works in pixels of the upright picture.
    let prefix = &id[..3];
    assert_eq!(env.json(&["fix", &case, prefix, "crop", "100,64,600,256", "--json"])["fixes"][0]["op"], "crop");
    let hidden = env.json(&["fix", &case, prefix, "hide", "0,0,600,32", "--json"]);
    let rect = &hidden["fixes"][1]["rects"][0];
    let got: Vec<f64> = ["x", "y", "w", "h"].iter().map(|k| rect[*k].as_f64().unwrap()).collect();
    for (g, want) in got.iter().zip([0.0, 0.0, 1.0, 0.125]) {
        assert!((g - want).abs() < 1e-5, "pixels of the cropped 600x256 picture: {rect}");
    }
    let undone = env.json(&["fix", &case, prefix, "undo", "--json"]);
    assert_eq!((undone["fixes"].as_array().unwrap().len(), undone["redacted"].as_bool()), (1, Some(false)));
    let (code, text, _) = env.run(&["fix", &case, prefix, "rotate-left"]);
    assert_eq!(code, 0);
    assert!(text.contains("card_front") && text.contains("2 fixes"), "{text}");
}

/// A bundle's entries, to tamper with.
fn unzip(path: &str) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().to_string(), bytes)
        })
        .collect()
}

fn rezip(path: &str, entries: &[(String, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn a_bundle_claim_of_redaction_counts_only_where_the_pixels_are_black() {
    let env = Env::new();
    let case = env.card_case(&env.write("card.jpg", &fixtures::phone_photo(1000, 640, 1, false)));
    let id = env.card_front(&case)["files"][0]["id"].as_str().unwrap().to_string();
    // Hide, then turn and crop: the bundle lists the box where it ended up.
    env.json(&["fix", &case, &id, "hide", "200,300,500,80", "--json"]);
    env.json(&["fix", &case, &id, "rotate-right", "--json"]);
    env.json(&["fix", &case, &id, "keep-fixed", "--json"]);
    env.json(&["fix", &case, &id, "crop", "100,50,500,900", "--json"]);
    let bundle = env.path("masked.zip");
    assert_eq!(env.run(&["export", &case, "--out", &bundle, "--allow-incomplete"]).0, 0);
    let import = |name: &str| {
        let data = env.dir.path().join(name);
        let (code, out, err) = env.run_in(&data, &["import", &bundle, "--json"]);
        assert_eq!(code, 0, "{err}");
        let id = serde_json::from_str::<Value>(&out).unwrap()["id"].as_str().unwrap().to_string();
        let (_, show, _) = env.run_in(&data, &["case", "show", &id, "--json"]);
        let view: Value = serde_json::from_str(&show).unwrap();
        view["items"].as_array().unwrap().iter().find(|s| s["item"] == "card_front").unwrap().clone()
    };
    let genuine = import("genuine");
    assert_eq!((genuine["status"].as_str(), genuine["files"][0]["redacted"].as_bool()), (Some("provided"), Some(true)), "{genuine}");

    // The same bundle with an unmasked card front claiming to be masked: not believed.
    let entries = unzip(&bundle);
    let mut manifest: Value = serde_json::from_slice(&entries.iter().find(|(n, _)| n == "manifest.json").unwrap().1).unwrap();
    let card = manifest["items"].as_array_mut().unwrap().iter_mut().find(|i| i["id"] == "card_front").unwrap();
    let listed = card["files"][0].clone();
    assert_eq!(listed["redacted"], true);
    assert_eq!(listed["hidden"].as_array().unwrap().len(), 1, "{listed}");
    let unmasked = documents::clean::for_export(fixtures::phone_photo(500, 900, 1, false)).unwrap().bytes;
    for (claim, name) in [(listed["hidden"].clone(), "claims-box"), (json!([]), "claims-flag"), (json!([{"x": 0.0, "y": 0.0, "w": 1.0, "h": 1.0}]), "claims-all")] {
        let mut m = manifest.clone();
        let f = &mut m["items"].as_array_mut().unwrap().iter_mut().find(|i| i["id"] == "card_front").unwrap()["files"][0];
        f["sha256"] = json!(store::files::sha256_hex(&unmasked));
        f["bytes"] = json!(unmasked.len());
        f["hidden"] = claim;
        let path = f["path"].as_str().unwrap().to_string();
        let tampered: Vec<(String, Vec<u8>)> = entries
            .iter()
            .map(|(n, b)| match n.as_str() {
                "manifest.json" => (n.clone(), serde_json::to_vec(&m).unwrap()),
                n if n == path => (n.to_string(), unmasked.clone()),
                _ => (n.clone(), b.clone()),
            })
            .collect();
        rezip(&bundle, &tampered);
        let state = import(name);
        assert_eq!(state["files"][0]["redacted"], false, "{name}: {state}");
        assert_eq!(state["status"], "needs_attention", "{name}: asks to hide the digits");
    }
}
