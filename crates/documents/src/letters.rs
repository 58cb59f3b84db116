//! The letters a checklist can ask for. Their contents are pack data (`[[letters]]` in a rule
//! pack: blocks with conditions and `{profile.FIELD}` / `{answer.QUESTION}` placeholders, in
//! each language); here they are filled from a case's answers and profile into blocks that
//! `pdf` lays out, the same way for every provider. Profile fields a letter needs but the case
//! lacks print blank and are listed as missing.

use std::cell::{Cell, RefCell};

use rules::pack::{BlockKind, LetterDef};
use rules::template::{PROFILE_FIELDS, Values, fill};
use rules::{Answers, Language, Pack, Text};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    En,
    Zh,
    Bilingual,
}

#[derive(Debug, thiserror::Error)]
#[error("unknown language `{0}`; use en, zh or bilingual")]
pub struct UnknownLang(String);

impl std::str::FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        match s {
            "en" => Ok(Lang::En),
            "zh" => Ok(Lang::Zh),
            "bilingual" => Ok(Lang::Bilingual),
            other => Err(UnknownLang(other.to_string())),
        }
    }
}

/// What a page shows, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    Heading(String),
    Para(String),
    Note(String),
    /// Label and value rows; an empty value prints as a line to fill in by hand.
    Fields(Vec<(String, String)>),
    Checkboxes(Vec<(bool, String)>),
    /// An empty table to fill in by hand (shareholders).
    Table { headers: Vec<String>, rows: usize },
    Signatures(Vec<Area>),
    /// Small print at the foot of the last page (who prepared it, how to use it): drawn in the
    /// bottom margin, so it never takes a page of its own.
    Footer(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub label: String,
    /// A dashed box for a seal or fingerprints, instead of a line to sign on.
    pub seal: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Letter {
    pub title: String,
    pub language: &'static str,
    pub blocks: Vec<Block>,
    /// Profile fields the letter needs that the case does not have yet.
    pub missing_fields: Vec<String>,
}

/// The facts of a case a letter is made from.
pub struct Facts<'a> {
    /// The rule pack the case follows (its version), which holds the letters' contents.
    pub pack: &'a Pack,
    pub answers: &'a Answers,
    pub profile: &'a Value,
    /// The date printed on the letter, e.g. 2026-11-22.
    pub date: &'a str,
}

/// The checklist items of a pack that Appeal Kit can prefill.
pub fn letter_items(pack: &Pack) -> Vec<&str> {
    pack.letters.iter().map(|l| l.item.as_str()).collect()
}

/// The placeholders' values in one language; empty profile fields are noted while `record`.
struct Case<'a> {
    facts: &'a Facts<'a>,
    lang: Language,
    record: Cell<bool>,
    missing: RefCell<Vec<String>>,
}

impl Values for Case<'_> {
    fn profile(&self, field: &str) -> Option<String> {
        let v = self.facts.profile.get(field).and_then(Value::as_str).filter(|s| !s.trim().is_empty()).map(String::from);
        if v.is_none() && self.record.get() && !self.missing.borrow().iter().any(|m| m == field) {
            self.missing.borrow_mut().push(field.to_string());
        }
        v
    }
    fn answer(&self, question: &str) -> Option<String> {
        let q = self.facts.pack.question(question)?;
        let label = |v: &str| q.option_labels.get(v).map_or_else(|| v.to_string(), |l| l.get(self.lang).to_string());
        match self.facts.answers.get(question)? {
            rules::Answer::Bool(b) => Some(b.to_string()),
            rules::Answer::Choice(c) => Some(label(c)),
            rules::Answer::Multi(list) => Some(list.iter().map(|v| label(v)).collect::<Vec<_>>().join(", ")),
        }
    }
    fn materials(&self) -> Vec<String> {
        Vec::new()
    }
    fn date(&self) -> Option<String> {
        Some(self.facts.date.to_string())
    }
}

/// Builds the letter for `item`, or `None` if the pack describes no letter for it.
pub fn letter(item: &str, facts: &Facts, lang: Lang) -> Option<Letter> {
    let pack = facts.pack;
    let def: &LetterDef = pack.letters.iter().find(|l| l.item == item)?;
    let holds = |c| rules::holds(pack, facts.answers, c);
    let case = |l| Case { facts, lang: l, record: Cell::new(true), missing: RefCell::new(Vec::new()) };
    let (en, zh) = (case(Language::En), case(Language::Zh));
    // A text in the letter's language: one, or both, one under the other (`sep` "\n") or on
    // one line (" / ", for labels).
    let text = |t: &Text, sep: &str| match lang {
        Lang::En => fill(t.get(Language::En), &en),
        Lang::Zh => fill(t.get(Language::Zh), &zh),
        Lang::Bilingual => format!("{}{sep}{}", fill(t.get(Language::En), &en), fill(t.get(Language::Zh), &zh)),
    };
    // A value is the case's own, written once.
    let value = |template: &str, optional: bool| {
        let case = if lang == Lang::Zh { &zh } else { &en };
        case.record.set(!optional);
        let v = fill(template, case);
        case.record.set(true);
        v
    };
    let title = def.titles.iter().find(|t| holds(&t.when)).map_or(&def.title, |t| &t.text);
    let mut blocks = vec![Block::Title(text(title, "\n"))];
    for b in def.blocks.iter().filter(|b| holds(&b.when)) {
        let body = |sep| b.text.as_ref().map(|t| text(t, sep)).unwrap_or_default();
        // Rows of consecutive field blocks (some shown only for some answers) make one table.
        if let (BlockKind::Fields, Some(Block::Fields(rows))) = (b.kind, blocks.last_mut()) {
            rows.extend(b.rows.iter().map(|r| (text(&r.label, " / "), value(&r.value, r.optional))));
            continue;
        }
        blocks.push(match b.kind {
            BlockKind::Heading => Block::Heading(body(" / ")),
            BlockKind::Para => Block::Para(body("\n")),
            BlockKind::Note => Block::Note(body("\n")),
            BlockKind::Footer => Block::Footer(body("\n")),
            BlockKind::Fields => Block::Fields(b.rows.iter().map(|r| (text(&r.label, " / "), value(&r.value, r.optional))).collect()),
            BlockKind::Checkboxes => Block::Checkboxes(b.boxes.iter().map(|x| (holds(&x.checked), text(&x.label, " / "))).collect()),
            BlockKind::Table => Block::Table { headers: b.columns.iter().map(|c| text(c, " / ")).collect(), rows: b.blank_rows },
            BlockKind::Signatures => Block::Signatures(b.areas.iter().map(|a| Area { label: text(&a.label, " / "), seal: a.seal }).collect()),
        });
    }
    // Missing fields in the order the profile form shows them.
    let missing: Vec<String> = PROFILE_FIELDS
        .iter()
        .filter(|f| en.missing.borrow().iter().chain(zh.missing.borrow().iter()).any(|m| m == *f))
        .map(|f| f.to_string())
        .collect();
    Some(Letter {
        title: text(title, " / "),
        language: if lang == Lang::Zh { "zh-CN" } else { "en" },
        blocks,
        missing_fields: missing,
    })
}
