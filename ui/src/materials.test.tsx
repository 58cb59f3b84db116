import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "./App";
import type { AttachmentView, CaseView } from "./ipc";
import { drop, fakeApi } from "./test/fakeApi";
import { page, views } from "./test/fixtures";

const base = views.huawei_ready;

function withFile(view: CaseView, item: string, file: Partial<AttachmentView>, status: "provided" | "needs_attention", attention: string[] = []): CaseView {
  const v = structuredClone(view);
  const state = v.items.find((s) => s.item === item)!;
  state.files.push({
    id: "a1", item, name: "card.jpg", media_type: "image/jpeg", bytes: 1000, width: 1600, height: 1000, pages: 1,
    has_location: true, fixes: [], redacted: false, has_original: false, missing: false, generated_letter: false, thumbnail: "data:image/jpeg;base64,", checks: [], suggested_corners: null, ...file,
  });
  state.status = status;
  state.attention = attention;
  return v;
}

async function openCase(api: ReturnType<typeof fakeApi>) {
  render(<App api={api} />);
  await userEvent.click(await screen.findByRole("button", { name: base.summary.title }));
  await waitFor(() => expect(document.querySelector("li[data-item='card_front']")).not.toBeNull());
}

const item = (id: string) => document.querySelector<HTMLElement>(`li[data-item='${id}']`)!;

describe("materials", () => {
  it("attaches from the dialog, shows the upright preview and status, and names refused files", async () => {
    const after = withFile(base, "card_front", {}, "needs_attention", ["Hide the card number's middle digits."]);
    // A batch with a refused file stores nothing (kit's policy) and names the file; without it, all attach.
    let attempts = 0;
    const api = fakeApi({
      listCases: async () => page([base.summary]),
      getCase: async () => base,
      attachFiles: async () => (attempts++ === 0 ? { case: base, refused: [{ name: "notes.jpg", reason: "not an image or PDF" }] } : { case: after, refused: [] }),
    });
    await openCase(api);
    expect(within(item("card_front")).getByText("Missing")).toBeInTheDocument();
    await userEvent.click(within(item("card_front")).getByRole("button", { name: "Attach files…" }));
    expect(api.attachFiles).toHaveBeenCalledWith(base.summary.id, "card_front", expect.any(Function));
    expect(await screen.findByRole("alert")).toHaveTextContent("Nothing was attached. Leave out or fix these files and try again: notes.jpg: not an image or PDF");
    expect(within(item("card_front")).getByText("Missing")).toBeInTheDocument();
    await userEvent.click(within(item("card_front")).getByRole("button", { name: "Attach files…" }));
    const card = within(item("card_front"));
    await waitFor(() => expect(card.getByText("Needs attention")).toBeInTheDocument());
    expect(card.getByAltText("Preview of card.jpg")).toBeInTheDocument();
    expect(card.getByText("Needs attention")).toBeInTheDocument();
    expect(card.getByText("Hide the card number's middle digits.")).toBeInTheDocument();
    expect(card.getByText("Location found")).toBeInTheDocument();
  });

  it("attaches files dropped on an item, and explains a drop elsewhere", async () => {
    const api = fakeApi({
      listCases: async () => page([base.summary]),
      getCase: async () => base,
      attachPaths: async () => ({ case: withFile(base, "transaction_records", { name: "slip.pdf", media_type: "application/pdf" }, "provided"), refused: [] }),
    });
    await openCase(api);
    await waitFor(() => expect(api.onFileDrop).toHaveBeenCalled());
    document.elementFromPoint = () => item("transaction_records").querySelector("p")!;
    drop(["/home/me/slip.pdf"], 10, 10);
    await waitFor(() => expect(api.attachPaths).toHaveBeenCalledWith(base.summary.id, "transaction_records", ["/home/me/slip.pdf"], expect.any(Function)));
    expect(await within(item("transaction_records")).findByText("Attached (1)")).toBeInTheDocument();

    document.elementFromPoint = () => document.body;
    drop(["/home/me/other.pdf"]);
    expect(await screen.findByText("Drop files on a checklist item that takes documents.")).toBeInTheDocument();
    expect(api.attachPaths).toHaveBeenCalledTimes(1);
  });

  it("removes a file from the viewer with undo", async () => {
    const withCard = withFile(base, "card_front", {}, "provided");
    const api = fakeApi({
      listCases: async () => page([base.summary]),
      getCase: async () => withCard,
      removeAttachment: async () => base,
      restoreAttachment: async () => withCard,
    });
    await openCase(api);
    await userEvent.click(within(item("card_front")).getByAltText("Preview of card.jpg"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/records where it was taken/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole("button", { name: "Remove" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await userEvent.click(await screen.findByRole("button", { name: "Undo" }));
    expect(api.restoreAttachment).toHaveBeenCalledWith("a1");
    expect(await within(item("card_front")).findByAltText("Preview of card.jpg")).toBeInTheDocument();
  });
});

describe("export and appeal", () => {
  it("lists what is missing and exports only when the user allows an incomplete bundle", async () => {
    const api = fakeApi({
      listCases: async () => page([base.summary]),
      getCase: async () => base,
      completeness: async () => [{ item: "card_front", title: "Front of the credit card", reason: "nothing attached" }],
      exportBundle: async () => ({ path: "/home/me/Shop.zip", files: 3, bytes: 1000, complete: false, missing: [] }),
    });
    await openCase(api);
    await userEvent.click(screen.getByRole("button", { name: "Export bundle…" }));
    const dialog = await screen.findByRole("dialog");
    expect(await within(dialog).findByText(/nothing attached/)).toBeInTheDocument();
    const go = within(dialog).getByRole("button", { name: "Export…" });
    expect(go).toBeDisabled();
    await userEvent.click(within(dialog).getByLabelText(/Export anyway/));
    await userEvent.click(go);
    expect(api.exportBundle).toHaveBeenCalledWith(base.summary.id, true, expect.any(Function));
    expect(await within(dialog).findByText("Saved /home/me/Shop.zip")).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole("button", { name: "Show in folder" }));
    expect(api.showExportFolder).toHaveBeenCalled();
  });

  it("records the submission and shows the provider's deadline", async () => {
    const submitted: CaseView = structuredClone(base);
    submitted.appeal = {
      status: "submitted", ticket: "QRY-1", submitted_on: "2026-11-20", decided_on: null,
      deadlines: [{ id: "review", date: "2026-11-25", days_left: 3, act: false, text: "Processed within 3 business days.", source: { section: "Step 3", quote: "within 3 business days" }, note: null }],
    };
    const api = fakeApi({ listCases: async () => page([base.summary]), getCase: async () => base, setStatus: async () => submitted });
    await openCase(api);
    await userEvent.click(screen.getByRole("tab", { name: "Appeal" }));
    await userEvent.type(screen.getByLabelText("Ticket or query number"), "QRY-1");
    await userEvent.click(screen.getByRole("button", { name: "Record submission" }));
    expect(api.setStatus).toHaveBeenCalledWith(base.summary.id, "submitted", "QRY-1", expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    expect(await screen.findByText(/Result expected by Nov 25, 2026/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Rejected" })).toBeInTheDocument();
  });
});

describe("language", () => {
  it("switches the whole interface to Simplified Chinese and remembers it", async () => {
    const api = fakeApi({ listCases: async () => page([base.summary]) });
    const { unmount } = render(<App api={api} />);
    await userEvent.click(await screen.findByRole("button", { name: "中文" }));
    expect(await screen.findByRole("button", { name: "新建案件" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "打开材料包…" })).toBeInTheDocument();
    expect(localStorage.getItem("appeal-kit.language")).toBe("zh");
    unmount();
    render(<App api={api} />);
    await userEvent.click(await screen.findByRole("button", { name: "English" }));
    expect(await screen.findByRole("button", { name: "New case" })).toBeInTheDocument();
  });
});
