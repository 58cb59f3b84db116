import { useEffect, useLayoutEffect, useRef, type ReactNode } from "react";

/** A modal dialog: focus moves in, Escape closes, Tab stays inside. */
export function Dialog({ title, onClose, children, wide = false }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  // Layout effects move focus in the same commit as the change: Preact runs plain effects after
  // the next paint, and a key pressed meanwhile would go to the element focused before.
  useLayoutEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>("input, button, select, textarea");
    first?.focus();
    return () => previous?.focus();
  }, []);
  // Focus can leave the dialog without the user moving it (the focused button turns disabled
  // while a file loads, and WebKit drops focus to the page): Esc still closes the topmost dialog.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented || !ref.current || ref.current.contains(e.target as Node)) return;
      const dialogs = document.querySelectorAll(".dialog");
      if (dialogs[dialogs.length - 1] !== ref.current) return;
      e.preventDefault();
      close.current();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === "Escape") {
      // Esc closes this dialog only: the screen behind must not see the key (it would leave the case).
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== "Tab" || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>("input, button, select, textarea")].filter((el) => !el.hasAttribute("disabled"));
    const [first, last] = [focusable[0], focusable[focusable.length - 1]];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first?.focus();
    }
  };
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`dialog ${wide ? "wide" : ""}`} role="dialog" aria-modal="true" aria-labelledby="dialog-title" ref={ref} onKeyDown={onKeyDown}>
        <h2 id="dialog-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
