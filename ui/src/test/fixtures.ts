import type { CasePage, CaseSummary, CaseView } from "../ipc";
import raw from "./fixtures.json";

type Name = "huawei_new" | "huawei_direct" | "huawei_ready" | "alibaba_blocked" | "alibaba_not_covered" | "huawei_ready_zh" | "alibaba_blocked_zh";
export const views = raw as unknown as Record<Name, CaseView>;
/** The English cases (the `_zh` views are the same engine's output in Chinese). */
export const summaries: CaseSummary[] = Object.entries(views)
  .filter(([name]) => !name.endsWith("_zh"))
  .map(([, v]) => v.summary);

/** A page of the case list; `approved` approved cases (of all) still hold documents. */
export const page = (cases: CaseSummary[], approved = 0): CasePage => ({ cases, total: cases.length, approved_with_documents: approved });
