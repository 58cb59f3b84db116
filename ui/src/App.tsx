import { useCallback, useEffect, useState } from "react";
import type { Api } from "./ipc";
import { CaseList } from "./components/CaseList";
import { CaseScreen } from "./components/CaseScreen";
import { Toast, type ToastMessage } from "./components/Toast";
import { setUiLanguage, uiLanguage } from "./messages";

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
  useEffect(() => {
    let live = true;
    api.setLanguage(language).then(
      () => live && setRulesLanguage(language),
      () => live && setRulesLanguage(language),
    );
    return () => {
      live = false;
    };
  }, [api, language]);

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
      {rulesLanguage !== language ? null : openCase ? (
        <CaseScreen api={api} id={openCase} onBack={() => setOpenCase(null)} notify={notify} />
      ) : (
        <CaseList api={api} onOpen={setOpenCase} notify={notify} onToggleLanguage={toggleLanguage} />
      )}
      {toast && <Toast message={toast} onDone={() => setToast(null)} />}
    </div>
  );
}
