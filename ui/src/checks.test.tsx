import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "./App";
import type { AttachmentView, CaseView } from "./ipc";
import { fakeApi } from "./test/fakeApi";
import { page, views } from "./test/fixtures";

const base = views.huawei_ready;
const blurry = { id: "blurry" as const, message: 'The picture looks blurred: small print may not be readable. Huawei Cloud: "must be clear"' };
const tilted = { id: "tilted" as const, message: "The document is seen at an angle. Straighten it here, or take it again from straight above." };
const corners = [
  { x: 0.2, y: 0.15 },
  { x: 0.8, y: 0.2 },
  { x: 0.85, y: 0.85 },
  { x: 0.15, y: 0.8 },
];

function withFiles(view: CaseView, item: string, files: Partial<AttachmentView>[]): CaseView {
  const v = structuredClone(view);
  const state = v.items.find((s) => s.item === item)!;
  files.forEach((file, i) =>
    state.files.push({
      id: `a${i + 1}`, item, name: `photo${i + 1}.jpg`, media_type: "image/jpeg", bytes: 1000, width: 1600, height: 1000, pages: 1,
      has_location: false, fixes: [], redacted: false, has_original: false, missing: false, generated_letter: false,
      thumbnail: "data:image/jpeg;base64,", checks: [], suggested_corners: null, ...file,
    }),
  );
  const flagged = files.filter((f) => (f.checks ?? []).length > 0).length;
  state.status = flagged ? "needs_attention" : "provided";
  state.attention = flagged ? ["A file may be rejected by the reviewer: see the warning under it, then fix the file or dismiss the warning."] : [];
  return v;
}

async function openCase(api: ReturnType<typeof fakeApi>) {
  render(<App api={api} />);
  await userEvent.click(await screen.findByRole("button", { name: base.summary.title }));
  await waitFor(() => expect(document.querySelector("li[data-item='card_front']")).not.toBeNull());
}

const item = (id: string) => document.querySelector<HTMLElement>(`li[data-item='${id}']`)!;

describe("file checks", () => {
  it("shows a finding under the thumbnail and the item needing attention; a clean file shows none", async () => {
    const view = withFiles(base, "card_front", [{ checks: [blurry] }, {}]);
    const api = fakeApi({ listCases: async () => page([base.summary]), getCase: async () => view });
    await openCase(api);
    const card = within(item("card_front"));
    expect(card.getByText("Needs attention")).toBeInTheDocument();
    const lines = item("card_front").querySelectorAll(".thumb-check");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toHaveAttribute("data-checks", "blurry");
    expect(lines[0]).toHaveTextContent("May be rejected");
    expect(lines[0]).toHaveTextContent("must be clear");
  });

  it("says which case, letter and page a recognised letter scan is", async () => {
    const view = withFiles(base, "authorization_letter", [
      { letter: { case: base.summary.id, item: "authorization_letter", page: 1, pages: 1, current: true } },
      { letter: { case: "zz99", item: "authorization_letter", page: 2, pages: 3, current: true } },
    ]);
    const api = fakeApi({ listCases: async () => page([base.summary]), getCase: async () => view });
    await openCase(api);
    const lines = [...item("authorization_letter").querySelectorAll(".thumb-letter")].map((l) => l.textContent);
    expect(lines).toEqual(["Authorization letter, sealed and signed, page 1 of 1, this case", "Authorization letter, sealed and signed, page 2 of 3, case zz99"]);
  });

  it("dismisses a finding from the viewer", async () => {
    const view = withFiles(base, "card_front", [{ checks: [blurry] }]);
    const dismissed = withFiles(base, "card_front", [{}]);
    const api = fakeApi({ listCases: async () => page([base.summary]), getCase: async () => view, dismissCheck: async () => dismissed });
    await openCase(api);
    await userEvent.click(within(item("card_front")).getByAltText("Preview of photo1.jpg"));
    const dialog = await screen.findByRole("dialog");
    const checks = within(dialog).getByRole("group", { name: "The reviewer may reject this file:" });
    expect(checks).toHaveTextContent("looks blurred");
    await userEvent.click(within(checks).getByRole("button", { name: "Dismiss" }));
    expect(api.dismissCheck).toHaveBeenCalledWith("a1", "blurry");
    await waitFor(() => expect(within(dialog).queryByRole("group", { name: "The reviewer may reject this file:" })).not.toBeInTheDocument());
    expect(within(item("card_front")).getByText("Attached (1)")).toBeInTheDocument();
  });

  it("straightens from the suggested corners, which the user can drag", async () => {
    const view = withFiles(base, "card_front", [{ checks: [tilted], suggested_corners: corners as AttachmentView["suggested_corners"] }]);
    const fixed = withFiles(base, "card_front", [{ fixes: [{ op: "straighten", corners: corners as [never, never, never, never] }], has_original: true }]);
    const api = fakeApi({ listCases: async () => page([base.summary]), getCase: async () => view, fixAttachment: async () => fixed });
    await openCase(api);
    await userEvent.click(within(item("card_front")).getByAltText("Preview of photo1.jpg"));
    const dialog = await screen.findByRole("dialog");
    await within(dialog).findByAltText("Preview of photo1.jpg");
    await userEvent.click(within(within(dialog).getByRole("group")).getByRole("button", { name: "Straighten" }));
    const handles = dialog.querySelectorAll<HTMLElement>(".corner-handle");
    expect(handles).toHaveLength(4);
    expect(handles[0].style.left).toBe("20%");
    // Drag the top-left corner: the image measures 1000×500 on screen here.
    const img = within(dialog).getByAltText("Preview of photo1.jpg");
    img.getBoundingClientRect = () => ({ left: 0, top: 0, width: 1000, height: 500, right: 1000, bottom: 500, x: 0, y: 0, toJSON: () => ({}) });
    const canvas = img.parentElement!;
    fireEvent.mouseDown(handles[0], { clientX: 200, clientY: 75 });
    fireEvent.mouseMove(canvas, { clientX: 100, clientY: 50 });
    fireEvent.mouseUp(canvas, { clientX: 100, clientY: 50 });
    await waitFor(() => expect(dialog.querySelector<HTMLElement>(".corner-handle")!.style.left).toBe("10%"));
    await userEvent.click(within(dialog).getAllByRole("button", { name: "Straighten" }).find((b) => b.classList.contains("primary"))!);
    expect(api.fixAttachment).toHaveBeenCalledWith("a1", { op: "straighten", corners: [{ x: 0.1, y: 0.1 }, corners[1], corners[2], corners[3]] });
  });

  it("says in the export dialog how many files may be rejected, and goes to them", async () => {
    Element.prototype.scrollIntoView = () => {};
    const view = withFiles(base, "card_front", [{ checks: [blurry] }, { checks: [tilted] }]);
    const api = fakeApi({ listCases: async () => page([base.summary]), getCase: async () => view });
    await openCase(api);
    await userEvent.click(screen.getByRole("button", { name: "Export bundle…" }));
    const dialog = await screen.findByRole("dialog");
    expect(await within(dialog).findByText(/2 files may be rejected: review/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole("button", { name: "Review" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });
});
