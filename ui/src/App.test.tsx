import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "./App";
import { IpcError } from "./ipc";
import { fakeApi } from "./test/fakeApi";
import { page, summaries, views } from "./test/fixtures";

describe("case list", () => {
  it("lists every case with provider and statuses, and searches", async () => {
    const api = fakeApi({ listCases: async (q: string) => page(summaries.filter((s) => s.title.includes(q))) });
    render(<App api={api} />);
    const rows = await screen.findAllByRole("row");
    expect(rows).toHaveLength(1 + summaries.length);
    const ready = screen.getByRole("button", { name: "huawei_ready" }).closest("tr")!;
    expect(within(ready).getByText("Huawei Cloud")).toBeInTheDocument();
    expect(within(ready).getByText("Questions answered")).toBeInTheDocument();
    expect(within(screen.getByRole("button", { name: "alibaba_blocked" }).closest("tr")!).getByText("Cannot succeed")).toBeInTheDocument();

    await userEvent.type(screen.getByRole("searchbox", { name: "Search cases" }), "alibaba");
    await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(3));
  });

  it("shows a page of a large store and more on request", async () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ ...summaries[0], id: `c${i}`, title: `Account ${i}` }));
    const api = fakeApi({ listCases: async (_q: string, limit: number) => ({ cases: many.slice(0, limit), total: many.length, approved_with_documents: 0 }) });
    render(<App api={api} />);
    expect(await screen.findByText(/Showing 100 of 250 cases/)).toBeInTheDocument();
    // The first screenful is drawn at once, the rest of the page a frame later.
    await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(101));
    await userEvent.click(screen.getByRole("button", { name: "show more" }));
    await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(251));
    expect(screen.queryByText(/Showing/)).not.toBeInTheDocument();
    // 350 rows drawn in jsdom: seconds on a busy machine.
  }, 20000);

  it("creates a case from the dialog and opens it", async () => {
    const api = fakeApi({ createCase: async () => views.huawei_new, getCase: async () => views.huawei_new });
    render(<App api={api} />);
    // The bar's button (the empty list has one too).
    await userEvent.click((await screen.findAllByRole("button", { name: "New case" }))[0]);
    const dialog = screen.getByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText("Title"), "Main account");
    await userEvent.click(within(dialog).getByLabelText(/Alibaba Cloud/));
    await userEvent.click(within(dialog).getByRole("button", { name: "Create case" }));
    expect(api.createCase).toHaveBeenCalledWith("alibaba-cloud", "Main account");
    expect(await screen.findByText("How does this account buy Huawei Cloud services?")).toBeInTheDocument();
  });

  it("shows why a case cannot be created, next to the field", async () => {
    const api = fakeApi({
      createCase: async () => {
        throw new IpcError({ kind: "validation", message: "title: a case needs a title, e.g. the account name", field: "title" });
      },
    });
    render(<App api={api} />);
    // The bar's button (the empty list has one too).
    await userEvent.click((await screen.findAllByRole("button", { name: "New case" }))[0]);
    await userEvent.click(screen.getByRole("button", { name: "Create case" }));
    expect(await screen.findByText(/a case needs a title/)).toBeInTheDocument();
    expect(screen.getByLabelText("Title")).toHaveAttribute("aria-invalid", "true");
  });

  it("deletes only after confirmation, and undo restores", async () => {
    let list = [...summaries];
    const api = fakeApi({
      listCases: async () => page(list),
      deleteCase: async (id: string) => {
        list = list.filter((c) => c.id !== id);
      },
      restoreCase: async () => {
        list = [...summaries];
        return views.huawei_ready;
      },
    });
    render(<App api={api} />);
    await userEvent.click(await screen.findByRole("button", { name: "Delete huawei_ready" }));
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel" }));
    expect(screen.getByRole("button", { name: "huawei_ready" })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Delete huawei_ready" }));
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(screen.queryByRole("button", { name: "huawei_ready" })).not.toBeInTheDocument());
    expect(screen.getByRole("status")).toHaveTextContent("Deleted “huawei_ready”.");
    await userEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(await screen.findByRole("button", { name: "huawei_ready" })).toBeInTheDocument();
  });

  it("opens the new-case dialog with Ctrl+N and closes it with Escape", async () => {
    render(<App api={fakeApi()} />);
    await screen.findByText("No cases yet");
    await userEvent.keyboard("{Control>}n{/Control}");
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    expect(screen.getByLabelText("Title")).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});

describe("case screen", () => {
  const open = async (api: ReturnType<typeof fakeApi>, name: string) => {
    render(<App api={api} />);
    await userEvent.click(await screen.findByRole("button", { name }));
  };

  it("answers a question and shows the checklist the engine returns", async () => {
    const api = fakeApi({
      listCases: async () => page([views.huawei_new.summary]),
      getCase: async () => views.huawei_new,
      answer: async () => views.huawei_direct,
    });
    await open(api, "huawei_new");
    expect(screen.getByText("Answer the first question to see what you will need.")).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText("Directly from Huawei Cloud (direct sales customer)"));
    expect(api.answer).toHaveBeenCalledWith("huawei_new", { customer_type: "direct" });
    expect(await screen.findByText("Has the account completed real-name authentication?")).toBeInTheDocument();
    expect(screen.getByText("3 questions left; the list grows as you answer")).toBeInTheDocument();
  });

  it("groups checklist items by kind with requirement, notes and source", async () => {
    const api = fakeApi({ listCases: async () => page([views.huawei_ready.summary]), getCase: async () => views.huawei_ready });
    await open(api, "huawei_ready");
    const checklist = screen.getByRole("complementary", { name: "Checklist" });
    expect(within(checklist).getByText("All questions answered")).toBeInTheDocument();
    const letters = within(checklist).getByText("Letters to print, seal or sign").closest("section")!;
    const letter = within(letters).getByText("Authorization letter, sealed and signed").closest("li")!;
    expect(within(letter).getByText("Required")).toBeInTheDocument();
    expect(within(letter).getByText(/Chinese enterprise must stamp it with the official seal/)).toBeInTheDocument();
    expect(within(letter).getByText(/The authorization letter must be stamped with the official seal of the enterprise and signed/)).toBeInTheDocument();
    const ticket = within(checklist).getByRole("textbox", { name: "Text for the ticket or appeal form" });
    expect(ticket).toHaveValue(views.huawei_ready.ticket_text);
    expect((ticket as HTMLTextAreaElement).value).toMatch(/^Request to restore HUAWEI ID/);
    const docs = within(checklist).getByText("Documents to attach").closest("section")!;
    expect(within(docs).getAllByRole("listitem").filter((li) => li.classList.contains("item"))).toHaveLength(4);
  });

  it("explains a blocker calmly with its source and what to do instead", async () => {
    const api = fakeApi({ listCases: async () => page([views.alibaba_blocked.summary]), getCase: async () => views.alibaba_blocked });
    await open(api, "alibaba_blocked");
    const finding = screen.getByRole("alert");
    expect(within(finding).getByText("Why this appeal cannot succeed")).toBeInTheDocument();
    expect(within(finding).getByText(/cannot determine its ownership and your appeal will be rejected/)).toBeInTheDocument();
    expect(within(finding).getByText("What to do instead")).toBeInTheDocument();
    expect(screen.getByText("Can you still log on to the account?").closest("fieldset")).toHaveTextContent("Optional");
  });

  it("explains what the source does not cover", async () => {
    const api = fakeApi({ listCases: async () => page([views.alibaba_not_covered.summary]), getCase: async () => views.alibaba_not_covered });
    await open(api, "alibaba_not_covered");
    expect(within(screen.getByRole("alert")).getByText("What the provider's document does not say")).toBeInTheDocument();
    expect(screen.getByText("The provider's document does not cover this")).toBeInTheDocument();
  });

  it("checks a profile field when leaving it and shows the engine's reason", async () => {
    const api = fakeApi({
      listCases: async () => page([views.huawei_ready.summary]),
      getCase: async () => views.huawei_ready,
      setProfile: async (_id: string, values: Record<string, string>) => {
        if (values.uscc) throw new IpcError({ kind: "validation", message: "The check character should be 3; the code was probably mistyped.", field: "uscc" });
        return views.huawei_ready;
      },
    });
    await open(api, "huawei_ready");
    await userEvent.click(screen.getByRole("tab", { name: "Profile" }));
    await userEvent.type(screen.getByLabelText("Unified Social Credit Code"), "91350100M000100Y44");
    await userEvent.tab();
    expect(await screen.findByText("The check character should be 3; the code was probably mistyped.")).toBeInTheDocument();
    expect(screen.getByLabelText("Unified Social Credit Code")).toHaveAttribute("aria-invalid", "true");
    await userEvent.type(screen.getByLabelText("Contact email"), "ops@example.com");
    await userEvent.tab();
    expect(api.setProfile).toHaveBeenLastCalledWith("huawei_ready", { contact_email: "ops@example.com" });
    expect(await screen.findByText("Saved")).toBeInTheDocument();
  });

  it("previews a letter, changes its language, saves it, and leads to missing profile fields", async () => {
    const preview = (lang: string) => ({
      title: `Authorization Letter (${lang})`, image: "data:image/png;base64,iVBORw0KGgo=", page: 1, pages: 1,
      missing_fields: ["agent_name", "agent_id_number"],
    });
    const api = fakeApi({
      listCases: async () => page([views.huawei_ready.summary]),
      getCase: async () => views.huawei_ready,
      letterPreview: async (_id: string, _item: string, lang: string) => preview(lang),
      saveLetter: async () => "/home/me/authorization-letter-zh.pdf",
    });
    await open(api, "huawei_ready");
    const letter = screen.getByText("Authorization letter, sealed and signed").closest("li")!;
    await userEvent.click(within(letter).getByRole("button", { name: "Prepare letter" }));
    const dialog = screen.getByRole("dialog");
    expect(await within(dialog).findByAltText("Preview of Authorization Letter (en), page 1")).toBeInTheDocument();
    await userEvent.click(within(dialog).getByLabelText("中文"));
    expect(await within(dialog).findByAltText("Preview of Authorization Letter (zh), page 1")).toBeInTheDocument();
    expect(api.letterPreview).toHaveBeenLastCalledWith("huawei_ready", "authorization_letter", "zh", 1);
    expect(within(dialog).getByText("Authorized person (operator)")).toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole("button", { name: "Save as PDF…" }));
    expect(api.saveLetter).toHaveBeenCalledWith("huawei_ready", "authorization_letter", "zh");
    expect(await within(dialog).findByText("Saved /home/me/authorization-letter-zh.pdf")).toBeInTheDocument();
    expect(within(dialog).getByText(/attach the scan to this item/)).toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole("button", { name: "Fill in the profile" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Authorized person (operator)")).toHaveFocus();
  });

  it("offers letters only for items Appeal Kit can prefill", async () => {
    const api = fakeApi({ listCases: async () => page([views.huawei_ready.summary]), getCase: async () => views.huawei_ready });
    await open(api, "huawei_ready");
    expect(screen.getAllByRole("button", { name: "Prepare letter" })).toHaveLength(1);
  });

  it("shows the timeline and goes back with Escape", async () => {
    const api = fakeApi({ listCases: async () => page([views.huawei_ready.summary]), getCase: async () => views.huawei_ready });
    await open(api, "huawei_ready");
    await userEvent.click(screen.getByRole("tab", { name: "Timeline" }));
    expect(screen.getByText("Case created")).toBeInTheDocument();
    await userEvent.keyboard("{Escape}");
    expect(await screen.findByRole("searchbox")).toBeInTheDocument();
  });
});
