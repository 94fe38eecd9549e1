/**
 * Property 6 — order and concurrency. Shuffling a medication list changes nothing in the report
 * but the order of the plan entries and the indices that name the entries; and evaluations run
 * concurrently give the same reports as run one after the other.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/runtime/evaluate.js";
import type { RankedFact, Report } from "../../src/runtime/report.js";
import { clonePatient, getAt, patientArbitrary, setAt, type FactLeaf, type Patient } from "../support/patient-arbitrary.js";
import { runLabel, seedOf, shippedGuideline } from "./property-settings.js";

const { pack, space } = shippedGuideline();
const cases = 1_000;
const lists = space.leaves.filter((leaf): leaf is Extract<FactLeaf, { kind: "medications" }> => leaf.kind === "medications");

/**
 * The report with every index of a list entry replaced by the entry's place in the original
 * list (`position[list][new index]`), plan entries in that order, and the lists of paths and
 * undecided rules sorted: what must not depend on the order of the list.
 */
/** Whether a plan entry names a fact of another entry as missing (see \`entryMissing\`). */
function pointsElsewhere(report: Report): boolean {
  const list = pack.plan?.list ?? "";
  return report.medicationPlan.some((e) => e.missing.some((f) => f.startsWith(`${list}[`) && !f.startsWith(`${list}[${e.index}]`)));
}

function inOriginalOrder(report: Report, position: ReadonlyMap<string, readonly number[]>): unknown {
  const renamed = (path: string) =>
    path.replace(/^(.+)\[(\d+)\](.*)$/, (whole, list: string, index: string, rest: string) => {
      const original = position.get(list)?.[Number(index)];
      return original === undefined ? whole : `${list}[${original}]${rest}`;
    });
  const paths = (items: readonly string[]) => items.map(renamed).sort();
  const plan = pack.plan?.list ?? "";
  return {
    ...report,
    medicationPlan: report.medicationPlan
      .map((e) => ({ ...e, index: position.get(plan)?.[e.index] ?? e.index, missing: paths(e.missing) }))
      .sort((a, b) => a.index - b.index),
    outsidePlan: report.outsidePlan
      .map((e) => ({ ...e, index: position.get(plan)?.[e.index] ?? e.index }))
      .sort((a, b) => a.index - b.index),
    missing: paths(report.missing),
    verdictMissing: paths(report.verdictMissing),
    undecided: report.undecided
      .map((u) => ({ ...u, missing: paths(u.missing) }))
      .sort((a, b) => (`${a.rule}@${a.drug ?? ""}` < `${b.rule}@${b.drug ?? ""}` ? -1 : 1)),
    preconditions: report.preconditions.map((p) => ({ ...p, missing: paths(p.missing), facts: paths(p.facts) })),
    readiness: {
      ...report.readiness,
      treatments: report.readiness.treatments.map((i) => position.get(plan)?.[i] ?? i).sort((a, b) => a - b),
      missing: paths(report.readiness.missing),
    },
    missingFacts: report.missingFacts
      .map((m) => ({ ...m, path: renamed(m.path) }))
      .sort((a, b) => (`${a.purpose} ${a.path}` < `${b.purpose} ${b.path}` ? -1 : 1)),
    // Ranked facts of equal rank come in path order, which the renaming may change: compared as sets with their ranks.
    relevant: {
      exact: report.relevant.exact,
      verdict: ranked(report.relevant.verdict),
      readiness: ranked(report.relevant.readiness),
      plan: report.relevant.plan
        .map((e) => ({ ...e, index: position.get(plan)?.[e.index] ?? e.index, facts: ranked(e.facts) }))
        .sort((a, b) => a.index - b.index),
      recommendations: report.relevant.recommendations.map((r) => ({ ...r, facts: ranked(r.facts) })),
    },
  };
  function ranked(facts: readonly RankedFact[]): RankedFact[] {
    return facts.map((f) => ({ ...f, path: renamed(f.path) })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}

describe("property 6 — order and concurrency", () => {
  const seed = seedOf(6);
  it(`shuffling the medications changes nothing but the order of the plan entries and their indices (${runLabel(cases, seed)})`, async () => {
    let moved = 0;
    await fc.assert(
      fc.asyncProperty(
        patientArbitrary(space, { medications: { minLength: 2, maxLength: 6 } }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6 * lists.length, maxLength: 6 * lists.length }),
        async (patient, keys) => {
          const shuffled: Patient = clonePatient(patient);
          const position = new Map<string, number[]>();
          lists.forEach((leaf, l) => {
            const entries = getAt(patient, leaf.path) as unknown[];
            // The new order: original indices sorted by a random key.
            const order = entries.map((_, i) => i).sort((a, b) => (keys[l * 6 + a] ?? 0) - (keys[l * 6 + b] ?? 0) || a - b);
            setAt(
              shuffled,
              leaf.path,
              order.map((i) => entries[i]),
            );
            position.set(leaf.path, order);
            if (order.some((i, k) => i !== k)) moved++;
          });
          const [original, reordered] = [await evaluate(patient, pack), await evaluate(shuffled, pack)];
          // Known gap (docs/known-gaps.md, and the \`it.fails\` below): an entry whose own fields are
          // all given names the first other entry that could change it, and which is first is the order.
          fc.pre(!pointsElsewhere(original) && !pointsElsewhere(reordered));
          const identity = new Map(lists.map((leaf) => [leaf.path, (getAt(patient, leaf.path) as unknown[]).map((_, i) => i)]));
          expect(inOriginalOrder(reordered, position), `${JSON.stringify(patient)} shuffled as ${JSON.stringify(shuffled)}`).toEqual(
            inOriginalOrder(original, identity),
          );
          // And the plan entries come in the order of the shuffled list.
          expect(reordered.medicationPlan.map((e) => e.index)).toEqual(
            [...reordered.medicationPlan.map((e) => e.index)].sort((a, b) => a - b),
          );
        },
      ),
      { seed, numRuns: cases },
    );
    console.info(`order: ${cases} patients (seed ${seed}); ${moved} lists actually reordered`);
  }, 60_000);

  // The smallest case the property above found (seed 20190410): an aspirin entry whose dose is
  // given is unknown because two other entries may be aspirin too; it names the first of them only.
  it.fails("known gap: an entry whose own fields are all given names the same other entry whatever the order", async () => {
    const entries = [
      { name: "aaa", atc: "B01AA03" },
      { name: "aaa", atc: "B01AC06", dailyDoseMg: 159 },
      { name: "warfarin", atc: "B01AC06" },
      { name: "Aaa" },
    ];
    const list = pack.plan?.list ?? "";
    const patient = { procedure: { date: "2026-12-14" }, [list]: entries } as Patient;
    const shuffled = { procedure: { date: "2026-12-14" }, [list]: [entries[0], entries[1], entries[3], entries[2]] } as Patient;
    const position = new Map([[list, [0, 1, 3, 2]]]);
    const identity = new Map([[list, [0, 1, 2, 3]]]);
    expect(inOriginalOrder(await evaluate(shuffled, pack), position)).toEqual(inOriginalOrder(await evaluate(patient, pack), identity));
  });

  const concurrentSeed = seedOf(60);
  it(`1 000 concurrent evaluations equal the sequential ones (${runLabel(cases, concurrentSeed)})`, async () => {
    const patients = fc.sample(patientArbitrary(space), { seed: concurrentSeed, numRuns: cases });
    const sequential: Report[] = [];
    for (const patient of patients) sequential.push(await evaluate(patient, pack));
    const concurrent = await Promise.all(patients.map((patient) => evaluate(patient, pack)));
    for (const [i, patient] of patients.entries()) expect(concurrent[i], `patient ${i}: ${JSON.stringify(patient)}`).toEqual(sequential[i]);
    console.info(`concurrency: ${cases} patients evaluated at once (seed ${concurrentSeed})`);
  }, 60_000);
});
