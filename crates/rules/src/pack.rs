//! Rule packs: one data file per provider, embedded in the binary and checked when loaded.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cond::Cond;

/// The language of rule text (CONTRACTS.md section 9). Ids, statuses and source quotes never
/// change with it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    En,
    Zh,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}`; use en or zh")]
pub struct UnknownLanguage(pub String);

impl std::str::FromStr for Language {
    type Err = UnknownLanguage;
    fn from_str(s: &str) -> Result<Language, UnknownLanguage> {
        match s.trim() {
            "en" => Ok(Language::En),
            "zh" => Ok(Language::Zh),
            other => Err(UnknownLanguage(other.to_string())),
        }
    }
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Zh];

    /// The language a locale asks for: `LC_ALL` wins over `LANG` when set; `zh*` gives
    /// Chinese, anything else English. The caller reads the environment (this crate does no I/O).
    pub fn from_locale(lc_all: Option<&str>, lang: Option<&str>) -> Language {
        let locale = lc_all.filter(|v| !v.is_empty()).or(lang).unwrap_or("");
        if locale.starts_with("zh") { Language::Zh } else { Language::En }
    }

    pub fn id(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Zh => "zh",
        }
    }
}

/// A text the user reads, in every language Appeal Kit speaks. The loader refuses a pack where
/// either is missing or empty.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text { en: en.into(), zh: zh.into() }
    }

    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.en,
            Language::Zh => &self.zh,
        }
    }
}

/// Where a rule comes from: a section of the provider's document and the sentence quoted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub section: String,
    pub quote: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Document,
    Information,
    Letter,
    Step,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    Required,
    AsNeeded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SubmissionMethod {
    ServiceTicket,
    OnlineAppeal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    Bool,
    Choice,
    Multi,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    /// As the document names itself, and in the other language (marked in the pack as a
    /// rendering where the provider publishes no such title).
    pub title: Text,
    pub file: String,
    pub updated: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub optional: bool,
    /// The option that means "I don't know": the question then still decides nothing (it stays
    /// among the missing answers), while notes for that answer say how to find out.
    #[serde(default)]
    pub unsure: Option<String>,
    pub ask_when: Cond,
    pub label: Text,
    pub help: Text,
    /// A label for every option.
    #[serde(default)]
    pub option_labels: BTreeMap<String, Text>,
    /// Why the question is asked: the passage whose rules depend on it.
    pub source: Source,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    #[serde(default = "always")]
    pub when: Cond,
    pub text: Text,
    /// What the provider's document says, with the passage quoted...
    #[serde(default)]
    pub source: Option<Source>,
    /// ...or Appeal Kit's own advice, which cites nothing. Exactly one of the two.
    #[serde(default)]
    pub guidance: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemCase {
    pub when: Cond,
    pub requirement: Requirement,
    pub why: Text,
    pub source: Source,
}

/// How a typed value is checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    #[default]
    Text,
    Phone,
    Email,
    ResidentId,
}

/// A value the user types for an information item.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    pub id: String,
    pub label: Text,
    #[serde(default = "yes")]
    pub required: bool,
    #[serde(default)]
    pub check: Check,
    /// The profile field whose value fills this one in until the user types another.
    #[serde(default)]
    pub from_profile: Option<String>,
    #[serde(default)]
    pub multiline: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub id: String,
    pub kind: ItemKind,
    pub title: Text,
    /// The first case whose condition holds decides whether and why the item is needed.
    pub cases: Vec<ItemCase>,
    #[serde(default)]
    pub notes: Vec<Note>,
    /// What must be hidden in a picture before it is sent; the item needs attention until a
    /// file has parts hidden.
    #[serde(default)]
    pub hide: Option<Text>,
    /// The values an information item asks for (only those have fields, and they must).
    #[serde(default)]
    pub fields: Vec<FieldDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub id: String,
    pub when: Cond,
    pub message: Text,
    pub source: Source,
    /// What to do instead, refined by answers that are optional for the finding itself.
    #[serde(default)]
    pub advice: Vec<Note>,
}

/// What starts a timeline's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TimelineStart {
    Submitted,
    Rejected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DayCount {
    /// Working days in mainland China: Monday to Friday, minus public holidays, plus make-up
    /// working days (the kit's holiday table; outside it, Monday to Friday, and it says so).
    Business,
    Calendar,
}

/// A time limit the source states for after submission: a review to wait for, or a window in
/// which to act.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    pub id: String,
    pub after: TimelineStart,
    pub days: u32,
    pub count: DayCount,
    pub text: Text,
    pub source: Source,
}

/// A text to paste into the provider's ticket or appeal form, filled from the case
/// (placeholders: see `template`). The first whose condition holds is the case's.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ticket {
    #[serde(default = "always")]
    pub when: Cond,
    /// Only once the checklist is ready: a list of materials that is not settled would mislead.
    #[serde(default)]
    pub when_ready: bool,
    pub text: Text,
}

/// A letter Appeal Kit prefills for a letter item: blocks of text with conditions and
/// placeholders, in each language. The page layout stays in the documents crate.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterDef {
    pub item: String,
    pub title: Text,
    /// Titles for some cases: the first whose condition holds replaces `title`.
    #[serde(default)]
    pub titles: Vec<CondText>,
    pub blocks: Vec<BlockDef>,
}

/// A text for the cases where its condition holds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CondText {
    pub when: Cond,
    pub text: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    Para,
    Note,
    /// Label and value rows; an empty value prints as a line to fill in by hand.
    Fields,
    /// Boxes to tick, each ticked where its condition holds.
    Checkboxes,
    /// An empty table to fill in by hand: column headings and a number of blank rows.
    Table,
    /// Places to sign, or to seal (`seal = true`).
    Signatures,
    /// Small print at the foot of the last page (who prepared the letter, how to use it).
    Footer,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockDef {
    #[serde(default = "always")]
    pub when: Cond,
    pub kind: BlockKind,
    /// Heading, para, note and footer: the text (placeholders allowed).
    #[serde(default)]
    pub text: Option<Text>,
    /// Fields: each row's label and the value template, e.g. "{profile.account_name}".
    #[serde(default)]
    pub rows: Vec<RowDef>,
    /// Signatures: the areas.
    #[serde(default)]
    pub areas: Vec<AreaDef>,
    /// Checkboxes: the boxes.
    #[serde(default)]
    pub boxes: Vec<BoxDef>,
    /// Table: the column headings...
    #[serde(default)]
    pub columns: Vec<Text>,
    /// ...and how many blank rows to write in.
    #[serde(default)]
    pub blank_rows: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowDef {
    pub label: Text,
    pub value: String,
    /// A value the letter can do without: left blank, but not listed as missing.
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoxDef {
    pub label: Text,
    /// When the box is ticked.
    pub checked: Cond,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaDef {
    pub label: Text,
    #[serde(default)]
    pub seal: bool,
}

/// A profile field that fits accounts of this provider, and when: it shows unless `when` is
/// known to be false for the answers (a condition on an unanswered question leaves it shown;
/// write `!unanswered:q && ...` to keep it hidden until `q` says otherwise).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFieldDef {
    pub field: String,
    #[serde(default = "always")]
    pub when: Cond,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub pack: String,
    pub version: String,
    /// The provider as users know it, e.g. "Huawei Cloud" / "华为云".
    pub provider_name: Text,
    pub submission: SubmissionMethod,
    pub source: SourceDoc,
    pub questions: Vec<Question>,
    pub items: Vec<ItemDef>,
    #[serde(default)]
    pub blockers: Vec<Finding>,
    /// Answer combinations the source says nothing about (`not_covered`).
    #[serde(default)]
    pub gaps: Vec<Finding>,
    #[serde(default)]
    pub guidance: Vec<Note>,
    #[serde(default)]
    pub timelines: Vec<Timeline>,
    #[serde(default)]
    pub tickets: Vec<Ticket>,
    #[serde(default)]
    pub letters: Vec<LetterDef>,
    /// The profile fields the provider's letters and forms use (the profile form shows only
    /// these); a pack that lists none shows every field.
    #[serde(default)]
    pub profile_fields: Vec<ProfileFieldDef>,
    /// The source text, embedded beside the pack so every quote can be checked against it.
    #[serde(skip)]
    pub source_text: String,
}

fn always() -> Cond {
    Cond::True
}

impl<'de> Deserialize<'de> for Cond {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Cond, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("rule pack {pack}: {source}")]
    Syntax { pack: String, source: toml::de::Error },
    #[error("rule pack {pack}: {problem}")]
    Invalid { pack: String, problem: String },
}

/// A line of the source as a heading: list markers ("1.", "•") and a closing "." or ":" dropped.
fn heading(line: &str) -> String {
    let line = line.trim().trim_start_matches('•').trim();
    let line = match line.split_once(". ") {
        Some((n, rest)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => rest,
        _ => line,
    };
    normalize(line.trim_end_matches(['.', ':']))
}

/// The source's own headings and labelled lines, which sections may cite.
fn headings(source: &str) -> HashSet<String> {
    source.lines().map(heading).filter(|h| !h.is_empty()).collect()
}

/// Folds runs of white space so quotes can be compared with the source text as laid out.
pub fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Pack {
    pub fn parse(name: &str, toml_text: &str, source_text: &str) -> Result<Pack, PackError> {
        let mut pack: Pack =
            toml::from_str(toml_text).map_err(|source| PackError::Syntax { pack: name.to_string(), source })?;
        pack.source_text = source_text.to_string();
        let problems = pack.problems();
        if !problems.is_empty() {
            return Err(PackError::Invalid { pack: name.to_string(), problem: problems.join("; ") });
        }
        Ok(pack)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn item(&self, id: &str) -> Option<&ItemDef> {
        self.items.iter().find(|i| i.id == id)
    }

    /// Every citation the pack makes, for coverage checks.
    pub fn citations(&self) -> Vec<&Source> {
        let mut out: Vec<&Source> = self.questions.iter().map(|q| &q.source).collect();
        for item in &self.items {
            out.extend(item.cases.iter().map(|c| &c.source));
            out.extend(item.notes.iter().filter_map(|n| n.source.as_ref()));
        }
        for f in self.blockers.iter().chain(&self.gaps) {
            out.push(&f.source);
            out.extend(f.advice.iter().filter_map(|n| n.source.as_ref()));
        }
        out.extend(self.guidance.iter().filter_map(|n| n.source.as_ref()));
        out.extend(self.timelines.iter().map(|t| &t.source));
        out
    }

    /// Every text of the pack a user reads, with where it is, for the language checks.
    pub fn texts(&self) -> Vec<(String, &Text)> {
        let mut out: Vec<(String, &Text)> = vec![("provider name".into(), &self.provider_name), ("source title".into(), &self.source.title)];
        fn notes<'a>(what: String, list: &'a [Note], out: &mut Vec<(String, &'a Text)>) {
            for (n, note) in list.iter().enumerate() {
                out.push((format!("{what} note {}", n + 1), &note.text));
            }
        }
        for q in &self.questions {
            out.push((format!("question {} label", q.id), &q.label));
            out.push((format!("question {} help", q.id), &q.help));
            for (o, label) in &q.option_labels {
                out.push((format!("question {} option {o}", q.id), label));
            }
        }
        for item in &self.items {
            out.push((format!("item {} title", item.id), &item.title));
            for (n, c) in item.cases.iter().enumerate() {
                out.push((format!("item {} case {} why", item.id, n + 1), &c.why));
            }
            if let Some(h) = &item.hide {
                out.push((format!("item {} hide", item.id), h));
            }
            for f in &item.fields {
                out.push((format!("item {} field {}", item.id, f.id), &f.label));
            }
            notes(format!("item {}", item.id), &item.notes, &mut out);
        }
        for f in self.blockers.iter().chain(&self.gaps) {
            out.push((format!("finding {} message", f.id), &f.message));
            notes(format!("finding {} advice", f.id), &f.advice, &mut out);
        }
        notes("guidance".into(), &self.guidance, &mut out);
        for t in &self.timelines {
            out.push((format!("timeline {} text", t.id), &t.text));
        }
        for (n, t) in self.tickets.iter().enumerate() {
            out.push((format!("ticket {}", n + 1), &t.text));
        }
        for l in &self.letters {
            out.push((format!("letter {} title", l.item), &l.title));
            out.extend(l.titles.iter().map(|t| (format!("letter {} title", l.item), &t.text)));
            for (n, b) in l.blocks.iter().enumerate() {
                let what = format!("letter {} block {}", l.item, n + 1);
                out.extend(b.text.iter().map(|t| (what.clone(), t)));
                out.extend(b.rows.iter().map(|r| (format!("{what} row"), &r.label)));
                out.extend(b.areas.iter().map(|a| (format!("{what} area"), &a.label)));
                out.extend(b.boxes.iter().map(|x| (format!("{what} box"), &x.label)));
                out.extend(b.columns.iter().map(|c| (format!("{what} column"), c)));
            }
        }
        out
    }

    /// Everything wrong with the pack, as sentences a pack author can act on.
    fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        let source = normalize(&self.source_text);
        let headings = headings(&self.source_text);
        let check_source = |what: &str, s: &Source, p: &mut Vec<String>| {
            if s.section.trim().is_empty() {
                p.push(format!("{what} has no section"));
            }
            // A section is a path of the source's own headings, e.g. "Resellers › Real-name
            // authentication completed", so a reader finds the passage where it says.
            for part in s.section.split('›').map(str::trim).filter(|s| !s.is_empty()) {
                if !headings.contains(&heading(part)) {
                    p.push(format!("{what} cites section {part:?}, which is not a heading of {}", self.source.file));
                }
            }
            if s.quote.trim().is_empty() || !source.contains(&normalize(&s.quote)) {
                p.push(format!("{what} quotes text that is not in {}: {:?}", self.source.file, s.quote));
            }
        };
        // A note either cites the provider's document or says it is Appeal Kit's own advice.
        let check_note = |what: &str, note: &Note, p: &mut Vec<String>| match (&note.source, note.guidance) {
            (Some(s), false) => check_source(what, s, p),
            (None, true) => {}
            (Some(_), true) => p.push(format!("{what} has a source and is marked as guidance; it is one or the other")),
            (None, false) => p.push(format!("{what} has no source: quote the provider's document, or mark it `guidance = true`")),
        };
        for (what, text) in self.texts() {
            for lang in Language::ALL {
                if text.get(lang).trim().is_empty() {
                    p.push(format!("{what} has no {} text", lang.id()));
                }
            }
        }

        let mut seen = HashSet::new();
        for (n, q) in self.questions.iter().enumerate() {
            if !seen.insert(q.id.as_str()) {
                p.push(format!("question {} is declared twice", q.id));
            }
            if q.kind == QuestionType::Bool && !q.options.is_empty() {
                p.push(format!("question {} is a bool but lists options", q.id));
            }
            if q.kind != QuestionType::Bool && q.options.is_empty() {
                p.push(format!("question {} has no options", q.id));
            }
            for o in &q.options {
                if !q.option_labels.contains_key(o) {
                    p.push(format!("question {} option {o} has no label", q.id));
                }
            }
            if let Some(u) = &q.unsure
                && !q.options.contains(u)
            {
                p.push(format!("question {} says {u} means unsure, which is not one of its options", q.id));
            }
            for o in q.option_labels.keys() {
                if !q.options.contains(o) {
                    p.push(format!("question {} labels {o}, which is not one of its options", q.id));
                }
            }
            // A question may depend only on questions asked before it.
            self.check_cond(&format!("question {} ask_when", q.id), &q.ask_when, n, &mut p);
            check_source(&format!("question {}", q.id), &q.source, &mut p);
        }
        for t in &self.timelines {
            check_source(&format!("timeline {}", t.id), &t.source, &mut p);
            if t.days == 0 {
                p.push(format!("timeline {} lasts no days", t.id));
            }
        }
        let mut seen = HashSet::new();
        for item in &self.items {
            if !seen.insert(item.id.as_str()) {
                p.push(format!("item {} is declared twice", item.id));
            }
            if item.cases.is_empty() {
                p.push(format!("item {} has no cases", item.id));
            }
            match (item.kind, item.fields.is_empty()) {
                (ItemKind::Information, true) => p.push(format!("item {} is information but has no fields", item.id)),
                (ItemKind::Information, false) => {}
                (_, false) => p.push(format!("item {} has fields but is not an information item", item.id)),
                (_, true) => {}
            }
            let mut ids = HashSet::new();
            for f in &item.fields {
                if !ids.insert(f.id.as_str()) {
                    p.push(format!("item {} field {} is declared twice", item.id, f.id));
                }
                if let Some(pf) = &f.from_profile
                    && !crate::template::PROFILE_FIELDS.contains(&pf.as_str())
                {
                    p.push(format!("item {} field {} is filled from {pf}, which is not a profile field", item.id, f.id));
                } else if let Some(pf) = &f.from_profile
                    && !self.lists_profile_field(pf)
                {
                    p.push(format!("item {} field {} is filled from {pf}, which is not among the pack's profile_fields", item.id, f.id));
                }
            }
            for (n, c) in item.cases.iter().enumerate() {
                let what = format!("item {} case {}", item.id, n + 1);
                self.check_cond(&what, &c.when, self.questions.len(), &mut p);
                check_source(&what, &c.source, &mut p);
                let mut refs = Vec::new();
                c.when.items(&mut refs);
                if !refs.is_empty() {
                    p.push(format!("{what} refers to other items; only questions may decide an item"));
                }
            }
            for (n, note) in item.notes.iter().enumerate() {
                let what = format!("item {} note {}", item.id, n + 1);
                self.check_cond(&what, &note.when, self.questions.len(), &mut p);
                check_note(&what, note, &mut p);
            }
        }
        for (kind, list) in [("blocker", &self.blockers), ("gap", &self.gaps)] {
            for f in list {
                let what = format!("{kind} {}", f.id);
                self.check_cond(&what, &f.when, self.questions.len(), &mut p);
                check_source(&what, &f.source, &mut p);
                for (n, note) in f.advice.iter().enumerate() {
                    self.check_cond(&what, &note.when, self.questions.len(), &mut p);
                    check_note(&format!("{what} advice {}", n + 1), note, &mut p);
                }
            }
        }
        for (n, g) in self.guidance.iter().enumerate() {
            let what = format!("guidance {}", n + 1);
            self.check_cond(&what, &g.when, self.questions.len(), &mut p);
            check_note(&what, g, &mut p);
        }
        for l in &self.letters {
            // A letter item, or a document item whose form Appeal Kit prefills (Alibaba Cloud's
            // holder change form: a document by CONTRACTS.md section 2).
            match self.item(&l.item) {
                Some(i) if matches!(i.kind, ItemKind::Letter | ItemKind::Document) => {}
                _ => p.push(format!("letter {} is not a letter or document item of this pack", l.item)),
            }
            for (n, t) in l.titles.iter().enumerate() {
                self.check_cond(&format!("letter {} title {}", l.item, n + 1), &t.when, self.questions.len(), &mut p);
            }
            // Every text of the letter, labels and titles included, may hold placeholders.
            let mut texts: Vec<(String, &Text)> = vec![(format!("letter {} title", l.item), &l.title)];
            texts.extend(l.titles.iter().map(|t| (format!("letter {} title", l.item), &t.text)));
            for (n, b) in l.blocks.iter().enumerate() {
                let what = format!("letter {} block {}", l.item, n + 1);
                self.check_cond(&what, &b.when, self.questions.len(), &mut p);
                // Which parts a block has: text, rows, areas, boxes, columns.
                let has = [b.text.is_some(), !b.rows.is_empty(), !b.areas.is_empty(), !b.boxes.is_empty(), !b.columns.is_empty()];
                let (wants, takes) = match b.kind {
                    BlockKind::Heading | BlockKind::Para | BlockKind::Note | BlockKind::Footer => ([true, false, false, false, false], "a text"),
                    BlockKind::Fields => ([false, true, false, false, false], "rows"),
                    BlockKind::Signatures => ([false, false, true, false, false], "areas"),
                    BlockKind::Checkboxes => ([false, false, false, true, false], "boxes"),
                    BlockKind::Table => ([false, false, false, false, true], "columns and blank_rows"),
                };
                if has != wants || (b.kind == BlockKind::Table) != (b.blank_rows > 0) {
                    p.push(format!("{what}: a {:?} block takes {takes}, and only that", b.kind));
                }
                for x in &b.boxes {
                    self.check_cond(&format!("{what} box"), &x.checked, self.questions.len(), &mut p);
                }
                texts.extend(b.text.iter().map(|t| (what.clone(), t)));
                texts.extend(b.rows.iter().map(|r| (format!("{what} row label"), &r.label)));
                texts.extend(b.areas.iter().map(|a| (format!("{what} area"), &a.label)));
                texts.extend(b.boxes.iter().map(|x| (format!("{what} box"), &x.label)));
                texts.extend(b.columns.iter().map(|c| (format!("{what} column"), c)));
                for r in &b.rows {
                    self.check_placeholders(&format!("{what} row"), &r.value, &mut p);
                }
            }
            for (what, t) in texts {
                for lang in Language::ALL {
                    self.check_placeholders(&format!("{what} ({})", lang.id()), t.get(lang), &mut p);
                }
            }
        }
        let mut seen = HashSet::new();
        for f in &self.profile_fields {
            let what = format!("profile field {}", f.field);
            if !crate::template::PROFILE_FIELDS.contains(&f.field.as_str()) {
                p.push(format!("{what} is not a profile field; known: {}", crate::template::PROFILE_FIELDS.join(", ")));
            }
            if !seen.insert(f.field.as_str()) {
                p.push(format!("{what} is listed twice"));
            }
            let mut refs = Vec::new();
            f.when.items(&mut refs);
            if !refs.is_empty() {
                p.push(format!("{what} refers to items; only questions may decide a field"));
            }
            self.check_cond(&what, &f.when, self.questions.len(), &mut p);
        }
        for (n, t) in self.tickets.iter().enumerate() {
            let what = format!("ticket {}", n + 1);
            self.check_cond(&what, &t.when, self.questions.len(), &mut p);
            for lang in Language::ALL {
                self.check_placeholders(&format!("{what} ({})", lang.id()), t.text.get(lang), &mut p);
            }
        }
        p
    }

    /// Whether the profile form shows this field for the pack (every field when it lists none).
    fn lists_profile_field(&self, field: &str) -> bool {
        self.profile_fields.is_empty() || self.profile_fields.iter().any(|f| f.field == field)
    }

    /// Checks that every placeholder of a text names a profile field or a question of the pack.
    fn check_placeholders(&self, what: &str, text: &str, p: &mut Vec<String>) {
        use crate::template::{PROFILE_FIELDS, Placeholder, placeholders};
        match placeholders(text) {
            Err(e) => p.push(format!("{what}: {e}")),
            Ok(list) => {
                for h in list {
                    match h {
                        Placeholder::Profile { field, .. } if !PROFILE_FIELDS.contains(&field.as_str()) => {
                            p.push(format!("{what}: {{profile.{field}}} is not a profile field; known: {}", PROFILE_FIELDS.join(", ")))
                        }
                        // The profile form shows only the pack's fields: a text may not need another.
                        Placeholder::Profile { field, .. } if !self.lists_profile_field(&field) => {
                            p.push(format!("{what}: {{profile.{field}}} is not among the pack's profile_fields, so the form never asks for it"))
                        }
                        Placeholder::Answer { question, .. } if self.question(&question).is_none() => {
                            p.push(format!("{what}: {{answer.{question}}} is not a question of this pack"))
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    /// Checks that a condition names only questions among the first `before` ones, with values
    /// of the right type, and only items that exist.
    fn check_cond(&self, what: &str, cond: &Cond, before: usize, p: &mut Vec<String>) {
        let mut used = Vec::new();
        cond.questions(&mut used);
        let mut items = Vec::new();
        cond.items(&mut items);
        for id in items {
            match self.item(&id) {
                None => p.push(format!("{what} refers to unknown item {id}")),
                Some(item) => item.cases.iter().for_each(|c| c.when.questions(&mut used)),
            }
        }
        for (qid, value) in used {
            let Some(pos) = self.questions.iter().position(|q| q.id == qid) else {
                p.push(format!("{what} refers to unknown question {qid}"));
                continue;
            };
            if pos >= before {
                p.push(format!("{what} depends on {qid}, which is asked later"));
            }
            let q = &self.questions[pos];
            match (q.kind, value) {
                (_, Some(v)) if v.is_empty() => {}
                (QuestionType::Bool, None) => {}
                (QuestionType::Bool, Some(v)) => p.push(format!("{what} compares bool {qid} with {v}")),
                (_, None) => p.push(format!("{what} uses {qid} as a bool")),
                (_, Some(v)) if !q.options.contains(&v) => p.push(format!("{what}: {v} is not an option of {qid}")),
                _ => {}
            }
        }
    }
}
