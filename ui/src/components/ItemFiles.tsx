import type { AttachmentView, ItemState, LetterMatch } from "../ipc";
import { t } from "../messages";

type Props = {
  state: ItemState;
  /** The case shown, and the titles of its items: what a recognised letter scan is. */
  caseId?: string;
  titleOf?: (item: string) => string;
  onAttach: () => void; onOpen: (file: AttachmentView) => void; busy?: string | null };

/** An item's files: status, what still needs doing, upright previews, and a way to add more. */
export function ItemFiles({ state, caseId, titleOf = (id) => id, onAttach, onOpen, busy }: Props) {
  return (
    <div className="item-files">
      <ItemStatusChip state={state} />
      {state.attention.map((a, i) => (
        <p key={i} className="attention">
          {a}
        </p>
      ))}
      {state.files.length > 0 && (
        <ul className="thumbs">
          {state.files.map((f) => (
            <li key={f.id}>
              <button className="thumb" onClick={() => onOpen(f)} title={t("openFile", { name: f.name })} data-attachment={f.id}>
                <img src={f.thumbnail} alt={t("previewOf", { name: f.name })} />
                <span className="thumb-name">{f.name}</span>
                {f.has_location && <span className="badge location">{t("locationFound")}</span>}
                {f.fixes.length > 0 && <span className="badge fixed">{t("fixed")}</span>}
                {f.generated_letter && <span className="badge warn">{t("unsigned")}</span>}
                {f.missing && <span className="badge warn">{t("fileMissing")}</span>}
              </button>
              {f.letter && (
                <p className="thumb-letter" data-letter-case={f.letter.case} data-letter-page={`${f.letter.page}/${f.letter.pages}`}>
                  {letterLine(f.letter, caseId, titleOf)}
                </p>
              )}
              {f.checks.length > 0 && (
                <p className="thumb-check" data-checks={f.checks.map((c) => c.id).join(" ")} title={f.checks.map((c) => c.message).join("\n")}>
                  <span className="badge warn">{t("mayBeRejected")}</span> {f.checks[0].message}
                  {f.checks.length > 1 && <span className="muted"> {t("moreChecks", { n: f.checks.length - 1 })}</span>}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="attach-row">
        <button className="small-button" onClick={onAttach} disabled={!!busy}>
          {t("attachFiles")}
        </button>
        <span className="muted small">{busy ?? t("orDrop")}</span>
      </div>
    </div>
  );
}

/** "Authorization Letter, page 1 of 1, this case": what the code on a scanned letter says. */
export function letterLine(letter: LetterMatch, caseId: string | undefined, titleOf: (item: string) => string) {
  const whose = letter.case === caseId ? t("letterThisCase") : t("letterOtherCase", { id: letter.case });
  return t("letterRecognised", { title: titleOf(letter.item), page: letter.page, pages: letter.pages, whose });
}

export function ItemStatusChip({ state }: { state: ItemState }) {
  const n = state.files.length;
  const label =
    state.status === "provided"
      ? n
        ? t("attachedN", { n })
        : t("filled")
      : state.status === "needs_attention"
        ? t("needsAttention")
        : state.status === "missing"
          ? t("missing")
          : t("outsideApp");
  return <span className={`chip item-${state.status}`}>{label}</span>;
}
