// Generated from the Rust types by crates/kit/src/bindings.rs; do not edit.
// Regenerate with `make bindings`.

export type Source = { section: string, quote: string, };

export type ItemKind = "document" | "information" | "letter" | "step";

export type Requirement = "required" | "as_needed";

export type SubmissionMethod = "service_ticket" | "online_appeal";

export type QuestionType = "bool" | "choice" | "multi";

export type Status = "incomplete" | "blocked" | "not_covered" | "ready";

export type RulesRef = { pack: string, version: string, source: string, };

export type Submission = { method: SubmissionMethod, };

export type Finding = { id: string, message: string, 
/**
 * What to do instead, each with its own source.
 */
advice: Array<Guidance>, source: Source, };

export type Guidance = { text: string, source: Source, };

export type Item = { id: string, kind: ItemKind, requirement: Requirement, title: string, why: string, notes: Array<string>, source: Source, 
/**
 * Sources of notes that come from another section than `source`.
 */
note_sources: Array<Source>, };

export type Checklist = { provider: string, rules: RulesRef, status: Status, missing_answers: Array<string>, 
/**
 * Unanswered questions that would refine notes or advice but never decide the status.
 */
optional_answers: Array<string>, blockers: Array<Finding>, 
/**
 * Why the result is `not_covered`.
 */
gaps: Array<Finding>, 
/**
 * The items known so far: complete when `ready`, partial when `incomplete`, empty otherwise.
 */
items: Array<Item>, 
/**
 * Facts about the whole appeal: how to submit, timelines, what approval changes (none
 * when blocked: the blockers say what to do instead).
 */
guidance: Array<Guidance>, submission: Submission, };

export type QuestionOption = { value: string, label: string, };

export type QuestionView = { id: string, type: QuestionType, label: string, help: string, optional: boolean, options: Array<QuestionOption>, source: Source, answer: boolean | string | string[] | null, };

export type Profile = { account_name: string | null, holder_name: string | null, holder_id_number: string | null, uscc: string | null, legal_representative: string | null, agent_name: string | null, agent_id_number: string | null, contact_phone: string | null, contact_email: string | null, new_secure_phone: string | null, new_company_name: string | null, new_company_uscc: string | null, reason: string | null, };

export type ProviderInfo = { id: string, name: string, rules_version: string, source_title: string, };

export type AppealStatus = "preparing" | "submitted" | "approved" | "rejected";

export type CaseSummary = { id: string, provider: string, provider_name: string, title: string, checklist_status: Status, appeal_status: AppealStatus, rules_version: string, created_at: string, updated_at: string, };

export type CasePage = { cases: Array<CaseSummary>, total: number, };

export type EventView = { at: string, kind: string, detail: unknown, };

export type CaseView = { summary: CaseSummary, answers: Record<string, boolean | string | string[]>, profile: Profile, questions: Array<QuestionView>, checklist: Checklist, 
/**
 * Items on the checklist that Appeal Kit can prefill as a letter.
 */
letters: Array<string>, 
/**
 * Prefilled text for the provider's ticket or appeal form, where the case has one.
 */
ticket_text: string | null, events: Array<EventView>, };

export type LetterPreview = { title: string, 
/**
 * The page as a PNG data URL.
 */
image: string, page: number, pages: number, 
/**
 * Profile fields the letter needs that are still empty.
 */
missing_fields: Array<string>, };

export type Lang = "en" | "zh" | "bilingual";

export type ErrorKind = "validation" | "not_found" | "conflict" | "io" | "internal";

export type ErrorInfo = { kind: ErrorKind, message: string, field: string | null, };
