//! Answers as the user gives them (a JSON object keyed by question id), checked against a pack.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::pack::{Pack, QuestionType, Text};

/// One checked answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    Bool(bool),
    Choice(String),
    /// Kept in the order the pack lists the options, without repeats.
    Multi(Vec<String>),
}

/// A full set of checked answers, keyed by question id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers(pub BTreeMap<String, Answer>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("answer `{question}`: {}", .reason.en)]
pub struct AnswerError {
    pub question: String,
    /// The reason alone, in every language (forms show it under the question).
    pub reason: Text,
}

impl Answers {
    /// Checks a JSON object of answers against the pack's questions.
    pub fn from_json(pack: &Pack, value: &Value) -> Result<Answers, AnswerError> {
        let Value::Object(map) = value else {
            return Err(AnswerError {
                question: "(answers)".into(),
                reason: Text::new("answers must be a JSON object keyed by question id", "回答必须是以问题 ID 为键的 JSON 对象"),
            });
        };
        let mut out = BTreeMap::new();
        for (id, v) in map {
            out.insert(id.clone(), check(pack, id, v)?);
        }
        Ok(Answers(out))
    }

    /// Adds `other` on top of these answers, checking every new one; `null` removes an answer.
    pub fn merged(&self, pack: &Pack, other: &Value) -> Result<Answers, AnswerError> {
        let Value::Object(map) = other else {
            return Answers::from_json(pack, other);
        };
        let mut out = self.0.clone();
        for (id, v) in map {
            if v.is_null() {
                if pack.question(id).is_none() {
                    return Err(unknown(pack, id));
                }
                out.remove(id);
            } else {
                out.insert(id.clone(), check(pack, id, v)?);
            }
        }
        Ok(Answers(out))
    }

    /// The answers that are valid for this pack, each checked alone; the others are dropped.
    /// For stored answers read under another pack version, which may have retired a value.
    pub fn kept(pack: &Pack, value: &Value) -> Answers {
        let mut out = BTreeMap::new();
        if let Value::Object(map) = value {
            for (id, v) in map {
                if let Ok(a) = check(pack, id, v) {
                    out.insert(id.clone(), a);
                }
            }
        }
        Answers(out)
    }

    pub fn to_json(&self) -> Value {
        serde_json::to_value(&self.0).unwrap_or(Value::Null)
    }

    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.0.get(id)
    }
}

fn unknown(pack: &Pack, id: &str) -> AnswerError {
    let known: Vec<&str> = pack.questions.iter().map(|q| q.id.as_str()).collect();
    let known = known.join(", ");
    AnswerError { question: id.into(), reason: Text::new(format!("unknown question for {}; known: {known}", pack.pack), format!("{} 没有这个问题；已有的问题：{known}", pack.pack)) }
}

fn check(pack: &Pack, id: &str, v: &Value) -> Result<Answer, AnswerError> {
    let q = pack.question(id).ok_or_else(|| unknown(pack, id))?;
    let err = |en: String, zh: String| AnswerError { question: id.into(), reason: Text::new(en, zh) };
    let one_of = q.options.join(", ");
    match q.kind {
        QuestionType::Bool => v.as_bool().map(Answer::Bool).ok_or_else(|| err(format!("expected true or false, got {v}"), format!("应为 true 或 false，收到的是 {v}"))),
        QuestionType::Choice => match v.as_str() {
            Some(s) if q.options.iter().any(|o| o == s) => Ok(Answer::Choice(s.into())),
            Some(s) => Err(err(format!("\"{s}\" is not one of: {one_of}"), format!("“{s}”不在可选值之中：{one_of}"))),
            None => Err(err(format!("expected one of: {one_of}, got {v}"), format!("应为以下之一：{one_of}，收到的是 {v}"))),
        },
        QuestionType::Multi => {
            let Some(list) = v.as_array() else {
                return Err(err(format!("expected a list of: {one_of}, got {v}"), format!("应为以下值组成的列表：{one_of}，收到的是 {v}")));
            };
            let mut picked = Vec::new();
            for x in list {
                match x.as_str() {
                    Some(s) if q.options.iter().any(|o| o == s) => picked.push(s),
                    _ => return Err(err(format!("{x} is not one of: {one_of}"), format!("{x} 不在可选值之中：{one_of}"))),
                }
            }
            if picked.is_empty() {
                return Err(err("choose at least one".into(), "请至少选择一项".into()));
            }
            Ok(Answer::Multi(q.options.iter().filter(|o| picked.contains(&o.as_str())).cloned().collect()))
        }
    }
}
