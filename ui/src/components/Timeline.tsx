import type { CaseView, EventView } from "../ipc";
import { formatDateTime, t, tk } from "../messages";

type Detail = Record<string, unknown>;
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const text = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

/** What an event changed, in words: "holder name, contact phone", "Business license: scan.jpg". */
export function eventDetail(e: EventView, view: Pick<CaseView, "checklist" | "questions">): string | null {
  const d = (e.detail && typeof e.detail === "object" ? e.detail : {}) as Detail;
  const join = (parts: string[]) => (parts.length ? parts.join(t("listSeparator")) : null);
  const item = (id: unknown) => view.checklist.items.find((i) => i.id === id)?.title ?? text(id);
  const withItem = (rest: string | null) => {
    const it = item(d.item);
    return it && rest ? t("itemDetail", { item: it, detail: rest }) : it || rest;
  };
  switch (e.kind) {
    case "profile":
      return join(list(d.fields).map((f) => tk(`f_${f}`)));
    case "info":
      return withItem(join(list(d.fields).map((f) => tk(`i_${f}`))));
    case "answered":
      return join(Object.keys(d).map((q) => view.questions.find((x) => x.id === q)?.label ?? q));
    case "attached":
      return withItem(join(list(d.files)));
    case "removed":
    case "restored_file":
    case "fixed":
    case "discarded_original":
      return withItem(text(d.file));
    case "replaced":
      return withItem([text(d.file), text(d.by)].filter(Boolean).join(" → ") || null);
    case "moved":
      return [text(d.file), item(d.to)].filter(Boolean).join(" → ") || null;
    case "letter":
    case "exported":
      return withItem(text(d.file));
    case "tagged":
    case "untagged":
      return join(list(d.tags));
    case "renamed":
      return text(d.title);
    case "submitted":
      return text(d.ticket);
    default:
      return null;
  }
}

export function Timeline({ events, view }: { events: EventView[]; view: Pick<CaseView, "checklist" | "questions"> }) {
  return (
    <ol className="timeline">
      {[...events].reverse().map((e, i) => {
        const what = t(`ev_${e.kind}`);
        const detail = eventDetail(e, view);
        return (
          <li key={i}>
            <span className="when">{formatDateTime(e.at)}</span>
            <span className="what">{detail ? t("eventDetail", { what, detail }) : what}</span>
          </li>
        );
      })}
    </ol>
  );
}
