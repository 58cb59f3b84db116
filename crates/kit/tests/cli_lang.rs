//! `--lang` (CONTRACTS.md section 9): the same checklist in English and Chinese for every
//! scenario of the rule tests, with the source quotes unchanged.
use assert_cmd::Command;
use serde_json::Value;

/// Every `json!({...})` answer object written in a rule test file.
fn scenarios(text: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("json!({") {
        let body = &rest[at + 6..];
        let mut depth = 0;
        let mut end = None;
        for (i, c) in body.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(i + 1);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(end) = end else { break };
        if let Ok(v) = serde_json::from_str::<Value>(&body[..end]) {
            if !out.contains(&v) {
                out.push(v);
            }
        }
        rest = &body[end..];
    }
    out
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn checklist(dir: &std::path::Path, provider: &str, answers: &Value, lang: Option<&str>, locale: &str) -> (i32, Value) {
    let file = dir.join("answers.json");
    std::fs::write(&file, answers.to_string()).unwrap();
    let mut cmd = Command::cargo_bin("appeal-kit").unwrap();
    cmd.env("APPEAL_KIT_DATA_DIR", dir.join("data")).env_remove("LC_ALL").env("LANG", locale);
    cmd.args(["checklist", "--provider", provider, "--answers", file.to_str().unwrap(), "--json"]);
    if let Some(lang) = lang {
        cmd.args(["--lang", lang]);
    }
    let out = cmd.output().unwrap();
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap_or(Value::Null))
}

/// What must not change with the language: ids, kinds, requirements, statuses, sources, and
/// which notes cite and which are guidance.
fn shape(c: &Value) -> Value {
    let mut c = c.clone();
    fn strip(v: &mut Value) {
        match v {
            Value::Object(m) => {
                for k in ["title", "why", "text", "message", "hide"] {
                    if m.get(k).is_some_and(Value::is_string) {
                        m.insert(k.into(), Value::Null);
                    }
                }
                m.values_mut().for_each(strip);
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut c);
    // The source document's title is named in the language too.
    c["rules"]["source"] = Value::Null;
    c
}

#[test]
fn chinese_checklists_match_the_english_ones_for_every_rule_test_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("huawei-cloud", include_str!("../../rules/tests/huawei.rs")),
        ("alibaba-cloud", include_str!("../../rules/tests/alibaba.rs")),
    ];
    let mut compared = 0;
    for (provider, text) in files {
        for (n, answers) in scenarios(text).into_iter().enumerate() {
            let (code_en, en) = checklist(dir.path(), provider, &answers, Some("en"), "zh_CN.UTF-8");
            // Half the time from the locale alone: LANG=zh_CN gives Chinese without --lang.
            let (code_zh, zh) = if n % 2 == 0 {
                checklist(dir.path(), provider, &answers, Some("zh"), "C.UTF-8")
            } else {
                checklist(dir.path(), provider, &answers, None, "zh_CN.UTF-8")
            };
            assert_eq!(code_en, code_zh, "{provider} {answers}");
            if code_en != 0 {
                continue;
            }
            compared += 1;
            assert_eq!(shape(&en), shape(&zh), "{provider} {answers}");
            for item in zh["items"].as_array().unwrap() {
                assert!(has_cjk(item["title"].as_str().unwrap()) && has_cjk(item["why"].as_str().unwrap()), "{provider} {answers}: {item}");
                for note in item["notes"].as_array().unwrap() {
                    assert!(has_cjk(note["text"].as_str().unwrap()), "{note}");
                }
            }
            for f in zh["blockers"].as_array().unwrap().iter().chain(zh["gaps"].as_array().unwrap()) {
                assert!(has_cjk(f["message"].as_str().unwrap()), "{f}");
            }
            if let Some(item) = en["items"].as_array().unwrap().first() {
                assert!(!has_cjk(item["title"].as_str().unwrap()), "{item}");
            }
        }
    }
    assert!(compared > 40, "only {compared} scenarios compared");
}

#[test]
fn the_text_output_is_chinese_too_and_marks_appeal_kits_own_advice() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.json");
    std::fs::write(&file, r#"{"customer_type":"direct","real_name_verified":true,"account_type":"enterprise","card_added":false}"#).unwrap();
    let out = Command::cargo_bin("appeal-kit").unwrap()
        .env("APPEAL_KIT_DATA_DIR", dir.path().join("data"))
        .args(["checklist", "--provider", "huawei-cloud", "--answers", file.to_str().unwrap(), "--lang", "zh"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("已就绪") && text.contains("授权书") && text.contains("[Appeal Kit 的建议]"), "{text}");
    assert!(text.contains("\"Authorization letter (template)\""), "quotes stay verbatim: {text}");
    let out = Command::cargo_bin("appeal-kit").unwrap()
        .env("APPEAL_KIT_DATA_DIR", dir.path().join("data"))
        .args(["checklist", "--provider", "huawei-cloud", "--answers", file.to_str().unwrap(), "--lang", "fr"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "an unknown language is bad input");
}

#[test]
fn information_fields_come_from_the_pack_in_the_kits_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut kit = kit::Kit::open(dir.path()).unwrap();
    let answers = serde_json::json!({"customer_type": "reseller", "real_name_verified": false, "account_type": "individual"});
    let id = kit.create_case("huawei-cloud", "Reseller", Some(&answers)).unwrap().summary.id;
    let labels = |kit: &kit::Kit, item: &str| -> Vec<String> {
        let view = kit.case(&id).unwrap();
        view.items.iter().find(|s| s.item == item).unwrap().fields.iter().map(|f| f.label.clone()).collect()
    };
    assert_eq!(labels(&kit, "name_and_contact_address"), ["Name", "Address line", "City", "Province/city/autonomous region", "Postal code", "Country/region"]);
    kit.set_language(kit::Language::Zh);
    assert_eq!(labels(&kit, "name_and_contact_address"), ["姓名", "详细地址", "城市", "省/市/自治区", "邮政编码", "国家/地区"]);
    // Checked as the pack says: a phone field refuses an email address.
    let err = kit.set_info(&id, "mobile_number", &serde_json::json!({"mobile_number": "a@b.c"})).unwrap_err();
    assert!(err.is_bad_input(), "{err}");
    let view = kit.set_info(&id, "mobile_number", &serde_json::json!({"mobile_number": "+86 138 0000 0000"})).unwrap();
    assert_eq!(view.items.iter().find(|s| s.item == "mobile_number").unwrap().status, kit::ItemStatus::Provided);
}

/// The providers' names follow the language too, in the provider list, a case's summary and
/// the case list.
#[test]
fn provider_names_are_translated() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], lang: &str| {
        let mut cmd = Command::cargo_bin("appeal-kit").unwrap();
        cmd.env("APPEAL_KIT_DATA_DIR", dir.path().join("data")).env_remove("LC_ALL").env("LANG", "C.UTF-8");
        let out = cmd.args(args).args(["--lang", lang]).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let zh = run(&["providers"], "zh");
    assert!(zh.contains("华为云") && zh.contains("阿里云"), "{zh}");
    let en = run(&["providers"], "en");
    assert!(en.contains("Huawei Cloud") && en.contains("Alibaba Cloud") && !en.contains("华为云"), "{en}");
    let mut cmd = Command::cargo_bin("appeal-kit").unwrap();
    let id = cmd.env("APPEAL_KIT_DATA_DIR", dir.path().join("data")).args(["case", "new", "--provider", "alibaba-cloud", "--title", "Shop"]).output().unwrap();
    let id = String::from_utf8(id.stdout).unwrap().trim().to_string();
    let list: Value = serde_json::from_str(&run(&["--json", "case", "list"], "zh")).unwrap();
    assert_eq!(list[0]["provider_name"], "阿里云", "{list}");
    let show: Value = serde_json::from_str(&run(&["--json", "case", "show", &id], "zh")).unwrap();
    assert_eq!(show["summary"]["provider_name"], "阿里云");
    assert!(run(&["case", "show", &id], "en").contains("Alibaba Cloud"));
}

/// Errors, refusals and spreadsheet problems follow `--lang`, else the locale (issue 14): the
/// exit status and the `row N, column C:` frame of CONTRACTS.md section 8 stay as they are.
#[test]
fn errors_follow_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let run = |args: &[&str], locale: &str| {
        let mut cmd = Command::cargo_bin("appeal-kit").unwrap();
        let out = cmd.env("APPEAL_KIT_DATA_DIR", &data).env_remove("LC_ALL").env("LANG", locale).args(args).output().unwrap();
        (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (_, id, _) = run(&["case", "new", "--provider", "alibaba-cloud", "--title", "Shop"], "C.UTF-8");
    let id = id.trim();
    let values = dir.path().join("values.json");
    std::fs::write(&values, r#"{"holder_id_number": "110105194912310021"}"#).unwrap();
    let values = values.to_str().unwrap();
    // --lang zh on a command that takes it; LANG=zh_CN on one that does not.
    let (code, _, zh) = run(&["case", "profile", id, "--values", values, "--lang", "zh"], "C.UTF-8");
    assert_eq!(code, 2);
    assert!(zh.contains("holder_id_number：校验位应为 X") && !zh.contains("check character"), "{zh}");
    let (code, _, en) = run(&["case", "profile", id, "--values", values, "--lang", "en"], "zh_CN.UTF-8");
    assert_eq!(code, 2);
    assert!(en.contains("holder_id_number: the check character should be X"), "{en}");
    let (code, _, zh) = run(&["case", "show", "nope"], "zh_CN.UTF-8");
    assert_eq!(code, 2);
    assert!(zh.contains("没有 ID 为 `nope` 的案件"), "{zh}");
    // A spreadsheet's problems: the frame as the contract gives it, the reasons in Chinese.
    let sheet = dir.path().join("cases.csv");
    std::fs::write(&sheet, "provider,title,verification,holder_id_number\nalibaba-cloud,Shop,maybe,110105194912310021\nnimbus,Other,,\n").unwrap();
    let (code, _, zh) = run(&["batch", "import", sheet.to_str().unwrap()], "zh_CN.UTF-8");
    assert_eq!(code, 2);
    assert!(zh.contains("row 2, column verification: `maybe` 不在可选值之中"), "{zh}");
    assert!(zh.contains("row 2, column holder_id_number: 校验位应为 X"), "{zh}");
    assert!(zh.contains("row 3, column provider: 未知的服务商 `nimbus`"), "{zh}");
    assert!(zh.contains("3 行中有") || zh.contains("2 行中有 3 个问题"), "{zh}");
    for line in zh.lines() {
        let reason = line.split_once(": ").map_or(line, |(_, r)| r);
        assert!(has_cjk(reason), "{line}");
    }
    // batch export takes --lang (CONTRACTS.md section 9): a skipped case says why in Chinese.
    let out = dir.path().join("out");
    let (code, _, zh) = run(&["batch", "export", id, "--out", out.to_str().unwrap(), "--lang", "zh"], "C.UTF-8");
    assert_eq!(code, 2, "{zh}");
    assert!(zh.contains("没有可以提交的案件"), "{zh}");
}
