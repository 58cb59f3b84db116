import type { CasePage, CaseSummary, CaseView } from "../ipc";
import raw from "./fixtures.json";

type Name = "huawei_new" | "huawei_direct" | "huawei_ready" | "alibaba_blocked" | "alibaba_not_covered";
export const views = raw as unknown as Record<Name, CaseView>;
export const summaries: CaseSummary[] = Object.values(views).map((v) => v.summary);

export const page = (cases: CaseSummary[]): CasePage => ({ cases, total: cases.length });
