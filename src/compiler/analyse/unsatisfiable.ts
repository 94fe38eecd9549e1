import type { AnalysisContext } from "./context.js";
import { explainConflicts } from "./satisfiability.js";

/**
 * Dead rules (GL3001, error): a rule whose condition no patient can meet —
 * `x > 60 000 and x < 40 000`, a value excluded twice, `a and not a`, a dose below zero.
 * One satisfiability query per rule (a medication rule: "one of its drugs is taken, and the
 * condition holds"), each linear in the size of the condition when it has no `or`.
 */
export function findUnsatisfiableRules(context: AnalysisContext): void {
  for (const rule of context.model.rules) {
    const result = context.holds(rule);
    if (result.status === "unknown") {
      context.gaveUp(`whether \`${rule.id}\` can apply`, rule.id, rule.span);
      continue;
    }
    if (result.status === "sat") continue;
    context.add("GL3001", rule.id, rule.span, [rule.id, explainConflicts(result.conflicts)]);
  }
}
