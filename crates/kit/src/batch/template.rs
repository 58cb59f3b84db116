//! The spreadsheet template for a provider: a header with every column and one example row
//! that imports as it is (`appeal-kit batch template`, the app's "Download template").

use rules::Answers;
use rules::pack::QuestionType;
use serde_json::{Map, Value, json};

use crate::{Profile, Result, profile};

/// Example values that pass every check (the ID number and USCC carry valid check characters).
fn example_field(field: &str, enterprise: bool) -> &'static str {
    match field {
        "account_name" => "example-account",
        "holder_name" if enterprise => "Example Trading Co., Ltd.",
        "holder_name" => "Zhang San",
        "holder_id_number" | "agent_id_number" => "11010519491231002X",
        "uscc" | "new_company_uscc" => "91350100M000100Y43",
        "legal_representative" => "Li Si",
        "agent_name" => "Wang Wu",
        "contact_phone" => "+86 138 0013 8000",
        "contact_email" => "it-admin@example.com",
        "new_secure_phone" => "+86 139 0013 9000",
        "new_company_name" => "Example Holdings Co., Ltd.",
        "reason" => "The phone number bound to the account was re-issued to someone else.",
        _ => "",
    }
}

/// Answers as an interview would give them, taking the first option (and yes) each time,
/// until no question that decides the checklist is left.
fn example_answers(pack: &rules::Pack) -> Answers {
    let mut answers = Answers::default();
    for _ in 0..pack.questions.len() {
        let checklist = rules::evaluate(pack, &answers);
        let Some(q) = checklist.missing_answers.first().and_then(|id| pack.question(id)) else { break };
        let first = q.options.iter().find(|o| q.unsure.as_deref() != Some(o.as_str())).cloned().unwrap_or_default();
        let value = match q.kind {
            QuestionType::Bool => json!(true),
            QuestionType::Choice => json!(first),
            QuestionType::Multi => json!([first]),
        };
        match answers.merged(pack, &json!({ q.id.clone(): value })) {
            Ok(a) => answers = a,
            Err(_) => break,
        }
    }
    answers
}

fn cell_text(v: &Value) -> String {
    match v {
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(";"),
        _ => String::new(),
    }
}

/// The template as CSV text: `provider`, `title`, `tags`, the provider's questions in the
/// order it asks them, then every profile field.
pub fn template(provider: &str) -> Result<String> {
    let pack = rules::pack(provider)?;
    let example = example_answers(pack);
    let answers = example.to_json();
    let fits = profile::fields_for(pack, &example, &Profile::default());
    // The example holder is a company where the pack asks for a company's code, not a person's.
    let enterprise = fits.contains(&"uscc") && !fits.contains(&"holder_id_number");
    let mut header = vec!["provider".to_string(), "title".into(), "tags".into()];
    let mut row = vec![pack.pack.clone(), "Example account".into(), "example;batch-1".into()];
    for q in &pack.questions {
        header.push(q.id.clone());
        row.push(answers.get(&q.id).map(cell_text).unwrap_or_default());
    }
    let mut values = Map::new();
    for (field, _) in profile::FIELDS {
        header.push(field.to_string());
        let v = if fits.contains(field) { example_field(field, enterprise) } else { "" };
        row.push(v.to_string());
        if !v.is_empty() {
            values.insert(field.to_string(), json!(v));
        }
    }
    // The example must import as it is.
    debug_assert!(Profile::default().merged(&Value::Object(values)).is_ok());
    let mut out = csv::Writer::from_writer(Vec::new());
    let written = out.write_record(&header).and_then(|_| out.write_record(&row));
    let bytes = written.and_then(|_| out.into_inner().map_err(|e| e.into_error().into())).map_err(|e| crate::KitError::Io { what: crate::tr!("cannot write the template", "无法写入模板"), source: e.into() })?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}
