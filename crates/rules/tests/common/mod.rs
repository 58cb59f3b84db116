#![allow(dead_code)]
use rules::{Checklist, Requirement, Status};
use serde_json::Value;

pub const R: Requirement = Requirement::Required;
pub const N: Requirement = Requirement::AsNeeded;

pub fn check(provider: &str, answers: Value) -> Checklist {
    let pack = rules::pack(provider).unwrap();
    let answers = rules::Answers::from_json(pack, &answers).unwrap_or_else(|e| panic!("{e}"));
    rules::evaluate(pack, &answers)
}

pub fn items(c: &Checklist) -> Vec<(&str, Requirement)> {
    c.items.iter().map(|i| (i.id.as_str(), i.requirement)).collect()
}

pub fn blockers(c: &Checklist) -> Vec<&str> {
    c.blockers.iter().map(|b| b.id.as_str()).collect()
}

/// One row of a rule table: the answers, and the whole result expected for them.
pub struct Row {
    pub name: &'static str,
    pub answers: Value,
    pub status: Status,
    pub missing: &'static [&'static str],
    pub items: &'static [(&'static str, Requirement)],
    pub blockers: &'static [&'static str],
}

pub fn run(provider: &str, rows: &[Row]) {
    for row in rows {
        let c = check(provider, row.answers.clone());
        let ctx = format!("{provider} / {}: {}", row.name, serde_json::to_string_pretty(&c).unwrap());
        assert_eq!(c.status, row.status, "status, {ctx}");
        assert_eq!(c.missing_answers, row.missing, "missing_answers, {ctx}");
        assert_eq!(items(&c), row.items, "items, {ctx}");
        assert_eq!(blockers(&c), row.blockers, "blockers, {ctx}");
    }
}

/// The notes of one item, joined, for looking for a phrase.
pub fn notes(c: &Checklist, item: &str) -> String {
    c.items.iter().find(|i| i.id == item).unwrap_or_else(|| panic!("no item {item}")).notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join(" | ")
}

pub fn guidance(c: &Checklist) -> String {
    c.guidance.iter().map(|g| g.text.as_str()).collect::<Vec<_>>().join(" | ")
}

/// Every value a question can take (every non-empty subset for a multi).
pub fn values(pack: &rules::Pack, id: &str) -> Vec<Value> {
    let q = pack.question(id).unwrap();
    match q.kind {
        rules::pack::QuestionType::Bool => vec![Value::Bool(true), Value::Bool(false)],
        rules::pack::QuestionType::Choice => q.options.iter().map(|o| Value::from(o.as_str())).collect(),
        rules::pack::QuestionType::Multi => (1..(1u32 << q.options.len()))
            .map(|mask| Value::from(q.options.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, o)| o.clone()).collect::<Vec<_>>()))
            .collect(),
    }
}
