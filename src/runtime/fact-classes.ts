import { memoByObject } from "../shared/memo-by-object.js";
import type { EngineCondition, PackCondition, RulePack } from "../pack/pack-format.js";
import { reportTables } from "./report-tables.js";

/**
 * The values worth trying for each engine fact of a pack: one value of each class of values the
 * pack's logic cannot tell apart. A yes/no fact or a treatment taken: `true`, `false`. An
 * enumeration: each of its values. A quantity or a dose: for the thresholds t1 < … < tk the pack
 * compares it with (engine rules and verdict conditions), a value below t1, each ti, a value
 * strictly between each two, and one above tk, within the fact's range (a dose is never below 0).
 * Two values of one class give every engine leaf and every stated test the same answer, so the
 * pack decides the same on both. Undefined for a fact whose classes are not known (a date, a text).
 */
export type FactClasses = (id: string) => readonly unknown[] | undefined;

/** The classes of a pack's engine facts, worked out on first use. */
export const factClasses: (pack: RulePack) => FactClasses = memoByObject(buildClasses);

function buildClasses(pack: RulePack): FactClasses {
  const tables = reportTables(pack);
  const numbers = new Map<string, Set<number>>();
  const note = (fact: string, value: unknown): void => {
    if (typeof value !== "number") return;
    let set = numbers.get(fact);
    if (!set) {
      set = new Set();
      numbers.set(fact, set);
    }
    set.add(value);
  };
  const walkEngine = (condition: EngineCondition): void => {
    if ("all" in condition) condition.all.forEach(walkEngine);
    else if ("any" in condition) condition.any.forEach(walkEngine);
    else if (Array.isArray(condition.value)) for (const v of condition.value as readonly unknown[]) note(condition.fact, v);
    else note(condition.fact, condition.value);
  };
  const walkStated = (condition: PackCondition): void => {
    if (condition.kind === "and" || condition.kind === "or") condition.operands.forEach(walkStated);
    else if (condition.kind === "not") walkStated(condition.operand);
    else if (condition.kind === "compare") note(condition.fact, condition.value);
  };
  for (const rule of pack.rules) walkEngine(rule.conditions);
  for (const outcome of pack.verdict.outcomes) walkStated(outcome.when);
  for (const rule of pack.sourceRules) if (rule.condition) walkStated(rule.condition);
  const memo = new Map<string, readonly unknown[] | undefined>();
  return (id) => {
    if (memo.has(id)) return memo.get(id);
    let values: readonly unknown[] | undefined;
    const read = tables.factId(id);
    if (read.kind === "taking") values = [true, false];
    else if (read.kind === "dose") values = quantityClasses([...(numbers.get(id) ?? [])], 0, undefined);
    else {
      const fact = tables.factsByPath.get(id);
      if (fact?.type === "boolean") values = [true, false];
      else if (fact?.type === "enum") values = [...fact.values];
      else if (fact?.type === "quantity") values = quantityClasses([...(numbers.get(id) ?? [])], fact.min, fact.max);
    }
    memo.set(id, values);
    return values;
  };
}

/** One value of each class the thresholds cut within [min, max]: below, at, between, above. */
export function quantityClasses(thresholds: readonly number[], min: number | undefined, max: number | undefined): number[] {
  const cuts = [...new Set(thresholds)].sort((a, b) => a - b);
  const inRange = (x: number): boolean => (min === undefined || x >= min) && (max === undefined || x <= max);
  const values: number[] = [];
  const first = cuts[0];
  if (first === undefined) return [min ?? max ?? 0];
  const below = min ?? first - 1;
  if (below < first && inRange(below)) values.push(below);
  cuts.forEach((cut, i) => {
    if (inRange(cut)) values.push(cut);
    const next = cuts[i + 1];
    const between = next === undefined ? undefined : (cut + next) / 2;
    if (between !== undefined && between > cut && next !== undefined && between < next && inRange(between)) values.push(between);
  });
  const last = cuts[cuts.length - 1] ?? first;
  const above = max ?? last + 1;
  if (above > last && inRange(above)) values.push(above);
  return values;
}
