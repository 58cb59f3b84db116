import { useCallback, useEffect, useLayoutEffect, useState } from "react";
import { LOCKED_EVENT, type Api, type StoreState } from "./ipc";
import { CaseList } from "./components/CaseList";
import { CaseScreen } from "./components/CaseScreen";
import { UnlockScreen, idleLockMinutes, setIdleLockMinutes } from "./components/Locked";
import { Toast, type ToastMessage } from "./components/Toast";
import { setUiLanguage, t, uiLanguage } from "./messages";

export function App({ api }: { api: Api }) {
  const [openCase, setOpenCase] = useState<string | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const notify = useCallback((m: ToastMessage) => setToast(m), []);
  // Switching the language re-mounts the screens, so every text is drawn again.
  const [language, setLanguage] = useState(uiLanguage);
  const toggleLanguage = () => {
    const next = language === "zh" ? "en" : "zh";
    setUiLanguage(next);
    setLanguage(next);
  };
  // The rule texts (questions, checklist, notes) follow the interface language: the screens
  // mount once the kit has been told, so their first fetch is already in that language.
  const [rulesLanguage, setRulesLanguage] = useState<string | null>(null);
  // Layout effects, here and for the store's state: asked before the first paint, not after.
  useLayoutEffect(() => {
    let live = true;
    api.setLanguage(language).then(
      () => live && setRulesLanguage(language),
      () => live && setRulesLanguage(language),
    );
    return () => {
      live = false;
    };
  }, [api, language]);

  // The locked store: the app opens to the unlock screen while the store is locked; it locks on
  // request (the Lock button, Ctrl+L) and after the idle time chosen (the backend then drops the
  // keys). Nothing of a case stays on screen while locked: the screens unmount.
  const [store, setStore] = useState<StoreState | null>(null);
  const [lockNote, setLockNote] = useState<string | null>(null);
  const [idleMinutes, setIdleMinutes] = useState(idleLockMinutes);
  useLayoutEffect(() => {
    let live = true;
    api.storeState().then(
      (s) => live && setStore(s),
      (e) => {
        if (!live) return;
        setStore({ encrypted: false, unlocked: true, min_passphrase_chars: 8 });
        notify({ text: (e as Error).message, tone: "error" });
      },
    );
    return () => {
      live = false;
    };
  }, [api, notify]);
  const locked = !!store && store.encrypted && !store.unlocked;
  const lock = useCallback(
    async (note: string | null = null) => {
      try {
        setStore(await api.lock());
        setLockNote(note);
        setToast(null);
      } catch (e) {
        notify({ text: (e as Error).message, tone: "error" });
      }
    },
    [api, notify],
  );
  // A call that finds the store locked (see ipc's LOCKED_EVENT): show the unlock screen.
  useEffect(() => {
    const onLocked = () => setStore((s) => s && { ...s, unlocked: false });
    window.addEventListener(LOCKED_EVENT, onLocked);
    return () => window.removeEventListener(LOCKED_EVENT, onLocked);
  }, []);
  const canLock = !!store?.encrypted && !locked;
  useEffect(() => {
    if (!canLock) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "l") {
        e.preventDefault();
        lock();
      }
    };
    window.addEventListener("keydown", onKey);
    // Idle: no key, click, pointer movement or scrolling for the chosen time.
    let last = Date.now();
    const seen = () => {
      last = Date.now();
    };
    const activity = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;
    for (const name of activity) window.addEventListener(name, seen, { passive: true });
    const limit = idleMinutes * 60_000;
    const timer = setInterval(() => {
      if (Date.now() - last < limit) return;
      // Once: the next check could come before the lock has answered.
      clearInterval(timer);
      lock(t("lockedIdle", { n: idleMinutes }));
    }, Math.min(limit, 5_000));
    return () => {
      window.removeEventListener("keydown", onKey);
      for (const name of activity) window.removeEventListener(name, seen);
      clearInterval(timer);
    };
  }, [canLock, idleMinutes, lock]);
  const security = store && {
    state: store,
    onLock: () => lock(),
    idleMinutes,
    onIdleMinutes: (n: number) => {
      setIdleLockMinutes(n);
      setIdleMinutes(n);
    },
    onEncrypted: (s: StoreState) => {
      setStore(s);
      notify({ text: t("encryptedDone") });
    },
    onPassphraseChanged: (s: StoreState, removed: boolean) => {
      setStore(s);
      notify({ text: t(removed ? "passphraseRemoved" : "passphraseChanged") });
    },
  };

  // Ctrl+A selects the text of a field, never the whole interface (it is an app, not a page).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== "a") return;
      const el = e.target as HTMLElement | null;
      const editable = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || !!el?.isContentEditable;
      if (!editable) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="app" key={language}>
      {rulesLanguage !== language || !store || !security ? null : locked ? (
        <UnlockScreen
          api={api}
          note={lockNote}
          onToggleLanguage={toggleLanguage}
          onUnlocked={(s) => {
            setLockNote(null);
            setStore(s);
          }}
        />
      ) : openCase ? (
        <CaseScreen api={api} id={openCase} onBack={() => setOpenCase(null)} notify={notify} />
      ) : (
        <CaseList api={api} onOpen={setOpenCase} notify={notify} onToggleLanguage={toggleLanguage} security={security} />
      )}
      {toast && <Toast message={toast} onDone={() => setToast(null)} />}
    </div>
  );
}
