import type { RulePack } from "../pack/pack-format.js";
import type { EngineFacts } from "./kleene.js";
import { pointOf, type OutcomeTarget } from "./outcome-targets.js";

/** The values to try for a missing engine fact (one per class), or undefined when they are not known. */
export type ClassesOf = (fact: string) => readonly unknown[] | undefined;

/** How many points of the search one report may evaluate, all targets together. */
export const relevanceBudget = 20_000;

/** Thrown when the search cannot be exact: the budget is spent, or a fact has no known classes. */
export class NotExact extends Error {}

/** A relevant engine fact, with how many of the other relevant facts stop mattering once it is known. */
export interface RankedEngineFact {
  readonly fact: string;
  /** For the value of the fact that settles the fewest: how many other relevant facts stop being needed. */
  readonly settles: number;
  /** The same, for the value that settles the most. */
  readonly maySettle: number;
}

/** What a search shares: the pack, the classes and the points left to evaluate. */
export interface SearchContext {
  readonly pack: RulePack;
  readonly classesOf: ClassesOf;
  budget: number;
}

/**
 * The missing facts that matter to `target` at `facts`, each ranked. A fact matters when two
 * completions of the missing facts that differ only in it give the target different values.
 * Exact: completions range over the classes of each fact, and the search stops in any branch
 * the three-valued evaluation already settles (every completion of a settled point gives its
 * value). Throws {@link NotExact} when it cannot be exact. Ranked by `settles`: for the value
 * of the fact that settles the fewest, how many of the other relevant facts the three-valued
 * evaluation no longer needs once the fact has that value (each of them has stopped mattering);
 * most first, then by `maySettle` (the same for the value that settles the most), then in the
 * order the target needs them.
 */
export function rankedRelevant(context: SearchContext, target: OutcomeTarget, facts: EngineFacts): RankedEngineFact[] {
  const work = new Map(facts);
  const relevant = relevantIn(context, target, work);
  const ranked = relevant.map((fact) => {
    let settles = relevant.length - 1;
    let maySettle = 0;
    for (const value of classesOrThrow(context, fact)) {
      const state = withFact(work, fact, value, () => probe(context, target, work));
      const needed = new Set(state.value === undefined ? state.needs() : []);
      const stop = relevant.filter((other) => other !== fact && !needed.has(other)).length;
      settles = Math.min(settles, stop);
      maySettle = Math.max(maySettle, stop);
    }
    return { fact, settles, maySettle };
  });
  // A stable sort keeps the order of need among equals.
  return ranked.sort((a, b) => b.settles - a.settles || b.maySettle - a.maySettle);
}

/** The missing facts that matter to `target` at `facts`, in the order it needs them. */
export function relevantOf(context: SearchContext, target: OutcomeTarget, facts: EngineFacts): string[] {
  return relevantIn(context, target, new Map(facts));
}

function relevantIn(context: SearchContext, target: OutcomeTarget, work: Map<string, unknown>): string[] {
  const here = probe(context, target, work);
  if (here.value !== undefined) return [];
  return [...new Set(here.needs())].filter((fact) => mattersIn(context, target, fact, work, here));
}

/** Whether some completion of the facts other than `fact` gives two values of `fact` different target values. */
export function matters(context: SearchContext, target: OutcomeTarget, fact: string, facts: EngineFacts): boolean {
  const work = new Map(facts);
  return mattersIn(context, target, fact, work, probe(context, target, work));
}

/** {@link matters} on a working copy of the facts, filled and emptied again as the search goes. */
function mattersIn(context: SearchContext, target: OutcomeTarget, fact: string, work: Map<string, unknown>, here: Probe): boolean {
  if (here.value !== undefined) return false;
  // Under a decided part only: no value of it can change the target.
  const needed = here.needs();
  if (!needed.includes(fact)) return false;
  const seen = new Set<string>();
  let open = false;
  for (const value of classesOrThrow(context, fact)) {
    const outcome = withFact(work, fact, value, () => probe(context, target, work).value);
    if (outcome === undefined) open = true;
    else seen.add(outcome);
  }
  if (seen.size > 1) return true;
  if (!open) return false;
  const next = needed.find((other) => other !== fact);
  if (next === undefined) throw new NotExact(`nothing left to fill, and still undecided`);
  return classesOrThrow(context, next).some((value) =>
    withFact(work, next, value, () => mattersIn(context, target, fact, work, probe(context, target, work))),
  );
}

/** The target at one point of the search: its value, and what it needs (worked out on demand). */
interface Probe {
  readonly value: string | undefined;
  readonly needs: () => readonly string[];
}

function probe(context: SearchContext, target: OutcomeTarget, facts: EngineFacts): Probe {
  if (context.budget-- <= 0) throw new NotExact("the budget of the search is spent");
  const at = pointOf(context.pack, facts);
  const value = target.valueAt(at);
  return { value, needs: () => target.needs(at) };
}

function classesOrThrow(context: SearchContext, fact: string): readonly unknown[] {
  const values = context.classesOf(fact);
  if (values === undefined || values.length === 0) throw new NotExact(`no known classes for ${fact}`);
  return values;
}

/** Runs `then` with `fact` set to `value` in the working facts, and takes it out again. */
function withFact<T>(work: Map<string, unknown>, fact: string, value: unknown, then: () => T): T {
  work.set(fact, value);
  try {
    return then();
  } finally {
    work.delete(fact);
  }
}
