import { useEffect, useState } from "react";
import type { Api, Dashboard as DashboardData, TagStats } from "../ipc";
import { formatDay, t } from "../messages";
import { AppealBadge, MaterialsProgress } from "./StatusBadge";
import type { ToastMessage } from "./Toast";

type Props = { api: Api; onOpen: (id: string) => void; onTag: (tag: string) => void; notify: (m: ToastMessage) => void };

/** What needs doing across cases: reviews due and rejection windows closing (nearest date
 *  first), then cases with items needing attention, and counts per tag. */
export function Dashboard({ api, onOpen, onTag, notify }: Props) {
  const [data, setData] = useState<DashboardData | null>(null);
  useEffect(() => {
    api.dashboard().then(setData, (e) => notify({ text: (e as Error).message, tone: "error" }));
  }, [api, notify]);
  if (!data) return <p className="muted pad">{t("loading")}</p>;
  const stats = (s: TagStats) => t("tagStats", { cases: s.cases, due: s.due, attention: s.attention, ready: s.ready });
  return (
    <section className="dashboard" aria-label={t("dashboard")}>
      <h2>{t("dashboardTitle")}</h2>
      {data.due.length === 0 ? (
        <p className="muted">{t("dashboardEmpty")}</p>
      ) : (
        <ol className="due-list">
          {data.due.map((c) => (
            <li key={c.id} data-case={c.id}>
              <span className={`due-date ${c.next_deadline?.act ? "act" : ""}`}>
                {c.next_deadline ? formatDay(c.next_deadline.date) : "—"}
              </span>
              <button className="link title" onClick={() => onOpen(c.id)}>
                {c.title}
              </button>
              <span className="muted">{c.next_deadline ? c.next_deadline.text : t("itemsNeedAttention")}</span>
              <AppealBadge status={c.appeal_status} />
              <MaterialsProgress summary={c} />
              {c.tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </li>
          ))}
        </ol>
      )}
      <h2>{t("tagCounts")}</h2>
      <ul className="tag-stats">
        <li>
          <strong>{t("untaggedAll")}</strong> <span className="muted">{stats(data.total)}</span>
        </li>
        {data.tags.map((s) => (
          <li key={s.tag} data-tag={s.tag}>
            <button className="link tag" onClick={() => onTag(s.tag)}>
              {s.tag}
            </button>{" "}
            <span className="muted">{stats(s)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
