#!/usr/bin/env node
/**
 * The engines of the runtime, side by side, in µs per patient (no pass/fail; build first with
 * `npm run build`, then `node bench/engines.mjs [--patients N] [--rounds R] [--seed S]`):
 *
 *   stock Engine      a stock json-rules-engine Engine on the pack's rules, reused, facts already flattened
 *   closures          the same rules compiled to closures (src/runtime/compile-closures.ts), same facts
 *   evaluate()        the full report, default engine (closures), awaited one patient at a time
 *   evaluateSync      the same, synchronously
 *   evaluate(), relevant read   the same, with the report's `relevant` read (its search runs on first read)
 *   facts only        what every engine pays first: the facts read, validated and normalised
 *   evaluate() stock  the full report with `{ engine: "json-rules-engine" }` (the reference path)
 *
 * The measures run in interleaved rounds (each round times every measure once, in a rotated
 * order); each ratio is the median over the rounds of that round's ratio to the stock Engine.
 * Patients come from the seeded corpus generator of `guideline diff` (src/editions/patient-corpus.ts):
 * two-thirds as it draws them (each fact missing at times), a third with every fact filled in.
 */
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual, parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const { values } = parseArgs({
  options: {
    patients: { type: "string", default: "6000" },
    rounds: { type: "string", default: "7" },
    seed: { type: "string", default: "20261214" },
  },
});
const [count, rounds, seed] = [values.patients, values.rounds, values.seed].map(Number);
if (![count, rounds, seed].every((n) => Number.isInteger(n) && n > 0)) {
  console.error("bench: --patients, --rounds and --seed take positive whole numbers");
  process.exit(2);
}

const { evaluate, evaluateSync } = await import(join(root, "dist/runtime/evaluate.js"));
const { defaultPack } = await import(join(root, "dist/runtime/load-pack.js"));
const { createEngine } = await import(join(root, "dist/runtime/engine-pool.js"));
const { closuresFor } = await import(join(root, "dist/runtime/compile-closures.js"));
const { snapshotFacts } = await import(join(root, "dist/runtime/facts-snapshot.js"));
const { normaliseFacts } = await import(join(root, "dist/runtime/normalise-facts.js"));
const { validateFacts } = await import(join(root, "dist/runtime/validate-facts.js"));
const { generatePatients } = await import(join(root, "dist/editions/patient-corpus.js"));

const pack = defaultPack();
// A third of the patients complete (their missing facts taken from other generated patients), two-thirds as generated, partly unknown.
const fillers = [1, 2, 3, 4].map((k) => generatePatients([pack], count, seed + k));
const fill = (into, from) => {
  for (const [key, value] of Object.entries(from)) {
    if (into[key] === undefined || into[key] === null) into[key] = structuredClone(value);
    else if (
      typeof value === "object" &&
      value !== null &&
      !Array.isArray(value) &&
      typeof into[key] === "object" &&
      !Array.isArray(into[key])
    )
      fill(into[key], value);
  }
  return into;
};
const patients = generatePatients([pack], count, seed).map((p, i) => (i % 3 === 0 ? fillers.reduce((q, f) => fill(q, f[i]), p) : p));
const flattened = patients.map((p) => {
  const snapshot = snapshotFacts(p);
  const normalised = "errors" in snapshot ? snapshot : normaliseFacts(snapshot.facts, pack, new Set());
  if ("errors" in normalised) throw new Error("a generated patient is not valid");
  return normalised.ok.engineFacts;
});
const runtimeFacts = flattened.map((m) => Object.fromEntries(m));
const engine = createEngine(pack);
const closures = closuresFor(pack);

// Both engines and all three report paths agree on every patient before anything is timed.
let partlyUnknown = 0;
for (const [i, patient] of patients.entries()) {
  const reference = await evaluate(patient, { pack, engine: "json-rules-engine" });
  if (!isDeepStrictEqual(evaluateSync(patient, pack), reference) || !isDeepStrictEqual(await evaluate(patient, pack), reference))
    throw new Error(`patient ${i}: the reports differ`);
  const key = (e) => JSON.stringify(e.params);
  const { events } = await engine.run(runtimeFacts[i]);
  if (!isDeepStrictEqual(events.map(key).sort(), closures.run(flattened[i]).map(key).sort()))
    throw new Error(`patient ${i}: the events differ`);
  if (reference.missing.length) partlyUnknown++;
}

const measures = {
  "stock Engine": async () => {
    for (const facts of runtimeFacts) await engine.run(facts);
  },
  closures: async () => {
    for (const facts of flattened) closures.run(facts);
  },
  "evaluate()": async () => {
    for (const patient of patients) await evaluate(patient, pack);
  },
  evaluateSync: async () => {
    for (const patient of patients) evaluateSync(patient, pack);
  },
  "evaluate(), relevant read": async () => {
    for (const patient of patients) void (await evaluate(patient, pack)).relevant;
  },
  "facts only (read, validated, normalised)": async () => {
    for (const patient of patients)
      normaliseFacts(snapshotFacts(patient).facts, pack, new Set(validateFacts(patient, pack).map((p) => p.path)));
  },
  "evaluate() stock": async () => {
    for (const patient of patients) await evaluate(patient, { pack, engine: "json-rules-engine" });
  },
};
const names = Object.keys(measures);
const times = new Map(names.map((n) => [n, []]));
for (const name of names) await measures[name](); // warm-up
for (let round = 0; round < rounds; round++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(k + round) % names.length];
    const start = process.hrtime.bigint();
    await measures[name]();
    times.get(name).push(Number(process.hrtime.bigint() - start) / 1e3 / count);
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stock = times.get("stock Engine");
console.log(
  `${count} patients (seed ${seed}; ${count - partlyUnknown} complete, ${partlyUnknown} partly unknown), ${rounds} interleaved rounds, Node ${process.version}`,
);
console.log("| measure | µs/patient (median) | × stock Engine (median of paired ratios) |");
console.log("| --- | --- | --- |");
for (const name of names) {
  const mine = times.get(name);
  const ratio = median(mine.map((t, r) => stock[r] / t));
  console.log(`| ${name} | ${median(mine).toFixed(1)} | ${ratio.toFixed(2)} |`);
}
