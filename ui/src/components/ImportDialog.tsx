import { useEffect, useState } from "react";
import type { Api, ImportPlan, Problem, ProviderInfo } from "../ipc";
import { t } from "../messages";
import { Dialog } from "./Dialog";

type Props = { api: Api; onClose: () => void; onImported: (n: number) => void };

/** Cases from a spreadsheet: the template to start from, then a preview of every row with the
 *  bad cells marked; importing is possible only when every cell is right. */
export function ImportDialog({ api, onClose, onImported }: Props) {
  const [providers, setProviders] = useState<ProviderInfo[]>([]);
  const [provider, setProvider] = useState("");
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.providers().then((p) => {
      setProviders(p);
      setProvider((current) => current || p[0]?.id || "");
    });
  }, [api]);

  const attempt = async (f: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await f();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const template = () =>
    attempt(async () => {
      const path = await api.saveTemplate(provider);
      if (path) setNote(t("templateSaved", { path }));
    });
  const choose = () =>
    attempt(async () => {
      const p = await api.pickSheet();
      if (p) setPlan(p);
    });
  const importAll = () =>
    attempt(async () => {
      const imported = await api.importSheet();
      onImported(imported.length);
    });

  const problemAt = (row: number, index: number): Problem | undefined => plan?.problems.find((p) => p.row === row && p.index === index);
  const ok = !!plan && plan.problems.length === 0 && plan.cases.length > 0;
  return (
    <Dialog title={t("importTitle")} onClose={onClose} wide>
      <p className="muted small">{t("importHelp")}</p>
      <div className="template-row">
        <select aria-label={t("provider")} value={provider} onChange={(e) => setProvider(e.target.value)}>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <button onClick={template} disabled={busy || !provider}>
          {t("downloadTemplate")}
        </button>
        <button className={plan ? "" : "primary"} onClick={choose} disabled={busy}>
          {t("chooseSheet")}
        </button>
      </div>
      {note && (
        <p className="muted small" role="status">
          {note}
        </p>
      )}
      {plan && (
        <>
          <p className="sheet-summary">{t("sheetRows", { n: plan.rows.length, file: plan.file })}</p>
          {plan.problems.length > 0 && (
            <div className="error sheet-problems" role="alert">
              <p>{t("sheetProblems", { n: plan.problems.length })}</p>
              <ul>
                {plan.problems.slice(0, 50).map((p, i) => (
                  <li key={i}>
                    {t("sheetProblemAt", { row: p.row, column: p.column, reason: p.reason })}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="sheet-preview">
            <table>
              <thead>
                <tr>
                  <th>{t("sheetRow")}</th>
                  {plan.columns.map((c, i) => {
                    const bad = problemAt(1, i);
                    return (
                      <th key={i} className={bad ? "bad" : undefined} title={bad?.reason}>
                        {c}
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {plan.rows.slice(0, 500).map((r) => (
                  <tr key={r.row} data-row={r.row}>
                    <th>{r.row}</th>
                    {plan.columns.map((_, i) => {
                      const bad = problemAt(r.row, i);
                      return (
                        <td key={i} className={bad ? "bad" : undefined} title={bad?.reason} aria-invalid={bad ? true : undefined}>
                          {r.cells[i] ?? ""}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="buttons">
        <button onClick={onClose}>{t("cancel")}</button>
        <button className="primary" onClick={importAll} disabled={busy || !ok}>
          {t("importN", { n: plan?.cases.length ?? 0 })}
        </button>
      </div>
    </Dialog>
  );
}
