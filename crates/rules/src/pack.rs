//! Rule packs: one data file per provider, embedded in the binary and checked when loaded.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cond::Cond;

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
    pub title: String,
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
    pub ask_when: Cond,
    pub label: String,
    pub help: String,
    #[serde(default)]
    pub option_labels: BTreeMap<String, String>,
    /// Why the question is asked: the passage whose rules depend on it.
    pub source: Source,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    #[serde(default = "always")]
    pub when: Cond,
    pub text: String,
    #[serde(default)]
    pub source: Option<Source>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemCase {
    pub when: Cond,
    pub requirement: Requirement,
    pub why: String,
    pub source: Source,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub id: String,
    pub kind: ItemKind,
    pub title: String,
    /// The first case whose condition holds decides whether and why the item is needed.
    pub cases: Vec<ItemCase>,
    #[serde(default)]
    pub notes: Vec<Note>,
    /// What must be hidden in a picture before it is sent; the item needs attention until a
    /// file has parts hidden.
    #[serde(default)]
    pub hide: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub id: String,
    pub when: Cond,
    pub message: String,
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
    /// Monday to Friday (public holidays are not known to the app).
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
    pub text: String,
    pub source: Source,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub pack: String,
    pub version: String,
    pub provider_name: String,
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

    /// Everything wrong with the pack, as sentences a pack author can act on.
    fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        let source = normalize(&self.source_text);
        let check_source = |what: &str, s: &Source, p: &mut Vec<String>| {
            if s.section.trim().is_empty() {
                p.push(format!("{what} has no section"));
            }
            if s.quote.trim().is_empty() || !source.contains(&normalize(&s.quote)) {
                p.push(format!("{what} quotes text that is not in {}: {:?}", self.source.file, s.quote));
            }
        };

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
                if let Some(s) = &note.source {
                    check_source(&what, s, &mut p);
                }
            }
        }
        for (kind, list) in [("blocker", &self.blockers), ("gap", &self.gaps)] {
            for f in list {
                let what = format!("{kind} {}", f.id);
                self.check_cond(&what, &f.when, self.questions.len(), &mut p);
                check_source(&what, &f.source, &mut p);
                for note in &f.advice {
                    self.check_cond(&what, &note.when, self.questions.len(), &mut p);
                    match &note.source {
                        Some(s) => check_source(&format!("{what} advice"), s, &mut p),
                        None => p.push(format!("{what} advice has no source")),
                    }
                }
            }
        }
        for (n, g) in self.guidance.iter().enumerate() {
            let what = format!("guidance {}", n + 1);
            self.check_cond(&what, &g.when, self.questions.len(), &mut p);
            match &g.source {
                Some(s) => check_source(&what, s, &mut p),
                None => p.push(format!("{what} has no source")),
            }
        }
        p
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
