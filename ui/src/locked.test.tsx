// The locked store (issue 17): the unlock screen, locking on request and when idle, and the
// passphrase offered on the first-run screen.
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { IpcError, type StoreState } from "./ipc";
import { setUiLanguage } from "./messages";
import { fakeApi } from "./test/fakeApi";
import { page, summaries } from "./test/fixtures";

const lockedState: StoreState = { encrypted: true, unlocked: false, min_passphrase_chars: 8 };
const openState: StoreState = { encrypted: true, unlocked: true, min_passphrase_chars: 8 };
const wrong = () => new IpcError({ kind: "locked", message: "the case store is locked: that passphrase is not the right one", field: "passphrase" });

afterEach(() => {
  setUiLanguage("en");
  localStorage.clear();
  vi.useRealTimers();
});

/** A locked store whose passphrase is "correct horse"; unlocking waits for `release` when given. */
function lockedApi(gate?: Promise<void>) {
  return fakeApi({
    storeState: async () => lockedState,
    listCases: async () => page(summaries),
    unlock: async (p: string) => {
      await gate;
      if (p !== "correct horse") throw wrong();
      return openState;
    },
    lock: async () => lockedState,
  });
}

describe("unlock screen", () => {
  it("opens to the unlock screen, refuses a wrong passphrase clearly, shows progress, then shows the cases", async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const api = lockedApi(gate);
    render(<App api={api} />);
    expect(await screen.findByRole("heading", { name: "The case store is locked" })).toBeInTheDocument();
    expect(api.listCases).not.toHaveBeenCalled();
    expect(screen.getByText("A forgotten passphrase cannot be recovered, by anyone.")).toBeInTheDocument();
    const field = screen.getByLabelText("Passphrase");
    expect(field).toHaveFocus();
    expect(screen.getByRole("button", { name: "Unlock" })).toBeDisabled();

    await userEvent.type(field, "wrong horse{Enter}");
    // Argon2id takes about half a second: the screen says it is working meanwhile.
    expect(await screen.findByRole("progressbar", { name: "Unlocking…" })).toBeInTheDocument();
    expect(screen.getByLabelText("Passphrase")).toBeDisabled();
    release();
    expect(await screen.findByRole("alert")).toHaveTextContent("That passphrase is not the right one. Check it and try again.");
    expect(api.unlock).toHaveBeenCalledWith("wrong horse");
    expect(screen.getByLabelText("Passphrase")).toHaveValue("");
    expect(screen.getByLabelText("Passphrase")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();

    await userEvent.type(screen.getByLabelText("Passphrase"), "correct horse");
    await userEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(await screen.findByRole("button", { name: summaries[0].title })).toBeInTheDocument();
    expect(screen.queryByLabelText("Passphrase")).not.toBeInTheDocument();
  });

  it("shows another failure as it is, not as a wrong passphrase", async () => {
    const api = fakeApi({
      storeState: async () => lockedState,
      unlock: async () => {
        throw new IpcError({ kind: "io", message: "cannot open the case store: the disk is full", field: null });
      },
    });
    render(<App api={api} />);
    await userEvent.type(await screen.findByLabelText("Passphrase"), "anything at all{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("cannot open the case store: the disk is full");
  });

  it("is in Chinese when the interface is", async () => {
    setUiLanguage("zh");
    render(<App api={lockedApi()} />);
    expect(await screen.findByRole("heading", { name: "案件库已锁定" })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("密码"), "错误的密码{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("密码不正确，请检查后重试。");
    await userEvent.click(screen.getByRole("button", { name: "English" }));
    expect(await screen.findByRole("heading", { name: "The case store is locked" })).toBeInTheDocument();
  });
});

describe("locking", () => {
  const unlockedApi = () => lockedApi();

  it("locks with the Lock button and with Ctrl+L, back at the unlock screen with nothing of the cases shown", async () => {
    const api = fakeApi({ storeState: async () => openState, listCases: async () => page(summaries), lock: async () => lockedState });
    render(<App api={api} />);
    await userEvent.click(await screen.findByRole("button", { name: "Lock" }));
    expect(await screen.findByRole("heading", { name: "The case store is locked" })).toBeInTheDocument();
    expect(screen.queryByText(summaries[0].title)).not.toBeInTheDocument();
    expect(api.lock).toHaveBeenCalledTimes(1);

    const again = unlockedApi();
    again.storeState.mockImplementation(async () => openState);
    render(<App api={again} />);
    await screen.findAllByRole("button", { name: summaries[0].title });
    fireEvent.keyDown(window, { key: "l", ctrlKey: true });
    await waitFor(() => expect(again.lock).toHaveBeenCalledTimes(1));
  });

  it("offers no Lock without a passphrase", async () => {
    render(<App api={fakeApi({ listCases: async () => page(summaries) })} />);
    await screen.findByRole("button", { name: summaries[0].title });
    expect(screen.queryByRole("button", { name: "Lock" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Lock when idle")).not.toBeInTheDocument();
  });

  it("locks after the idle time chosen, 15 minutes unless changed, and remembers the choice", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = fakeApi({ storeState: async () => openState, listCases: async () => page(summaries), lock: async () => lockedState });
    const { unmount } = render(<App api={api} />);
    const idle = await screen.findByLabelText("Lock when idle");
    expect(idle).toHaveValue("15");
    act(() => vi.advanceTimersByTime(14 * 60_000));
    expect(api.lock).not.toHaveBeenCalled();
    // Activity restarts the count.
    fireEvent.pointerMove(window);
    act(() => vi.advanceTimersByTime(14 * 60_000));
    expect(api.lock).not.toHaveBeenCalled();
    fireEvent.change(idle, { target: { value: "5" } });
    expect(localStorage.getItem("appeal-kit.idle-lock-minutes")).toBe("5");
    act(() => vi.advanceTimersByTime(5 * 60_000 + 5_000));
    await waitFor(() => expect(api.lock).toHaveBeenCalledTimes(1));
    expect(await screen.findByText("Locked after 5 minutes without use.")).toBeInTheDocument();
    unmount();
    render(<App api={fakeApi({ storeState: async () => openState, listCases: async () => page(summaries) })} />);
    expect(await screen.findByLabelText("Lock when idle")).toHaveValue("5");
  });
});

describe("first-run screen", () => {
  it("offers a passphrase, says what it protects against and that it cannot be recovered, and encrypts", async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const api = fakeApi({
      setPassphrase: async () => {
        await gate;
        return openState;
      },
    });
    render(<App api={api} />);
    const offer = await screen.findByRole("region", { name: "Protect the cases with a passphrase" });
    expect(within(offer).getByText(/stolen laptop's disk can read them; if you forget it, it cannot be recovered/)).toBeInTheDocument();
    await userEvent.click(within(offer).getByRole("button", { name: "Set a passphrase…" }));
    const dialog = screen.getByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText("New passphrase"), "short");
    await userEvent.click(within(dialog).getByRole("button", { name: "Encrypt the cases" }));
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Use at least 8 characters.");
    await userEvent.clear(within(dialog).getByLabelText("New passphrase"));
    await userEvent.type(within(dialog).getByLabelText("New passphrase"), "correct horse");
    await userEvent.type(within(dialog).getByLabelText("Type it again"), "correct hose");
    await userEvent.click(within(dialog).getByRole("button", { name: "Encrypt the cases" }));
    expect(within(dialog).getByRole("alert")).toHaveTextContent("The two passphrases differ.");
    expect(api.setPassphrase).not.toHaveBeenCalled();
    await userEvent.clear(within(dialog).getByLabelText("Type it again"));
    await userEvent.type(within(dialog).getByLabelText("Type it again"), "correct horse{Enter}");
    expect(api.setPassphrase).toHaveBeenCalledWith("correct horse");
    expect(await within(dialog).findByRole("status")).toHaveTextContent("Encrypting the cases…");
    release();
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(await screen.findByText(/The cases are encrypted/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Lock" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Protect the cases with a passphrase" })).not.toBeInTheDocument();
  });

  it("is offered in Chinese too", async () => {
    setUiLanguage("zh");
    render(<App api={fakeApi()} />);
    const offer = await screen.findByRole("region", { name: "用密码保护案件" });
    expect(within(offer).getByText(/密码一旦忘记便无法找回/)).toBeInTheDocument();
  });
});

describe("passphrase settings", () => {
  const unlockedApi = (overrides = {}) =>
    fakeApi({
      storeState: async () => openState,
      listCases: async () => page(summaries),
      changePassphrase: async (current: string) => {
        if (current !== "correct horse") throw wrong();
        return openState;
      },
      removePassphrase: async (current: string) => {
        if (current !== "correct horse") throw wrong();
        return { ...openState, encrypted: false };
      },
      ...overrides,
    });

  it("changes the passphrase with the current one, refusing a wrong one clearly", async () => {
    const api = unlockedApi();
    render(<App api={api} />);
    await userEvent.click(await screen.findByRole("button", { name: "Passphrase…" }));
    const dialog = await screen.findByRole("dialog", { name: "The passphrase" });
    const submit = () => within(dialog).getAllByRole("button", { name: "Change the passphrase" }).find((b) => b.getAttribute("type") === "submit")!;
    await userEvent.click(submit());
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Type the current passphrase.");
    await userEvent.type(within(dialog).getByLabelText("Current passphrase"), "wrong horse");
    await userEvent.type(within(dialog).getByLabelText("New passphrase"), "short");
    await userEvent.click(submit());
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Use at least 8 characters.");
    await userEvent.clear(within(dialog).getByLabelText("New passphrase"));
    await userEvent.type(within(dialog).getByLabelText("New passphrase"), "battery staple");
    await userEvent.type(within(dialog).getByLabelText("Type it again"), "battery stapler");
    await userEvent.click(submit());
    expect(within(dialog).getByRole("alert")).toHaveTextContent("The two passphrases differ.");
    expect(api.changePassphrase).not.toHaveBeenCalled();

    await userEvent.clear(within(dialog).getByLabelText("Type it again"));
    await userEvent.type(within(dialog).getByLabelText("Type it again"), "battery staple");
    await userEvent.click(submit());
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("The current passphrase is not the right one. Nothing was changed.");
    expect(within(dialog).getByLabelText("Current passphrase")).toHaveValue("");
    // The app stays unlocked: a wrong current passphrase is not a locked store.
    expect(screen.queryByRole("heading", { name: "The case store is locked" })).not.toBeInTheDocument();

    await userEvent.type(within(dialog).getByLabelText("Current passphrase"), "correct horse");
    await userEvent.click(submit());
    expect(api.changePassphrase).toHaveBeenLastCalledWith("correct horse", "battery staple");
    expect(await screen.findByText("The passphrase is changed. Use the new one from now on.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("removes the passphrase with the current one; Lock goes and setting one is offered again", async () => {
    const api = unlockedApi();
    render(<App api={api} />);
    await userEvent.click(await screen.findByRole("button", { name: "Passphrase…" }));
    const dialog = await screen.findByRole("dialog", { name: "The passphrase" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Remove the passphrase" }));
    expect(within(dialog).getByText(/stored unencrypted again/)).toBeInTheDocument();
    expect(within(dialog).queryByLabelText("New passphrase")).not.toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText("Current passphrase"), "correct horse");
    const submit = within(dialog).getAllByRole("button", { name: "Remove the passphrase" }).find((b) => b.getAttribute("type") === "submit")!;
    await userEvent.click(submit);
    expect(api.removePassphrase).toHaveBeenCalledWith("correct horse");
    expect(await screen.findByText("The passphrase is removed: the cases are stored unencrypted.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Lock/ })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Set a passphrase…" })).toBeInTheDocument();
  });

  it("speaks Chinese", async () => {
    setUiLanguage("zh");
    render(<App api={unlockedApi()} />);
    await userEvent.click(await screen.findByRole("button", { name: "密码…" }));
    const dialog = await screen.findByRole("dialog", { name: "密码" });
    expect(within(dialog).getByLabelText("当前密码")).toBeInTheDocument();
    expect(within(dialog).getAllByRole("button", { name: "更改密码" }).length).toBe(2);
  });
});
