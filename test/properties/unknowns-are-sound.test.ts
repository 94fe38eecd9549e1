/**
 * Property 3 — unknowns are sound, and `missing` is useful.
 *
 * For a patient with missing facts, every value the report decides (the verdict, a
 * precondition's status, a plan entry's action, a rule's truth) must stay the same under every
 * way of filling the missing facts; and every fact the report lists as needed must be able to
 * change what it is listed for. Fillings are enumerated when there are few (each boolean, enum
 * value, and quantity at its thresholds' decisive points), else drawn at random. The reference
 * evaluator (checked against the runtime on each patient) searches the fillings; every filling
 * that would break the law, and every witness that a fact matters, is then run on the runtime.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RuleModel } from "../../src/compiler/model.js";
import { evaluate } from "../../src/runtime/evaluate.js";
import type { Report } from "../../src/runtime/report.js";
import { getAt, patientArbitrary, type Patient } from "../support/patient-arbitrary.js";
import { comparable, doubtOf, recognise, ReferenceEvaluator, type ReferenceReport } from "../support/reference-evaluator.js";
import { filled, fillings, holesOf, readsOf, relevantHoles, seededRandom, type Hole } from "./fillings.js";
import { runLabel, seedOf, shippedGuideline } from "./property-settings.js";

const { model, pack, space } = shippedGuideline();
const reference = new ReferenceEvaluator(model);

/**
 * The reference's report on `patient` with `holes` filled with `values`. Claims of one patient
 * share many fillings: they are remembered for the patient being checked.
 */
const onFilling = (() => {
  let current: Patient | undefined;
  const memo = new Map<string, ReferenceReport>();
  return (patient: Patient, holes: readonly Hole[], values: readonly unknown[]): ReferenceReport => {
    if (current !== patient) {
      current = patient;
      memo.clear();
    }
    const assigned = holes.map((h, i) => [h.path, values[i]] as const).sort(([a], [b]) => (a < b ? -1 : 1));
    const key = JSON.stringify(assigned);
    let found = memo.get(key);
    if (!found) {
      found = reference.evaluate(filled(patient, holes, values));
      memo.set(key, found);
    }
    return found;
  };
})();
const cases = 1_000;
/** At most this many fillings are enumerated per claim; beyond, as many are drawn at random. */
const cap = 128;

/**
 * One thing the report decides. Its value is `undecided` when a missing fact leaves it open;
 * `listed` are the facts the report says it needs.
 */
interface Claim {
  readonly name: string;
  readonly reads: ReadonlySet<string>;
  readonly undecided: string;
  valueIn(report: ReferenceReport): string;
  listed(report: Report): readonly string[];
}

const verdictClaim: Claim = {
  name: "the verdict",
  reads: new Set(model.rules.filter((r) => r.effect.kind === "finding").flatMap((r) => readsOf(r.when))),
  undecided: "incomplete",
  valueIn: (r) => r.verdict,
  listed: (r) => r.verdictMissing,
};

function preconditionClaim(rule: RuleModel): Claim {
  return {
    name: `precondition ${rule.id}`,
    reads: new Set(readsOf(rule.when)),
    undecided: "unknown",
    valueIn: (r) => r.preconditions.find((p) => p.rule === rule.id)?.status ?? "absent",
    listed: (r) => r.preconditions.find((p) => p.rule === rule.id)?.missing ?? [],
  };
}

/**
 * A rule that is not about treatments: yes, no or unknown, as the report shows it. A
 * recommendation `for procedure` also reads what the verdict reads: it is undecided while the
 * verdict could still exclude the procedure.
 */
function ruleClaim(rule: RuleModel): Claim {
  const procedural =
    rule.effect.kind === "recommend" &&
    model.recommendations.some((r) => r.forProcedure && rule.effect.kind === "recommend" && r.name === rule.effect.code);
  return {
    name: `rule ${rule.id}`,
    reads: new Set([...readsOf(rule.when), ...(procedural ? verdictClaim.reads : [])]),
    undecided: "unknown",
    valueIn: (r) => ruleTruths(r).get(rule.id) ?? "no",
    listed: (r) => r.undecided.find((u) => u.rule === rule.id && u.drug === undefined)?.missing ?? [],
  };
}

function planClaim(index: number, drug: string): Claim {
  const list = model.plan?.list ?? "";
  const rules = model.rules.filter((r) => r.effect.kind === "medication" && r.effect.drugs.includes(drug));
  return {
    name: `plan entry ${index} (${drug})`,
    reads: new Set([`taking ${list} ${drug}`, ...rules.flatMap((r) => readsOf(r.when))]),
    undecided: "unknown",
    valueIn: (r) => {
      const entry = r.plan.find((e) => e.index === index);
      return entry ? `${entry.action}${entry.hoursBefore !== undefined ? ` ${entry.hoursBefore} h` : ""}` : "absent";
    },
    listed: (r) => r.medicationPlan.find((e) => e.index === index)?.missing ?? [],
  };
}

const truthsOf = new WeakMap<ReferenceReport, Map<string, string>>();

/** Rule → `yes` or `unknown` in a report (the other rules are `no`), computed once per report. */
function ruleTruths(report: ReferenceReport): Map<string, string> {
  let truths = truthsOf.get(report);
  if (!truths) {
    truths = new Map<string, string>();
    for (const item of [...report.findings, ...report.recommendations]) truths.set(item.slice(0, item.indexOf(" → ")), "yes");
    for (const p of report.preconditions) if (p.status === "met") truths.set(p.rule, "yes");
    for (const rule of report.undecided) truths.set(rule, "unknown");
    truthsOf.set(report, truths);
  }
  return truths;
}

const preconditionClaims = model.rules.filter((r) => r.effect.kind === "precondition").map(preconditionClaim);
const forProcedure = new Set(model.recommendations.filter((r) => r.forProcedure).map((r) => r.name));
/** The claims (by name) of the rules that recommend something `for procedure`. */
const proceduralRules = new Set(
  model.rules.filter((r) => r.effect.kind === "recommend" && forProcedure.has(r.effect.code)).map((r) => `rule ${r.id}`),
);
const ruleClaims = new Map(model.rules.filter((r) => r.effect.kind !== "medication").map((r) => [r.id, ruleClaim(r)]));

/**
 * What the report decides or leaves open: verdict, preconditions, plan entries, rules. An entry
 * referred because it leaves in doubt which drug it is (an unknown name without a code, a name
 * and a code of different drugs) is referred for that very reason: settling the doubt (its code)
 * changes what it is, so its own line is not a claim; what it leaves open for other drugs is.
 */
function claimsOf(report: Report): Claim[] {
  const plan = report.medicationPlan.filter((e) => e.reason !== "unknown-drug" && e.reason !== "name-atc-mismatch");
  return [verdictClaim, ...preconditionClaims, ...plan.map((e) => planClaim(e.index, e.drug)), ...ruleClaims.values()];
}

/**
 * Does the patient's list give this drug in more than one entry (so that its doses are added),
 * counting an entry that may be it (an unknown name without a code, a name and code in disagreement)?
 */
function givenMoreThanOnce(patient: Patient, drug: string): boolean {
  const entries = model.plan ? getAt(patient, model.plan.list) : undefined;
  return (
    Array.isArray(entries) &&
    entries.filter((e: Record<string, unknown>) => recognise(model, e)?.name === drug || doubtOf(model, e) !== undefined).length > 1
  );
}

const counts = { withMissing: 0, decidedChecked: 0, fillingsTried: 0, sampled: 0, runtimeFillings: 0 };

/** Fails unless the runtime, on `patient`, gives `claim` the value `expected`. */
async function runtimeAgrees(patient: Patient, claim: Claim, expected: string, why: string): Promise<void> {
  counts.runtimeFillings++;
  const actual = claim.valueIn(comparable(await evaluate(patient, pack)));
  if (actual !== expected) expect(actual, `${why}: ${claim.name} with ${JSON.stringify(patient)}`).toBe(expected);
}

/** The runtime's report on the patient, checked against the reference, which drives the search for fillings. */
async function reportOf(patient: Patient): Promise<Report> {
  const report = await evaluate(patient, pack);
  const [actual, expected] = [comparable(report), reference.evaluate(patient)];
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    expect(actual, `reference and runtime disagree on ${JSON.stringify(patient)}`).toEqual(expected);
  return report;
}

/** Facts listed as needed, how many were shown to matter, how many could not be settled (too many fillings). */
interface Usefulness {
  listed: number;
  confirmed: number;
  /** Witnesses run on the runtime too. */
  onRuntime: number;
  unsettled: number;
}

/**
 * Fails unless some filling of the claim's other missing facts lets `path` change it (found
 * by the reference among all fillings, or a sample when there are too many); the runtime then
 * confirms the witness: the same filling, one value of the fact apart, gives two values.
 */
async function listedFactMatters(
  patient: Patient,
  claim: Claim,
  path: string,
  relevant: readonly Hole[],
  random: () => number,
  tally: Usefulness,
  onRuntime = true,
): Promise<void> {
  tally.listed++;
  const hole = relevant.find((h) => h.path === path);
  if (!hole) return expect.fail(`${claim.name} lists ${path}, which is not a missing fact it reads, for ${JSON.stringify(patient)}`);
  const others = relevant.filter((h) => h !== hole);
  const found = fillings(others, Math.max(1, Math.floor(cap / hole.domain.length)), random);
  for (const values of found.values) {
    const byValue = new Map<string, unknown>();
    for (const v of hole.domain) {
      byValue.set(claim.valueIn(onFilling(patient, [...others, hole], [...values, v])), v);
      if (byValue.size < 2) continue;
      const why = `${path} changes ${claim.name}`;
      if (onRuntime)
        for (const [value, v2] of byValue) await runtimeAgrees(filled(patient, [...others, hole], [...values, v2]), claim, value, why);
      tally.confirmed++;
      if (onRuntime) tally.onRuntime++;
      return;
    }
  }
  // Too many fillings to enumerate, and none drawn at random shows it: not a proof either way.
  if (!found.all) tally.unsettled++;
  else
    expect.fail(
      `${claim.name} lists ${path}, but no filling of the missing facts lets it change ${claim.name}, for ${JSON.stringify(patient)}`,
    );
}

const patients = fc.tuple(patientArbitrary(space, { missing: 0.2 }), fc.integer());

describe("property 3 — unknowns are sound", () => {
  const seed = seedOf(3);
  it(`a decided verdict, precondition status, plan action or rule stays the same under every filling of the missing facts (${runLabel(cases, seed)})`, async () => {
    await fc.assert(
      fc.asyncProperty(patients, async ([patient, drawSeed]) => {
        const random = seededRandom(drawSeed);
        const report = await reportOf(patient);
        const baseline = comparable(report);
        const holes = holesOf(patient, model, space);
        if (holes.length) counts.withMissing++;
        const decided = claimsOf(report).filter((claim) => claim.valueIn(baseline) !== claim.undecided);
        counts.decidedChecked += decided.length;
        // Fillings under which the reference says a decided value changes: the runtime must not agree.
        const changed: [Claim, Patient][] = [];
        // A plan entry says what to do if the procedure is done: a filling whose verdict excludes it has no plan to contradict.
        const kept = (claim: Claim, result: ReferenceReport) =>
          claim.valueIn(result) === claim.valueIn(baseline) || (claim.name.startsWith("plan entry") && result.procedureExcluded);
        const breaks = (claim: Claim, holesFilled: readonly Hole[], values: readonly unknown[], result: ReferenceReport) => {
          if (!kept(claim, result)) changed.push([claim, filled(patient, holesFilled, values)]);
        };
        const everyFilling = fillings(holes, cap, random);
        if (everyFilling.all) {
          // Few enough: every filling of every missing fact, each checked against every decided value.
          for (const values of everyFilling.values) {
            counts.fillingsTried++;
            const result = onFilling(patient, holes, values);
            for (const claim of decided) breaks(claim, holes, values, result);
          }
        } else {
          // Too many: for each decided value, every filling of the facts it reads (or a sample).
          for (const claim of decided) {
            const relevant = relevantHoles(holes, claim.reads);
            const found = fillings(relevant, cap, random);
            if (!found.all) counts.sampled++;
            for (const values of found.values) {
              counts.fillingsTried++;
              breaks(claim, relevant, values, onFilling(patient, relevant, values));
            }
          }
        }
        for (const [claim, completed] of changed.slice(0, 3)) {
          const value = claim.valueIn(baseline);
          await runtimeAgrees(
            completed,
            claim,
            value,
            `the report said ${value} for ${JSON.stringify(patient)}, but a filling of its missing facts changes it`,
          );
        }
        if (changed.length)
          expect.fail(
            `the reference finds fillings that change decided values of ${JSON.stringify(patient)}: ${changed.map(([claim, completed]) => `${claim.name} with ${JSON.stringify(completed)}`).join("; ")}`,
          );
        // And the runtime itself, on one random filling of every missing fact, keeps every decided value.
        if (holes.length) {
          const completed = filled(
            patient,
            holes,
            holes.map((h) => h.domain[Math.floor(random() * h.domain.length)]),
          );
          const after = comparable(await evaluate(completed, pack));
          counts.runtimeFillings++;
          const changedOnRuntime = decided
            .filter((claim) => !kept(claim, after))
            .map((claim) => `${claim.name}: ${claim.valueIn(baseline)} → ${claim.valueIn(after)}`);
          expect(
            changedOnRuntime,
            `decided values of ${JSON.stringify(patient)} change when its missing facts are filled: ${JSON.stringify(completed)}`,
          ).toEqual([]);
        }
      }),
      { seed, numRuns: cases },
    );
    console.info(
      `unknowns are sound: ${cases} patients (seed ${seed}), ${counts.withMissing} with missing facts the rules read; ` +
        `${counts.decidedChecked} decided values checked against ${counts.fillingsTried} fillings (${counts.sampled} of them sampled, not enumerated); ${counts.runtimeFillings} runtime evaluations of fillings`,
    );
    expect(counts.withMissing).toBeGreaterThan(cases / 2);
  }, 120_000);

  const usefulSeed = seedOf(30);
  it(`a useful missing: each fact listed as needed by an undecided rule, precondition or plan action can change it (${runLabel(cases, usefulSeed)})`, async () => {
    const tally: Usefulness = { listed: 0, confirmed: 0, onRuntime: 0, unsettled: 0 };
    let repeated = 0;
    await fc.assert(
      fc.asyncProperty(patients, async ([patient, drawSeed]) => {
        const random = seededRandom(drawSeed);
        const report = await reportOf(patient);
        const baseline = comparable(report);
        const holes = holesOf(patient, model, space);
        // A drug given in several entries is the known gap tested below.
        const entries = report.medicationPlan.filter((e) => !givenMoreThanOnce(patient, e.drug));
        repeated += report.medicationPlan.length - entries.length;
        // A recommendation `for procedure` under an incomplete verdict depends on that verdict, and an
        // incomplete verdict may in fact be settled (the known gap of verdictMissing, below): left to it.
        const rules = undecidedRules(report).filter((c) => !(report.verdict === "incomplete" && proceduralRules.has(c.name)));
        const claims = [...preconditionClaims, ...rules, ...entries.map((e) => planClaim(e.index, e.drug))];
        // Every listed fact is checked with the reference; one per patient, drawn at random, on the runtime too.
        const listed = claims
          .filter((c) => c.valueIn(baseline) === c.undecided)
          .flatMap((c) => c.listed(report).map((path) => [c, path] as const));
        const onRuntime = Math.floor(random() * listed.length);
        for (const [i, [claim, path]] of listed.entries())
          await listedFactMatters(patient, claim, path, relevantHoles(holes, claim.reads), random, tally, i === onRuntime);
      }),
      { seed: usefulSeed, numRuns: cases },
    );
    console.info(
      `useful missing (rules, preconditions, plan): ${cases} patients (seed ${usefulSeed}); ${tally.listed} listed facts, ${tally.confirmed} shown to matter (${tally.onRuntime} of them confirmed on the runtime), ${tally.unsettled} not settled (too many fillings); ${repeated} plan entries of a drug given twice left to the known gap`,
    );
    expect(tally.listed).toBeGreaterThan(cases / 2);
  }, 120_000);

  // KNOWN GAP (reported): verdictMissing lists every missing fact under an outcome left undecided,
  // a strong Kleene over-approximation, including facts no filling lets change the verdict.
  // Smallest case: {"pain": {"localized": false}, "lesion": {"fracture": "none", "fractureRisk": false},
  // "patient": {"systemicInfection": false, "punctureSiteInfection": false, "severeCoagulopathy": false,
  // "cementAllergy": false}} is incomplete with 13 facts listed, while pain.present alone decides it
  // (yes: contraindicated; no: not indicated). `it.fails` keeps the law in the suite on that case (a
  // random search no longer meets it reliably): it turns red once the runtime lists only facts that
  // matter, and should then become `it`. Tracked in docs/known-gaps.md.
  it.fails(
    "a useful verdictMissing: only facts that can change the verdict are listed — known gap, on its smallest case",
    async () => {
      const patient = {
        pain: { localized: false },
        lesion: { fracture: "none", fractureRisk: false },
        patient: { systemicInfection: false, punctureSiteInfection: false, severeCoagulopathy: false, cementAllergy: false },
      };
      const report = await reportOf(patient);
      // pain.present alone decides it: yes gives diffuse pain (an absolute contraindication), no gives no indication.
      for (const present of [true, false])
        expect((await reportOf({ ...patient, pain: { ...patient.pain, present } })).verdict).not.toBe("incomplete");
      expect(report.verdictMissing).toEqual(["pain.present"]);
    },
    120_000,
  );

  // The same case through `relevant` (issue 14): `verdictMissing` keeps every fact that could
  // matter, for compatibility; `relevant.verdict` lists only those that do.
  it("relevant.verdict lists only the facts that can change the verdict, on the smallest case of that gap", async () => {
    const patient = {
      pain: { localized: false },
      lesion: { fracture: "none", fractureRisk: false },
      patient: { systemicInfection: false, punctureSiteInfection: false, severeCoagulopathy: false, cementAllergy: false },
    };
    const report = await reportOf(patient);
    expect(report.verdict).toBe("incomplete");
    expect(report.verdictMissing.length).toBeGreaterThan(1);
    expect(report.relevant.exact).toBe(true);
    expect(report.relevant.verdict.map((f) => f.path)).toEqual(["pain.present"]);
  });

  // Formerly a known gap: the daily dose of a drug given in several entries, one without a dose,
  // was unknown even when the doses given already reached a threshold ({"medications": [{"name":
  // "aspirin", "dailyDoseMg": 160}, {"name": "aspirin"}]}). The doses given are now a lower bound
  // that settles the plan when every comparison answers for it as for any larger dose; an entry
  // that may be the drug (an unknown name without an ATC code) counts unless its dose is 0.
  const repeatedSeed = seedOf(32);
  it(`a useful missing for a drug given in several entries (or an entry that may be it): each fact listed as needed can change its plan action (${runLabel(cases, repeatedSeed)})`, async () => {
    const tally: Usefulness = { listed: 0, confirmed: 0, onRuntime: 0, unsettled: 0 };
    await fc.assert(
      fc.asyncProperty(patients, async ([patient, drawSeed]) => {
        const report = await reportOf(patient);
        const holes = holesOf(patient, model, space);
        for (const entry of report.medicationPlan) {
          if (entry.action !== "unknown" || !givenMoreThanOnce(patient, entry.drug)) continue;
          const claim = planClaim(entry.index, entry.drug);
          for (const path of entry.missing)
            await listedFactMatters(patient, claim, path, relevantHoles(holes, claim.reads), seededRandom(drawSeed), tally);
        }
      }),
      { seed: repeatedSeed, numRuns: cases },
    );
  }, 120_000);
});

/** The undecided rules of a report (not about treatments), each a claim. */
function undecidedRules(report: Report): Claim[] {
  return report.undecided.filter((u) => u.drug === undefined).flatMap((u) => ruleClaims.get(u.rule) ?? []);
}
