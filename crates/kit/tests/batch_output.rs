//! Letters and bundles for many cases through the `appeal-kit` binary (CONTRACTS.md section 8).
use serde_json::{Value, json};

mod common;
use common::Env;

impl Env {
    /// Imports rows (header first) and returns the new ids in row order.
    fn import(&self, rows: &[Vec<&str>]) -> Vec<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        for r in rows {
            w.write_record(r).unwrap();
        }
        let file = self.path("cases.csv");
        std::fs::write(&file, w.into_inner().unwrap()).unwrap();
        self.json(&["batch", "import", &file, "--json"]).as_array().unwrap().iter().map(|r| r["case"].as_str().unwrap().to_string()).collect()
    }
}

fn pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
}

#[test]
fn letters_for_a_tag_come_in_one_pdf_in_case_order() {
    let env = Env::new();
    let header = vec!["provider", "title", "tags", "customer_type", "real_name_verified", "account_type", "card_added", "verification", "enterprise_status", "enterprise_name_changed", "can_log_on", "appeal_items", "account_name", "holder_name", "uscc"];
    let mut rows = vec![header];
    let names: Vec<String> = (0..12).map(|i| format!("acct-{i:02}")).collect();
    for (i, name) in names.iter().enumerate() {
        // Titles sort in reverse row order: a tag prints in title order.
        let title: &'static str = Box::leak(format!("Account {:02}", 11 - i).into_boxed_str());
        let uscc = if i % 3 == 0 { "" } else { "91350100M000100Y43" };
        let row = match i % 3 {
            // Huawei Cloud enterprise: the authorization letter.
            0 | 1 => vec!["huawei-cloud", title, "print", "direct", "yes", "enterprise", "no", "", "", "", "", "", name, "Example Co", uscc],
            // Alibaba Cloud enterprise: the appeal letter.
            _ => vec!["alibaba-cloud", title, "print", "", "", "", "", "enterprise", "active", "no", "no", "reset_password", name, "Example Co", uscc],
        };
        rows.push(row);
    }
    // An individual who needs no letter.
    rows.push(vec!["alibaba-cloud", "Account 99", "print", "", "", "", "", "individual", "", "", "", "reset_password", "acct-99", "", ""]);
    let ids = env.import(&rows);

    let out = env.path("letters.pdf");
    let report = env.json(&["batch", "letters", "--tag", "print", "--out", &out, "--json"]);
    let merged = std::fs::read(&out).unwrap();
    let letters = report["letters"].as_array().unwrap();
    assert_eq!(letters.len(), 12, "{report}");
    // Title order: Account 00 (row 12) first.
    let order: Vec<&str> = letters.iter().map(|l| l["case"].as_str().unwrap()).collect();
    let expected: Vec<&str> = ids[..12].iter().rev().map(String::as_str).collect();
    assert_eq!(order, expected);
    assert_eq!(report["without_letters"], json!([ids[12]]));

    // Each letter as `appeal-kit letter` writes it alone: the page counts add up, in order.
    // Every page of the merged PDF carries its own letter's code: the case, the letter, the
    // version the letter printed alone has, and its page of the letter.
    kit::pdf_worker::set_worker_program(env!("CARGO_BIN_EXE_appeal-kit"));
    let codes = documents::letter_code::read_pages(&merged, 200).unwrap();
    let mut first = 1;
    for l in letters {
        let (case, item) = (l["case"].as_str().unwrap(), l["item"].as_str().unwrap());
        let alone = env.path(&format!("{case}.pdf"));
        env.json(&["letter", case, item, "--out", &alone, "--json"]);
        let alone = std::fs::read(&alone).unwrap();
        let n = pages(&alone);
        assert_eq!(l["pages"], n, "{case} {item}");
        assert_eq!(l["first_page"], first);
        let version = documents::letter_code::read(&alone).unwrap().expect("the letter alone has a code").version;
        for page in 1..=n {
            let at = (first + page - 1) as u32;
            let read = codes.iter().find(|r| r.at == at).unwrap_or_else(|| panic!("no code read on page {at} of the merged PDF"));
            let c = &read.code;
            assert_eq!(
                (c.case.as_str(), c.item_tag.clone(), c.version.as_str(), c.page, c.pages),
                (case, documents::letter_code::item_tag(item), version.as_str(), page as u32, n as u32),
                "page {at} of the merged PDF"
            );
        }
        first += n;
    }
    assert_eq!(pages(&merged), first - 1);
    assert_eq!(report["pages"], first - 1);
    assert_eq!(codes.len(), first - 1, "one code a page, none read twice");
    // The account names appear in the same order in the merged text.
    let text = pdf_extract::extract_text_from_mem(&merged).unwrap();
    let at: Vec<usize> = (0..12).rev().map(|i| text.find(&format!("acct-{i:02}")).unwrap_or_else(|| panic!("acct-{i:02} in the PDF"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "letters out of order: {at:?}");

    // Cases without a USCC print with blanks and are listed.
    let missing: Vec<&str> = report["missing"].as_array().unwrap().iter().filter(|m| m["fields"].as_array().unwrap().contains(&json!("uscc"))).map(|m| m["case"].as_str().unwrap()).collect();
    let no_uscc: Vec<&str> = (0..12).rev().filter(|i| i % 3 == 0).map(|i| ids[i].as_str()).collect();
    assert_eq!(missing, no_uscc);
    let (_, _, err) = env.run(&["batch", "letters", ids[0].as_str(), "--out", &env.path("one.pdf")]);
    assert!(err.contains(&format!("Left blank to fill in by hand: {} (Account 11): ", ids[0])) && err.contains("uscc"), "{err}");
    let timeline = env.json(&["case", "show", &ids[1], "--json"]);
    assert!(timeline["events"].as_array().unwrap().iter().any(|e| e["kind"] == "letter" && e["detail"]["batch"] == true));

    // Named cases come in the order given; bad input writes nothing.
    let two = env.json(&["batch", "letters", &ids[4], &ids[3], "--out", &env.path("two.pdf"), "--json"]);
    assert_eq!(two["letters"][0]["case"], ids[4].as_str());
    for bad in [
        vec!["batch", "letters", "--tag", "nosuch", "--out", "x.pdf"],
        vec!["batch", "letters", "nosuchcase", "--out", "x.pdf"],
        vec!["batch", "letters", ids[12].as_str(), "--out", "x.pdf"],
        vec!["batch", "letters", "--tag", "print", "--out", &out],
    ] {
        let (code, _, err) = env.run(&bad);
        assert_eq!(code, 2, "{bad:?}: {err}");
    }
    assert!(!std::path::Path::new(&env.path("x.pdf")).exists());
}

#[test]
fn fifty_cases_export_into_a_folder_without_overwriting() {
    let env = Env::new();
    let mut rows = vec![vec!["provider", "title", "tags", "verification", "appeal_items", "submitter_is_verified_individual", "customer_type"]];
    for i in 0..50 {
        let title: &'static str = Box::leak(format!("Shop/{i:02}: main").into_boxed_str());
        // Five Huawei Cloud cases lack their documents; the others need nothing attached.
        let row = if i % 10 == 9 {
            vec!["huawei-cloud", title, "q4", "", "", "", "partner"]
        } else {
            vec!["alibaba-cloud", title, "q4", "individual", "reset_password", "yes", ""]
        };
        rows.push(row);
    }
    let ids = env.import(&rows);
    let ready: Vec<String> = env.json(&["case", "list", "--tag", "q4", "--json"]).as_array().unwrap().iter().filter(|c| c["ready_to_export"] == true).map(|c| c["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ready.len(), 45);

    let dir = env.path("bundles");
    let (code, out, err) = env.run(&["batch", "export", "--tag", "q4", "--out", &dir]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 45, "{out}");
    assert_eq!(err.lines().filter(|l| l.starts_with('[')).count(), 45, "progress per case: {err}");
    assert!(err.contains("[45/50]"), "{err}");
    for (i, id) in ids.iter().enumerate() {
        let skipped = err.lines().any(|l| l.starts_with(&format!("Skipped {id} (Shop/{i:02}: main): not ready to send")));
        assert_eq!(skipped, i % 10 == 9, "{id}: {err}");
    }
    let names = |dir: &str| {
        let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    };
    let first = names(&dir);
    assert_eq!(first.len(), 45);
    assert_eq!(first[0], format!("Shop_00_ main-{}.zip", ids[0]));
    let before: Vec<Vec<u8>> = first.iter().map(|n| std::fs::read(format!("{dir}/{n}")).unwrap()).collect();

    // Each is the case's bundle: it opens as a case with the same title.
    let bundle = format!("{dir}/{}", first[7]);
    let (code, new_id, err) = env.run(&["import", &bundle]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(env.json(&["case", "show", new_id.trim(), "--json"])["summary"]["title"], "Shop/07: main");

    // Again, with the incomplete ones: nothing is overwritten, new names instead.
    let report = env.json(&["batch", "export", "--tag", "q4", "--out", &dir, "--allow-incomplete", "--json"]);
    assert_eq!(report["exported"].as_array().unwrap().len(), 50);
    assert_eq!(report["skipped"], json!([]));
    let incomplete: Vec<&Value> = report["exported"].as_array().unwrap().iter().filter(|e| e["complete"] == false).collect();
    assert_eq!(incomplete.len(), 5);
    let second = names(&dir);
    assert_eq!(second.len(), 95);
    assert!(second.contains(&format!("Shop_00_ main-{} (2).zip", ids[0])), "{second:?}");
    let after: Vec<Vec<u8>> = first.iter().map(|n| std::fs::read(format!("{dir}/{n}")).unwrap()).collect();
    assert!(before == after, "no bundle was overwritten");

    // Only complete cases and nothing allowed: refused, nothing written.
    let (code, _, err) = env.run(&["batch", "export", &ids[9], &ids[19], "--out", &env.path("none")]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no case is ready to send"), "{err}");
    let (code, _, _) = env.run(&["batch", "export", "--tag", "q4", &ids[0], "--out", &dir]);
    assert_eq!(code, 2, "--tag and case ids together");
}

#[test]
fn due_cases_come_nearest_date_first() {
    let env = Env::new();
    let rows = vec![
        vec!["provider", "title", "tags", "verification", "appeal_items", "submitter_is_verified_individual"],
        vec!["alibaba-cloud", "Waiting", "north", "individual", "reset_password", "yes"],
        vec!["alibaba-cloud", "Rejected", "north", "individual", "reset_password", "yes"],
        vec!["alibaba-cloud", "Quiet", "south", "individual", "reset_password", "yes"],
    ];
    let ids = env.import(&rows);
    let today = time::OffsetDateTime::now_utc().date();
    let day = |d: time::Date| d.to_string();
    // Submitted today: the result is due within 3 business days. Rejected yesterday: 3
    // calendar days to modify and add documents, so it closes first.
    env.json(&["status", &ids[0], "submitted", "--ticket", "T-1", "--on", &day(today), "--json"]);
    env.json(&["status", &ids[1], "submitted", "--ticket", "T-2", "--on", &day(today - time::Duration::days(2)), "--json"]);
    env.json(&["status", &ids[1], "rejected", "--on", &day(today - time::Duration::days(1)), "--json"]);
    let due = env.json(&["case", "list", "--due", "--json"]);
    let order: Vec<&str> = due.as_array().unwrap().iter().map(|c| c["title"].as_str().unwrap()).collect();
    assert_eq!(order, ["Rejected", "Waiting"], "{due}");
    assert_eq!(due[0]["next_deadline"]["act"], true);
    let north = env.json(&["case", "list", "--due", "--tag", "south", "--json"]);
    assert_eq!(north, json!([]));
    let (code, text, _) = env.run(&["case", "list", "--due"]);
    assert_eq!(code, 0);
    assert!(text.find("Rejected").unwrap() < text.find("Waiting").unwrap() && !text.contains("Quiet"), "{text}");
}
