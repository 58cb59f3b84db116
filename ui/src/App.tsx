import { useCallback, useState } from "react";
import type { Api } from "./ipc";
import { CaseList } from "./components/CaseList";
import { CaseScreen } from "./components/CaseScreen";
import { Toast, type ToastMessage } from "./components/Toast";

export function App({ api }: { api: Api }) {
  const [openCase, setOpenCase] = useState<string | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const notify = useCallback((m: ToastMessage) => setToast(m), []);

  return (
    <div className="app">
      {openCase ? (
        <CaseScreen api={api} id={openCase} onBack={() => setOpenCase(null)} notify={notify} />
      ) : (
        <CaseList api={api} onOpen={setOpenCase} notify={notify} />
      )}
      {toast && <Toast message={toast} onDone={() => setToast(null)} />}
    </div>
  );
}
