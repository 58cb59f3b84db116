//! The interview at a terminal: asks the questions that matter, one at a time, until the
//! checklist is decided; then offers the optional ones.

use std::io::{BufRead, Write};

use rules::pack::QuestionType;
use rules::{AnswerError, Answers, QuestionView, Status};
use serde_json::{Value, json};

use crate::error::{KitError, Result};

/// Asks on `prompt`, reads from `input`; returns the answers once no required question is left.
pub fn interview(provider: &str, input: &mut dyn BufRead, prompt: &mut dyn Write) -> Result<Answers> {
    let pack = rules::pack(provider)?;
    let mut answers = Answers::default();
    let mut skipped: Vec<String> = Vec::new();
    let io = |e| KitError::Io { what: "terminal".into(), source: e };
    loop {
        let checklist = rules::evaluate(pack, &answers);
        let questions = rules::interview(pack, &answers);
        // Required questions first, in order; then, once decided, those that refine the result.
        let next = questions.iter().find(|q| checklist.missing_answers.contains(&q.id)).or_else(|| {
            let decided = checklist.status != Status::Incomplete;
            questions.iter().find(|q| decided && checklist.optional_answers.contains(&q.id) && !skipped.contains(&q.id))
        });
        let Some(q) = next else { return Ok(answers) };
        ask(q, !checklist.missing_answers.contains(&q.id), prompt).map_err(io)?;
        let mut line = String::new();
        if input.read_line(&mut line).map_err(io)? == 0 {
            return Err(KitError::field(&q.id, "input ended before this question was answered"));
        }
        let line = line.trim();
        if line.is_empty() && !checklist.missing_answers.contains(&q.id) {
            skipped.push(q.id.clone());
            continue;
        }
        match parse(q, line).and_then(|v| answers.merged(pack, &json!({ q.id.clone(): v }))) {
            Ok(a) => answers = a,
            Err(e) => writeln!(prompt, "  ! {}. Please try again.", e.reason).map_err(io)?,
        }
    }
}

fn ask(q: &QuestionView, optional: bool, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "\n{}{}", q.label, if optional { " (optional: press Enter to skip)" } else { "" })?;
    writeln!(out, "  {}", q.help)?;
    match q.kind {
        QuestionType::Bool => write!(out, "  [y/n] > ")?,
        QuestionType::Choice | QuestionType::Multi => {
            for (i, o) in q.options.iter().enumerate() {
                writeln!(out, "  {}. {}", i + 1, o.label)?;
            }
            let how = if q.kind == QuestionType::Multi { "numbers separated by commas" } else { "a number" };
            write!(out, "  Choose {how} > ")?;
        }
    }
    out.flush()
}

/// What the person typed, as the answer's JSON value.
fn parse(q: &QuestionView, line: &str) -> std::result::Result<Value, AnswerError> {
    let wrong = |reason: String| AnswerError { question: q.id.clone(), reason };
    let pick = |s: &str| -> std::result::Result<String, AnswerError> {
        let n: usize = s.trim().parse().map_err(|_| wrong(format!("\"{}\" is not a number from the list", s.trim())))?;
        q.options.get(n.wrapping_sub(1)).map(|o| o.value.clone()).ok_or_else(|| wrong(format!("{n} is not in the list")))
    };
    match q.kind {
        QuestionType::Bool => match line.to_ascii_lowercase().as_str() {
            "y" | "yes" | "true" => Ok(json!(true)),
            "n" | "no" | "false" => Ok(json!(false)),
            _ => Err(wrong("answer y or n".into())),
        },
        QuestionType::Choice => pick(line).map(Value::from),
        QuestionType::Multi => line.split(',').map(pick).collect::<std::result::Result<Vec<_>, _>>().map(Value::from),
    }
}
