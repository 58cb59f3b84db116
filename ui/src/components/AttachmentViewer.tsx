import { useEffect, useRef, useState } from "react";
import type { Api, AttachmentPage, AttachmentView, CaseView, Corner, Fix, Rect } from "../ipc";
import { t } from "../messages";
import { Dialog } from "./Dialog";

type Tool = "crop" | "redact" | "straighten" | null;
type Props = {
  api: Api;
  file: AttachmentView;
  /** Items a file can move to: id and title. */
  items: { id: string; title: string }[];
  /** What the source asks to hide in this item's pictures, if anything. */
  hideHint?: string;
  position: number;
  count: number;
  onChange: (view: CaseView) => void;
  onRemove: () => void;
  onClose: () => void;
  fail: (e: Error) => void;
};

const VIEW_SIZE = 1600;
/** Where the straighten corners start when the checks suggested none. */
const DEFAULT_CORNERS: Corner[] = [
  { x: 0.1, y: 0.1 },
  { x: 0.9, y: 0.1 },
  { x: 0.9, y: 0.9 },
  { x: 0.1, y: 0.9 },
];

/** A large, upright view of one file, with zoom, pages, fixes (rotate, crop, hide, straighten),
 * and what the checks found, each of which the user can dismiss. */
export function AttachmentViewer({ api, file, items, hideHint, position, count, onChange, onRemove, onClose, fail }: Props) {
  const [page, setPage] = useState(1);
  const [image, setImage] = useState<AttachmentPage | null>(null);
  const [zoom, setZoom] = useState<"fit" | "full">("fit");
  const [tool, setTool] = useState<Tool>(null);
  const [rects, setRects] = useState<Rect[]>([]);
  const [drawing, setDrawing] = useState<{ x: number; y: number; rect: Rect } | null>(null);
  const [busy, setBusy] = useState(false);
  const [corners, setCorners] = useState<Corner[]>(DEFAULT_CORNERS);
  const [dragged, setDragged] = useState<number | null>(null);
  const imgRef = useRef<HTMLImageElement>(null);
  const isImage = file.media_type !== "application/pdf";
  const version = JSON.stringify(file.fixes);

  useEffect(() => {
    let live = true;
    api.attachmentPage(file.id, page, VIEW_SIZE).then((p) => live && setImage(p), fail);
    return () => {
      live = false;
    };
  }, [api, file.id, page, version, fail]);

  const run = async (action: () => Promise<CaseView | null>) => {
    setBusy(true);
    try {
      const view = await action();
      if (view) onChange(view);
      setTool(null);
      setRects([]);
    } catch (e) {
      fail(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const fix = (f: Fix) => run(() => api.fixAttachment(file.id, f));

  const at = (e: React.MouseEvent) => {
    const box = imgRef.current!.getBoundingClientRect();
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    return { x: clamp((e.clientX - box.left) / box.width), y: clamp((e.clientY - box.top) / box.height) };
  };
  const startStraighten = () => {
    if (tool === "straighten") return setTool(null);
    setCorners(file.suggested_corners ? [...file.suggested_corners] : DEFAULT_CORNERS);
    setRects([]);
    setTool("straighten");
  };
  const down = (e: React.MouseEvent) => {
    if (!tool || tool === "straighten") return;
    e.preventDefault();
    const p = at(e);
    setDrawing({ ...p, rect: { x: p.x, y: p.y, w: 0, h: 0 } });
  };
  const move = (e: React.MouseEvent) => {
    if (dragged !== null) {
      const p = at(e);
      setCorners(corners.map((c, i) => (i === dragged ? p : c)));
      return;
    }
    if (!drawing) return;
    const p = at(e);
    setDrawing({ ...drawing, rect: { x: Math.min(p.x, drawing.x), y: Math.min(p.y, drawing.y), w: Math.abs(p.x - drawing.x), h: Math.abs(p.y - drawing.y) } });
  };
  const up = () => {
    setDragged(null);
    if (!drawing) return;
    const r = drawing.rect;
    setDrawing(null);
    if (r.w < 0.005 || r.h < 0.005) return;
    setRects(tool === "crop" ? [r] : [...rects, r]);
  };
  const shown = drawing ? [...(tool === "crop" ? [] : rects), drawing.rect] : rects;

  return (
    <Dialog title={file.name} onClose={onClose} wide>
      <div className="viewer">
        <div className="viewer-tools" role="toolbar" aria-label={t("fixTools")}>
          {isImage && (
            <>
              <button onClick={() => fix({ op: "rotate", quarter_turns: 3 })} disabled={busy} title={t("rotateLeft")}>
                ⟲ {t("rotateLeft")}
              </button>
              <button onClick={() => fix({ op: "rotate", quarter_turns: 1 })} disabled={busy} title={t("rotateRight")}>
                ⟳ {t("rotateRight")}
              </button>
              <button className={tool === "crop" ? "active" : ""} aria-pressed={tool === "crop"} onClick={() => (setTool(tool === "crop" ? null : "crop"), setRects([]))} disabled={busy}>
                {t("crop")}
              </button>
              <button className={tool === "redact" ? "active" : ""} aria-pressed={tool === "redact"} onClick={() => (setTool(tool === "redact" ? null : "redact"), setRects([]))} disabled={busy}>
                {t("hide")}
              </button>
              <button className={tool === "straighten" ? "active" : ""} aria-pressed={tool === "straighten"} onClick={startStraighten} disabled={busy}>
                {t("straighten")}
              </button>
              <button onClick={() => run(() => api.undoFix(file.id))} disabled={busy || file.fixes.length === 0}>
                {t("undoFix")}
              </button>
            </>
          )}
          <button onClick={() => setZoom(zoom === "fit" ? "full" : "fit")} aria-pressed={zoom === "full"}>
            {zoom === "fit" ? t("zoomIn") : t("zoomFit")}
          </button>
          {image && image.pages > 1 && (
            <span className="pager">
              <button onClick={() => setPage(page - 1)} disabled={page <= 1} aria-label={t("previousPage")}>
                ‹
              </button>
              {t("page", { page: image.page, pages: image.pages })}
              <button onClick={() => setPage(page + 1)} disabled={page >= image.pages} aria-label={t("nextPage")}>
                ›
              </button>
            </span>
          )}
        </div>
        {tool === "straighten" && (
          <div className="tool-help" role="status">
            <p>{t("straightenHelp")}</p>
            <button className="primary" disabled={busy} onClick={() => fix({ op: "straighten", corners: corners as [Corner, Corner, Corner, Corner] })}>
              {t("applyStraighten")}
            </button>
            <button onClick={() => setTool(null)}>{t("cancel")}</button>
          </div>
        )}
        {tool && tool !== "straighten" && (
          <div className="tool-help" role="status">
            <p>{tool === "crop" ? t("cropHelp") : hideHint ? `${hideHint} ${t("boxesBurnt")}` : t("hideHelp")}</p>
            <button className="primary" disabled={busy || rects.length === 0} onClick={() => fix(tool === "crop" ? { op: "crop", rect: rects[0] } : { op: "redact", rects })}>
              {tool === "crop" ? t("applyCrop") : t("applyHide", { n: rects.length })}
            </button>
            <button onClick={() => (setTool(null), setRects([]))}>{t("cancel")}</button>
          </div>
        )}
        <div
          className={`viewer-stage zoom-${zoom}`}
          tabIndex={0}
          aria-label={t("viewerKeys")}
          onKeyDown={(e) => {
            const pages = image?.pages ?? 1;
            if ((e.key === "ArrowRight" || e.key === "PageDown") && page < pages) setPage(page + 1);
            else if ((e.key === "ArrowLeft" || e.key === "PageUp") && page > 1) setPage(page - 1);
            else if (e.key === "+" || e.key === "=") setZoom("full");
            else if (e.key === "-") setZoom("fit");
            else return;
            e.preventDefault();
          }}
        >
          {image ? (
            <div className={`canvas ${tool ? "drawing" : ""}`} onMouseDown={down} onMouseMove={move} onMouseUp={up} onMouseLeave={up}>
              <img ref={imgRef} src={image.image} alt={t("previewOf", { name: file.name })} draggable={false} />
              {tool === "straighten" && (
                <>
                  <svg className="quad" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
                    <polygon points={corners.map((c) => `${c.x},${c.y}`).join(" ")} />
                  </svg>
                  {corners.map((c, i) => (
                    <span
                      key={i}
                      className="corner-handle"
                      data-corner={i}
                      role="slider"
                      aria-label={t("straighten")}
                      aria-valuetext={`${Math.round(c.x * 100)}%, ${Math.round(c.y * 100)}%`}
                      style={{ left: `${c.x * 100}%`, top: `${c.y * 100}%` }}
                      onMouseDown={(e) => (e.preventDefault(), e.stopPropagation(), setDragged(i))}
                    />
                  ))}
                </>
              )}
              {shown.map((r, i) => (
                <div key={i} className={`box ${tool}`} style={{ left: `${r.x * 100}%`, top: `${r.y * 100}%`, width: `${r.w * 100}%`, height: `${r.h * 100}%` }} />
              ))}
            </div>
          ) : (
            <p className="muted">{t("loading")}</p>
          )}
        </div>
        {file.checks.length > 0 && (
          <div className="viewer-checks" role="group" aria-label={t("checksHeading")}>
            <p>{t("checksHeading")}</p>
            <ul>
              {file.checks.map((c) => (
                <li key={c.id} data-check={c.id}>
                  <span>{c.message}</span>{" "}
                  {c.id === "tilted" && isImage && tool !== "straighten" && (
                    <button onClick={startStraighten} disabled={busy}>
                      {t("straighten")}
                    </button>
                  )}
                  <button onClick={() => run(() => api.dismissCheck(file.id, c.id))} disabled={busy} title={t("dismissTitle")}>
                    {t("dismiss")}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="viewer-facts muted small">
          {file.has_location && <p className="location-note">{t("locationNote")}</p>}
          {file.has_original && <p>{t("originalKept")}</p>}
        </div>
        <div className="viewer-actions">
          <label>
            {t("moveTo")}{" "}
            <select value={file.item} disabled={busy} onChange={(e) => run(() => api.moveAttachment(file.id, e.target.value, 1000))}>
              {items.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.title}
                </option>
              ))}
            </select>
          </label>
          <button onClick={() => run(() => api.moveAttachment(file.id, file.item, position - 1))} disabled={busy || position === 0}>
            {t("earlier")}
          </button>
          <button onClick={() => run(() => api.moveAttachment(file.id, file.item, position + 1))} disabled={busy || position >= count - 1}>
            {t("later")}
          </button>
          <button onClick={() => run(() => api.replaceAttachment(file.id))} disabled={busy}>
            {t("replace")}
          </button>
          {file.has_original && (
            <button onClick={() => run(() => api.discardOriginal(file.id))} disabled={busy}>
              {t("discardOriginal")}
            </button>
          )}
          <button className="danger" onClick={onRemove} disabled={busy}>
            {t("remove")}
          </button>
          <button onClick={onClose}>{t("close")}</button>
        </div>
      </div>
    </Dialog>
  );
}
