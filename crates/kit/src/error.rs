//! The one error type of the service API, with the kind the desktop app and the command line
//! act on (CONTRACTS.md section 5: validation and not-found errors are bad input, exit 2).

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum KitError {
    #[error(transparent)]
    Answer(#[from] rules::AnswerError),
    #[error(transparent)]
    Rules(#[from] rules::RulesError),
    #[error("{field}: {reason}")]
    Field { field: String, reason: String },
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// A file refused on attach or import, naming it.
    #[error("{name}: {reason}")]
    Refused { name: String, reason: String },
    #[error("{what}: {source}")]
    Io { what: String, source: std::io::Error },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Validation,
    NotFound,
    Conflict,
    Io,
    Internal,
}

/// An error as the desktop app receives it: what kind, what to tell the user, and which
/// answer or field it is about, so the form can point at it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorInfo {
    pub kind: ErrorKind,
    pub message: String,
    pub field: Option<String>,
}

impl KitError {
    pub fn field(field: &str, reason: impl Into<String>) -> KitError {
        KitError::Field { field: field.into(), reason: reason.into() }
    }

    pub fn kind(&self) -> ErrorKind {
        use store::StoreError as S;
        match self {
            KitError::Answer(_) | KitError::Field { .. } | KitError::Refused { .. } => ErrorKind::Validation,
            KitError::Rules(rules::RulesError::UnknownProvider(_)) => ErrorKind::Validation,
            KitError::Rules(rules::RulesError::BrokenPack(_)) => ErrorKind::Internal,
            KitError::Store(S::NotFound(_) | S::NoAttachment(_)) => ErrorKind::NotFound,
            KitError::Store(S::Busy) => ErrorKind::Conflict,
            KitError::Store(S::Open { .. }) | KitError::Io { .. } => ErrorKind::Io,
            KitError::Store(_) => ErrorKind::Internal,
        }
    }

    pub fn info(&self) -> ErrorInfo {
        let field = match self {
            KitError::Answer(e) => Some(e.question.clone()),
            KitError::Field { field, .. } => Some(field.clone()),
            KitError::Refused { .. } => Some("file".into()),
            _ => None,
        };
        ErrorInfo { kind: self.kind(), message: self.to_string(), field }
    }

    /// Bad input (exit 2) as opposed to anything else (exit 1).
    pub fn is_bad_input(&self) -> bool {
        matches!(self.kind(), ErrorKind::Validation | ErrorKind::NotFound)
    }
}

pub type Result<T> = std::result::Result<T, KitError>;
