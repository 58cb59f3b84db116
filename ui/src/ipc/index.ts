// The only module that talks to the Rust side. Every call is typed with the generated
// bindings, and every failure arrives as an IpcError with the kind and the field it concerns.
import { Channel, invoke } from "@tauri-apps/api/core";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import type { Commands } from "./commands";
import type { AppealStatus, AttachProgress, BatchProgress, CheckId, ErrorInfo, Fix, Lang, Language } from "./bindings";

export type * from "./bindings";

export class IpcError extends Error {
  readonly kind: ErrorInfo["kind"];
  readonly field: string | null;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.kind = info.kind;
    this.field = info.field;
  }
}

/** Sent on `window` when a call finds the case store locked: the app shows its unlock screen. */
export const LOCKED_EVENT = "appeal-kit:locked";

type Args<C extends keyof Commands> = Commands[C]["args"];
type Reply<C extends keyof Commands> = Commands[C]["returns"];

/** Calls a desktop command; its name, argument names and types and its reply are checked
 * against the Rust functions (commands.ts is generated from them). */
async function call<C extends keyof Commands>(command: C, ...args: Record<string, never> extends Args<C> ? [] : [Args<C>]): Promise<Reply<C>> {
  try {
    return await invoke<Reply<C>>(command, args[0]);
  } catch (e) {
    if (e && typeof e === "object" && "kind" in e && "message" in e) {
      const error = new IpcError(e as ErrorInfo);
      // A wrong passphrase (field "passphrase") is the unlock screen's own business.
      if (error.kind === "locked" && error.field === null) window.dispatchEvent(new Event(LOCKED_EVENT));
      throw error;
    }
    throw new IpcError({ kind: "internal", message: String(e), field: null });
  }
}

/** Files dragged over or dropped on the window, at a position in CSS pixels. */
export type FileDrop = { type: "over" | "drop" | "leave"; paths: string[]; x: number; y: number };

function progressChannel(onProgress: (p: AttachProgress) => void) {
  const channel = new Channel<AttachProgress>();
  channel.onmessage = onProgress;
  return channel;
}

export const api = {
  /** Whether the store has a passphrase, and whether it is unlocked. */
  storeState: () => call("store_state"),
  /** Opens the locked store (Argon2id: about half a second); a wrong passphrase is kind "locked", field "passphrase". */
  unlock: (passphrase: string) => call("unlock", { passphrase }),
  /** Closes the store and drops its keys from memory. */
  lock: () => call("lock"),
  /** Encrypts the store under a new passphrase (it cannot be recovered if forgotten) and opens it. */
  setPassphrase: (passphrase: string) => call("set_passphrase", { passphrase }),
  /** Wraps the store's key under a new passphrase; a wrong current one is kind "locked", field "passphrase". */
  changePassphrase: (current: string, next: string) => call("change_passphrase", { current, new: next }),
  /** Takes the passphrase off: the store is rewritten unencrypted; the current one is required. */
  removePassphrase: (current: string) => call("remove_passphrase", { current }),
  providers: () => call("providers"),
  /** The language of the rule texts in every view from now on (the interface language). */
  setLanguage: (lang: Language) => call("set_language", { lang }),
  /** The first screen in one call: sets the language, and answers the store's state with, when it
   * is open, its tags and first `limit` cases (see ipc/early). */
  firstScreen: (lang: Language, limit: number) => call("first_screen", { lang, limit }),
  listCases: (query: string, limit: number) => call("list_cases", { query, limit }),
  getCase: (id: string) => call("get_case", { id }),
  createCase: (provider: string, title: string) => call("create_case", { provider, title }),
  answer: (id: string, answers: Record<string, unknown>) => call("answer", { id, answers }),
  setProfile: (id: string, values: Record<string, string>) => call("set_profile", { id, values }),
  renameCase: (id: string, title: string) => call("rename_case", { id, title }),
  duplicateCase: (id: string) => call("duplicate_case", { id }),
  deleteCase: (id: string) => call("delete_case", { id }),
  restoreCase: (id: string) => call("restore_case", { id }),
  letterPreview: (id: string, item: string, lang: Lang, page: number) => call("letter_preview", { id, item, lang, page }),
  /** Opens the save dialog; resolves to the path written, or null if the user cancelled. */
  saveLetter: (id: string, item: string, lang: Lang) => call("save_letter", { id, item, lang }),
  /** Opens the file dialog and attaches the picks; null if the user cancelled. */
  attachFiles: (id: string, item: string, onProgress: (p: AttachProgress) => void) =>
    call("attach_files", { id, item, progress: progressChannel(onProgress) }),
  attachPaths: (id: string, item: string, paths: string[], onProgress: (p: AttachProgress) => void) =>
    call("attach_paths", { id, item, paths, progress: progressChannel(onProgress) }),
  replaceAttachment: (attachment: string) => call("replace_attachment", { attachment }),
  removeAttachment: (attachment: string) => call("remove_attachment", { attachment }),
  restoreAttachment: (attachment: string) => call("restore_attachment", { attachment }),
  moveAttachment: (attachment: string, item: string, position: number) => call("move_attachment", { attachment, item, position }),
  fixAttachment: (attachment: string, fix: Fix) => call("fix_attachment", { attachment, fix }),
  undoFix: (attachment: string) => call("undo_fix", { attachment }),
  dismissCheck: (attachment: string, check: CheckId) => call("dismiss_check", { attachment, check }),
  discardOriginal: (attachment: string) => call("discard_original", { attachment }),
  attachmentPage: (attachment: string, page: number, size: number) => call("attachment_page", { attachment, page, size }),
  setInfo: (id: string, item: string, values: Record<string, string | null>) => call("set_info", { id, item, values }),
  completeness: (id: string) => call("completeness", { id }),
  /** Opens the save dialog and writes the bundle; null if the user cancelled. */
  exportBundle: (id: string, allowIncomplete: boolean, onProgress: (p: AttachProgress) => void) =>
    call("export_bundle", { id, allowIncomplete, progress: progressChannel(onProgress) }),
  showExportFolder: () => call("show_export_folder"),
  /** Opens the file dialog and imports the bundle as a new case; null if the user cancelled. */
  importBundle: () => call("import_bundle"),
  /** Moves the case to the current rules version (see `CaseView.rules_update`). */
  acceptRulesUpdate: (id: string) => call("accept_rules_update", { id }),
  /** After approval: erases the case's documents for good and keeps its record. */
  eraseDocuments: (id: string) => call("erase_documents", { id }),
  setStatus: (id: string, status: AppealStatus, ticket: string | null, on: string | null) => call("set_status", { id, status, ticket, on }),
  /** Adds (or with `remove`, removes) tags on several cases. */
  tagCases: (ids: string[], tags: string[], remove: boolean) => call("tag_cases", { ids, tags, remove }),
  listTags: () => call("list_tags"),
  casesTagged: (tag: string) => call("cases_tagged", { tag }),
  dashboard: () => call("dashboard"),
  /** Opens the save dialog and writes the provider's spreadsheet template; null if cancelled. */
  saveTemplate: (provider: string) => call("save_template", { provider }),
  /** Opens the file dialog and checks every row of the spreadsheet (writes nothing); null if cancelled. */
  pickSheet: () => call("pick_sheet"),
  /** Imports the spreadsheet last picked, checked again: all rows, or none. */
  importSheet: () => call("import_sheet"),
  /** Opens the save dialog and writes one PDF with every letter the cases need; null if cancelled. */
  printLetters: (ids: string[], lang: Lang, tag: string | null) => call("print_letters", { ids, lang, tag }),
  /** Opens the folder dialog and writes one bundle per case; null if cancelled. */
  exportCases: (ids: string[], allowIncomplete: boolean, onProgress: (p: BatchProgress) => void) => {
    const channel = new Channel<BatchProgress>();
    channel.onmessage = onProgress;
    return call("export_cases", { ids, allowIncomplete, progress: channel });
  },
  /** Opens the file dialog for scans of printed letters and files each page to its case's letter item; null if cancelled. */
  scanLetters: () => call("scan_letters"),
  /** Files scans dropped on the case list (only paths dropped on the window are taken). */
  scanDropped: (paths: string[]) => call("scan_dropped", { paths }),
  /** Calls `handler` as files are dragged over and dropped on the window; resolves to the unsubscribe. */
  onFileDrop: async (handler: (drop: FileDrop) => void): Promise<() => void> =>
    getCurrentWebview().onDragDropEvent(({ payload }) => {
      const ratio = window.devicePixelRatio || 1;
      const at = "position" in payload ? { x: payload.position.x / ratio, y: payload.position.y / ratio } : { x: 0, y: 0 };
      const paths = "paths" in payload ? payload.paths : [];
      handler({ type: payload.type === "enter" ? "over" : payload.type, paths, ...at });
    }),
};

export type Api = typeof api;
