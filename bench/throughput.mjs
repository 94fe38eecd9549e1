#!/usr/bin/env node
/**
 * Throughput of the guideline runtime, measured in one run and reported as figures and ratios
 * (no pass/fail). `npm run bench` builds first; then `node bench/throughput.mjs [options]`.
 *
 *   (a) `guideline evaluate --ndjson` on N generated patients, spawned and timed end to end
 *   (b) in-process `evaluate()` from dist/runtime/evaluate.js
 *   (c) a stock json-rules-engine Engine running the same pack on pre-flattened engine facts
 *   (d) a plain JS function taking the same decisions as the pack's engine rules
 *   (e) checking and compiling the guideline: in-process compileGuideline, and the CLI `check`
 *
 * Options: --patients N (default 10000), --runs R (timed runs per measure, median kept; default 3),
 *          --seed S (default 20261214).
 * The patients come from a seeded PRNG: the same options give the same patients.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist", "cli", "guideline.js");

// ---------------------------------------------------------------------------
// options
// ---------------------------------------------------------------------------

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`bench: ${name} needs a positive whole number`);
    process.exit(2);
  }
  return value;
}
const patientsCount = option("--patients", 10_000);
const runs = option("--runs", 3);
const seed = option("--seed", 20_261_214);

let dist;
try {
  dist = {
    evaluate: await import(join(root, "dist/runtime/evaluate.js")),
    loadPack: await import(join(root, "dist/runtime/load-pack.js")),
    normalise: await import(join(root, "dist/runtime/normalise-facts.js")),
  };
} catch (error) {
  console.error(`bench: cannot load dist/ (${error.message}): run \`npm run build\` first (\`npm run bench\` does)`);
  process.exit(2);
}
const { Engine } = await import("json-rules-engine");
const { evaluate } = dist.evaluate;
const pack = dist.loadPack.readPack(join(root, "generated", "pack.json"));

// ---------------------------------------------------------------------------
// patients: a seeded PRNG (mulberry32), varied platelets, TP, medications, missing facts
// ---------------------------------------------------------------------------

function prng(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const medicationMakers = [
  (r) => ({ name: "clopidogrel", dailyDoseMg: 75 }),
  (r) => ({ name: "Clopidogrel", atc: "B01AC04" }),
  (r) => ({ name: "aspirin", dailyDoseMg: [75, 100, 159.9, 160, 300][Math.floor(r() * 5)] }),
  (r) => ({ name: "aspirin" }),
  (r) => ({ name: "kardegic", atc: "b01ac06", dailyDoseMg: 75 }),
  (r) => ({ name: "warfarin" }),
  (r) => ({ name: "fluindione", atc: "B01AA12" }),
  (r) => ({ name: "acenocoumarol" }),
  (r) => ({ name: "rivaroxaban", dailyDoseMg: 20 }),
  (r) => ({ name: "apixaban" }),
  (r) => ({ name: "dabigatran" }),
  (r) => ({ name: "ticagrelor", atc: "B01AC24" }),
  (r) => ({ name: "enoxaparin" }),
  (r) => ({ name: "paracetamol", atc: "N02BE01" }),
  (r) => ({ name: "metformin" }),
];

function makePatient(r) {
  const pick = (items) => items[Math.floor(r() * items.length)];
  const facts = {};
  const d = r();
  if (d < 0.55) facts.procedure = { date: `2026-${String(1 + Math.floor(r() * 12)).padStart(2, "0")}-${String(1 + Math.floor(r() * 28)).padStart(2, "0")}` };
  else if (d < 0.7) facts.procedure = { date: pick(["2026-12-14T08:30:00+01:00", "2026-03-01T00:15:00Z"]) };
  const c = r();
  if (c < 0.1) facts.patient = { severeCoagulopathy: true };
  else if (c < 0.75) facts.patient = { severeCoagulopathy: false };
  const labs = {};
  const p = r();
  if (p < 0.45) labs.platelets = Math.round(r() * 400_000);
  else if (p < 0.65) labs.platelets = { value: Math.round(r() * 4000) / 10, unit: "10*9/L" };
  else if (p < 0.7) labs.platelets = { value: Math.round(r() * 400), unit: "10*3/uL" };
  else if (p < 0.8) labs.platelets = pick([50_000, 50_001, 49_999]);
  const t = r();
  if (t < 0.55) labs.prothrombinRatio = Math.round(r() * 1200) / 10;
  else if (t < 0.65) labs.prothrombinRatio = { value: Math.round(r() * 120) / 100, unit: "1" };
  else if (t < 0.75) labs.prothrombinRatio = pick([50, 50.1, 49.9]);
  if (Object.keys(labs).length) facts.labs = labs;
  if (r() < 0.7) facts.medications = Array.from({ length: Math.floor(r() * 5) }, () => pick(medicationMakers)(r));
  return facts;
}

const random = prng(seed);
const patients = Array.from({ length: patientsCount }, () => makePatient(random));
const ndjsonInput = `${patients.map((p) => JSON.stringify(p)).join("\n")}\n`;

// ---------------------------------------------------------------------------
// pre-flattened engine facts (as src/runtime/normalise-facts.ts builds them), written
// independently here and checked against normaliseFacts below
// ---------------------------------------------------------------------------

/** Factors to the declared units, for the units the generator uses. */
const unitFactors = { "/mm3": { "/mm3": 1, "10*9/L": 1000, "10*3/uL": 1000 }, "%": { "%": 1, 1: 100 } };

function flatten(facts) {
  const engineFacts = {};
  for (const fact of pack.facts) {
    let value = facts;
    for (const segment of fact.path.split(".")) value = value == null ? undefined : value[segment];
    if (value == null) continue;
    if (fact.type === "quantity") {
      engineFacts[fact.path] = typeof value === "number" ? value : Math.round(value.value * unitFactors[fact.unit][value.unit] * 1e9) / 1e9;
    } else if (fact.type === "medications") {
      const doseField = fact.dose?.field;
      const entries = value.map((m) => {
        const name = m.name.trim().toLowerCase();
        const drug = pack.drugs.find((d) => d.name.toLowerCase() === name) ?? (m.atc ? pack.drugs.find((d) => d.atc === m.atc.toUpperCase()) : undefined);
        return { drug: drug?.name, dose: doseField && typeof m[doseField] === "number" ? m[doseField] : undefined };
      });
      for (const drug of pack.drugs) {
        const taken = entries.filter((e) => e.drug === drug.name);
        engineFacts[`${fact.path}[${drug.name}]`] = taken.length > 0;
        if (doseField && taken.length > 0 && taken.every((e) => e.dose !== undefined)) {
          engineFacts[`${fact.path}[${drug.name}].${doseField}`] = taken.reduce((sum, e) => sum + e.dose, 0);
        }
      }
    } else {
      engineFacts[fact.path] = value;
    }
  }
  return engineFacts;
}

const flattened = patients.map(flatten);
for (const [i, p] of patients.entries()) {
  const reference = dist.normalise.normaliseFacts(p, pack);
  if ("errors" in reference) throw new Error(`bench: generated patient ${i} is not valid: ${JSON.stringify(reference.errors)}`);
  const expected = JSON.stringify(Object.fromEntries([...reference.ok.engineFacts].sort(([a], [b]) => (a < b ? -1 : 1))));
  const got = JSON.stringify(Object.fromEntries(Object.entries(flattened[i]).sort(([a], [b]) => (a < b ? -1 : 1))));
  if (expected !== got) throw new Error(`bench: flattened facts of patient ${i} differ from normaliseFacts:\n  ${got}\n  ${expected}`);
}

// ---------------------------------------------------------------------------
// (d) plain JS: the decisions of the pack's 24 engine rules (12 guideline decisions, each
// holds / fails / neither), from the same flattened facts; thresholds read from the pack
// ---------------------------------------------------------------------------

const threshold = (name) => pack.thresholds.find((t) => t.name === name).value;
const platelets = threshold("seuil.plaquettes");
const tp = threshold("seuil.tp");
const aspirinDose = threshold("seuil.aspirine");
const drugsOf = (className) => pack.drugs.filter((d) => d.class === className).map((d) => d.name);
const avk = drugsOf("antivitamine-k");
const aod = drugsOf("anticoagulant-oral-direct");

/** Decisions as `rule@drug=holds` strings, like the engine's events. */
function plainDecisions(f) {
  const out = [];
  const decide = (key, holds) => {
    if (holds !== undefined) out.push(`${key}=${holds}`);
  };
  const coag = f["patient.severeCoagulopathy"];
  decide("contre-indication.coagulation", coag === true ? true : coag === false ? false : undefined);
  const plt = f["labs.platelets"];
  decide("saignement.plaquettes", plt === undefined ? undefined : plt > platelets);
  const ratio = f["labs.prothrombinRatio"];
  decide("saignement.tp", ratio === undefined ? undefined : ratio > tp);
  const taking = (drug) => f[`medications[${drug}]`];
  for (const drug of avk) decide(`saignement.antivitamine-k@${drug}`, taking(drug));
  decide("saignement.clopidogrel@clopidogrel", taking("clopidogrel"));
  for (const drug of aod) decide(`saignement.anticoagulant-oral-direct@${drug}`, taking(drug));
  const aspirin = taking("aspirin");
  const dose = f["medications[aspirin].dailyDoseMg"];
  const low = dose === undefined ? undefined : dose < aspirinDose;
  decide("saignement.aspirine.poursuite@aspirin", aspirin === false || low === false ? false : aspirin === true && low === true ? true : undefined);
  decide("saignement.aspirine.arret@aspirin", aspirin === false || low === true ? false : aspirin === true && low === false ? true : undefined);
  return out;
}

const eventKey = (e) => `${e.params.rule}${e.params.drug ? `@${e.params.drug}` : ""}=${e.params.holds}`;

// ---------------------------------------------------------------------------
// timing helpers
// ---------------------------------------------------------------------------

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Runs `fn` `runs` times after one warm-up call; returns the median and all times (ms). */
async function timed(fn, count = runs, warmUp = true) {
  if (warmUp) await fn();
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return { median: median(times), times };
}

/** Spawns the CLI, feeds `input`, resolves to { ms, code, stdout, stderr }. */
function runCli(args, input = "") {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ ms: performance.now() - start, code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
    child.stdin.on("error", () => {});
    child.stdin.end(input);
  });
}

const fmt = (n, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const rate = (count, ms) => (count * 1000) / ms;

// ---------------------------------------------------------------------------
// measures
// ---------------------------------------------------------------------------

const log = (text) => process.stderr.write(`${text}\n`);
log(`bench: ${fmt(patientsCount)} patients (seed ${seed}), ${runs} timed run(s) per measure…`);

// CLI start-up, for reading (a): `guideline help` loads the same modules and does no work
const startup = await timed(async () => {
  const r = await runCli(["help"]);
  if (r.code !== 0) throw new Error(`guideline help exited ${r.code}`);
  return r;
});

// (a) guideline evaluate --ndjson, end to end
let ndjsonStdout = "";
const ndjson = await timed(async () => {
  const r = await runCli(["evaluate", "--ndjson"], ndjsonInput);
  if (r.code !== 0) throw new Error(`guideline evaluate --ndjson exited ${r.code}: ${r.stderr.slice(0, 500)}`);
  ndjsonStdout = r.stdout;
}, runs, false);

// (b) in-process evaluate(), sequential awaits on parsed facts
let reports = [];
const inProcess = await timed(async () => {
  reports = [];
  for (const p of patients) reports.push(await evaluate(p));
});
// (b') the same with JSON.parse of the input line and JSON.stringify of the report (what the CLI adds)
const inputLines = ndjsonInput.slice(0, -1).split("\n");
let sink = 0;
const inProcessJson = await timed(async () => {
  for (const line of inputLines) sink += JSON.stringify(await evaluate(JSON.parse(line))).length;
});

// (c) a stock json-rules-engine Engine, one, reused sequentially, on pre-flattened facts
const engine = new Engine(pack.rules, { allowUndefinedFacts: true });
let engineEvents = [];
const stock = await timed(async () => {
  engineEvents = [];
  for (const f of flattened) engineEvents.push((await engine.run(f)).events);
});

// (d) plain JS on the same flattened facts; repeated so that one timed run lasts ~300 ms
const plainOut = flattened.map(plainDecisions);
const plainPass = () => {
  for (let i = 0; i < flattened.length; i++) sink += plainDecisions(flattened[i]).length;
};
for (let i = 0; i < 5; i++) plainPass();
const calibrationStart = performance.now();
for (let i = 0; i < 3; i++) plainPass();
const plainReps = Math.max(1, Math.ceil(300 / ((performance.now() - calibrationStart) / 3)));
const plain = await timed(() => {
  for (let rep = 0; rep < plainReps; rep++) plainPass();
});

// (e) check and compile: in-process (median of 5, after a first cold run) and CLI check
const importStart = performance.now();
const { compileGuideline } = await import(join(root, "dist/compiler/compile.js"));
const { loadSources } = await import(join(root, "dist/compiler/load-sources.js"));
const compileImportMs = performance.now() - importStart;
let compiled;
const compileOnce = () => {
  const loaded = loadSources(["guideline"], root);
  compiled = compileGuideline(loaded.sources, loaded.host);
};
const coldStart = performance.now();
compileOnce();
const compileColdMs = performance.now() - coldStart;
const compileTimes = await timed(compileOnce, 5, false);
const compileErrors = compiled.diagnostics.filter((d) => d.severity === "error").length;
const generatedPack = readFileSync(join(root, "generated", "pack.json"), "utf8");
const packUpToDate = compiled.outputs?.get("pack.json") === generatedPack;
const checkCli = await timed(async () => {
  const r = await runCli(["check"]);
  if (r.code !== 0) throw new Error(`guideline check exited ${r.code}: ${r.stderr.slice(0, 500)}`);
}, 5, false);

// ---------------------------------------------------------------------------
// cross-checks (outside the timings)
// ---------------------------------------------------------------------------

const ndjsonLines = ndjsonStdout.slice(0, -1).split("\n");
const ndjsonSame = ndjsonLines.length === patientsCount && ndjsonLines.every((line, i) => line === JSON.stringify(reports[i]));
let engineVsPlain = 0;
for (let i = 0; i < patientsCount; i++) {
  const a = engineEvents[i].map(eventKey).sort().join(",");
  const b = [...plainOut[i]].sort().join(",");
  if (a !== b) engineVsPlain++;
}
let preconditionMismatches = 0;
for (let i = 0; i < patientsCount; i++) {
  const decisions = new Map(plainOut[i].map((k) => k.split("=")));
  for (const p of reports[i].preconditions) {
    const d = decisions.get(p.rule);
    const expected = d === "true" ? "met" : d === "false" ? "unmet" : "unknown";
    if (p.status !== expected) preconditionMismatches++;
  }
}
const verdicts = {};
for (const r of reports) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;

// ---------------------------------------------------------------------------
// report
// ---------------------------------------------------------------------------

const jreVersion = JSON.parse(readFileSync(join(root, "node_modules/json-rules-engine/package.json"), "utf8")).version;
const cpus = os.cpus();
console.log("machine");
console.log(`  node ${process.version} (V8 ${process.versions.v8}), ${os.platform()} ${os.release()} ${os.arch()}`);
console.log(`  ${cpus.length} CPU(s): ${cpus[0]?.model ?? "unknown"}; ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`  json-rules-engine ${jreVersion}; pack ${pack.guideline.id} ${pack.guideline.edition}: ${pack.rules.length} engine rules, ${pack.sourceRules.length} guideline rules, ${pack.drugs.length} drugs`);
console.log("");
console.log(`workload: ${fmt(patientsCount)} patients, seed ${seed}; median of ${runs} timed run(s) after a warm-up (the CLI runs are all timed)`);
console.log(`  verdicts: ${Object.entries(verdicts).map(([k, v]) => `${k} ${fmt(v)}`).join(", ")}; ${fmt(engineEvents.reduce((n, e) => n + e.length, 0))} engine events per pass`);
console.log("");

const rows = [
  ["(a) guideline evaluate --ndjson (spawned, end to end)", patientsCount, ndjson],
  ["(b) evaluate() in process, parsed facts", patientsCount, inProcess],
  ["(b') evaluate() in process + JSON.parse/stringify", patientsCount, inProcessJson],
  ["(c) stock json-rules-engine, pre-flattened facts", patientsCount, stock],
  ["(d) plain JS decisions, pre-flattened facts", patientsCount * plainReps, plain],
];
const stockRate = rate(patientsCount, stock.median);
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`${"measure".padEnd(width)}  ${"patients".padStart(10)}  ${"median ms".padStart(10)}  ${"runs ms".padStart(24)}  ${"patients/s".padStart(12)}  ${"µs/patient".padStart(10)}`);
for (const [name, count, t] of rows) {
  const r = rate(count, t.median);
  console.log(
    `${name.padEnd(width)}  ${fmt(count).padStart(10)}  ${fmt(t.median, 1).padStart(10)}  ${t.times.map((x) => fmt(x, 0)).join("/").padStart(24)}  ${fmt(r).padStart(12)}  ${fmt(1000 / (r / 1000), 2).padStart(10)}`,
  );
}
const ndjsonSteady = ndjson.median - startup.median;
console.log("");
console.log(`CLI start-up (guideline help): median ${fmt(startup.median, 0)} ms (${startup.times.map((x) => fmt(x, 0)).join("/")})`);
console.log(`(a) without start-up (estimate): ${fmt(rate(patientsCount, ndjsonSteady))} patients/s`);
console.log("");
console.log("ratios of throughput (patients/s) to the stock json-rules-engine (c):");
console.log(`  ndjson / stock engine        ${fmt(rate(patientsCount, ndjson.median) / stockRate, 3)}   (without start-up: ${fmt(rate(patientsCount, ndjsonSteady) / stockRate, 3)})`);
console.log(`  evaluate / stock engine      ${fmt(rate(patientsCount, inProcess.median) / stockRate, 3)}   (with JSON parse/stringify: ${fmt(rate(patientsCount, inProcessJson.median) / stockRate, 3)})`);
console.log(`  plain JS / stock engine      ${fmt(rate(patientsCount * plainReps, plain.median) / stockRate, 1)}`);
console.log("");
console.log("check and compile (guideline/):");
console.log(`  import dist/compiler (chevrotain, ucum…)        ${fmt(compileImportMs, 1)} ms`);
console.log(`  loadSources + compileGuideline, first (cold)    ${fmt(compileColdMs, 1)} ms`);
console.log(`  loadSources + compileGuideline, median of 5     ${fmt(compileTimes.median, 1)} ms (${compileTimes.times.map((x) => fmt(x, 1)).join("/")}); ${compileErrors} error(s); pack.json ${packUpToDate ? "identical to" : "DIFFERS from"} generated/`);
console.log(`  guideline check (CLI wall time), median of 5    ${fmt(checkCli.median, 0)} ms (${checkCli.times.map((x) => fmt(x, 0)).join("/")})`);
console.log("");
console.log("cross-checks:");
console.log(`  ndjson output identical to in-process evaluate(), line for line: ${ndjsonSame ? "yes" : "NO"} (${fmt(ndjsonLines.length)} lines)`);
console.log(`  stock engine events = plain JS decisions: ${engineVsPlain === 0 ? "yes" : `NO, ${engineVsPlain} patient(s) differ`}`);
console.log(`  evaluate() precondition statuses = plain JS: ${preconditionMismatches === 0 ? "yes" : `NO, ${preconditionMismatches} mismatch(es)`}`);
if (sink === -1) console.log(sink);
