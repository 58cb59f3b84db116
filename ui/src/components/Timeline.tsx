import type { EventView } from "../ipc";
import { tk } from "../messages";

export function Timeline({ events }: { events: EventView[] }) {
  return (
    <ol className="timeline">
      {[...events].reverse().map((e, i) => (
        <li key={i}>
          <span className="when">{new Date(e.at).toLocaleString()}</span>
          <span className="what">{tk(`ev_${e.kind}`)}</span>
        </li>
      ))}
    </ol>
  );
}
