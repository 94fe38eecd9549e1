import type { RulePack } from "../pack/pack-format.js";
import type { MissingFact, PlanEntry, Precondition } from "./report.js";
import { reportTables } from "./report-tables.js";

/**
 * The missing facts in the order a clinician fills them: those that leave the verdict open
 * first, then those that readiness and the medication plan need, then the rest; each with
 * the label of its fact in the guideline's language. Every fact of `missing` appears once.
 */
export function missingByPurpose(
  pack: RulePack,
  missing: readonly string[],
  verdictMissing: readonly string[],
  preconditions: readonly Precondition[],
  plan: readonly PlanEntry[],
): MissingFact[] {
  const { labelOf } = reportTables(pack);
  const forVerdict = new Set(verdictMissing);
  const forReadinessAndPlan = new Set([...preconditions.flatMap((p) => p.missing), ...plan.flatMap((e) => e.missing)]);
  if (pack.plan && missing.includes(pack.plan.list)) forReadinessAndPlan.add(pack.plan.list);
  const purpose = (path: string): MissingFact["purpose"] =>
    forVerdict.has(path) ? "verdict" : forReadinessAndPlan.has(path) ? "readiness-and-plan" : "other";
  // By purpose, then by path: `missing` comes sorted, so each purpose keeps its order.
  const byPurpose: Record<MissingFact["purpose"], MissingFact[]> = { verdict: [], "readiness-and-plan": [], other: [] };
  for (const path of [...missing].sort()) {
    const made = { path, label: labelOf(path), purpose: purpose(path) };
    byPurpose[made.purpose].push(made);
  }
  return [...byPurpose.verdict, ...byPurpose["readiness-and-plan"], ...byPurpose.other];
}
