//! The one service API of Appeal Kit. The desktop app and the `appeal-kit` command line both
//! call it, so every rule about cases (check first, then write; log what happened) lives here.

pub mod appeal;
pub mod attachments;
pub mod batch;
pub mod bundle;
pub mod checks;
pub mod due;
pub mod bindings;
pub mod error;
pub mod info;
pub mod interactive;
pub mod materials;
mod output;
pub mod letter_scans;
pub mod profile;
mod redaction;
pub mod text;
pub mod render;
pub mod tags;
pub mod workdays;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rules::{Answers, Checklist, QuestionView, Status};
use serde::Serialize;
use serde_json::{Value, json};
use store::{CaseRow, NewCase, Store};
use ts_rs::TS;

pub use appeal::{AppealView, Deadline};
pub use bundle::{CheckedBundle, ExportJob, ExportReport, Gap, check_bundle};
pub use attachments::{AttachProgress, AttachResult, AttachmentPage, AttachmentView, ItemState, ItemStatus, PageSource, Refused, prepare};
pub use documents::Lang;
/// PDF pages are drawn in a worker process; each program's `main` calls `serve_if_worker` first.
pub use documents::pdf_worker;
pub use documents::fixes::{Fix, Rect};
pub use error::{ErrorInfo, ErrorKind, KitError, Result};
pub use materials::Materials;
pub use profile::Profile;
/// The language of rule texts (en, zh), as opposed to a letter's [`Lang`] (which adds bilingual).
pub use rules::Language;
/// The locked store: a passphrase, the keys it unlocks, and whether a store has one.
pub use store::{LockReason, Passphrase, StoreError, Vault, is_locked};
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AppealStatus {
    Preparing,
    Submitted,
    Approved,
    Rejected,
}

/// A case as the case list shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseSummary {
    pub id: String,
    pub provider: String,
    pub provider_name: String,
    pub title: String,
    pub checklist_status: Status,
    pub appeal_status: AppealStatus,
    pub rules_version: String,
    pub created_at: String,
    pub updated_at: String,
    /// The materials' progress, apart from the checklist's status (which only says the
    /// questions are answered).
    pub materials: Materials,
    /// The checklist is `ready`, every required item is provided and none needs attention.
    pub ready_to_export: bool,
    /// The nearest date the appeal waits for or the user must act by, if any.
    pub next_deadline: Option<Deadline>,
    /// The admin's labels on the case, sorted.
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CasePage {
    pub cases: Vec<CaseSummary>,
    pub total: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct EventView {
    pub at: String,
    pub kind: String,
    #[ts(type = "unknown")]
    pub detail: Value,
}

/// Everything the case screen shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseView {
    pub summary: CaseSummary,
    #[ts(type = "Record<string, boolean | string | string[]>")]
    pub answers: Value,
    pub profile: Profile,
    /// The profile fields that fit this account (individual or enterprise, …), in form order.
    pub profile_fields: Vec<String>,
    pub questions: Vec<QuestionView>,
    pub checklist: Checklist,
    /// Items on the checklist that Appeal Kit can prefill as a letter.
    pub letters: Vec<String>,
    /// Prefilled text for the provider's ticket or appeal form, where the case has one.
    pub ticket_text: Option<String>,
    /// Each checklist item's files or values, and whether it is done.
    pub items: Vec<ItemState>,
    /// Values typed for information items, keyed by item id.
    #[ts(type = "Record<string, Record<string, string>>")]
    pub info: Value,
    pub appeal: AppealView,
    pub events: Vec<EventView>,
    /// A newer version of the provider's rules than the one this case was answered under, and
    /// what moving to it would change for these answers (`accept_rules_update` moves it).
    pub rules_update: Option<rules::RulesUpdate>,
}

/// A page of a letter as it will print, for the preview.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LetterPreview {
    pub title: String,
    /// The page as a PNG data URL.
    pub image: String,
    pub page: u32,
    pub pages: u32,
    /// Profile fields the letter needs that are still empty.
    pub missing_fields: Vec<String>,
}

/// A rendered letter.
pub struct LetterPdf {
    pub title: String,
    pub pdf: Vec<u8>,
    pub missing_fields: Vec<String>,
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
            source_title: p.source.title.clone(),
        })
        .collect()
}

/// The checklist for answers given directly (no case), its texts in `lang`.
pub fn checklist(provider: &str, answers: &Value, lang: Language) -> Result<Checklist> {
    let pack = rules::pack(provider)?;
    Ok(rules::evaluate_in(pack, &Answers::from_json(pack, answers)?, lang))
}

pub(crate) fn status_id(s: Status) -> &'static str {
    match s {
        Status::Incomplete => "incomplete",
        Status::Blocked => "blocked",
        Status::NotCovered => "not_covered",
        Status::Ready => "ready",
    }
}

fn parse_status(s: &str) -> Status {
    match s {
        "blocked" => Status::Blocked,
        "not_covered" => Status::NotCovered,
        "ready" => Status::Ready,
        _ => Status::Incomplete,
    }
}

pub(crate) fn parse_appeal_status(s: &str) -> AppealStatus {
    match s {
        "submitted" => AppealStatus::Submitted,
        "approved" => AppealStatus::Approved,
        "rejected" => AppealStatus::Rejected,
        _ => AppealStatus::Preparing,
    }
}

fn summary(row: &CaseRow, lang: Language, materials: Materials) -> CaseSummary {
    let status = parse_appeal_status(&row.appeal_status);
    let checklist_status = parse_status(&row.checklist_status);
    let next_deadline = appeal::view(&row.provider, status, &row.appeal, appeal::today(), lang).deadlines.into_iter().min_by(|a, b| a.date.cmp(&b.date));
    CaseSummary {
        next_deadline,
        id: row.id.clone(),
        provider: row.provider.clone(),
        provider_name: rules::pack(&row.provider).map(|p| p.provider_name.get(lang).to_string()).unwrap_or_else(|_| row.provider.clone()),
        title: row.title.clone(),
        checklist_status,
        materials,
        ready_to_export: materials.ready_to_export(checklist_status),
        appeal_status: status,
        rules_version: row.rules_version.clone(),
        created_at: row.created_at.clone(),
        updated_at: row.updated_at.clone(),
        tags: Vec::new(),
    }
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

pub(crate) fn clean_title(title: &str) -> Result<String> {
    let title = text::one_line("title", title, text::MAX_LINE)?;
    if title.is_empty() {
        return Err(KitError::field("title", "a case needs a title, e.g. the account name"));
    }
    Ok(title)
}

/// Documents that prove who the holder is, not what one account did: a duplicate for another
/// account of the same holder keeps them. Transaction records, payment proofs and letters
/// (which name the account) are not copied.
const HOLDER_DOCUMENTS: &[&str] = &[
    "real_name_certificate",
    "card_holder_certificate",
    "bank_account_enterprise_certificate",
    "business_license",
    "id_card_front_back",
    "name_change_certificate",
    "new_company_business_license",
    "deregistration_certificate",
    "new_legal_rep_id_card",
    "partner_authorization_and_certificate",
];

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

    pub fn create_case(&mut self, provider: &str, title: &str, answers: Option<&Value>) -> Result<CaseView> {
        self.create_case_with(provider, title, answers, None)
    }

    /// A new case with answers and profile fields given at once; all are checked before
    /// anything is written.
    pub fn create_case_with(&mut self, provider: &str, title: &str, answers: Option<&Value>, profile: Option<&Value>) -> Result<CaseView> {
        let pack = rules::pack(provider)?;
        let title = clean_title(title)?;
        let answers = Answers::from_json(pack, answers.unwrap_or(&json!({})))?;
        let profile = Profile::default().merged(profile.unwrap_or(&json!({})))?;
        let status = rules::evaluate(pack, &answers).status;
        let row = self.store.create_case(NewCase {
            provider,
            title: &title,
            answers: &answers.to_json(),
            profile: &serde_json::to_value(&profile).unwrap_or_default(),
            rules_version: &pack.version,
            checklist_status: status_id(status),
        })?;
        self.view(row)
    }

    pub fn case(&self, id: &str) -> Result<CaseView> {
        self.view(self.store.get(id)?)
    }

    pub fn list_cases(&self, query: &str) -> Result<Vec<CaseSummary>> {
        self.summaries(&self.store.list(query, None)?.0)
    }

    /// Summaries of listed cases, with their materials read in one go.
    pub(crate) fn summaries(&self, rows: &[CaseRow]) -> Result<Vec<CaseSummary>> {
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let facts = self.store.material_facts(&ids)?;
        let materials = materials::for_rows(self, rows, &facts);
        let mut tags = self.store.tags_of(&ids)?;
        Ok(rows.iter().zip(materials).map(|(row, m)| CaseSummary { tags: tags.remove(&row.id).unwrap_or_default(), ..summary(row, self.lang, m) }).collect())
    }

    /// The first `limit` matching cases, and how many match: the case list shows a page and
    /// offers more, so it stays instant with thousands of cases.
    pub fn case_page(&self, query: &str, limit: usize) -> Result<CasePage> {
        let (rows, total) = self.store.list(query, Some(limit))?;
        Ok(CasePage { cases: self.summaries(&rows)?, total: total as u32 })
    }

    /// Merges answers into the case (`null` clears one). Nothing is written if any is bad. The
    /// case stays on the rules version it is on. The merge happens inside the write
    /// transaction, so concurrent writers lose nothing.
    pub fn answer(&mut self, id: &str, answers: &Value) -> Result<CaseView> {
        let row = self.store.update(id, "answered", |row| {
            let pack = case_pack(row)?;
            let merged = Answers::kept(pack, &row.answers).merged(pack, answers)?;
            let status = rules::evaluate(pack, &merged).status;
            let merged = merged.to_json();
            // The timeline keeps what changed, normalised, never the raw input.
            let detail: serde_json::Map<String, Value> =
                answers.as_object().into_iter().flatten().map(|(k, _)| (k.clone(), merged.get(k).cloned().unwrap_or(Value::Null))).collect();
            let change = store::CaseUpdate::Answers { answers: merged, rules_version: pack.version.clone(), checklist_status: status_id(status).into() };
            Ok::<_, KitError>((change, Value::Object(detail)))
        })?;
        self.view(row)
    }

    /// Merges profile fields (checked; an empty value clears one) inside the write transaction.
    pub fn set_profile(&mut self, id: &str, values: &Value) -> Result<CaseView> {
        let row = self.store.update(id, "profile", |row| {
            let profile = Profile::from_json(&row.profile).merged(values)?;
            let fields: Vec<&String> = values.as_object().map(|m| m.keys().collect()).unwrap_or_default();
            Ok::<_, KitError>((store::CaseUpdate::Profile(serde_json::to_value(&profile).unwrap_or_default()), json!({ "fields": fields })))
        })?;
        self.view(row)
    }

    pub fn rename(&mut self, id: &str, title: &str) -> Result<CaseView> {
        let title = clean_title(title)?;
        let row = self.store.rename(id, &title)?;
        self.view(row)
    }

    /// A new case for a similar account: the same provider, answers and profile (but the
    /// account name, which is the other account's), and the documents about the holder rather
    /// than the account (licenses, certificates, ID cards), which the copy shares.
    pub fn duplicate(&mut self, id: &str) -> Result<CaseView> {
        let row = self.store.get(id)?;
        let title: String = format!("{} (copy)", row.title).chars().take(200).collect();
        let mut profile = row.profile.clone();
        if let Some(p) = profile.as_object_mut() {
            p.insert("account_name".into(), Value::Null);
        }
        let new = self.store.duplicate_case(
            NewCase {
                provider: &row.provider,
                title: &title,
                answers: &row.answers,
                profile: &profile,
                rules_version: &row.rules_version,
                checklist_status: &row.checklist_status,
            },
            id,
            HOLDER_DOCUMENTS,
        )?;
        self.view(new)
    }

    /// Moves the case to the trash; `restore` undoes it.
    pub fn delete(&mut self, id: &str) -> Result<()> {
        Ok(self.store.delete(id)?)
    }

    pub fn restore(&mut self, id: &str) -> Result<CaseView> {
        let row = self.store.restore(id)?;
        self.view(row)
    }

    /// Moves the case to the current version of its provider's rules, after its user has
    /// seen what changes (`CaseView::rules_update`).
    pub fn accept_rules_update(&mut self, id: &str) -> Result<CaseView> {
        let row = self.store.update(id, "answered", |row| {
            let (from, to) = (case_pack(row)?, rules::pack(&row.provider)?);
            if from.version == to.version {
                return Err(KitError::field("rules", format!("the case already follows the current rules ({})", to.version)));
            }
            let status = rules::evaluate(to, &Answers::kept(to, &row.answers)).status;
            let detail = json!({ "rules": { "from": from.version, "to": to.version } });
            let change = store::CaseUpdate::Answers { answers: row.answers.clone(), rules_version: to.version.clone(), checklist_status: status_id(status).into() };
            Ok((change, detail))
        })?;
        self.view(row)
    }

    pub(crate) fn view(&self, row: CaseRow) -> Result<CaseView> {
        let pack = case_pack(&row)?;
        // Stored answers were checked when written; a pack update may retire a value, which
        // then shows as unanswered rather than failing the whole case.
        let answers = Answers::kept(pack, &row.answers);
        let current = rules::pack(&row.provider)?;
        let rules_update = (current.version != pack.version).then(|| rules::changes(pack, current, &row.answers, self.lang));
        let events: Vec<EventView> = self
            .store
            .events(&row.id)?
            .into_iter()
            .map(|e| EventView { at: e.at, kind: e.kind, detail: e.detail })
            .collect();
        let checklist = rules::evaluate_in(pack, &answers, self.lang);
        let rows = self.store.attachments(&row.id)?;
        let letters = letter_items(pack, &checklist);
        let recognised = self.recognise(&row, &checklist, &letters, &rows);
        let items = attachments::item_states(pack, self.lang, &checklist, &rows, &attachments::generated_letters(&events), &row.info, &recognised);
        let materials = Materials::from_states(&checklist, &items);
        let tags = self.store.tags_of(&[row.id.as_str()])?.remove(&row.id).unwrap_or_default();
        let mut view = CaseView {
            summary: CaseSummary { tags, ..summary(&row, self.lang, materials) },
            answers: answers.to_json(),
            profile_fields: {
                let profile = Profile::from_json(&row.profile);
                profile::fields_for(pack, &answers, &profile).into_iter().map(String::from).collect()
            },
            profile: Profile::from_json(&row.profile),
            questions: rules::interview_in(pack, &answers, self.lang),
            checklist,
            letters,
            ticket_text: None,
            items,
            info: row.info.clone(),
            appeal: appeal::view(&row.provider, parse_appeal_status(&row.appeal_status), &row.appeal, appeal::today(), self.lang),
            events,
            rules_update,
        };
        // The pack says which text the provider's form takes, and fills it from the profile.
        view.ticket_text = rules::ticket_text(pack, &answers, &view.checklist, &row.profile, self.lang);
        Ok(view)
    }

    /// A prefilled letter for a letter item on the case's checklist, as PDF, with the profile
    /// fields it still lacks (printed as blanks to fill in by hand).
    pub fn letter(&self, id: &str, item: &str, lang: Lang) -> Result<LetterPdf> {
        let row = self.store.get(id)?;
        let view = self.view(row.clone())?;
        if !view.checklist.items.iter().any(|i| i.id == item) {
            let on = if view.letters.is_empty() { "none".into() } else { view.letters.join(", ") };
            return Err(KitError::field("item", format!("`{item}` is not a letter on this case's checklist; letters here: {on}")));
        }
        let date = time::OffsetDateTime::now_utc().date().to_string();
        let letter = fill_letter(&row, item, &date, lang)?
            .ok_or_else(|| KitError::field("item", format!("Appeal Kit cannot prefill `{item}`; attach the provider's document instead")))?;
        // Every page carries the letter's code, so a scan of it finds its way back (issue 15).
        let mark = documents::letter_code::Mark { case: row.id.clone(), item: item.to_string(), version: letter_version(&row, item)?.unwrap_or_default() };
        let pdf = documents::render_marked(&letter, Some(&mark)).map_err(|e| KitError::Io { what: "letter".into(), source: std::io::Error::other(e.to_string()) })?;
        Ok(LetterPdf { title: letter.title, pdf, missing_fields: letter.missing_fields })
    }

    /// Page `page` (from 1) of a letter, drawn from the PDF that would be saved.
    pub fn letter_preview(&self, id: &str, item: &str, lang: Lang, page: u32) -> Result<LetterPreview> {
        let letter = self.letter(id, item, lang)?;
        let (png, pages) = documents::preview::page_png(&letter.pdf, page.saturating_sub(1) as usize, 1.5)
            .map_err(|e| KitError::field("page", e.to_string()))?;
        Ok(LetterPreview {
            title: letter.title,
            image: attachments::data_url(&png),
            page: page.max(1),
            pages: pages as u32,
            missing_fields: letter.missing_fields,
        })
    }

    /// Writes a letter to `out` (temporary file, then rename: never half a PDF; an existing
    /// file is replaced only with `force`, the store's own never) and notes it in the timeline.
    pub fn save_letter(&mut self, id: &str, item: &str, lang: Lang, out: &Path, force: bool) -> Result<LetterPdf> {
        output::target(&self.data_dir, out, force)?;
        let letter = self.letter(id, item, lang)?;
        output::write_file(&self.data_dir, out, force, |f| std::io::Write::write_all(f, &letter.pdf))?;
        // The hash tells this unsigned letter from a signed scan if it is attached back.
        let sha256 = store::files::sha256_hex(&letter.pdf);
        self.store.log_event(id, "letter", &json!({ "item": item, "file": out.display().to_string(), "sha256": sha256 }))?;
        Ok(letter)
    }

    /// Saves values for an information item on the case's checklist (merged; `null` clears),
    /// reading and merging inside the write transaction.
    pub fn set_info(&mut self, id: &str, item: &str, values: &Value) -> Result<CaseView> {
        let row = self.store.update(id, "info", |row| {
            let pack = case_pack(row)?;
            let checklist = rules::evaluate(pack, &Answers::kept(pack, &row.answers));
            if !checklist.items.iter().any(|i| i.id == item) {
                return Err(KitError::field("item", format!("`{item}` is not on this case's checklist")));
            }
            let merged = info::merged(pack, item, row.info.get(item), values)?;
            let mut all = row.info.as_object().cloned().unwrap_or_default();
            all.insert(item.to_string(), merged);
            let fields: Vec<&String> = values.as_object().map(|m| m.keys().collect()).unwrap_or_default();
            Ok((store::CaseUpdate::Info(Value::Object(all)), json!({ "item": item, "fields": fields })))
        })?;
        self.view(row)
    }

    /// Fills the store with `n` cases (for the case-list benchmark).
    pub fn seed(&mut self, n: usize) -> Result<usize> {
        let answers = json!({"customer_type": "direct", "real_name_verified": true, "account_type": "enterprise", "card_added": false});
        let titles: Vec<(String, Value)> =
            (0..n).map(|i| (format!("Account {i:05}"), json!({ "account_name": format!("ops-{i:05}") }))).collect();
        Ok(self.store.create_many(titles.iter().map(|(title, profile)| NewCase {
            provider: "huawei-cloud",
            title,
            answers: &answers,
            profile,
            rules_version: "2026-01-23",
            checklist_status: "ready",
        }))?)
    }
}

/// The letter for `item`, filled from the case: those written in Rust first, then those a pack
/// describes as data. `None` when Appeal Kit has no letter for the item.
pub(crate) fn fill_letter(row: &CaseRow, item: &str, date: &str, lang: Lang) -> Result<Option<documents::Letter>> {
    let pack = case_pack(row)?;
    let answers = Answers::kept(pack, &row.answers);
    // The letter's contents are the pack's; the documents crate fills and lays them out.
    let facts = documents::Facts { pack, answers: &answers, profile: &row.profile, date };
    Ok(documents::letter(item, &facts, lang))
}

/// The version a letter of `item` printed now would carry (see `documents::letter_code`): a hash
/// of its contents in both languages, without the date, so it changes when the answers, the
/// profile values it uses or the pack's wording change, and only then.
pub(crate) fn letter_version(row: &CaseRow, item: &str) -> Result<Option<String>> {
    Ok(fill_letter(row, item, "", Lang::Bilingual)?.map(|l| documents::letter_code::version(&l)))
}

/// The items on a checklist that Appeal Kit can prefill as a letter.
pub(crate) fn letter_items(pack: &rules::Pack, checklist: &Checklist) -> Vec<String> {
    checklist.items.iter().map(|i| i.id.clone()).filter(|i| documents::letter_items(pack).contains(&i.as_str())).collect()
}
