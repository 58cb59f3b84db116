import { useEffect, useState } from "react";
import type { Api, ExportReport, Gap } from "../ipc";
import { t } from "../messages";
import { Dialog } from "./Dialog";

type Props = {
  api: Api;
  caseId: string;
  /** Files whose checks found something the reviewer may reject, and the first such item. */
  flagged?: { files: number; item: string | null };
  onClose: () => void;
  onGoTo: (item: string | null) => void;
  onExported: () => void;
};

/** Checks the case is complete, then writes the bundle where the user chooses, with progress. */
export function ExportDialog({ api, caseId, flagged, onClose, onGoTo, onExported }: Props) {
  const [gaps, setGaps] = useState<Gap[] | null>(null);
  const [allow, setAllow] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [report, setReport] = useState<ExportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.completeness(caseId).then(setGaps, (e) => setError((e as Error).message));
  }, [api, caseId]);

  const run = async () => {
    setError(null);
    setProgress(t("exporting"));
    try {
      const r = await api.exportBundle(caseId, allow, (p) => setProgress(t("exportingN", { n: p.done, total: p.total })));
      if (r) {
        setReport(r);
        onExported();
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
    }
  };
  const incomplete = !!gaps && gaps.length > 0;
  // Export stays off, and says why, until the case is complete or the user accepts a partial bundle.
  const blocked = incomplete && !allow;
  return (
    <Dialog title={t("exportTitle")} onClose={onClose}>
      {gaps === null ? (
        <p className="muted">{t("loading")}</p>
      ) : report ? (
        <div role="status" className="export-done">
          <p>{t("exportedTo", { path: report.path })}</p>
          <p className="muted small">{report.complete ? t("exportedComplete", { n: report.files }) : t("exportedIncomplete")}</p>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="buttons">
            <button
              onClick={() => {
                setError(null);
                api.showExportFolder().catch((e) => setError(t("showFolderFailed", { reason: (e as Error).message, path: report.path })));
              }}
            >
              {t("showInFolder")}
            </button>
            <button className="primary" onClick={onClose}>
              {t("close")}
            </button>
          </div>
        </div>
      ) : (
        <>
          {flagged && flagged.files > 0 && (
            <p className="export-flagged attention" role="note">
              {t("exportFlagged", { n: flagged.files })}{" "}
              <button className="link" onClick={() => onGoTo(flagged.item)}>
                {t("review")}
              </button>
            </p>
          )}
          {incomplete ? (
            <>
              <p>{t("exportMissing")}</p>
              <ul className="gaps">
                {gaps.map((g, i) => (
                  <li key={i} data-gap={g.item ?? "checklist"}>
                    <strong>{g.title}</strong>: {g.reason}{" "}
                    <button className="link" onClick={() => onGoTo(g.item)}>
                      {t("goTo")}
                    </button>
                  </li>
                ))}
              </ul>
              <label className="choice">
                <input type="checkbox" checked={allow} onChange={(e) => setAllow(e.target.checked)} /> {t("exportAnyway")}
              </label>
            </>
          ) : (
            <p>{t("exportReady")}</p>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          {blocked && (
            <p id="export-why" className="muted small">
              {t("exportNeedsAllow")}
            </p>
          )}
          <div className="buttons">
            {progress && <span className="muted small">{progress}</span>}
            <button onClick={onClose}>{t("cancel")}</button>
            <button className="primary" onClick={run} disabled={!!progress || blocked} aria-describedby={blocked ? "export-why" : undefined}>
              {t("exportButton")}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
