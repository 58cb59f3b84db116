import { useState } from "react";
import type { AppealStatus, CaseView } from "../ipc";
import { formatDay, t } from "../messages";
import { SourceQuote } from "./ChecklistPanel";
import { Dialog } from "./Dialog";

type Props = {
  view: CaseView;
  record: (status: AppealStatus, ticket: string | null, on: string | null) => Promise<unknown>;
  /** After approval: erases the documents, keeps the record. */
  eraseDocuments?: () => Promise<unknown>;
};

/** Today in the user's time zone, as YYYY-MM-DD. */
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime());

/** After submission: the ticket, the result, and the dates the provider's document sets. */
export function AppealPanel({ view, record, eraseDocuments }: Props) {
  const a = view.appeal;
  const [ticket, setTicket] = useState(a.ticket ?? "");
  const [on, setOn] = useState(today());
  const [error, setError] = useState<string | null>(null);
  const save = (status: AppealStatus, withTicket: boolean) => async (e?: React.FormEvent) => {
    e?.preventDefault();
    if (on && !isDay(on)) return setError(t("dateInvalid", { example: today() }));
    try {
      await record(status, withTicket ? ticket : null, on || null);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const submitted = a.status !== "preparing";
  const documents = view.items.reduce((n, i) => n + i.files.length, 0);
  const [erasing, setErasing] = useState(false);
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
        <div className="date-row">
          <input id="appeal-on" inputMode="numeric" placeholder={today()} value={on} aria-describedby="appeal-on-day" aria-invalid={!!on && !isDay(on)} onChange={(e) => setOn(e.target.value.trim())} />
          <span id="appeal-on-day" className="muted small">
            {isDay(on) ? formatDay(on) : t("dateInvalid", { example: today() })}
          </span>
        </div>
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
      {a.status === "approved" && documents > 0 && eraseDocuments && (
        <section className="erase-documents" aria-labelledby="erase-documents-title">
          <h3 id="erase-documents-title">{t("eraseDocumentsTitle")}</h3>
          <p className="muted">{t("eraseDocumentsHelp")}</p>
          <button className="danger" onClick={() => setErasing(true)}>
            {t("eraseDocumentsAction")}
          </button>
        </section>
      )}
      {erasing && eraseDocuments && <EraseDialog n={documents} title={view.summary.title} erase={eraseDocuments} onClose={() => setErasing(false)} />}
    </div>
  );
}

/** Asks before the documents go for good. */
function EraseDialog({ n, title, erase, onClose }: { n: number; title: string; erase: () => Promise<unknown>; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    try {
      await erase();
      onClose();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <Dialog title={t("eraseDocumentsTitle")} onClose={busy ? () => {} : onClose}>
      <p>{t("eraseDocumentsConfirm", { n, title })}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="buttons">
        <button onClick={onClose} disabled={busy}>
          {t("cancel")}
        </button>
        <button className="danger" onClick={confirm} disabled={busy}>
          {t("eraseDocumentsTitle")}
        </button>
      </div>
    </Dialog>
  );
}
