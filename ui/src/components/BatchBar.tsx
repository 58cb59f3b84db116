import { useState } from "react";
import type { Api, BatchExportReport, CaseSummary, Lang } from "../ipc";
import { t, uiLanguage } from "../messages";
import { Dialog } from "./Dialog";
import type { ToastMessage } from "./Toast";

type Props = { api: Api; selected: CaseSummary[]; tag: string | null; onClear: () => void; onChanged: () => void; notify: (m: ToastMessage) => void };

/** What can be done to the selected cases at once: one print run of their letters, their
 *  bundles into a folder, a tag. */
export function BatchBar({ api, selected, tag, onClear, onChanged, notify }: Props) {
  const [tagging, setTagging] = useState<"add" | "remove" | null>(null);
  const [exporting, setExporting] = useState(false);
  const ids = selected.map((c) => c.id);
  // The tags the selected cases carry, for "Remove tag…".
  const present = [...new Set(selected.flatMap((c) => c.tags))].sort();
  const titles = (list: string[]) => list.map((id) => selected.find((c) => c.id === id)?.title ?? id).join(t("listSeparator"));

  const print = async () => {
    const lang: Lang = uiLanguage() === "zh" ? "zh" : "en";
    try {
      const r = await api.printLetters(ids, lang, tag ?? null);
      if (!r) return;
      const blanks = r.missing.length > 0 ? ` ${t("lettersBlanks", { cases: r.missing.map((m) => m.title).join(t("listSeparator")) })}` : "";
      notify({ text: `${t("lettersSaved", { letters: r.letters.length, pages: r.pages, path: r.file })}${blanks}` });
      onChanged();
    } catch (e) {
      notify({ text: (e as Error).message, tone: "error" });
    }
  };

  return (
    <div className="batch-bar" role="region" aria-label={t("selectedN", { n: selected.length })}>
      <strong>{t("selectedN", { n: selected.length })}</strong>
      <button onClick={print}>{t("printLetters")}</button>
      <button onClick={() => setExporting(true)}>{t("exportSelected")}</button>
      <button onClick={() => setTagging("add")}>{t("addTag")}</button>
      {present.length > 0 && <button onClick={() => setTagging("remove")}>{t("removeTagAction")}</button>}
      <button className="link" onClick={onClear}>
        {t("clearSelection")}
      </button>
      {tagging && (
        <TagDialog
          n={selected.length}
          remove={tagging === "remove" ? present : null}
          onClose={() => setTagging(null)}
          onTag={async (name) => {
            const remove = tagging === "remove";
            await api.tagCases(ids, [name], remove);
            setTagging(null);
            notify({ text: t(remove ? "untagged" : "tagged", { n: ids.length, tag: name }) });
            onChanged();
          }}
        />
      )}
      {exporting && (
        <ExportCasesDialog
          api={api}
          ids={ids}
          onClose={() => setExporting(false)}
          onDone={(r) => {
            setExporting(false);
            const skipped = r.skipped.length > 0 ? ` ${t("skippedCases", { cases: titles(r.skipped.map((s) => s.case)) })}` : "";
            notify({ text: `${t("exportedCases", { n: r.exported.length })}${skipped}` });
            onChanged();
          }}
        />
      )}
    </div>
  );
}

/** Adds a typed tag, or with `remove` (the tags the cases carry), removes the one picked. */
function TagDialog({ n, remove, onClose, onTag }: { n: number; remove: string[] | null; onClose: () => void; onTag: (tag: string) => Promise<void> }) {
  const [tag, setTag] = useState(remove?.[0] ?? "");
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await onTag(tag);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Dialog title={t(remove ? "untagTitle" : "tagTitle", { n })} onClose={onClose}>
      <form onSubmit={submit}>
        <label htmlFor="tag-name">{t("tagLabel")}</label>
        {remove ? (
          <select id="tag-name" value={tag} onChange={(e) => setTag(e.target.value)}>
            {remove.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        ) : (
          <input id="tag-name" value={tag} onChange={(e) => setTag(e.target.value)} aria-describedby="tag-help" aria-invalid={!!error} />
        )}
        <p id="tag-help" className={error ? "error" : "muted"}>
          {error ?? (remove ? "" : t("tagHelp"))}
        </p>
        <div className="buttons">
          <button type="button" onClick={onClose}>
            {t("cancel")}
          </button>
          <button type="submit" className={remove ? "danger solid" : "primary"} disabled={!tag.trim()}>
            {t(remove ? "removeTagAction" : "addTag").replace("…", "")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ExportCasesDialog({ api, ids, onClose, onDone }: { api: Api; ids: string[]; onClose: () => void; onDone: (r: BatchExportReport) => void }) {
  const [allow, setAllow] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    setProgress(t("exporting"));
    try {
      const r = await api.exportCases(ids, allow, (p) => setProgress(t("exportingCase", { n: p.done, total: p.total, title: p.title })));
      if (r) onDone(r);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
    }
  };
  return (
    <Dialog title={t("exportCasesTitle", { n: ids.length })} onClose={onClose}>
      <p>{t("exportCasesHelp")}</p>
      <label className="choice">
        <input type="checkbox" checked={allow} onChange={(e) => setAllow(e.target.checked)} /> {t("exportCasesAnyway")}
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="buttons">
        {progress && (
          <span className="muted small" role="status">
            {progress}
          </span>
        )}
        <button onClick={onClose}>{t("cancel")}</button>
        <button className="primary" onClick={run} disabled={!!progress}>
          {t("exportButton")}
        </button>
      </div>
    </Dialog>
  );
}
