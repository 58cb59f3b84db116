//! Letters whose contents are pack data (`[[letters]]`): blocks with conditions and
//! placeholders, made into the documents crate's letter blocks, which lay out the page. Profile
//! fields a letter needs but the case lacks print blank and are listed as missing.

use std::cell::RefCell;

use documents::letters::{Area, Block, Letter};
use documents::Lang;
use rules::pack::{BlockKind, LetterDef};
use rules::template::{Values, fill};
use rules::{Answers, Language, Pack, Text};
use serde_json::Value;

struct Case<'a> {
    pack: &'a Pack,
    answers: &'a Answers,
    profile: &'a Value,
    date: &'a str,
    lang: Language,
    missing: RefCell<Vec<String>>,
}

impl Values for Case<'_> {
    fn profile(&self, field: &str) -> Option<String> {
        let v = self.profile.get(field).and_then(Value::as_str).filter(|s| !s.trim().is_empty()).map(String::from);
        if v.is_none() && !self.missing.borrow().iter().any(|m| m == field) {
            self.missing.borrow_mut().push(field.to_string());
        }
        v
    }
    fn answer(&self, question: &str) -> Option<String> {
        let q = self.pack.question(question)?;
        let label = |v: &str| q.option_labels.get(v).map_or_else(|| v.to_string(), |l| l.get(self.lang).to_string());
        match self.answers.get(question)? {
            rules::Answer::Bool(b) => Some(b.to_string()),
            rules::Answer::Choice(c) => Some(label(c)),
            rules::Answer::Multi(list) => Some(list.iter().map(|v| label(v)).collect::<Vec<_>>().join(", ")),
        }
    }
    fn materials(&self) -> Vec<String> {
        Vec::new()
    }
    fn date(&self) -> Option<String> {
        Some(self.date.to_string())
    }
}

/// The letter for `item`, if the pack describes one.
pub fn build(pack: &Pack, item: &str, answers: &Answers, profile: &Value, date: &str, lang: Lang) -> Option<Letter> {
    let def: &LetterDef = pack.letters.iter().find(|l| l.item == item)?;
    let case = |l| Case { pack, answers, profile, date, lang: l, missing: RefCell::new(Vec::new()) };
    let (en, zh) = (case(Language::En), case(Language::Zh));
    // A text in the letter's language: one, or both one under the other.
    let text = |t: &Text, sep: &str| match lang {
        Lang::En => fill(t.get(Language::En), &en),
        Lang::Zh => fill(t.get(Language::Zh), &zh),
        Lang::Bilingual => format!("{}{sep}{}", fill(t.get(Language::En), &en), fill(t.get(Language::Zh), &zh)),
    };
    let value = |template: &str| match lang {
        Lang::Zh => fill(template, &zh),
        _ => fill(template, &en),
    };
    let mut blocks = vec![Block::Title(text(&def.title, "\n"))];
    for b in def.blocks.iter().filter(|b| rules::holds(pack, answers, &b.when)) {
        let t = b.text.as_ref();
        blocks.push(match b.kind {
            BlockKind::Heading => Block::Heading(t.map(|t| text(t, " / ")).unwrap_or_default()),
            BlockKind::Para => Block::Para(t.map(|t| text(t, "\n")).unwrap_or_default()),
            BlockKind::Note => Block::Note(t.map(|t| text(t, "\n")).unwrap_or_default()),
            BlockKind::Fields => Block::Fields(b.rows.iter().map(|r| (text(&r.label, " / "), value(&r.value))).collect()),
            BlockKind::Signatures => Block::Signatures(b.areas.iter().map(|a| Area { label: text(&a.label, " / "), seal: a.seal }).collect()),
        });
    }
    let title = text(&def.title, " / ");
    let mut missing = en.missing.borrow().clone();
    for m in zh.missing.borrow().iter().cloned() {
        if !missing.contains(&m) {
            missing.push(m);
        }
    }
    Some(Letter {
        title,
        language: if lang == Lang::Zh { "zh-CN" } else { "en" },
        blocks,
        missing_fields: missing,
    })
}
