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
 * What to do instead.
 */
advice: Array<Note>, source: Source, };

export type Note = { text: string, source?: Source, guidance?: boolean, };

export type Language = "en" | "zh";

export type ChangeKind = "status_changed" | "item_added" | "item_removed" | "requirement_changed" | "notes_changed";

export type Change = { kind: ChangeKind, 
/**
 * The item concerned (none for a status change).
 */
item: string | null, 
/**
 * The item's title (in the newer version when it has one), or the new status.
 */
title: string, 
/**
 * What it was and what it becomes: requirement or status ids, or the notes' texts.
 */
before: Array<string>, after: Array<string>, };

export type RulesUpdate = { from: string, to: string, changes: Array<Change>, };

export type Item = { id: string, kind: ItemKind, requirement: Requirement, title: string, why: string, notes: Array<Note>, source: Source, 
/**
 * What to hide in the picture before sending it, when the source asks for it.
 */
hide?: string, };

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
guidance: Array<Note>, submission: Submission, };

export type QuestionOption = { value: string, label: string, };

export type QuestionView = { id: string, type: QuestionType, label: string, help: string, optional: boolean, options: Array<QuestionOption>, source: Source, answer: boolean | string | string[] | null, };

export type Profile = { account_name: string | null, holder_name: string | null, holder_id_number: string | null, uscc: string | null, legal_representative: string | null, agent_name: string | null, agent_id_number: string | null, contact_phone: string | null, contact_email: string | null, new_secure_phone: string | null, new_company_name: string | null, new_company_uscc: string | null, reason: string | null, };

export type ProviderInfo = { id: string, name: string, rules_version: string, source_title: string, };

export type AppealStatus = "preparing" | "submitted" | "approved" | "rejected";

export type Deadline = { id: string, 
/**
 * `YYYY-MM-DD`.
 */
date: string, 
/**
 * Days from today (negative: passed).
 */
days_left: number, 
/**
 * The user must act by then (as opposed to waiting for the provider).
 */
act: boolean, text: string, source: Source, 
/**
 * How the date was counted, when it is less certain than the text says (working days in
 * a year whose public holidays Appeal Kit does not know yet).
 */
note: string | null, };

export type AppealView = { status: AppealStatus, ticket: string | null, submitted_on: string | null, decided_on: string | null, deadlines: Array<Deadline>, };

export type Materials = { 
/**
 * Required items the user attaches or types (steps done outside the app are not counted).
 */
required: number, provided: number, 
/**
 * Items of any requirement with something there that is not right yet.
 */
attention: number, };

export type CaseSummary = { id: string, provider: string, provider_name: string, title: string, checklist_status: Status, appeal_status: AppealStatus, rules_version: string, created_at: string, updated_at: string, 
/**
 * The materials' progress, apart from the checklist's status (which only says the
 * questions are answered).
 */
materials: Materials, 
/**
 * The checklist is `ready`, every required item is provided and none needs attention.
 */
ready_to_export: boolean, 
/**
 * The nearest date the appeal waits for or the user must act by, if any.
 */
next_deadline: Deadline | null, 
/**
 * The admin's labels on the case, sorted.
 */
tags: Array<string>, };

export type CasePage = { cases: Array<CaseSummary>, total: number, 
/**
 * Approved cases (of all, not only this page) still holding documents they no longer
 * need: the list offers to erase them (`Kit::erase_documents`).
 */
approved_with_documents: number, };

export type EventKind = "created" | "duplicated" | "imported" | "sheet_imported" | "answered" | "profile" | "info" | "renamed" | "deleted" | "restored" | "tagged" | "untagged" | "attached" | "removed" | "replaced" | "restored_file" | "moved" | "fixed" | "discarded_original" | "dismissed_check" | "letter" | "exported" | "submitted" | "approved" | "rejected" | "documents_erased";

export type EventView = { at: string, kind: EventKind, detail: unknown, };

export type ProfileFieldView = { id: string, 
/**
 * Typed over several lines (a text area).
 */
multiline: boolean, };

export type CaseView = { summary: CaseSummary, answers: Record<string, boolean | string | string[]>, profile: Profile, 
/**
 * The profile fields that fit this account (individual or enterprise, …), in form order.
 */
profile_fields: Array<ProfileFieldView>, questions: Array<QuestionView>, checklist: Checklist, 
/**
 * Items on the checklist that Appeal Kit can prefill as a letter.
 */
letters: Array<string>, 
/**
 * Prefilled text for the provider's ticket or appeal form, where the case has one.
 */
ticket_text: string | null, 
/**
 * Each checklist item's files or values, and whether it is done.
 */
items: Array<ItemState>, 
/**
 * Values typed for information items, keyed by item id.
 */
info: Record<string, Record<string, string>>, appeal: AppealView, events: Array<EventView>, 
/**
 * A newer version of the provider's rules than the one this case was answered under, and
 * what moving to it would change for these answers (`accept_rules_update` moves it).
 */
rules_update: RulesUpdate | null, };

export type LetterPreview = { title: string, 
/**
 * The page as a PNG data URL.
 */
image: string, page: number, pages: number, 
/**
 * Profile fields the letter needs that are still empty.
 */
missing_fields: Array<string>, };

export type Rect = { x: number, y: number, w: number, h: number, };

export type Corner = { x: number, y: number, };

export type CheckId = "blurry" | "too_small" | "too_dark" | "overexposed" | "cut_off" | "tilted" | "no_seal" | "letter_other_case" | "letter_outdated";

export type CheckView = { id: CheckId, message: string, };

export type Fix = { "op": "rotate", quarter_turns: number, } | { "op": "crop", rect: Rect, } | { "op": "redact", rects: Array<Rect>, } | { "op": "straighten", corners: [Corner, Corner, Corner, Corner], };

export type Check = "text" | "phone" | "email" | "resident_id";

export type InfoField = { id: string, 
/**
 * What to type, in the kit's language.
 */
label: string, required: boolean, check: Check, 
/**
 * The profile field whose value fills this one in until the user types another.
 */
from_profile: string | null, multiline: boolean, };

export type ItemStatus = "missing" | "provided" | "needs_attention" | "not_applicable";

export type LetterMatch = { case: string, item: string, 
/**
 * The first letter page in the file, from 1.
 */
page: number, pages: number, 
/**
 * False when what the letter was filled from has changed since it was printed.
 */
current: boolean, };

export type AttachmentView = { id: string, item: string, name: string, 
/**
 * Of the current version (fixed, else original).
 */
media_type: string, bytes: number, width: number, height: number, pages: number, 
/**
 * GPS coordinates were found in the original; they never leave the app.
 */
has_location: boolean, fixes: Array<Fix>, 
/**
 * Parts of the picture are hidden: by a fix here, or before it was exported to a bundle.
 */
redacted: boolean, 
/**
 * The original is still kept beside the fixed version.
 */
has_original: boolean, 
/**
 * The stored file was found missing at start-up.
 */
missing: boolean, 
/**
 * The unsigned letter Appeal Kit generated, not a scan of it signed or sealed.
 */
generated_letter: boolean, 
/**
 * Upright preview as a data URL.
 */
thumbnail: string, 
/**
 * What the checks found that may get the file rejected (dismissed ones left out).
 */
checks: Array<CheckView>, 
/**
 * Where straightening would take the document's corners from (a `tilted` finding).
 */
suggested_corners: [Corner, Corner, Corner, Corner] | null, 
/**
 * A scan recognised as one of Appeal Kit's letters, by the code on its pages.
 */
letter?: LetterMatch, };

export type ItemState = { item: string, status: ItemStatus, files: Array<AttachmentView>, attention: Array<string>, 
/**
 * For an information item, the fields to type.
 */
fields: Array<InfoField>, 
/**
 * Files attach to this item (see [`attachable`]).
 */
attachable: boolean, };

export type AttachmentPage = { image: string, page: number, pages: number, };

export type Refused = { name: string, 
/**
 * In the process's message language (`crate::error::set_language`).
 */
reason: string, };

export type AttachProgress = { done: number, total: number, name: string, };

export type AttachResult = { case: CaseView, refused: Array<Refused>, };

export type Gap = { 
/**
 * The item, or `None` when the checklist itself is not complete.
 */
item: string | null, title: string, reason: string, };

export type ExportReport = { path: string, files: number, bytes: number, complete: boolean, missing: Array<Gap>, };

export type Lang = "en" | "zh" | "bilingual";

export type ErrorKind = "validation" | "not_found" | "conflict" | "io" | "pdf" | "zip" | "image" | "internal" | "locked";

export type ErrorInfo = { kind: ErrorKind, message: string, field: string | null, };

export type StoreState = { encrypted: boolean, unlocked: boolean, 
/**
 * Shortest passphrase accepted for a new one.
 */
min_passphrase_chars: number, };

export type TagCount = { tag: string, cases: number, };

export type FirstScreen = { state: StoreState, tags: Array<TagCount> | null, page: CasePage | null, };

export type TagStats = { tag: string, cases: number, 
/**
 * Cases with a date coming or items needing attention.
 */
due: number, 
/**
 * Cases with items needing attention.
 */
attention: number, 
/**
 * Cases ready to export.
 */
ready: number, };

export type Dashboard = { due: Array<CaseSummary>, tags: Array<TagStats>, 
/**
 * All cases, tagged or not.
 */
total: TagStats, };

export type Problem = { 
/**
 * The spreadsheet's row number: 1 is the header.
 */
row: number, 
/**
 * The column's name in the header, or its letter when it has none.
 */
column: string, 
/**
 * The column's position, from 0.
 */
index: number, 
/**
 * In the process's message language (`crate::error::set_language`).
 */
reason: string, };

export type PlannedCase = { row: number, provider: string, title: string, tags: Array<string>, 
/**
 * The questions' status these answers give.
 */
checklist_status: Status, };

export type SheetRow = { row: number, cells: Array<string>, };

export type ImportPlan = { 
/**
 * The file's name, for the timeline.
 */
file: string, 
/**
 * The header as written.
 */
columns: Array<string>, 
/**
 * Every row that holds anything, as text, with its row number (for a preview).
 */
rows: Array<SheetRow>, cases: Array<PlannedCase>, problems: Array<Problem>, };

export type Imported = { row: number, case: string, };

export type PrintedLetter = { case: string, item: string, 
/**
 * Its first page in the merged PDF, from 1.
 */
first_page: number, pages: number, };

export type MissingFields = { case: string, title: string, fields: Array<string>, };

export type LettersReport = { file: string, pages: number, letters: Array<PrintedLetter>, 
/**
 * Cases whose letters print with blanks.
 */
missing: Array<MissingFields>, 
/**
 * Chosen cases that need no letter (none on their checklist yet).
 */
without_letters: Array<string>, };

export type ExportedCase = { case: string, title: string, path: string, complete: boolean, };

export type SkippedCase = { case: string, title: string, 
/**
 * What the case still lacks.
 */
reason: string, };

export type BatchExportReport = { exported: Array<ExportedCase>, skipped: Array<SkippedCase>, };

export type BatchProgress = { done: number, total: number, case: string, title: string, };

export type PlacedPage = { file: string, 
/**
 * The page in the file, from 1 (1 for a photo).
 */
page: number, case: string, item: string, };

export type UnplacedPage = { file: string, 
/**
 * The page in the file, from 1; 0 when the file could not be read at all.
 */
page: number, reason: string, };

export type ScanReport = { placed: Array<PlacedPage>, unplaced: Array<UnplacedPage>, };
