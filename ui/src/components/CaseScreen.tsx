import { useCallback, useEffect, useState } from "react";
import type { Api, CaseView } from "../ipc";
import { t } from "../messages";
import { ChecklistPanel } from "./ChecklistPanel";
import { Interview } from "./Interview";
import { LetterDialog } from "./LetterDialog";
import { ProfileForm } from "./ProfileForm";
import { AppealBadge, StatusBadge } from "./StatusBadge";
import { Timeline } from "./Timeline";
import type { ToastMessage } from "./Toast";

type Tab = "questions" | "profile" | "timeline";
type Props = { api: Api; id: string; onBack: () => void; notify: (m: ToastMessage) => void };

export function CaseScreen({ api, id, onBack, notify }: Props) {
  const [view, setView] = useState<CaseView | null>(null);
  const [tab, setTab] = useState<Tab>("questions");
  const [renaming, setRenaming] = useState<string | null>(null);
  const [letter, setLetter] = useState<{ id: string; title: string } | null>(null);
  const [focusField, setFocusField] = useState<string | null>(null);
  const fail = useCallback((e: Error) => notify({ text: e.message, tone: "error" }), [notify]);

  useEffect(() => {
    api.getCase(id).then(setView, fail);
  }, [api, id, fail]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && !document.querySelector(".dialog") && onBack();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onBack]);

  if (!view) return <p className="muted pad">{t("loading")}</p>;
  const s = view.summary;

  const rename = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      setView(await api.renameCase(id, renaming ?? s.title));
      setRenaming(null);
    } catch (err) {
      fail(err as Error);
    }
  };

  return (
    <main className="case-screen">
      <header className="topbar">
        <button className="back" onClick={onBack} title="Esc">
          ← {t("back")}
        </button>
        {renaming === null ? (
          <h1 className="case-title">
            <button className="link" onClick={() => setRenaming(s.title)} title={t("rename")}>
              {s.title}
            </button>
          </h1>
        ) : (
          <form className="rename" onSubmit={rename}>
            <input aria-label={t("caseTitle")} value={renaming} autoFocus onChange={(e) => setRenaming(e.target.value)} onKeyDown={(e) => e.key === "Escape" && (e.stopPropagation(), setRenaming(null))} />
            <button className="primary">{t("save")}</button>
          </form>
        )}
        <span className="muted">{s.provider_name}</span>
        <StatusBadge status={s.checklist_status} />
        <AppealBadge status={s.appeal_status} />
      </header>
      <div className="columns">
        <section className="left">
          <nav className="tabs" role="tablist">
            {(["questions", "profile", "timeline"] as Tab[]).map((name) => (
              <button key={name} role="tab" aria-selected={tab === name} className={tab === name ? "active" : ""} onClick={() => setTab(name)}>
                {t(name === "questions" ? "tabQuestions" : name === "profile" ? "tabProfile" : "tabTimeline")}
              </button>
            ))}
          </nav>
          <div className="tab-body" role="tabpanel">
            {tab === "questions" && <Interview view={view} onAnswer={(a) => api.answer(id, a).then(setView, fail)} />}
            {tab === "profile" && <ProfileForm view={view} save={(values) => api.setProfile(id, values)} onSaved={setView} focusField={focusField} />}
            {tab === "timeline" && <Timeline events={view.events} />}
          </div>
        </section>
        <ChecklistPanel checklist={view.checklist} letters={view.letters} ticketText={view.ticket_text} onLetter={(item) => setLetter({ id: item.id, title: item.title })} />
      </div>
      {letter && (
        <LetterDialog
          api={api}
          caseId={id}
          item={letter.id}
          title={letter.title}
          notify={notify}
          onClose={() => {
            setLetter(null);
            api.getCase(id).then(setView, fail);
          }}
          onFillProfile={(field) => {
            setLetter(null);
            setFocusField(field);
            setTab("profile");
          }}
        />
      )}
    </main>
  );
}
