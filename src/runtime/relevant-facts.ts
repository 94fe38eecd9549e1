import { memoByObject } from "../shared/memo-by-object.js";
import type { PackRule, RulePack } from "../pack/pack-format.js";
import { assertNever } from "../shared/assert-never.js";
import { entryMissing } from "./entry-missing.js";
import { factClasses } from "./fact-classes.js";
import type { EngineFacts } from "./kleene.js";
import {
  drugTarget,
  listClasses,
  readinessTarget,
  ruleTarget,
  verdictTarget,
  type OutcomeTarget,
  type ReadinessEntry,
} from "./outcome-targets.js";
import { NotExact, rankedRelevant, relevanceBudget, type RankedEngineFact, type SearchContext } from "./relevance-search.js";
import { reportTables } from "./report-tables.js";
import type { PlanEntry, RankedFact, RelevantFacts } from "./report.js";

/** What the report has settled, and what it already lists, for the relevance search of one evaluation. */
export interface RelevanceInput {
  readonly pack: RulePack;
  readonly engineFacts: EngineFacts;
  /** The verdict is `incomplete`. */
  readonly verdictOpen: boolean;
  /** The facts `verdictMissing` gives. */
  readonly verdictMissing: readonly string[];
  /** The readiness status, and the facts it lists as missing. */
  readonly readiness: { readonly status: string; readonly missing: readonly string[] };
  /** The precondition rules. */
  readonly preconditions: readonly PackRule[];
  /** The plan as drawn up (empty when the verdict excludes the procedure). */
  readonly plan: readonly PlanEntry[];
  /** The medication list is missing (the report lists it). */
  readonly listMissing: boolean;
  /** The recommendation rules left undecided, with the facts the report lists for each. */
  readonly recommendations: readonly { readonly rule: PackRule; readonly missing: readonly string[] }[];
  /** Engine fact id to the input paths a user fills in. */
  readonly inputPath: (fact: string) => readonly string[];
}

/**
 * The relevant missing facts of one evaluation, ranked (see {@link RelevantFacts}). Each list is
 * searched exactly over the classes of the missing facts (`fact-classes.ts`), within
 * `relevanceBudget` points for the whole report; a list whose search cannot be exact keeps
 * what the report lists already, and `exact` is false.
 */
export function relevantFacts(input: RelevanceInput): RelevantFacts {
  const { pack } = input;
  const tables = reportTables(pack);
  const list = pack.plan?.list;
  const pseudoList = input.listMissing && list !== undefined ? list : undefined;
  const classes = factClasses(pack);
  const context: SearchContext = {
    pack,
    classesOf: (fact) => (fact === pseudoList ? listClasses : classes(fact)),
    budget: relevanceBudget,
  };
  let exact = true;
  const order = sourceOrder(pack);
  const rank = (path: string): number => order.get(path.replace(/\[.*$/, "")) ?? order.size;
  const toPaths = (ranked: readonly RankedEngineFact[]): RankedFact[] => {
    const best = new Map<string, { settles: number; maySettle: number }>();
    for (const { fact, settles, maySettle } of ranked)
      for (const path of fact === pseudoList ? [fact] : input.inputPath(fact)) {
        const known = best.get(path);
        best.set(path, { settles: Math.max(known?.settles ?? 0, settles), maySettle: Math.max(known?.maySettle ?? 0, maySettle) });
      }
    return [...best]
      .sort(([a, x], [b, y]) => y.settles - x.settles || y.maySettle - x.maySettle || rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, { settles, maySettle }]) => ({ path, label: tables.labelOf(path), settles, maySettle }));
  };
  const search = (target: OutcomeTarget, fallback: readonly string[]): RankedFact[] => {
    try {
      return toPaths(rankedRelevant(context, target, input.engineFacts));
    } catch (error) {
      if (!(error instanceof NotExact)) throw error;
      exact = false;
      return [...new Set(fallback)].sort().map((path) => ({ path, label: tables.labelOf(path), settles: 0, maySettle: 0 }));
    }
  };

  const verdict = input.verdictOpen ? search(verdictTarget(pack), input.verdictMissing) : [];
  const entries: ReadinessEntry[] = input.plan.map((entry) => readinessEntry(entry));
  const readiness =
    input.readiness.status === "unknown" && input.readiness.missing.length
      ? search(readinessTarget(pack, input.preconditions, entries, pseudoList), input.readiness.missing)
      : [];
  const plan: { index: number; drug: string; facts: RankedFact[] }[] = [];
  const byDrug = new Map<string, RankedFact[]>();
  for (const entry of input.plan) {
    if (entry.action !== "unknown" || list === undefined) continue;
    let facts = byDrug.get(entry.drug);
    if (!facts) {
      facts = search(drugTarget(pack, entry.drug), entry.missing);
      byDrug.set(entry.drug, facts);
    }
    const own = new Set(entryMissing(list, entry.index, [facts.map((f) => f.path)]));
    plan.push({ index: entry.index, drug: entry.drug, facts: facts.filter((f) => own.has(f.path)) });
  }
  const recommendations = input.recommendations.map(({ rule, missing }) => ({ rule: rule.id, facts: search(ruleTarget(rule), missing) }));
  return { exact, verdict, readiness, plan, recommendations };
}

/** Fact path → its place in the pack's facts, for ties in the ranking. */
const sourceOrder = memoByObject((pack: RulePack): ReadonlyMap<string, number> => new Map(pack.facts.map((f, i) => [f.path, i])));

function readinessEntry(entry: PlanEntry): ReadinessEntry {
  switch (entry.action) {
    case "unknown":
      return { kind: "drug", drug: entry.drug };
    case "continue":
      return { kind: "constant", effect: "none" };
    case "refer":
      return { kind: "constant", effect: entry.reason === "unknown-drug" ? "decide" : "adapt" };
    case "stop":
    case "bridge":
      return { kind: "constant", effect: "adapt" };
    default:
      return assertNever(entry.action);
  }
}
