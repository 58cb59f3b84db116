// The case screen's finish (issue 12): the sticky summary strip over the checklist, the
// keyboard (Ctrl+A inside fields only, arrow keys between tabs), and "Show in folder" failing.
import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import type { CaseView } from "./ipc";
import { IpcError } from "./ipc";
import { fakeApi } from "./test/fakeApi";
import { page, views } from "./test/fixtures";
import css from "./styles.css?raw";

const open = async (view: CaseView, more: Parameters<typeof fakeApi>[0] = {}) => {
  const api = fakeApi({ listCases: async () => page([view.summary]), getCase: async () => view, ...more });
  render(<App api={api} />);
  await userEvent.click(await screen.findByRole("button", { name: view.summary.title }));
  await screen.findByRole("complementary", { name: "Checklist" });
  return api;
};

/** huawei_ready with one file attached to the first item, and the card front needing attention. */
function partly(): CaseView {
  const view: CaseView = structuredClone(views.huawei_ready);
  view.summary.materials = { required: 5, provided: 1, attention: 1 };
  view.items = view.items.map((s) =>
    s.item === "real_name_certificate" ? { ...s, status: "provided" } : s.item === "card_front" ? { ...s, status: "needs_attention" } : s,
  );
  return view;
}

const strip = () => document.querySelector<HTMLElement>("aside.checklist header.checklist-summary")!;

afterEach(() => vi.restoreAllMocks());

describe("the checklist's summary strip", () => {
  it("shows progress, what needs attention and the next thing to do, with a Show link", async () => {
    await open(partly());
    const summary = within(strip());
    expect(summary.getByText("All questions answered")).toBeInTheDocument();
    expect(summary.getByText("1 of 5 provided")).toBeInTheDocument();
    expect(summary.getByText("1 needs attention")).toBeInTheDocument();
    expect(summary.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "1");
    // What needs attention comes before what is missing.
    expect(summary.getByText("Front of the credit card, middle digits hidden")).toBeInTheDocument();
    expect(summary.getByRole("button", { name: /^Show/ })).toBeInTheDocument();
  });

  it("scrolls the item to just below the strip and focuses it", async () => {
    const scrolled: { item: string | undefined; options: unknown }[] = [];
    Element.prototype.scrollIntoView = vi.fn(function (this: HTMLElement, options?: unknown) {
      scrolled.push({ item: this.dataset.item, options });
    });
    await open(partly());
    await userEvent.click(within(strip()).getByRole("button", { name: /^Show/ }));
    // "start": the top of the item at the list's scroll padding, i.e. under the strip, not behind it.
    expect(scrolled).toEqual([{ item: "card_front", options: { block: "start", behavior: "smooth" } }]);
    const card = document.querySelector("li[data-item='card_front']")!;
    expect(card.contains(document.activeElement)).toBe(true);
  });

  it("keeps the list's scroll padding at the strip's height", async () => {
    vi.spyOn(HTMLElement.prototype, "offsetHeight", "get").mockImplementation(function (this: HTMLElement) {
      return this.classList.contains("checklist-summary") ? 88 : 0;
    });
    await open(partly());
    const aside = screen.getByRole("complementary", { name: "Checklist" });
    expect(aside.style.getPropertyValue("--summary-height")).toBe("88px");
  });

  it("stays sticky, pads the list by its height, and sits under dialogs, which sit under toasts", () => {
    const rule = (selector: string) => {
      const at = css.indexOf(`${selector} {`);
      expect(at, selector).toBeGreaterThan(-1);
      return css.slice(at, css.indexOf("}", at));
    };
    const z = (selector: string) => Number(/z-index:\s*(\d+)/.exec(rule(selector))?.[1]);
    const header = rule("aside.checklist header.checklist-summary");
    expect(header).toMatch(/position:\s*sticky/);
    expect(header).toMatch(/top:\s*0/);
    expect(rule("aside.checklist")).toMatch(/scroll-padding-top:\s*calc\(var\(--summary-height/);
    expect(z("aside.checklist header.checklist-summary")).toBeLessThan(z(".backdrop"));
    expect(z(".backdrop")).toBeLessThan(z(".toast"));
  });

  it("says nothing about materials before there is anything to gather", async () => {
    await open(views.huawei_new);
    expect(within(strip()).queryByRole("progressbar")).not.toBeInTheDocument();
    expect(within(strip()).queryByText(/^Next:/)).not.toBeInTheDocument();
  });
});

describe("keyboard", () => {
  it("Ctrl+A selects inside text fields only, never the whole window", async () => {
    render(<App api={fakeApi()} />);
    const search = await screen.findByRole("searchbox");
    // fireEvent returns false when a handler called preventDefault.
    expect(fireEvent.keyDown(search, { key: "a", ctrlKey: true })).toBe(true);
    expect(fireEvent.keyDown(search, { key: "A", metaKey: true })).toBe(true);
    // The header's button (an empty list adds a second one once it has loaded).
    const newCase = screen.getAllByRole("button", { name: "New case" })[0];
    expect(fireEvent.keyDown(newCase, { key: "a", ctrlKey: true })).toBe(false);
    expect(fireEvent.keyDown(document.body, { key: "a", ctrlKey: true })).toBe(false);
    // Other shortcuts and plain typing are left alone.
    expect(fireEvent.keyDown(document.body, { key: "a" })).toBe(true);
    expect(fireEvent.keyDown(document.body, { key: "c", ctrlKey: true })).toBe(true);
  });

  it("Ctrl+A in a textarea of the case (the ticket text) is the field's own", async () => {
    await open(views.huawei_ready);
    const ticket = document.querySelector<HTMLTextAreaElement>("textarea.ticket")!;
    expect(fireEvent.keyDown(ticket, { key: "a", ctrlKey: true })).toBe(true);
    expect(fireEvent.keyDown(screen.getByRole("tab", { name: "Questions" }), { key: "a", ctrlKey: true })).toBe(false);
  });

  it("arrow keys, Home and End move between the tabs, focus and panel following", async () => {
    await open(views.huawei_ready);
    const tab = (name: string) => screen.getByRole("tab", { name });
    const selected = () => screen.getAllByRole("tab").filter((t) => t.getAttribute("aria-selected") === "true").map((t) => t.textContent);
    tab("Questions").focus();
    await userEvent.keyboard("{ArrowRight}");
    expect(selected()).toEqual(["Profile"]);
    expect(tab("Profile")).toHaveFocus();
    expect(screen.getByRole("tabpanel")).toHaveAttribute("aria-labelledby", "tab-profile");
    await userEvent.keyboard("{ArrowRight}{ArrowRight}");
    expect(tab("Timeline")).toHaveFocus();
    await userEvent.keyboard("{ArrowRight}");
    expect(selected()).toEqual(["Questions"]);
    await userEvent.keyboard("{ArrowLeft}");
    expect(selected()).toEqual(["Timeline"]);
    await userEvent.keyboard("{Home}");
    expect(tab("Questions")).toHaveFocus();
    await userEvent.keyboard("{End}");
    expect(tab("Timeline")).toHaveFocus();
    expect(selected()).toEqual(["Timeline"]);
    // Only the selected tab is in the Tab order (roving tabindex).
    expect(screen.getAllByRole("tab").map((t) => t.tabIndex)).toEqual([-1, -1, -1, 0]);
  });
});

describe("Show in folder", () => {
  it("reports that no file manager could open the folder, and says where the bundle is", async () => {
    const api = await open(views.huawei_ready, {
      exportBundle: async () => ({ path: "/home/me/Documents/Huawei.zip", files: 6, bytes: 1000, complete: true, missing: [] }),
      showExportFolder: async () => {
        throw new IpcError({ kind: "io", message: "no file manager is installed (xdg-open was not found)", field: null });
      },
    });
    await userEvent.click(screen.getByRole("button", { name: "Export bundle…" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(await within(dialog).findByRole("button", { name: "Export…" }));
    await userEvent.click(await within(dialog).findByRole("button", { name: "Show in folder" }));
    expect(api.showExportFolder).toHaveBeenCalledTimes(1);
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Could not open the folder (no file manager is installed (xdg-open was not found)). The bundle is at /home/me/Documents/Huawei.zip.",
    );
    // The dialog stays open, so the path can still be read.
    expect(within(dialog).getByText("Saved /home/me/Documents/Huawei.zip")).toBeInTheDocument();
  });
});
