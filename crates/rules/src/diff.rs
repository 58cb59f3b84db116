//! What a newer version of a provider's pack changes for one case's answers: items added or
//! removed, requirements and notes changed, and the status. A case stays on the version it was
//! answered under until its user has seen this and accepted the change.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::answers::Answers;
use crate::checklist::{Checklist, Item, Note, evaluate_in};
use crate::pack::{Language, Pack, Requirement};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    StatusChanged,
    ItemAdded,
    ItemRemoved,
    RequirementChanged,
    NotesChanged,
}

/// One change, in the language asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Change {
    pub kind: ChangeKind,
    /// The item concerned (none for a status change).
    pub item: Option<String>,
    /// The item's title (in the newer version when it has one), or the new status.
    pub title: String,
    /// What it was and what it becomes: requirement or status ids, or the notes' texts.
    pub before: Vec<String>,
    pub after: Vec<String>,
}

/// A newer pack version for a case, and what accepting it changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RulesUpdate {
    pub from: String,
    pub to: String,
    pub changes: Vec<Change>,
}

fn requirement_id(r: Requirement) -> String {
    serde_json::to_value(r).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

fn note_texts(notes: &[Note]) -> Vec<String> {
    notes.iter().map(|n| n.text.clone()).collect()
}

/// What moving `answers` from `old` to `new` changes. The answers are checked against each
/// version on its own: one the newer version no longer accepts counts as unanswered there.
pub fn changes(old: &Pack, new: &Pack, answers: &serde_json::Value, lang: Language) -> RulesUpdate {
    let before = evaluate_in(old, &Answers::kept(old, answers), lang);
    let after = evaluate_in(new, &Answers::kept(new, answers), lang);
    RulesUpdate { from: old.version.clone(), to: new.version.clone(), changes: compare(&before, &after) }
}

fn compare(before: &Checklist, after: &Checklist) -> Vec<Change> {
    let mut out = Vec::new();
    if before.status != after.status {
        out.push(Change {
            kind: ChangeKind::StatusChanged,
            item: None,
            title: after.status.as_str().to_string(),
            before: vec![before.status.as_str().to_string()],
            after: vec![after.status.as_str().to_string()],
        });
    }
    let find = |list: &'_ [Item], id: &str| list.iter().find(|i| i.id == id).cloned();
    for item in &after.items {
        match find(&before.items, &item.id) {
            None => out.push(Change {
                kind: ChangeKind::ItemAdded,
                item: Some(item.id.clone()),
                title: item.title.clone(),
                before: vec![],
                after: vec![requirement_id(item.requirement)],
            }),
            Some(old) => {
                if old.requirement != item.requirement {
                    out.push(Change {
                        kind: ChangeKind::RequirementChanged,
                        item: Some(item.id.clone()),
                        title: item.title.clone(),
                        before: vec![requirement_id(old.requirement)],
                        after: vec![requirement_id(item.requirement)],
                    });
                }
                // A note that now says something else, or cites something else.
                if old.notes != item.notes {
                    out.push(Change {
                        kind: ChangeKind::NotesChanged,
                        item: Some(item.id.clone()),
                        title: item.title.clone(),
                        before: note_texts(&old.notes),
                        after: note_texts(&item.notes),
                    });
                }
            }
        }
    }
    for old in &before.items {
        if find(&after.items, &old.id).is_none() {
            out.push(Change {
                kind: ChangeKind::ItemRemoved,
                item: Some(old.id.clone()),
                title: old.title.clone(),
                before: vec![requirement_id(old.requirement)],
                after: vec![],
            });
        }
    }
    out
}
