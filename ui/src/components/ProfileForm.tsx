import { useLayoutEffect, useState } from "react";
import { IpcError, type CaseView, type Profile } from "../ipc";
import { tk, t } from "../messages";


type Props = {
  view: CaseView;
  save: (values: Record<string, string>) => Promise<CaseView>;
  onSaved: (v: CaseView) => void;
  /** A field to take the user to, e.g. one a letter still needs. */
  focusField?: string | null;
};

/** Each field is checked by the engine when the user leaves it; a bad value is not saved and
 * the reason shows under the field. */
export function ProfileForm({ view, save, onSaved, focusField }: Props) {
  // The engine says which fields fit this account (an individual has no credit code).
  const fields = view.profile_fields.map((f) => f.id as keyof Profile);
  const multiline = new Set(view.profile_fields.filter((f) => f.multiline).map((f) => f.id));
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f, view.profile[f] ?? ""])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);

  // In the same commit as the tab shows, after the letter dialog has given focus back (see Dialog).
  useLayoutEffect(() => {
    if (focusField) document.getElementById(`profile-${focusField}`)?.focus();
  }, [focusField]);

  const commit = async (field: keyof Profile) => {
    const value = (draft[field] ?? "").trim();
    if (value === (view.profile[field] ?? "") && !errors[field]) return;
    try {
      const next = await save({ [field]: value });
      setErrors(({ [field]: _, ...rest }) => rest);
      setSaved(field);
      onSaved(next);
    } catch (e) {
      const err = e as IpcError;
      setErrors((all) => ({ ...all, [err.field ?? field]: err.message }));
    }
  };

  return (
    <form className="profile" onSubmit={(e) => e.preventDefault()}>
      <p className="muted">{t("profileIntro")}</p>
      {fields.map((f) => {
        const id = `profile-${f}`;
        const Input = multiline.has(f) ? "textarea" : "input";
        return (
          <div key={f} className="field">
            <label htmlFor={id}>{tk(`f_${f}`)}</label>
            <Input
              id={id}
              name={f}
              value={draft[f] ?? ""}
              aria-invalid={!!errors[f]}
              aria-describedby={`${id}-msg`}
              onChange={(e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
                setDraft((d) => ({ ...d, [f]: e.target.value }));
                setSaved(null);
              }}
              onBlur={() => commit(f)}
            />
            <p id={`${id}-msg`} className={errors[f] ? "error" : "muted small"} aria-live="polite">
              {errors[f] ?? (saved === f ? t("saved") : "")}
            </p>
          </div>
        );
      })}
    </form>
  );
}
