import type { RulesUpdate } from "../ipc";
import { t } from "../messages";

/** A newer version of the provider's rules: what it changes for this case's answers, and
 *  moving to it. The case stays on its version until the user accepts. */
export function RulesUpdateBanner({ update, onAccept }: { update: RulesUpdate; onAccept: () => void }) {
  return (
    <section className="rules-update" role="status" aria-label={t("rulesUpdate")}>
      <p>
        <strong>{t("rulesUpdate")}</strong> {t("rulesUpdateFromTo", { from: update.from, to: update.to })}
      </p>
      {update.changes.length === 0 ? (
        <p className="muted">{t("rulesUpdateNothing")}</p>
      ) : (
        <ul>
          {update.changes.map((c, i) => (
            <li key={i} data-change={c.kind} data-item={c.item ?? undefined}>
              {c.kind === "status_changed"
                ? t("change_status_changed", { before: c.before.join(", "), after: c.after.join(", ") })
                : t(`change_${c.kind}`, { title: c.title })}
              {c.kind === "requirement_changed" && ` (${c.before.map((r) => t(r as "required")).join(", ")} → ${c.after.map((r) => t(r as "required")).join(", ")})`}
              {c.kind === "notes_changed" && <span className="muted small"> {c.after.join(" ")}</span>}
            </li>
          ))}
        </ul>
      )}
      <button className="primary" onClick={onAccept}>
        {t("rulesUpdateAccept")}
      </button>
    </section>
  );
}
