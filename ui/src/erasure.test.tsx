// Erasure after approval (issue 17): an approved case offers to erase its documents and keep
// its record; the case list says how many approved cases still hold documents.
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "./App";
import type { CaseView } from "./ipc";
import { setUiLanguage } from "./messages";
import { fakeApi } from "./test/fakeApi";
import { page, views } from "./test/fixtures";

afterEach(() => setUiLanguage("en"));

const base = views.huawei_ready;

function approved(files: number): CaseView {
  const v = structuredClone(base);
  v.appeal = { status: "approved", ticket: "QRY-7", submitted_on: "2026-11-02", decided_on: "2026-11-09", deadlines: [] };
  const state = v.items.find((s) => s.item === "card_front")!;
  for (let i = 0; i < files; i++) {
    state.files.push({
      id: `a${i}`, item: "card_front", name: `card${i}.jpg`, media_type: "image/jpeg", bytes: 1000, width: 1600, height: 1000, pages: 1,
      has_location: false, fixes: [], redacted: false, has_original: false, missing: false, generated_letter: false, thumbnail: "data:image/jpeg;base64,", checks: [], suggested_corners: null,
    });
  }
  return v;
}

async function openAppeal(api: ReturnType<typeof fakeApi>) {
  render(<App api={api} />);
  await userEvent.click(await screen.findByRole("button", { name: base.summary.title }));
  await userEvent.click(await screen.findByRole("tab", { name: "Appeal" }));
}

describe("erasure after approval", () => {
  it("the list counts approved cases still holding documents", async () => {
    render(<App api={fakeApi({ listCases: async () => page([base.summary], 2) })} />);
    expect(await screen.findByText("2 approved cases still hold documents they no longer need: open one and erase them under Appeal.")).toBeInTheDocument();
  });

  it("says nothing when no approved case holds documents", async () => {
    render(<App api={fakeApi({ listCases: async () => page([base.summary], 0) })} />);
    await screen.findByRole("button", { name: base.summary.title });
    expect(screen.queryByText(/no longer need/)).not.toBeInTheDocument();
  });

  it("an approved case offers to erase its documents, asks first, and keeps the record", async () => {
    const erased = approved(0);
    const api = fakeApi({ listCases: async () => page([base.summary], 1), getCase: async () => approved(2), eraseDocuments: async () => erased });
    await openAppeal(api);
    expect(screen.getByText(/no longer needed/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Erase the documents…" }));
    const dialog = await screen.findByRole("dialog", { name: "Erase the documents" });
    expect(within(dialog).getByText(`Erase the 2 documents of “${base.summary.title}” for good? This cannot be undone. The record stays.`)).toBeInTheDocument();
    // Cancel changes nothing.
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(api.eraseDocuments).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole("button", { name: "Erase the documents…" }));
    await userEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Erase the documents" }));
    expect(api.eraseDocuments).toHaveBeenCalledWith(base.summary.id);
    expect(await screen.findByText("The documents are erased; the record is kept.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Erase the documents…" })).not.toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("is not offered before approval, nor without documents", async () => {
    const submitted = approved(1);
    submitted.appeal.status = "submitted";
    await openAppeal(fakeApi({ listCases: async () => page([base.summary]), getCase: async () => submitted }));
    expect(screen.queryByRole("button", { name: "Erase the documents…" })).not.toBeInTheDocument();
  });

  it("speaks Chinese", async () => {
    setUiLanguage("zh");
    render(<App api={fakeApi({ listCases: async () => page([base.summary], 1) })} />);
    expect(await screen.findByText("1 个已获批准的案件仍保存着不再需要的文件：打开案件，在“申诉”中删除。")).toBeInTheDocument();
  });
});
