import { memoByObject } from "../shared/memo-by-object.js";
import { InvalidPackError } from "../pack/invalid-pack-error.js";
import type { EngineRule, RulePack } from "../pack/pack-format.js";
import type { EngineFacts } from "./kleene.js";

/** An event of a json-rules-engine rule that holds: which guideline rule it decides, and how. */
export type EngineEvent = EngineRule["event"];

/** A pack's json-rules-engine rules compiled to closures: the events of the rules that hold. */
export interface CompiledRules {
  /** The events of the rules whose conditions hold on `facts`, in rule order. */
  readonly run: (facts: EngineFacts) => readonly EngineEvent[];
  /** Each engine rule on its own, in rule order: whether it holds, and its event. */
  readonly rules: readonly CompiledRule[];
}

/** One engine condition, compiled: whether it holds on the facts (a missing fact holds no leaf). */
export type Test = (facts: EngineFacts) => boolean;

/** One engine rule, compiled. */
export interface CompiledRule {
  readonly holds: Test;
  readonly event: EngineEvent;
}

/**
 * The closures of a loaded pack's engine rules, compiled on first use and kept per pack
 * object (a loaded pack is frozen, so they never go stale). Throws {@link InvalidPackError}
 * `GL5051` when a rule has a shape or an operator the closure compiler does not know.
 */
export const closuresFor: (pack: RulePack) => CompiledRules = memoByObject((pack) => compileRules(pack.rules));

/**
 * Compiles json-rules-engine rules into plain closures that decide exactly as a stock Engine
 * with `allowUndefinedFacts` does: `all`, `any`, and leaves with `equal`, `in`, `lessThan`,
 * `lessThanInclusive`, `greaterThan`, `greaterThanInclusive`, each with json-rules-engine's own
 * comparison (strict equality, `indexOf`, and its number check before a comparison). No source
 * text is generated or run: no `new Function`, no `eval`. Anything else (another operator,
 * `not`, a `condition` reference, a `path`, `params`, a fact reference as a value, an empty
 * `any`, a priority other than 1) is refused with `GL5051` rather than evaluated otherwise
 * than the Engine would.
 */
export function compileRules(rules: readonly unknown[]): CompiledRules {
  const compiled = rules.map((rule, index) => compileRule(rule, index));
  return {
    rules: compiled,
    run(facts) {
      const events: EngineEvent[] = [];
      for (const rule of compiled) if (rule.holds(facts)) events.push(rule.event);
      return events;
    },
  };
}

function compileRule(data: unknown, index: number): CompiledRule {
  const where = `rule ${index + 1}`;
  if (!isRecord(data)) refuse(where, "a rule that is not an object");
  const rule = data;
  const name = typeof rule.name === "string" ? `rule \`${rule.name}\`` : where;
  onlyKeys(rule, ["name", "priority", "conditions", "event"], name);
  if (rule.priority !== 1) refuse(name, `the priority ${JSON.stringify(rule.priority)}`);
  const event = rule.event;
  if (!isRecord(event) || event.type !== "guideline-rule" || !isRecord(event.params))
    refuse(name, "an event that is not a guideline-rule event with params");
  const params = event.params;
  onlyKeys(event, ["type", "params"], name);
  onlyKeys(params, ["rule", "drug", "holds"], name);
  if (
    typeof params.rule !== "string" ||
    typeof params.holds !== "boolean" ||
    (params.drug !== undefined && typeof params.drug !== "string")
  )
    refuse(name, "event params other than a rule, a drug and whether it holds");
  const conditions = rule.conditions;
  if (!isRecord(conditions) || !("all" in conditions || "any" in conditions))
    refuse(name, "top-level conditions that are not `all` or `any`");
  return { holds: compileCondition(conditions, name), event: event as unknown as EngineEvent };
}

function compileCondition(condition: unknown, name: string): Test {
  if (!isRecord(condition)) refuse(name, "a condition that is not an object");
  if ("all" in condition || "any" in condition) {
    const all = "all" in condition;
    onlyKeys(condition, [all ? "all" : "any"], name);
    const items = all ? condition.all : condition.any;
    if (!Array.isArray(items)) refuse(name, `\`${all ? "all" : "any"}\` without a list of conditions`);
    // json-rules-engine holds an empty `any` true in some versions and false in others: the schema refuses it too.
    if (!all && items.length === 0) refuse(name, "an empty `any`");
    const tests = items.map((item) => compileCondition(item, name));
    return all ? allOf(tests) : anyOf(tests);
  }
  return compileLeaf(condition, name);
}

function allOf(tests: readonly Test[]): Test {
  const [only] = tests;
  if (tests.length === 1 && only) return only;
  return (facts) => {
    for (const test of tests) if (!test(facts)) return false;
    return true;
  };
}

function anyOf(tests: readonly Test[]): Test {
  const [only] = tests;
  if (tests.length === 1 && only) return only;
  return (facts) => {
    for (const test of tests) if (test(facts)) return true;
    return false;
  };
}

function compileLeaf(leaf: Record<string, unknown>, name: string): Test {
  const shape = Object.keys(leaf).filter((key) => key !== "fact" && key !== "operator" && key !== "value");
  if (shape.length) refuse(name, `a condition with \`${shape.join("`, `")}\``);
  const { fact, operator, value } = leaf;
  if (typeof fact !== "string" || fact === "") refuse(name, "a condition without a fact");
  switch (operator) {
    case "equal":
      if (!isScalar(value)) refuse(name, "`equal` with a value that is not a string, a number or a boolean");
      return (facts) => facts.get(fact) === value;
    case "in": {
      if (!Array.isArray(value) || !value.every(isScalar))
        refuse(name, "`in` with a value that is not a list of strings, numbers and booleans");
      const values: readonly unknown[] = value;
      return (facts) => values.indexOf(facts.get(fact)) > -1;
    }
    case "lessThan":
    case "lessThanInclusive":
    case "greaterThan":
    case "greaterThanInclusive": {
      if (typeof value !== "number") refuse(name, `\`${operator}\` with a value that is not a number`);
      const compare = comparisons[operator];
      return (facts) => {
        const x = facts.get(fact);
        // As json-rules-engine does, a value that passed the number check is compared as it is.
        return isNumeric(x) && compare(x as number, value);
      };
    }
    default:
      return refuse(name, `the operator ${JSON.stringify(operator)}`);
  }
}

/** json-rules-engine's comparisons, with JavaScript's `<` on whatever passed its number check. */
const comparisons: Readonly<
  Record<"lessThan" | "lessThanInclusive" | "greaterThan" | "greaterThanInclusive", (x: number, y: number) => boolean>
> = {
  lessThan: (x, y) => x < y,
  lessThanInclusive: (x, y) => x <= y,
  greaterThan: (x, y) => x > y,
  greaterThanInclusive: (x, y) => x >= y,
};

/** json-rules-engine's check before a comparison: `Number.parseFloat(value)` is not NaN. A missing fact fails it. */
function isNumeric(value: unknown): boolean {
  if (typeof value === "number") return !Number.isNaN(value);
  return value !== undefined && !Number.isNaN(Number.parseFloat(value as string));
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function onlyKeys(record: Record<string, unknown>, keys: readonly string[], name: string): void {
  const extra = Object.keys(record).filter((key) => !keys.includes(key));
  if (extra.length) refuse(name, `\`${extra.join("`, `")}\``);
}

function refuse(name: string, what: string): never {
  throw new InvalidPackError({ code: "GL5051", args: [name, what] });
}
