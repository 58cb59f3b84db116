//! File checks through `appeal-kit` as an admin scripts them (CONTRACTS.md section 7): a
//! blurred photo is flagged in `case show --json` and makes its item need attention, the
//! dismissal is recorded on the timeline, a photo shot at an angle is straightened from the
//! suggested corners (and the undo brings the finding back), and the manifest records checks.

use std::path::PathBuf;

use assert_cmd::Command;
use documents::fixtures::corpus;
use serde_json::Value;

struct Env {
    dir: tempfile::TempDir,
}

const CARD_ANSWERS: &str = r#"{"customer_type":"direct","real_name_verified":false,"account_type":"enterprise","card_added":true}"#;

impl Env {
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::cargo_bin("appeal-kit").unwrap().env("APPEAL_KIT_DATA_DIR", self.dir.path().join("data")).env("LANG", "C").args(args).output().unwrap();
        (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    }
    fn json(&self, args: &[&str]) -> Value {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    }
    fn write(&self, name: &str, bytes: &[u8]) -> String {
        let p: PathBuf = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    }
    fn item(&self, case: &str, item: &str) -> Value {
        let show = self.json(&["case", "show", case, "--json"]);
        show["items"].as_array().unwrap().iter().find(|i| i["item"] == item).unwrap().clone()
    }
}

fn sample(name: &str) -> corpus::Sample {
    corpus::corpus().into_iter().find(|s| s.name == name).unwrap()
}

#[test]
fn findings_show_per_file_make_the_item_need_attention_and_can_be_dismissed_or_fixed() {
    let env = Env { dir: tempfile::tempdir().unwrap() };
    let answers = env.write("answers.json", CARD_ANSWERS.as_bytes());
    let (code, case, err) = env.run(&["case", "new", "--provider", "huawei-cloud", "--title", "Checks", "--answers", &answers]);
    assert_eq!(code, 0, "{err}");
    let case = case.trim().to_string();
    let sharp = env.write("sharp.jpg", &sample("card sharp").jpeg);
    let blurred = env.write("blurred.jpg", &sample("card blurred").jpeg);
    let angled = env.write("angled.jpg", &sample("card at an angle").jpeg);

    // A sharp, straight card: no finding, the item is provided.
    env.json(&["attach", &case, "card_holder_certificate", &sharp, "--json"]);
    let item = env.item(&case, "card_holder_certificate");
    assert_eq!(item["files"][0]["checks"], serde_json::json!([]));
    assert_eq!(item["status"], "provided", "{item}");

    // A blurred one: `checks` says so, quoting Huawei's requirement, and the item needs attention.
    env.json(&["attach", &case, "card_holder_certificate", &blurred, "--json"]);
    let item = env.item(&case, "card_holder_certificate");
    let file = &item["files"][1];
    assert_eq!(file["checks"][0]["id"], "blurry", "{file}");
    assert!(file["checks"][0]["message"].as_str().unwrap().contains("\"must be clear\""), "{file}");
    assert_eq!(file["checks"].as_array().unwrap().len(), 1, "{file}");
    assert_eq!(item["status"], "needs_attention");
    let show = env.json(&["case", "show", &case, "--json"]);
    assert_eq!(show["summary"]["materials"]["attention"], 1, "{}", show["summary"]);
    let list = env.json(&["case", "list", "--json"]);
    assert_eq!(list[0]["materials"]["attention"], 1);

    // Dismissed: no longer listed, the item is provided again, the timeline keeps it.
    let id = file["id"].as_str().unwrap();
    let checks = env.json(&["check", &case, &id[..6], "--dismiss", "blurry", "--json"]);
    assert_eq!(checks, serde_json::json!([]));
    assert_eq!(env.item(&case, "card_holder_certificate")["status"], "provided");
    let show = env.json(&["case", "show", &case, "--json"]);
    let events = show["events"].as_array().or(show["timeline"].as_array()).unwrap();
    assert!(events.iter().any(|e| e["kind"] == "dismissed_check" && e["detail"]["check"] == "blurry"), "{events:?}");
    let (code, _, err) = env.run(&["check", &case, id, "--dismiss", "blurry"]);
    assert_eq!(code, 2, "dismissing twice: {err}");
    let (code, _, err) = env.run(&["check", &case, id, "--dismiss", "smudged"]);
    assert_eq!(code, 2, "{err}");

    // Shot at an angle: `tilted`, straightened from the suggested corners, undone, redone.
    env.json(&["attach", &case, "card_holder_certificate", &angled, "--json"]);
    let file = env.item(&case, "card_holder_certificate")["files"][2].clone();
    assert_eq!(file["checks"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect::<Vec<_>>(), ["tilted"], "{file}");
    assert!(file["suggested_corners"].is_array());
    let id = file["id"].as_str().unwrap();
    let fixed = env.json(&["fix", &case, id, "straighten", "--json"]);
    assert_eq!(fixed["checks"], serde_json::json!([]), "{fixed}");
    assert_eq!(env.item(&case, "card_holder_certificate")["status"], "provided");
    let undone = env.json(&["fix", &case, id, "undo", "--json"]);
    assert_eq!(undone["checks"][0]["id"], "tilted");
    let straight = env.json(&["fix", &case, id, "straighten", "--json"]);
    let size = |f: &Value| (f["width"].as_u64().unwrap(), f["height"].as_u64().unwrap());
    assert_ne!(size(&straight), size(&undone), "width and height are the straightened version's");
    // Turned a quarter: the sides swap (then undone).
    let turned = env.json(&["fix", &case, id, "rotate-right", "--json"]);
    assert_eq!(size(&turned), (size(&straight).1, size(&straight).0));
    assert_eq!(size(&env.json(&["fix", &case, id, "undo", "--json"])), size(&straight));

    // The manifest records each file's checks (none left standing here).
    let out = env.dir.path().join("bundle.zip");
    env.json(&["export", &case, "--out", out.to_str().unwrap(), "--allow-incomplete", "--json"]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let manifest: Value = serde_json::from_reader(zip.by_name("manifest.json").unwrap()).unwrap();
    let item = manifest["items"].as_array().unwrap().iter().find(|i| i["id"] == "card_holder_certificate").unwrap();
    assert_eq!(item["files"].as_array().unwrap().len(), 3);
    assert!(item["files"].as_array().unwrap().iter().all(|f| f["checks"] == serde_json::json!([])), "{item}");
    // The straightened card went out in its true proportions.
    let path = item["files"][2]["path"].as_str().unwrap();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name(path).unwrap(), &mut bytes).unwrap();
    let facts = documents::intake::inspect(&bytes).unwrap();
    let ratio = facts.width as f64 / facts.height as f64;
    assert!((ratio / corpus::CARD_ASPECT - 1.0).abs() < 0.05, "{path}: aspect {ratio}");
    assert_eq!(size(&straight), (facts.width as u64, facts.height as u64), "case show gives the size of the file that ships");
}

/// A Huawei Cloud enterprise case: its authorization letter must carry the official seal.
fn letter_case(env: &Env, title: &str) -> String {
    let answers = env.write("letter-answers.json", br#"{"customer_type":"direct","real_name_verified":true,"account_type":"enterprise","card_added":false}"#);
    let (code, case, err) = env.run(&["case", "new", "--provider", "huawei-cloud", "--title", title, "--answers", &answers]);
    assert_eq!(code, 0, "{err}");
    let case = case.trim().to_string();
    let profile = env.write("profile.json", br#"{"account_name":"example-co","holder_name":"Example Co"}"#);
    env.run(&["case", "profile", &case, "--values", &profile]);
    case
}

/// Page 1 of a case's printed authorization letter, scanned at 150 dpi, turned 2 degrees,
/// JPEG at quality 70, with or without a seal stamped on it.
fn letter_scan(env: &Env, case: &str, sealed: bool) -> String {
    let pdf = env.dir.path().join(format!("letter-{case}.pdf"));
    env.run(&["letter", case, "authorization_letter", "--out", pdf.to_str().unwrap()]);
    let mut page = documents::fixtures::scans::page(&std::fs::read(&pdf).unwrap(), 0, 150.0);
    if sealed {
        documents::fixtures::scans::stamp_seal(&mut page, 250.0, 1300.0, 110.0);
    }
    env.write(&format!("scan-{case}-{sealed}.jpg"), &documents::fixtures::scans::scan(&page, 2.0, 12, 7, 70))
}

fn ids(file: &Value) -> Vec<String> {
    file["checks"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect()
}

/// The case's items needing attention, as `case list --json` counts them; checked against
/// `case show`.
fn listed_attention(env: &Env, case: &str) -> u64 {
    let list = env.json(&["case", "list", "--json"]);
    let listed = list.as_array().unwrap().iter().find(|c| c["id"] == case).unwrap()["materials"].clone();
    let shown = env.json(&["case", "show", case, "--json"])["summary"]["materials"].clone();
    assert_eq!(listed, shown, "case list and case show disagree on {case}");
    listed["attention"].as_u64().unwrap()
}

#[test]
fn letter_scans_are_flagged_for_another_case_an_outdated_letter_and_a_missing_seal() {
    kit::pdf_worker::set_worker_program(env!("CARGO_BIN_EXE_appeal-kit"));
    let env = Env { dir: tempfile::tempdir().unwrap() };
    let (a, b) = (letter_case(&env, "A"), letter_case(&env, "B"));
    let (sealed, unsealed) = (letter_scan(&env, &a, true), letter_scan(&env, &a, false));

    // Its own case's letter, sealed: recognised, current, and no warning at all (the picture
    // checks raise nothing on a 150 dpi scan turned 2 degrees either).
    env.json(&["attach", &a, "authorization_letter", &sealed, "--json"]);
    let item = env.item(&a, "authorization_letter");
    let file = &item["files"][0];
    assert_eq!(file["letter"]["case"], a.as_str(), "{file}");
    assert_eq!(file["letter"]["current"], true);
    assert_eq!(ids(file), Vec::<String>::new(), "{file}");
    assert_eq!(item["status"], "provided", "{item}");

    // Unsealed: `no_seal`, quoting the source's sealing rule; the item needs attention.
    env.json(&["attach", &a, "authorization_letter", &unsealed, "--json"]);
    let item = env.item(&a, "authorization_letter");
    let file = item["files"][1].clone();
    assert_eq!(ids(&file), ["no_seal"], "{file}");
    assert!(file["checks"][0]["message"].as_str().unwrap().contains("official seal"), "{file}");
    assert_eq!(item["status"], "needs_attention");
    assert_eq!(listed_attention(&env, &a), 1, "the case list counts a letter finding as case show does");

    // A's letter attached to case B: `letter_other_case`, nothing else.
    env.json(&["attach", &b, "authorization_letter", &sealed, "--json"]);
    let theirs = env.item(&b, "authorization_letter")["files"][0].clone();
    assert_eq!(theirs["letter"]["case"], a.as_str());
    assert_eq!(ids(&theirs), ["letter_other_case"], "{theirs}");
    assert_eq!(listed_attention(&env, &b), 1);

    // A's profile changes after printing: the letter is `letter_outdated` (and still unsealed).
    let changed = env.write("changed.json", br#"{"holder_name":"Example Holdings Co"}"#);
    env.run(&["case", "profile", &a, "--values", &changed]);
    let files = env.item(&a, "authorization_letter")["files"].clone();
    assert_eq!(files[0]["letter"]["current"], false);
    assert_eq!(ids(&files[0]), ["letter_outdated"], "{files}");
    assert_eq!(ids(&files[1]), ["letter_outdated", "no_seal"], "{files}");

    // A letter finding is dismissed like any other, and the timeline keeps it.
    let id = files[1]["id"].as_str().unwrap();
    let left = env.json(&["check", &a, id, "--dismiss", "no_seal", "--json"]);
    assert_eq!(left.as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect::<Vec<_>>(), ["letter_outdated"], "{left}");
    let show = env.json(&["case", "show", &a, "--json"]);
    assert!(show["events"].as_array().unwrap().iter().any(|e| e["kind"] == "dismissed_check" && e["detail"]["check"] == "no_seal"));
}
