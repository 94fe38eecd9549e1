import type { RuleModel } from "../model.js";
import { literalsOf, type Formula, type Literal, type Universe } from "./formula.js";
import { includes } from "./intervals.js";

/**
 * Which rules of a group a rule can imply, found without comparing it to every one of them.
 *
 * A rule B whose condition is an `and` with a test on a variable x can be implied by a rule A
 * only if A reads x: otherwise, for a patient for whom A holds, x can take a value that fails
 * the test (unless the test holds on all of x's range, when it needs nothing), and B fails
 * with A holding. Each B is filed under one such variable (its first); a B with none (an `or`
 * at the top, or only tests that hold on their whole range) is filed under none and is a
 * candidate for every A. The candidates of A are then the rules filed under A's variables,
 * plus those, in the group's order, so that the result is the same as trying every B in
 * order: the ones left out are exactly ones A cannot imply.
 *
 * Cost: O(size) per rule to file it, and per A, O(candidates · log) instead of O(group): with
 * the tests of a group spread over many variables, Σ k² pair comparisons become about Σ k.
 */
export class ImplicationIndex {
  private readonly position = new Map<RuleModel, number>();
  private readonly byVariable = new Map<string, RuleModel[]>();
  private readonly unfiled: RuleModel[] = [];

  constructor(
    rules: readonly RuleModel[],
    holds: (rule: RuleModel) => Formula,
    private readonly universe: Universe,
  ) {
    rules.forEach((rule, i) => {
      this.position.set(rule, i);
      const variable = this.requiredVariable(holds(rule));
      if (variable === undefined) this.unfiled.push(rule);
      else {
        const list = this.byVariable.get(variable);
        if (list) list.push(rule);
        else this.byVariable.set(variable, [rule]);
      }
    });
  }

  /** The rules of the group that a rule whose condition reads `variables` can imply, in the group's order. */
  candidates(variables: Iterable<string>): RuleModel[] {
    const found = new Set<RuleModel>(this.unfiled);
    for (const v of variables) for (const rule of this.byVariable.get(v) ?? []) found.add(rule);
    return [...found].sort((a, b) => (this.position.get(a) ?? 0) - (this.position.get(b) ?? 0));
  }

  /** A variable every patient of the formula must have in a narrower range than its own, if there is one at the top. */
  private requiredVariable(formula: Formula): string | undefined {
    const tops = formula.kind === "and" ? formula.operands : [formula];
    for (const f of tops) {
      if ((f.kind === "bool" || f.kind === "enum" || f.kind === "number") && !this.holdsOnWholeRange(f)) return f.variable;
    }
    return undefined;
  }

  /** Whether a test holds whatever the variable's value (an unknown variable counts as one that may). */
  private holdsOnWholeRange(literal: Literal): boolean {
    const variable = this.universe.variables.get(literal.variable);
    if (!variable) return true;
    switch (literal.kind) {
      case "bool":
        return false;
      case "enum":
        return variable.kind !== "enum" || variable.values.every((v) => literal.values.includes(v));
      case "number":
        return variable.kind !== "number" || includes(literal.interval, variable.range);
    }
  }
}

/** The variables a formula reads. */
export function variablesOf(formula: Formula): Set<string> {
  return new Set(literalsOf(formula).map((l) => l.variable));
}
