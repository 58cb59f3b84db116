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
    #[error("{what}: {}", io_reason(.source))]
    Io { what: String, source: std::io::Error },
}

/// An I/O error as a person reads it: "no such file or folder", not "(os error 2)".
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "there is no such file or folder; check the path for a typing mistake".into(),
        K::PermissionDenied => "permission denied; choose a file or folder you may use".into(),
        K::IsADirectory => "that is a folder, not a file".into(),
        K::NotADirectory => "part of the path is a file, not a folder".into(),
        K::AlreadyExists => "something already exists there".into(),
        K::StorageFull => "the disk is full".into(),
        K::ReadOnlyFilesystem => "the disk is read-only".into(),
        _ => {
            // Keep the system's words, without the error number people cannot act on.
            let text = e.to_string();
            match text.rfind(" (os error ") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
        }
    }
}

/// A reason as a sentence for a form: capital first letter, final full stop.
fn sentence(reason: &str) -> String {
    let reason = reason.trim();
    let mut chars = reason.chars();
    let mut out: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?', '。']) {
        out.push('.');
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Validation,
    NotFound,
    Conflict,
    Io,
    Internal,
    /// The case store has a passphrase and is locked (or the passphrase given is wrong: then
    /// `field` is "passphrase"). The desktop app shows its unlock screen.
    Locked,
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
            // A locked store without the right passphrase is bad input (exit 2: see
            // `is_bad_input`), as a passphrase put on twice is.
            KitError::Store(S::Locked(_)) => ErrorKind::Locked,
            KitError::Store(S::Invalid(_)) => ErrorKind::Validation,
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
            KitError::Store(store::StoreError::Locked(store::LockReason::WrongPassphrase)) => Some("passphrase".into()),
            _ => None,
        };
        // A form shows the message under the field it names, so the message is only the reason,
        // as a sentence; the command line prints `field: reason` (Display).
        let message = match self {
            KitError::Field { reason, .. } => sentence(reason),
            KitError::Answer(e) => sentence(&e.reason),
            _ => self.to_string(),
        };
        ErrorInfo { kind: self.kind(), message, field }
    }

    /// Bad input (exit 2) as opposed to anything else (exit 1).
    pub fn is_bad_input(&self) -> bool {
        matches!(self.kind(), ErrorKind::Validation | ErrorKind::NotFound | ErrorKind::Locked)
    }
}

pub type Result<T> = std::result::Result<T, KitError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_get_the_reason_as_a_sentence_and_the_field_apart() {
        let info = KitError::field("contact_email", rules::identifiers::IdError::Email.to_string()).info();
        assert_eq!(info.message, "This is not a valid email address.");
        assert_eq!(info.field.as_deref(), Some("contact_email"));
        assert_eq!(KitError::field("title", "keep the title under 200 characters").info().message, "Keep the title under 200 characters.");
    }

    #[test]
    fn io_errors_read_without_error_numbers() {
        let e = std::fs::read("/no/such/dir/file.json").unwrap_err();
        let text = KitError::Io { what: "cannot read /no/such/dir/file.json".into(), source: e }.to_string();
        assert!(!text.contains("os error"), "{text}");
        assert!(text.contains("no such file or folder"), "{text}");
    }
}
