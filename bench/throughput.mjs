#!/usr/bin/env node
/**
 * Throughput of the guideline runtime, measured in one run and reported as figures and ratios
 * (no pass/fail). `npm run bench` builds first; then `node bench/throughput.mjs [options]`.
 *
 *   (a) `guideline evaluate --ndjson` on N generated patients, spawned and timed end to end
 *   (b) in-process `evaluate()` from dist/runtime/evaluate.js
 *   (c) a stock json-rules-engine Engine running the same pack on pre-flattened engine facts
 *       (fact ids as in src/runtime/normalise-facts.ts; checked against normaliseFacts)
 *   (d) a plain JS function taking the bleeding-risk decisions (the preconditions on platelets
 *       and TP, severe coagulopathy, the medication rules); (c') times the stock engine on
 *       just those rules when the pack has more, for a like-for-like ratio
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
const pack = dist.loadPack.readPack(join(root, "generated", "2019", "pack.json"));

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
  () => ({ name: "clopidogrel", dailyDoseMg: 75 }),
  () => ({ name: "Clopidogrel", atc: "B01AC04" }),
  (r) => ({ name: "aspirin", dailyDoseMg: [75, 100, 159.9, 160, 300][Math.floor(r() * 5)] }),
  () => ({ name: "aspirin" }),
  () => ({ name: "kardegic", atc: "b01ac06", dailyDoseMg: 75 }),
  () => ({ name: "warfarin" }),
  () => ({ name: "fluindione", atc: "B01AA12" }),
  () => ({ name: "acenocoumarol" }),
  () => ({ name: "rivaroxaban", dailyDoseMg: 20 }),
  () => ({ name: "apixaban" }),
  () => ({ name: "dabigatran" }),
  () => ({ name: "ticagrelor", atc: "B01AC24" }),
  () => ({ name: "enoxaparin" }),
  () => ({ name: "paracetamol", atc: "N02BE01" }),
  () => ({ name: "metformin" }),
];

/** The bleeding-risk facts get realistic values; the pack's other yes/no and enum facts are filled generically. */
const handledFacts = new Set([
  "procedure.date",
  "patient.severeCoagulopathy",
  "labs.platelets",
  "labs.prothrombinActivityPercent",
  "medications",
]);

function setPath(facts, path, value) {
  const segments = path.split(".");
  let node = facts;
  for (const segment of segments.slice(0, -1)) node = node[segment] ??= {};
  node[segments[segments.length - 1]] = value;
}

function makePatient(r) {
  const pick = (items) => items[Math.floor(r() * items.length)];
  const facts = {};
  for (const fact of pack.facts) {
    if (handledFacts.has(fact.path)) continue;
    const x = r();
    if (fact.type === "boolean" && x < 0.7) setPath(facts, fact.path, x < 0.12);
    else if (fact.type === "enum" && x < 0.7) setPath(facts, fact.path, pick(fact.values));
  }
  const d = r();
  if (d < 0.55)
    setPath(
      facts,
      "procedure.date",
      `2026-${String(1 + Math.floor(r() * 12)).padStart(2, "0")}-${String(1 + Math.floor(r() * 28)).padStart(2, "0")}`,
    );
  else if (d < 0.7) setPath(facts, "procedure.date", pick(["2026-12-14T08:30:00+01:00", "2026-03-01T00:15:00Z"]));
  const c = r();
  if (c < 0.1) setPath(facts, "patient.severeCoagulopathy", true);
  else if (c < 0.75) setPath(facts, "patient.severeCoagulopathy", false);
  const labs = {};
  const p = r();
  if (p < 0.45) labs.platelets = Math.round(r() * 400_000);
  else if (p < 0.65) labs.platelets = { value: Math.round(r() * 4000) / 10, unit: "10*9/L" };
  else if (p < 0.7) labs.platelets = { value: Math.round(r() * 400), unit: "10*3/uL" };
  else if (p < 0.8) labs.platelets = pick([50_000, 50_001, 49_999]);
  const t = r();
  if (t < 0.55) labs.prothrombinActivityPercent = Math.round(r() * 1200) / 10;
  else if (t < 0.65) labs.prothrombinActivityPercent = { value: Math.round(r() * 120) / 100, unit: "1" };
  else if (t < 0.75) labs.prothrombinActivityPercent = pick([50, 50.1, 49.9]);
  if (Object.keys(labs).length) facts.labs = { ...facts.labs, ...labs };
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
        const drug =
          pack.drugs.find((d) => d.name.toLowerCase() === name) ??
          (m.atc ? pack.drugs.find((d) => d.atc === m.atc.toUpperCase()) : undefined);
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
// (d) plain JS: the bleeding-risk decisions (preconditions on platelets and TP, severe
// coagulopathy, the medication rules), each holds / fails / neither, from the same flattened
// facts; thresholds read from the pack. When the pack has more rules than these, the stock
// engine is also timed on the same subset (c'), for a like-for-like ratio.
// ---------------------------------------------------------------------------

const plainRuleIds = [
  "contre-indication.coagulation",
  "saignement.plaquettes",
  "saignement.tp",
  "saignement.antivitamine-k",
  "saignement.clopidogrel",
  "saignement.anticoagulant-oral-direct",
  "saignement.aspirine.poursuite",
  "saignement.aspirine.arret",
].filter((id) => pack.sourceRules.some((r) => r.id === id));
const plainRules = new Set(plainRuleIds);
const subsetRules = pack.rules.filter((r) => plainRules.has(r.event.params.rule));

const threshold = (name) => pack.thresholds.find((t) => t.name === name)?.value;
const platelets = threshold("seuil.plaquettes");
const tp = threshold("seuil.tp");
const aspirinDose = threshold("seuil.aspirine");
const drugsOf = (className) => pack.drugs.filter((d) => d.class === className).map((d) => d.name);
const avk = plainRules.has("saignement.antivitamine-k") ? drugsOf("antivitamine-k") : [];
const aod = plainRules.has("saignement.anticoagulant-oral-direct") ? drugsOf("anticoagulant-oral-direct") : [];
const doCoag = plainRules.has("contre-indication.coagulation");
const doPlatelets = plainRules.has("saignement.plaquettes");
const doTp = plainRules.has("saignement.tp");
const doClopidogrel = plainRules.has("saignement.clopidogrel");
const doAspirinLow = plainRules.has("saignement.aspirine.poursuite");
const doAspirinHigh = plainRules.has("saignement.aspirine.arret");
const avkKeys = avk.map((d) => [`medications[${d}]`, `saignement.antivitamine-k@${d}`]);
const aodKeys = aod.map((d) => [`medications[${d}]`, `saignement.anticoagulant-oral-direct@${d}`]);

/** Decisions as `rule@drug=holds` strings, like the engine's events. */
function plainDecisions(f) {
  const out = [];
  if (doCoag) {
    const coag = f["patient.severeCoagulopathy"];
    if (coag === true || coag === false) out.push(`contre-indication.coagulation=${coag}`);
  }
  if (doPlatelets) {
    const plt = f["labs.platelets"];
    if (plt !== undefined) out.push(`saignement.plaquettes=${plt > platelets}`);
  }
  if (doTp) {
    const ratio = f["labs.prothrombinActivityPercent"];
    if (ratio !== undefined) out.push(`saignement.tp=${ratio > tp}`);
  }
  for (const [fact, key] of avkKeys) if (f[fact] !== undefined) out.push(`${key}=${f[fact]}`);
  if (doClopidogrel && f["medications[clopidogrel]"] !== undefined)
    out.push(`saignement.clopidogrel@clopidogrel=${f["medications[clopidogrel]"]}`);
  for (const [fact, key] of aodKeys) if (f[fact] !== undefined) out.push(`${key}=${f[fact]}`);
  const aspirin = f["medications[aspirin]"];
  const dose = f["medications[aspirin].dailyDoseMg"];
  const low = dose === undefined ? undefined : dose < aspirinDose;
  if (doAspirinLow) {
    if (aspirin === false || low === false) out.push("saignement.aspirine.poursuite@aspirin=false");
    else if (aspirin === true && low === true) out.push("saignement.aspirine.poursuite@aspirin=true");
  }
  if (doAspirinHigh) {
    if (aspirin === false || low === true) out.push("saignement.aspirine.arret@aspirin=false");
    else if (aspirin === true && low === false) out.push("saignement.aspirine.arret@aspirin=true");
  }
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

/**
 * Runs `fn` `count` times, after `warmUp` (a function, or true to call `fn` once); returns the
 * median and all times in ms, or `{ error }` when a run throws, so one broken measure does not
 * hide the others.
 */
async function timed(fn, count = runs, warmUp = true) {
  try {
    if (warmUp === true) await fn();
    else if (warmUp) await warmUp();
    const times = [];
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      await fn();
      times.push(performance.now() - start);
    }
    return { median: median(times), times };
  } catch (error) {
    return {
      error: String(error?.message ?? error)
        .split("\n")[0]
        .slice(0, 300),
    };
  }
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
    child.on("close", (code) =>
      resolvePromise({
        ms: performance.now() - start,
        code,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
    child.stdin.on("error", () => {});
    child.stdin.end(input);
  });
}

const fmt = (n, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const rate = (count, t) => (t && !t.error ? (count * 1000) / t.median : undefined);

// ---------------------------------------------------------------------------
// measures
// ---------------------------------------------------------------------------

const log = (text) => process.stderr.write(`${text}\n`);
log(`bench: ${fmt(patientsCount)} patients (seed ${seed}), ${runs} timed run(s) per measure…`);

// CLI start-up, for reading (a): `guideline help` loads the same modules and does no work
const startup = await timed(async () => {
  const r = await runCli(["help"]);
  if (r.code !== 0) throw new Error(`guideline help exited ${r.code}`);
});

// (a) guideline evaluate --ndjson, end to end
let ndjsonStdout;
const ndjson = await timed(
  async () => {
    const r = await runCli(["evaluate", "--ndjson"], ndjsonInput);
    if (r.code !== 0) {
      const firstError = r.stdout.split("\n").find((l) => l.startsWith('{"error"'));
      throw new Error(`guideline evaluate --ndjson exited ${r.code}: ${(firstError ?? r.stderr).slice(0, 300)}`);
    }
    ndjsonStdout = r.stdout;
  },
  runs,
  false,
);

// In-process measures are warmed up on the first patients (at most 1000) before the timed runs.
const warmCount = Math.min(patientsCount, 1000);

// (b) in-process evaluate(), sequential awaits on parsed facts
const evaluateAll = async (list) => {
  const out = [];
  for (const p of list) out.push(await evaluate(p));
  return out;
};
let reports;
const inProcess = await timed(
  async () => {
    reports = await evaluateAll(patients);
  },
  runs,
  () => evaluateAll(patients.slice(0, warmCount)),
);
// (b') the same with JSON.parse of the input line and JSON.stringify of the report (what the CLI adds)
const inputLines = ndjsonInput.slice(0, -1).split("\n");
let sink = 0;
const evaluateJson = async (lines) => {
  for (const line of lines) sink += JSON.stringify(await evaluate(JSON.parse(line))).length;
};
const inProcessJson = await timed(
  () => evaluateJson(inputLines),
  runs,
  () => evaluateJson(inputLines.slice(0, warmCount)),
);

// (c) a stock json-rules-engine Engine, one, reused sequentially, on pre-flattened facts
const runStock = async (engine, list) => {
  const events = [];
  for (const f of list) events.push((await engine.run(f)).events);
  return events;
};
const engine = new Engine(pack.rules, { allowUndefinedFacts: true });
let engineEvents;
const stock = await timed(
  async () => {
    engineEvents = await runStock(engine, flattened);
  },
  runs,
  () => runStock(engine, flattened.slice(0, warmCount)),
);
// (c') the same, with only the engine rules of the decisions the plain JS function takes
const subsetEngine = new Engine(subsetRules, { allowUndefinedFacts: true });
const stockSubset =
  subsetRules.length < pack.rules.length
    ? await timed(
        () => runStock(subsetEngine, flattened),
        runs,
        () => runStock(subsetEngine, flattened.slice(0, warmCount)),
      )
    : undefined;

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

// (e) check and compile: in-process (a first cold run, then the median of 5) and CLI check
const importStart = performance.now();
const { compileGuideline } = await import(join(root, "dist/compiler/compile.js"));
const { loadSources } = await import(join(root, "dist/compiler/load-sources.js"));
const compileImportMs = performance.now() - importStart;
let compiled;
const compileOnce = () => {
  const loaded = loadSources(["guideline/2019"], root);
  compiled = compileGuideline(loaded.sources, loaded.host);
};
const coldStart = performance.now();
compileOnce();
const compileColdMs = performance.now() - coldStart;
const compileTimes = await timed(compileOnce, 5, false);
const compileErrors = compiled.diagnostics.filter((d) => d.severity === "error").length;
const packUpToDate = compiled.outputs?.get("pack.json") === readFileSync(join(root, "generated", "2019", "pack.json"), "utf8");
const checkCli = await timed(
  async () => {
    const r = await runCli(["check"]);
    if (r.code !== 0) throw new Error(`guideline check exited ${r.code}: ${r.stderr.slice(0, 300)}`);
  },
  5,
  false,
);

// ---------------------------------------------------------------------------
// cross-checks (outside the timings)
// ---------------------------------------------------------------------------

const checks = [];
if (ndjsonStdout !== undefined && reports) {
  const lines = ndjsonStdout.slice(0, -1).split("\n");
  const same = lines.length === patientsCount && lines.every((line, i) => line === JSON.stringify(reports[i]));
  checks.push(`ndjson output identical to in-process evaluate(), line for line: ${same ? "yes" : "NO"} (${fmt(lines.length)} lines)`);
}
if (engineEvents) {
  let differ = 0;
  for (let i = 0; i < patientsCount; i++) {
    const a = engineEvents[i]
      .map(eventKey)
      .filter((k) => plainRules.has(k.split(/[@=]/)[0]))
      .sort()
      .join(",");
    if (a !== [...plainOut[i]].sort().join(",")) differ++;
  }
  checks.push(
    `stock engine events (${plainRules.size} bleeding-risk rules) = plain JS decisions: ${differ === 0 ? "yes" : `NO, ${differ} patient(s) differ`}`,
  );
  let bothWays = 0;
  for (const events of engineEvents) {
    const seen = new Set(events.map((e) => `${e.params.rule}@${e.params.drug ?? ""}`));
    if (seen.size !== events.length) bothWays++;
  }
  checks.push(`stock engine: patients with a rule decided both ways: ${bothWays}`);
}
if (reports) {
  let mismatches = 0;
  for (let i = 0; i < patientsCount; i++) {
    const decisions = new Map(plainOut[i].map((k) => k.split("=")));
    for (const p of reports[i].preconditions) {
      if (!plainRules.has(p.rule)) continue;
      const d = decisions.get(p.rule);
      if (p.status !== (d === "true" ? "met" : d === "false" ? "unmet" : "unknown")) mismatches++;
    }
  }
  checks.push(`evaluate() precondition statuses = plain JS: ${mismatches === 0 ? "yes" : `NO, ${mismatches} mismatch(es)`}`);
}

// ---------------------------------------------------------------------------
// report
// ---------------------------------------------------------------------------

const jreVersion = JSON.parse(readFileSync(join(root, "node_modules/json-rules-engine/package.json"), "utf8")).version;
const cpus = os.cpus();
console.log("machine");
console.log(`  node ${process.version} (V8 ${process.versions.v8}), ${os.platform()} ${os.release()} ${os.arch()}`);
console.log(
  `  ${cpus.length} CPU(s): ${cpus[0]?.model ?? "unknown"}; ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM; load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} (other processes skew the figures)`,
);
console.log(
  `  json-rules-engine ${jreVersion}; pack ${pack.guideline.id} ${pack.guideline.edition}: ${pack.rules.length} engine rules for ${pack.sourceRules.length} guideline rules, ${pack.facts.length} facts, ${pack.drugs.length} drugs`,
);
console.log("");
console.log(
  `workload: ${fmt(patientsCount)} patients, seed ${seed}; median of ${runs} timed run(s) (in-process measures after a warm-up on ${fmt(warmCount)} patients)`,
);
if (reports) {
  const verdicts = {};
  for (const r of reports) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
  console.log(
    `  verdicts: ${Object.entries(verdicts)
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(", ")}`,
  );
}
if (engineEvents) console.log(`  ${fmt(engineEvents.reduce((n, e) => n + e.length, 0) / patientsCount, 1)} engine events per patient`);
console.log("");

const subsetNote = `${plainRules.size} of ${pack.sourceRules.length} guideline rules, ${subsetRules.length} engine rules`;
const rows = [
  ["(a) guideline evaluate --ndjson (spawned, end to end)", patientsCount, ndjson],
  ["(b) evaluate() in process, parsed facts", patientsCount, inProcess],
  ["(b') evaluate() in process + JSON.parse/stringify", patientsCount, inProcessJson],
  [`(c) stock json-rules-engine, all ${pack.rules.length} rules, flattened facts`, patientsCount, stock],
  ...(stockSubset ? [[`(c') stock json-rules-engine, ${subsetRules.length} rules (as d)`, patientsCount, stockSubset]] : []),
  [`(d) plain JS, ${plainRules.size} bleeding-risk decisions, flattened`, patientsCount * plainReps, plain],
];
const width = Math.max(...rows.map((r) => r[0].length));
console.log(
  `${"measure".padEnd(width)}  ${"patients".padStart(10)}  ${"median ms".padStart(10)}  ${"runs ms".padStart(22)}  ${"patients/s".padStart(11)}  ${"µs/patient".padStart(10)}`,
);
for (const [name, count, t] of rows) {
  if (t.error) {
    console.log(`${name.padEnd(width)}  FAILED: ${t.error}`);
    continue;
  }
  const r = rate(count, t);
  console.log(
    `${name.padEnd(width)}  ${fmt(count).padStart(10)}  ${fmt(t.median, 1).padStart(10)}  ${t.times
      .map((x) => fmt(x, 0))
      .join("/")
      .padStart(22)}  ${fmt(r).padStart(11)}  ${fmt(1e6 / r, 2).padStart(10)}`,
  );
}
console.log("");
if (!startup.error)
  console.log(`CLI start-up (guideline help): median ${fmt(startup.median, 0)} ms (${startup.times.map((x) => fmt(x, 0)).join("/")})`);
const ndjsonSteady = !ndjson.error && !startup.error ? { median: ndjson.median - startup.median } : undefined;
if (ndjsonSteady) console.log(`(a) without start-up (estimate): ${fmt(rate(patientsCount, ndjsonSteady))} patients/s`);
console.log("");
const ratio = (a, b, digits = 3) => (a !== undefined && b !== undefined ? fmt(a / b, digits) : "n/a");
const stockRate = rate(patientsCount, stock);
console.log("throughput ratios (patients/s over patients/s):");
console.log(
  `  ndjson / stock engine          ${ratio(rate(patientsCount, ndjson), stockRate)}   (without CLI start-up: ${ratio(rate(patientsCount, ndjsonSteady), stockRate)})`,
);
console.log(
  `  evaluate / stock engine        ${ratio(rate(patientsCount, inProcess), stockRate)}   (with JSON parse/stringify: ${ratio(rate(patientsCount, inProcessJson), stockRate)})`,
);
console.log(
  `  plain JS / stock engine        ${ratio(rate(patientsCount * plainReps, plain), stockSubset ? rate(patientsCount, stockSubset) : stockRate, 1)}   (same ${subsetNote})`,
);
if (stockSubset)
  console.log(
    `  plain JS / stock engine, all   ${ratio(rate(patientsCount * plainReps, plain), stockRate, 1)}   (the plain JS does less work)`,
  );
console.log("");
console.log("check and compile (guideline/):");
console.log(`  import dist/compiler/compile.js + load-sources.js   ${fmt(compileImportMs, 1)} ms`);
console.log(`  loadSources + compileGuideline, first (cold)        ${fmt(compileColdMs, 1)} ms`);
console.log(
  `  loadSources + compileGuideline, median of 5         ${compileTimes.error ? `FAILED: ${compileTimes.error}` : `${fmt(compileTimes.median, 1)} ms (${compileTimes.times.map((x) => fmt(x, 1)).join("/")})`}; ${compileErrors} error(s); pack.json ${packUpToDate ? "identical to" : "DIFFERS from"} generated/`,
);
console.log(
  `  guideline check, CLI wall time, median of 5         ${checkCli.error ? `FAILED: ${checkCli.error}` : `${fmt(checkCli.median, 0)} ms (${checkCli.times.map((x) => fmt(x, 0)).join("/")})`}`,
);
console.log("");
console.log("cross-checks:");
for (const c of checks) console.log(`  ${c}`);
if (sink === -1) console.log(sink);
const failed = rows.filter((r) => r[2].error).length;
if (failed) console.log(`\n${failed} measure(s) FAILED: see above`);
