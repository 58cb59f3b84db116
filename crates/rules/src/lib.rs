//! The rules of Appeal Kit: provider rule packs (data, embedded), the interview, checklist
//! evaluation and identifier validators. Pure: no I/O.

pub mod answers;
pub mod checklist;
pub mod cond;
pub mod diff;
pub mod identifiers;
mod language;
pub mod pack;
pub mod template;
mod validate;

use std::sync::{LazyLock, RwLock};

pub use answers::{Answer, AnswerError, Answers};
pub use diff::{Change, ChangeKind, RulesUpdate, changes};
pub use checklist::{Checklist, Finding, Item, Note, QuestionView, Status, evaluate, evaluate_in, holds, interview, interview_in, profile_fields, ticket_text};
pub use language::UnknownId;
pub use pack::{ItemKind, Language, Pack, PackError, Requirement, Source, Text};

/// (pack id, pack file, source document) for every pack Appeal Kit carries. A provider may have
/// several versions (oldest first): a case stays on the version it was answered under until its
/// user accepts the newer one. The last version of a provider is its current one.
const EMBEDDED: &[(&str, &str, &str)] = &[
    (
        "huawei-cloud",
        include_str!("../packs/huawei-cloud.toml"),
        include_str!("../sources/huawei-cloud-restore-huawei-id-materials.txt"),
    ),
    (
        "alibaba-cloud",
        include_str!("../packs/alibaba-cloud.toml"),
        include_str!("../sources/alibaba-cloud-account-appeal.txt"),
    ),
];

static PACKS: LazyLock<Vec<Result<Pack, PackError>>> =
    LazyLock::new(|| EMBEDDED.iter().map(|(name, pack, source)| Pack::parse(name, pack, source)).collect());

/// Packs added at run time (`install`): test packs, and packs that do not ship in the binary.
static INSTALLED: RwLock<Vec<&'static Pack>> = RwLock::new(Vec::new());

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    #[error("unknown provider `{}`; known providers: {}", .0, providers().join(", "))]
    UnknownProvider(String),
    /// Only reachable with a broken build: the pack tests load every embedded pack.
    #[error("{0}")]
    BrokenPack(String),
}

/// Every loaded pack, embedded first, in the order they were added.
fn all() -> Vec<Result<&'static Pack, RulesError>> {
    let mut out: Vec<Result<&'static Pack, RulesError>> =
        PACKS.iter().map(|p| p.as_ref().map_err(|e| RulesError::BrokenPack(e.to_string()))).collect();
    out.extend(INSTALLED.read().map(|l| l.clone()).unwrap_or_default().into_iter().map(Ok));
    out
}

/// The ids of every provider, in the order they are offered.
pub fn providers() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = EMBEDDED.iter().map(|(name, ..)| *name).collect();
    for p in INSTALLED.read().map(|l| l.clone()).unwrap_or_default() {
        if !out.contains(&p.pack.as_str()) {
            out.push(p.pack.as_str());
        }
    }
    out
}

/// The current pack for a provider: its last version.
pub fn pack(provider: &str) -> Result<&'static Pack, RulesError> {
    let mut found = None;
    for (n, p) in all().into_iter().enumerate() {
        let id = EMBEDDED.get(n).map(|(name, ..)| *name);
        match p {
            Ok(p) if p.pack == provider => found = Some(Ok(p)),
            Err(e) if id == Some(provider) => found = Some(Err(e)),
            _ => {}
        }
    }
    found.unwrap_or_else(|| Err(RulesError::UnknownProvider(provider.into())))
}

/// A provider's pack at a given version, if Appeal Kit still carries it.
pub fn pack_at(provider: &str, version: &str) -> Option<&'static Pack> {
    all().into_iter().flatten().find(|p| p.pack == provider && p.version == version)
}

/// Adds a pack (checked as the embedded ones are) for the rest of the process. A newer version
/// of a known provider becomes its current pack; cases on the older one stay there until
/// their users accept the change.
pub fn install(name: &str, toml_text: &str, source_text: &str) -> Result<&'static Pack, PackError> {
    let pack = Pack::parse(name, toml_text, source_text)?;
    if pack_at(&pack.pack, &pack.version).is_some() {
        return Err(PackError::Invalid { pack: name.into(), problem: format!("version {} is already loaded", pack.version) });
    }
    let pack: &'static Pack = Box::leak(Box::new(pack));
    INSTALLED.write().map_err(|_| PackError::Invalid { pack: name.into(), problem: "the pack list is unavailable".into() })?.push(pack);
    Ok(pack)
}
