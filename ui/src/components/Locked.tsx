// The locked store (issue 17): the screen the app opens to while the store is locked, and the
// dialog that puts a passphrase on it from the first-run screen.
import { useLayoutEffect, useRef, useState, type FormEvent } from "react";
import { IpcError, type Api, type StoreState } from "../ipc";
import { t } from "../messages";
import { Dialog } from "./Dialog";
import { Icon } from "./Icon";
import { PassphraseField } from "./PassphraseField";

/** Minutes of idleness after which the app locks, remembered on this computer. */
export const IDLE_CHOICES = [1, 5, 15, 30, 60] as const;
const IDLE_KEY = "appeal-kit.idle-lock-minutes";
export const DEFAULT_IDLE_MINUTES = 15;

export function idleLockMinutes(): number {
  const saved = Number(globalThis.localStorage?.getItem(IDLE_KEY));
  return (IDLE_CHOICES as readonly number[]).includes(saved) ? saved : DEFAULT_IDLE_MINUTES;
}

export function setIdleLockMinutes(minutes: number) {
  globalThis.localStorage?.setItem(IDLE_KEY, String(minutes));
}

type UnlockProps = { api: Api; note: string | null; onUnlocked: (s: StoreState) => void; onToggleLanguage?: () => void };

/** Asks for the passphrase. Unlocking takes about half a second (Argon2id): the button says so meanwhile. */
export function UnlockScreen({ api, note, onUnlocked, onToggleLanguage }: UnlockProps) {
  const [passphrase, setPassphrase] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  // Focused in the same commit as the screen appears (see Dialog).
  useLayoutEffect(() => field.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!passphrase || busy) return;
    setBusy(true);
    setError(null);
    try {
      const state = await api.unlock(passphrase);
      setPassphrase("");
      onUnlocked(state);
    } catch (err) {
      const wrong = err instanceof IpcError && err.kind === "locked" && err.field === "passphrase";
      setError(wrong ? t("wrongPassphrase") : (err as Error).message);
      setPassphrase("");
      setBusy(false);
      // The field is enabled again on the next render; focus it then.
      setTimeout(() => field.current?.focus(), 0);
    }
  };

  return (
    <main className="unlock">
      <form className="unlock-card" onSubmit={submit} aria-busy={busy}>
        <span className="art">
          <Icon name="lock" size={30} />
        </span>
        <h1>{t("unlockTitle")}</h1>
        <p className="muted">{t("unlockHelp")}</p>
        {note && (
          <p className="muted small" role="status">
            {note}
          </p>
        )}
        <PassphraseField
          id="unlock-passphrase"
          label={t("passphrase")}
          inputRef={field}
          value={passphrase}
          disabled={busy}
          invalid={!!error}
          describedBy={error ? "unlock-error" : undefined}
          onChange={setPassphrase}
        />
        {error && (
          <p className="error" role="alert" id="unlock-error">
            {error}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy || !passphrase}>
          {busy ? (
            <>
              <span className="spinner" aria-hidden="true" /> {t("unlocking")}
            </>
          ) : (
            t("unlockAction")
          )}
        </button>
        {busy && <div className="busy-bar" role="progressbar" aria-label={t("unlocking")} />}
        <p className="muted small">{t("unlockForgotten")}</p>
        {onToggleLanguage && (
          <button type="button" className="link" onClick={onToggleLanguage} lang={t("otherLanguage") === "English" ? "en" : "zh-CN"}>
            {t("otherLanguage")}
          </button>
        )}
      </form>
    </main>
  );
}

type SetProps = { api: Api; min: number; onClose: () => void; onDone: (s: StoreState) => void };

/** Puts a passphrase on the store: typed twice, then every case and file is encrypted. */
export function PassphraseDialog({ api, min, onClose, onDone }: SetProps) {
  const [first, setFirst] = useState("");
  const [second, setSecond] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: "first" | "second"; text: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    // Characters as the store counts them (not UTF-16 units).
    if ([...first].length < min) return setError({ field: "first", text: t("passphraseTooShort", { n: min }) });
    if (first !== second) return setError({ field: "second", text: t("passphrasesDiffer") });
    setError(null);
    setBusy(true);
    try {
      const state = await api.setPassphrase(first);
      setFirst("");
      setSecond("");
      onDone(state);
    } catch (err) {
      setError({ field: "first", text: (err as Error).message });
      setBusy(false);
    }
  };

  return (
    <Dialog title={t("protectTitle")} onClose={busy ? () => {} : onClose}>
      <form onSubmit={submit} className="passphrase-form">
        <p className="muted">{t("protectHelp")}</p>
        <PassphraseField
          id="new-passphrase"
          label={t("newPassphrase")}
          isNew
          value={first}
          disabled={busy}
          invalid={error?.field === "first"}
          onChange={setFirst}
        />
        <PassphraseField
          id="confirm-passphrase"
          label={t("confirmPassphrase")}
          isNew
          value={second}
          disabled={busy}
          invalid={error?.field === "second"}
          onChange={setSecond}
        />
        {error && (
          <p className="error" role="alert">
            {error.text}
          </p>
        )}
        {busy && (
          <p className="muted" role="status">
            <span className="spinner" aria-hidden="true" /> {t("encrypting")}
          </p>
        )}
        <div className="buttons">
          <button type="button" onClick={onClose} disabled={busy}>
            {t("cancel")}
          </button>
          <button className="primary" type="submit" disabled={busy}>
            {t("encryptAction")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

type SettingsProps = { api: Api; min: number; onClose: () => void; onChanged: (s: StoreState, removed: boolean) => void };

/** Changes the passphrase (the key is wrapped again, nothing re-encrypted) or takes it off (the
 *  cases rewritten unencrypted); either needs the current passphrase. */
export function PassphraseSettings({ api, min, onClose, onChanged }: SettingsProps) {
  const [mode, setMode] = useState<"change" | "remove">("change");
  const [current, setCurrent] = useState("");
  const [first, setFirst] = useState("");
  const [second, setSecond] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: "current" | "first" | "second"; text: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!current) return setError({ field: "current", text: t("needCurrentPassphrase") });
    if (mode === "change") {
      if ([...first].length < min) return setError({ field: "first", text: t("passphraseTooShort", { n: min }) });
      if (first !== second) return setError({ field: "second", text: t("passphrasesDiffer") });
    }
    setError(null);
    setBusy(true);
    try {
      const state = mode === "change" ? await api.changePassphrase(current, first) : await api.removePassphrase(current);
      setCurrent("");
      setFirst("");
      setSecond("");
      onChanged(state, mode === "remove");
    } catch (err) {
      const wrong = err instanceof IpcError && err.kind === "locked" && err.field === "passphrase";
      const onNew = err instanceof IpcError && err.field === "new_passphrase";
      setError({ field: onNew ? "first" : "current", text: wrong ? t("wrongCurrentPassphrase") : (err as Error).message });
      if (wrong) setCurrent("");
      setBusy(false);
    }
  };

  const invalid = (field: "current" | "first" | "second") => error?.field === field;
  return (
    <Dialog title={t("passphraseSettingsTitle")} onClose={busy ? () => {} : onClose}>
      <form onSubmit={submit} className="passphrase-form" aria-busy={busy}>
        <div className="segmented" role="group">
          <button type="button" aria-pressed={mode === "change"} disabled={busy} onClick={() => (setMode("change"), setError(null))}>
            {t("changePassphraseAction")}
          </button>
          <button type="button" aria-pressed={mode === "remove"} disabled={busy} onClick={() => (setMode("remove"), setError(null))}>
            {t("removePassphraseAction")}
          </button>
        </div>
        {mode === "remove" && <p className="muted">{t("removePassphraseHelp")}</p>}
        <PassphraseField
          id="current-passphrase"
          label={t("currentPassphrase")}
          value={current}
          disabled={busy}
          invalid={invalid("current")}
          onChange={setCurrent}
        />
        {mode === "change" && (
          <>
            <PassphraseField
              id="changed-passphrase"
              label={t("newPassphrase")}
              isNew
              value={first}
              disabled={busy}
              invalid={invalid("first")}
              onChange={setFirst}
            />
            <PassphraseField
              id="changed-passphrase-again"
              label={t("confirmPassphrase")}
              isNew
              value={second}
              disabled={busy}
              invalid={invalid("second")}
              onChange={setSecond}
            />
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error.text}
          </p>
        )}
        {busy && (
          <p className="muted" role="status">
            <span className="spinner" aria-hidden="true" /> {t(mode === "change" ? "changingPassphrase" : "decrypting")}
          </p>
        )}
        <div className="buttons">
          <button type="button" onClick={onClose} disabled={busy}>
            {t("cancel")}
          </button>
          <button className={mode === "remove" ? "danger" : "primary"} type="submit" disabled={busy}>
            {t(mode === "change" ? "changePassphraseAction" : "removePassphraseAction")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
