// A stand-in for the Rust side: the real IPC calls are replaced by these, and the views they
// return are built from fixtures captured from the real engine (see fixtures.ts).
import { vi } from "vitest";
import type { Api, CaseSummary, CaseView } from "../ipc";
import { IpcError } from "../ipc";

export function fakeApi(overrides: Partial<Api> = {}): Api & { [K in keyof Api]: ReturnType<typeof vi.fn> } {
  const api = {
    providers: vi.fn(async () => [
      { id: "huawei-cloud", name: "Huawei Cloud", rules_version: "2026-01-23", source_title: "What Materials Should I Provide to Restore My HUAWEI ID?" },
      { id: "alibaba-cloud", name: "Alibaba Cloud", rules_version: "undated", source_title: "How to submit an appeal if you cannot complete identity verification?" },
    ]),
    listCases: vi.fn(async () => ({ cases: [] as CaseSummary[], total: 0 })),
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
  };
  for (const [name, impl] of Object.entries(overrides)) {
    (api as Record<string, unknown>)[name] = vi.fn(impl as (...args: never[]) => unknown);
  }
  return api as never;
}

export function withView(view: CaseView) {
  return async () => view;
}
