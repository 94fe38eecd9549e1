/**
 * Property 10 — a dose is exact at its threshold, however it is written. A daily dose exactly at
 * a threshold of the pack (and one thousandth of a unit on either side), cut at random into
 * several entries of the same drug under any of its names (case, accents, spaces), each written
 * in a random unit (mg/d, g/d, ug/d, ng/d, mg/wk), gives the report of the single exact dose:
 * the same verdict, missing facts and rules, and every entry the action of the single entry.
 * Floating-point sums and a rounded 1/7 would put many of these cuts on the wrong side.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { doseFactId } from "../../src/pack/pack-format.js";
import { evaluate } from "../../src/runtime/evaluate.js";
import type { Report } from "../../src/runtime/report.js";
import { fixturePack } from "../support/compile-guideline.js";
import { runLabel, seedOf } from "./property-settings.js";

const pack = fixturePack("test/fixtures/medications/plan.guideline");
const cases = 1_000;
const seed = seedOf(70);

const list = pack.plan?.list ?? "";
const doseField = pack.facts.find((f) => f.type === "medications" && f.path === list)?.type === "medications" ? "dailyDoseMg" : "";
// The drug whose dose a rule compares with a threshold, and that threshold, read from the pack.
const dosed = pack.drugs.find((d) =>
  pack.rules.some((r) => JSON.stringify(r.conditions).includes(JSON.stringify(doseFactId(list, d.name, doseField)))),
);
const threshold = pack.thresholds.find((t) => t.role === "threshold");
if (!dosed || !threshold) throw new Error("the fixture has no dose compared with a threshold");

/** A decimal string of `units / 10^scale`, exactly. */
function decimal(units: bigint, scale: number): string {
  const digits = units.toString().padStart(scale + 1, "0");
  return scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/\.?0+$/, "") : digits;
}

/** Ways of writing a dose of `thousandths` / 1000 in the list's unit (mg/d), each exact. */
const writings: readonly ((thousandths: bigint) => { value: number; unit: string } | number)[] = [
  (t) => Number(decimal(t, 3)),
  (t) => ({ value: Number(decimal(t, 3)), unit: "mg/d" }),
  (t) => ({ value: Number(decimal(t, 6)), unit: "g/d" }),
  (t) => ({ value: Number(decimal(t, 0)), unit: "ug/d" }),
  (t) => ({ value: Number(decimal(t * 1000n, 0)), unit: "ng/d" }),
  (t) => ({ value: Number(decimal(t * 7n, 3)), unit: "mg/wk" }),
];

const names = [dosed.name, ...dosed.aliases];
const spelled = fc.tuple(fc.constantFrom(...names), fc.constantFrom("same", "upper", "lower", "spaced", "plain")).map(([name, how]) => {
  switch (how) {
    case "upper":
      return name.toUpperCase();
    case "lower":
      return name.toLowerCase();
    case "spaced":
      return `  ${name.split(" ").join("   ")} `;
    case "plain":
      return name.normalize("NFD").replace(/\p{M}/gu, "");
    default:
      return name;
  }
});

const total = BigInt(Math.round(threshold.value * 1000));
/** A cut of `total + delta` thousandths into parts, each under a name and in a unit. */
const decomposition = fc
  .tuple(fc.constantFrom(-1n, 0n, 1n), fc.array(fc.bigInt({ min: 0n, max: total + 1n }), { maxLength: 5 }))
  .chain(([delta, cuts]) => {
    const sum = total + delta;
    const points = [0n, ...cuts.map((c) => (c > sum ? sum : c)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), sum];
    const parts = points.slice(1).map((p, i) => p - (points[i] ?? 0n));
    return fc.tuple(
      fc.constant(delta),
      fc.tuple(
        ...parts.map((part) =>
          fc
            .tuple(spelled, fc.nat({ max: writings.length - 1 }))
            .map(([name, w]) => ({ name, [doseField]: (writings[w] ?? writings[0])?.(part) })),
        ),
      ),
    );
  });

/** What must not depend on how the dose is cut: the report without the plan's per-entry details. */
function shared(report: Report): unknown {
  // Readiness names the plan entries concerned by their index: one per entry of the cut dose.
  return {
    ...report,
    medicationPlan: undefined,
    undecided: report.undecided.map((u) => ({ ...u, missing: [] })),
    readiness: { ...report.readiness, treatments: [] },
  };
}

describe("property 10 — exact doses at a threshold", () => {
  it(`a dose at ${threshold.written} (and ±0.001), cut into entries in random units and names, gives the report of the single exact dose (${runLabel(cases, seed)})`, async () => {
    const sides = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(decomposition, async ([delta, entries]) => {
        const single = await evaluate(
          { procedure: { date: "2026-12-14" }, [list]: [{ name: dosed.name, [doseField]: Number(decimal(total + delta, 3)) }] },
          pack,
        );
        const cut = await evaluate({ procedure: { date: "2026-12-14" }, [list]: entries }, pack);
        const [expected] = single.medicationPlan;
        if (!expected) throw new Error("the single dose has no plan entry");
        const { index: _index, given: _given, ...action } = expected;
        for (const entry of cut.medicationPlan) expect(entry, JSON.stringify(entries)).toMatchObject(action);
        expect(cut.medicationPlan).toHaveLength(entries.length);
        expect(shared(cut)).toEqual(shared(single));
        sides.set(`${delta} → ${expected.action}`, (sides.get(`${delta} → ${expected.action}`) ?? 0) + 1);
      }),
      { seed, numRuns: cases },
    );
    console.info(`exact doses: ${cases} cuts (seed ${seed}); ${[...sides].map(([k, n]) => `${k}: ${n}`).join(", ")}`);
    // Both sides of the threshold are reached: below it, and at or above it.
    expect(new Set([...sides.keys()].map((k) => k.split(" → ")[1])).size).toBe(2);
  }, 120_000);
});
