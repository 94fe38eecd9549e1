import type { EngineCondition, EngineLeaf, EngineRule, PackCondition, PackEffect, PackRule } from "../../pack/pack-format.js";
import { doseFactId, takingFactId } from "../../pack/pack-format.js";
import type { CheckedGuideline, ConditionModel, EffectModel, RuleModel } from "../model.js";
import { orderRules } from "../order-rules.js";
import { negateComparison, type ComparisonOperator } from "../../pack/comparison-operator.js";

/**
 * Lowers checked rules to json-rules-engine rules.
 *
 * Each guideline rule becomes two engine rules: `<id>/holds` fires when the condition is
 * definitely true, `<id>/fails` when it is definitely false. Negation is pushed down to the
 * comparisons, and only operators that are false on a missing fact are used (`equal`, `in`,
 * `lessThan`…; never `notEqual` or `notIn`), so a missing fact makes neither rule fire and
 * the runtime reports the rule as unknown. A medication rule that targets a class is lowered
 * once per drug of the class, with "the drug is taken" added to its condition. Rules come in
 * source order, except that a declared precedence puts the winning rule first.
 */
export function lowerRules(model: CheckedGuideline): { readonly rules: EngineRule[]; readonly sourceRules: PackRule[] } {
  const rules: EngineRule[] = [];
  const sourceRules: PackRule[] = [];
  // The runtime lets the first plan rule that holds decide: a rule declared with
  // `precedence A over B` must come before B. Source order otherwise.
  for (const rule of orderRules(model.rules, model.precedences).rules) {
    const instances = instancesOf(rule);
    for (const { drug, condition } of instances) {
      const suffix = drug ? `@${drug}` : "";
      // A condition that can never be true (or never false) gets no engine rule for that side.
      const holds = whenTrue(condition);
      const fails = whenFalse(condition);
      if (holds) rules.push(engineRule(`${rule.id}${suffix}/holds`, rule.id, drug, true, holds));
      if (fails) rules.push(engineRule(`${rule.id}${suffix}/fails`, rule.id, drug, false, fails));
    }
    sourceRules.push({
      id: rule.id,
      section: rule.section,
      statement: rule.statement,
      quotes: rule.quotes.map((q) => q.text),
      citations: rule.citations,
      facts: [...new Set(instances.flatMap(({ condition }) => factsOf(condition)))].sort(),
      ...(rule.when ? { condition: toPackCondition(rule.when) } : {}),
      effect: toPackEffect(rule.effect),
    });
  }
  return { rules, sourceRules };
}

/** One condition per engine instance: per drug for medication effects. */
function instancesOf(rule: RuleModel): { drug?: string; condition: ConditionModel }[] {
  const effect = rule.effect;
  if (effect.kind !== "medication") return rule.when ? [{ condition: rule.when }] : [];
  return effect.drugs.map((drug) => {
    const taking: ConditionModel = { kind: "taking", list: effect.list, drug };
    return { drug, condition: rule.when ? { kind: "and", operands: [taking, rule.when] } : taking };
  });
}

function engineRule(name: string, rule: string, drug: string | undefined, holds: boolean, condition: EngineCondition): EngineRule {
  const conditions = "all" in condition || "any" in condition ? condition : { all: [condition] };
  return {
    name,
    priority: 1,
    conditions,
    event: { type: "guideline-rule", params: { rule, ...(drug ? { drug } : {}), holds } },
  };
}

function factId(condition: Extract<ConditionModel, { kind: "compare" }>): string {
  const m = condition.measured;
  return m.kind === "fact" ? m.path : doseFactId(m.list, m.drug, m.field);
}

function leaf(fact: string, operator: EngineLeaf["operator"], value: EngineLeaf["value"]): EngineLeaf {
  return { fact, operator, value };
}

/**
 * json-rules-engine treats an empty `any` as true, so "never" cannot be spelled as a
 * condition: it is `undefined` here, and `all`/`any` simplify around it.
 */
type Lowered = EngineCondition | undefined;

function all(operands: readonly Lowered[]): Lowered {
  if (operands.some((o) => o === undefined)) return undefined;
  return { all: operands as EngineCondition[] };
}

function any(operands: readonly Lowered[]): Lowered {
  const possible = operands.filter((o): o is EngineCondition => o !== undefined);
  return possible.length ? { any: possible } : undefined;
}

/** Conditions that hold exactly when `condition` is definitely true; undefined when it never is. */
function whenTrue(condition: ConditionModel): Lowered {
  switch (condition.kind) {
    case "and":
      return all(condition.operands.map(whenTrue));
    case "or":
      return any(condition.operands.map(whenTrue));
    case "not":
      return whenFalse(condition.operand);
    case "always":
      return { all: [] };
    case "flag":
      return leaf(condition.path, "equal", true);
    case "taking":
      return leaf(takingFactId(condition.list, condition.drug), "equal", true);
    case "member":
      return leaf(condition.path, "in", [...condition.values]);
    case "compare":
      return comparison(factId(condition), condition.operator, Number(condition.against.value));
    case "finding":
      throw new Error("findings are evaluated by the verdict, not by engine rules");
  }
}

/** Conditions that hold exactly when `condition` is definitely false; undefined when it never is. */
function whenFalse(condition: ConditionModel): Lowered {
  switch (condition.kind) {
    case "and":
      return any(condition.operands.map(whenFalse));
    case "or":
      return all(condition.operands.map(whenFalse));
    case "not":
      return whenTrue(condition.operand);
    case "always":
      return undefined;
    case "flag":
      return leaf(condition.path, "equal", false);
    case "taking":
      return leaf(takingFactId(condition.list, condition.drug), "equal", false);
    case "member": {
      const others = condition.allValues.filter((v) => !condition.values.includes(v));
      return others.length ? leaf(condition.path, "in", others) : undefined;
    }
    case "compare":
      return comparison(factId(condition), negateComparison(condition.operator), Number(condition.against.value));
    case "finding":
      throw new Error("findings are evaluated by the verdict, not by engine rules");
  }
}

function comparison(fact: string, operator: ComparisonOperator, value: number): EngineCondition {
  switch (operator) {
    case ">":
      return leaf(fact, "greaterThan", value);
    case ">=":
      return leaf(fact, "greaterThanInclusive", value);
    case "<":
      return leaf(fact, "lessThan", value);
    case "<=":
      return leaf(fact, "lessThanInclusive", value);
    case "=":
      return leaf(fact, "equal", value);
    // `notEqual` is true on a missing fact, so "different" is spelled as "below or above".
    case "!=":
      return { any: [leaf(fact, "lessThan", value), leaf(fact, "greaterThan", value)] };
  }
}

/** The engine fact ids a condition reads. */
function factsOf(condition: ConditionModel): string[] {
  switch (condition.kind) {
    case "and":
    case "or":
      return condition.operands.flatMap(factsOf);
    case "not":
      return factsOf(condition.operand);
    case "flag":
    case "member":
      return [condition.path];
    case "taking":
      return [takingFactId(condition.list, condition.drug)];
    case "compare":
      return [factId(condition)];
    case "finding":
    case "always":
      return [];
  }
}

/** The condition as stated, for the runtime's explanations and the verdict. */
function toPackCondition(condition: ConditionModel): PackCondition {
  switch (condition.kind) {
    case "and":
    case "or":
      return { kind: condition.kind, operands: condition.operands.map(toPackCondition) };
    case "not":
      return { kind: "not", operand: toPackCondition(condition.operand) };
    case "flag":
      return { kind: "flag", fact: condition.path };
    case "member":
      return { kind: "member", fact: condition.path, values: condition.values };
    case "taking":
      return { kind: "taking", fact: takingFactId(condition.list, condition.drug), drug: condition.drug };
    case "finding":
      return { kind: "finding", findingKind: condition.findingKind };
    case "always":
      return { kind: "always" };
    case "compare":
      return {
        kind: "compare",
        fact: factId(condition),
        operator: condition.operator,
        value: Number(condition.against.value),
        unit: condition.against.unit,
        ...(condition.against.threshold ? { threshold: condition.against.threshold } : {}),
        written: condition.against.written,
      };
  }
}

function toPackEffect(effect: EffectModel): PackEffect {
  if (effect.kind !== "medication") return effect;
  return {
    kind: "medication",
    action: effect.action,
    drugs: effect.drugs,
    target: effect.target,
    ...(effect.delay
      ? {
          before: {
            value: Number(effect.delay.value),
            unit: effect.delay.unit,
            hours: Number(effect.delay.hours),
            ...(effect.delay.threshold ? { threshold: effect.delay.threshold } : {}),
          },
        }
      : {}),
  };
}
