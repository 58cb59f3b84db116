//! Every rule text in English and Chinese (CONTRACTS.md section 9): both languages present,
//! the same result in either, quotes verbatim, and notes that cite or say they are ours.
mod common;
use rules::{Answers, Language, Pack, evaluate_in, interview_in};
use serde_json::{Value, json};

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_text_of_every_pack_has_both_languages() {
    for provider in rules::providers() {
        let pack = rules::pack(provider).unwrap();
        let texts = pack.texts();
        assert!(texts.len() > 80, "{provider}: only {} texts", texts.len());
        for (what, text) in texts {
            assert!(!text.en.trim().is_empty() && !text.zh.trim().is_empty(), "{provider} {what}");
            assert!(has_cjk(&text.zh), "{provider} {what}: the Chinese text is not Chinese: {}", text.zh);
            assert_ne!(text.en, text.zh, "{provider} {what}");
        }
    }
}

#[test]
fn the_loader_refuses_a_missing_language_an_uncited_claim_and_a_made_up_section() {
    let good = include_str!("../packs/huawei-cloud.toml");
    let source = include_str!("../sources/huawei-cloud-restore-huawei-id-materials.txt");
    Pack::parse("huawei-cloud", good, source).unwrap();
    let cases = [
        (good.replacen(", zh = \"该账号是否已完成实名认证？\"", "", 1), "missing field `zh`"),
        (good.replacen("zh = \"该账号是否已完成实名认证？\"", "zh = \" \"", 1), "has no zh text"),
        // A claim whose quote the source does not hold.
        (good.replacen("quote = \"(If no cloud service is enabled, leave this field empty.)\"", "quote = \"Leave it empty if you like.\"", 1), "quotes text that is not in"),
        // A note that neither cites nor says it is Appeal Kit's own.
        (good.replacen("guidance = true\n", "\n", 1), "has no source"),
        (good.replacen("section = \"Huawei Cloud partners\"", "section = \"Partner FAQ\"", 1), "cites section \"Partner FAQ\", which is not a heading"),
        (good.replacen("reseller = { en = \"Through a reseller\"", "vendor = { en = \"Through a reseller\"", 1), "option reseller has no label"),
        // Information items' fields are pack data too.
        (good.replacen("[[items.fields]]\nid = \"mobile_number\"\nlabel = { en = \"Mobile number\", zh = \"手机号码\" }\ncheck = \"phone\"\nfrom_profile = \"contact_phone\"\n", "", 1), "item mobile_number is information but has no fields"),
        (good.replacen("from_profile = \"contact_phone\"", "from_profile = \"phone\"", 1), "filled from phone, which is not a profile field"),
        (good.replacen("label = { en = \"Mobile number\", zh = \"手机号码\" }", "label = { en = \"Mobile number\" }", 1), "missing field `zh`"),
    ];
    for (text, expected) in cases {
        assert_ne!(text, good, "the case for {expected:?} changed nothing");
        let err = Pack::parse("huawei-cloud", &text, source).unwrap_err().to_string();
        assert!(err.contains(expected), "expected {expected:?} in: {err}");
    }
}

/// Every answer set the interview can reach, decided or not (the scenarios of the rule tests
/// are among them).
fn every_path(pack: &Pack) -> Vec<Value> {
    let mut out = Vec::new();
    let mut todo = vec![json!({})];
    while let Some(answers) = todo.pop() {
        out.push(answers.clone());
        let c = common::check(&pack.pack, answers.clone());
        let optional: Vec<&String> = c.optional_answers.iter().filter(|q| answers.get(q.as_str()).is_none()).collect();
        let unasked = c.missing_answers.iter().find(|q| answers.get(q.as_str()).is_none());
        let Some(next) = unasked.or(optional.first().copied()) else { continue };
        // For appeal items: each one alone and all together (not all 255 subsets), which
        // reaches every item, note and finding while keeping the walk short.
        let values = match pack.question(next).unwrap().kind {
            rules::pack::QuestionType::Multi => {
                let options = &pack.question(next).unwrap().options;
                options.iter().map(|o| json!([o])).chain([json!(options)]).collect()
            }
            _ => common::values(pack, next),
        };
        for value in values {
            let mut more = answers.clone();
            more[next] = value;
            todo.push(more);
        }
    }
    out
}

#[test]
fn chinese_gives_the_same_result_with_chinese_texts_and_the_same_quotes() {
    for provider in rules::providers() {
        let pack = rules::pack(provider).unwrap();
        let paths = every_path(pack);
        assert!(paths.len() > 20, "{provider}: {} paths", paths.len());
        for answers in paths {
            let a = Answers::from_json(pack, &answers).unwrap();
            let (en, zh) = (evaluate_in(pack, &a, Language::En), evaluate_in(pack, &a, Language::Zh));
            let ctx = format!("{provider} {answers}");
            assert_eq!(en.status, zh.status, "{ctx}");
            assert_eq!(en.missing_answers, zh.missing_answers, "{ctx}");
            assert_eq!(en.optional_answers, zh.optional_answers, "{ctx}");
            let shape = |c: &rules::Checklist| {
                c.items.iter().map(|i| (i.id.clone(), i.kind, i.requirement, i.source.clone(), i.notes.iter().map(|n| (n.source.clone(), n.guidance)).collect::<Vec<_>>())).collect::<Vec<_>>()
            };
            assert_eq!(shape(&en), shape(&zh), "{ctx}");
            let findings = |c: &rules::Checklist| {
                c.blockers.iter().chain(&c.gaps).map(|f| (f.id.clone(), f.source.clone(), f.advice.iter().map(|n| (n.source.clone(), n.guidance)).collect::<Vec<_>>())).collect::<Vec<_>>()
            };
            assert_eq!(findings(&en), findings(&zh), "{ctx}");
            assert_eq!(en.guidance.iter().map(|g| &g.source).collect::<Vec<_>>(), zh.guidance.iter().map(|g| &g.source).collect::<Vec<_>>(), "{ctx}");
            for i in &zh.items {
                assert!(has_cjk(&i.title) && has_cjk(&i.why), "{ctx}: {} {}", i.title, i.why);
                assert!(i.notes.iter().all(|n| has_cjk(&n.text)), "{ctx}: {:?}", i.notes);
                assert!(i.hide.as_deref().is_none_or(has_cjk));
            }
            for f in zh.blockers.iter().chain(&zh.gaps) {
                assert!(has_cjk(&f.message) && f.advice.iter().all(|n| has_cjk(&n.text)), "{ctx}");
            }
            assert!(zh.guidance.iter().all(|n| has_cjk(&n.text)), "{ctx}");
            for q in interview_in(pack, &a, Language::Zh) {
                assert!(has_cjk(&q.label) && has_cjk(&q.help) && q.options.iter().all(|o| has_cjk(&o.label)), "{ctx}: {q:?}");
            }
        }
    }
}

#[test]
fn every_note_cites_the_source_or_says_it_is_guidance() {
    for provider in rules::providers() {
        let pack = rules::pack(provider).unwrap();
        for answers in every_path(pack) {
            let c = common::check(provider, answers.clone());
            let notes = c.items.iter().flat_map(|i| &i.notes).chain(c.blockers.iter().chain(&c.gaps).flat_map(|f| &f.advice)).chain(&c.guidance);
            for n in notes {
                assert!(n.source.is_some() != n.guidance, "{provider} {answers}: {n:?}");
                let v = serde_json::to_value(n).unwrap();
                match &n.source {
                    Some(s) => {
                        assert_eq!(v, json!({"text": n.text, "source": {"section": s.section, "quote": s.quote}}));
                        assert!(rules::pack::normalize(&pack.source_text).contains(&rules::pack::normalize(&s.quote)));
                    }
                    None => assert_eq!(v, json!({"text": n.text, "guidance": true})),
                }
            }
        }
    }
}

#[test]
fn the_locale_decides_the_default_language() {
    use Language::*;
    assert_eq!(Language::from_locale(Some("zh_CN.UTF-8"), Some("en_US.UTF-8")), Zh);
    assert_eq!(Language::from_locale(Some("C"), Some("zh_CN.UTF-8")), En, "LC_ALL wins");
    assert_eq!(Language::from_locale(Some(""), Some("zh_TW")), Zh, "an empty LC_ALL is unset");
    assert_eq!(Language::from_locale(None, Some("zh")), Zh);
    assert_eq!(Language::from_locale(None, None), En);
    assert_eq!(Language::from_locale(None, Some("de_DE.UTF-8")), En);
    assert_eq!("zh".parse::<Language>().unwrap(), Zh);
    assert!("fr".parse::<Language>().is_err());
}
