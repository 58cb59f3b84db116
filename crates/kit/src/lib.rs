//! The one service API of Appeal Kit. The desktop app and the `appeal-kit` command line both
//! call it, so every rule about cases (check first, then write; log what happened) lives here.

pub mod appeal;
pub mod attachments;
pub mod batch;
pub mod bundle;
mod cases;
pub mod checks;
pub mod due;
pub mod bindings;
pub mod error;
pub mod facts;
mod error_text;
pub mod info;
pub mod interactive;
mod letters;
pub mod names;
pub mod materials;
mod output;
pub mod letter_scans;
pub mod profile;
mod redaction;
pub mod text;
pub mod render;
#[cfg(feature = "bench")]
mod seed;
pub mod tags;
mod views;
pub mod workdays;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rules::{Answers, Checklist};
use serde::Serialize;
use serde_json::Value;
use store::{CaseRow, Store};
use ts_rs::TS;

pub use appeal::{AppealView, Deadline};
pub use bundle::{CheckedBundle, ExportJob, ExportReport, Gap, check_bundle};
pub use attachments::{AttachProgress, AttachResult, AttachmentPage, AttachmentView, ItemState, ItemStatus, PageSource, Refused, prepare};
pub use documents::Lang;
/// PDF pages are drawn in a worker process; each program's `main` calls `serve_if_worker` first.
pub use documents::pdf_worker;
pub use documents::fixes::{Fix, Rect};
pub use letters::{LetterPdf, LetterPreview};
pub use views::{AppealStatus, CasePage, CaseSummary, CaseView, EventView, ProfileFieldView};
pub use error::{ErrorInfo, ErrorKind, KitError, Result};
pub use materials::Materials;
pub use facts::FileFacts;
pub use profile::Profile;
/// The language of rule texts (en, zh), as opposed to a letter's [`Lang`] (which adds bilingual).
pub use rules::Language;
/// The locked store: a passphrase, the keys it unlocks, and whether a store has one.
pub use store::{EventKind, LockReason, Passphrase, StoreError, Vault, is_locked};
pub use store::vault::MIN_PASSPHRASE_CHARS;

/// Whether the case store has a passphrase and whether it is unlocked now (the desktop app
/// opens to its unlock screen when it has one and is not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct StoreState {
    pub encrypted: bool,
    pub unlocked: bool,
    /// Shortest passphrase accepted for a new one.
    pub min_passphrase_chars: u32,
}

/// What the desktop's first screen shows, read in one call (start-up waited on one round trip
/// after another): the store's state and, when it is open, its tags and first page of cases.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FirstScreen {
    pub state: StoreState,
    pub tags: Option<Vec<tags::TagCount>>,
    pub page: Option<CasePage>,
}


/// Where cases live unless `--data-dir` or `APPEAL_KIT_DATA_DIR` says otherwise.
pub fn default_data_dir() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("appeal-kit")
}

/// Where save dialogs open: the user's documents folder (on Linux the one `user-dirs.dirs`
/// names, in the user's language, else `~/Documents`), else their home, never the process's
/// working directory (which for a desktop app is wherever it was started from).
pub fn default_save_dir() -> PathBuf {
    let home = dirs::home_dir();
    dirs::document_dir()
        .filter(|d| d.is_dir())
        .or_else(|| home.as_ref().map(|h| h.join("Documents")).filter(|d| d.is_dir()))
        .or(home)
        .unwrap_or_else(|| PathBuf::from("."))
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ProviderInfo {
    pub id: String,
    pub name: String,
    pub rules_version: String,
    pub source_title: String,
}


/// The providers Appeal Kit has rules for, named in `lang`.
pub fn providers(lang: Language) -> Vec<ProviderInfo> {
    rules::providers()
        .into_iter()
        .filter_map(|p| rules::pack(p).ok())
        .map(|p| ProviderInfo {
            id: p.pack.clone(),
            name: p.provider_name.get(lang).to_string(),
            rules_version: p.version.clone(),
            source_title: p.source.title.get(lang).to_string(),
        })
        .collect()
}

/// The checklist for answers given directly (no case), its texts in `lang`.
pub fn checklist(provider: &str, answers: &Value, lang: Language) -> Result<Checklist> {
    let pack = rules::pack(provider)?;
    Ok(rules::evaluate_in(pack, &Answers::from_json(pack, answers)?, lang))
}


/// The rules a case follows: the version it was answered under while Appeal Kit still carries
/// it, else the provider's current one.
pub(crate) fn case_pack(row: &CaseRow) -> Result<&'static rules::Pack> {
    match rules::pack_at(&row.provider, &row.rules_version) {
        Some(p) => Ok(p),
        None => Ok(rules::pack(&row.provider)?),
    }
}

/// A stored case's checklist under the rules it follows, or `None` if its provider is unknown
/// to this version.
pub(crate) fn evaluate_row(row: &CaseRow) -> Option<(&'static rules::Pack, Checklist)> {
    let pack = case_pack(row).ok()?;
    Some((pack, rules::evaluate(pack, &Answers::kept(pack, &row.answers))))
}


pub struct Kit {
    store: Store,
    /// The language of the rule texts in every view (the desktop app's interface language).
    lang: Language,
    /// Where the store lives: nothing is ever written over it (`--out`).
    data_dir: PathBuf,
}

impl Kit {
    /// Opens the store, repairing what an interrupted attach or export left behind. Files
    /// removed more than ten minutes ago are purged: undo is offered only right after removal.
    pub fn open(data_dir: &Path) -> Result<Kit> {
        Kit::open_with(data_dir, None)
    }

    /// `open`, with the keys of the store's passphrase if it has one (`Kit::unlock`); without
    /// them a store with a passphrase is `StoreError::Locked` and nothing is written.
    pub fn open_with(data_dir: &Path, vault: Option<Arc<Vault>>) -> Result<Kit> {
        let mut store = Store::open_dir_with(data_dir, vault)?;
        let window = time::OffsetDateTime::now_utc() - time::Duration::minutes(10);
        let before = window.replace_nanosecond(0).ok().and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok()).unwrap_or_default();
        store.repair(&before)?;
        output::clean_stale(data_dir);
        Ok(Kit { store, lang: Language::En, data_dir: data_dir.to_path_buf() })
    }

    /// Opens the store only to read it (case list, show, status): nothing is written, so it
    /// works on a full disk. Changes through this kit fail.
    pub fn open_read_only(data_dir: &Path) -> Result<Kit> {
        Kit::open_read_only_with(data_dir, None)
    }

    /// `open_read_only`, with the keys of the store's passphrase if it has one.
    pub fn open_read_only_with(data_dir: &Path, vault: Option<Arc<Vault>>) -> Result<Kit> {
        Ok(Kit { store: Store::open_read_only_with(data_dir, vault)?, lang: Language::En, data_dir: data_dir.to_path_buf() })
    }

    /// The keys of the store in `data_dir`, unwrapped with its passphrase (Argon2id: a
    /// fraction of a second). A wrong passphrase is `StoreError::Locked`; nothing is written.
    pub fn unlock(data_dir: &Path, passphrase: &Passphrase) -> Result<Arc<Vault>> {
        Ok(Arc::new(Vault::unlock(data_dir, passphrase)?))
    }

    /// Puts a passphrase on the store in `data_dir`: the database and every stored file are
    /// rewritten encrypted, crash-safely. The store must not be open elsewhere.
    pub fn encrypt_store(data_dir: &Path, passphrase: &Passphrase) -> Result<()> {
        Ok(store::encrypt(data_dir, passphrase)?)
    }

    /// Takes the passphrase off the store in `data_dir`, rewriting it plain, crash-safely.
    pub fn decrypt_store(data_dir: &Path, passphrase: &Passphrase) -> Result<()> {
        Ok(store::decrypt(data_dir, Kit::unlock(data_dir, passphrase)?)?)
    }

    /// `decrypt_store` with the keys already unlocked (`Kit::unlock`), so a caller can check
    /// the passphrase while the store is still open, then close it and decrypt.
    pub fn decrypt_store_with(data_dir: &Path, vault: Arc<Vault>) -> Result<()> {
        Ok(store::decrypt(data_dir, vault)?)
    }

    /// Wraps the store's key under a new passphrase; no file is rewritten.
    pub fn change_passphrase(data_dir: &Path, old: &Passphrase, new: &Passphrase) -> Result<()> {
        Ok(store::change_passphrase(data_dir, old, new)?)
    }

    /// Sets the language of the rule texts (questions, items, notes, advice, deadlines) in
    /// every view from now on.
    pub fn set_language(&mut self, lang: Language) {
        self.lang = lang;
    }

    pub fn language(&self) -> Language {
        self.lang
    }
}
