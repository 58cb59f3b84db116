import { useState } from "react";
import type { AppealStatus, CaseView } from "../ipc";
import { formatDay, t } from "../messages";
import { SourceQuote } from "./ChecklistPanel";

type Props = { view: CaseView; record: (status: AppealStatus, ticket: string | null, on: string | null) => Promise<unknown> };

const today = () => new Date().toISOString().slice(0, 10);

/** After submission: the ticket, the result, and the dates the provider's document sets. */
export function AppealPanel({ view, record }: Props) {
  const a = view.appeal;
  const [ticket, setTicket] = useState(a.ticket ?? "");
  const [on, setOn] = useState(today());
  const [error, setError] = useState<string | null>(null);
  const save = (status: AppealStatus, withTicket: boolean) => async (e?: React.FormEvent) => {
    e?.preventDefault();
    try {
      await record(status, withTicket ? ticket : null, on || null);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const submitted = a.status !== "preparing";
  return (
    <div className="appeal-panel">
      <p className="appeal-state">
        {t(`appealNow_${a.status}`, { ticket: a.ticket ?? "", submitted: a.submitted_on ? formatDay(a.submitted_on) : "", decided: a.decided_on ? formatDay(a.decided_on) : "" })}
      </p>
      {a.deadlines.map((d) => (
        <div key={d.id} className={`deadline ${d.act ? "act" : "wait"} ${d.days_left < 0 ? "passed" : ""}`} data-deadline={d.id}>
          <strong>
            {t(d.act ? "actBy" : "expectBy", { date: formatDay(d.date) })} ·{" "}
            {d.days_left > 0 ? t("inDays", { n: d.days_left }) : d.days_left === 0 ? t("todayWord") : t("daysAgo", { n: -d.days_left })}
          </strong>
          <p>{d.text}</p>
          {d.note && <p className="muted small deadline-note">{d.note}</p>}
          <SourceQuote source={d.source} />
        </div>
      ))}
      {submitted && a.deadlines.length === 0 && a.status === "submitted" && <p className="muted">{t("noTimeline")}</p>}
      <form className="appeal-form" onSubmit={save("submitted", true)}>
        <label htmlFor="appeal-on">{t("onDate")}</label>
        <input id="appeal-on" type="date" value={on} max={today()} onChange={(e) => setOn(e.target.value)} />
        <label htmlFor="appeal-ticket">{t("ticketNumber")}</label>
        <input id="appeal-ticket" value={ticket} onChange={(e) => setTicket(e.target.value)} placeholder={t("ticketPlaceholder")} />
        <div className="buttons">
          {/* Recording the submission is the next step only before it is done (or after a rejection). */}
          <button className={a.status === "preparing" || a.status === "rejected" ? "primary" : ""} type="submit">
            {a.status === "rejected" ? t("recordResubmitted") : t("recordSubmitted")}
          </button>
          {submitted && (
            <>
              <button type="button" onClick={() => save("approved", false)()}>
                {t("recordApproved")}
              </button>
              <button type="button" className="danger" onClick={() => save("rejected", false)()}>
                {t("recordRejected")}
              </button>
            </>
          )}
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}
