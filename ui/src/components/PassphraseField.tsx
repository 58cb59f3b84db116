// One passphrase box as every passphrase form shows it: its label, a password input that
// password managers fill (current) or offer to save (new), and the invalid state for the error.
import type { Ref } from "react";

type Props = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** A passphrase being chosen (new) rather than one already known (current). */
  isNew?: boolean;
  disabled: boolean;
  invalid: boolean;
  describedBy?: string;
  inputRef?: Ref<HTMLInputElement>;
};

export function PassphraseField({ id, label, value, onChange, isNew = false, disabled, invalid, describedBy, inputRef }: Props) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type="password"
        autoComplete={isNew ? "new-password" : "current-password"}
        value={value}
        disabled={disabled}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}
