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
    env.json(&["fix", &case, id, "straighten", "--json"]);

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
}
