//! Every checklist and scenario of Alibaba Cloud's "How to submit an appeal if you cannot
//! complete identity verification?".
mod common;
use common::*;
use rules::Status::*;
use serde_json::json;

const P: &str = "alibaba-cloud";

const DEREGISTERED: &[(&str, rules::Requirement)] = &[
    ("new_company_business_license", R), ("appeal_letter", R), ("operator_identity", R), ("payment_proof", R),
    ("member_holder_change_form", R), ("deregistration_certificate", R), ("asset_disposal_certificate", R),
    ("new_legal_rep_id_card", R), ("entity_change_ticket", R),
];

#[test]
fn every_checklist_of_step_1() {
    run(P, &[
        Row { name: "individual, submitted by the verified individual",
            answers: json!({"verification":"individual","appeal_items":["reset_password"],"submitter_is_verified_individual":true}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("facial_recognition", R), ("supplementary_documents", N), ("supplementary_explanation", N)] },
        Row { name: "individual, verified individual, Service Type Other needs an explanation",
            answers: json!({"verification":"individual","appeal_items":["other"],"submitter_is_verified_individual":true}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("facial_recognition", R), ("supplementary_documents", N), ("supplementary_explanation", R)] },
        Row { name: "individual, someone else, changing the secure phone",
            answers: json!({"verification":"individual","appeal_items":["change_phone"],"submitter_is_verified_individual":false}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("id_card_front_back", R), ("appeal_letter", R), ("payment_proof", R), ("supplementary_documents", N), ("supplementary_explanation", N)] },
        Row { name: "individual, someone else, not changing the secure phone",
            answers: json!({"verification":"individual","appeal_items":["detach_mfa","clear_ip_mask"],"submitter_is_verified_individual":false}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("id_card_front_back", R), ("appeal_letter", R), ("payment_proof", N), ("supplementary_documents", N), ("supplementary_explanation", N)] },
        Row { name: "enterprise active, same name",
            answers: json!({"verification":"enterprise","enterprise_status":"active","appeal_items":["clear_security_questions"],"enterprise_name_changed":false}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("business_license", R), ("appeal_letter", R), ("operator_identity", R), ("payment_proof", N), ("supplementary_documents", N), ("supplementary_explanation", N)] },
        Row { name: "enterprise active, renamed, changing phone, other",
            answers: json!({"verification":"enterprise","enterprise_status":"active","appeal_items":["change_phone","other"],"enterprise_name_changed":true}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("business_license", R), ("appeal_letter", R), ("operator_identity", R), ("payment_proof", R), ("name_change_certificate", R), ("supplementary_documents", N), ("supplementary_explanation", R)] },
        Row { name: "enterprise deregistered, cannot log on, moving to a new company",
            answers: json!({"verification":"enterprise","enterprise_status":"deregistered","can_log_on":false,"appeal_items":["change_phone"],"new_entity_available":true}),
            status: Ready, missing: &[], blockers: &[], items: DEREGISTERED },
    ]);
}

#[test]
fn scenarios_where_an_appeal_cannot_succeed() {
    run(P, &[
        Row { name: "not identity verified: blocked at once, whatever else is unanswered",
            answers: json!({"verification":"none"}), status: Blocked, missing: &[], items: &[], blockers: &["not_identity_verified"] },
        Row { name: "forgot username with nothing to look it up by",
            answers: json!({"verification":"individual","appeal_items":["retrieve_username"],"has_username_lookup":false}),
            status: Blocked, missing: &[], items: &[], blockers: &["no_entry_point"] },
        Row { name: "deregistered but can still log on",
            answers: json!({"verification":"enterprise","enterprise_status":"deregistered","can_log_on":true}),
            status: Blocked, missing: &[], items: &[], blockers: &["deregistered_can_log_on"] },
        Row { name: "deregistered without the forced appeal item",
            answers: json!({"verification":"enterprise","enterprise_status":"deregistered","can_log_on":false,"appeal_items":["reset_password"]}),
            status: Blocked, missing: &[], items: &[], blockers: &["deregistered_requires_change_phone"] },
        Row { name: "deregistered, entity cannot be changed: a page we do not have",
            answers: json!({"verification":"enterprise","enterprise_status":"deregistered","can_log_on":false,"appeal_items":["change_phone"],"new_entity_available":false}),
            status: NotCovered, missing: &[], items: &[], blockers: &[] },
        Row { name: "a username lookup is available: no blocker",
            answers: json!({"verification":"individual","appeal_items":["retrieve_username"],"has_username_lookup":true,"submitter_is_verified_individual":true}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("facial_recognition", R), ("supplementary_documents", N), ("supplementary_explanation", N)] },
    ]);
}

#[test]
fn questions_are_asked_in_order_and_only_when_they_matter() {
    run(P, &[
        Row { name: "nothing", answers: json!({}), status: Incomplete, missing: &["verification"], blockers: &[], items: &[] },
        Row { name: "individual", answers: json!({"verification":"individual"}), status: Incomplete,
            missing: &["appeal_items", "submitter_is_verified_individual"], blockers: &[], items: &[] },
        Row { name: "individual, retrieve username", answers: json!({"verification":"individual","appeal_items":["retrieve_username"]}),
            status: Incomplete, missing: &["has_username_lookup", "submitter_is_verified_individual"], blockers: &[],
            items: &[("supplementary_explanation", N)] },
        Row { name: "enterprise", answers: json!({"verification":"enterprise"}), status: Incomplete,
            missing: &["enterprise_status", "appeal_items"], blockers: &[], items: &[] },
        Row { name: "enterprise active", answers: json!({"verification":"enterprise","enterprise_status":"active"}), status: Incomplete,
            missing: &["appeal_items", "enterprise_name_changed"], blockers: &[],
            // Payment proof and the explanation wait for the appeal items, which decide whether they are required.
            items: &[("business_license", R), ("appeal_letter", R), ("operator_identity", R), ("supplementary_documents", N)] },
        Row { name: "enterprise deregistered", answers: json!({"verification":"enterprise","enterprise_status":"deregistered"}), status: Incomplete,
            missing: &["can_log_on", "appeal_items"], blockers: &[], items: &[] },
        Row { name: "deregistered, cannot log on", answers: json!({"verification":"enterprise","enterprise_status":"deregistered","can_log_on":false}),
            status: Incomplete, missing: &["appeal_items", "new_entity_available"], blockers: &[], items: &[] },
    ]);
}

#[test]
fn not_verified_advice_depends_on_log_on_and_icp_assets() {
    let advice = |a| {
        let c = check(P, a);
        c.blockers[0].advice.iter().map(|g| g.text.clone()).collect::<Vec<_>>().join(" | ")
    };
    let plain = advice(json!({"verification":"none"}));
    assert!(!plain.contains("offline transfer") && !plain.contains("first complete identity verification"), "{plain}");
    assert!(plain.contains("common reasons"));
    let all = advice(json!({"verification":"none","can_log_on":true,"has_icp_assets":true}));
    assert!(all.contains("offline transfer") && all.contains("first complete identity verification"), "{all}");
    let c = check(P, json!({"verification":"none"}));
    assert!(c.blockers[0].message.contains("cannot succeed"));
    assert_eq!(c.optional_answers, ["can_log_on", "has_icp_assets"], "the questions that refine the advice are offered");
    let c = check(P, json!({"verification":"enterprise","enterprise_status":"deregistered","can_log_on":true}));
    assert!(c.optional_answers.is_empty(), "nothing left to refine: {:?}", c.optional_answers);
    assert!(c.guidance.is_empty(), "no appeal steps for an appeal that cannot succeed");
    assert!(check(P, json!({"verification":"none"})).guidance.is_empty());
}

#[test]
fn deregistered_path_details() {
    let base = json!({"verification":"enterprise","enterprise_status":"deregistered","can_log_on":false,"appeal_items":["change_phone"],"new_entity_available":true});
    let c = check(P, base.clone());
    let asset = notes(&c, "asset_disposal_certificate");
    assert!(asset.contains("Issued before") && asset.contains("Issued after"), "both ways until the timing is known: {asset}");
    assert!(notes(&c, "member_holder_change_form").contains("more than two-thirds"));
    let dereg = notes(&c, "deregistration_certificate");
    assert!(dereg.contains("National Enterprise Credit Information Publicity System") && dereg.contains("Administration for Market Regulation"));
    assert!(notes(&c, "entity_change_ticket").contains("I am applying to change the identity verification entity of account xxx"));
    assert!(notes(&c, "operator_identity").contains("facial recognition"));
    let letter = c.items.iter().find(|i| i.id == "appeal_letter").unwrap();
    assert!(letter.source.quote.contains("information for the new company"));

    let mut before = base.clone();
    before["asset_disposal_timing"] = json!("before_deregistration");
    let asset = notes(&check(P, before), "asset_disposal_certificate");
    assert!(asset.contains("official seal") && !asset.contains("fingerprints"), "{asset}");
    let mut after = base.clone();
    after["asset_disposal_timing"] = json!("after_deregistration");
    let asset = notes(&check(P, after), "asset_disposal_certificate");
    assert!(asset.contains("fingerprints") && !asset.contains("official seal"), "{asset}");

    let mut legal = base.clone();
    legal["operator_is_legal_representative"] = json!(true);
    assert!(guidance(&check(P, legal)).contains("select 'I am the legal representative'"));
    let mut other = base;
    other["operator_is_legal_representative"] = json!(false);
    assert!(guidance(&check(P, other)).contains("select 'I am not the legal representative'"));
}

#[test]
fn guidance_explains_each_appeal_item_and_the_timelines() {
    let c = check(P, json!({"verification":"individual","appeal_items":["retrieve_username","reset_password","change_phone","change_email","detach_mfa","clear_security_questions","clear_ip_mask","other"],"has_username_lookup":true,"submitter_is_verified_individual":true}));
    let g = guidance(&c);
    for phrase in ["Retrieve username:", "Reset password:", "Change secure phone number:", "Change security email address:", "Detach MFA:",
        "Clear security questions:", "Clear IP logon mask:", "Other:", "Forgot Username", "about 3 business days",
        "3 calendar days", "Manual Appeal Progress Query", "Submit Appeal, then Continue Appeal", "Confirm Submission"] {
        assert!(g.contains(phrase), "missing {phrase:?} in {g}");
    }
    assert_eq!(c.submission.method, rules::pack::SubmissionMethod::OnlineAppeal);
    let c = check(P, json!({"verification":"individual","appeal_items":["detach_mfa"],"submitter_is_verified_individual":true}));
    assert!(!guidance(&c).contains("Retrieve username:"), "only the chosen items are explained");
}

#[test]
fn payment_proof_note_for_items_that_change_the_phone() {
    let c = check(P, json!({"verification":"individual","appeal_items":["reset_password"],"submitter_is_verified_individual":false}));
    assert!(notes(&c, "payment_proof").contains("changing the secure phone number"));
    let c = check(P, json!({"verification":"individual","appeal_items":["detach_mfa"],"submitter_is_verified_individual":false}));
    assert!(!notes(&c, "payment_proof").contains("changing the secure phone number"));
}

#[test]
fn unsure_of_the_verification_says_how_to_check_instead_of_blocking() {
    let c = check(P, json!({"verification":"unsure"}));
    assert_eq!(c.status, Incomplete);
    assert_eq!(c.missing_answers, ["verification"], "the question stays open");
    assert!(c.blockers.is_empty() && c.items.is_empty());
    let g = guidance(&c);
    assert!(g.contains("Real-name Authentication") && g.contains("Account Center"), "{g}");
    assert!(c.guidance.iter().any(|n| n.guidance), "where to look is Appeal Kit's advice, not the source's");
    // "None" is a different answer: it blocks, as the source says.
    assert_eq!(check(P, json!({"verification":"none"})).status, Blocked);
    // Later answers are kept and count again once the type is known.
    let c = check(P, json!({"verification":"unsure","appeal_items":["detach_mfa"],"submitter_is_verified_individual":true}));
    assert_eq!(c.status, Incomplete);
    let c = check(P, json!({"verification":"individual","appeal_items":["detach_mfa"],"submitter_is_verified_individual":true}));
    assert_eq!(c.status, Ready);
}
