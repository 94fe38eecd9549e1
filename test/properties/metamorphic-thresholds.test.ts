/**
 * Property 9 — metamorphic: moving a threshold in the source moves the boundary exactly there
 * and nowhere else. For every `threshold` the rules compare with, its value in the source text
 * is replaced by random values and the guideline recompiled with compileGuideline. Then, for a
 * threshold moved from t0 to t1 (both in the unit of what it is compared with):
 *
 * - at the new boundary, the new pack judges t1 + k as the old pack judged t0 + k (k = −1,
 *   −0.5, −0.001, 0, +0.001, +0.5, +1): same report;
 * - a precondition that is that one comparison is met or unmet exactly as `t1 + k OP t1`;
 * - elsewhere (a value on the same side of t0 and of t1) the report does not change.
 *
 * And for every `delay`: the plan entries it times say the new delay, and nothing else changes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CheckedGuideline, ConditionModel, Measured, RuleModel, ThresholdModel } from "../../src/compiler/model.js";
import { evaluate } from "../../src/runtime/evaluate.js";
import type { RulePack } from "../../src/pack/pack-format.js";
import type { Report } from "../../src/runtime/report.js";
import { printValue } from "../../src/compiler/check/print-value.js";
import { compareDecimals, decimalOfNumber, multiplyDecimals } from "../../src/units/decimal.js";
import { conversionFactor } from "../../src/units/ucum.js";
import { compileEdited } from "../support/compile-guideline.js";
import {
  boundaryPoints,
  clonePatient,
  getAt,
  patientArbitrary,
  quantityValueArbitrary,
  setAt,
  type Patient,
} from "../support/patient-arbitrary.js";
import { recognise } from "../support/reference-evaluator.js";
import { runLabel, seedOf, shippedGuideline } from "./property-settings.js";

const { model, pack, space } = shippedGuideline();
const cases = 1_000;
/** New values tried per threshold (each one compilation). */
const valuesPerThreshold = 5;

type Operator = Extract<ConditionModel, { kind: "compare" }>["operator"];

/** A comparison of the rules with a threshold: what it measures, how, in which rule. */
interface Comparison {
  readonly measured: Measured;
  readonly operator: Operator;
  readonly rule: RuleModel;
}

function comparisonsOf(condition: ConditionModel | undefined, rule: RuleModel): (Comparison & { readonly threshold?: string })[] {
  if (!condition) return [];
  switch (condition.kind) {
    case "and":
    case "or":
      return condition.operands.flatMap((c) => comparisonsOf(c, rule));
    case "not":
      return comparisonsOf(condition.operand, rule);
    case "compare":
      return [
        {
          measured: condition.measured,
          operator: condition.operator,
          rule,
          ...(condition.against.threshold ? { threshold: condition.against.threshold } : {}),
        },
      ];
    default:
      return [];
  }
}

const comparisons = model.rules.flatMap((rule) => comparisonsOf(rule.when, rule));
const key = (m: Measured) => (m.kind === "fact" ? m.path : `dose of ${m.drug}`);

/** The unit and range of what a comparison measures. */
function scaleOf(measured: Measured): { unit: string; min?: number; max?: number } {
  if (measured.kind === "fact") {
    const fact = model.facts.find((f) => f.path === measured.path);
    if (fact?.type !== "quantity") throw new Error(`${measured.path} is not a quantity`);
    return {
      unit: fact.unit,
      ...(fact.min !== undefined ? { min: Number(fact.min) } : {}),
      ...(fact.max !== undefined ? { max: Number(fact.max) } : {}),
    };
  }
  const list = model.facts.find((f) => f.path === measured.list);
  if (list?.type !== "medications" || !list.dose) throw new Error(`${measured.list} has no dose`);
  return { unit: list.dose.unit, min: 0 };
}

function holds(x: number, operator: Operator, t: number): boolean {
  const order = compareDecimals(decimalOfNumber(x), decimalOfNumber(t));
  return { ">": order > 0, ">=": order >= 0, "<": order < 0, "<=": order <= 0, "=": order === 0, "!=": order !== 0 }[operator];
}

/** The patient with what `measured` reads set to `x` (a dose: the drug's only entry, with that dose). */
function withMeasured(patient: Patient, measured: Measured, x: number): Patient {
  const copy = clonePatient(patient);
  if (measured.kind === "fact") {
    setAt(copy, measured.path, x);
    return copy;
  }
  const entries = getAt(patient, measured.list);
  const others = (Array.isArray(entries) ? (entries as Record<string, unknown>[]) : []).filter(
    (e: Record<string, unknown>) => recognise(model, e)?.name !== measured.drug,
  );
  setAt(copy, measured.list, [{ name: measured.drug, [measured.field]: x }, ...others]);
  return copy;
}

/** Replaces the value of one threshold or delay in the source text. */
function moved(threshold: ThresholdModel, value: string): { model: CheckedGuideline; pack: RulePack } {
  const name = threshold.name.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
  const declaration = new RegExp(`^(\\s*(?:threshold|delay)\\s+${name}\\s*=\\s*)\\d+(?:[ \\u00a0\\u202f]\\d{3})*(?:[.,]\\d+)?`, "gm");
  let replaced = 0;
  const result = compileEdited((text) =>
    text.replace(declaration, (_whole, head: string) => {
      replaced++;
      return `${head}${value.replace(".", ",")}`;
    }),
  );
  if (replaced !== 1) throw new Error(`${threshold.name}: ${replaced} declarations replaced`);
  if (!result.model || !result.pack)
    throw new Error(`${threshold.name} = ${value} does not compile: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return { model: result.model, pack: result.pack };
}

/**
 * The report, but for the content hash of the guideline (which changes with any edit), the
 * patient's values shown beside each precondition (the two patients compared differ there by design)
 * and the moved value where a statement or a label shows it (`{name}`: it follows the value, by design).
 */
function comparable(report: Report, shown: readonly string[] = []): unknown {
  const { guideline, ...rest } = report;
  const text = JSON.stringify({
    ...rest,
    guideline: { id: guideline.id, edition: guideline.edition },
    preconditions: report.preconditions.map((p) => ({ ...p, values: [] })),
  });
  return JSON.parse(shown.reduce((t, value) => t.split(JSON.stringify(value).slice(1, -1)).join("‹value›"), text)) as unknown;
}

/** The value of a threshold or delay as the texts show it, before and after it moved. */
function shownValues(name: string, after: CheckedGuideline): string[] {
  return [model, after].flatMap((m) => {
    const threshold = m.thresholds.find((t) => t.name === name);
    return threshold ? [printValue(threshold, m.language)] : [];
  });
}

/** A threshold moved to a new value, with its comparisons and the packs before and after. */
interface MovedThreshold {
  readonly name: string;
  readonly comparisons: readonly Comparison[];
  /** Old and new values, in the unit of what they are compared with. */
  readonly t0: number;
  readonly t1: number;
  readonly written: string;
  readonly pack: RulePack;
  /** The value as statements and labels show it, old and new. */
  readonly shown: readonly string[];
}

const thresholds = model.thresholds.filter((t) => t.role === "threshold");
const unused = thresholds.filter((t) => !comparisons.some((c) => c.threshold === t.name)).map((t) => t.name);
const variants: MovedThreshold[] = [];
for (const [n, threshold] of thresholds.entries()) {
  const used = comparisons.filter((c) => c.threshold === threshold.name);
  const [first] = used;
  if (!first) continue;
  // One thing measured per threshold here; a threshold compared with several is moved for the first.
  const mine = used.filter((c) => key(c.measured) === key(first.measured));
  const scale = scaleOf(first.measured);
  const conversion = conversionFactor(threshold.unit, scale.unit);
  if (!("factor" in conversion)) throw new Error(`${threshold.unit} does not convert to ${scale.unit}`);
  const inScale = (v: string) => Number(multiplyDecimals(v, conversion.factor));
  // New values in the threshold's own unit, kept 2 units inside the range of what it measures.
  const low = Math.ceil(((scale.min ?? 0) + 2) / Number(conversion.factor));
  const high = Math.floor(((scale.max ?? Number(threshold.value) * 10 + 100) - 2) / Number(conversion.factor));
  // One unit above the old value, then whole and decimal values anywhere in the range.
  const anywhere = fc.sample(
    fc.oneof(
      { arbitrary: fc.integer({ min: low, max: high }).map(String), weight: 3 },
      { arbitrary: fc.integer({ min: low * 10, max: high * 10 }).map((v) => decimalOfNumber(v / 10)), weight: 2 },
    ),
    { seed: seedOf(90 + n), numRuns: valuesPerThreshold * 2 },
  );
  const values = [...new Set([decimalOfNumber(Number(threshold.value) + 1), ...anywhere])]
    .filter((v) => v !== threshold.value)
    .slice(0, valuesPerThreshold);
  for (const value of values) {
    const after = moved(threshold, value);
    variants.push({
      name: threshold.name,
      comparisons: mine,
      t0: inScale(threshold.value),
      t1: inScale(value),
      written: value,
      pack: after.pack,
      shown: shownValues(threshold.name, after.model),
    });
  }
}

const offsets = [-1, -0.5, -0.001, 0, 0.001, 0.5, 1];

describe("property 9 — metamorphic thresholds", () => {
  const seed = seedOf(9);
  it(`moving a threshold in the source moves the boundary exactly there and nowhere else (${runLabel(cases, seed)}; ${variants.length} recompiled guidelines: ${[...new Set(variants.map((v) => v.name))].join(", ")})`, async () => {
    expect(variants.length).toBeGreaterThan(0);
    let atBoundary = 0;
    let elsewhere = 0;
    let direct = 0;
    await fc.assert(
      fc.asyncProperty(
        patientArbitrary(space),
        fc.nat({ max: variants.length - 1 }),
        fc.constantFrom(...offsets),
        fc.nat(),
        async (patient, which, k, anywhere) => {
          const variant = variants[which] as MovedThreshold;
          const measured = (variant.comparisons[0] as Comparison).measured;
          const scale = scaleOf(measured);
          const inRange = (x: number) => (scale.min === undefined || x >= scale.min) && (scale.max === undefined || x <= scale.max);
          const x1 = Number(decimalOfNumber(variant.t1 + k));
          const x0 = Number(decimalOfNumber(variant.t0 + k));
          // At the boundary: the new pack at t1 + k is the old pack at t0 + k.
          if (inRange(x0) && inRange(x1)) {
            const after = await evaluate(withMeasured(patient, measured, x1), variant.pack);
            const before = await evaluate(withMeasured(patient, measured, x0), pack);
            expect(
              comparable(after, variant.shown),
              `${variant.name} moved to ${variant.written}: ${key(measured)} = ${x1} in the new guideline vs ${x0} in the old, for ${JSON.stringify(patient)}`,
            ).toEqual(comparable(before, variant.shown));
            atBoundary++;
            // A precondition that is this one comparison says so directly.
            for (const c of variant.comparisons) {
              if (c.rule.effect.kind !== "precondition" || c.rule.when?.kind !== "compare") continue;
              const status = after.preconditions.find((p) => p.rule === c.rule.id)?.status;
              expect(status, `${c.rule.id} with ${key(measured)} = ${x1} ${c.operator} ${variant.t1}`).toBe(
                holds(x1, c.operator, variant.t1) ? "met" : "unmet",
              );
              direct++;
            }
          }
          // Elsewhere: a value every comparison judges the same way under both values.
          const points = fc.sample(quantityValueArbitrary([variant.t0, variant.t1], scale.min, scale.max), { seed: anywhere, numRuns: 1 });
          const x = points[0] ?? 0;
          if (variant.comparisons.every((c) => holds(x, c.operator, variant.t0) === holds(x, c.operator, variant.t1))) {
            const somewhere = withMeasured(patient, measured, x);
            expect(
              comparable(await evaluate(somewhere, variant.pack), variant.shown),
              `${variant.name} moved to ${variant.written} changes the report for ${key(measured)} = ${x}, ${JSON.stringify(somewhere)}`,
            ).toEqual(comparable(await evaluate(somewhere, pack), variant.shown));
            elsewhere++;
          }
        },
      ),
      { seed, numRuns: cases },
    );
    console.info(
      `metamorphic thresholds: ${cases} cases (seed ${seed}) over ${variants.length} recompiled guidelines (${variants.map((v) => `${v.name} = ${v.written}`).join("; ")}); ` +
        `${atBoundary} boundary checks, ${direct} precondition statuses, ${elsewhere} checks elsewhere` +
        (unused.length ? `; thresholds no rule compares with: ${unused.join(", ")}` : ""),
    );
    expect(atBoundary).toBeGreaterThan(cases / 2);
    expect(elsewhere).toBeGreaterThan(cases / 4);
  }, 120_000);

  const delaySeed = seedOf(99);
  const delays = model.thresholds.filter((t) => t.role === "delay");
  const timed = delays.flatMap((delay, n) => {
    const rules = model.rules.filter((r) => r.effect.kind === "medication" && r.effect.delay?.threshold === delay.name);
    const drugs = [...new Set(rules.flatMap((r) => (r.effect.kind === "medication" ? r.effect.drugs : [])))];
    if (!drugs.length) return [];
    const hours = conversionFactor(delay.unit, "h");
    if (!("factor" in hours)) throw new Error(`${delay.unit} is not a time`);
    const values =
      fc
        .sample(
          fc.uniqueArray(fc.integer({ min: 1, max: Math.max(4, Number(delay.value) * 3) }).map(String), { minLength: 3, maxLength: 3 }),
          { seed: seedOf(190 + n), numRuns: 1 },
        )[0]
        ?.filter((v) => v !== delay.value)
        .slice(0, 2) ?? [];
    return values.map((value) => {
      const after = moved(delay, value);
      return {
        name: delay.name,
        rules: new Set(rules.map((r) => r.id)),
        drugs,
        value: Number(value),
        unit: delay.unit,
        hours: Number(multiplyDecimals(value, hours.factor)),
        pack: after.pack,
        shown: shownValues(delay.name, after.model),
      };
    });
  });

  it(`moving a delay in the source moves the plan's timing there and nowhere else (${runLabel(cases, delaySeed)}; ${timed.length} recompiled guidelines)`, async () => {
    expect(timed.length).toBeGreaterThan(0);
    const list = model.plan?.list ?? "";
    let retimed = 0;
    await fc.assert(
      fc.asyncProperty(patientArbitrary(space), fc.nat({ max: timed.length - 1 }), fc.nat(), async (patient, which, pick) => {
        const variant = timed[which] as (typeof timed)[number];
        // The patient takes a drug the delay times (by name, first in the list), with a dose near its thresholds.
        const drug = variant.drugs[pick % variant.drugs.length] as string;
        const doses = boundaryPoints(space.doseBoundaries.get(drug) ?? [], 0);
        const doseField = space.leaves.find((l) => l.kind === "medications" && l.path === list);
        const field = doseField?.kind === "medications" ? doseField.dose?.field : undefined;
        const entry = { name: drug, ...(field && doses.length ? { [field]: doses[pick % doses.length] } : {}) };
        const given = clonePatient(patient);
        const entries = getAt(patient, list);
        setAt(given, list, [entry, ...(Array.isArray(entries) ? (entries as unknown[]) : [])]);
        const [before, after] = [await evaluate(given, pack), await evaluate(given, variant.pack)];
        const untimed = (report: Report) =>
          comparable(
            {
              ...report,
              medicationPlan: report.medicationPlan.map((e) => {
                if (!e.provenance || !variant.rules.has(e.provenance.rule)) return e;
                const { before: _before, hoursBefore: _hours, date, ...rest } = e;
                return { ...rest, dated: date !== undefined };
              }),
            },
            variant.shown,
          );
        expect(
          untimed(after),
          `${variant.name} moved to ${variant.value} ${variant.unit} changes more than the timing for ${JSON.stringify(given)}`,
        ).toEqual(untimed(before));
        for (const entry of after.medicationPlan) {
          if (!entry.provenance || !variant.rules.has(entry.provenance.rule)) continue;
          expect({ before: entry.before, hoursBefore: entry.hoursBefore }).toEqual({
            before: { value: variant.value, unit: variant.unit },
            hoursBefore: variant.hours,
          });
          retimed++;
        }
      }),
      { seed: delaySeed, numRuns: cases },
    );
    console.info(
      `metamorphic delays: ${cases} cases (seed ${delaySeed}) over ${timed.length} recompiled guidelines (${timed.map((v) => `${v.name} = ${v.value} ${v.unit}`).join("; ")}); ${retimed} plan entries retimed`,
    );
    // A verdict that excludes the procedure has no plan to retime (no treatment changes for it), so fewer than half retime.
    expect(retimed).toBeGreaterThan(cases / 4);
  }, 120_000);
});
