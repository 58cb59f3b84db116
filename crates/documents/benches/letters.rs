//! Time to build each letter from its pack and render it to PDF.
use criterion::{Criterion, criterion_group, criterion_main};
use documents::{Facts, Lang, letter, render};
use serde_json::json;

fn letters(c: &mut Criterion) {
    let profile = json!({"account_name":"shop-ops","holder_name":"杭州示例科技有限公司","uscc":"91350100M000100Y43","new_company_name":"深圳新示例有限公司","reason":"原手机号已停用。"});
    let cases = [
        ("huawei-cloud", "authorization_letter", json!({"customer_type":"direct","account_type":"enterprise"})),
        ("alibaba-cloud", "appeal_letter", json!({"verification":"enterprise","enterprise_status":"active","appeal_items":["change_phone"]})),
        ("alibaba-cloud", "member_holder_change_form", json!({"verification":"enterprise","enterprise_status":"deregistered"})),
        ("alibaba-cloud", "asset_disposal_certificate", json!({"verification":"enterprise","enterprise_status":"deregistered"})),
    ];
    for (provider, item, answers) in &cases {
        let pack = rules::pack(provider).unwrap();
        let answers = rules::Answers::from_json(pack, answers).unwrap();
        for lang in [Lang::En, Lang::Zh, Lang::Bilingual] {
            let facts = Facts { pack, answers: &answers, profile: &profile, date: "2026-11-22" };
            c.bench_function(&format!("{item} {lang:?}"), |b| b.iter(|| render(&letter(item, &facts, lang).unwrap()).unwrap()));
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(2));
    targets = letters
}
criterion_main!(benches);
