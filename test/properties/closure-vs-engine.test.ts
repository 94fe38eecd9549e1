/**
 * Property 8 — the closure evaluator against the reference engine. On generated patients of the
 * shipped pack (a third drawn with every fact given, two-thirds partly unknown; quantities at
 * and beside the thresholds; some with holes filled at the rules' decisive points; some with an
 * invalid medication entry), the pack's rules compiled to closures and a stock json-rules-engine
 * Engine give the same events, and `evaluateSync` / `evaluate()` (closures, report explained in
 * one pass) give a report deep-equal to `evaluate(…, { engine: "json-rules-engine" })` (the
 * stock Engine, report explained by re-evaluating each undecided condition), or the same
 * refusal. `GUIDELINE_DIFF_PATIENTS` runs more patients.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closuresFor } from "../../src/runtime/compile-closures.js";
import { createEngine } from "../../src/runtime/engine-pool.js";
import { evaluate, evaluateSync } from "../../src/runtime/evaluate.js";
import { InvalidFactsError } from "../../src/runtime/fact-errors.js";
import { snapshotFacts } from "../../src/runtime/facts-snapshot.js";
import { normaliseFacts } from "../../src/runtime/normalise-facts.js";
import type { Report } from "../../src/runtime/report.js";
import { patientArbitrary, type FactLeaf, type Patient } from "../support/patient-arbitrary.js";
import { filled, fillings, holesOf, seededRandom } from "./fillings.js";
import { runLabel, seedOf, shippedGuideline } from "./property-settings.js";

const { model, pack, space } = shippedGuideline();
const cases = Number(process.env.GUIDELINE_DIFF_PATIENTS ?? 10_000);
const seed = seedOf(8);
const lists = space.leaves.filter((leaf): leaf is Extract<FactLeaf, { kind: "medications" }> => leaf.kind === "medications");

/** A medication entry the facts contract refuses, built from the schema's own names. */
function invalidEntries(leaf: Extract<FactLeaf, { kind: "medications" }>): readonly Record<string, unknown>[] {
  const name = space.drugs[0]?.name ?? "x";
  const dose = leaf.dose;
  return [
    { name: "  " },
    { name: 42 },
    { name, atc: "not-a-code" },
    { name, unknownField: true },
    {},
    ...(dose
      ? [
          { name, [dose.field]: -1 },
          { name, [dose.field]: { value: 1, unit: "m" } },
          { name, [dose.field]: "75" },
        ]
      : []),
  ];
}

/** How a generated patient is changed before both engines see it. */
type Change =
  | { readonly kind: "none" }
  | { readonly kind: "edges"; readonly seed: number }
  | { readonly kind: "invalid"; readonly list: number; readonly entry: number; readonly at: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  { arbitrary: fc.constant<Change>({ kind: "none" }), weight: 6 },
  { arbitrary: fc.nat().map((s): Change => ({ kind: "edges", seed: s })), weight: 3 },
  {
    arbitrary: fc.tuple(fc.nat(), fc.nat(), fc.nat()).map(([list, entry, at]): Change => ({ kind: "invalid", list, entry, at })),
    weight: lists.length ? 1 : 0,
  },
);

/** Fills about half of the patient's holes with the rules' decisive points (t − 1, t, t + 1, each boolean and enum value). */
function withEdges(patient: Patient, fillSeed: number): Patient {
  const random = seededRandom(fillSeed);
  const holes = holesOf(patient, model, space).filter(() => random() < 0.5);
  const [values] = fillings(holes, 1, random).values;
  return values ? filled(patient, holes, values) : patient;
}

function withInvalidEntry(patient: Patient, where: Extract<Change, { kind: "invalid" }>): Patient {
  const leaf = lists[where.list % lists.length];
  if (!leaf) return patient;
  const entries = invalidEntries(leaf);
  const copy = structuredClone(patient);
  let node: Record<string, unknown> = copy;
  const segments = leaf.path.split(".");
  for (const segment of segments.slice(0, -1)) {
    if (node[segment] === null || typeof node[segment] !== "object") node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  const last = segments[segments.length - 1] ?? leaf.path;
  const list = Array.isArray(node[last]) ? [...(node[last] as unknown[])] : [];
  list.splice(where.at % (list.length + 1), 0, entries[where.entry % entries.length]);
  node[last] = list;
  return copy;
}

const patients = fc
  .tuple(
    fc.oneof({ arbitrary: patientArbitrary(space, { missing: 0 }), weight: 1 }, { arbitrary: patientArbitrary(space), weight: 2 }),
    change,
  )
  .map(([patient, how]) =>
    how.kind === "edges" ? withEdges(patient, how.seed) : how.kind === "invalid" ? withInvalidEntry(patient, how) : patient,
  );

type Outcome = { readonly report: Report } | { readonly refused: unknown };

async function outcomeOf(run: () => Report | Promise<Report>): Promise<Outcome> {
  try {
    return { report: await run() };
  } catch (error) {
    if (!(error instanceof InvalidFactsError)) throw error;
    return { refused: error.errors };
  }
}

const eventKey = (event: { readonly params?: unknown }): string => JSON.stringify(event.params);

describe("property 8 — the closure evaluator against the stock json-rules-engine", () => {
  it(`the same events, and deep-equal reports or the same refusal, from the closures and the stock Engine (${runLabel(cases, seed)})`, async () => {
    const engine = createEngine(pack);
    const closures = closuresFor(pack);
    const seen = { complete: 0, partlyUnknown: 0, refused: 0, events: 0 };
    await fc.assert(
      fc.asyncProperty(patients, async (patient) => {
        const stock = await outcomeOf(() => evaluate(patient, { pack, engine: "json-rules-engine" }));
        const sync = await outcomeOf(() => evaluateSync(patient, pack));
        const async = await outcomeOf(() => evaluate(patient, pack));
        // Deep-equal, and the same JSON text: the order of the properties shows in `--json`.
        if (!isDeepStrictEqual(sync, stock)) expect(sync, `evaluateSync, patient ${JSON.stringify(patient)}`).toStrictEqual(stock);
        if (!isDeepStrictEqual(async, stock)) expect(async, `evaluate, patient ${JSON.stringify(patient)}`).toStrictEqual(stock);
        expect(JSON.stringify(sync), `evaluateSync as JSON, patient ${JSON.stringify(patient)}`).toBe(JSON.stringify(stock));
        if ("refused" in stock) {
          seen.refused++;
          return;
        }
        if (stock.report.missing.length) seen.partlyUnknown++;
        else seen.complete++;
        // The events themselves, on the facts as the runtime normalises them.
        const snapshot = snapshotFacts(patient);
        if ("errors" in snapshot) throw new Error("a patient evaluated but could not be read");
        const normalised = normaliseFacts(snapshot.facts, pack, new Set());
        if ("errors" in normalised) throw new Error("a patient evaluated but could not be normalised");
        const { events } = await engine.run(Object.fromEntries(normalised.ok.engineFacts));
        const expected = events.map(eventKey).sort();
        const actual = closures.run(normalised.ok.engineFacts).map(eventKey).sort();
        seen.events += actual.length;
        if (!isDeepStrictEqual(actual, expected)) expect(actual, `events, patient ${JSON.stringify(patient)}`).toEqual(expected);
      }),
      { seed, numRuns: cases },
    );
    console.info(
      `closures vs json-rules-engine: ${cases} patients (seed ${seed}): ${seen.complete} complete, ${seen.partlyUnknown} partly unknown, ${seen.refused} refused; ${seen.events} events compared`,
    );
    // The comparison covers every kind of patient it claims to.
    expect(seen.partlyUnknown).toBeGreaterThan(cases / 3);
    expect(seen.complete).toBeGreaterThan(cases / 20);
    expect(seen.refused).toBeGreaterThan(cases / 50);
  }, 600_000);
});
