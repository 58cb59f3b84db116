import { useCallback, useEffect, useState } from "react";
import type { Api, AttachmentView, AttachResult, CaseView } from "../ipc";
import { AppealPanel } from "./AppealPanel";
import { AttachmentViewer } from "./AttachmentViewer";
import { ExportDialog } from "./ExportDialog";
import { t } from "../messages";
import { ChecklistPanel, showItem } from "./ChecklistPanel";
import { RulesUpdateBanner } from "./RulesUpdate";
import { Icon } from "./Icon";
import { Interview } from "./Interview";
import { LetterDialog } from "./LetterDialog";
import { ProfileForm } from "./ProfileForm";
import { AppealBadge, MaterialsProgress, StatusBadge } from "./StatusBadge";
import { Timeline } from "./Timeline";
import type { ToastMessage } from "./Toast";

type Tab = "questions" | "profile" | "appeal" | "timeline";
const TABS: [Tab, "tabQuestions" | "tabProfile" | "tabAppeal" | "tabTimeline"][] = [
  ["questions", "tabQuestions"],
  ["profile", "tabProfile"],
  ["appeal", "tabAppeal"],
  ["timeline", "tabTimeline"],
];
type Props = { api: Api; id: string; onBack: () => void; notify: (m: ToastMessage) => void };

/** Focuses the element when it is added. (Preact leaves `autoFocus` to the browser, which
 * honours it only while the page loads.) */
const focus = (el: HTMLElement | null) => el?.focus();

export function CaseScreen({ api, id, onBack, notify }: Props) {
  const [view, setView] = useState<CaseView | null>(null);
  const [tab, setTab] = useState<Tab>("questions");
  const [renaming, setRenaming] = useState<string | null>(null);
  const [letter, setLetter] = useState<{ id: string; title: string } | null>(null);
  const [focusField, setFocusField] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [busy, setBusy] = useState<{ item: string; text: string } | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const fail = useCallback((e: Error) => notify({ text: e.message, tone: "error" }), [notify]);

  const attached = useCallback(
    (item: string, result: AttachResult | null) => {
      setBusy(null);
      if (!result) return;
      setView(result.case);
      const n = result.case.items.find((s) => s.item === item)?.files.length ?? 0;
      if (result.refused.length) {
        notify({ text: t("refused", { files: result.refused.map((r) => `${r.name}: ${r.reason}`).join("; ") }), tone: "error" });
      } else {
        notify({ text: t("attachedToast", { n }) });
      }
    },
    [notify],
  );
  const progress = (item: string) => (p: { done: number; total: number; name: string }) =>
    setBusy({ item, text: p.done < p.total ? t("checkingFile", { n: p.done + 1, total: p.total, name: p.name }) : t("storing") });
  const attach = (item: string) => {
    setBusy({ item, text: t("choosing") });
    api.attachFiles(id, item, progress(item)).then((r) => attached(item, r), (e) => (setBusy(null), fail(e)));
  };

  // Files dropped on an item that takes files attach to it.
  useEffect(() => {
    const itemAt = (x: number, y: number) => document.elementFromPoint(x, y)?.closest<HTMLElement>("[data-attachable]")?.dataset.item ?? null;
    let unlisten: (() => void) | undefined;
    let live = true;
    api
      .onFileDrop((d) => {
        const item = d.type === "leave" ? null : itemAt(d.x, d.y);
        setDropTarget(d.type === "drop" ? null : item);
        if (d.type !== "drop") return;
        if (!item) return notify({ text: t("dropOnItem") });
        setBusy({ item, text: t("storing") });
        api.attachPaths(id, item, d.paths, progress(item)).then((r) => attached(item, r), (e) => (setBusy(null), fail(e)));
      })
      .then((u) => (live ? (unlisten = u) : u()), () => {});
    return () => {
      live = false;
      unlisten?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, id]);

  useEffect(() => {
    api.getCase(id).then(setView, fail);
  }, [api, id, fail]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && !e.defaultPrevented && !document.querySelector(".dialog") && onBack();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onBack]);

  // Arrow keys, Home and End move between tabs (the ARIA tabs pattern), focus following.
  const tabKeys = (e: React.KeyboardEvent) => {
    const names = TABS.map(([name]) => name);
    const at = names.indexOf(tab);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: names.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const to = names[(next + names.length) % names.length];
    setTab(to);
    document.getElementById(`tab-${to}`)?.focus();
  };

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
            <input aria-label={t("caseTitle")} value={renaming} ref={focus} onChange={(e) => setRenaming(e.target.value)} onKeyDown={(e) => e.key === "Escape" && (e.stopPropagation(), setRenaming(null))} />
            <button className="primary">{t("save")}</button>
          </form>
        )}
        <span className="muted">{s.provider_name}</span>
        <StatusBadge status={s.checklist_status} />
        <MaterialsProgress summary={s} />
        {s.appeal_status !== "preparing" && <AppealBadge status={s.appeal_status} />}
        {/* The primary button is the next step: exporting only once the materials are ready. */}
        <button className={s.ready_to_export ? "export primary" : "export"} onClick={() => setExporting(true)}>
          <Icon name="export" /> {t("exportBundle")}
        </button>
      </header>
      <div className="columns">
        <section className="left">
          <div className="tabs" role="tablist" aria-orientation="horizontal" onKeyDown={tabKeys}>
            {TABS.map(([name, label]) => (
              <button
                key={name}
                id={`tab-${name}`}
                role="tab"
                aria-selected={tab === name}
                aria-controls="tab-panel"
                tabIndex={tab === name ? 0 : -1}
                className={tab === name ? "active" : ""}
                onClick={() => setTab(name)}
              >
                {t(label)}
              </button>
            ))}
          </div>
          {/* Keyed by tab: each tab opens scrolled to its top, not where the last one was left. */}
          <div className="tab-body" role="tabpanel" id="tab-panel" aria-labelledby={`tab-${tab}`} key={tab}>
            {view.rules_update && <RulesUpdateBanner update={view.rules_update} onAccept={() => api.acceptRulesUpdate(id).then(setView, fail)} />}
            {tab === "questions" && <Interview view={view} onAnswer={(a) => api.answer(id, a).then(setView, fail)} />}
            {tab === "profile" && <ProfileForm view={view} save={(values) => api.setProfile(id, values)} onSaved={setView} focusField={focusField} />}
            {tab === "appeal" && (
              <AppealPanel
                view={view}
                record={(status, ticket, on) => api.setStatus(id, status, ticket, on).then(setView)}
                eraseDocuments={() =>
                  api.eraseDocuments(id).then((v) => {
                    setView(v);
                    notify({ text: t("eraseDocumentsDone") });
                  })
                }
              />
            )}
            {tab === "timeline" && <Timeline events={view.events} view={view} />}
          </div>
        </section>
        <ChecklistPanel
          checklist={view.checklist}
          answered={Object.keys(view.answers).length > 0}
          letters={view.letters}
          ticketText={view.ticket_text}
          progress={s}
          onLetter={(item) => setLetter({ id: item.id, title: item.title })}
          materials={{
            states: view.items,
            info: view.info,
            profile: view.profile,
            attach,
            open: (f: AttachmentView) => setViewing(f.id),
            saveInfo: (item, values) => api.setInfo(id, item, values).then(setView),
            busy,
            dropTarget,
            caseId: id,
          }}
        />
      </div>
      {exporting && (
        <ExportDialog
          api={api}
          caseId={id}
          flagged={{
            files: view.items.reduce((n, i) => n + i.files.filter((f) => f.checks.length > 0).length, 0),
            item: view.items.find((i) => i.files.some((f) => f.checks.length > 0))?.item ?? null,
          }}
          onClose={() => setExporting(false)}
          onExported={() => api.getCase(id).then(setView, fail)}
          onGoTo={(item) => {
            setExporting(false);
            if (!item) return setTab("questions");
            showItem(item);
          }}
        />
      )}
      {viewing && <Viewer api={api} view={view} fileId={viewing} setView={setView} notify={notify} fail={fail} onClose={() => setViewing(null)} />}
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

type ViewerProps = { api: Api; view: CaseView; fileId: string; setView: (v: CaseView) => void; notify: (m: ToastMessage) => void; fail: (e: Error) => void; onClose: () => void };

/** The viewer for one file of the case; it closes when the file is gone (removed, replaced). */
function Viewer({ api, view, fileId, setView, notify, fail, onClose }: ViewerProps) {
  const state = view.items.find((s) => s.files.some((f) => f.id === fileId));
  const file = state?.files.find((f) => f.id === fileId);
  useEffect(() => {
    if (!file) onClose();
  }, [file, onClose]);
  if (!state || !file) return null;
  const attachable = new Set(view.items.filter((i) => i.attachable).map((i) => i.item));
  const items = view.checklist.items.filter((i) => attachable.has(i.id)).map((i) => ({ id: i.id, title: i.title }));
  const remove = () =>
    api.removeAttachment(file.id).then((v) => {
      setView(v);
      notify({ text: t("removedFile", { name: file.name }), undo: () => api.restoreAttachment(file.id).then(setView, fail) });
    }, fail);
  return (
    <AttachmentViewer
      api={api}
      file={file}
      items={items}
      hideHint={view.checklist.items.find((i) => i.id === file.item)?.hide}
      position={state.files.indexOf(file)}
      count={state.files.length}
      onChange={setView}
      onRemove={remove}
      onClose={onClose}
      fail={fail}
    />
  );
}
