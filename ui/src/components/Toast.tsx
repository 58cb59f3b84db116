import { useEffect } from "react";
import { t } from "../messages";

export type ToastMessage = { text: string; tone?: "info" | "error"; undo?: () => void };

/** A short notice at the bottom of the window, with Undo where a change can be taken back. */
export function Toast({ message, onDone }: { message: ToastMessage; onDone: () => void }) {
  useEffect(() => {
    const timer = setTimeout(onDone, message.undo ? 8000 : 4000);
    return () => clearTimeout(timer);
  }, [message, onDone]);
  return (
    <div className={`toast ${message.tone ?? "info"}`} role={message.tone === "error" ? "alert" : "status"}>
      <span>{message.text}</span>
      {message.undo && (
        <button
          className="link"
          onClick={() => {
            message.undo?.();
            onDone();
          }}
        >
          {t("undo")}
        </button>
      )}
      <button className="icon" aria-label={t("close")} onClick={onDone}>
        ×
      </button>
    </div>
  );
}
