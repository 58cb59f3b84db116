//! Properties of the engine over both packs: contract ids, source coverage, every interview
//! path, bad input, malformed packs, and random answers.
mod common;
use common::check;
use proptest::prelude::*;
use rules::{Answers, Pack, Status, evaluate, interview, pack::normalize};
use serde_json::{Value, json};
use std::collections::BTreeSet;

fn ids<'a>(it: impl Iterator<Item = &'a String>) -> BTreeSet<&'a str> {
    it.map(String::as_str).collect()
}

#[test]
fn ids_are_exactly_those_of_the_contract() {
    let h = rules::pack("huawei-cloud").unwrap();
    assert_eq!(ids(h.questions.iter().map(|q| &q.id)), BTreeSet::from(["customer_type", "real_name_verified", "account_type", "card_added", "payments_made", "enterprise_in_china"]));
    assert_eq!(ids(h.items.iter().map(|i| &i.id)), BTreeSet::from([
        "real_name_certificate", "transaction_records", "card_holder_certificate", "card_front", "authorization_letter",
        "consumption_proof", "bank_account_enterprise_certificate", "bank_account_details", "bank_transfer_proof",
        "mobile_number", "email_address", "name_and_contact_address", "enterprise_name_and_contact_address",
        "latest_cloud_service", "partner_consent_email", "partner_authorization_and_certificate", "partner_consumption_proof"]));
    assert!(h.blockers.is_empty());

    let a = rules::pack("alibaba-cloud").unwrap();
    assert_eq!(ids(a.questions.iter().map(|q| &q.id)), BTreeSet::from([
        "verification", "can_log_on", "has_icp_assets", "appeal_items", "has_username_lookup", "submitter_is_verified_individual",
        "enterprise_status", "enterprise_name_changed", "new_entity_available", "asset_disposal_timing", "operator_is_legal_representative"]));
    assert_eq!(ids(a.items.iter().map(|i| &i.id)), BTreeSet::from([
        "facial_recognition", "id_card_front_back", "appeal_letter", "payment_proof", "business_license", "operator_identity",
        "name_change_certificate", "new_company_business_license", "member_holder_change_form", "deregistration_certificate",
        "asset_disposal_certificate", "new_legal_rep_id_card", "supplementary_documents", "supplementary_explanation", "entity_change_ticket"]));
    assert_eq!(ids(a.blockers.iter().map(|b| &b.id)), BTreeSet::from(["not_identity_verified", "no_entry_point", "deregistered_can_log_on", "deregistered_requires_change_phone"]));
    let optional: BTreeSet<&str> = a.questions.iter().chain(&h.questions).filter(|q| q.optional).map(|q| q.id.as_str()).collect();
    assert_eq!(optional, BTreeSet::from(["enterprise_in_china", "has_icp_assets", "asset_disposal_timing", "operator_is_legal_representative"]));
}

/// Lines of the sources that carry no rule, and why.
const NOT_RULES: &[&str] = &[
    // Page furniture.
    "Help Center/ My Account/ FAQs/ Basic Information (for HUAWEI ID)/ Basic Concepts/ What Materials Should I Provide to Restore My HUAWEI ID?",
    "Updated on 2026-01-23 GMT+08:00", // the pack's version
    "What Materials Should I Provide to Restore My HUAWEI ID?", // the source title
    "Thank you for your support and understanding.",
    "Customer Type", "Scenario", "Sub-scenario", "Account Type", "Required Materials", "Request Method", "/",
    "How to submit an appeal if you cannot complete identity verification?", // the source title
    "更新时间:", "复制 MD 格式",
    // Headings whose content is cited sentence by sentence.
    "Step 1: Prepare appeal documents", "Step 2: Submit the appeal", "Step 3: Check the appeal result",
    "When to submit an appeal", "Account appeal process overview", "Scenarios where you cannot submit an appeal",
    "Submitting an appeal as the verified individual", "Appeals submitted by a person other than the verified individual",
    "For accounts with individual identity verification", "For accounts with enterprise identity verification - Enterprise is active",
    "For accounts with enterprise identity verification - Enterprise is deregistered", "Note", "Forgot username", "Forgot password",
    "The checklist of appeal documents for a deregistered enterprise is as follows:",
    "Issued before company deregistration", "Issued after company deregistration",
    "For accounts that have completed enterprise identity verification, if the enterprise is still active, you must prepare the documents from the following checklist.",
    "For accounts with individual identity verification", "NOTE:",
];

/// Splits a source into sentences: by line, list markers dropped, then at sentence ends.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim().trim_start_matches('•').trim();
        let line = match line.split_once(". ") {
            Some((n, rest)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => rest,
            _ => line,
        };
        let line = line.strip_suffix("image").unwrap_or(line);
        let mut cur = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            cur.push(c);
            if matches!(c, '.' | '?' | '!') && chars.peek() == Some(&' ') || chars.peek().is_none() {
                let s = cur.trim().to_string();
                if !s.is_empty() && !NOT_RULES.contains(&s.as_str()) {
                    out.push(s);
                }
                cur.clear();
            }
        }
    }
    out
}

#[test]
fn every_sentence_of_both_sources_is_cited_or_explained() {
    for provider in rules::providers() {
        let pack = rules::pack(provider).unwrap();
        let cited: Vec<String> = pack.citations().iter().flat_map(|s| [normalize(&s.quote), normalize(&s.section)]).collect();
        let uncited: Vec<String> = sentences(&pack.source_text).into_iter().filter(|s| !cited.iter().any(|c| c.contains(normalize(s).trim_end_matches('.')))).collect();
        assert!(uncited.is_empty(), "{provider}: sentences no rule cites:\n{}", uncited.join("\n"));
    }
}

#[test]
fn every_interview_path_ends_in_a_decided_result() {
    // Walk the interview as a user would, answering the first missing question with every
    // possible value (every non-empty subset for appeal items), until no question is missing.
    for provider in rules::providers() {
        let pack = rules::pack(provider).unwrap();
        let mut seen = std::collections::BTreeMap::new();
        let mut todo = vec![json!({})];
        while let Some(answers) = todo.pop() {
            let c = check(provider, answers.clone());
            // "I'm not sure" stays missing without being asked again: the checklist says how to find out.
            if let Some(next) = c.missing_answers.iter().find(|q| answers.get(q.as_str()).is_none()) {
                assert_eq!(c.status, Status::Incomplete);
                for value in values(pack, next) {
                    let mut more = answers.clone();
                    more[next] = value;
                    todo.push(more);
                }
                continue;
            }
            *seen.entry(format!("{:?}", c.status)).or_insert(0) += 1;
            if c.status == Status::Incomplete {
                assert!(c.missing_answers.iter().all(|q| pack.question(q).unwrap().unsure.as_ref() == answers[q].as_str().map(String::from).as_ref()), "{answers}");
                assert!(c.guidance.iter().any(|g| g.guidance), "unsure says how to find out: {answers}");
                continue;
            }
            match c.status {
                Status::Ready => {
                    assert!(!c.items.is_empty(), "ready with nothing to provide: {answers}");
                    assert!(c.items.iter().any(|i| i.requirement == rules::Requirement::Required), "{answers}");
                    assert!(c.blockers.is_empty() && c.gaps.is_empty());
                }
                Status::Blocked => assert!(c.items.is_empty() && !c.blockers.is_empty()),
                Status::NotCovered => assert!(c.items.is_empty() && !c.gaps.is_empty()),
                Status::Incomplete => unreachable!("handled above"),
            }
            for item in &c.items {
                assert!(!item.why.is_empty() && !item.source.section.is_empty() && !item.source.quote.is_empty());
            }
        }
        let expected: &[&str] = if provider == "huawei-cloud" { &["NotCovered", "Ready"] } else { &["Blocked", "Incomplete", "NotCovered", "Ready"] };
        assert_eq!(seen.keys().map(String::as_str).collect::<Vec<_>>(), expected, "{provider}: {seen:?}");
    }
}

fn values(pack: &Pack, id: &str) -> Vec<Value> {
    let q = pack.question(id).unwrap();
    match q.kind {
        rules::pack::QuestionType::Bool => vec![json!(true), json!(false)],
        rules::pack::QuestionType::Choice => q.options.iter().map(|o| json!(o)).collect(),
        rules::pack::QuestionType::Multi => (1..(1u32 << q.options.len()))
            .map(|mask| json!(q.options.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, o)| o).collect::<Vec<_>>()))
            .collect(),
    }
}

#[test]
fn bad_answers_name_the_answer_and_say_what_is_wrong() {
    let h = rules::pack("huawei-cloud").unwrap();
    let a = rules::pack("alibaba-cloud").unwrap();
    let cases: &[(&Pack, Value, &str, &str)] = &[
        (h, json!({"customer": "direct"}), "customer", "unknown question"),
        (h, json!({"customer_type": "retail"}), "customer_type", "\"retail\" is not one of: direct, reseller, partner"),
        (h, json!({"customer_type": 1}), "customer_type", "expected one of"),
        (h, json!({"card_added": "yes"}), "card_added", "expected true or false"),
        (a, json!({"appeal_items": []}), "appeal_items", "choose at least one"),
        (a, json!({"appeal_items": "other"}), "appeal_items", "expected a list"),
        (a, json!({"appeal_items": ["other", "fly"]}), "appeal_items", "\"fly\" is not one of"),
        (a, json!(["verification"]), "(answers)", "JSON object"),
    ];
    for (pack, answers, question, reason) in cases {
        let err = Answers::from_json(pack, answers).unwrap_err();
        assert_eq!(err.question, *question, "{answers}");
        assert!(err.reason.en.contains(reason), "{answers}: {}", err.reason.en);
        assert!(!err.reason.zh.is_empty() && err.reason.zh != err.reason.en, "{answers}: no Chinese reason");
    }
    // Repeats are folded and the pack's order kept, so equal answers compare equal.
    let x = Answers::from_json(a, &json!({"appeal_items": ["other", "reset_password", "other"]})).unwrap();
    assert_eq!(x.get("appeal_items"), Some(&rules::Answer::Multi(vec!["reset_password".into(), "other".into()])));
}

#[test]
fn merging_answers_keeps_the_rest_and_null_clears_one() {
    let h = rules::pack("huawei-cloud").unwrap();
    let first = Answers::from_json(h, &json!({"customer_type": "direct", "card_added": true})).unwrap();
    let merged = first.merged(h, &json!({"customer_type": "partner", "card_added": null})).unwrap();
    assert_eq!(merged.to_json(), json!({"customer_type": "partner"}));
    assert!(first.merged(h, &json!({"card_added": "no"})).is_err());
}

#[test]
fn malformed_packs_fail_with_a_clear_message() {
    let good = include_str!("../packs/huawei-cloud.toml");
    let source = include_str!("../sources/huawei-cloud-restore-huawei-id-materials.txt");
    let cases = [
        (good.replace("quote = \"Email used to prove that the partner agreed\"", "quote = \"Email proving consent\""), "quotes text that is not in"),
        (good.replace("ask_when = \"customer_type == direct && !real_name_verified && !card_added\"", "ask_when = \"customer_type == direct && enterprise_in_china\""), "depends on enterprise_in_china, which is asked later"),
        (good.replace("when = \"customer_type == partner\"", "when = \"customer_type == vendor\""), "vendor is not an option of customer_type"),
        (good.replace("when = \"customer_type == partner\"", "when = \"customer_type ==\""), "expected a name"),
        (good.replace("kind = \"information\"", "kind = \"form\""), "unknown variant"),
        (good.replace("id = \"card_front\"", "id = \"card_holder_certificate\""), "declared twice"),
    ];
    for (text, expected) in cases {
        let err = Pack::parse("huawei-cloud", &text, source).unwrap_err().to_string();
        assert!(err.contains(expected), "expected {expected:?} in: {err}");
    }
}

fn any_answers() -> impl Strategy<Value = Value> {
    // Any subset of every question of either pack, each with a valid value.
    let mut all = Vec::new();
    for p in rules::providers() {
        for q in &rules::pack(p).unwrap().questions {
            all.push((q.id.clone(), values(rules::pack(p).unwrap(), &q.id)));
        }
    }
    let picks: Vec<_> = all.into_iter().map(|(id, vals)| proptest::option::of(proptest::sample::select(vals)).prop_map(move |v| (id.clone(), v))).collect();
    picks.prop_map(|pairs| Value::Object(pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect()))
}

proptest! {
    #[test]
    fn random_answers_never_panic_and_give_one_coherent_status(answers in any_answers(), provider in proptest::sample::select(vec!["huawei-cloud", "alibaba-cloud"])) {
        let pack = rules::pack(provider).unwrap();
        // Keep only this pack's questions; others are bad input, tested above.
        let mine: serde_json::Map<String, Value> = answers.as_object().unwrap().iter().filter(|(k, _)| pack.question(k).is_some()).map(|(k, v)| (k.clone(), v.clone())).collect();
        let answers = Answers::from_json(pack, &Value::Object(mine)).unwrap();
        let c = evaluate(pack, &answers);
        let shown: Vec<String> = interview(pack, &answers).into_iter().map(|q| q.id).collect();
        match c.status {
            Status::Incomplete => {
                prop_assert!(!c.missing_answers.is_empty());
                for m in &c.missing_answers {
                    prop_assert!(shown.contains(m), "missing {} is not asked", m);
                }
            }
            Status::Ready => prop_assert!(c.missing_answers.is_empty() && !c.items.is_empty()),
            Status::Blocked => prop_assert!(!c.blockers.is_empty() && c.missing_answers.is_empty()),
            Status::NotCovered => prop_assert!(!c.gaps.is_empty() && c.blockers.is_empty() && c.missing_answers.is_empty()),
        }
        // Evaluating is a function of the answers: the same answers give the same result.
        prop_assert_eq!(&c, &evaluate(pack, &answers));
    }

    #[test]
    fn any_json_is_checked_without_panicking(v in any_json()) {
        for p in rules::providers() {
            let _ = Answers::from_json(rules::pack(p).unwrap(), &v);
        }
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![Just(Value::Null), any::<bool>().prop_map(Value::from), any::<i64>().prop_map(Value::from),
        "[a-z_]{0,12}".prop_map(Value::from)];
    leaf.prop_recursive(3, 24, 6, |inner| prop_oneof![
        proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
        proptest::collection::btree_map(proptest::sample::select(vec!["customer_type", "verification", "appeal_items", "card_added", "x"]).prop_map(String::from), inner, 0..5)
            .prop_map(|m| Value::Object(m.into_iter().collect())),
    ])
}
