//! Rule packs: one data file per provider, embedded in the binary and checked when loaded.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cond::Cond;
pub use crate::language::{Language, Text, UnknownLanguage};
pub use crate::validate::normalize;

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
}
