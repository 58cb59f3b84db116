//! The interview at a terminal: asks the questions that matter, one at a time, until the
//! checklist is decided; then offers the optional ones. Options are chosen by number or by id;
//! when the input ends early, the answers so far are returned (the checklist then says what is
//! still missing).

use std::io::{BufRead, Write};

use rules::pack::QuestionType;
use rules::{AnswerError, Answers, Language, QuestionView, Status};
use serde_json::{Value, json};

use crate::error::{KitError, Result};

/// Asks on `prompt`, reads from `input`; returns the answers once no required question is
/// left, or when the input ends.
pub fn interview(provider: &str, lang: Language, input: &mut dyn BufRead, prompt: &mut dyn Write) -> Result<Answers> {
    let pack = rules::pack(provider)?;
    let mut answers = Answers::default();
    let mut skipped: Vec<String> = Vec::new();
    let io = |e| KitError::Io { what: crate::tr!("terminal", "终端"), source: e };
    loop {
        let checklist = rules::evaluate_in(pack, &answers, lang);
        let questions = rules::interview_in(pack, &answers, lang);
        // Required questions first, in order; then, once decided, those that refine the result.
        // A question answered "I'm not sure" stays missing but is not asked again: the
        // checklist says how to find out.
        let next = questions.iter().find(|q| checklist.missing_answers.contains(&q.id) && answers.get(&q.id).is_none()).or_else(|| {
            let decided = checklist.status != Status::Incomplete;
            questions.iter().find(|q| decided && checklist.optional_answers.contains(&q.id) && !skipped.contains(&q.id))
        });
        let Some(q) = next else { return Ok(answers) };
        ask(q, !checklist.missing_answers.contains(&q.id), lang, prompt).map_err(io)?;
        let mut line = String::new();
        if input.read_line(&mut line).map_err(io)? == 0 {
            let msg = if lang == Language::Zh { "输入已结束；以下是目前的结果。" } else { "Input ended; here is the result so far." };
            writeln!(prompt, "\n{msg}").map_err(io)?;
            return Ok(answers);
        }
        let line = line.trim();
        if line.is_empty() && !checklist.missing_answers.contains(&q.id) {
            skipped.push(q.id.clone());
            continue;
        }
        match parse(q, line).and_then(|(v, repeated)| Ok((answers.merged(pack, &json!({ q.id.clone(): v }))?, repeated))) {
            Ok((a, repeated)) => {
                answers = a;
                // Repeats are merged, not refused: the choice is clear, so say so and go on.
                if !repeated.is_empty() {
                    let msg = if lang == Language::Zh { "重复的选项只计一次" } else { "given more than once, counted once" };
                    writeln!(prompt, "  ({}: {msg})", repeated.join(", ")).map_err(io)?;
                }
            }
            Err(e) => {
                let again = if lang == Language::Zh { "请重新输入。" } else { "Please try again." };
                writeln!(prompt, "  ! {}. {again}", e.reason.get(lang)).map_err(io)?
            }
        }
    }
}

fn ask(q: &QuestionView, optional: bool, lang: Language, out: &mut dyn Write) -> std::io::Result<()> {
    let zh = lang == Language::Zh;
    let skip = if zh { "（可选：按回车跳过）" } else { " (optional: press Enter to skip)" };
    writeln!(out, "\n{}{}", q.label, if optional { skip } else { "" })?;
    writeln!(out, "  {}", q.help)?;
    match q.kind {
        QuestionType::Bool => write!(out, "  [y/n] > ")?,
        QuestionType::Choice | QuestionType::Multi => {
            for (i, o) in q.options.iter().enumerate() {
                writeln!(out, "  {}. {}  [{}]", i + 1, o.label, o.value)?;
            }
            let how = match (q.kind == QuestionType::Multi, zh) {
                (true, false) => "  Choose numbers or ids, separated by commas > ",
                (false, false) => "  Choose a number or id > ",
                (true, true) => "  请输入编号或 id，多个用逗号分隔 > ",
                (false, true) => "  请输入编号或 id > ",
            };
            write!(out, "{how}")?;
        }
    }
    out.flush()
}

/// What the person typed, as the answer's JSON value, with the options given more than once.
/// An option is chosen by its number or its id.
fn parse(q: &QuestionView, line: &str) -> std::result::Result<(Value, Vec<String>), AnswerError> {
    let wrong = |reason: rules::pack::Text| AnswerError { question: q.id.clone(), reason };
    let ids = || q.options.iter().map(|o| o.value.as_str()).collect::<Vec<_>>().join(", ");
    let pick = |s: &str| -> std::result::Result<String, AnswerError> {
        let s = s.trim();
        if let Some(o) = q.options.iter().find(|o| o.value == s) {
            return Ok(o.value.clone());
        }
        let n: usize = s.parse().map_err(|_| wrong(crate::tr!("\"{s}\" is neither a number from the list nor one of: {}", "“{s}”既不是列表中的编号，也不是以下之一：{}", ids())))?;
        q.options.get(n.wrapping_sub(1)).map(|o| o.value.clone()).ok_or_else(|| wrong(crate::tr!("{n} is not in the list", "{n} 不在列表中")))
    };
    match q.kind {
        QuestionType::Bool => match line.to_lowercase().as_str() {
            "y" | "yes" | "true" | "是" => Ok((json!(true), Vec::new())),
            "n" | "no" | "false" | "否" => Ok((json!(false), Vec::new())),
            _ => Err(wrong(crate::tr!("answer y or n", "请回答 y 或 n"))),
        },
        QuestionType::Choice => pick(line).map(|v| (Value::from(v), Vec::new())),
        QuestionType::Multi => {
            let mut picked: Vec<String> = Vec::new();
            let mut repeated: Vec<String> = Vec::new();
            for part in line.split([',', '，']).filter(|p| !p.trim().is_empty()) {
                let v = pick(part)?;
                if picked.contains(&v) {
                    if !repeated.contains(&v) {
                        repeated.push(v);
                    }
                } else {
                    picked.push(v);
                }
            }
            Ok((Value::from(picked), repeated))
        }
    }
}
