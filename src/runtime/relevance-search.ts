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
  readonly settles: number;
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
 * most first, then in the order the target needs them.
 */
export function rankedRelevant(context: SearchContext, target: OutcomeTarget, facts: EngineFacts): RankedEngineFact[] {
  const relevant = relevantOf(context, target, facts);
  const ranked = relevant.map((fact) => {
    let settles = relevant.length - 1;
    for (const value of classesOrThrow(context, fact)) {
      const given = withFact(facts, fact, value);
      const settled = valueAt(context, target, given) !== undefined;
      const needed = settled ? new Set<string>() : new Set(needsAt(context, target, given));
      settles = Math.min(settles, relevant.filter((other) => other !== fact && !needed.has(other)).length);
    }
    return { fact, settles };
  });
  // A stable sort keeps the order of need among equals.
  return ranked.sort((a, b) => b.settles - a.settles);
}

/** The missing facts that matter to `target` at `facts`, in the order it needs them. */
export function relevantOf(context: SearchContext, target: OutcomeTarget, facts: EngineFacts): string[] {
  if (valueAt(context, target, facts) !== undefined) return [];
  return [...new Set(needsAt(context, target, facts))].filter((fact) => matters(context, target, fact, facts));
}

/** Whether some completion of the facts other than `fact` gives two values of `fact` different target values. */
export function matters(context: SearchContext, target: OutcomeTarget, fact: string, facts: EngineFacts): boolean {
  if (valueAt(context, target, facts) !== undefined) return false;
  // Under a decided part only: no value of it can change the target.
  const needed = needsAt(context, target, facts);
  if (!needed.includes(fact)) return false;
  const seen = new Set<string>();
  let open = false;
  for (const value of classesOrThrow(context, fact)) {
    const outcome = valueAt(context, target, withFact(facts, fact, value));
    if (outcome === undefined) open = true;
    else seen.add(outcome);
  }
  if (seen.size > 1) return true;
  if (!open) return false;
  const next = needed.find((other) => other !== fact);
  if (next === undefined) throw new NotExact(`nothing left to fill, and still undecided`);
  return classesOrThrow(context, next).some((value) => matters(context, target, fact, withFact(facts, next, value)));
}

function valueAt(context: SearchContext, target: OutcomeTarget, facts: EngineFacts): string | undefined {
  if (context.budget-- <= 0) throw new NotExact("the budget of the search is spent");
  return target.valueAt(pointOf(context.pack, facts));
}

function needsAt(context: SearchContext, target: OutcomeTarget, facts: EngineFacts): readonly string[] {
  return target.needs(pointOf(context.pack, facts));
}

function classesOrThrow(context: SearchContext, fact: string): readonly unknown[] {
  const values = context.classesOf(fact);
  if (values === undefined || values.length === 0) throw new NotExact(`no known classes for ${fact}`);
  return values;
}

function withFact(facts: EngineFacts, fact: string, value: unknown): EngineFacts {
  const next = new Map(facts);
  next.set(fact, value);
  return next;
}
