// Many cases at once (issue 16): the import preview, the bulk action bar and the dashboard,
// against the fake IPC layer.
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { App } from "./App";
import type { CaseSummary, ImportPlan, ScanReport } from "./ipc";
import { drop, fakeApi } from "./test/fakeApi";

function summary(id: string, title: string, tags: string[], extra: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id,
    provider: "huawei-cloud",
    provider_name: "Huawei Cloud",
    title,
    checklist_status: "ready",
    appeal_status: "preparing",
    rules_version: "2026-01-23",
    created_at: "2026-11-20T09:30:00Z",
    updated_at: "2026-11-20T09:30:00Z",
    materials: { required: 3, provided: 0, attention: 0 },
    ready_to_export: false,
    next_deadline: null,
    tags,
    ...extra,
  };
}

const cases = [summary("a1", "Subsidiary A", ["march"]), summary("b2", "Subsidiary B", ["march", "north"]), summary("c3", "Shop", [])];

const badPlan: ImportPlan = {
  file: "accounts.csv",
  columns: ["provider", "title", "uscc"],
  rows: [
    { row: 2, cells: ["huawei-cloud", "A", "91350100M000100Y43"] },
    { row: 3, cells: ["huawei-cloud", "B", "91350100M000100Y44"] },
  ],
  cases: [{ row: 2, provider: "huawei-cloud", title: "A", tags: [], checklist_status: "incomplete" }],
  problems: [{ row: 3, column: "uscc", index: 2, reason: "the check character should be 3; the code was probably mistyped" }],
};

describe("many cases at once", () => {
  test("the import dialog marks bad cells and imports only a file without problems", async () => {
    const goodPlan: ImportPlan = { ...badPlan, rows: badPlan.rows.slice(0, 1), problems: [] };
    let picked = badPlan;
    const api = fakeApi({ pickSheet: async () => picked, importSheet: async () => [{ row: 2, case: "new1" }] });
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole("button", { name: "Import spreadsheet…" }));
    const dialog = await screen.findByRole("dialog");
    // Enabled once the providers have come (on a busy machine, after the dialog shows).
    const download = within(dialog).getByRole("button", { name: "Download template" }) as HTMLButtonElement;
    await waitFor(() => expect(download.disabled).toBe(false));
    fireEvent.click(download);
    await waitFor(() => expect(api.saveTemplate).toHaveBeenCalledWith("huawei-cloud"));

    fireEvent.click(within(dialog).getByRole("button", { name: "Choose CSV or XLSX…" }));
    const bad = await within(dialog).findByText("91350100M000100Y44");
    expect(bad.getAttribute("aria-invalid")).toBe("true");
    expect(bad.getAttribute("title")).toContain("check character");
    expect(within(dialog).getByText("91350100M000100Y43").getAttribute("aria-invalid")).toBeNull();
    expect(within(dialog).getByRole("alert").textContent).toContain("row 3, column uscc: the check character should be 3");
    expect((within(dialog).getByRole("button", { name: "Import 1 case" }) as HTMLButtonElement).disabled).toBe(true);

    // Fixed in the spreadsheet and chosen again: now it imports.
    picked = goodPlan;
    fireEvent.click(within(dialog).getByRole("button", { name: "Choose CSV or XLSX…" }));
    await waitFor(() => expect(within(dialog).queryByRole("alert")).toBeNull());
    const importButton = within(dialog).getByRole("button", { name: "Import 1 case" }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(false);
    fireEvent.click(importButton);
    await waitFor(() => expect(api.importSheet).toHaveBeenCalled());
    expect(await screen.findByText("Imported 1 case.")).toBeTruthy();
  });

  test("tags show on each case, filter the list, and a selection gets a bulk action bar", async () => {
    const api = fakeApi({
      listCases: async () => ({ cases, total: 3, approved_with_documents: 0 }),
      listTags: async () => [
        { tag: "march", cases: 2 },
        { tag: "north", cases: 1 },
      ],
      casesTagged: async (tag: string) => cases.filter((c) => c.tags.includes(tag)),
      printLetters: async () => ({ file: "/home/me/letters-march.pdf", pages: 2, letters: [], missing: [{ case: "a1", title: "Subsidiary A", fields: ["uscc"] }], without_letters: [] }),
    });
    render(<App api={api} />);
    const row = (await screen.findByText("Subsidiary B")).closest("tr") as HTMLElement;
    expect(within(row).getByRole("button", { name: "Filter by tag: north" })).toBeTruthy();

    fireEvent.change(screen.getByRole("combobox", { name: "Filter by tag" }), { target: { value: "march" } });
    await waitFor(() => expect(screen.queryByText("Shop")).toBeNull());
    expect(api.casesTagged).toHaveBeenCalledWith("march");

    fireEvent.click(screen.getByRole("checkbox", { name: "Select all shown" }));
    const bar = await screen.findByRole("region", { name: "2 cases selected" });
    fireEvent.click(within(bar).getByRole("button", { name: "Print letters…" }));
    await waitFor(() => expect(api.printLetters).toHaveBeenCalledWith(["a1", "b2"], "en", "march"));
    expect(await screen.findByText(/Saved 0 letters \(2 pages\) to \/home\/me\/letters-march.pdf Printed with blanks to fill in by hand: Subsidiary A/)).toBeTruthy();

    fireEvent.click(within(bar).getByRole("button", { name: "Add tag…" }));
    const dialog = await screen.findByRole("dialog");
    // Typing fires "input" (a text field's "change" comes only when it loses focus).
    fireEvent.input(within(dialog).getByLabelText("Tag"), { target: { value: "q4" } });
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Add tag" })));
    expect(api.tagCases).toHaveBeenCalledWith(["a1", "b2"], ["q4"], false);

    // Removing offers the tags the selected cases carry.
    fireEvent.click(within(bar).getByRole("button", { name: "Remove tag…" }));
    const remove = await screen.findByRole("dialog");
    const options = within(remove).getAllByRole("option").map((o) => o.textContent);
    expect(options).toEqual(["march", "north"]);
    fireEvent.change(within(remove).getByLabelText("Tag"), { target: { value: "north" } });
    await act(async () => fireEvent.click(within(remove).getByRole("button", { name: "Remove tag" })));
    expect(api.tagCases).toHaveBeenCalledWith(["a1", "b2"], ["north"], true);
  });

  test("the dashboard lists what is due, nearest date first, with counts per tag", async () => {
    const deadline = (date: string, act: boolean) => ({ id: "x", date, days_left: 2, act, text: act ? "Modify and add documents by then" : "Result expected", source: { section: "s", quote: "q" }, note: null });
    const api = fakeApi({
      dashboard: async () => ({
        due: [
          summary("b2", "Subsidiary B", ["march"], { next_deadline: deadline("2026-11-24", true), appeal_status: "rejected" }),
          summary("a1", "Subsidiary A", ["march"], { next_deadline: deadline("2026-11-26", false), appeal_status: "submitted" }),
          summary("c3", "Shop", [], { materials: { required: 3, provided: 1, attention: 1 } }),
        ],
        tags: [{ tag: "march", cases: 2, due: 2, attention: 0, ready: 0 }],
        total: { tag: "", cases: 3, due: 3, attention: 1, ready: 0 },
      }),
    });
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole("button", { name: "What's due" }));
    const board = await screen.findByRole("region", { name: "What's due" });
    const items = await within(board).findAllByRole("listitem");
    expect(items.slice(0, 3).map((li) => li.getAttribute("data-case"))).toEqual(["b2", "a1", "c3"]);
    expect(items[0].textContent).toContain("Modify and add documents by then");
    expect(items[2].textContent).toContain("Items need attention");
    expect(within(board).getByText("2 cases · 2 due · 0 need attention · 0 ready")).toBeTruthy();
  });

  test("letter scans dropped on the case list, or picked, are filed and the pages not placed are listed", async () => {
    const report: ScanReport = {
      placed: [
        { file: "/scans/p1.jpg", page: 1, case: "b2", item: "authorization_letter" },
        { file: "/scans/p2.jpg", page: 1, case: "a1", item: "authorization_letter" },
      ],
      unplaced: [{ file: "/scans/p3.jpg", page: 1, reason: "no letter code could be read on this page" }],
    };
    const api = fakeApi({ listCases: async () => ({ cases, total: cases.length, approved_with_documents: 0 }), scanDropped: async () => report, scanLetters: async () => report });
    render(<App api={api} />);
    await screen.findByRole("button", { name: "Subsidiary A" });
    await act(async () => drop(["/scans/p1.jpg", "/scans/p2.jpg", "/scans/p3.jpg"]));
    expect(api.scanDropped).toHaveBeenCalledWith(["/scans/p1.jpg", "/scans/p2.jpg", "/scans/p3.jpg"]);
    const dialog = await screen.findByRole("dialog", { name: "Letter scans filed" });
    expect(dialog.textContent).toContain("2 pages filed to 2 cases.");
    expect(within(dialog).getByRole("button", { name: "Subsidiary B" })).toBeTruthy();
    expect(within(dialog).getByRole("alert").textContent).toBe("1 page was not filed:");
    expect(dialog.textContent).toContain("p3.jpg, page 1: no letter code could be read on this page");
    fireEvent.click(within(dialog).getByRole("button", { name: "Close" }));

    fireEvent.click(screen.getByRole("button", { name: "File letter scans…" }));
    await screen.findByRole("dialog", { name: "Letter scans filed" });
    expect(api.scanLetters).toHaveBeenCalledTimes(1);
  });
});
