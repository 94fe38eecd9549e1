import { assertNever } from "../shared/assert-never.js";
import type { ConditionModel, EffectModel } from "./model.js";

/**
 * The names of the thresholds and delays a rule uses, each once, in the order written: those its
 * condition compares with, then the delay of its effect.
 */
export function valuesUsed(when: ConditionModel | undefined, effect: EffectModel): string[] {
  const names = new Set(thresholdsOf(when));
  if (effect.kind === "medication" && effect.delay?.threshold) names.add(effect.delay.threshold);
  return [...names];
}

function thresholdsOf(condition: ConditionModel | undefined): string[] {
  if (!condition) return [];
  switch (condition.kind) {
    case "and":
    case "or":
      return condition.operands.flatMap(thresholdsOf);
    case "not":
      return thresholdsOf(condition.operand);
    case "compare":
      return condition.against.threshold ? [condition.against.threshold] : [];
    case "member":
    case "flag":
    case "taking":
    case "finding":
    case "always":
      return [];
    default:
      return assertNever(condition);
  }
}
