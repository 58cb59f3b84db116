//! The one error type of the service API, with the kind the desktop app and the command line
//! act on (CONTRACTS.md section 5: validation and not-found errors are bad input, exit 2).
//!
//! Every message exists in English and Chinese (CONTRACTS.md section 9): kit renders it in
//! the language asked for ([`KitError::info_in`], [`KitError::message_in`]), or in the
//! process's message language ([`set_language`]: the command line sets it from `--lang`,
//! `LC_ALL`, `LANG`; the desktop app from its interface language). `Display` is the English.

use std::sync::atomic::{AtomicU8, Ordering};

pub use rules::pack::Text;
use rules::Language;
use serde::Serialize;
use ts_rs::TS;

/// A message in English and Chinese, both format strings over the same arguments:
/// `tr!("{n} files", "{n} 个文件")`. A test (`tests/messages_lang.rs`) checks every one in
/// the sources has real Chinese and the same placeholders.
#[macro_export]
macro_rules! tr {
    ($en:literal, $zh:literal $(, $arg:expr)* $(,)?) => {
        $crate::error::Text { en: format!($en $(, $arg)*), zh: format!($zh $(, $arg)*) }
    };
}

/// `why` after a lead-in in each language: `lead("its profile: ", "其中的案件资料：", &why)`.
pub fn lead(en: impl std::fmt::Display, zh: impl std::fmt::Display, why: &Text) -> Text {
    Text { en: format!("{en}{}", why.en), zh: format!("{zh}{}", why.zh) }
}

static LANGUAGE: AtomicU8 = AtomicU8::new(0);

/// Sets the language of the messages this process shows (errors, refusals, spreadsheet
/// problems): the command line's `--lang` or locale, the desktop app's interface language.
pub fn set_language(lang: Language) {
    LANGUAGE.store(if lang == Language::Zh { 1 } else { 0 }, Ordering::Relaxed);
}

/// The language of the messages this process shows (English until set).
pub fn language() -> Language {
    if LANGUAGE.load(Ordering::Relaxed) == 1 { Language::Zh } else { Language::En }
}

/// A message in the process's message language.
pub fn local(text: &Text) -> String {
    text.get(language()).to_string()
}

/// The kind of document a [`KitError::Document`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Zip,
    Image,
}

#[derive(Debug, thiserror::Error)]
pub enum KitError {
    #[error(transparent)]
    Answer(#[from] rules::AnswerError),
    #[error(transparent)]
    Rules(#[from] rules::RulesError),
    /// A value that does not fit the field it is given for (bad input).
    #[error("{field}: {}", .reason.en)]
    Field { field: String, reason: Text },
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// A file the user gave, refused on attach or import, naming it (bad input).
    #[error("{name}: {}", .reason.en)]
    Refused { name: String, reason: Text },
    #[error("{}: {}", .what.en, io_reason(.source).en)]
    Io { what: Text, source: std::io::Error },
    /// A PDF, zip or image Appeal Kit makes could not be made (not the user's input: exit 1).
    #[error("{}: {reason}", .what.en)]
    Document { format: Format, what: Text, reason: String },
    /// Something Appeal Kit itself should have kept true did not hold (exit 1, never bad input).
    #[error("{}", .0.en)]
    Internal(Text),
}

/// An I/O error as a person reads it: "no such file or folder", not "(os error 2)".
pub fn io_reason(e: &std::io::Error) -> Text {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => tr!("there is no such file or folder; check the path for a typing mistake", "没有这个文件或文件夹；请检查路径是否输错"),
        K::PermissionDenied => tr!("permission denied; choose a file or folder you may use", "没有权限；请选择您有权使用的文件或文件夹"),
        K::IsADirectory => tr!("that is a folder, not a file", "这是文件夹，不是文件"),
        K::NotADirectory => tr!("part of the path is a file, not a folder", "路径中有一部分是文件，不是文件夹"),
        K::AlreadyExists => tr!("something already exists there", "该位置已有同名的文件或文件夹"),
        K::StorageFull => tr!("the disk is full", "磁盘已满"),
        K::ReadOnlyFilesystem => tr!("the disk is read-only", "磁盘是只读的"),
        _ => {
            // Keep the system's words, without the error number people cannot act on.
            let text = e.to_string();
            let text = match text.rfind(" (os error ") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
            Text { zh: format!("系统错误：{text}"), en: text }
        }
    }
}

/// A reason as a sentence for a form: capital first letter, final full stop.
fn sentence(reason: &str, lang: Language) -> String {
    let reason = reason.trim();
    let mut chars = reason.chars();
    let mut out: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?', '。', '！', '？']) {
        out.push(if lang == Language::Zh { '。' } else { '.' });
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
    /// A PDF (a letter, merged letters) could not be made or read.
    Pdf,
    /// A zip (a bundle) could not be made or read.
    Zip,
    /// A picture could not be made or read.
    Image,
    Internal,
    /// The case store has a passphrase and is locked (or the passphrase given is wrong: then
    /// `field` is "passphrase"). The desktop app shows its unlock screen.
    Locked,
}

/// An error as the desktop app receives it: what kind, what to tell the user (the reason
/// only, as a sentence, in the interface language), and which answer or field it is about,
/// so the form can point at it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorInfo {
    pub kind: ErrorKind,
    pub message: String,
    pub field: Option<String>,
}

impl KitError {
    pub fn field(field: &str, reason: Text) -> KitError {
        KitError::Field { field: field.into(), reason }
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
            KitError::Store(S::Busy | S::Changed(_)) => ErrorKind::Conflict,
            KitError::Store(S::Open { .. }) | KitError::Io { .. } => ErrorKind::Io,
            KitError::Document { format: Format::Pdf, .. } => ErrorKind::Pdf,
            KitError::Document { format: Format::Zip, .. } => ErrorKind::Zip,
            KitError::Document { format: Format::Image, .. } => ErrorKind::Image,
            KitError::Store(_) | KitError::Internal(_) => ErrorKind::Internal,
        }
    }

    /// The field (answer, profile field, "file", "passphrase") the error is about, if any.
    pub fn field_name(&self) -> Option<String> {
        match self {
            KitError::Answer(e) => Some(e.question.clone()),
            KitError::Field { field, .. } => Some(field.clone()),
            KitError::Refused { .. } => Some("file".into()),
            KitError::Store(store::StoreError::Locked(store::LockReason::WrongPassphrase)) => Some("passphrase".into()),
            _ => None,
        }
    }

    /// The message alone, in `lang`: for a field or an answer only the reason (the field is
    /// named apart), else the whole message.
    fn reason_in(&self, lang: Language) -> String {
        match self {
            KitError::Field { reason, .. } => reason.get(lang).to_string(),
            KitError::Answer(e) => e.reason.get(lang).to_string(),
            other => other.text().get(lang).to_string(),
        }
    }

    /// The whole message in both languages, as the command line prints it (`field: reason`).
    pub fn text(&self) -> Text {
        match self {
            KitError::Answer(e) => Text { en: format!("answer `{}`: {}", e.question, e.reason.en), zh: format!("问题 `{}` 的回答：{}", e.question, e.reason.zh) },
            KitError::Rules(e) => crate::error_text::rules(e),
            KitError::Field { field, reason } => Text { en: format!("{field}: {}", reason.en), zh: format!("{field}：{}", reason.zh) },
            KitError::Store(e) => crate::error_text::store(e),
            KitError::Refused { name, reason } => Text { en: format!("{name}: {}", reason.en), zh: format!("{name}：{}", reason.zh) },
            KitError::Io { what, source } => {
                let why = io_reason(source);
                Text { en: format!("{}: {}", what.en, why.en), zh: format!("{}：{}", what.zh, why.zh) }
            }
            KitError::Document { what, reason, .. } => Text { en: format!("{}: {reason}", what.en), zh: format!("{}：{reason}", what.zh) },
            KitError::Internal(text) => Text { en: text.en.clone(), zh: format!("Appeal Kit 内部出错：{}", text.zh) },
        }
    }

    /// The one-line message in `lang`, as the command line prints it.
    pub fn message_in(&self, lang: Language) -> String {
        self.text().get(lang).to_string()
    }

    /// The error as the desktop app receives it, in `lang`. The message is the reason only
    /// (as a sentence); the field it concerns is apart.
    pub fn info_in(&self, lang: Language) -> ErrorInfo {
        let field = self.field_name();
        let message = match self {
            KitError::Field { .. } | KitError::Answer(_) => sentence(&self.reason_in(lang), lang),
            _ => self.reason_in(lang),
        };
        ErrorInfo { kind: self.kind(), message, field }
    }

    /// The error as the desktop app receives it, in the process's message language.
    pub fn info(&self) -> ErrorInfo {
        self.info_in(language())
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
        let info = KitError::field("contact_email", rules::identifiers::IdError::Email.text()).info_in(Language::En);
        assert_eq!(info.message, "This is not a valid email address.");
        assert_eq!(info.field.as_deref(), Some("contact_email"));
        let zh = KitError::field("contact_email", rules::identifiers::IdError::Email.text()).info_in(Language::Zh);
        assert_eq!(zh.message, "这不是有效的电子邮箱地址。");
        assert_eq!(KitError::field("title", tr!("keep the title under 200 characters", "标题请少于 200 个字符")).info_in(Language::En).message, "Keep the title under 200 characters.");
    }

    #[test]
    fn io_errors_read_without_error_numbers() {
        let e = std::fs::read("/no/such/dir/file.json").unwrap_err();
        let error = KitError::Io { what: tr!("cannot read /no/such/dir/file.json", "无法读取 /no/such/dir/file.json"), source: e };
        let text = error.to_string();
        assert!(!text.contains("os error"), "{text}");
        assert!(text.contains("no such file or folder"), "{text}");
        assert!(error.message_in(Language::Zh).contains("没有这个文件或文件夹"));
    }
}
