import type { CaseView, QuestionView } from "../ipc";
import { t } from "../messages";

type Props = { view: CaseView; onAnswer: (answers: Record<string, unknown>) => void };

/** The questions that matter for the answers so far, in order. Changing one re-evaluates
 * everything after it; answers to questions that stop applying are kept, not lost. */
export function Interview({ view, onAnswer }: Props) {
  const { checklist } = view;
  const next = checklist.missing_answers[0];
  return (
    <div className="interview">
      {view.questions.map((q) => (
        <Question key={q.id} q={q} isNext={q.id === next} refines={checklist.optional_answers.includes(q.id)} onAnswer={(v) => onAnswer({ [q.id]: v })} />
      ))}
    </div>
  );
}

function Question({ q, isNext, refines, onAnswer }: { q: QuestionView; isNext: boolean; refines: boolean; onAnswer: (v: unknown) => void }) {
  const name = `q-${q.id}`;
  const answer = q.answer;
  return (
    <fieldset className={`question ${isNext ? "next" : ""}`} data-question={q.id}>
      <legend>
        {q.label}
        {(q.optional || (refines && answer === null)) && <span className="tag">{t("optional")}</span>}
      </legend>
      <p className="help">{q.help}</p>
      <div className={`options kind-${q.type}`}>
        {q.type === "bool" &&
          [true, false].map((value) => (
            <label key={String(value)} className="choice">
              <input type="radio" name={name} checked={answer === value} onChange={() => onAnswer(value)} />
              <span>{t(value ? "yes" : "no")}</span>
            </label>
          ))}
        {q.type === "choice" &&
          q.options.map((o) => (
            <label key={o.value} className="choice">
              <input type="radio" name={name} value={o.value} checked={answer === o.value} onChange={() => onAnswer(o.value)} />
              <span>{o.label}</span>
            </label>
          ))}
        {q.type === "multi" &&
          q.options.map((o) => {
            const picked = Array.isArray(answer) ? answer : [];
            const checked = picked.includes(o.value);
            const change = () => {
              const nextValue = checked ? picked.filter((v) => v !== o.value) : [...picked, o.value];
              onAnswer(nextValue.length ? nextValue : null);
            };
            return (
              <label key={o.value} className="choice">
                <input type="checkbox" name={name} value={o.value} checked={checked} onChange={change} />
                <span>{o.label}</span>
              </label>
            );
          })}
      </div>
      <details className="source">
        <summary>{t("whyAsked")}</summary>
        <p className="section">{q.source.section}</p>
        <blockquote>{q.source.quote}</blockquote>
      </details>
    </fieldset>
  );
}
