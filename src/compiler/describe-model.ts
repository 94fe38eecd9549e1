import type { ConditionModel, EffectModel } from "./model.js";

/*
 * The checked model described in the guideline's own notation, for messages and diffs: one
 * condition describer and one effect describer, each with the options its readers differ in.
 */

/**
 * A rule's condition in the guideline's own notation, with thresholds by name: a threshold
 * whose value changes is reported once as a threshold change, not as a change to every rule
 * that uses it.
 */
export function describeCondition(condition: ConditionModel): string {
  switch (condition.kind) {
    case "and":
    case "or":
      return condition.operands
        .map((o) => (o.kind === "and" || o.kind === "or" ? `(${describeCondition(o)})` : describeCondition(o)))
        .join(` ${condition.kind} `);
    case "not":
      return `not ${condition.operand.kind === "and" || condition.operand.kind === "or" ? `(${describeCondition(condition.operand)})` : describeCondition(condition.operand)}`;
    case "always":
      return "always";
    case "flag":
      return condition.path;
    case "member":
      return condition.values.length === 1
        ? `${condition.path} is ${condition.values[0]}`
        : `${condition.path} in (${condition.values.join(", ")})`;
    case "taking":
      return `taking ${condition.drug}`;
    case "finding":
      return `finding ${condition.findingKind}`;
    case "compare": {
      const measured = condition.measured.kind === "fact" ? condition.measured.path : `dose of ${condition.measured.drug}`;
      return `${measured} ${condition.operator} ${condition.against.threshold ?? condition.against.written}`;
    }
  }
}

/** How much of an effect `describeEffect` says. */
export interface EffectDescription {
  /**
   * `rule`: what the rule does, in full, delays by name when they have one (`stop class
   * some-class delay-x before`), as a diff between editions shows it. `order`: only what
   * it orders, with the delay as written (`stop 5 d before`), as a message about rules that
   * already name the drug shows it.
   */
  readonly form: "rule" | "order";
}

/** A rule's effect in the guideline's own notation (see `EffectDescription`). */
export function describeEffect(effect: EffectModel, { form }: EffectDescription): string {
  switch (effect.kind) {
    case "finding":
      return `finding ${effect.findingKind}`;
    case "precondition":
      return `precondition "${effect.label}"`;
    case "recommend":
      return `recommend ${effect.code}`;
    case "medication": {
      const target = form === "rule" ? ` ${effect.target.kind === "class" ? `class ${effect.target.name}` : effect.target.name}` : "";
      const delay = effect.delay
        ? ` ${form === "rule" ? (effect.delay.threshold ?? effect.delay.written) : effect.delay.written} before`
        : "";
      return `${effect.action}${target}${delay}`;
    }
  }
}
