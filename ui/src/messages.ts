// Every piece of text the UI shows itself, in one place: English here, Simplified Chinese in
// messages.zh.ts. Rule texts (questions, items, notes) come from the rule packs through the
// engine, in the interface language (`api.setLanguage`); source quotes stay verbatim.
import { zh } from "./messages.zh";

const en = {
  appName: "Appeal Kit",
  tagline: "Get back into a locked cloud account",
  newCase: "New case",
  searchCases: "Search cases",
  searchPlaceholder: "Search by title, account, holder or id",
  noCases: "No cases yet",
  noCasesHelp: "A case gathers everything for one locked account: the questions, the checklist, and the materials.",
  noMatches: "No case matches “{query}”.",
  showing: "Showing {n} of {total} cases. Search to narrow them down, or",
  showMore: "show more",
  colTitle: "Case",
  colProvider: "Provider",
  colAppeal: "Appeal",
  colUpdated: "Last change",
  open: "Open",
  duplicate: "Duplicate",
  delete: "Delete",
  cancel: "Cancel",
  create: "Create case",
  undo: "Undo",
  close: "Close",
  back: "All cases",
  provider: "Provider",
  caseTitle: "Title",
  caseTitleHelp: "Something you will recognise, such as the account name.",
  deleteTitle: "Delete “{title}”?",
  deleteBody: "The case moves to the trash. You can undo this right after.",
  deleted: "Deleted “{title}”.",
  duplicated: "Created “{title}”.",
  status_incomplete: "Questions left",
  status_ready: "Questions answered",
  status_blocked: "Cannot succeed",
  status_not_covered: "Not covered",
  appeal_preparing: "Preparing",
  appeal_submitted: "Submitted",
  appeal_approved: "Approved",
  appeal_rejected: "Rejected",
  tabQuestions: "Questions",
  tabProfile: "Profile",
  tabTimeline: "Timeline",
  optional: "Optional",
  yes: "Yes",
  no: "No",
  whyAsked: "Why we ask",
  checklist: "Checklist",
  checklistReady: "All questions answered",
  checklistIncomplete: "{n, plural, one {# question} other {# questions}} left; the list grows as you answer",
  checklistBlocked: "An appeal cannot succeed",
  checklistNotCovered: "The provider's document does not cover this",
  checklistEmpty: "Answer the first question to see what you will need.",
  group_document: "Documents to attach",
  group_letter: "Letters to print, seal or sign",
  group_information: "Information to type",
  group_step: "Steps during or after the appeal",
  required: "Required",
  as_needed: "As needed",
  source: "Source",
  ourAdvice: "Appeal Kit's advice",
  rulesUpdate: "Newer rules",
  rulesUpdateFromTo: "The provider's rules changed ({from} → {to}). This case still follows the version it was answered under. Moving to the newer one changes:",
  rulesUpdateNothing: "Nothing, for this case's answers.",
  rulesUpdateAccept: "Use the newer rules",
  change_status_changed: "Checklist status: {before} → {after}",
  change_item_added: "New: {title}",
  change_item_removed: "No longer needed: {title}",
  change_requirement_changed: "Requirement changed: {title}",
  change_notes_changed: "Notes changed: {title}.",
  ourAdviceHelp: "Appeal Kit's own advice: the provider's document does not say this.",
  guidance: "How to submit and what happens next",
  submitBy_service_ticket: "Submit by service ticket",
  submitBy_online_appeal: "Submit as an online appeal",
  rules: "Rules: {source} ({version})",
  blockedHeading: "Why this appeal cannot succeed",
  notCoveredHeading: "What the provider's document does not say",
  whatInstead: "What to do instead",
  refine: "Answer these to refine the advice:",
  profileIntro: "Facts about the account and the people involved, typed once and used in every letter. Each is checked as you leave the field.",
  saved: "Saved",
  rename: "Rename",
  save: "Save",
  f_account_name: "Account name, ID or username",
  f_holder_name: "Verified holder (person or enterprise)",
  f_holder_id_number: "Holder's ID number",
  f_uscc: "Unified Social Credit Code",
  f_legal_representative: "Legal representative",
  f_agent_name: "Authorized person (operator)",
  f_agent_id_number: "Operator's ID number",
  f_contact_phone: "Contact phone",
  f_contact_email: "Contact email",
  f_new_secure_phone: "New secure phone number",
  f_new_company_name: "New company's name",
  f_new_company_uscc: "New company's Unified Social Credit Code",
  f_reason: "What happened, in your words",
  ev_created: "Case created",
  ev_answered: "Answers changed",
  ev_profile: "Profile updated",
  ev_renamed: "Renamed",
  ev_deleted: "Moved to trash",
  ev_restored: "Restored",
  ev_letter: "Letter saved",
  ev_submitted: "Appeal submitted",
  ev_approved: "Appeal approved",
  ev_rejected: "Appeal rejected",
  prepareLetter: "Prepare letter",
  ticketText: "Text for the ticket or appeal form",
  copy: "Copy",
  letterLanguage: "Language",
  lang_en: "English",
  lang_zh: "中文",
  lang_bilingual: "English + 中文",
  page: "Page {page} of {pages}",
  previousPage: "Previous page",
  nextPage: "Next page",
  saveAsPdf: "Save as PDF…",
  letterMissing: "Still empty in the profile; printed as blanks to fill in by hand:",
  fillProfile: "Fill in the profile",
  letterSaved: "Saved {path}",
  letterNext: "Next: print it, seal or sign it as the notes under the item say, scan or photograph it, and attach the scan to this item.",
  letterPreviewAlt: "Preview of {title}, page {page}",
  attachFiles: "Attach files…",
  orDrop: "or drop scans and photos here",
  dropOnItem: "Drop files on a checklist item that takes documents.",
  choosing: "Choosing files…",
  checkingFile: "Checking {n} of {total}: {name}",
  storing: "Storing…",
  attachedToast: "Attached. This item now has {n, plural, one {# file} other {# files}}.",
  refused: "Nothing was attached. Leave out or fix these files and try again: {files}",
  attachedN: "Attached ({n})",
  filled: "Filled in",
  missing: "Missing",
  needsAttention: "Needs attention",
  outsideApp: "Done outside the app",
  openFile: "Open {name}",
  previewOf: "Preview of {name}",
  locationFound: "Location found",
  fixed: "Fixed",
  unsigned: "Unsigned letter",
  fileMissing: "File missing",
  fixTools: "Fix the picture",
  viewerKeys: "Picture: arrow keys turn pages, + and − zoom",
  rotateLeft: "Rotate left",
  rotateRight: "Rotate right",
  crop: "Crop",
  hide: "Hide parts",
  undoFix: "Undo last fix",
  zoomIn: "Actual size",
  zoomFit: "Fit to window",
  cropHelp: "Drag a rectangle around the part to keep.",
  hideHelp: "Drag boxes over what must not be sent. Each box becomes solid black in the picture itself.",
  boxesBurnt: "Drag boxes over them; each becomes solid black in the picture itself.",
  applyCrop: "Crop",
  applyHide: "Hide {n, plural, one {# area} other {# areas}}",
  locationNote: "This photo records where it was taken. The location is never sent: previews and exported files carry no location or other metadata.",
  originalKept: "The original is kept beside the fixed version until you discard it.",
  moveTo: "Item",
  earlier: "Move earlier",
  later: "Move later",
  replace: "Replace…",
  discardOriginal: "Keep only the fixed version",
  remove: "Remove",
  removedFile: "Removed {name}.",
  ev_attached: "Files attached",
  ev_removed: "File removed",
  ev_replaced: "File replaced",
  ev_restored_file: "File restored",
  ev_moved: "File moved",
  ev_fixed: "File fixed",
  ev_discarded_original: "Original discarded",
  ev_dismissed_check: "Warning dismissed",
  letterRecognised: "{title}, page {page} of {pages}, {whose}",
  letterThisCase: "this case",
  letterOtherCase: "case {id}",
  mayBeRejected: "May be rejected",
  moreChecks: "+{n} more",
  checksHeading: "The reviewer may reject this file:",
  straighten: "Straighten",
  straightenHelp: "Drag the four corners onto the document's corners. It becomes an upright rectangle in its true proportions; undo brings the photo back.",
  applyStraighten: "Straighten",
  dismiss: "Dismiss",
  dismissTitle: "Keep the file as it is and stop warning about this",
  exportFlagged: "{n, plural, one {# file may be rejected} other {# files may be rejected}}: review",
  review: "Review",
  ev_info: "Information saved",
  exportBundle: "Export bundle…",
  exportTitle: "Export the ready-to-submit bundle",
  exportReady: "Every required item is provided. The bundle holds the files, a cover sheet and the ticket text; photos leave upright, without location or other metadata.",
  exportMissing: "Not ready to send yet:",
  goTo: "Show",
  exportAnyway: "Export anyway; the bundle will list what is missing",
  exportButton: "Export…",
  exporting: "Exporting…",
  exportingN: "Writing {n} of {total} files…",
  exportedTo: "Saved {path}",
  exportedComplete: "{n, plural, one {# file} other {# files}}, ready to submit.",
  exportedIncomplete: "Incomplete: its cover sheet and manifest list what is missing.",
  showInFolder: "Show in folder",
  openBundle: "Open bundle…",
  imported: "Opened the bundle as “{title}”.",
  tabAppeal: "Appeal",
  appealNow_preparing: "Not submitted yet. Once you have submitted, record the ticket or query number here.",
  appealNow_submitted: "Submitted on {submitted}, ticket {ticket}. Waiting for the result.",
  appealNow_approved: "Approved on {decided} (ticket {ticket}).",
  appealNow_rejected: "Rejected on {decided} (ticket {ticket}).",
  actBy: "Act by {date}",
  expectBy: "Result expected by {date}",
  inDays: "in {n, plural, one {# day} other {# days}}",
  todayWord: "today",
  daysAgo: "{n, plural, one {# day} other {# days}} ago",
  noTimeline: "The provider's document states no time limit for this appeal.",
  onDate: "Date",
  dateInvalid: "Write the date as year-month-day, e.g. {example}.",
  ticketNumber: "Ticket or query number",
  ticketPlaceholder: "As sent by the provider",
  recordSubmitted: "Record submission",
  recordResubmitted: "Record resubmission",
  recordApproved: "Approved",
  recordRejected: "Rejected",
  ev_exported: "Bundle exported",
  ev_imported: "Opened from a bundle",
  errorTitle: "Something went wrong",
  loading: "Loading…",
  otherLanguage: "中文",
  nextStep: "Next:",
  emptyStep1: "Answer a few questions about the account: Appeal Kit works out what the provider asks for, and why.",
  emptyStep2: "Attach the scans and photos, and print, sign and scan the letters it prefills.",
  emptyStep3: "Export one bundle, ready to hand to the provider.",
  checklistEmptyMore: "Answer the remaining questions to see what you will need.",
  colQuestions: "Questions",
  colMaterials: "Materials",
  materialsProvided: "{provided} of {required} provided",
  materialsAttention: "{n, plural, one {# needs attention} other {# need attention}}",
  materialsNone: "Nothing to attach yet",
  readyToExport: "Ready to export",
  exportNeedsAllow: "Export is off until the case is complete, or until you tick “Export anyway”.",
  applyHideNone: "Draw a box to hide",
  ev_duplicated: "Created as a copy",
  eventDetail: "{what}: {detail}",
  itemDetail: "{item}: {detail}",
  listSeparator: ", ",
  showFolderFailed: "Could not open the folder ({reason}). The bundle is at {path}.",
  ev_sheet_imported: "Created from a spreadsheet",
  ev_tagged: "Tags added",
  ev_untagged: "Tags removed",
  scanLetters: "File letter scans…",
  scanLettersHint: "Scans or photos of sealed letters: each page goes to its case's letter by the code printed on it. You can also drop them on the list.",
  scanning: "Reading the letter codes…",
  scanTitle: "Letter scans filed",
  scanSummary: "{n, plural, one {# page} other {# pages}} filed to {cases, plural, one {# case} other {# cases}}.",
  scanPage: "{file}, page {page}",
  scanUnplaced: "{n, plural, one {# page was} other {# pages were}} not filed:",
  importSheet: "Import spreadsheet…",
  importTitle: "Import cases from a spreadsheet",
  importHelp: "One case per row: provider, title, tags (separated by ;), answers and profile fields. Every row is checked first; nothing is imported while any cell is wrong.",
  downloadTemplate: "Download template",
  templateSaved: "Saved the template to {path}",
  chooseSheet: "Choose CSV or XLSX…",
  sheetRows: "{n, plural, one {# case} other {# cases}} in {file}",
  sheetProblemAt: "row {row}, column {column}: {reason}",
  sheetProblems: "{n, plural, one {# problem: fix it} other {# problems: fix them}} in the spreadsheet and choose it again. Nothing is imported until every cell is right.",
  sheetRow: "Row",
  importN: "Import {n, plural, one {# case} other {# cases}}",
  importedN: "Imported {n, plural, one {# case} other {# cases}}.",
  allTags: "All tags",
  filterTag: "Filter by tag",
  selectCase: "Select {title}",
  selectAll: "Select all shown",
  selectedN: "{n, plural, one {# case selected} other {# cases selected}}",
  printLetters: "Print letters…",
  exportSelected: "Export…",
  addTag: "Add tag…",
  clearSelection: "Clear",
  tagTitle: "Add a tag to {n, plural, one {# case} other {# cases}}",
  tagLabel: "Tag",
  tagHelp: "A short label such as a subsidiary, client or month.",
  tagged: "Tagged {n, plural, one {# case} other {# cases}} “{tag}”.",
  lettersSaved: "Saved {letters, plural, one {# letter} other {# letters}} ({pages, plural, one {# page} other {# pages}}) to {path}",
  lettersBlanks: "Printed with blanks to fill in by hand: {cases}",
  exportCasesTitle: "Export {n, plural, one {# bundle} other {# bundles}}",
  exportCasesHelp: "One bundle per case goes into the folder you choose, named from its title; no file there is replaced.",
  exportCasesAnyway: "Export incomplete cases too; their bundles list what is missing",
  exportingCase: "Written {n} of {total}: {title}",
  exportedCases: "Exported {n, plural, one {# bundle} other {# bundles}}.",
  skippedCases: "Skipped, not ready to send: {cases}",
  dashboard: "What's due",
  allCases: "All cases",
  dashboardTitle: "What needs doing, nearest date first",
  dashboardEmpty: "Nothing is due: no appeal is waiting for a date and no item needs attention.",
  tagCounts: "By tag",
  tagStats: "{cases, plural, one {# case} other {# cases}} · {due} due · {attention} need attention · {ready} ready",
  untaggedAll: "All cases",
  itemsNeedAttention: "Items need attention",
  colTags: "Tags",
  removeTagAction: "Remove tag…",
  untagTitle: "Remove a tag from {n, plural, one {# case} other {# cases}}",
  untagged: "Removed the tag “{tag}” from {n, plural, one {# case} other {# cases}}.",
  // The locked store (issue 17).
  unlockTitle: "The case store is locked",
  unlockHelp: "Type the passphrase to open your cases.",
  passphrase: "Passphrase",
  unlockAction: "Unlock",
  unlocking: "Unlocking…",
  wrongPassphrase: "That passphrase is not the right one. Check it and try again.",
  unlockForgotten: "A forgotten passphrase cannot be recovered, by anyone.",
  lockAction: "Lock",
  lockHint: "Lock now: close the cases and forget the key (Ctrl+L)",
  idleLock: "Lock when idle",
  idleMinutes: "{n, plural, one {after # minute} other {after # minutes}}",
  lockedIdle: "Locked after {n, plural, one {# minute} other {# minutes}} without use.",
  protectTitle: "Protect the cases with a passphrase",
  protectHelp: "With a passphrase, the cases and their documents are stored encrypted, so nobody who copies the data folder, a backup or a stolen laptop's disk can read them; if you forget it, it cannot be recovered and the cases cannot be opened again.",
  setPassphrase: "Set a passphrase…",
  newPassphrase: "New passphrase",
  confirmPassphrase: "Type it again",
  passphraseTooShort: "Use at least {n} characters.",
  passphrasesDiffer: "The two passphrases differ.",
  encryptAction: "Encrypt the cases",
  encrypting: "Encrypting the cases…",
  encryptedDone: "The cases are encrypted. Appeal Kit asks for the passphrase when it starts and after it locks.",
  passphraseSettings: "Passphrase…",
  passphraseSettingsHint: "Change or remove the passphrase",
  passphraseSettingsTitle: "The passphrase",
  currentPassphrase: "Current passphrase",
  changePassphraseAction: "Change the passphrase",
  removePassphraseAction: "Remove the passphrase",
  removePassphraseHelp: "Without a passphrase the cases and their documents are stored unencrypted again: anyone who copies the data folder, a backup or this computer's disk can read them.",
  needCurrentPassphrase: "Type the current passphrase.",
  wrongCurrentPassphrase: "The current passphrase is not the right one. Nothing was changed.",
  changingPassphrase: "Changing the passphrase…",
  decrypting: "Decrypting the cases…",
  passphraseChanged: "The passphrase is changed. Use the new one from now on.",
  passphraseRemoved: "The passphrase is removed: the cases are stored unencrypted.",
  eraseDocumentsTitle: "Erase the documents",
  eraseDocumentsHelp: "The appeal is approved, so its ID cards, licenses and other documents are no longer needed. Erase them for good and keep the record: status, dates and ticket.",
  eraseDocumentsAction: "Erase the documents…",
  eraseDocumentsConfirm: "Erase {n, plural, one {the # document} other {the # documents}} of “{title}” for good? This cannot be undone. The record stays.",
  eraseDocumentsDone: "The documents are erased; the record is kept.",
  holdingDocuments: "{n, plural, one {# approved case still holds documents it no longer needs} other {# approved cases still hold documents they no longer need}}: open one and erase them under Appeal.",
  ev_documents_erased: "Documents erased after approval",
};

export type MessageKey = keyof typeof en;
export type UiLanguage = "en" | "zh";

const STORAGE_KEY = "appeal-kit.language";

/** The language chosen before, else the system's: Chinese for zh-*, English otherwise. */
function detect(): UiLanguage {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === "en" || saved === "zh") return saved;
  return globalThis.navigator?.language?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

let current: UiLanguage = detect();

export function uiLanguage(): UiLanguage {
  return current;
}

/** Switches and remembers the language; the caller re-renders. */
export function setUiLanguage(lang: UiLanguage) {
  current = lang;
  globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
}

/** The interface language as a BCP 47 tag, for Intl formatting. */
export function locale(): string {
  return current === "zh" ? "zh-CN" : "en";
}

/** Chooses `{n, plural, one {…} other {…}}` by the language's plural rules; `#` is the number. */
function plurals(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+), plural,((?:\s*\w+ \{[^{}]*\})+)\s*\}/g, (_, name: string, forms: string) => {
    const n = Number(params[name] ?? 0);
    const options = Object.fromEntries([...forms.matchAll(/(\w+) \{([^{}]*)\}/g)].map((m) => [m[1], m[2]]));
    const form = options[pluralRules().select(n)] ?? options.other ?? "";
    return form.replace(/#/g, String(n));
  });
}

/** Made once per language, like the date formatters below: a list asks for one per row. */
const rules = new Map<string, Intl.PluralRules>();
function pluralRules(): Intl.PluralRules {
  let r = rules.get(locale());
  if (!r) rules.set(locale(), (r = new Intl.PluralRules(locale())));
  return r;
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const catalogue: Record<MessageKey, string> = current === "zh" ? zh : en;
  return plurals(catalogue[key], params).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
}

/** A moment (RFC 3339) as the interface language writes dates and times. */
export function formatDateTime(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : formatter("datetime").format(d);
}

/** Intl formatters are slow to make: one per language and style, kept (a list shows hundreds). */
const formatters = new Map<string, Intl.DateTimeFormat>();
const STYLES: Record<string, Intl.DateTimeFormatOptions> = {
  datetime: { dateStyle: "medium", timeStyle: "short" },
  date: { dateStyle: "medium" },
  time: { timeStyle: "short" },
  day: { dateStyle: "medium", timeZone: "UTC" },
};
function formatter(style: keyof typeof STYLES): Intl.DateTimeFormat {
  const key = `${locale()} ${style}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale(), STYLES[style])));
  return f;
}

/** Makes the case list's formatters ahead of it (see ipc/early): the first Intl formatter
 * takes some 15 ms in the webview's JavaScript engine. */
export function prepareListFormatters() {
  for (const style of ["date", "time", "datetime"]) formatter(style);
}

/** A moment's day and time apart, for a narrow column: ["Nov 23, 2026", "9:48 PM"]. */
export function formatDateAndTime(at: string): [string, string] {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return [at, ""];
  return [formatter("date").format(d), formatter("time").format(d)];
}

/** A calendar day (YYYY-MM-DD) as the interface language writes it. */
export function formatDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : formatter("day").format(d);
}

/** A message looked up by a key built at run time (statuses, kinds); falls back to the key. */
export function tk(key: string, params: Record<string, string | number> = {}): string {
  return key in en ? t(key as MessageKey, params) : key;
}
