//! Checking a spreadsheet of cases (CONTRACTS.md section 8), every row before anything is
//! written: one case per row, each cell checked by the same rules as a case made by hand,
//! every problem named by row and column.

use std::collections::HashMap;

use rules::Answers;
use rules::pack::QuestionType;
use serde::Serialize;
use serde_json::{Map, Value, json};
use store::NewCase;
use ts_rs::TS;

use super::sheet::{Cell, CellKind, Sheet, column_letter};
use crate::error::{Text, local};
use crate::{Kit, KitError, Profile, Result, profile::FIELDS, tags::clean_tag, tr};

/// One problem with a cell (or with the header, row 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Problem {
    /// The spreadsheet's row number: 1 is the header.
    pub row: u32,
    /// The column's name in the header, or its letter when it has none.
    pub column: String,
    /// The column's position, from 0.
    pub index: u32,
    /// In the process's message language (`crate::error::set_language`).
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}, column {}: {}", self.row, self.column, self.reason)
    }
}

/// A row that makes a case.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PlannedCase {
    pub row: u32,
    pub provider: String,
    pub title: String,
    pub tags: Vec<String>,
    /// The questions' status these answers give.
    pub checklist_status: rules::Status,
    #[serde(skip)]
    answers: Value,
    #[serde(skip)]
    profile: Value,
    #[serde(skip)]
    rules_version: String,
}

/// Every row of a spreadsheet checked: the cases it would make, or the problems that keep it
/// from being imported (then nothing is).
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportPlan {
    /// The file's name, for the timeline.
    pub file: String,
    /// The header as written.
    pub columns: Vec<String>,
    /// Every row that holds anything, as text, with its row number (for a preview).
    pub rows: Vec<SheetRow>,
    pub cases: Vec<PlannedCase>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SheetRow {
    pub row: u32,
    pub cells: Vec<String>,
}

/// A case made from a row: its row number and new id.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Imported {
    pub row: u32,
    pub case: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Provider,
    Title,
    Tags,
    /// A question id of at least one provider.
    Question,
    Profile,
    /// Empty header over an empty column.
    Ignored,
}

/// The booleans a spreadsheet may hold, as the contract lists them.
fn boolean(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "true" | "1" | "是" => Some(true),
        "no" | "false" | "0" | "否" => Some(false),
        _ => None,
    }
}

fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split([';', '；']).map(str::trim).filter(|s| !s.is_empty())
}

/// A cell's text as an answer to `q`, or why it is not one.
fn answer(q: &rules::pack::Question, cell: &Cell) -> std::result::Result<Value, Text> {
    let text = cell.text.trim();
    let option = |v: &str| q.options.iter().find(|o| o.eq_ignore_ascii_case(v)).cloned();
    let options = q.options.join(", ");
    match q.kind {
        QuestionType::Bool => boolean(text).map(Value::Bool).ok_or_else(|| tr!("`{text}` is not yes or no (yes/no, true/false, 1/0, 是/否)", "`{text}` 不是“是”或“否”（可写 是/否、yes/no、true/false、1/0）")),
        QuestionType::Choice => option(text).map(Value::String).ok_or_else(|| tr!("`{text}` is not one of: {options}", "`{text}` 不在可选值之中：{options}")),
        QuestionType::Multi => {
            let mut picked = Vec::new();
            for v in split_list(text) {
                picked.push(Value::String(option(v).ok_or_else(|| tr!("`{v}` is not one of: {options} (separate several with ;)", "`{v}` 不在可选值之中：{options}（多个值用 ; 分隔）"))?));
            }
            if picked.is_empty() { Err(tr!("choose at least one", "请至少选择一项")) } else { Ok(Value::Array(picked)) }
        }
    }
}

/// What is wrong with a cell whatever its column, if anything.
fn cell_problem(cell: &Cell) -> Option<Text> {
    match cell.kind {
        CellKind::TooLong => Some(tr!("the cell is too long", "单元格内容太长")),
        CellKind::Error => Some(tr!("the cell holds a formula error ({})", "单元格中是公式错误（{}）", cell.text)),
        _ => None,
    }
}

/// Checks every row of `sheet`. `file` is the file's name, kept in each case's timeline.
pub fn plan(sheet: &Sheet, file: &str) -> ImportPlan {
    let questions: Vec<&str> = rules::providers().into_iter().filter_map(|p| rules::pack(p).ok()).flat_map(|p| p.questions.iter().map(|q| q.id.as_str())).collect();
    let mut problems = Vec::new();
    let header: &[Cell] = sheet.rows.first().map(Vec::as_slice).unwrap_or_default();
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let has_values = |col: usize| sheet.rows.iter().skip(1).any(|r| r.get(col).is_some_and(|c| !c.is_empty()));
    let mut names = Vec::with_capacity(width);
    let mut columns = Vec::with_capacity(width);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for col in 0..width {
        let raw = header.get(col).map(|c| c.text.trim().trim_start_matches('\u{feff}').to_string()).unwrap_or_default();
        let id = raw.to_ascii_lowercase();
        let name = if raw.is_empty() { column_letter(col) } else { raw.clone() };
        let mut problem = |reason: Text| problems.push(Problem { row: 1, column: name.clone(), index: col as u32, reason: local(&reason) });
        let kind = match id.as_str() {
            "" if has_values(col) => {
                problem(tr!("this column has values but no name in the header", "这一列有值，但表头中没有列名"));
                Column::Ignored
            }
            "" => Column::Ignored,
            "provider" => Column::Provider,
            "title" => Column::Title,
            "tags" => Column::Tags,
            q if questions.contains(&q) => Column::Question,
            f if FIELDS.iter().any(|(k, _)| *k == f) => Column::Profile,
            _ => {
                problem(tr!("unknown column; use provider, title, tags, a question id or a profile field (see `appeal-kit batch template`)", "未知的列；请使用 provider、title、tags、问题 ID 或资料字段（见 `appeal-kit batch template`）"));
                Column::Ignored
            }
        };
        if kind != Column::Ignored {
            if let Some(first) = seen.insert(id.clone(), col) {
                problem(tr!("the column appears twice (also column {})", "这一列出现了两次（另一处是 {} 列）", column_letter(first)));
            }
        }
        names.push((name, id));
        columns.push(kind);
    }
    for (needed, what) in [(Column::Provider, "provider"), (Column::Title, "title")] {
        if !columns.contains(&needed) {
            problems.push(Problem { row: 1, column: what.into(), index: width as u32, reason: local(&tr!("the header has no `{what}` column; every row needs one", "表头中没有 `{what}` 列；每一行都需要它")) });
        }
    }
    let header_ok = problems.is_empty();

    let mut rows = Vec::new();
    let mut cases = Vec::new();
    for (i, cells) in sheet.rows.iter().enumerate().skip(1) {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let row = i as u32 + 1;
        rows.push(SheetRow { row, cells: cells.iter().map(|c| c.text.clone()).collect() });
        let mut found = Vec::new();
        let mut problem = |col: usize, reason: Text| {
            let column = names.get(col).map_or_else(|| column_letter(col), |n| n.0.clone());
            found.push(Problem { row, column, index: col as u32, reason: local(&reason) });
        };
        let cell = |kind: Column| columns.iter().position(|c| *c == kind).and_then(|col| cells.get(col).map(|c| (col, c)));
        // The provider first: it decides which questions the row may answer.
        let pack = match cell(Column::Provider) {
            Some((col, c)) if !c.is_empty() => {
                let id = c.text.trim().to_ascii_lowercase();
                match rules::pack(&id) {
                    Ok(p) => Some(p),
                    Err(_) => {
                        problem(col, tr!("unknown provider `{}`; use one of: {}", "未知的服务商 `{}`；请使用以下之一：{}", c.text.trim(), rules::providers().join(", ")));
                        None
                    }
                }
            }
            other => {
                let col = other.map(|(c, _)| c).or_else(|| columns.iter().position(|c| *c == Column::Provider)).unwrap_or(width);
                if header_ok {
                    problem(col, tr!("a provider is needed: {}", "需要填写服务商：{}", rules::providers().join(" or ")));
                }
                None
            }
        };
        let title = match cell(Column::Title) {
            Some((col, c)) => match cell_problem(c).map(Err).unwrap_or_else(|| crate::cases::clean_title(&c.text).map_err(|e| reason(&e))) {
                Ok(t) => Some(t),
                Err(r) => {
                    problem(col, r);
                    None
                }
            },
            None => {
                if let Some(col) = columns.iter().position(|c| *c == Column::Title) {
                    problem(col, tr!("a case needs a title, e.g. the account name", "案件需要一个标题，例如账号名"));
                }
                None
            }
        };
        let mut tags = Vec::new();
        let mut answers = Map::new();
        let mut profile = Map::new();
        for (col, c) in cells.iter().enumerate() {
            let Some(kind) = columns.get(col) else { continue };
            if c.is_empty() || matches!(kind, Column::Provider | Column::Title | Column::Ignored) {
                continue;
            }
            if let Some(r) = cell_problem(c) {
                problem(col, r);
                continue;
            }
            let id = names[col].1.as_str();
            match kind {
                Column::Tags => {
                    for t in split_list(&c.text) {
                        match clean_tag(t) {
                            Ok(t) if !tags.contains(&t) => tags.push(t),
                            Ok(_) => {}
                            Err(e) => problem(col, reason(&e)),
                        }
                    }
                }
                Column::Question => {
                    let Some(pack) = pack else { continue };
                    match pack.question(id) {
                        None => problem(col, tr!("not a question for {}; leave it empty on this row", "{} 没有这个问题；这一行请留空", pack.pack)),
                        Some(q) => match answer(q, c) {
                            Ok(v) => {
                                answers.insert(id.to_string(), v);
                            }
                            Err(r) => problem(col, r),
                        },
                    }
                }
                Column::Profile => {
                    let value = json!({ id: c.text });
                    match Profile::default().merged(&value) {
                        Ok(p) => {
                            let v = serde_json::to_value(p).unwrap_or_default();
                            profile.insert(id.to_string(), v.get(id).cloned().unwrap_or(Value::Null));
                        }
                        Err(e) => {
                            let mut r = reason(&e);
                            if c.kind == CellKind::Number && (id.ends_with("id_number") || id.ends_with("uscc") || id.ends_with("phone")) {
                                r.en.push_str(" (the cell is a number, and spreadsheets keep only 15 digits of a number: format the column as Text and type it again)");
                                r.zh.push_str("（单元格是数字，而表格只保留数字的 15 位：请把这一列设为“文本”格式后重新输入）");
                            }
                            problem(col, r);
                        }
                    }
                }
                _ => {}
            }
        }
        let checked = match pack.map(|p| Answers::from_json(p, &Value::Object(answers))) {
            Some(Err(e)) => {
                let col = names.iter().position(|n| n.1 == e.question).unwrap_or(width);
                problem(col, e.reason);
                None
            }
            other => other.and_then(|a| a.ok()),
        };
        if !header_ok || !found.is_empty() {
            problems.append(&mut found);
            continue;
        }
        let (Some(pack), Some(title), Some(checked)) = (pack, title, checked) else { continue };
        let status = rules::evaluate(pack, &checked).status;
        cases.push(PlannedCase {
            row,
            provider: pack.pack.clone(),
            title,
            tags,
            checklist_status: status,
            answers: checked.to_json(),
            profile: Value::Object(profile),
            rules_version: pack.version.clone(),
        });
    }
    if sheet.rows.len() <= 1 && problems.is_empty() {
        problems.push(Problem { row: 2, column: column_letter(0), index: 0, reason: local(&tr!("the file has no rows under the header", "文件中表头下面没有任何行")) });
    }
    let columns = names.into_iter().map(|n| n.0).collect();
    ImportPlan { file: file.to_string(), columns, rows, cases, problems }
}

/// The reason of an error about one value, without the field name the message would repeat.
fn reason(e: &KitError) -> Text {
    match e {
        KitError::Field { reason, .. } => reason.clone(),
        KitError::Answer(a) => a.reason.clone(),
        other => other.text(),
    }
}

impl Kit {
    /// Creates every case of a checked plan in one transaction; a plan with any problem is
    /// refused whole and nothing is written.
    pub fn import_plan(&mut self, plan: &ImportPlan) -> Result<Vec<Imported>> {
        if !plan.problems.is_empty() {
            return Err(KitError::Refused { name: plan.file.clone(), reason: refusal(plan) });
        }
        let file = crate::text::file_name(&plan.file);
        let cases: Vec<store::tags::TaggedCase> = plan
            .cases
            .iter()
            .map(|c| store::tags::TaggedCase {
                new: NewCase {
                    provider: &c.provider,
                    title: &c.title,
                    answers: &c.answers,
                    profile: &c.profile,
                    rules_version: &c.rules_version,
                    checklist_status: c.checklist_status.as_str(),
                },
                tags: c.tags.clone(),
                detail: json!({ "title": c.title, "provider": c.provider, "file": file, "row": c.row }),
            })
            .collect();
        let ids = self.store.create_cases(&cases, store::EventKind::SheetImported)?;
        Ok(plan.cases.iter().zip(ids).map(|(c, case)| Imported { row: c.row, case }).collect())
    }
}

/// The one-line summary of a refused plan (its problems are listed apart, one a line).
pub fn refusal(plan: &ImportPlan) -> Text {
    let n = plan.problems.len();
    let rows = plan.problems.iter().map(|p| p.row).collect::<std::collections::BTreeSet<u32>>().len();
    let (s, rs) = (if n == 1 { "" } else { "s" }, if rows == 1 { "" } else { "s" });
    tr!("{n} problem{s} in {rows} row{rs}; nothing was imported", "{rows} 行中有 {n} 个问题；没有导入任何内容")
}
