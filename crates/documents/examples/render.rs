//! Renders one letter to a file, for looking at: `cargo run -p documents --example render -- OUT.pdf`.
fn main() {
    let out = std::env::args().nth(1).expect("usage: render OUT.pdf [item] [lang]");
    let item = std::env::args().nth(2).unwrap_or_else(|| "appeal_letter".into());
    let lang = std::env::args().nth(3).unwrap_or_else(|| "bilingual".into()).parse().expect("lang");
    // ANSWERS='{"verification": ...}' renders another variant.
    let answers = std::env::var("ANSWERS").ok().and_then(|a| serde_json::from_str(&a).ok()).unwrap_or_else(|| serde_json::json!({"verification":"enterprise","enterprise_status":"active","appeal_items":["change_phone","reset_password"],"customer_type":"direct","account_type":"enterprise","enterprise_in_china":true}));
    let profile = serde_json::json!({"account_name":"shop-ops-2024","holder_name":"杭州示例科技有限公司","uscc":"91350100M000100Y43","legal_representative":"李明","agent_name":"王芳","agent_id_number":"11010519491231002X","contact_phone":"+86 138 0013 8000","new_secure_phone":"13900139000","reason":"原手机号已停用，无法接收验证码。The old phone number was cancelled.","new_company_name":"深圳新示例有限公司","new_company_uscc":"91440300708461136T","contact_email":"ops@example.cn"});
    let provider = if item == "authorization_letter" { "huawei-cloud" } else { "alibaba-cloud" };
    let pack = rules::pack(provider).expect("pack");
    // Answers to the other provider's questions are dropped.
    let answers = rules::Answers::kept(pack, &answers);
    let facts = documents::Facts { pack, answers: &answers, profile: &profile, date: "2026-11-22" };
    let letter = documents::letter(&item, &facts, lang).expect("a letter item");
    std::fs::write(&out, documents::render(&letter).expect("render")).expect("write");
}
