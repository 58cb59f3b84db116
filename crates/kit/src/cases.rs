//! Cases: creating, reading, listing, answering, renaming, duplicating, trashing.

use rules::Answers;
use serde_json::{Value, json};
use store::{EventKind, NewCase};

use crate::views::{CasePage, CaseSummary, CaseView};
use crate::{Kit, KitError, Profile, Result, case_pack, text};

pub(crate) fn clean_title(title: &str) -> Result<String> {
    let title = text::one_line("title", title, text::MAX_LINE)?;
    if title.is_empty() {
        return Err(KitError::field("title", crate::tr!("a case needs a title, e.g. the account name", "案件需要一个标题，例如账号名")));
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


impl Kit {
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
            checklist_status: status.as_str(),
        })?;
        self.view(row)
    }

    pub fn case(&self, id: &str) -> Result<CaseView> {
        self.view(self.store.get(id)?)
    }

    pub fn list_cases(&self, query: &str) -> Result<Vec<CaseSummary>> {
        self.summaries(&self.store.list(query, None)?.0)
    }

    /// The first `limit` matching cases, and how many match: the case list shows a page and
    /// offers more, so it stays instant with thousands of cases.
    pub fn case_page(&self, query: &str, limit: usize) -> Result<CasePage> {
        let (rows, total) = self.store.list(query, Some(limit))?;
        Ok(CasePage { cases: self.summaries(&rows)?, total: total as u32, approved_with_documents: self.approved_with_documents()? })
    }

    /// Merges answers into the case (`null` clears one). Nothing is written if any is bad. The
    /// case stays on the rules version it is on. The merge happens inside the write
    /// transaction, so concurrent writers lose nothing.
    pub fn answer(&mut self, id: &str, answers: &Value) -> Result<CaseView> {
        let row = self.store.update(id, EventKind::Answered, |row| {
            let pack = case_pack(row)?;
            let merged = Answers::kept(pack, &row.answers).merged(pack, answers)?;
            let status = rules::evaluate(pack, &merged).status;
            let merged = merged.to_json();
            // The timeline keeps what changed, normalised, never the raw input.
            let detail: serde_json::Map<String, Value> =
                answers.as_object().into_iter().flatten().map(|(k, _)| (k.clone(), merged.get(k).cloned().unwrap_or(Value::Null))).collect();
            let change = store::CaseUpdate::Answers { answers: merged, rules_version: pack.version.clone(), checklist_status: status.as_str().into() };
            Ok::<_, KitError>((change, Value::Object(detail)))
        })?;
        self.view(row)
    }

    /// Merges profile fields (checked; an empty value clears one) inside the write transaction.
    pub fn set_profile(&mut self, id: &str, values: &Value) -> Result<CaseView> {
        let row = self.store.update(id, EventKind::Profile, |row| {
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

    /// Erases a case for good, now, deleted or not (CONTRACTS.md section 10, `case erase`): its
    /// record, timeline and documents. In a store with a passphrase its key is destroyed, so no
    /// copy of its documents can be read again. Returns how many stored files went.
    pub fn erase(&mut self, id: &str) -> Result<usize> {
        Ok(self.store.erase(id)?)
    }

    pub fn restore(&mut self, id: &str) -> Result<CaseView> {
        let row = self.store.restore(id)?;
        self.view(row)
    }

    /// Moves the case to the current version of its provider's rules, after its user has
    /// seen what changes (`CaseView::rules_update`).
    pub fn accept_rules_update(&mut self, id: &str) -> Result<CaseView> {
        let row = self.store.update(id, EventKind::Answered, |row| {
            let (from, to) = (case_pack(row)?, rules::pack(&row.provider)?);
            if from.version == to.version {
                return Err(KitError::field("rules", crate::tr!("the case already follows the current rules ({})", "该案件已在使用当前规则（{}）", to.version)));
            }
            let status = rules::evaluate(to, &Answers::kept(to, &row.answers)).status;
            let detail = json!({ "rules": { "from": from.version, "to": to.version } });
            let change = store::CaseUpdate::Answers { answers: row.answers.clone(), rules_version: to.version.clone(), checklist_status: status.as_str().into() };
            Ok((change, detail))
        })?;
        self.view(row)
    }
}
