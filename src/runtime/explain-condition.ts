import { assertNever } from "../shared/assert-never.js";
import type { PackCondition } from "../pack/pack-format.js";
import { evaluateCondition, leafHolds, missingFacts, type EngineFacts, type Truth } from "./kleene.js";

/** What a report asks of a finding kind while it explains a condition that tests it. */
export interface FindingAnswers {
  /** Whether some rule finds this kind: true, false or unknown. */
  readonly truth: (kind: string) => Truth;
  /** The missing facts behind an undecided finding kind. */
  readonly facts: (kind: string) => readonly string[];
}

/** A stated condition's truth, with the missing facts that leave it unknown (none when decided). */
export interface Explained {
  readonly truth: Truth;
  readonly missing: readonly string[];
}

/** How a report explains a stated condition: its truth and the missing facts behind it. */
export type Explain = (condition: PackCondition, facts: EngineFacts, findings?: FindingAnswers) => Explained;

/**
 * The reference explanation, from `kleene.ts`: `evaluateCondition`, then `missingFacts`, which
 * evaluates each sub-condition again at every level. The stock json-rules-engine path uses it.
 */
export const explainByKleene: Explain = (condition, facts, findings) => {
  const truth = evaluateCondition(condition, facts, findings?.truth);
  return { truth, missing: truth === "unknown" ? missingFacts(condition, facts, findings?.truth, findings?.facts) : [] };
};

/** A compiled condition: pushes onto `missing` the facts that leave it unknown, and returns its truth. */
type Compiled = (facts: EngineFacts, findings: FindingAnswers | undefined, missing: string[]) => Truth;

const compiledConditions = new WeakMap<PackCondition, Compiled>();

/**
 * The one-pass explanation: truth and missing facts from one walk of the condition, compiled to
 * closures on first use and kept per condition object (a loaded pack is frozen). The same
 * answers as {@link explainByKleene}, in the same order: a sub-condition that is decided adds no
 * missing fact, and an `and` that meets a false part (an `or`, a true part) stops there.
 */
export const explainInOnePass: Explain = (condition, facts, findings) => {
  let compiled = compiledConditions.get(condition);
  if (!compiled) {
    compiled = compileCondition(condition);
    compiledConditions.set(condition, compiled);
  }
  const missing: string[] = [];
  const truth = compiled(facts, findings, missing);
  return { truth, missing };
};

function compileCondition(condition: PackCondition): Compiled {
  switch (condition.kind) {
    case "and":
    case "or": {
      const operands = condition.operands.map(compileCondition);
      // `and` stops at a false part, `or` at a true one; any unknown part otherwise leaves it unknown.
      const decisive: Truth = condition.kind === "and" ? "false" : "true";
      const otherwise: Truth = condition.kind === "and" ? "true" : "false";
      return (facts, findings, missing) => {
        const start = missing.length;
        let unknown = false;
        for (const operand of operands) {
          const value = operand(facts, findings, missing);
          if (value === decisive) {
            missing.length = start;
            return decisive;
          }
          if (value === "unknown") unknown = true;
        }
        if (unknown) return "unknown";
        missing.length = start;
        return otherwise;
      };
    }
    case "not": {
      const operand = compileCondition(condition.operand);
      return (facts, findings, missing) => {
        const value = operand(facts, findings, missing);
        return value === "true" ? "false" : value === "false" ? "true" : "unknown";
      };
    }
    case "finding": {
      const kind = condition.findingKind;
      return (_facts, findings, missing) => {
        if (!findings) return "unknown";
        const value = findings.truth(kind);
        if (value === "unknown") for (const fact of findings.facts(kind)) missing.push(fact);
        return value;
      };
    }
    case "always":
      return () => "true";
    case "compare":
    case "member":
    case "flag":
    case "taking": {
      const fact = condition.fact;
      return (facts, _findings, missing) => {
        const value = facts.get(fact);
        if (value === undefined) {
          missing.push(fact);
          return "unknown";
        }
        return leafHolds(condition, value) ? "true" : "false";
      };
    }
    default:
      return assertNever(condition);
  }
}
