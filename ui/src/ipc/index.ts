// The only module that talks to the Rust side. Every call is typed with the generated
// bindings, and every failure arrives as an IpcError with the kind and the field it concerns.
import { invoke } from "@tauri-apps/api/core";
import type { CasePage, CaseView, ErrorInfo, Lang, LetterPreview, ProviderInfo } from "./bindings";

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

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (e && typeof e === "object" && "kind" in e && "message" in e) throw new IpcError(e as ErrorInfo);
    throw new IpcError({ kind: "internal", message: String(e), field: null });
  }
}

export const api = {
  providers: () => call<ProviderInfo[]>("providers"),
  listCases: (query: string, limit: number) => call<CasePage>("list_cases", { query, limit }),
  getCase: (id: string) => call<CaseView>("get_case", { id }),
  createCase: (provider: string, title: string) => call<CaseView>("create_case", { provider, title }),
  answer: (id: string, answers: Record<string, unknown>) => call<CaseView>("answer", { id, answers }),
  setProfile: (id: string, values: Record<string, string>) => call<CaseView>("set_profile", { id, values }),
  renameCase: (id: string, title: string) => call<CaseView>("rename_case", { id, title }),
  duplicateCase: (id: string) => call<CaseView>("duplicate_case", { id }),
  deleteCase: (id: string) => call<void>("delete_case", { id }),
  restoreCase: (id: string) => call<CaseView>("restore_case", { id }),
  letterPreview: (id: string, item: string, lang: Lang, page: number) => call<LetterPreview>("letter_preview", { id, item, lang, page }),
  /** Opens the save dialog; resolves to the path written, or null if the user cancelled. */
  saveLetter: (id: string, item: string, lang: Lang, suggestedName: string) =>
    call<string | null>("save_letter", { id, item, lang, suggestedName }),
};

export type Api = typeof api;
