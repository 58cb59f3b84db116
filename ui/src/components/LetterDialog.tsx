import { useEffect, useState } from "react";
import type { Api, Lang, LetterPreview } from "../ipc";
import { t, tk, uiLanguage } from "../messages";
import { Dialog } from "./Dialog";
import type { ToastMessage } from "./Toast";

type Props = {
  api: Api;
  caseId: string;
  item: string;
  title: string;
  onClose: () => void;
  onFillProfile: (field: string) => void;
  notify: (m: ToastMessage) => void;
};

/** The letter as it will print (drawn from the PDF itself), its language (at first the
 *  interface's), and saving it. */
export function LetterDialog({ api, caseId, item, title, onClose, onFillProfile, notify }: Props) {
  const [lang, setLang] = useState<Lang>(uiLanguage() === "zh" ? "zh" : "en");
  const [page, setPage] = useState(1);
  const [preview, setPreview] = useState<LetterPreview | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api.letterPreview(caseId, item, lang, page).then(
      (p) => current && setPreview(p),
      (e: Error) => notify({ text: e.message, tone: "error" }),
    );
    return () => {
      current = false;
    };
  }, [api, caseId, item, lang, page, notify]);

  const save = async () => {
    try {
      const path = await api.saveLetter(caseId, item, lang);
      if (path) setSaved(path);
    } catch (e) {
      notify({ text: (e as Error).message, tone: "error" });
    }
  };

  return (
    <Dialog title={title} onClose={onClose} wide>
      <div className="letter">
        <div className="letter-side">
          <fieldset>
            <legend>{t("letterLanguage")}</legend>
            {(["en", "zh", "bilingual"] as Lang[]).map((l) => (
              <label key={l} className="choice">
                <input type="radio" name="letter-lang" checked={lang === l} onChange={() => (setLang(l), setPage(1), setSaved(null))} />
                <span>{t(`lang_${l}`)}</span>
              </label>
            ))}
          </fieldset>
          {preview && preview.missing_fields.length > 0 && (
            <div className="missing">
              <p>{t("letterMissing")}</p>
              <ul>
                {preview.missing_fields.map((f) => (
                  <li key={f}>{tk(`f_${f}`)}</li>
                ))}
              </ul>
              <button onClick={() => onFillProfile(preview.missing_fields[0])}>{t("fillProfile")}</button>
            </div>
          )}
          <button className="primary" onClick={save} disabled={!preview}>
            {t("saveAsPdf")}
          </button>
          {saved && (
            <div className="saved" role="status">
              <p>{t("letterSaved", { path: saved })}</p>
              <p className="muted">{t("letterNext")}</p>
            </div>
          )}
          <div className="buttons">
            <button onClick={onClose}>{t("close")}</button>
          </div>
        </div>
        <div className="letter-page">
          {preview ? (
            <>
              <img src={preview.image} alt={t("letterPreviewAlt", { title: preview.title, page: preview.page })} />
              {preview.pages > 1 && (
                <div className="pager">
                  <button aria-label={t("previousPage")} disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    ‹
                  </button>
                  <span>{t("page", { page: preview.page, pages: preview.pages })}</span>
                  <button aria-label={t("nextPage")} disabled={page >= preview.pages} onClick={() => setPage(page + 1)}>
                    ›
                  </button>
                </div>
              )}
            </>
          ) : (
            <p className="muted">{t("loading")}</p>
          )}
        </div>
      </div>
    </Dialog>
  );
}
