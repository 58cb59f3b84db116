//! Ticket texts are pack data: placeholders checked at load, filled from the case, in English
//! and Chinese.
mod common;
use rules::{Answers, Language, Pack, evaluate_in, ticket_text};
use serde_json::{Value, json};

fn ticket(provider: &str, answers: Value, profile: Value, lang: Language) -> Option<String> {
    let pack = rules::pack(provider).unwrap();
    let a = Answers::from_json(pack, &answers).unwrap();
    let c = evaluate_in(pack, &a, lang);
    ticket_text(pack, &a, &c, &profile, lang)
}

#[test]
fn the_huawei_ticket_lists_the_materials_once_ready() {
    let ready = json!({"customer_type":"direct","real_name_verified":true,"account_type":"enterprise","card_added":false});
    let en = ticket("huawei-cloud", ready.clone(), json!({"account_name":"hw-ops","contact_phone":"+86 138 0000 0000"}), Language::En).unwrap();
    assert_eq!(en, "Request to restore HUAWEI ID hw-ops. The phone number or email address registered with the account is no longer available. Please restore the account; the required materials are attached:\n1. Real-name authentication certificate\n2. Authorization letter, sealed and signed\n3. The last 3 transaction records\nContact phone: +86 138 0000 0000");
    let zh = ticket("huawei-cloud", ready, json!({}), Language::Zh).unwrap();
    assert!(zh.starts_with("申请恢复华为账号 （账号名）。") && zh.contains("1. 实名认证证明\n2. 授权书") && !zh.contains("联系电话"), "{zh}");
    assert_eq!(ticket("huawei-cloud", json!({"customer_type":"direct"}), json!({}), Language::En), None, "not before the checklist is ready");
}

#[test]
fn the_alibaba_follow_up_ticket_is_the_sources_reference_text_filled_in() {
    let dereg = json!({"verification":"enterprise","enterprise_status":"deregistered","can_log_on":false,"appeal_items":["change_phone"],"new_entity_available":true});
    let en = ticket("alibaba-cloud", dereg.clone(), json!({"account_name":"shop","holder_name":"Old Co"}), Language::En).unwrap();
    assert_eq!(en, "I am applying to change the identity verification entity of account shop from Old Co to my company, xxx. Please assist with this process.");
    let zh = ticket("alibaba-cloud", dereg, json!({"account_name":"shop","holder_name":"旧公司","new_company_name":"新公司"}), Language::Zh).unwrap();
    assert_eq!(zh, "我申请将账号 shop 的实名认证主体由 旧公司 变更为本公司 新公司，请协助处理。");
    assert_eq!(ticket("alibaba-cloud", json!({"verification":"individual"}), json!({}), Language::En), None);
}

#[test]
fn a_placeholder_naming_an_unknown_field_or_question_fails_at_load() {
    let good = include_str!("../packs/huawei-cloud.toml");
    let source = include_str!("../sources/huawei-cloud-restore-huawei-id-materials.txt");
    let cases = [
        (good.replacen("{profile.contact_phone}", "{profile.phone}", 1), "{profile.phone} is not a profile field"),
        (good.replacen("{profile.contact_email}", "{answer.customer}", 1), "{answer.customer} is not a question of this pack"),
        (good.replacen("attached:\\n{materials}", "attached:\\n{materials", 1), "without"),
        (good.replacen("attached:\\n{materials}", "attached:\\n{case.materials}", 1), "unknown placeholder"),
    ];
    for (text, expected) in cases {
        assert_ne!(text, good);
        let err = Pack::parse("huawei-cloud", &text, source).unwrap_err().to_string();
        assert!(err.contains(expected), "expected {expected:?} in: {err}");
    }
}

#[test]
fn letters_as_pack_data_are_checked_at_load() {
    let good = include_str!("../../kit/tests/fixtures/third-cloud.toml");
    let source = include_str!("../../kit/tests/fixtures/third-cloud.txt");
    Pack::parse("third-cloud", good, source).unwrap();
    let cases = [
        (good.replacen("item = \"consent_letter\"", "item = \"contact_phone\"", 1), "letter contact_phone is not a letter or document item"),
        (good.replacen("value = \"{profile.holder_name}\"", "value = \"{profile.holder}\"", 1), "{profile.holder} is not a profile field"),
        (good.replacen("{answer.holder}", "{answer.owner}", 1), "{answer.owner} is not a question"),
        (good.replacen("when = \"holder == person\"\nkind = \"signatures\"", "when = \"holder == individual\"\nkind = \"signatures\"", 1), "individual is not an option of holder"),
        (good.replacen("kind = \"para\"", "kind = \"fields\"", 1), "a Fields block takes rows"),
        (good.replacen("label = { en = \"Company seal\", zh = \"公司公章\" }", "label = { en = \"Company seal\" }", 1), "missing field `zh`"),
    ];
    for (text, expected) in cases {
        assert_ne!(text, good, "{expected}");
        let err = Pack::parse("third-cloud", &text, source).unwrap_err().to_string();
        assert!(err.contains(expected), "expected {expected:?} in: {err}");
    }
}

#[test]
fn the_providers_letters_are_pack_data_checked_at_load() {
    let good = include_str!("../packs/alibaba-cloud.toml");
    let source = include_str!("../sources/alibaba-cloud-account-appeal.txt");
    let pack = Pack::parse("alibaba-cloud", good, source).unwrap();
    let items: Vec<&str> = pack.letters.iter().map(|l| l.item.as_str()).collect();
    assert_eq!(items, ["appeal_letter", "member_holder_change_form", "asset_disposal_certificate"]);
    let cases = [
        // A box ticked on a value the question does not have.
        (good.replacen("checked = \"appeal_items has detach_mfa\"", "checked = \"appeal_items has mfa\"", 1), "mfa is not an option of appeal_items"),
        (good.replacen("blank_rows = 5\n", "\n", 1), "a Table block takes columns and blank_rows"),
        (good.replacen("kind = \"checkboxes\"", "kind = \"table\"", 1), "a Table block takes columns and blank_rows"),
        // Placeholders in labels and titles are checked as in texts.
        (good.replacen("label = { en = \"Date {date}\"", "label = { en = \"Date {profile.date}\"", 1), "{profile.date} is not a profile field"),
        (good.replacen("{ when = \"verification == enterprise\", text", "{ when = \"verification == company\", text", 1), "company is not an option of verification"),
        (good.replacen("{ en = \"Fingerprint\", zh = \"指印\" }", "{ en = \"Fingerprint\" }", 1), "missing field `zh`"),
    ];
    for (text, expected) in cases {
        assert_ne!(text, good, "{expected}");
        let err = Pack::parse("alibaba-cloud", &text, source).unwrap_err().to_string();
        assert!(err.contains(expected), "expected {expected:?} in: {err}");
    }
}
