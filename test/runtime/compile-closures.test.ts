/**
 * The closure evaluator (src/runtime/compile-closures.ts) decides json-rules-engine rules as a
 * stock Engine does, on any rule of the shapes a pack may hold and any fact values, and refuses
 * with GL5051 a rule it does not know instead of evaluating it some other way.
 */
import fc from "fast-check";
import { Engine, type RuleProperties } from "json-rules-engine";
import { describe, expect, it } from "vitest";
import { closuresFor, compileRules } from "../../src/runtime/compile-closures.js";
import { evaluate, evaluateSync } from "../../src/runtime/evaluate.js";
import { InvalidPackError } from "../../src/pack/invalid-pack-error.js";
import { packIntegrity } from "../../src/pack/pack-integrity.js";
import type { RulePack } from "../../src/pack/pack-format.js";
import { loadPack } from "../../src/runtime/load-pack.js";
import { shippedPack } from "../support/compile-guideline.js";
import { runLabel, seedOf } from "../properties/property-settings.js";

const facts = ["a", "b", "c"] as const;
const numbers = [-1, 0, 1, 2.5, 50, 1e21];

/** A value a fact may hold: a number at or beside the rules' numbers, a numeric or other string, a boolean, null. */
const factValue = fc.oneof(
  fc.constantFrom(...numbers),
  fc.integer({ min: -3, max: 60 }),
  fc.constantFrom("2", "2.5abc", "abc", "", true, false, null),
);

const leaf = fc.oneof(
  fc.record({
    fact: fc.constantFrom(...facts),
    operator: fc.constant("equal"),
    value: fc.oneof(fc.constantFrom(...numbers), fc.constantFrom("abc", "2", true, false)),
  }),
  fc.record({
    fact: fc.constantFrom(...facts),
    operator: fc.constant("in"),
    value: fc.array(fc.oneof(fc.constantFrom(...numbers), fc.constantFrom("abc", "", true)), { maxLength: 3 }),
  }),
  fc.record({
    fact: fc.constantFrom(...facts),
    operator: fc.constantFrom("lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive"),
    value: fc.constantFrom(...numbers),
  }),
);

const { condition } = fc.letrec<{ condition: unknown }>((tie) => ({
  condition: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie("condition"), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("condition"), { minLength: 1, maxLength: 3 }) }),
  ),
}));

const rules = fc
  .array(
    fc.tuple(
      fc.boolean(),
      fc.oneof(
        fc.record({ all: fc.array(condition, { maxLength: 3 }) }),
        fc.record({ any: fc.array(condition, { minLength: 1, maxLength: 3 }) }),
      ),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((list) =>
    list.map(([holds, conditions], i) => ({
      name: `r${i}`,
      priority: 1,
      conditions,
      event: { type: "guideline-rule", params: { rule: `r${i}`, holds } },
    })),
  );

/** Some facts given (possibly null), others absent. */
const givenFacts = fc
  .array(fc.option(factValue, { nil: undefined }), { minLength: facts.length, maxLength: facts.length })
  .map((values) => new Map(facts.flatMap((f, i) => (values[i] === undefined ? [] : [[f, values[i]] as const]))));

const eventKey = (event: { params?: Record<string, unknown> }) => JSON.stringify(event.params);

describe("the closures decide as a stock json-rules-engine", () => {
  const cases = 400;
  const seed = seedOf(51);
  it(`on any rule of the pack's shapes and any fact values, the same events (${runLabel(cases, seed)})`, async () => {
    await fc.assert(
      fc.asyncProperty(rules, fc.array(givenFacts, { minLength: 1, maxLength: 4 }), async (list, assignments) => {
        const engine = new Engine(list as unknown as RuleProperties[], { allowUndefinedFacts: true, allowUndefinedConditions: false });
        const closures = compileRules(list);
        for (const given of assignments) {
          const { events } = await engine.run(Object.fromEntries(given));
          const expected = events.map(eventKey).sort();
          const actual = closures.run(given).map(eventKey).sort();
          expect(actual, `facts ${JSON.stringify([...given])}`).toEqual(expected);
        }
      }),
      { seed, numRuns: cases },
    );
  });

  it("give their events in rule order, each the rule's own event", () => {
    const pack = shippedPack();
    const closures = closuresFor(loadPack(pack));
    expect(closuresFor(loadPack(pack))).toBe(closures);
    const all = new Map(
      pack.rules.flatMap((r) => (JSON.stringify(r.conditions).match(/"fact":"[^"]+"/g) ?? []).map((m) => [m.slice(8, -1), true] as const)),
    );
    const events = closures.run(all);
    const order = events.map((e) => pack.rules.findIndex((r) => r.event === e));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((x, y) => x - y));
  });
});

describe("a rule the closure compiler does not know is refused, never evaluated otherwise (GL5051)", () => {
  const rule = (conditions: unknown, extra: Record<string, unknown> = {}) => ({
    name: "odd/holds",
    priority: 1,
    conditions,
    event: { type: "guideline-rule", params: { rule: "odd", holds: true } },
    ...extra,
  });
  const cases: readonly [string, unknown][] = [
    [
      "an operator json-rules-engine has but the pack does not use (notEqual: true on a missing fact)",
      rule({ all: [{ fact: "a", operator: "notEqual", value: 1 }] }),
    ],
    ["a custom operator", rule({ all: [{ fact: "a", operator: "startsWith", value: "x" }] })],
    ["a `not` condition", rule({ all: [{ not: { fact: "a", operator: "equal", value: 1 } }] })],
    ["a shared `condition` reference", rule({ all: [{ condition: "shared" }] })],
    ["a JSONPath `path`", rule({ all: [{ fact: "a", operator: "equal", value: 1, path: "$.x" }] })],
    ["fact `params`", rule({ all: [{ fact: "a", operator: "equal", value: 1, params: { x: 1 } }] })],
    ["a fact reference as the value", rule({ all: [{ fact: "a", operator: "equal", value: { fact: "b" } }] })],
    ["`in` with a text (json-rules-engine would search it as a substring)", rule({ all: [{ fact: "a", operator: "in", value: "abc" }] })],
    ["a comparison with a text", rule({ all: [{ fact: "a", operator: "lessThan", value: "5" }] })],
    ["an empty `any`", rule({ any: [] })],
    ["a leaf as the whole condition", rule({ fact: "a", operator: "equal", value: 1 })],
    ["another priority", rule({ all: [] }, { priority: 2 })],
    ["another event type", { ...rule({ all: [] }), event: { type: "other", params: { rule: "odd", holds: true } } }],
  ];
  for (const [what, data] of cases) {
    it(`refuses ${what}`, () => {
      const refused = (() => {
        try {
          compileRules([rule({ all: [] }), data]);
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(refused).toBeInstanceOf(InvalidPackError);
      expect((refused as InvalidPackError).code).toBe("GL5051");
      expect((refused as InvalidPackError).message).toMatch(
        /^the rule pack's engine rule `odd\/holds` uses .+, which the closure evaluator does not know/,
      );
    });
  }

  it("evaluate refuses such a pack before reading any facts, with either engine", async () => {
    const pack = shippedPack();
    const edited = structuredClone(pack) as unknown as { rules: { conditions: { all?: { operator: string }[] } }[]; integrity: string };
    const leafOf = edited.rules.find((r) => r.conditions.all?.[0]?.operator === "equal")?.conditions.all?.[0];
    if (!leafOf) throw new Error("the pack has no rule starting with an `equal` test");
    leafOf.operator = "notEqual";
    const { integrity: _, ...rest } = edited;
    edited.integrity = packIntegrity(rest as unknown as RulePack);
    // Refused by the pack's schema already; the closures would refuse it too.
    const tampered = edited as unknown as RulePack;
    expect(() => loadPack(structuredClone(tampered), { allowUnsigned: true })).toThrow(InvalidPackError);
    expect(() => evaluateSync({ not: "read" }, { pack: structuredClone(tampered) })).toThrow(InvalidPackError);
    await expect(evaluate({ not: "read" }, { pack: structuredClone(tampered), engine: "json-rules-engine" })).rejects.toThrow(
      InvalidPackError,
    );
    expect(() => compileRules(tampered.rules)).toThrow(expect.objectContaining({ code: "GL5051" }));
  });
});
