// What a newcomer tripped on (issue 12): honest status, dialogs that close only themselves,
// controls that say why they are off, text that follows the answers, real plurals.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { App } from "./App";
import type { CaseSummary, CaseView } from "./ipc";
import { fakeApi } from "./test/fakeApi";
import { page, views } from "./test/fixtures";

const summary = (title: string, materials: CaseSummary["materials"], ready_to_export = false): CaseSummary => ({
  ...views.huawei_ready.summary,
  id: title,
  title,
  materials,
  ready_to_export,
});

const open = async (api: ReturnType<typeof fakeApi>, name: string) => {
  render(<App api={api} />);
  await userEvent.click(await screen.findByRole("button", { name }));
};

describe("two states: the answers and the materials", () => {
  it("lists twenty answered cases with nothing attached without ever saying Ready", async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => summary(`Account ${i}`, { required: 3, provided: 0, attention: 0 }));
    render(<App api={fakeApi({ listCases: async () => page(twenty) })} />);
    // A screenful first, the rest a frame later.
    await waitFor(() => expect(screen.getAllByText("0 of 3 provided")).toHaveLength(20));
    expect(screen.getAllByText("Questions answered")).toHaveLength(20);
    expect(screen.queryByText(/^Ready/)).not.toBeInTheDocument();
  });

  it("shows progress, what needs attention, and Ready to export only when the engine says so", async () => {
    const cases = [
      summary("partly", { required: 5, provided: 3, attention: 1 }),
      summary("done", { required: 3, provided: 3, attention: 0 }, true),
    ];
    render(<App api={fakeApi({ listCases: async () => page(cases) })} />);
    const partly = (await screen.findByRole("button", { name: "partly" })).closest("tr")!;
    expect(within(partly).getByText("3 of 5 provided")).toBeInTheDocument();
    expect(within(partly).getByText("1 needs attention")).toBeInTheDocument();
    expect(within(partly).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "3");
    const done = screen.getByRole("button", { name: "done" }).closest("tr")!;
    expect(within(done).getByText("Ready to export")).toBeInTheDocument();
  });

  it("shows the materials' progress in the case header beside the answers' status", async () => {
    const view: CaseView = { ...views.huawei_ready, summary: summary("hdr", { required: 4, provided: 1, attention: 2 }) };
    await open(fakeApi({ listCases: async () => page([view.summary]), getCase: async () => view }), "hdr");
    const header = document.querySelector("header.topbar") as HTMLElement;
    expect(within(header).getByText("Questions answered")).toBeInTheDocument();
    expect(within(header).getByText("1 of 4 provided")).toBeInTheDocument();
    expect(within(header).getByText("2 need attention")).toBeInTheDocument();
  });
});

describe("dialogs and controls", () => {
  it("Esc in the letter dialog closes only the dialog, not the case", async () => {
    const api = fakeApi({
      listCases: async () => page([views.huawei_ready.summary]),
      getCase: async () => views.huawei_ready,
      letterPreview: async () => ({ title: "Authorization Letter", image: "data:image/png;base64,", page: 1, pages: 1, missing_fields: [] }),
    });
    await open(api, "huawei_ready");
    await userEvent.click(screen.getByRole("button", { name: "Prepare letter" }));
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    // In the real window React re-renders between listeners (the dialog is gone by the time the
    // case screen's window listener runs), so the key must not reach the window at all.
    const reached: string[] = [];
    const listen = (e: KeyboardEvent) => reached.push(e.key);
    window.addEventListener("keydown", listen);
    await userEvent.keyboard("{Escape}");
    window.removeEventListener("keydown", listen);
    expect(reached).toEqual([]);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByRole("complementary", { name: "Checklist" })).toBeInTheDocument();
    expect(screen.queryByRole("searchbox")).not.toBeInTheDocument();
  });

  it("Esc closes the dialog even when focus has dropped out of it, and only the dialog", async () => {
    const api = fakeApi({
      listCases: async () => page([views.huawei_ready.summary]),
      getCase: async () => views.huawei_ready,
      letterPreview: async () => ({ title: "Authorization Letter", image: "data:image/png;base64,", page: 1, pages: 1, missing_fields: [] }),
    });
    await open(api, "huawei_ready");
    await userEvent.click(screen.getByRole("button", { name: "Prepare letter" }));
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    // As in WebKit when the focused button turns disabled while a file loads.
    (document.activeElement as HTMLElement).blur();
    expect(document.activeElement).toBe(document.body);
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.getByRole("complementary", { name: "Checklist" })).toBeInTheDocument();
    expect(screen.queryByRole("searchbox")).not.toBeInTheDocument();
  });

  it("keeps Export off with the reason until the user accepts an incomplete bundle", async () => {
    const api = fakeApi({
      listCases: async () => page([views.huawei_ready.summary]),
      getCase: async () => views.huawei_ready,
      completeness: async () => [
        {
          item: "authorization_letter",
          title: "Authorization letter, sealed and signed",
          reason: "This is the unsigned letter Appeal Kit made: print it, sign or seal it, and attach a scan or photo of it.",
        },
      ],
    });
    await open(api, "huawei_ready");
    await userEvent.click(screen.getByRole("button", { name: "Export bundle…" }));
    const dialog = await screen.findByRole("dialog");
    await within(dialog).findByText(/This is the unsigned letter Appeal Kit made/);
    const exportButton = within(dialog).getByRole("button", { name: "Export…" });
    expect(exportButton).toBeDisabled();
    expect(exportButton).toHaveAccessibleDescription(/Export is off until the case is complete/);
    await userEvent.click(within(dialog).getByLabelText(/Export anyway/));
    expect(exportButton).toBeEnabled();
  });

  it("makes Record submission a secondary action once the appeal is submitted", async () => {
    const submitted: CaseView = {
      ...views.huawei_ready,
      summary: { ...views.huawei_ready.summary, appeal_status: "submitted" },
      appeal: { status: "submitted", ticket: "T-1", submitted_on: "2026-11-20", decided_on: null, deadlines: [] },
    };
    await open(fakeApi({ listCases: async () => page([submitted.summary]), getCase: async () => submitted }), "huawei_ready");
    await userEvent.click(screen.getByRole("tab", { name: "Appeal" }));
    expect(screen.getByRole("button", { name: "Record submission" })).not.toHaveClass("primary");
  });
});

describe("the visual pass (issue 12)", () => {
  it("makes Export the header's primary button only once the case is ready to export", async () => {
    const notReady: CaseView = { ...views.huawei_ready, summary: summary("notready", { required: 3, provided: 1, attention: 0 }) };
    const ready: CaseView = { ...views.huawei_ready, summary: summary("ready", { required: 3, provided: 3, attention: 0 }, true) };
    let view = notReady;
    await open(fakeApi({ listCases: async () => page([notReady.summary]), getCase: async () => view }), "notready");
    const header = document.querySelector("header.topbar") as HTMLElement;
    expect(within(header).getByRole("button", { name: "Export bundle…" })).not.toHaveClass("primary");
    // "Preparing" is every new case's state: the header leaves it out.
    expect(within(header).queryByText("Preparing")).not.toBeInTheDocument();
    view = ready;
    await userEvent.click(screen.getByRole("button", { name: /All cases/ }));
    await userEvent.click(await screen.findByRole("button", { name: "notready" }));
    await waitFor(() => expect(within(document.querySelector("header.topbar") as HTMLElement).getByRole("button", { name: "Export bundle…" })).toHaveClass("primary"));
  });

  it("takes the submission date as year-month-day in either language and refuses another form", async () => {
    const setStatus = vi.fn(async () => views.huawei_ready);
    await open(fakeApi({ listCases: async () => page([views.huawei_ready.summary]), getCase: async () => views.huawei_ready, setStatus }), "huawei_ready");
    await userEvent.click(screen.getByRole("tab", { name: "Appeal" }));
    const date = screen.getByLabelText("Date") as HTMLInputElement;
    expect(date.type).toBe("text");
    expect(date.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await userEvent.clear(date);
    await userEvent.type(date, "2026-11-20");
    expect(screen.getByText("Nov 20, 2026")).toBeInTheDocument();
    await userEvent.clear(date);
    await userEvent.type(date, "11/20/2026");
    await userEvent.click(screen.getByRole("button", { name: "Record submission" }));
    expect(setStatus).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toMatch(/year-month-day/);
    await userEvent.clear(date);
    await userEvent.type(date, "2026-11-20");
    await userEvent.click(screen.getByRole("button", { name: "Record submission" }));
    expect(setStatus).toHaveBeenCalledWith(views.huawei_ready.summary.id, "submitted", "", "2026-11-20");
  });
});

describe("text that follows the case", () => {
  it("stops asking for the first question once one is answered, and counts with real plurals", async () => {
    const api = fakeApi({
      listCases: async () => page([views.huawei_new.summary]),
      getCase: async () => views.huawei_new,
      answer: async () => views.huawei_direct,
    });
    await open(api, "huawei_new");
    expect(screen.getByText("Answer the first question to see what you will need.")).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText("Directly from Huawei Cloud (direct sales customer)"));
    await screen.findByText("3 questions left; the list grows as you answer");
    expect(screen.queryByText("Answer the first question to see what you will need.")).not.toBeInTheDocument();
    expect(screen.getByText("Answer the remaining questions to see what you will need.")).toBeInTheDocument();
  });

  it("says what each timeline entry changed", async () => {
    const view: CaseView = {
      ...views.huawei_ready,
      events: [
        ...views.huawei_ready.events,
        { at: "2026-11-21T10:00:00Z", kind: "profile", detail: { fields: ["holder_name", "contact_phone"] } },
        { at: "2026-11-21T10:05:00Z", kind: "attached", detail: { item: "card_front", files: ["card.jpg", "back.jpg"] } },
      ],
    };
    await open(fakeApi({ listCases: async () => page([view.summary]), getCase: async () => view }), "huawei_ready");
    await userEvent.click(screen.getByRole("tab", { name: "Timeline" }));
    expect(screen.getByText("Profile updated: Verified holder (person or enterprise), Contact phone")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText(/^Files attached: .*: card\.jpg, back\.jpg$/)).toBeInTheDocument());
    expect(screen.getAllByText(/Nov 21, 2026/, { selector: ".when" })).toHaveLength(2);
  });
});
