import { useLayoutEffect, useRef } from "react";
import type { AttachmentView, CaseSummary, Checklist, Finding, Item, ItemKind, ItemState, Note, Profile, Source } from "../ipc";
import { t } from "../messages";
import { Icon, type IconName } from "./Icon";
import { InfoForm } from "./InfoForm";
import { ItemFiles } from "./ItemFiles";
import { MaterialsProgress } from "./StatusBadge";

const GROUPS: ItemKind[] = ["document", "letter", "information", "step"];

/** What the checklist can do with each item's files and values, when shown for a case. */
export type Materials = {
  states: ItemState[];
  info: Record<string, Record<string, string>>;
  profile: Profile;
  attach: (item: string) => void;
  open: (file: AttachmentView) => void;
  saveInfo: (item: string, values: Record<string, string>) => Promise<unknown>;
  /** The item a batch is being attached to, and its progress text. */
  busy: { item: string; text: string } | null;
  /** The item files are being dragged over. */
  dropTarget: string | null;
  /** The case shown: a recognised letter scan says whether it is this case's. */
  caseId: string;
};

type PanelProps = {
  checklist: Checklist;
  /** Some question has been answered already (the empty list then asks for the rest). */
  answered?: boolean;
  letters?: string[];
  onLetter?: (item: Item) => void;
  ticketText?: string | null;
  materials?: Materials;
  /** The case's materials' progress, for the summary strip. */
  progress?: CaseSummary;
};

/** Scrolls a checklist item into view just below the sticky summary (the list's
 *  scroll-padding-top keeps it clear of the strip) and focuses its first control. */
export function showItem(id: string) {
  const el = document.querySelector<HTMLElement>(`li[data-item='${id}']`);
  el?.scrollIntoView?.({ block: "start", behavior: "smooth" });
  el?.querySelector<HTMLElement>("button, input, textarea")?.focus({ preventScroll: true });
}

export function ChecklistPanel({ checklist, answered = false, letters = [], onLetter, ticketText, materials, progress }: PanelProps) {
  const { status, items } = checklist;
  const titleOf = (id: string) => items.find((i) => i.id === id)?.title ?? id;
  const summary =
    status === "ready"
      ? t("checklistReady")
      : status === "incomplete"
        ? t("checklistIncomplete", { n: checklist.missing_answers.length })
        : status === "blocked"
          ? t("checklistBlocked")
          : t("checklistNotCovered");
  // The strip stays at the top while the list scrolls; the list's scroll padding follows its
  // height, so an item scrolled to (by "Show", or from the export dialog) lands below it.
  const aside = useRef<HTMLElement>(null);
  const strip = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const pad = () => aside.current?.style.setProperty("--summary-height", `${strip.current?.offsetHeight ?? 0}px`);
    pad();
    if (typeof ResizeObserver === "undefined" || !strip.current) return;
    const watch = new ResizeObserver(pad);
    watch.observe(strip.current);
    return () => watch.disconnect();
  }, []);
  return (
    <aside ref={aside} className={`checklist status-${status}`} aria-label={t("checklist")}>
      <header ref={strip} className="checklist-summary" aria-live="polite">
        <div className="summary-row">
          <h2>{t("checklist")}</h2>
          <p className="summary">{summary}</p>
          {progress && items.length > 0 && <MaterialsProgress summary={progress} />}
        </div>
        {materials && <NextStep items={items} states={materials.states} />}
      </header>
      <p className="muted small checklist-meta">
        {t(`submitBy_${checklist.submission.method}`)} · {t("rules", { source: checklist.rules.source, version: checklist.rules.version })}
      </p>
      {items.length === 0 && status === "incomplete" && (
        <p className="checklist-empty">
          <Icon name="step" size={18} />
          <span>{answered ? t("checklistEmptyMore") : t("checklistEmpty")}</span>
        </p>
      )}
      <Findings checklist={checklist} />
      {GROUPS.map((kind) => {
        const group = items.filter((i) => i.kind === kind);
        if (!group.length) return null;
        return (
          <section key={kind} className="group">
            <h3>{t(`group_${kind}`)}</h3>
            <ul>
              {group.map((item) => (
                <ChecklistItem key={item.id} item={item} titleOf={titleOf} materials={materials} onLetter={letters.includes(item.id) && onLetter ? () => onLetter(item) : undefined} />
              ))}
            </ul>
          </section>
        );
      })}
      {ticketText && (
        <section className="group">
          <h3>{t("ticketText")}</h3>
          <textarea className="ticket" readOnly value={ticketText} aria-label={t("ticketText")} onFocus={(e) => e.target.select()} rows={ticketText.split("\n").length + 1} />
          <button className="small-button" onClick={() => navigator.clipboard?.writeText(ticketText).catch(() => {})}>
            {t("copy")}
          </button>
        </section>
      )}
      {checklist.guidance.length > 0 && (
        <section className="group guidance">
          <h3>{t("guidance")}</h3>
          <ul>
            {checklist.guidance.map((g, i) => (
              <NoteLine key={i} note={g} />
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}

function ChecklistItem({ item, titleOf, onLetter, materials: m }: { item: Item; titleOf: (id: string) => string; onLetter?: () => void; materials?: Materials }) {
  const state = m?.states.find((s) => s.item === item.id);
  const attachable = state?.attachable ?? false;
  return (
    <li className={`item ${m?.dropTarget === item.id ? "drop-target" : ""} ${state ? `state-${state.status}` : ""}`} data-item={item.id} data-attachable={attachable || undefined}>
      <div className="item-head">
        {state && <StateIcon state={state} />}
        <span className="item-title">{item.title}</span>
        <span className={`req ${item.requirement}`}>{t(item.requirement)}</span>
      </div>
      <p className="why">{item.why}</p>
      {item.notes.length > 0 && (
        <ul className="notes">
          {item.notes.map((n, i) => (
            <NoteLine key={i} note={n} />
          ))}
        </ul>
      )}
      {m && state && attachable && (
        <ItemFiles state={state} caseId={m.caseId} titleOf={titleOf} onAttach={() => m.attach(item.id)} onOpen={m.open} busy={m.busy?.item === item.id ? m.busy.text : null} />
      )}
      {m && state && item.kind === "information" && <InfoForm state={state} saved={m.info[item.id]} profile={m.profile} save={(v) => m.saveInfo(item.id, v)} />}
      <div className="item-foot">
        <SourceQuote source={item.source} />
        {onLetter && (
          <button className="small-button" onClick={onLetter}>
            {t("prepareLetter")}
          </button>
        )}
      </div>
    </li>
  );
}

export function SourceQuote({ source }: { source: Source }) {
  return (
    <details className="source">
      <summary>{t("source")}</summary>
      <p className="section">{source.section}</p>
      <blockquote lang="en">{source.quote}</blockquote>
    </details>
  );
}

/** A note: what the provider's document says, with its quote, or Appeal Kit's own advice,
 *  marked as such so it is never mistaken for the provider's word. */
function NoteLine({ note }: { note: Note }) {
  if (!note.source) {
    return (
      <li className="note guidance-note" data-guidance="true">
        <span className="our-advice" title={t("ourAdviceHelp")}>
          {t("ourAdvice")}
        </span>{" "}
        {note.text}
      </li>
    );
  }
  return (
    <li className="note">
      {note.text}
      <SourceQuote source={note.source} />
    </li>
  );
}

/** Blockers and not-covered findings: calm explanations, the source, and what to do instead. */
function Findings({ checklist }: { checklist: Checklist }) {
  const show = (f: Finding, heading: string) => (
    <div key={f.id} className={`finding ${checklist.status}`} role="alert" data-finding={f.id}>
      <h3>{heading}</h3>
      <p>{f.message}</p>
      <SourceQuote source={f.source} />
      {f.advice.length > 0 && (
        <>
          <h4>{t("whatInstead")}</h4>
          <ul>
            {f.advice.map((a, i) => (
              <NoteLine key={i} note={a} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
  return (
    <>
      {checklist.blockers.map((f) => show(f, t("blockedHeading")))}
      {checklist.gaps.map((f) => show(f, t("notCoveredHeading")))}
    </>
  );
}

const STATE_ICONS: Record<ItemState["status"], IconName> = { missing: "circle", provided: "check", needs_attention: "alert", not_applicable: "step" };

function StateIcon({ state }: { state: ItemState }) {
  return (
    <span className={`state-icon item-${state.status}`} title={t(state.status === "needs_attention" ? "needsAttention" : state.status === "provided" ? "filled" : state.status === "missing" ? "missing" : "outsideApp")}>
      <Icon name={STATE_ICONS[state.status]} size={16} />
    </span>
  );
}

/** What to do next, first: an item that needs attention, else the first required item still missing. */
function NextStep({ items, states }: { items: Item[]; states: ItemState[] }) {
  const status = (i: Item) => states.find((s) => s.item === i.id)?.status;
  const next = items.find((i) => status(i) === "needs_attention") ?? items.find((i) => i.requirement === "required" && status(i) === "missing");
  if (!next) return null;
  return (
    <p className="next-step">
      <Icon name={status(next) === "needs_attention" ? "alert" : "step"} />
      <span className="muted">{t("nextStep")}</span> <strong>{next.title}</strong>
      {status(next) === "needs_attention" && <span className="chip item-needs_attention">{t("needsAttention")}</span>}{" "}
      <button className="link" onClick={() => showItem(next.id)} aria-label={`${t("goTo")}: ${next.title}`}>
        {t("goTo")}
      </button>
    </p>
  );
}
