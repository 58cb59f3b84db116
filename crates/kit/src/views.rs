//! What the case list and the case screen show, built from a stored case.

use rules::{Answers, Checklist, QuestionView, Status};
use serde::Serialize;
use serde_json::Value;
use store::CaseRow;
use ts_rs::TS;

use crate::{AppealView, Deadline, ItemState, Kit, KitError, Language, Materials, Profile, Result, appeal, attachments, case_pack, letters::letter_items, profile};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AppealStatus {
    Preparing,
    Submitted,
    Approved,
    Rejected,
}

impl AppealStatus {
    /// The id the case store and the command line use.
    pub fn as_str(self) -> &'static str {
        match self {
            AppealStatus::Preparing => "preparing",
            AppealStatus::Submitted => "submitted",
            AppealStatus::Approved => "approved",
            AppealStatus::Rejected => "rejected",
        }
    }
}

impl std::str::FromStr for AppealStatus {
    type Err = rules::UnknownId;
    fn from_str(s: &str) -> std::result::Result<AppealStatus, rules::UnknownId> {
        [AppealStatus::Preparing, AppealStatus::Submitted, AppealStatus::Approved, AppealStatus::Rejected]
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| rules::UnknownId { kind: "an appeal status", value: s.to_string() })
    }
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
    /// Approved cases (of all, not only this page) still holding documents they no longer
    /// need: the list offers to erase them (`Kit::erase_documents`).
    pub approved_with_documents: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct EventView {
    pub at: String,
    pub kind: store::EventKind,
    #[ts(type = "unknown")]
    pub detail: Value,
}

/// A profile field the form shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ProfileFieldView {
    pub id: String,
    /// Typed over several lines (a text area).
    pub multiline: bool,
}

/// Everything the case screen shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseView {
    pub summary: CaseSummary,
    #[ts(type = "Record<string, boolean | string | string[]>")]
    pub answers: Value,
    pub profile: Profile,
    /// The profile fields that fit this account (individual or enterprise, …), in form order.
    pub profile_fields: Vec<ProfileFieldView>,
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

/// A stored case's two statuses, typed; a value this version does not know is damage, not a
/// default.
pub(crate) fn stored_statuses(row: &CaseRow) -> Result<(Status, AppealStatus)> {
    let corrupt = |e: rules::UnknownId| KitError::from(store::StoreError::Corrupt(format!("case {}: {e}", row.id)));
    Ok((row.checklist_status.parse().map_err(corrupt)?, row.appeal_status.parse().map_err(corrupt)?))
}

fn summary(row: &CaseRow, lang: Language, materials: Materials) -> Result<CaseSummary> {
    let (checklist_status, status) = stored_statuses(row)?;
    let next_deadline = appeal::view(&row.provider, status, &row.appeal, appeal::today(), lang)?.deadlines.into_iter().min_by(|a, b| a.date.cmp(&b.date));
    Ok(CaseSummary {
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
    })
}

impl Kit {
    /// Summaries of listed cases, with their materials read in one go.
    pub(crate) fn summaries(&self, rows: &[CaseRow]) -> Result<Vec<CaseSummary>> {
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let facts = self.store.material_facts(&ids)?;
        let materials = crate::materials::for_rows(self, rows, &facts)?;
        let mut tags = self.store.tags_of(&ids)?;
        rows.iter().zip(materials).map(|(row, m)| Ok(CaseSummary { tags: tags.remove(&row.id).unwrap_or_default(), ..summary(row, self.lang, m)? })).collect()
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
        let recognised = self.recognise(&row, &checklist, &letters, &rows)?;
        let items = attachments::item_states(pack, self.lang, &checklist, &rows, &attachments::generated_letters(&events), &row.info, &recognised)?;
        let materials = Materials::from_states(&checklist, &items);
        let tags = self.store.tags_of(&[row.id.as_str()])?.remove(&row.id).unwrap_or_default();
        let mut view = CaseView {
            summary: CaseSummary { tags, ..summary(&row, self.lang, materials)? },
            answers: answers.to_json(),
            profile_fields: {
                let profile = Profile::from_json(&row.profile);
                profile::fields_for(pack, &answers, &profile).into_iter().map(|f| ProfileFieldView { id: f.to_string(), multiline: profile::multiline(f) }).collect()
            },
            profile: Profile::from_json(&row.profile),
            questions: rules::interview_in(pack, &answers, self.lang),
            checklist,
            letters,
            ticket_text: None,
            items,
            info: row.info.clone(),
            appeal: appeal::view(&row.provider, stored_statuses(&row)?.1, &row.appeal, appeal::today(), self.lang)?,
            events,
            rules_update,
        };
        // The pack says which text the provider's form takes, and fills it from the profile.
        view.ticket_text = rules::ticket_text(pack, &answers, &view.checklist, &row.profile, self.lang);
        Ok(view)
    }
}
