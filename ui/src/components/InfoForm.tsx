import { useState } from "react";
import type { ItemState, Profile } from "../ipc";
import { IpcError } from "../ipc";
import { ItemStatusChip } from "./ItemFiles";
import { t } from "../messages";

type Props = { state: ItemState; saved: Record<string, string> | undefined; profile: Profile; save: (values: Record<string, string>) => Promise<unknown> };

/** The values of an information item, prefilled from the profile. Like the profile's fields,
 * they are checked and saved when the user leaves a field; the button saves prefilled values
 * the user has not touched. */
export function InfoForm({ state, saved, profile, save }: Props) {
  const initial = () =>
    Object.fromEntries(state.fields.map((f) => [f.id, saved?.[f.id] ?? (f.from_profile ? ((profile as Record<string, string | null>)[f.from_profile] ?? "") : "")]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [done, setDone] = useState(false);
  const unsaved = saved === undefined || state.fields.some((f) => (values[f.id] ?? "").trim() !== (saved[f.id] ?? ""));
  const commit = async () => {
    if (!unsaved && !error) return;
    try {
      await save(values);
      setError(null);
      setDone(true);
    } catch (err) {
      setDone(false);
      setError({ field: err instanceof IpcError ? err.field : null, message: (err as Error).message });
    }
  };
  const touched = (id: string) => (saved?.[id] ?? "") !== (values[id] ?? "").trim();
  return (
    <form
      className="info-form"
      onSubmit={(e) => {
        e.preventDefault();
        commit();
      }}
      onChange={() => setDone(false)}
    >
      <ItemStatusChip state={state} />
      {state.fields.map((f) => {
        const id = `info-${state.item}-${f.id}`;
        const invalid = error?.field === f.id;
        const Input = f.multiline ? "textarea" : "input";
        return (
          <label key={f.id} htmlFor={id} className={invalid ? "invalid" : ""}>
            <span>
              {f.label}
              {!f.required && <span className="muted"> ({t("optional").toLowerCase()})</span>}
            </span>
            <Input
              id={id}
              value={values[f.id] ?? ""}
              aria-invalid={invalid}
              onChange={(e) => setValues({ ...values, [f.id]: e.target.value })}
              onBlur={() => (touched(f.id) || invalid) && commit()}
            />
          </label>
        );
      })}
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      {unsaved ? (
        <button className="small-button">{t("save")}</button>
      ) : (
        <p className="muted small" aria-live="polite">
          {done ? t("saved") : ""}
        </p>
      )}
    </form>
  );
}
