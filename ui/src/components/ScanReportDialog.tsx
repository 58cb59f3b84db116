import type { ScanReport } from "../ipc";
import { t } from "../messages";
import { Dialog } from "./Dialog";

type Props = { report: ScanReport; titles: Map<string, string>; onOpen: (id: string) => void; onClose: () => void };

const base = (file: string) => file.split(/[\\/]/).pop() ?? file;

/** What a stack of letter scans became: each page filed to its case's letter, and the pages
 *  placed nowhere, each with why. */
export function ScanReportDialog({ report, titles, onOpen, onClose }: Props) {
  const cases = new Set(report.placed.map((p) => p.case)).size;
  return (
    <Dialog title={t("scanTitle")} onClose={onClose}>
      <p>{t("scanSummary", { n: report.placed.length, cases })}</p>
      {report.placed.length > 0 && (
        <ul className="scan-placed">
          {report.placed.map((p, i) => (
            <li key={i} data-case={p.case}>
              {t("scanPage", { file: base(p.file), page: p.page })} →{" "}
              <button className="link" onClick={() => onOpen(p.case)}>
                {titles.get(p.case) ?? p.case}
              </button>
            </li>
          ))}
        </ul>
      )}
      {report.unplaced.length > 0 && (
        <>
          <p role="alert" className="error">
            {t("scanUnplaced", { n: report.unplaced.length })}
          </p>
          <ul className="scan-unplaced">
            {report.unplaced.map((u, i) => (
              <li key={i}>
                {u.page > 0 ? t("scanPage", { file: base(u.file), page: u.page }) : base(u.file)}: {u.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="buttons">
        <button className="primary" onClick={onClose}>
          {t("close")}
        </button>
      </div>
    </Dialog>
  );
}
