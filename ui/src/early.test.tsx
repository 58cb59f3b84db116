// The first screen's calls sent early (ipc/early.ts), against a stand-in for Tauri's invoke.
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke, Channel: class {} }));

import type { IpcError } from "./ipc";
import { PAGE, earlyApi } from "./ipc/early";

const page = { cases: [], total: 0, approved_with_documents: 0 };
function rustSide(unlocked: boolean) {
  invoke.mockImplementation(async (command: string) => {
    const state = { encrypted: !unlocked, unlocked, min_passphrase_chars: 8 };
    // As the Rust side does: the lists only from an open store.
    if (command === "first_screen") return { state, tags: unlocked ? [] : null, page: unlocked ? page : null };
    if (command === "store_state") return state;
    if (command === "list_cases") return page;
    if (command === "list_tags") return [];
    return null;
  });
}
const sent = () => invoke.mock.calls.map(([command, args]) => [command, args]);

describe("early calls", () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it("sends the first screen's call at once and answers the first asks with it", async () => {
    rustSide(true);
    const api = earlyApi();
    expect(sent()).toEqual([["first_screen", { lang: "en", limit: PAGE }]]);
    expect((await api.storeState()).unlocked).toBe(true);
    await api.setLanguage("en");
    expect(await api.listTags()).toEqual([]);
    expect(await api.listCases("", PAGE)).toEqual(page);
    expect(invoke).toHaveBeenCalledTimes(1);

    // Later asks, and asks for something else, go to the Rust side.
    await api.listCases("", PAGE);
    await api.listCases("shop", PAGE);
    await api.setLanguage("zh");
    expect(sent().slice(1)).toEqual([
      ["list_cases", { query: "", limit: PAGE }],
      ["list_cases", { query: "shop", limit: PAGE }],
      ["set_language", { lang: "zh" }],
    ]);
  });

  it("gets no cases from a locked store; the list asks once it is open", async () => {
    rustSide(false);
    const api = earlyApi();
    expect((await api.storeState()).unlocked).toBe(false);
    await api.setLanguage("en");
    rustSide(true);
    expect(await api.listCases("", PAGE)).toEqual(page);
    expect(await api.listTags()).toEqual([]);
    expect(sent().map(([command]) => command)).toEqual(["first_screen", "list_cases", "list_tags"]);
  });

  it("passes a failed first call on to each of its asks", async () => {
    invoke.mockRejectedValue({ kind: "internal", message: "the case store is unavailable", field: null });
    const api = earlyApi();
    for (const ask of [api.storeState(), api.listCases("", PAGE), api.listTags()]) {
      const error = await ask.then(() => null, (e: IpcError) => e);
      expect([error?.kind, error?.message]).toEqual(["internal", "the case store is unavailable"]);
    }
    expect(invoke).toHaveBeenCalledTimes(1);
  });
});
