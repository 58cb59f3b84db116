#[test]
fn every_embedded_pack_loads() {
    for p in rules::providers() {
        rules::pack(p).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn profile_fields_are_pack_data_checked_at_load() {
    let good = include_str!("../../kit/tests/fixtures/third-cloud.toml");
    let source = include_str!("../../kit/tests/fixtures/third-cloud.txt");
    let pack = rules::Pack::parse("third-cloud", good, source).unwrap();
    let fits = |answers: serde_json::Value| rules::profile_fields(&pack, &rules::Answers::from_json(&pack, &answers).unwrap()).unwrap();
    assert_eq!(fits(serde_json::json!({"holder": "company"})), ["account_name", "holder_name", "uscc", "contact_phone"]);
    assert_eq!(fits(serde_json::json!({"holder": "person"})), ["account_name", "holder_name", "holder_id_number", "contact_phone"]);
    assert_eq!(fits(serde_json::json!({})), ["account_name", "holder_name", "holder_id_number", "uscc", "contact_phone"], "unknown yet: shown");
    let cases = [
        (good.replacen("field = \"contact_phone\"", "field = \"phone\"", 1), "profile field phone is not a profile field"),
        (good.replacen("when = \"holder != company\"", "when = \"holder != firm\"", 1), "firm is not an option of holder"),
        (good.replacen("field = \"uscc\"", "field = \"holder_name\"", 1), "profile field holder_name is listed twice"),
        // The ticket asks for the contact phone: the form must show it.
        (good.replacen("[[profile_fields]]\nfield = \"contact_phone\"\n", "", 1), "{profile.contact_phone} is not among the pack's profile_fields"),
    ];
    for (text, expected) in cases {
        assert_ne!(text, good, "{expected}");
        let err = rules::Pack::parse("third-cloud", &text, source).unwrap_err().to_string();
        assert!(err.contains(expected), "expected {expected:?} in: {err}");
    }
}
