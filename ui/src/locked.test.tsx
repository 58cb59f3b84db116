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
