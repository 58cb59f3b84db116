// A stand-in for the Rust side: the real IPC calls are replaced by these, and the views they
// return are built from fixtures captured from the real engine (see fixtures.ts).
import { vi } from "vitest";
import type { Api, CaseSummary, CaseView, FileDrop } from "../ipc";
import { IpcError } from "../ipc";

let dropHandler: ((d: FileDrop) => void) | null = null;

/** Plays files dropped on the window at (x, y), as the webview reports them. */
export function drop(paths: string[], x = 0, y = 0) {
  dropHandler?.({ type: "drop", paths, x, y });
}

export function fakeApi(overrides: Partial<Api> = {}): Api & { [K in keyof Api]: ReturnType<typeof vi.fn> } {
  const api = {
    storeState: vi.fn(async () => ({ encrypted: false, unlocked: true, min_passphrase_chars: 8 })),
    unlock: vi.fn(async () => ({ encrypted: true, unlocked: true, min_passphrase_chars: 8 })),
    lock: vi.fn(async () => ({ encrypted: true, unlocked: false, min_passphrase_chars: 8 })),
    setPassphrase: vi.fn(async () => ({ encrypted: true, unlocked: true, min_passphrase_chars: 8 })),
    changePassphrase: vi.fn(async () => ({ encrypted: true, unlocked: true, min_passphrase_chars: 8 })),
    removePassphrase: vi.fn(async () => ({ encrypted: false, unlocked: true, min_passphrase_chars: 8 })),
    providers: vi.fn(async () => [
      { id: "huawei-cloud", name: "Huawei Cloud", rules_version: "2026-01-23", source_title: "What Materials Should I Provide to Restore My HUAWEI ID?" },
      { id: "alibaba-cloud", name: "Alibaba Cloud", rules_version: "undated", source_title: "How to submit an appeal if you cannot complete identity verification?" },
    ]),
    setLanguage: vi.fn(async () => undefined),
    firstScreen: vi.fn(async () => ({ state: { encrypted: false, unlocked: true, min_passphrase_chars: 8 }, tags: [], page: { cases: [] as CaseSummary[], total: 0, approved_with_documents: 0 } })),
    listCases: vi.fn(async () => ({ cases: [] as CaseSummary[], total: 0, approved_with_documents: 0 })),
    getCase: vi.fn(async () => {
      throw new IpcError({ kind: "not_found", message: "no case", field: null });
    }),
    createCase: vi.fn(),
    answer: vi.fn(),
    setProfile: vi.fn(),
    renameCase: vi.fn(),
    duplicateCase: vi.fn(),
    deleteCase: vi.fn(async () => undefined),
    restoreCase: vi.fn(),
    letterPreview: vi.fn(),
    saveLetter: vi.fn(),
    attachFiles: vi.fn(async () => null),
    attachPaths: vi.fn(),
    replaceAttachment: vi.fn(async () => null),
    removeAttachment: vi.fn(),
    restoreAttachment: vi.fn(),
    moveAttachment: vi.fn(),
    fixAttachment: vi.fn(),
    undoFix: vi.fn(),
    dismissCheck: vi.fn(),
    discardOriginal: vi.fn(),
    attachmentPage: vi.fn(async () => ({ image: "data:image/png;base64,", page: 1, pages: 1 })),
    setInfo: vi.fn(),
    completeness: vi.fn(async () => []),
    exportBundle: vi.fn(async () => null),
    showExportFolder: vi.fn(async () => undefined),
    importBundle: vi.fn(async () => null),
    setStatus: vi.fn(),
    eraseDocuments: vi.fn(),
    acceptRulesUpdate: vi.fn(),
    tagCases: vi.fn(async () => undefined),
    listTags: vi.fn(async () => []),
    casesTagged: vi.fn(async () => [] as CaseSummary[]),
    dashboard: vi.fn(async () => ({ due: [] as CaseSummary[], tags: [], total: { tag: "", cases: 0, due: 0, attention: 0, ready: 0 } })),
    saveTemplate: vi.fn(async () => null),
    pickSheet: vi.fn(async () => null),
    importSheet: vi.fn(async () => []),
    printLetters: vi.fn(async () => null),
    exportCases: vi.fn(async () => null),
    scanLetters: vi.fn(async () => null),
    scanDropped: vi.fn(async () => ({ placed: [], unplaced: [] })),
    // Keeps the handler so a test can play a file drop (see `drop`).
    onFileDrop: vi.fn(async (handler: (d: FileDrop) => void) => {
      dropHandler = handler;
      return () => {};
    }),
  };
  for (const [name, impl] of Object.entries(overrides)) {
    (api as Record<string, unknown>)[name] = vi.fn(impl as (...args: never[]) => unknown);
  }
  return api as never;
}

export function withView(view: CaseView) {
  return async () => view;
}
