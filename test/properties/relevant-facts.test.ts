/**
 * Relevant missing facts (issue 14): the laws of `relevant`, over the shipped guideline (no number
 * of the edition is pinned here):
 * (a) the search finds exactly the facts brute force finds: with at most 4 engine facts missing,
 *     every completion over their classes is enumerated, and a fact is relevant when two
 *     completions that differ only in it give different values; for the verdict, readiness,
 *     each drug's action and each recommendation;
 * (b) every relevant fact of a report is in `missing`;
 * (c) the verdict's list is empty when the verdict is decided; when it is `incomplete`, the list
 *     is empty only if every completion gives one outcome (the three-valued evaluation cannot see
 *     it: `(p and not q) or (r and not p)` with q false and r true holds whatever p), checked on
 *     random completions;
 * (d) filling the irrelevant missing facts with any values never changes the value.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PackRule } from "../../src/pack/pack-format.js";
import { takingFactId } from "../../src/pack/pack-format.js";
import { evaluateSync } from "../../src/runtime/evaluate.js";
import { factClasses } from "../../src/runtime/fact-classes.js";
import { normaliseFacts } from "../../src/runtime/normalise-facts.js";
import { drugTarget, pointOf, readinessTarget, ruleTarget, verdictTarget, type OutcomeTarget } from "../../src/runtime/outcome-targets.js";
import { relevantOf, type SearchContext } from "../../src/runtime/relevance-search.js";
import { reportTables } from "../../src/runtime/report-tables.js";
import { patientArbitrary } from "../support/patient-arbitrary.js";
import { seededRandom } from "./fillings.js";
import { runLabel, seedOf, shippedGuideline } from "./property-settings.js";

const { pack, space } = shippedGuideline();
const classes = factClasses(pack);
const tables = reportTables(pack);
const list = pack.plan?.list ?? tables.medicationList;

/** Every engine fact the pack reads whose classes are known, in a fixed order. */
const engineIds = [
  ...new Set([...pack.sourceRules.flatMap((r) => r.facts), ...[...tables.medicationRules.keys()].map((drug) => takingFactId(list, drug))]),
]
  .filter((id) => classes(id) !== undefined)
  .sort();

const drugs = [...tables.medicationRules.keys()].sort();
const targets: readonly { readonly name: string; readonly target: OutcomeTarget }[] = [
  { name: "the verdict", target: verdictTarget(pack) },
  {
    name: "readiness",
    target: readinessTarget(
      pack,
      pack.sourceRules.filter((r) => r.effect.kind === "precondition"),
      drugs.map((drug) => ({ kind: "drug", drug })),
      undefined,
    ),
  },
  ...drugs.map((drug) => ({ name: `the action for ${drug}`, target: drugTarget(pack, drug) })),
  ...pack.sourceRules
    .filter((r): r is PackRule => r.effect.kind === "recommend")
    .map((rule) => ({ name: `recommendation ${rule.id}`, target: ruleTarget(rule) })),
];

/** A point of the engine facts: each fact a class value, but those left missing (at most 4). */
const pointArbitrary = fc
  .record({
    picks: fc.array(fc.nat({ max: 99 }), { minLength: engineIds.length, maxLength: engineIds.length }),
    missing: fc.shuffledSubarray(engineIds, { minLength: 1, maxLength: 4 }),
  })
  .map(({ picks, missing }) => {
    const facts = new Map<string, unknown>();
    engineIds.forEach((id, i) => {
      const values = classes(id) ?? [];
      if (!missing.includes(id)) facts.set(id, values[(picks[i] ?? 0) % values.length]);
    });
    return { facts, missing: [...missing].sort() };
  });

/** Every completion of `missing` over their classes. */
function completions(facts: ReadonlyMap<string, unknown>, missing: readonly string[]): Map<string, unknown>[] {
  let all: Map<string, unknown>[] = [new Map(facts)];
  for (const id of missing) all = all.flatMap((m) => (classes(id) ?? []).map((v) => new Map(m).set(id, v)));
  return all;
}

/** The facts that matter by definition: two completions differing only in the fact give different values. */
function bruteForce(target: OutcomeTarget, facts: ReadonlyMap<string, unknown>, missing: readonly string[]): string[] {
  const valueOf = new Map<string, string>();
  const key = (m: ReadonlyMap<string, unknown>, except?: string) =>
    missing.map((id) => (id === except ? "*" : String(m.get(id)))).join("|");
  const all = completions(facts, missing);
  for (const m of all) {
    const value = target.valueAt(pointOf(pack, m));
    expect(value, "a completion settles every value").toBeDefined();
    valueOf.set(key(m), value ?? "");
  }
  return missing.filter((id) => {
    const byRest = new Map<string, Set<string>>();
    for (const m of all) {
      const rest = key(m, id);
      const seen = byRest.get(rest) ?? new Set<string>();
      seen.add(valueOf.get(key(m)) ?? "");
      byRest.set(rest, seen);
    }
    return [...byRest.values()].some((seen) => seen.size > 1);
  });
}

/** Whether 50 random completions of a patient's missing engine facts give one verdict. */
function oneOutcomeOnRandomCompletions(patient: unknown): boolean {
  const normalised = normaliseFacts(patient, pack, new Set());
  if ("errors" in normalised) throw new Error("invalid patient");
  const facts = normalised.ok.engineFacts;
  const missing = engineIds.filter((id) => !facts.has(id));
  const random = seededRandom(seedOf(143));
  const verdicts = new Set<string | undefined>();
  for (let i = 0; i < 50; i++) {
    const filled = new Map(facts);
    for (const id of missing) {
      const values = classes(id) ?? [];
      filled.set(id, values[Math.floor(random() * values.length)]);
    }
    verdicts.add(verdictTarget(pack).valueAt(pointOf(pack, filled)));
  }
  return verdicts.size === 1 && !verdicts.has(undefined);
}

const context = (): SearchContext => ({ pack, classesOf: classes, budget: 1_000_000 });

describe("relevant missing facts", () => {
  const cases = 300;
  const seed = seedOf(140);
  it(`(a) the search lists exactly the facts that brute force finds relevant, for every value the report decides (${runLabel(cases, seed)})`, () => {
    let found = 0;
    fc.assert(
      fc.property(pointArbitrary, ({ facts, missing }) => {
        for (const { name, target } of targets) {
          const relevant = [...relevantOf(context(), target, facts)].sort();
          expect(relevant, name).toEqual(bruteForce(target, facts, missing));
          found += relevant.length;
        }
      }),
      { numRuns: cases, seed },
    );
    expect(found).toBeGreaterThan(cases);
  });

  const fillCases = 200;
  const fillSeed = seedOf(141);
  it(`(d) filling the irrelevant missing facts with any values never changes a value (${runLabel(fillCases, fillSeed)})`, () => {
    fc.assert(
      fc.property(pointArbitrary, fc.array(fc.nat({ max: 99 }), { minLength: 8, maxLength: 8 }), ({ facts, missing }, picks) => {
        for (const { name, target } of targets) {
          const relevant = new Set(relevantOf(context(), target, facts));
          const irrelevant = missing.filter((id) => !relevant.has(id));
          const filled = new Map(facts);
          irrelevant.forEach((id, i) => {
            const values = classes(id) ?? [];
            filled.set(id, values[(picks[i] ?? 0) % values.length]);
          });
          // Over every completion of the relevant facts, the value is the same with or without the filling.
          for (const m of completions(facts, [...relevant].sort())) {
            const withFilling = new Map([...m, ...[...filled].filter(([id]) => irrelevant.includes(id))]);
            const before = completions(m, irrelevant).map((c) => target.valueAt(pointOf(pack, c)));
            const after = target.valueAt(pointOf(pack, withFilling));
            for (const value of before) expect(value, name).toBe(after);
          }
        }
      }),
      { numRuns: fillCases, seed: fillSeed },
    );
  });

  const reportCases = 500;
  const reportSeed = seedOf(142);
  it(`(b, c) every relevant fact is in missing; the verdict's list is empty when the verdict is decided, and when incomplete only if every completion gives one outcome (${runLabel(reportCases, reportSeed)})`, () => {
    let incomplete = 0;
    fc.assert(
      fc.property(patientArbitrary(space), (patient) => {
        const report = evaluateSync(patient, pack);
        const { relevant } = report;
        const listed = [
          ...relevant.verdict,
          ...relevant.readiness,
          ...relevant.plan.flatMap((e) => e.facts),
          ...relevant.recommendations.flatMap((r) => r.facts),
        ];
        for (const fact of listed) expect(report.missing).toContain(fact.path);
        if (report.verdict !== "incomplete") expect(relevant.verdict).toEqual([]);
        else if (relevant.verdict.length) {
          incomplete++;
          for (const fact of relevant.verdict) expect(report.verdictMissing).toContain(fact.path);
        } else {
          expect(relevant.exact).toBe(true);
          expect(oneOutcomeOnRandomCompletions(patient)).toBe(true);
        }
        if (report.readiness.status !== "unknown") expect(relevant.readiness).toEqual([]);
        for (const entry of relevant.plan) expect(report.medicationPlan.find((e) => e.index === entry.index)?.action).toBe("unknown");
      }),
      { numRuns: reportCases, seed: reportSeed },
    );
    expect(incomplete).toBeGreaterThan(0);
  });
});
