import { assertNever } from "../shared/assert-never.js";
import type { PackCondition } from "../pack/pack-format.js";
import { comparisonHolds } from "../pack/comparison-operator.js";

/** A three-valued truth value (Kleene): a missing fact makes a test unknown, never false. */
export type Truth = "true" | "false" | "unknown";

/** Engine facts: fact id → value; an absent id is a missing fact. */
export type EngineFacts = ReadonlyMap<string, unknown>;

/**
 * Strong Kleene evaluation of a stated condition, used to explain an engine result: which
 * missing facts left a rule undecided. `finding` tests are answered by `findings`.
 */
export function evaluateCondition(condition: PackCondition, facts: EngineFacts, findings?: (kind: string) => Truth): Truth {
  switch (condition.kind) {
    case "and": {
      const values = condition.operands.map((c) => evaluateCondition(c, facts, findings));
      return values.includes("false") ? "false" : values.includes("unknown") ? "unknown" : "true";
    }
    case "or": {
      const values = condition.operands.map((c) => evaluateCondition(c, facts, findings));
      return values.includes("true") ? "true" : values.includes("unknown") ? "unknown" : "false";
    }
    case "not": {
      const value = evaluateCondition(condition.operand, facts, findings);
      return value === "true" ? "false" : value === "false" ? "true" : "unknown";
    }
    case "finding":
      return findings ? findings(condition.findingKind) : "unknown";
    case "always":
      return "true";
    case "compare":
    case "member":
    case "flag":
    case "taking": {
      const value = facts.get(condition.fact);
      if (value === undefined) return "unknown";
      return truth(leafHolds(condition, value));
    }
    default:
      return assertNever(condition);
  }
}

function truth(value: boolean): Truth {
  return value ? "true" : "false";
}

/** A test of one fact: a comparison, a membership, a yes/no fact or a treatment taken. */
export type PackLeaf = Extract<PackCondition, { readonly fact: string }>;

/** Whether a test of one fact holds on its (given) value. */
export function leafHolds(condition: PackLeaf, value: unknown): boolean {
  switch (condition.kind) {
    case "flag":
    case "taking":
      return value === true;
    case "member":
      return condition.values.includes(value as string);
    case "compare":
      return comparisonHolds(value as number, condition.operator, condition.value);
  }
}

/**
 * The missing facts that leave `condition` unknown: those under undecided sub-conditions only.
 * A fact under a part that is already decided (`false and …`) cannot change the result and is
 * not listed. `findingFacts` gives the missing facts behind an undecided finding kind.
 */
export function missingFacts(
  condition: PackCondition,
  facts: EngineFacts,
  findings?: (kind: string) => Truth,
  findingFacts?: (kind: string) => readonly string[],
): string[] {
  const value = evaluateCondition(condition, facts, findings);
  if (value !== "unknown") return [];
  switch (condition.kind) {
    case "and":
    case "or":
      return condition.operands.flatMap((c) => missingFacts(c, facts, findings, findingFacts));
    case "not":
      return missingFacts(condition.operand, facts, findings, findingFacts);
    case "finding":
      return [...(findingFacts?.(condition.findingKind) ?? [])];
    case "always":
      return [];
    case "compare":
    case "member":
    case "flag":
    case "taking":
      return [condition.fact];
    default:
      return assertNever(condition);
  }
}
