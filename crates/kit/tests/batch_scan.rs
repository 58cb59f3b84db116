//! `batch scan` (CONTRACTS.md section 8): letters for several cases printed in one run, each
//! page scanned at 150 dpi, turned up to 3 degrees, saved as JPEG at quality 70, the stack
//! shuffled with one page whose code cannot be read, and filed back to the right cases.
use documents::fixtures::scans;
use documents::letter_code::{self, LetterCode};
use serde_json::Value;

mod common;
use common::Env;

impl Env {
    /// Four cases tagged `run`: three Huawei Cloud enterprises (authorization letter) and an
    /// Alibaba Cloud enterprise whose long reason takes its appeal letter onto two pages.
    fn cases(&self) -> Vec<String> {
        let long = "The secure phone number was re-issued by the carrier to another subscriber. ".repeat(24);
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["provider", "title", "tags", "customer_type", "real_name_verified", "account_type", "card_added", "verification", "enterprise_status", "enterprise_name_changed", "can_log_on", "appeal_items", "account_name", "holder_name", "reason"]).unwrap();
        for i in 0..3 {
            w.write_record(["huawei-cloud", &format!("Huawei {i}"), "run", "direct", "yes", "enterprise", "no", "", "", "", "", "", &format!("hw-{i}"), "Example Co", ""]).unwrap();
        }
        w.write_record(["alibaba-cloud", "Alibaba", "run", "", "", "", "", "enterprise", "active", "no", "no", "reset_password", "ali-0", "Example Co", &long]).unwrap();
        let file = self.path("cases.csv");
        std::fs::write(&file, w.into_inner().unwrap()).unwrap();
        self.json(&["batch", "import", &file, "--json"]).as_array().unwrap().iter().map(|r| r["case"].as_str().unwrap().to_string()).collect()
    }
}

fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
}

/// What each page of the merged PDF should say: (case, item, page, pages), from the report.
fn expected_codes(report: &Value) -> Vec<(String, String, u32, u32)> {
    let mut out = Vec::new();
    for l in report["letters"].as_array().unwrap() {
        let pages = l["pages"].as_u64().unwrap() as u32;
        for p in 1..=pages {
            out.push((l["case"].as_str().unwrap().to_string(), l["item"].as_str().unwrap().to_string(), p, pages));
        }
    }
    out
}

fn matches(code: &LetterCode, want: &(String, String, u32, u32)) -> bool {
    code.case == want.0 && code.item_tag == letter_code::item_tag(&want.1) && (code.page, code.pages) == (want.2, want.3)
}

#[test]
fn every_page_of_merged_letters_carries_its_own_code() {
    let env = Env::new();
    env.cases();
    let out = env.path("letters.pdf");
    let report = env.json(&["batch", "letters", "--tag", "run", "--out", &out, "--json"]);
    let merged = std::fs::read(&out).unwrap();
    let want = expected_codes(&report);
    assert_eq!(page_count(&merged), want.len());
    assert!(want.iter().any(|w| w.3 == 2), "one letter runs onto two pages: {report}");
    for (i, w) in want.iter().enumerate() {
        let code = letter_code::read_pdf_page(&merged, i).unwrap().unwrap_or_else(|| panic!("page {} has no code", i + 1));
        assert!(matches(&code, w), "page {}: {code:?}, want {w:?}", i + 1);
    }
}

#[test]
fn a_shuffled_scan_stack_is_filed_to_its_cases_and_the_unreadable_page_reported() {
    let env = Env::new();
    let ids = env.cases();
    let out = env.path("letters.pdf");
    let report = env.json(&["batch", "letters", "--tag", "run", "--out", &out, "--json"]);
    let merged = std::fs::read(&out).unwrap();
    let want = expected_codes(&report);
    let n = want.len();
    // The stack comes back shuffled (a fixed permutation), each page scanned on its own.
    let order: Vec<usize> = (0..n).map(|i| (i * 3 + 2) % n).collect();
    assert_eq!(n % 3 != 0, true, "3 must not divide {n} for the permutation");
    let unreadable = 2; // the third sheet of the stack
    let angles = [-3.0f32, 2.5, -1.2, 3.0, 0.4, -2.0, 1.1];
    let mut stack = Vec::new();
    for (k, &p) in order.iter().enumerate() {
        let mut page = scans::page(&merged, p, 150.0);
        scans::stamp_seal(&mut page, 250.0, 1300.0, 110.0);
        if k == unreadable {
            scans::hide_code(&mut page);
        }
        stack.push(scans::scan(&page, angles[k % angles.len()], 12, k as u64, 70));
    }
    let stack_file = env.path("stack.pdf");
    std::fs::write(&stack_file, scans::pdf_of_jpegs(&stack, 150.0)).unwrap();

    // The plan: every page but one placed; the store unchanged.
    let before = env.store_bytes();
    let plan = env.json(&["batch", "scan", &stack_file, "--dry-run", "--json"]);
    assert_eq!(env.store_bytes(), before, "--dry-run writes nothing");
    let placed = plan["placed"].as_array().unwrap();
    assert_eq!(placed.len(), n - 1, "{plan}");
    assert_eq!(plan["unplaced"].as_array().unwrap().len(), 1, "{plan}");
    assert_eq!(plan["unplaced"][0]["page"], unreadable as u64 + 1);
    assert_eq!(plan["unplaced"][0]["file"], stack_file.as_str());
    for p in placed {
        let k = p["page"].as_u64().unwrap() as usize - 1;
        let w = &want[order[k]];
        assert_eq!((p["case"].as_str().unwrap(), p["item"].as_str().unwrap()), (w.0.as_str(), w.1.as_str()), "stack page {}", k + 1);
        let mut keys: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["case", "file", "item", "page"]);
    }

    // Filed: each case's letter item holds its pages, in letter order; the unread page nowhere.
    let (code, out_text, err) = env.run(&["batch", "scan", &stack_file]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(&format!("page {}", unreadable + 1)) && err.contains("no letter code"), "{err}");
    assert_eq!(out_text.lines().count(), n - 1, "{out_text}");
    let mut attached = 0;
    for id in &ids {
        let case = env.json(&["case", "show", id, "--json"]);
        for state in case["items"].as_array().unwrap() {
            let files = state["files"].as_array().unwrap();
            if files.is_empty() {
                continue;
            }
            let item = state["item"].as_str().unwrap();
            // The stack pages holding this letter's pages 1, 2, ... in that order.
            let mut expect: Vec<(u32, String)> = (0..n)
                .filter(|&k| k != unreadable && want[order[k]].0 == *id && want[order[k]].1 == item)
                .map(|k| (want[order[k]].2, format!("stack p{}.pdf", k + 1)))
                .collect();
            expect.sort();
            let names: Vec<&str> = files.iter().map(|f| f["name"].as_str().unwrap()).collect();
            assert_eq!(names, expect.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>(), "{id} {item}");
            attached += files.len();
        }
    }
    assert_eq!(attached, n - 1);

    // Scanned again: nothing is attached twice.
    let again = env.json(&["batch", "scan", &stack_file, "--json"]);
    assert!(again["placed"].as_array().unwrap().is_empty(), "{again}");
    assert!(again["unplaced"].as_array().unwrap().iter().filter(|u| u["page"] != unreadable as u64 + 1).all(|u| u["reason"].as_str().unwrap().contains("already attached")), "{again}");
}

#[test]
fn photos_in_a_folder_are_filed_and_unreadable_input_exits_2() {
    let env = Env::new();
    let ids = env.cases();
    let pdf = env.path("one.pdf");
    env.json(&["letter", &ids[0], "authorization_letter", "--out", &pdf, "--json"]);
    let page = scans::page(&std::fs::read(&pdf).unwrap(), 0, 150.0);
    let dir = env.dir.path().join("photos");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a.jpg"), scans::scan(&page, 1.5, 10, 1, 70)).unwrap();
    std::fs::write(dir.join("b.jpg"), scans::scan(&image::RgbImage::from_pixel(1240, 1754, image::Rgb([250, 250, 250])), 0.0, 10, 2, 70)).unwrap();
    let plan = env.json(&["batch", "scan", dir.to_str().unwrap(), "--dry-run", "--json"]);
    assert_eq!(plan["placed"].as_array().unwrap().len(), 1, "{plan}");
    assert_eq!(plan["placed"][0]["case"], ids[0].as_str());
    assert_eq!(plan["unplaced"][0]["file"], dir.join("b.jpg").to_str().unwrap());
    let junk = env.path("junk.pdf");
    std::fs::write(&junk, b"not a pdf at all").unwrap();
    let (code, _, err) = env.run(&["batch", "scan", &junk]);
    assert_eq!(code, 2, "{err}");
}
