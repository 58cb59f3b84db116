import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "./App";
import type { CaseView } from "./ipc";
import { setUiLanguage } from "./messages";
import { fakeApi } from "./test/fakeApi";
import { page, views } from "./test/fixtures";

afterEach(() => setUiLanguage("en"));

/** Opens a case in the app with this view as the kit's answer. */
async function open(view: CaseView, api = fakeApi({ listCases: async () => page([view.summary]), getCase: async () => view })) {
  render(<App api={api} />);
  await userEvent.click(await screen.findByRole("button", { name: view.summary.title }));
  return api;
}

describe("rule texts", () => {
  it("tells the kit the interface language before showing anything, and shows the engine's Chinese", async () => {
    setUiLanguage("zh");
    const api = await open(views.huawei_ready_zh);
    expect(api.setLanguage).toHaveBeenCalledWith("zh");
    expect(api.setLanguage.mock.invocationCallOrder[0]).toBeLessThan(api.listCases.mock.invocationCallOrder[0]);
    expect(await screen.findByText("该账号通过什么方式购买华为云服务？")).toBeInTheDocument();
    const letter = screen.getByText("授权书（加盖公章并签字）").closest("li")!;
    // The provider's word cites its source; Appeal Kit's own advice is marked as such.
    const advice = within(letter).getByText("Appeal Kit 的建议").closest("li")!;
    expect(advice).toHaveClass("guidance-note");
    expect(advice).toHaveTextContent("Appeal Kit 会按相同信息为您预填一份授权书");
    expect(within(advice).queryByText("出处")).not.toBeInTheDocument();
    const cited = within(letter).getByText(/华为云为此授权书提供了模板/).closest("li")!;
    expect(cited).not.toHaveClass("guidance-note");
    expect(within(cited).getByText("Authorization letter (template)")).toBeInTheDocument();
  });

  it("marks Appeal Kit's advice on a blocker too, in English", async () => {
    const view = structuredClone(views.alibaba_blocked);
    view.checklist.blockers[0].advice.push({ text: "Ask whoever opened the account.", guidance: true });
    await open(view);
    const line = (await screen.findByText(/Ask whoever opened the account/)).closest("li")!;
    expect(line).toHaveClass("guidance-note");
    expect(within(line).getByText("Appeal Kit's advice")).toBeInTheDocument();
  });

  it("shows what newer rules change for the case and moves on acceptance", async () => {
    const view = structuredClone(views.huawei_ready);
    view.rules_update = {
      from: "2026-01-23",
      to: "2026-06-01",
      changes: [
        { kind: "item_added", item: "phone_bill", title: "Recent phone bill", before: [], after: ["required"] },
        { kind: "requirement_changed", item: "transaction_records", title: "The last 3 transaction records", before: ["as_needed"], after: ["required"] },
      ],
    };
    const moved = structuredClone(views.huawei_ready);
    const api = fakeApi({ listCases: async () => page([view.summary]), getCase: async () => view, acceptRulesUpdate: async () => moved });
    await open(view, api);
    const banner = await screen.findByRole("status", { name: "Newer rules" });
    expect(banner).toHaveTextContent("2026-01-23 → 2026-06-01");
    expect(within(banner).getByText("New: Recent phone bill")).toBeInTheDocument();
    expect(banner).toHaveTextContent("Requirement changed: The last 3 transaction records (As needed → Required)");
    await userEvent.click(within(banner).getByRole("button", { name: "Use the newer rules" }));
    expect(api.acceptRulesUpdate).toHaveBeenCalledWith(view.summary.id);
    expect(screen.queryByRole("status", { name: "Newer rules" })).not.toBeInTheDocument();
  });
});
