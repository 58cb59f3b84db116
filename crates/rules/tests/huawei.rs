//! Every row of Huawei Cloud's table "What Materials Should I Provide to Restore My HUAWEI ID?".
mod common;
use common::*;
use rules::Status::*;
use serde_json::json;

const P: &str = "huawei-cloud";

#[test]
fn every_row_of_the_table() {
    run(P, &[
        Row { name: "direct, verified, individual, no card",
            answers: json!({"customer_type":"direct","real_name_verified":true,"account_type":"individual","card_added":false}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("real_name_certificate", R), ("transaction_records", R)] },
        Row { name: "direct, verified, individual, card added",
            answers: json!({"customer_type":"direct","real_name_verified":true,"account_type":"individual","card_added":true}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("real_name_certificate", R), ("transaction_records", R), ("card_holder_certificate", R), ("card_front", R)] },
        Row { name: "direct, verified, enterprise, no card",
            answers: json!({"customer_type":"direct","real_name_verified":true,"account_type":"enterprise","card_added":false}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("real_name_certificate", R), ("authorization_letter", R), ("transaction_records", R)] },
        Row { name: "direct, verified, enterprise, card added",
            answers: json!({"customer_type":"direct","real_name_verified":true,"account_type":"enterprise","card_added":true}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("real_name_certificate", R), ("authorization_letter", R), ("transaction_records", R), ("card_holder_certificate", R), ("card_front", R)] },
        Row { name: "direct, not verified, card added, individual",
            answers: json!({"customer_type":"direct","real_name_verified":false,"account_type":"individual","card_added":true}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("card_holder_certificate", R), ("card_front", R), ("consumption_proof", R)] },
        Row { name: "direct, not verified, card added, enterprise",
            answers: json!({"customer_type":"direct","real_name_verified":false,"account_type":"enterprise","card_added":true}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("authorization_letter", R), ("card_holder_certificate", R), ("card_front", R), ("consumption_proof", R)] },
        Row { name: "direct, not verified, no card, payments, enterprise",
            answers: json!({"customer_type":"direct","real_name_verified":false,"account_type":"enterprise","card_added":false,"payments_made":true}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("authorization_letter", R), ("bank_account_enterprise_certificate", R), ("bank_account_details", R), ("bank_transfer_proof", R)] },
        Row { name: "direct, not verified, no card, payments, individual: only for enterprise accounts",
            answers: json!({"customer_type":"direct","real_name_verified":false,"account_type":"individual","card_added":false,"payments_made":true}),
            status: NotCovered, missing: &[], blockers: &[], items: &[] },
        Row { name: "direct, not verified, no card, no payments, individual",
            answers: json!({"customer_type":"direct","real_name_verified":false,"account_type":"individual","card_added":false,"payments_made":false}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("mobile_number", N), ("email_address", R), ("name_and_contact_address", R)] },
        Row { name: "direct, not verified, no card, no payments, enterprise",
            answers: json!({"customer_type":"direct","real_name_verified":false,"account_type":"enterprise","card_added":false,"payments_made":false}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("mobile_number", N), ("email_address", R), ("enterprise_name_and_contact_address", R)] },
        Row { name: "reseller, verified",
            answers: json!({"customer_type":"reseller","real_name_verified":true}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("real_name_certificate", R), ("authorization_letter", R), ("partner_consent_email", R)] },
        Row { name: "reseller, not verified, individual",
            answers: json!({"customer_type":"reseller","real_name_verified":false,"account_type":"individual"}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("authorization_letter", R), ("mobile_number", R), ("email_address", R), ("name_and_contact_address", R), ("latest_cloud_service", R), ("partner_consent_email", R)] },
        Row { name: "reseller, not verified, enterprise",
            answers: json!({"customer_type":"reseller","real_name_verified":false,"account_type":"enterprise"}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("authorization_letter", R), ("mobile_number", R), ("email_address", R), ("enterprise_name_and_contact_address", R), ("latest_cloud_service", R), ("partner_consent_email", R)] },
        Row { name: "Huawei Cloud partner",
            answers: json!({"customer_type":"partner"}),
            status: Ready, missing: &[], blockers: &[],
            items: &[("partner_authorization_and_certificate", R), ("partner_consumption_proof", R)] },
    ]);
}

#[test]
fn questions_are_asked_in_order_and_only_when_they_matter() {
    run(P, &[
        Row { name: "nothing answered", answers: json!({}), status: Incomplete, missing: &["customer_type"], blockers: &[], items: &[] },
        Row { name: "direct", answers: json!({"customer_type":"direct"}), status: Incomplete,
            missing: &["real_name_verified", "account_type", "card_added"], blockers: &[], items: &[] },
        Row { name: "direct, not verified, no card", answers: json!({"customer_type":"direct","real_name_verified":false,"card_added":false}),
            status: Incomplete, missing: &["account_type", "payments_made"], blockers: &[], items: &[] },
        Row { name: "reseller", answers: json!({"customer_type":"reseller"}), status: Incomplete,
            missing: &["real_name_verified"], blockers: &[], items: &[] },
        Row { name: "reseller, not verified", answers: json!({"customer_type":"reseller","real_name_verified":false}), status: Incomplete,
            missing: &["account_type"], blockers: &[],
            items: &[("authorization_letter", R), ("mobile_number", R), ("email_address", R), ("latest_cloud_service", R), ("partner_consent_email", R)] },
        Row { name: "partial answers already show the items they decide",
            answers: json!({"customer_type":"direct","real_name_verified":true,"account_type":"individual"}),
            status: Incomplete, missing: &["card_added"], blockers: &[],
            items: &[("real_name_certificate", R), ("transaction_records", R)] },
    ]);
}

#[test]
fn answers_that_do_not_apply_are_kept_and_ignored() {
    // A partner who first said "direct" and answered the direct questions loses nothing, and
    // those answers change nothing until the customer type is switched back.
    let stale = json!({"customer_type":"partner","real_name_verified":false,"account_type":"enterprise","card_added":true,"payments_made":true,"enterprise_in_china":true});
    let c = check(P, stale.clone());
    assert_eq!(c.status, Ready);
    assert_eq!(items(&c), [("partner_authorization_and_certificate", R), ("partner_consumption_proof", R)]);
    let mut back = stale;
    back["customer_type"] = json!("direct");
    let c = check(P, back);
    assert_eq!(items(&c), [("authorization_letter", R), ("card_holder_certificate", R), ("card_front", R), ("consumption_proof", R)]);
}

#[test]
fn authorization_letter_seal_and_signature_rule() {
    let base = json!({"customer_type":"direct","real_name_verified":true,"account_type":"enterprise","card_added":false});
    let c = check(P, base.clone());
    let general = notes(&c, "authorization_letter");
    assert!(general.contains("official seal and sign it"), "{general}");
    assert!(general.contains("a Chinese enterprise must stamp it with the official seal; an enterprise outside China must sign it"));
    assert!(!general.contains("Your enterprise is"), "no specific note before the question is answered");

    let mut china = base.clone();
    china["enterprise_in_china"] = json!(true);
    assert!(notes(&check(P, china), "authorization_letter").contains("in China: if you can only do one of the two, the official seal is required"));
    let mut abroad = base;
    abroad["enterprise_in_china"] = json!(false);
    assert!(notes(&check(P, abroad), "authorization_letter").contains("outside China: if you can only do one of the two, the signature is required"));
}

#[test]
fn enterprise_in_china_is_asked_only_where_a_letter_is_required() {
    let pack = rules::pack(P).unwrap();
    let asked = |a: serde_json::Value| {
        let answers = rules::Answers::from_json(pack, &a).unwrap();
        rules::interview(pack, &answers).iter().any(|q| q.id == "enterprise_in_china")
    };
    assert!(asked(json!({"customer_type":"direct","real_name_verified":true,"account_type":"enterprise"})));
    assert!(asked(json!({"customer_type":"reseller","real_name_verified":true})));
    assert!(!asked(json!({"customer_type":"direct","real_name_verified":true,"account_type":"individual"})));
    assert!(!asked(json!({"customer_type":"partner"})));
    // Optional: a ready checklist does not wait for it.
    let c = check(P, json!({"customer_type":"reseller","real_name_verified":true}));
    assert_eq!(c.status, Ready);
}

#[test]
fn card_front_masking_and_durations_are_spelled_out() {
    let c = check(P, json!({"customer_type":"direct","real_name_verified":false,"account_type":"individual","card_added":true}));
    let card = notes(&c, "card_front");
    assert!(card.contains("first 6 and last 4 digits") && card.contains("issuing bank") && card.contains("Hide the remaining digits"), "{card}");
    assert!(notes(&c, "card_holder_certificate").contains("same one used for the real-name authentication"));
    assert!(notes(&c, "consumption_proof").contains("less than 3 months, provide the proof for the actual consumption duration"));

    // The verified rows cite their own row and borrow the masking rule from the row that states it.
    let c = check(P, json!({"customer_type":"direct","real_name_verified":true,"account_type":"individual","card_added":true}));
    let front = c.items.iter().find(|i| i.id == "card_front").unwrap();
    assert!(front.source.section.contains("Real-name authentication completed"));
    assert!(front.notes.iter().any(|n| n.source.as_ref().is_some_and(|s| s.quote.contains("Hide the remaining digits"))));
}

#[test]
fn contact_details_and_account_manager_advice() {
    let c = check(P, json!({"customer_type":"direct","real_name_verified":false,"account_type":"individual","card_added":false,"payments_made":false}));
    assert!(notes(&c, "name_and_contact_address").contains("address line, city, province/city/autonomous region, postal code, and country/region"));
    assert!(c.items[0].why.contains("optional if none was"));
    assert!(!guidance(&c).contains("account manager"));

    let c = check(P, json!({"customer_type":"direct","real_name_verified":false,"account_type":"enterprise","card_added":false,"payments_made":true}));
    assert!(guidance(&c).contains("contact your Huawei Cloud account manager from your company email"));
    assert!(notes(&c, "bank_transfer_proof").contains("less than 3 months"));

    let c = check(P, json!({"customer_type":"reseller","real_name_verified":false,"account_type":"enterprise"}));
    assert!(notes(&c, "latest_cloud_service").contains("leave this empty"));
}

#[test]
fn every_result_says_how_to_submit_and_that_approval_is_not_guaranteed() {
    let c = check(P, json!({"customer_type":"partner"}));
    assert_eq!(c.submission.method, rules::pack::SubmissionMethod::ServiceTicket);
    let g = guidance(&c);
    assert!(g.contains("service ticket") && g.contains("do not guarantee approval") && g.contains("after-sales service"), "{g}");
    assert_eq!(c.rules.version, "2026-01-23");
}

#[test]
fn individual_paid_without_card_says_what_to_do() {
    let c = check(P, json!({"customer_type":"direct","real_name_verified":false,"account_type":"individual","card_added":false,"payments_made":true}));
    assert_eq!(c.gaps.len(), 1);
    assert!(c.gaps[0].message.contains("service ticket"));
    assert!(c.gaps[0].source.quote.contains("only for enterprise accounts"));
}
