import type { AppealStatus, Status } from "../ipc";
import { t } from "../messages";

export function StatusBadge({ status }: { status: Status }) {
  return <span className={`badge status-${status}`}>{t(`status_${status}`)}</span>;
}

export function AppealBadge({ status }: { status: AppealStatus }) {
  return <span className={`badge appeal-${status}`}>{t(`appeal_${status}`)}</span>;
}
