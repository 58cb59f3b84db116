/** Small inline SVG icons (no icon font, nothing from the network). They inherit the text colour. */
const PATHS = {
  check: "M3.5 8.5l3 3 6-7",
  alert: "M8 2.5l6 11H2zM8 6.5v3.2M8 11.6v.4",
  circle: "M8 2.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11z",
  dot: "M8 6.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3z",
  file: "M4 1.5h5l3 3v10H4zM9 1.5v3h3",
  letter: "M2 4h12v8H2zM2 4l6 4.5L14 4",
  pen: "M3 13l1-3.5 6.5-6.5 2.5 2.5L6.5 12zM9.5 4l2.5 2.5",
  step: "M3 8h8M8 4.5L11.5 8 8 11.5",
  paperclip: "M11 5.5l-4.8 4.8a1.4 1.4 0 0 0 2 2l5.3-5.3a2.8 2.8 0 0 0-4-4L4 8.5a4.2 4.2 0 0 0 6 6l4-4",
  export: "M8 10V2.5M5 5.5l3-3 3 3M3 9.5v4h10v-4",
  folder: "M1.5 4h5l1.5 1.5h6.5v7.5h-13z",
  back: "M10 3L5 8l5 5",
  plus: "M8 3v10M3 8h10",
  lock: "M4 7.5h8v6H4zM5.8 7.5V5.2a2.2 2.2 0 0 1 4.4 0v2.3",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 14 }: { name: IconName; size?: number }) {
  return (
    <svg className={`icon icon-${name}`} width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
