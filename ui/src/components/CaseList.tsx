import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { IpcError, type Api, type CasePage, type CaseSummary, type ProviderInfo, type ScanReport, type StoreState, type TagCount } from "../ipc";
import { PAGE } from "../ipc/early";
import { formatDateAndTime, formatDateTime, formatDay, t } from "../messages";
import { Dialog } from "./Dialog";
import { Icon } from "./Icon";
import { AppealBadge, MaterialsProgress, StatusBadge } from "./StatusBadge";
import { BatchBar } from "./BatchBar";
import { Dashboard } from "./Dashboard";
import { ImportDialog } from "./ImportDialog";
import { ScanReportDialog } from "./ScanReportDialog";
import { IDLE_CHOICES, PassphraseDialog, PassphraseSettings } from "./Locked";
import type { ToastMessage } from "./Toast";

/** Rows drawn before the window's first paint of the list: a screenful (no row is under 50 px). */
const firstRowCount = () => Math.max(1, Math.ceil(window.innerHeight / 50));
const NO_CASES: CaseSummary[] = [];

/**
 * The first screenful of `rows` at once, and all of them from the next frame on: a hundred
 * table rows took longer to lay out and paint than the rest of the start-up.
 */
function useFirstRowsFirst<T>(rows: T[]): T[] {
  const [all, setAll] = useState(false);
  const [first] = useState(firstRowCount);
  const waiting = !all && rows.length > first;
  useEffect(() => {
    if (!waiting) return;
    // A task queued from the next frame's callbacks runs once that frame is painted: callbacks
    // run before the paint, so the rest drawn in one would be painted with the first rows.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setAll(true))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [waiting]);
  return waiting ? rows.slice(0, first) : rows;
}

/** The locked store as the list offers it: Lock and the idle time when there is a passphrase,
 *  setting one on the first-run screen when there is not. */
export type Security = {
  state: StoreState;
  onLock: () => void;
  idleMinutes: number;
  onIdleMinutes: (n: number) => void;
  onEncrypted: (s: StoreState) => void;
  /** The passphrase changed, or (`removed`) taken off. */
  onPassphraseChanged: (s: StoreState, removed: boolean) => void;
};

type Props = { api: Api; onOpen: (id: string) => void; notify: (m: ToastMessage) => void; onToggleLanguage?: () => void; security?: Security };

export function CaseList({ api, onOpen, notify, onToggleLanguage, security }: Props) {
  const [protecting, setProtecting] = useState(false);
  const [passphraseSettings, setPassphraseSettings] = useState(false);
  const [query, setQuery] = useState("");
  const [page, setPage] = useState<CasePage | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<CaseSummary | null>(null);
  const [importing, setImporting] = useState(false);
  const [showDue, setShowDue] = useState(false);
  // Many cases at once: a tag to narrow the list to, and the cases ticked for a bulk action.
  const [tag, setTag] = useState<string | null>(null);
  const [tags, setTags] = useState<TagCount[]>([]);
  const [selected, setSelected] = useState<Map<string, CaseSummary>>(new Map());
  const search = useRef<HTMLInputElement>(null);
  // Scans of printed letters, filed to their cases by the code on each page.
  const [scanning, setScanning] = useState(false);
  const [scanned, setScanned] = useState<ScanReport | null>(null);

  const reload = useCallback(() => {
    const failed = (e: IpcError) => notify({ text: e.message, tone: "error" });
    api.listTags().then(setTags, failed);
    if (tag === null) return api.listCases(query, limit).then(setPage, failed);
    // A tag's cases come whole; the search narrows them here.
    const q = query.trim().toLowerCase();
    return api.casesTagged(tag).then((all) => {
      const cases = q ? all.filter((c) => `${c.title} ${c.id} ${c.provider}`.toLowerCase().includes(q)) : all;
      // The count of approved cases holding documents is of all cases: kept from the last page.
      setPage((p) => ({ cases, total: cases.length, approved_with_documents: p?.approved_with_documents ?? 0 }));
    }, failed);
  }, [api, query, limit, tag, notify]);
  // Asked for as soon as the list is in the page, not after its first paint (when effects
  // run): the cases arrive a frame sooner at start-up.
  useLayoutEffect(() => {
    reload();
  }, [reload]);

  const toggle = (c: CaseSummary) =>
    setSelected((s) => {
      const next = new Map(s);
      if (next.has(c.id)) next.delete(c.id);
      else next.set(c.id, c);
      return next;
    });
  const firstRows = useFirstRowsFirst(page?.cases ?? NO_CASES);
  const allShown = !!page && page.cases.length > 0 && page.cases.every((c) => selected.has(c.id));
  const toggleAll = () => setSelected(allShown ? new Map() : new Map((page?.cases ?? []).map((c) => [c.id, c])));

  // Ctrl+N: new case; Ctrl+F or /: search.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if ((e.ctrlKey || e.metaKey) && e.key === "n") {
        e.preventDefault();
        setCreating(true);
      } else if (((e.ctrlKey || e.metaKey) && e.key === "f") || (e.key === "/" && !typing)) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const duplicate = async (c: CaseSummary) => {
    try {
      const copy = await api.duplicateCase(c.id);
      notify({ text: t("duplicated", { title: copy.summary.title }) });
      // The copy is for another account (its account name is cleared): open it straight away.
      onOpen(copy.summary.id);
    } catch (e) {
      notify({ text: (e as Error).message, tone: "error" });
    }
  };

  const remove = async (c: CaseSummary) => {
    setDeleting(null);
    try {
      await api.deleteCase(c.id);
      notify({ text: t("deleted", { title: c.title }), undo: () => api.restoreCase(c.id).then(reload) });
      reload();
    } catch (e) {
      notify({ text: (e as Error).message, tone: "error" });
    }
  };

  const fileScans = useCallback(
    async (run: () => Promise<ScanReport | null>) => {
      setScanning(true);
      try {
        const report = await run();
        if (report) setScanned(report);
      } catch (e) {
        notify({ text: (e as Error).message, tone: "error" });
      } finally {
        setScanning(false);
        reload();
      }
    },
    [notify, reload],
  );
  // Scans dropped anywhere on the list are filed like picked ones.
  const fileScansNow = useRef(fileScans);
  fileScansNow.current = fileScans;
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let live = true;
    api
      .onFileDrop((d) => {
        if (d.type === "drop" && d.paths.length > 0) fileScansNow.current(() => api.scanDropped(d.paths));
      })
      .then((u) => (live ? (unlisten = u) : u()), () => {});
    return () => {
      live = false;
      unlisten?.();
    };
  }, [api]);

  const openBundle = async () => {
    try {
      const view = await api.importBundle();
      if (!view) return;
      notify({ text: t("imported", { title: view.summary.title }) });
      onOpen(view.summary.id);
    } catch (e) {
      notify({ text: (e as Error).message, tone: "error" });
    }
  };

  // Nothing until the first page has come: a first paint of the bar alone held up the reply
  // (it arrived after that paint) and the list was painted later than without it.
  if (page === null && !showDue) return null;
  return (
    <main className="case-list">
      <header className="topbar">
        <div className="brand">
          <h1>{t("appName")}</h1>
          <span className="muted">{t("tagline")}</span>
        </div>
        <input
          ref={search}
          type="search"
          className="search"
          aria-label={t("searchCases")}
          placeholder={t("searchPlaceholder")}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setLimit(PAGE);
          }}
        />
        {onToggleLanguage && (
          <button className="link" onClick={onToggleLanguage} lang={t("otherLanguage") === "English" ? "en" : "zh-CN"}>
            {t("otherLanguage")}
          </button>
        )}
        <button onClick={openBundle}>{t("openBundle")}</button>
        {security && (
          <button
            onClick={() => (security.state.encrypted ? setPassphraseSettings(true) : setProtecting(true))}
            title={security.state.encrypted ? t("passphraseSettingsHint") : t("protectTitle")}
          >
            {security.state.encrypted ? t("passphraseSettings") : t("setPassphrase")}
          </button>
        )}
        {security?.state.encrypted && (
          <button onClick={security.onLock} title={t("lockHint")}>
            <Icon name="lock" /> {t("lockAction")}
          </button>
        )}
        <button className="primary" onClick={() => setCreating(true)} title="Ctrl+N">
          <Icon name="plus" /> {t("newCase")}
        </button>
      </header>

      <div className="list-tools">
        <div className="segmented" role="group">
          <button aria-pressed={!showDue} onClick={() => setShowDue(false)}>
            {t("allCases")}
          </button>
          <button aria-pressed={showDue} onClick={() => setShowDue(true)}>
            {t("dashboard")}
          </button>
        </div>
        {tags.length > 0 && !showDue && (
          <select aria-label={t("filterTag")} value={tag ?? ""} onChange={(e) => setTag(e.target.value || null)}>
            <option value="">{t("allTags")}</option>
            {tags.map((tc) => (
              <option key={tc.tag} value={tc.tag}>
                {tc.tag} ({tc.cases})
              </option>
            ))}
          </select>
        )}
        <button className="push" onClick={() => setImporting(true)}>
          {t("importSheet")}
        </button>
        <button onClick={() => fileScans(api.scanLetters)} disabled={scanning} title={t("scanLettersHint")}>
          {scanning ? t("scanning") : t("scanLetters")}
        </button>
        {security?.state.encrypted && (
          <label className="idle-lock">
            {t("idleLock")}
            <select value={security.idleMinutes} onChange={(e) => security.onIdleMinutes(Number(e.target.value))}>
              {IDLE_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {t("idleMinutes", { n })}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {!showDue && !!page?.approved_with_documents && (
        <p className="notice holding-documents" role="status">
          {t("holdingDocuments", { n: page.approved_with_documents })}
        </p>
      )}
      {selected.size > 0 && (
        <BatchBar api={api} selected={[...selected.values()]} tag={tag} onClear={() => setSelected(new Map())} onChanged={reload} notify={notify} />
      )}
      {showDue ? (
        <Dashboard
          api={api}
          onOpen={onOpen}
          notify={notify}
          onTag={(name) => {
            setTag(name);
            setShowDue(false);
          }}
        />
      ) : page === null ? (
        <p className="muted pad">{t("loading")}</p>
      ) : page.cases.length === 0 ? (
        <div className="empty">
          {!query && (
            <span className="art">
              <Icon name="file" size={34} />
            </span>
          )}
          <h2>{query ? t("noMatches", { query }) : t("noCases")}</h2>
          {!query && <p className="muted">{t("noCasesHelp")}</p>}
          {!query && (
            <ol>
              <li>{t("emptyStep1")}</li>
              <li>{t("emptyStep2")}</li>
              <li>{t("emptyStep3")}</li>
            </ol>
          )}
          {!query && (
            <button className="primary" onClick={() => setCreating(true)}>
              <Icon name="plus" /> {t("newCase")}
            </button>
          )}
          {!query && security && !security.state.encrypted && (
            <section className="protect" aria-labelledby="protect-title">
              <h3 id="protect-title">
                <Icon name="lock" /> {t("protectTitle")}
              </h3>
              <p className="muted small">{t("protectHelp")}</p>
              <button onClick={() => setProtecting(true)}>{t("setPassphrase")}</button>
            </section>
          )}
        </div>
      ) : (
        <table className="cases">
          <thead>
            <tr>
              <th className="select">
                <input type="checkbox" aria-label={t("selectAll")} checked={allShown} onChange={toggleAll} />
              </th>
              <th>{t("colTitle")}</th>
              <th>{t("colProvider")}</th>
              <th>{t("colQuestions")}</th>
              <th>{t("colMaterials")}</th>
              <th>{t("colAppeal")}</th>
              <th>{t("colUpdated")}</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {firstRows.map((c) => (
              <tr key={c.id} data-case={c.id} className={selected.has(c.id) ? "selected" : undefined}>
                <td className="select">
                  <input type="checkbox" aria-label={t("selectCase", { title: c.title })} checked={selected.has(c.id)} onChange={() => toggle(c)} />
                </td>
                <td className="case-cell">
                  <button className="link title" onClick={() => onOpen(c.id)}>
                    {c.title}
                  </button>
                  <span className="muted id">{c.id}</span>
                  {c.tags.map((name) => (
                    <button key={name} className="tag" onClick={() => setTag(name)} aria-label={`${t("filterTag")}: ${name}`}>
                      {name}
                    </button>
                  ))}
                </td>
                <td>{c.provider_name}</td>
                <td>
                  <StatusBadge status={c.checklist_status} />
                </td>
                <td>
                  <MaterialsProgress summary={c} />
                </td>
                <td>
                  <AppealBadge status={c.appeal_status} />
                  {c.next_deadline && (
                    <span className={`due ${c.next_deadline.act ? "act" : ""}`}>
                      {t(c.next_deadline.act ? "actBy" : "expectBy", { date: formatDay(c.next_deadline.date) })}
                    </span>
                  )}
                </td>
                <td className="muted when" title={formatDateTime(c.updated_at)}>
                  {formatDateAndTime(c.updated_at).map((part, i) => (
                    <span key={i}>{part}</span>
                  ))}
                </td>
                <td className="actions">
                  <button onClick={() => duplicate(c)} aria-label={`${t("duplicate")} ${c.title}`}>
                    {t("duplicate")}
                  </button>
                  <button className="danger" onClick={() => setDeleting(c)} aria-label={`${t("delete")} ${c.title}`}>
                    {t("delete")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!showDue && page && page.total > page.cases.length && (
        <p className="more muted">
          {t("showing", { n: page.cases.length, total: page.total })}{" "}
          <button className="link" onClick={() => setLimit((l) => l + PAGE * 5)}>
            {t("showMore")}
          </button>
        </p>
      )}

      {protecting && security && (
        <PassphraseDialog
          api={api}
          min={security.state.min_passphrase_chars}
          onClose={() => setProtecting(false)}
          onDone={(state) => {
            setProtecting(false);
            security.onEncrypted(state);
          }}
        />
      )}
      {passphraseSettings && security && (
        <PassphraseSettings
          api={api}
          min={security.state.min_passphrase_chars}
          onClose={() => setPassphraseSettings(false)}
          onChanged={(state, removed) => {
            setPassphraseSettings(false);
            security.onPassphraseChanged(state, removed);
          }}
        />
      )}
      {scanned && (
        <ScanReportDialog
          report={scanned}
          titles={new Map((page?.cases ?? []).map((c) => [c.id, c.title]))}
          onOpen={(id) => {
            setScanned(null);
            onOpen(id);
          }}
          onClose={() => setScanned(null)}
        />
      )}
      {importing && (
        <ImportDialog
          api={api}
          onClose={() => setImporting(false)}
          onImported={(n) => {
            setImporting(false);
            notify({ text: t("importedN", { n }) });
            reload();
          }}
        />
      )}
      {creating && (
        <NewCaseDialog
          api={api}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            onOpen(id);
          }}
        />
      )}
      {deleting && (
        <Dialog title={t("deleteTitle", { title: deleting.title })} onClose={() => setDeleting(null)}>
          <p>{t("deleteBody")}</p>
          <div className="buttons">
            <button onClick={() => setDeleting(null)}>{t("cancel")}</button>
            <button className="danger solid" onClick={() => remove(deleting)}>
              {t("delete")}
            </button>
          </div>
        </Dialog>
      )}
    </main>
  );
}

function NewCaseDialog({ api, onClose, onCreated }: { api: Api; onClose: () => void; onCreated: (id: string) => void }) {
  const [providers, setProviders] = useState<ProviderInfo[]>([]);
  const [provider, setProvider] = useState("");
  const [title, setTitle] = useState("");
  const [error, setError] = useState<IpcError | null>(null);
  useEffect(() => {
    api.providers().then((p) => {
      setProviders(p);
      setProvider((current) => current || p[0]?.id || "");
    });
  }, [api]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const c = await api.createCase(provider, title);
      onCreated(c.summary.id);
    } catch (err) {
      setError(err as IpcError);
    }
  };
  return (
    <Dialog title={t("newCase")} onClose={onClose}>
      <form onSubmit={submit}>
        <label htmlFor="new-title">{t("caseTitle")}</label>
        <input id="new-title" value={title} onChange={(e) => setTitle(e.target.value)} aria-describedby="new-title-help" aria-invalid={error?.field === "title"} />
        <p id="new-title-help" className={error ? "error" : "muted"}>
          {error ? error.message : t("caseTitleHelp")}
        </p>
        <fieldset>
          <legend>{t("provider")}</legend>
          {providers.map((p) => (
            <label key={p.id} className="choice">
              <input type="radio" name="provider" value={p.id} checked={provider === p.id} onChange={() => setProvider(p.id)} />
              <span>
                {p.name}
                <small className="muted"> · {p.source_title}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="buttons">
          <button type="button" onClick={onClose}>
            {t("cancel")}
          </button>
          <button type="submit" className="primary">
            {t("create")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
