// The first screen's calls sent early (ipc/early.ts), against a stand-in for Tauri's invoke.
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke, Channel: class {} }));

import { PAGE, earlyApi } from "./ipc/early";

const page = { cases: [], total: 0, approved_with_documents: 0 };
function rustSide(unlocked: boolean) {
  invoke.mockImplementation(async (command: string) => {
    if (command === "store_state") return { encrypted: !unlocked, unlocked, min_passphrase_chars: 8 };
    if (command === "list_cases") return page;
    if (command === "list_tags") return [];
    return null;
  });
}
const sent = () => invoke.mock.calls.map(([command, args]) => [command, args]);

describe("early calls", () => {
  beforeEach(() => invoke.mockReset());

  it("sends the first screen's calls at once and answers the first asks with them", async () => {
    rustSide(true);
    const api = earlyApi();
    await vi.waitFor(() => expect(sent()).toHaveLength(4));
    expect(sent()).toEqual([
      ["store_state", undefined],
      ["set_language", { lang: "en" }],
      ["list_tags", undefined],
      ["list_cases", { query: "", limit: PAGE }],
    ]);
    expect((await api.storeState()).unlocked).toBe(true);
    await api.setLanguage("en");
    expect(await api.listTags()).toEqual([]);
    expect(await api.listCases("", PAGE)).toEqual(page);
    expect(invoke).toHaveBeenCalledTimes(4);

    // Later asks, and asks for something else, go to the Rust side.
    await api.listCases("", PAGE);
    await api.listCases("shop", PAGE);
    await api.setLanguage("zh");
    expect(sent().slice(4)).toEqual([
      ["list_cases", { query: "", limit: PAGE }],
      ["list_cases", { query: "shop", limit: PAGE }],
      ["set_language", { lang: "zh" }],
    ]);
  });

  it("does not ask a locked store for its cases; the list asks once it is open", async () => {
    rustSide(false);
    const api = earlyApi();
    expect((await api.storeState()).unlocked).toBe(false);
    await api.setLanguage("en");
    await new Promise((r) => setTimeout(r));
    expect(sent().map(([command]) => command)).toEqual(["store_state", "set_language"]);
    rustSide(true);
    expect(await api.listCases("", PAGE)).toEqual(page);
    expect(sent().map(([command]) => command)).toEqual(["store_state", "set_language", "list_cases"]);
  });
});
