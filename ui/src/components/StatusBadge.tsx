import type { AppealStatus, CaseSummary, Status } from "../ipc";
import { t } from "../messages";
import { Icon } from "./Icon";

/** The checklist's status: whether the questions are answered, never whether the case can be sent. */
export function StatusBadge({ status }: { status: Status }) {
  return <span className={`badge status-${status}`}>{t(`status_${status}`)}</span>;
}

export function AppealBadge({ status }: { status: AppealStatus }) {
  return <span className={`badge appeal-${status}`}>{t(`appeal_${status}`)}</span>;
}

/** The materials' progress: "3 of 5 provided", what needs attention, and "Ready to export"
 * only when the engine says the case can be sent. */
export function MaterialsProgress({ summary }: { summary: CaseSummary }) {
  const { required, provided, attention } = summary.materials;
  if (summary.ready_to_export) {
    return (
      <span className="progress done" data-materials="ready">
        <Icon name="check" /> {t("readyToExport")}
      </span>
    );
  }
  if (required === 0 && attention === 0) {
    // Blocked or not covered: there is nothing to gather, and the checklist status says why.
    const ended = summary.checklist_status === "blocked" || summary.checklist_status === "not_covered";
    return <span className="progress muted" data-materials="none">{ended ? "—" : t("materialsNone")}</span>;
  }
  const share = required ? Math.round((provided / required) * 100) : 0;
  return (
    <span className="progress" data-materials={`${provided}/${required}`}>
      <span className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={required} aria-valuenow={provided} aria-label={t("colMaterials")}>
        <span style={{ width: `${share}%` }} />
      </span>
      <span>{t("materialsProvided", { provided, required })}</span>
      {attention > 0 && (
        <span className="attention-count">
          <Icon name="alert" /> {t("materialsAttention", { n: attention })}
        </span>
      )}
    </span>
  );
}
