import type { ConditionModel } from "../model.js";
import type { AnalysisContext } from "./context.js";

/**
 * Unused declarations (warnings): a fact that no rule reads and the plan does not use
 * (GL3006), a threshold or delay that no rule uses (GL3007). A fact given only in examples
 * is unused: it changes no report. The plan's medication list and date fact count as used.
 * Linear in the size of the rules.
 */
export function findUnusedDeclarations(context: AnalysisContext): void {
  const { model } = context;
  const facts = new Set<string>();
  const thresholds = new Set<string>();
  if (model.plan) {
    facts.add(model.plan.list);
    if (model.plan.date) facts.add(model.plan.date);
  }
  for (const rule of model.rules) {
    if (rule.when) collect(rule.when, facts, thresholds);
    if (rule.effect.kind === "medication") {
      facts.add(rule.effect.list);
      if (rule.effect.delay?.threshold) thresholds.add(rule.effect.delay.threshold);
    }
  }
  for (const fact of model.facts) {
    if (facts.has(fact.path)) continue;
    context.add("GL3006", fact.path, fact.span, [fact.path]);
  }
  for (const threshold of model.thresholds) {
    if (thresholds.has(threshold.name)) continue;
    context.add("GL3007", threshold.name, threshold.span, [threshold.role, threshold.name]);
  }
}

function collect(condition: ConditionModel, facts: Set<string>, thresholds: Set<string>): void {
  switch (condition.kind) {
    case "and":
    case "or":
      for (const c of condition.operands) collect(c, facts, thresholds);
      return;
    case "not":
      collect(condition.operand, facts, thresholds);
      return;
    case "flag":
    case "member":
      facts.add(condition.path);
      return;
    case "taking":
      facts.add(condition.list);
      return;
    case "compare":
      facts.add(condition.measured.kind === "fact" ? condition.measured.path : condition.measured.list);
      if (condition.against.threshold) thresholds.add(condition.against.threshold);
      return;
    case "finding":
    case "always":
      return;
  }
}
