//! Spreadsheets of cases through the `appeal-kit` binary (CONTRACTS.md section 8): template,
//! import of CSV and XLSX, bad rows refused whole with the store unchanged, and tags.
use serde_json::json;

mod common;
use common::Env;

const HEADER: [&str; 8] = ["provider", "title", "tags", "customer_type", "real_name_verified", "account_type", "card_added", "uscc"];

/// Row `i` of a generated sheet: Huawei Cloud enterprise accounts, half with a card, tagged
/// by batch of 100.
fn row(i: usize) -> Vec<String> {
    let card = if i % 2 == 0 { "yes" } else { "否" };
    vec![
        "huawei-cloud".into(),
        format!("Subsidiary {i:04}"),
        format!("batch-{};all", i / 100),
        "direct".into(),
        "true".into(),
        "enterprise".into(),
        card.into(),
        "91350100M000100Y43".into(),
    ]
}

fn csv_of(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

fn xlsx_of(rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            // Cells as Excel types them: booleans as booleans.
            match v.as_str() {
                "true" => sheet.write_boolean(r, c, true).unwrap(),
                _ => sheet.write_string(r, c, v).unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

fn imports_a_thousand_rows(name: &str, bytes: Vec<u8>) {
    let env = Env::new();
    let file = env.write(name, &bytes);
    let dry = env.json(&["batch", "import", &file, "--dry-run", "--json"]);
    assert_eq!(dry.as_array().unwrap().len(), 1000);
    assert!(env.store_bytes().is_empty() || env.json(&["case", "list", "--json"]).as_array().unwrap().is_empty(), "a dry run writes nothing");
    let imported = env.json(&["batch", "import", &file, "--json"]);
    let imported = imported.as_array().unwrap();
    assert_eq!(imported.len(), 1000);
    assert_eq!(imported[0]["row"], 2, "row 1 is the header");
    assert_eq!(imported[999]["row"], 1001);
    let ids: std::collections::HashSet<&str> = imported.iter().map(|r| r["case"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 1000);

    let last = imported[999]["case"].as_str().unwrap();
    let shown = env.json(&["case", "show", last, "--json"]);
    assert_eq!(shown["summary"]["title"], "Subsidiary 0999");
    assert_eq!(shown["summary"]["tags"], json!(["all", "batch-9"]));
    assert_eq!(shown["answers"]["card_added"], false, "否 is no");
    assert_eq!(shown["profile"]["uscc"], "91350100M000100Y43");
    assert_eq!(shown["summary"]["checklist_status"], "ready");
    assert_eq!(shown["events"][0]["kind"], "sheet_imported");
    assert_eq!(shown["events"][0]["detail"]["row"], 1001);

    let batch3 = env.json(&["case", "list", "--tag", "batch-3", "--json"]);
    assert_eq!(batch3.as_array().unwrap().len(), 100);
    assert!(batch3.as_array().unwrap().iter().all(|c| c["title"].as_str().unwrap().starts_with("Subsidiary 03")));
}

#[test]
fn a_thousand_row_csv_imports_in_one_go() {
    imports_a_thousand_rows("accounts.csv", csv_of(&(0..1000).map(row).collect::<Vec<_>>()));
}

#[test]
fn a_thousand_row_xlsx_imports_in_one_go() {
    imports_a_thousand_rows("accounts.xlsx", xlsx_of(&(0..1000).map(row).collect::<Vec<_>>()));
}

#[test]
fn a_file_with_bad_rows_is_refused_whole_with_every_problem() {
    let env = Env::new();
    // One case already there: the store must stay byte for byte as it is.
    let good = env.write("good.csv", &csv_of(&[row(0)]));
    env.json(&["batch", "import", &good, "--json"]);
    let before = env.store_bytes();

    let mut rows: Vec<Vec<String>> = (0..50).map(row).collect();
    rows[3][7] = "91350100M000100Y44".into(); // USCC check character
    rows[10][6] = "maybe".into();
    rows[20][0] = "aws".into();
    rows[30][1] = String::new();
    rows[40][2] = "a\u{7}b".into();
    let bad_xlsx = env.write("bad.xlsx", &xlsx_of(&rows));
    let mut text = String::from_utf8(csv_of(&rows)).unwrap();
    text = text.replacen("uscc", "uscc,holder_id_number,nickname", 1).replace("Y43\n", "Y43,,\n").replace("Y44\n", "Y44,110105194912310021,x\n");
    let bad_csv = env.write("bad.csv", text.as_bytes());

    let (code, out, err) = env.run(&["batch", "import", &bad_csv]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    let lines: Vec<&str> = err.lines().collect();
    for expected in [
        "row 1, column nickname: unknown column",
        "row 5, column uscc: the check character should be 3",
        "row 5, column holder_id_number: the check character",
        "row 12, column card_added: `maybe` is not yes or no",
        "row 22, column provider: unknown provider `aws`",
        "row 32, column title: a case needs a title",
        "row 42, column tags: keep it on one line",
    ] {
        assert!(lines.iter().any(|l| l.starts_with(expected)), "missing `{expected}` in:\n{err}");
    }
    assert_eq!(lines.len(), 8, "one line per problem and the summary:\n{err}");
    assert!(lines[7].contains("7 problems in 6 rows; nothing was imported"), "{err}");
    assert_eq!(env.store_bytes(), before, "a refused file changes nothing");

    let (code, _, err) = env.run(&["batch", "import", &bad_xlsx]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 6, "{err}");
    assert!(err.contains("row 12, column card_added"), "{err}");
    assert_eq!(env.store_bytes(), before);
    let (code, _, _) = env.run(&["batch", "import", &bad_xlsx, "--dry-run"]);
    assert_eq!(code, 2, "a dry run reports the same problems");
    assert_eq!(env.json(&["case", "list", "--json"]).as_array().unwrap().len(), 1);
}

#[test]
fn long_codes_typed_as_numbers_say_why_they_are_wrong() {
    let env = Env::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["provider", "title", "holder_id_number"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "alibaba-cloud").unwrap();
    sheet.write_string(1, 1, "Shop").unwrap();
    sheet.write_number(1, 2, 110105194912310020.0).unwrap();
    let file = env.write("numbers.xlsx", &book.save_to_buffer().unwrap());
    let (code, _, err) = env.run(&["batch", "import", &file]);
    assert_eq!(code, 2);
    assert!(err.contains("row 2, column holder_id_number:") && err.contains("format the column as Text"), "{err}");
}

#[test]
fn the_template_imports_as_it_is() {
    for provider in ["huawei-cloud", "alibaba-cloud"] {
        let env = Env::new();
        let out = env.path("template.csv");
        let (code, _, err) = env.run(&["batch", "template", "--provider", provider, "--out", &out]);
        assert_eq!(code, 0, "{err}");
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with("\u{feff}provider,title,tags,"), "a byte-order mark for Excel, then the header: {text}");
        let header: Vec<&str> = text.lines().next().unwrap().trim_start_matches('\u{feff}').split(',').collect();
        for column in ["account_name", "uscc", "holder_id_number", "reason"] {
            assert!(header.contains(&column), "{provider}: {column} in {header:?}");
        }
        // Printed to standard output without the mark.
        let (_, printed, _) = env.run(&["batch", "template", "--provider", provider]);
        assert_eq!(printed, text.trim_start_matches('\u{feff}'));

        let imported = env.json(&["batch", "import", &out, "--json"]);
        assert_eq!(imported.as_array().unwrap().len(), 1, "{provider}");
        let case = env.json(&["case", "show", imported[0]["case"].as_str().unwrap(), "--json"]);
        assert_eq!(case["summary"]["provider"], provider);
        assert_eq!(case["summary"]["title"], "Example account");
        assert_eq!(case["summary"]["tags"], json!(["batch-1", "example"]));
        assert_eq!(case["summary"]["checklist_status"], "ready", "{provider}: the example answers every question that decides");
        assert_eq!(case["profile"]["account_name"], "example-account");
        assert_eq!(case["profile"]["contact_email"], "it-admin@example.com");

        let (code, _, err) = env.run(&["batch", "template", "--provider", provider, "--out", &out]);
        assert_eq!(code, 2, "never over an existing file without --force: {err}");
    }
    let env = Env::new();
    let (code, _, err) = env.run(&["batch", "template", "--provider", "aws"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn tags_are_added_listed_and_removed() {
    let env = Env::new();
    let file = env.write("three.csv", &csv_of(&(0..3).map(row).collect::<Vec<_>>()));
    let ids: Vec<String> = env.json(&["batch", "import", &file, "--json"]).as_array().unwrap().iter().map(|r| r["case"].as_str().unwrap().to_string()).collect();
    let tagged = env.json(&["case", "tag", &ids[0], "urgent", "march", "urgent", "--json"]);
    assert_eq!(tagged["tags"], json!(["all", "batch-0", "march", "urgent"]));
    assert_eq!(env.json(&["case", "list", "--tag", "urgent", "--json"]).as_array().unwrap().len(), 1);
    let (code, out, _) = env.run(&["case", "tag", &ids[0], "urgent", "--remove"]);
    assert_eq!((code, out.trim()), (0, "all, batch-0, march"));
    assert_eq!(env.json(&["case", "list", "--tag", "urgent", "--json"]), json!([]));
    assert_eq!(env.json(&["case", "list", "--tag", "all", "--json"]).as_array().unwrap().len(), 3);
    let shown = env.json(&["case", "show", &ids[0], "--json"]);
    let kinds: Vec<&str> = shown["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["sheet_imported", "tagged", "untagged"]);

    let before = env.store_bytes();
    for bad in [vec!["case", "tag", &ids[0], "a;b"], vec!["case", "tag", "nosuchcase", "x"], vec!["case", "tag", &ids[0], ""]] {
        let (code, _, err) = env.run(&bad);
        assert_eq!(code, 2, "{bad:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert_eq!(env.store_bytes(), before);
}
