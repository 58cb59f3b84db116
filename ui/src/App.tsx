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
