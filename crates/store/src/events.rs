//! What a case's timeline records: one kind per thing that happened. The UI names each kind in
//! both languages from this list (exported to TypeScript), so a new kind cannot go unnamed.

use rusqlite::{Transaction, params};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::*;

macro_rules! event_kinds {
    ($($variant:ident = $id:literal),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
        pub enum EventKind {
            $(#[serde(rename = $id)] $variant,)*
        }

        impl EventKind {
            pub const ALL: &[EventKind] = &[$(EventKind::$variant,)*];

            /// The id stored in the `events` table and sent to the UI.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(EventKind::$variant => $id,)*
                }
            }
        }
    };
}

event_kinds! {
    Created = "created",
    Duplicated = "duplicated",
    Imported = "imported",
    SheetImported = "sheet_imported",
    Answered = "answered",
    Profile = "profile",
    Info = "info",
    Renamed = "renamed",
    Deleted = "deleted",
    Restored = "restored",
    Tagged = "tagged",
    Untagged = "untagged",
    Attached = "attached",
    Removed = "removed",
    Replaced = "replaced",
    RestoredFile = "restored_file",
    Moved = "moved",
    Fixed = "fixed",
    DiscardedOriginal = "discarded_original",
    DismissedCheck = "dismissed_check",
    Letter = "letter",
    Exported = "exported",
    Submitted = "submitted",
    Approved = "approved",
    Rejected = "rejected",
    DocumentsErased = "documents_erased",
}

/// A stored event kind this version does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an event kind")]
pub struct UnknownEventKind(pub String);

impl std::str::FromStr for EventKind {
    type Err = UnknownEventKind;
    fn from_str(s: &str) -> std::result::Result<EventKind, UnknownEventKind> {
        EventKind::ALL.iter().copied().find(|k| k.as_str() == s).ok_or_else(|| UnknownEventKind(s.to_string()))
    }
}

impl rusqlite::ToSql for EventKind {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for EventKind {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<EventKind> {
        value.as_str()?.parse().map_err(|e: UnknownEventKind| rusqlite::types::FromSqlError::Other(e.into()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub at: String,
    pub kind: EventKind,
    pub detail: Value,
}

pub(crate) fn log(tx: &Transaction, id: &str, at: &str, kind: EventKind, detail: &Value) -> rusqlite::Result<usize> {
    tx.execute("INSERT INTO events (case_id, at, kind, detail) VALUES (?1, ?2, ?3, ?4)", params![id, at, kind, detail.to_string()])
}

impl Store {
    /// Records something done with a case (a letter saved, …) in its timeline.
    pub fn log_event(&mut self, id: &str, kind: EventKind, detail: &Value) -> Result<CaseRow> {
        self.change(id, kind, detail, |_, _| Ok::<_, rusqlite::Error>(0))?;
        self.get(id)
    }

    pub fn events(&self, id: &str) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached("SELECT at, kind, detail FROM events WHERE case_id = ?1 ORDER BY id")?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(Event { at: r.get(0)?, kind: r.get(1)?, detail: json_column(r, 2)? })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
