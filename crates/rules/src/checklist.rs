//! Evaluating answers against a pack: the checklist (CONTRACTS.md section 3) and the interview.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::answers::{Answer, Answers};
use crate::cond::{Cond, Facts};
use crate::pack::{ItemKind, Language, Pack, QuestionType, Requirement, Source, SubmissionMethod};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Incomplete,
    Blocked,
    NotCovered,
    Ready,
}

impl Status {
    /// The id the checklist JSON and the case store use (CONTRACTS.md section 2).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Incomplete => "incomplete",
            Status::Blocked => "blocked",
            Status::NotCovered => "not_covered",
            Status::Ready => "ready",
        }
    }
}

impl std::str::FromStr for Status {
    type Err = crate::UnknownId;
    fn from_str(s: &str) -> Result<Status, crate::UnknownId> {
        [Status::Incomplete, Status::Blocked, Status::NotCovered, Status::Ready]
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| crate::UnknownId { kind: "a checklist status", value: s.to_string() })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RulesRef {
    pub pack: String,
    pub version: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Submission {
    pub method: SubmissionMethod,
}

/// A blocker, or (in `gaps`) a combination the sources do not cover.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Finding {
    pub id: String,
    pub message: String,
    /// What to do instead.
    pub advice: Vec<Note>,
    pub source: Source,
}

/// A note (CONTRACTS.md section 9): what the provider's document says, with its `source`, or
/// Appeal Kit's own advice (`guidance: true`), which cites nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Note {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub guidance: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    pub requirement: Requirement,
    pub title: String,
    pub why: String,
    pub notes: Vec<Note>,
    pub source: Source,
    /// What to hide in the picture before sending it, when the source asks for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hide: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Checklist {
    pub provider: String,
    pub rules: RulesRef,
    pub status: Status,
    pub missing_answers: Vec<String>,
    /// Unanswered questions that would refine notes or advice but never decide the status.
    pub optional_answers: Vec<String>,
    pub blockers: Vec<Finding>,
    /// Why the result is `not_covered`.
    pub gaps: Vec<Finding>,
    /// The items known so far: complete when `ready`, partial when `incomplete`, empty otherwise.
    pub items: Vec<Item>,
    /// Facts about the whole appeal: how to submit, timelines, what approval changes (none
    /// when blocked: the blockers say what to do instead).
    pub guidance: Vec<Note>,
    pub submission: Submission,
}

/// A question as the interview shows it now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuestionView {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    pub label: String,
    pub help: String,
    pub optional: bool,
    pub options: Vec<QuestionOption>,
    pub source: Source,
    #[ts(type = "boolean | string | string[] | null")]
    pub answer: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuestionOption {
    pub value: String,
    pub label: String,
}

/// The answers that count: those to questions that are asked given the answers before them.
/// Others are kept by the caller but ignored here, so changing an earlier answer loses nothing.
struct Eval<'a> {
    pack: &'a Pack,
    answers: BTreeMap<&'a str, &'a Answer>,
    lang: Language,
}

impl<'a> Eval<'a> {
    fn new(pack: &'a Pack, given: &'a Answers, lang: Language) -> Eval<'a> {
        let mut eval = Eval { pack, answers: BTreeMap::new(), lang };
        for q in &pack.questions {
            if let Some(a) = given.get(&q.id)
                && eval.holds(&q.ask_when)
            {
                eval.answers.insert(&q.id, a);
            }
        }
        eval
    }

    /// Answered with a value that decides something ("I'm not sure" does not).
    fn decided(&self, q: &crate::pack::Question) -> bool {
        match (self.answers.get(q.id.as_str()), &q.unsure) {
            (None, _) => false,
            (Some(Answer::Choice(c)), Some(u)) => c != u,
            (Some(_), _) => true,
        }
    }

    fn holds(&self, c: &Cond) -> bool {
        c.eval(self) == Some(true)
    }

    fn notes(&self, notes: &[crate::pack::Note]) -> Vec<Note> {
        notes
            .iter()
            .filter(|n| self.holds(&n.when))
            .map(|n| Note { text: n.text.get(self.lang).to_string(), source: n.source.clone(), guidance: n.guidance })
            .collect()
    }

    fn finding(&self, f: &crate::pack::Finding) -> Finding {
        Finding { id: f.id.clone(), message: f.message.get(self.lang).to_string(), advice: self.notes(&f.advice), source: f.source.clone() }
    }
}

impl Facts for Eval<'_> {
    fn boolean(&self, q: &str) -> Option<bool> {
        match self.answers.get(q) {
            Some(Answer::Bool(b)) => Some(*b),
            _ => None,
        }
    }
    fn choice(&self, q: &str) -> Option<&str> {
        match self.answers.get(q) {
            Some(Answer::Choice(c)) => Some(c),
            _ => None,
        }
    }
    fn has(&self, q: &str, v: &str) -> Option<bool> {
        match self.answers.get(q) {
            Some(Answer::Multi(list)) => Some(list.iter().any(|x| x == v)),
            _ => None,
        }
    }
    fn answered(&self, q: &str) -> bool {
        self.answers.contains_key(q)
    }
    fn item_applies(&self, id: &str) -> Option<bool> {
        let item = self.pack.item(id)?;
        Cond::Any(item.cases.iter().map(|c| c.when.clone()).collect()).eval(self)
    }
}

/// Computes the checklist for these answers, in English.
pub fn evaluate(pack: &Pack, answers: &Answers) -> Checklist {
    evaluate_in(pack, answers, Language::En)
}

/// Computes the checklist for these answers, its texts in `lang`.
pub fn evaluate_in(pack: &Pack, answers: &Answers, lang: Language) -> Checklist {
    let eval = Eval::new(pack, answers, lang);
    let blockers: Vec<Finding> = pack.blockers.iter().filter(|b| eval.holds(&b.when)).map(|b| eval.finding(b)).collect();
    let gaps: Vec<Finding> = pack.gaps.iter().filter(|g| eval.holds(&g.when)).map(|g| eval.finding(g)).collect();
    let missing_answers: Vec<String> = pack
        .questions
        .iter()
        .filter(|q| !q.optional && eval.holds(&q.ask_when) && !eval.decided(q))
        .map(|q| q.id.clone())
        .collect();

    // A proven blocker or gap wins over unanswered questions: there is no point asking more.
    let status = if !blockers.is_empty() {
        Status::Blocked
    } else if !gaps.is_empty() {
        Status::NotCovered
    } else if !missing_answers.is_empty() {
        Status::Incomplete
    } else {
        Status::Ready
    };

    let unanswered = |q: &&crate::pack::Question| eval.holds(&q.ask_when) && !eval.answers.contains_key(q.id.as_str());
    let optional_answers: Vec<String> = match status {
        Status::Ready | Status::Incomplete => pack.questions.iter().filter(|q| q.optional).filter(unanswered).map(|q| q.id.clone()).collect(),
        // A decided finding's advice may still depend on answers: those are worth asking.
        Status::Blocked | Status::NotCovered => {
            let mut refs = Vec::new();
            for f in pack.blockers.iter().chain(&pack.gaps).filter(|f| eval.holds(&f.when)) {
                f.advice.iter().for_each(|a| a.when.questions(&mut refs));
            }
            pack.questions.iter().filter(|q| refs.iter().any(|(id, _)| *id == q.id)).filter(unanswered).map(|q| q.id.clone()).collect()
        }
    };

    let items = match status {
        Status::Ready | Status::Incomplete => pack.items.iter().filter_map(|def| item(&eval, def)).collect(),
        Status::Blocked | Status::NotCovered => Vec::new(),
    };

    Checklist {
        provider: pack.pack.clone(),
        rules: RulesRef { pack: pack.pack.clone(), version: pack.version.clone(), source: pack.source.title.get(lang).to_string() },
        status,
        missing_answers: if status == Status::Incomplete { missing_answers } else { Vec::new() },
        optional_answers,
        blockers,
        gaps,
        items,
        // How to submit and what follows is moot when the appeal cannot succeed.
        guidance: if status == Status::Blocked { Vec::new() } else { eval.notes(&pack.guidance) },
        submission: Submission { method: pack.submission },
    }
}

fn item(eval: &Eval, def: &crate::pack::ItemDef) -> Option<Item> {
    // The first case that may hold decides; while it is undecided, so is the item.
    let case = def.cases.iter().find(|c| c.when.eval(eval) != Some(false))?;
    case.when.eval(eval)?;
    Some(Item {
        id: def.id.clone(),
        kind: def.kind,
        requirement: case.requirement,
        title: def.title.get(eval.lang).to_string(),
        why: case.why.get(eval.lang).to_string(),
        notes: eval.notes(&def.notes),
        source: case.source.clone(),
        hide: def.hide.as_ref().map(|h| h.get(eval.lang).to_string()),
    })
}

/// The questions to show now, in order, with their current answers, in English.
pub fn interview(pack: &Pack, answers: &Answers) -> Vec<QuestionView> {
    interview_in(pack, answers, Language::En)
}

/// The questions to show now, in order, with their current answers, their texts in `lang`.
pub fn interview_in(pack: &Pack, answers: &Answers, lang: Language) -> Vec<QuestionView> {
    let eval = Eval::new(pack, answers, lang);
    pack.questions
        .iter()
        .filter(|q| eval.holds(&q.ask_when))
        .map(|q| QuestionView {
            id: q.id.clone(),
            kind: q.kind,
            label: q.label.get(lang).to_string(),
            help: q.help.get(lang).to_string(),
            optional: q.optional,
            options: q
                .options
                .iter()
                .map(|o| QuestionOption { value: o.clone(), label: q.option_labels.get(o).map_or_else(|| o.clone(), |l| l.get(lang).to_string()) })
                .collect(),
            source: q.source.clone(),
            answer: answers.get(&q.id).map(|a| serde_json::to_value(a).unwrap_or_default()),
        })
        .collect()
}

/// The text to paste into the provider's ticket or appeal form for this case, if its pack has
/// one for these answers, filled from the profile (a JSON object of profile fields).
pub fn ticket_text(pack: &Pack, answers: &Answers, checklist: &Checklist, profile: &serde_json::Value, lang: Language) -> Option<String> {
    let eval = Eval::new(pack, answers, lang);
    let ticket = pack.tickets.iter().find(|t| eval.holds(&t.when) && (!t.when_ready || checklist.status == Status::Ready))?;
    struct Case<'a> {
        pack: &'a Pack,
        answers: &'a Answers,
        checklist: &'a Checklist,
        profile: &'a serde_json::Value,
        lang: Language,
    }
    impl crate::template::Values for Case<'_> {
        fn profile(&self, field: &str) -> Option<String> {
            self.profile.get(field).and_then(serde_json::Value::as_str).map(String::from)
        }
        fn answer(&self, question: &str) -> Option<String> {
            let q = self.pack.question(question)?;
            let label = |v: &str| q.option_labels.get(v).map_or_else(|| v.to_string(), |l| l.get(self.lang).to_string());
            match self.answers.get(question)? {
                Answer::Bool(b) => Some(b.to_string()),
                Answer::Choice(c) => Some(label(c)),
                Answer::Multi(list) => Some(list.iter().map(|v| label(v)).collect::<Vec<_>>().join(", ")),
            }
        }
        fn materials(&self) -> Vec<String> {
            self.checklist.items.iter().map(|i| i.title.clone()).collect()
        }
    }
    Some(crate::template::fill(ticket.text.get(lang), &Case { pack, answers, checklist, profile, lang }))
}

/// Whether a condition of the pack holds for these answers (for pack data the kit renders,
/// such as letters' blocks).
pub fn holds(pack: &Pack, answers: &Answers, cond: &Cond) -> bool {
    Eval::new(pack, answers, Language::En).holds(cond)
}

/// The profile fields that fit these answers, as the pack lists them (`profile_fields`), in the
/// pack's order: a field is left out only when its condition is known to be false. `None` when
/// the pack lists no fields (then every field fits).
pub fn profile_fields<'p>(pack: &'p Pack, answers: &Answers) -> Option<Vec<&'p str>> {
    if pack.profile_fields.is_empty() {
        return None;
    }
    let eval = Eval::new(pack, answers, Language::En);
    Some(pack.profile_fields.iter().filter(|f| f.when.eval(&eval) != Some(false)).map(|f| f.field.as_str()).collect())
}
