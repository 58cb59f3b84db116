//! The rules of Appeal Kit: provider rule packs (data, embedded), the interview, checklist
//! evaluation and identifier validators. Pure: no I/O.

pub mod answers;
pub mod checklist;
pub mod cond;
pub mod identifiers;
pub mod pack;

use std::sync::LazyLock;

pub use answers::{Answer, AnswerError, Answers};
pub use checklist::{Checklist, Finding, Guidance, Item, QuestionView, Status, evaluate, interview};
pub use pack::{ItemKind, Pack, PackError, Requirement, Source};

/// (pack id, pack file, source document) for every provider Appeal Kit knows.
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

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    #[error("unknown provider `{0}`; known providers: huawei-cloud, alibaba-cloud")]
    UnknownProvider(String),
    /// Only reachable with a broken build: the pack tests load every embedded pack.
    #[error("{0}")]
    BrokenPack(String),
}

/// The ids of every provider, in the order they are offered.
pub fn providers() -> Vec<&'static str> {
    EMBEDDED.iter().map(|(name, ..)| *name).collect()
}

/// The embedded pack for a provider.
pub fn pack(provider: &str) -> Result<&'static Pack, RulesError> {
    let pos = EMBEDDED.iter().position(|(name, ..)| *name == provider).ok_or_else(|| RulesError::UnknownProvider(provider.into()))?;
    PACKS[pos].as_ref().map_err(|e| RulesError::BrokenPack(e.to_string()))
}
