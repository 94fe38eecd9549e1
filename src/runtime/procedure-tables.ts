import { memoByObject } from "../shared/memo-by-object.js";
import type { RulePack } from "../pack/pack-format.js";

/** What a pack says about the procedure itself, read once per pack rather than on every evaluation. */
export interface ProcedureTables {
  /** Verdict codes with which the procedure is not done (`no procedure`). */
  readonly excludingOutcomes: ReadonlySet<string>;
  /** Recommendation codes about how to perform the procedure (`for procedure`). */
  readonly forProcedure: ReadonlySet<string>;
}

/** The procedure tables of a pack, built on first use. */
export const procedureTables: (pack: RulePack) => ProcedureTables = memoByObject((pack) => ({
  excludingOutcomes: new Set([...pack.verdict.outcomes, pack.verdict.otherwise].filter((o) => o.noProcedure).map((o) => o.code)),
  forProcedure: new Set(pack.recommendations.filter((r) => r.forProcedure).map((r) => r.name)),
}));
