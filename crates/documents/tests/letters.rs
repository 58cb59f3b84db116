//! Every letter variant of the packs in every language, rendered and read back with a PDF
//! parser.
use documents::letters::Letter;
use documents::{Facts, Lang, render};
use rules::Answers;
use serde_json::{Value, json};

/// The letter for `item` from the provider's current pack, for these answers.
fn letter(provider: &str, item: &str, answers: &Value, profile: &Value, lang: Lang) -> Option<Letter> {
    let pack = rules::pack(provider).unwrap();
    let answers = Answers::from_json(pack, answers).unwrap();
    documents::letter(item, &Facts { pack, answers: &answers, profile, date: "2026-11-22" }, lang)
}

fn profile() -> Value {
    json!({
        "account_name": "shop-ops-2024", "holder_name": "杭州示例科技有限公司", "uscc": "91350100M000100Y43",
        "legal_representative": "李明", "agent_name": "王芳", "agent_id_number": "11010519491231002X",
        "holder_id_number": "11010519491231002X", "contact_phone": "+86 138 0013 8000", "contact_email": "ops@example.cn",
        "new_secure_phone": "13900139000", "new_company_name": "深圳新示例有限公司", "new_company_uscc": "91440300708461136T",
        "reason": "原手机号已停用，无法接收验证码。"
    })
}

/// (provider, item, answers, what the text must contain in English, and in Chinese)
type Variant = (&'static str, &'static str, Value, Vec<&'static str>, Vec<&'static str>);

fn variants() -> Vec<Variant> {
    vec![
        ("huawei-cloud", "authorization_letter", json!({"customer_type":"direct","real_name_verified":true,"account_type":"enterprise","card_added":false,"enterprise_in_china":true}),
            vec!["Authorization Letter", "hereby authorizes", "outside China must be signed", "in China: if only one is possible, the official seal"], vec!["授权书", "特此授权", "中国境内企业须加盖公章"]),
        ("huawei-cloud", "authorization_letter", json!({"customer_type":"reseller","real_name_verified":true,"enterprise_in_china":false}),
            vec!["Authorization Letter", "outside China: if only one is possible, the signature"], vec!["授权书", "须签字"]),
        ("alibaba-cloud", "appeal_letter", json!({"verification":"individual","appeal_items":["change_phone","other"],"submitter_is_verified_individual":false}),
            vec!["Account Appeal Application Letter (Individual)", "Change secure phone number", "13900139000", "Declaration"], vec!["账号申诉申请书（个人）", "修改安全手机", "声明"]),
        ("alibaba-cloud", "appeal_letter", json!({"verification":"enterprise","enterprise_status":"active","appeal_items":["reset_password"],"enterprise_name_changed":false}),
            vec!["Account Appeal Application Letter (Enterprise)", "Legal representative", "Official seal of the company"], vec!["账号申诉申请书（企业）", "法定代表人", "公司公章"]),
        ("alibaba-cloud", "appeal_letter", json!({"verification":"enterprise","enterprise_status":"deregistered","can_log_on":false,"appeal_items":["change_phone"],"new_entity_available":true}),
            vec!["as the company taking over", "91440300708461136T"], vec!["承接公司", "深圳新示例有限公司"]),
        ("alibaba-cloud", "member_holder_change_form", json!({"verification":"enterprise","enterprise_status":"deregistered"}),
            vec!["Member Account Holder Change Application Form", "more than two-thirds", "Thumbprint or stamp"], vec!["会员账号所有人变更申请表", "三分之二"]),
        ("alibaba-cloud", "asset_disposal_certificate", json!({"verification":"enterprise","enterprise_status":"deregistered","asset_disposal_timing":"before_deregistration"}),
            vec!["Enterprise Asset Disposal Certificate", "Issued before"], vec!["企业资产处置证明", "公司注销前出具"]),
        ("alibaba-cloud", "asset_disposal_certificate", json!({"verification":"enterprise","enterprise_status":"deregistered","asset_disposal_timing":"after_deregistration"}),
            vec!["Issued after", "Fingerprint"], vec!["公司注销后出具", "指印"]),
        // Until the timing is known, both ways.
        ("alibaba-cloud", "asset_disposal_certificate", json!({"verification":"enterprise","enterprise_status":"deregistered","can_log_on":false,"new_entity_available":true}),
            vec!["Issued before", "Issued after", "Official seal of the company", "Fingerprint"], vec!["公司注销前出具", "公司注销后出具"]),
    ]
}

/// Text as a PDF reader extracts it, with white space removed (layout splits lines).
fn extracted(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf).unwrap().chars().filter(|c| !c.is_whitespace()).collect()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_letter_in_every_language_carries_the_case_facts() {
    let profile = profile();
    for (provider, item, answers, en, zh) in variants() {
        for lang in [Lang::En, Lang::Zh, Lang::Bilingual] {
            let l = letter(provider, item, &answers, &profile, lang).unwrap();
            assert!(l.missing_fields.is_empty(), "{item}: {:?}", l.missing_fields);
            let pdf = render(&l).unwrap();
            assert!(pdf.starts_with(b"%PDF-"));
            let text = extracted(&pdf);
            let ctx = format!("{provider} {item} {lang:?} {answers}");
            // The case's own values, Chinese ones included, are real text in every language.
            for value in ["shop-ops-2024", "杭州示例科技有限公司", "2026-11-22"] {
                assert!(text.contains(&squash(value)), "{ctx}: no {value:?} in {text}");
            }
            if lang != Lang::Zh {
                en.iter().for_each(|p| assert!(text.contains(&squash(p)), "{ctx}: no {p:?} in {text}"));
            }
            if lang != Lang::En {
                zh.iter().for_each(|p| assert!(text.contains(&squash(p)), "{ctx}: no {p:?} in {text}"));
            }
            if lang == Lang::En {
                assert!(!text.contains("授权书") && !text.contains("申诉"), "{ctx}: Chinese in the English letter");
            }
        }
    }
}

#[test]
fn the_font_is_embedded_subset_and_mapped_to_unicode() {
    let profile = profile();
    let (provider, item, answers, ..) = variants().remove(0);
    let pdf = render(&letter(provider, item, &answers, &profile, Lang::Bilingual).unwrap()).unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/FontFile3") || raw.contains("/FontFile2"), "font program embedded");
    assert!(raw.contains("/ToUnicode"), "text extractable");
    assert!(raw.contains("+"), "subset font names carry a tag prefix");
    assert!(pdf.len() < documents::pdf::FONT.len() / 4, "the font is subset, not embedded whole: {} bytes", pdf.len());
}

#[test]
fn the_same_letter_gives_the_same_bytes() {
    let profile = profile();
    for (provider, item, answers, ..) in variants() {
        let a = render(&letter(provider, item, &answers, &profile, Lang::Bilingual).unwrap()).unwrap();
        let b = render(&letter(provider, item, &answers, &profile, Lang::Bilingual).unwrap()).unwrap();
        assert!(a == b, "{item} differs between two renders");
    }
}

#[test]
fn missing_profile_fields_are_listed_and_left_blank_to_fill_by_hand() {
    let answers = json!({"customer_type":"direct","real_name_verified":true,"account_type":"enterprise"});
    let profile = json!({"account_name": "ops-main", "holder_name": "Example Ltd"});
    let l = letter("huawei-cloud", "authorization_letter", &answers, &profile, Lang::En).unwrap();
    // In the order the profile form shows them.
    assert_eq!(l.missing_fields, ["uscc", "legal_representative", "agent_name", "agent_id_number", "contact_phone", "contact_email"]);
    let text = extracted(&render(&l).unwrap());
    assert!(text.contains("ops-main") && text.contains("____________"), "{text}");
    // An individual account's letter does not ask for enterprise identifiers.
    let answers = json!({"customer_type":"reseller","real_name_verified":false,"account_type":"individual"});
    let l = letter("huawei-cloud", "authorization_letter", &answers, &profile, Lang::En).unwrap();
    assert!(!l.missing_fields.contains(&"uscc".to_string()));
    // A value the letter can do without (Alibaba Cloud's contact email) is not listed.
    let answers = json!({"verification":"individual","appeal_items":["reset_password"],"submitter_is_verified_individual":false});
    let l = letter("alibaba-cloud", "appeal_letter", &answers, &profile, Lang::Bilingual).unwrap();
    assert_eq!(l.missing_fields, ["holder_id_number", "contact_phone", "reason"]);
}

#[test]
fn only_letter_items_have_letters() {
    let (a, p) = (json!({}), json!({}));
    assert!(letter("huawei-cloud", "card_front", &a, &p, Lang::En).is_none());
    assert!(letter("huawei-cloud", "appeal_letter", &a, &p, Lang::En).is_none(), "that is Alibaba Cloud's letter");
    assert_eq!(documents::letter_items(rules::pack("huawei-cloud").unwrap()), ["authorization_letter"]);
    assert_eq!(documents::letter_items(rules::pack("alibaba-cloud").unwrap()), ["appeal_letter", "member_holder_change_form", "asset_disposal_certificate"]);
}

#[test]
fn long_text_wraps_onto_more_pages() {
    let answers = json!({"verification":"individual","appeal_items":["other"]});
    let mut profile = profile();
    profile["reason"] = json!("The phone number was re-issued to another person. ".repeat(120));
    let l = letter("alibaba-cloud", "appeal_letter", &answers, &profile, Lang::En).unwrap();
    let pdf = render(&l).unwrap();
    let pages = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
    assert!(pages >= 2, "{pages} page(s)");
    assert!(extracted(&pdf).contains(&format!("1/{pages}")), "pages are numbered");
}

/// Pages of a PDF, as a reader counts them.
fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
}

#[test]
fn the_prepared_by_note_never_takes_a_page_of_its_own() {
    let profile = profile();
    for (provider, item, answers, ..) in variants() {
        for lang in [Lang::En, Lang::Zh, Lang::Bilingual] {
            let pdf = render(&letter(provider, item, &answers, &profile, lang).unwrap()).unwrap();
            let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf).unwrap();
            assert_eq!(pages.len(), page_count(&pdf));
            let last = squash(pages.last().unwrap());
            let note = if lang == Lang::Zh { "本文件由AppealKit生成" } else { "PreparedwithAppealKit" };
            assert!(last.contains(note), "{item} {lang:?}: the note is on the last page");
            // The last page holds more than the note: the letter's own content ends there too.
            let rest = last.split(note).next().unwrap_or_default();
            assert!(rest.chars().count() > 40, "{provider} {item} {lang:?} {answers}: a page holding only the footer: {last}");
        }
    }
}

#[test]
fn every_letter_fits_on_one_page_in_every_language() {
    let profile = profile();
    let mut over = Vec::new();
    for (provider, item, answers, ..) in variants() {
        for lang in [Lang::En, Lang::Zh, Lang::Bilingual] {
            let pdf = render(&letter(provider, item, &answers, &profile, lang).unwrap()).unwrap();
            if page_count(&pdf) != 1 {
                over.push(format!("{provider} {item} {lang:?} {answers}: {} pages", page_count(&pdf)));
            }
        }
    }
    assert!(over.is_empty(), "{over:#?}");
}
