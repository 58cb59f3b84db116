//! The two languages Appeal Kit speaks, and a text a user reads in both.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The language of rule text (CONTRACTS.md section 9). Ids, statuses and source quotes never
/// change with it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    En,
    Zh,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}`; use en or zh")]
pub struct UnknownLanguage(pub String);

impl std::str::FromStr for Language {
    type Err = UnknownLanguage;
    fn from_str(s: &str) -> Result<Language, UnknownLanguage> {
        match s.trim() {
            "en" => Ok(Language::En),
            "zh" => Ok(Language::Zh),
            other => Err(UnknownLanguage(other.to_string())),
        }
    }
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Zh];

    /// The language a locale asks for: `LC_ALL` wins over `LANG` when set; `zh*` gives
    /// Chinese, anything else English. The caller reads the environment (this crate does no I/O).
    pub fn from_locale(lc_all: Option<&str>, lang: Option<&str>) -> Language {
        let locale = lc_all.filter(|v| !v.is_empty()).or(lang).unwrap_or("");
        if locale.starts_with("zh") { Language::Zh } else { Language::En }
    }

    pub fn id(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Zh => "zh",
        }
    }
}

/// A text the user reads, in every language Appeal Kit speaks. The loader refuses a pack where
/// either is missing or empty.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text { en: en.into(), zh: zh.into() }
    }

    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.en,
            Language::Zh => &self.zh,
        }
    }
}

/// An id that names nothing of its kind: a stored or typed status, appeal status or event
/// kind that this version does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not {kind}")]
pub struct UnknownId {
    /// What it should have named, with its article: "a checklist status".
    pub kind: &'static str,
    pub value: String,
}
