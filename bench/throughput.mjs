#!/usr/bin/env node
/**
 * Throughput of the guideline runtime (issue 12), printed as one table; a benchmark, never a
 * test: it prints figures and fails on none. `npm run bench` builds first; then
 * `node bench/throughput.mjs [options]`.
 *
 * Workload: N generated patients (default 6,000; seeded), a third complete and two-thirds with
 * some facts left out (unknown). Each round runs every measure once over all the patients, in
 * a different order each round (interleaved), and the ratio to the stock engine is taken within
 * the round (paired), so that a load change on the machine moves both sides of a ratio alike.
 * The table gives medians over the rounds (default 7).
 *
 * Measures: a stock json-rules-engine Engine on the pack's rules (reused, facts already
 * flattened: the reference, ×1); `evaluate(facts, { engine })` for the closure evaluator and the
 * stock path, when the runtime has the option ("n/a" until then); `evaluate()`; `evaluateSync`
 * when the runtime has it; `guideline evaluate --ndjson` spawned, end to end, on the main thread
 * and with 1 and 2 worker threads; the validation (ajv) and the normalisation of the facts; and
 * the start-up of the command line for one patient against `node -e 0`.
 * Then the time of `guideline check` on synthetic guidelines of 100, 300, 1,000, 5,000 and 10,000
 * rules (`bench/check.mjs`, one child process per size, stopped after --scaling-timeout seconds);
 * 300 is where the generator's questions are hardest (real SAT instances, see satisfiability.ts).
 *
 * Then `guideline evaluate --ndjson` against `evaluate()` in process, end to end and with the
 * start-up taken out (the same command timed on one line in the same round), and the peak memory
 * of `--ndjson` over 1 M lines (`bench/ndjson-memory.mjs`).
 *
 * Options: --patients N, --rounds R, --seed S, --scaling 100,300,1000,5000,10000,
 *          --scaling-timeout SECONDS (default 100), --memory-lines N (default 1,000,000),
 *          --quick (1,500 patients, 3 rounds, scaling 100, 300 and 1,000 only, 200,000 lines of memory).
 */
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist", "cli", "guideline.js");

// ---------------------------------------------------------------------------
// options
// ---------------------------------------------------------------------------

// `npm run bench --quick` leaves the flag to npm, which passes it on as npm_config_quick.
const quick = process.argv.includes("--quick") || process.env.npm_config_quick === "true";
function option(name, fallback, parse = (v) => Number(v), valid = (v) => Number.isInteger(v) && v > 0) {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const value = parse(process.argv[index + 1] ?? "");
  if (!valid(value)) {
    console.error(`bench: ${name} needs ${name === "--scaling" ? "whole numbers separated by commas" : "a positive whole number"}`);
    process.exit(2);
  }
  return value;
}
const patientsCount = option("--patients", quick ? 1500 : 6000);
const rounds = option("--rounds", quick ? 3 : 7);
const seed = option("--seed", 20_261_214);
const scalingSizes = option(
  "--scaling",
  quick ? [100, 300, 1000] : [100, 300, 1000, 5000, 10_000],
  (v) => v.split(",").map(Number),
  (v) => v.every((n) => Number.isInteger(n) && n > 0),
);
const scalingTimeout = option("--scaling-timeout", 100);
const memoryLines = option("--memory-lines", quick ? 200_000 : 1_000_000);

let runtime;
let normaliseFacts;
try {
  runtime = await import(pathToFileURL(join(root, "dist", "runtime", "index.js")).href);
  ({ normaliseFacts } = await import(pathToFileURL(join(root, "dist", "runtime", "normalise-facts.js")).href));
} catch (error) {
  console.error(`bench: cannot load dist/ (${error.message}): run \`npm run build\` first (\`npm run bench\` does)`);
  process.exit(2);
}
const { Engine } = await import("json-rules-engine");
const pack = runtime.defaultPack();
const log = (text) => process.stderr.write(`${text}\n`);

// ---------------------------------------------------------------------------
// patients: seeded, from the pack's facts; a third complete, the others with facts left out
// ---------------------------------------------------------------------------

const random =
  runtime.seededRandom?.(seed) ??
  (await import(pathToFileURL(join(root, "dist", "editions", "patient-corpus.js")).href)).seededRandom(seed);
const pick = (items) => items[Math.floor(random() * items.length)];

/** Every number the rules compare a fact with, by fact id: values are drawn near them. */
const boundaries = new Map();
const visit = (c) => {
  if (c.kind === "and" || c.kind === "or") c.operands.forEach(visit);
  else if (c.kind === "not") visit(c.operand);
  else if (c.kind === "compare") boundaries.set(c.fact, [...(boundaries.get(c.fact) ?? []), c.value]);
};
for (const rule of pack.sourceRules) if (rule.condition) visit(rule.condition);

function valueOf(fact) {
  switch (fact.type) {
    case "boolean":
      return random() < 0.5;
    case "enum":
      return pick(fact.values);
    case "date":
      return `2026-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
    case "quantity": {
      const near = boundaries.get(fact.path);
      let value =
        near?.length && random() < 0.7
          ? pick(near) + pick([-1, 0, 1])
          : Math.round((fact.min ?? 0) + random() * ((fact.max ?? 1000) - (fact.min ?? 0)));
      if (fact.min !== undefined) value = Math.max(fact.min, value);
      if (fact.max !== undefined) value = Math.min(fact.max, value);
      return random() < 0.3 ? { value, unit: fact.unit } : value;
    }
    case "medications": {
      const doses = [...boundaries.entries()].filter(([id]) => id.startsWith(`${fact.path}[`)).flatMap(([, v]) => v);
      return Array.from({ length: Math.floor(random() * 4) }, () => {
        const drug = random() < 0.9 ? pick(pack.drugs) : undefined;
        const name = drug?.name ?? pick(["unlisted-a", "unlisted-b"]);
        const atc = drug?.atc?.[0] !== undefined && random() < 0.3 ? { atc: drug.atc[0] } : {};
        const dose =
          fact.dose && random() < 0.8
            ? { [fact.dose.field]: doses.length ? Math.max(0, pick(doses) + pick([-1, 0, 1])) : Math.round(random() * 500) }
            : {};
        return { name, ...atc, ...dose };
      });
    }
    default:
      return undefined;
  }
}

function makePatient(complete) {
  const facts = {};
  for (const fact of pack.facts) {
    if (!complete && random() < 0.3) continue;
    const value = valueOf(fact);
    if (value === undefined) continue;
    const segments = fact.path.split(".");
    let node = facts;
    for (const segment of segments.slice(0, -1)) node = node[segment] ??= {};
    node[segments[segments.length - 1]] = value;
  }
  return facts;
}

const patients = Array.from({ length: patientsCount }, (_, i) => makePatient(i % 3 === 0));
const tempFolder = mkdtempSync(join(os.tmpdir(), "guideline-bench-"));
const ndjsonFile = join(tempFolder, "patients.ndjson");
writeFileSync(ndjsonFile, `${patients.map((p) => JSON.stringify(p)).join("\n")}\n`);
const oneLineFile = join(tempFolder, "one-patient.ndjson");
writeFileSync(oneLineFile, `${JSON.stringify(patients[0])}\n`);
const flattened = patients.map((p, i) => {
  const normalised = normaliseFacts(p, pack);
  if ("errors" in normalised) throw new Error(`bench: generated patient ${i} is not valid: ${JSON.stringify(normalised.errors)}`);
  return Object.fromEntries(normalised.ok.engineFacts);
});

// ---------------------------------------------------------------------------
// measures: each takes the whole workload once and resolves to its time in ms
// ---------------------------------------------------------------------------

/** Spawns a process, feeds `input`, resolves to { ms, code, stdout }. */
function spawnTimed(args, input = "") {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
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

const timed = async (work) => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

/** Whether `evaluate(facts, { engine })` is a runtime option: both engines run and an unknown one is refused. */
async function engineOption() {
  const attempt = async (engine) => {
    try {
      await runtime.evaluate(patients[0], { engine });
      return true;
    } catch {
      return false;
    }
  };
  return (await attempt("closures")) && (await attempt("json-rules-engine")) && !(await attempt("no-such-engine"));
}
const hasEngines = await engineOption();
const evaluateSync = typeof runtime.evaluateSync === "function" ? runtime.evaluateSync : undefined;

const engine = new Engine(pack.rules, { allowUndefinedFacts: true });
let sink = 0;
const outputs = {};
/**
 * Runs `guideline evaluate --ndjson` as it is documented, `< in.ndjson > out.ndjson`: standard
 * input and output are files, not pipes, so that the figure is the command's and not the
 * hand-over of each 64 KiB of a pipe between two processes (which, on a loaded machine, waits for
 * the scheduler each time). Resolves to { ms, code, stdout, stderr }.
 */
function spawnNdjson(extra, inputFile, outputFile = join(tempFolder, "out.ndjson")) {
  const input = openSync(inputFile, "r");
  const output = openSync(outputFile, "w");
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [cli, "evaluate", "--ndjson", ...extra], { cwd: root, stdio: [input, output, "pipe"] });
    const err = [];
    child.stderr.on("data", (c) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - start;
      closeSync(input);
      closeSync(output);
      resolvePromise({ ms, code, stdout: readFileSync(outputFile, "utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

const ndjsonRun = (extra) => async () => {
  const r = await spawnNdjson(extra, ndjsonFile);
  if (extra.includes("--compact")) {
    if (r.code !== 0) throw new Error(`guideline evaluate --ndjson ${extra.join(" ")} exited ${r.code}`);
    return;
  }
  // Invalid facts would be a bench bug: every generated patient is valid.
  if (r.code !== 0)
    throw new Error(
      `guideline evaluate --ndjson ${extra.join(" ")} exited ${r.code}: ${(r.stdout.split("\n").find((l) => l.startsWith('{"error"')) ?? r.stderr).slice(0, 300)}`,
    );
  outputs[extra.length ? `ndjson ${extra.join(" ")}` : "ndjson (main thread)"] = r.stdout;
};
const perPatient = (each) => async (n) => {
  for (let i = 0; i < n; i++) sink += (await each(patients[i])) ? 1 : 0;
};
// Timed runs drop each report, as a service does once it has answered: reports kept for the
// cross-check would live through many collections and make every measure pay for copying them
// to the old generation (a third of the time of evaluate() on this machine). The reports for the
// cross-check are made in an untimed pass after the rounds (`crossChecks`).
const crossChecks = {};
const reportsOf = (name, each) => {
  crossChecks[name] = async () => {
    const reports = [];
    for (let i = 0; i < patientsCount; i++) reports.push(JSON.stringify(await each(patients[i])));
    return reports;
  };
  return async (n) => {
    for (let i = 0; i < n; i++) sink += (await each(patients[i])) ? 1 : 0;
  };
};

/** The same command on the first patient alone: its start-up, to take out of the per-patient figure. */
const ndjsonOneLine = (extra) => async () => {
  const r = await spawnNdjson(extra, oneLineFile);
  if (r.code !== 0) throw new Error(`guideline evaluate --ndjson ${extra.join(" ")} on one line exited ${r.code}`);
};

/** The rows of the table, in print order; `run(n)` takes the first n patients, and is undefined when the runtime lacks the measure. */
const measures = [
  {
    name: "stock json-rules-engine Engine, reused (events only, facts flattened)",
    reference: true,
    run: async (n) => {
      for (let i = 0; i < n; i++) sink += (await engine.run(flattened[i])).events.length;
    },
  },
  {
    name: 'evaluate(facts, { engine: "closures" }), full report',
    run: hasEngines ? reportsOf("closures", (p) => runtime.evaluate(p, { engine: "closures" })) : undefined,
  },
  {
    name: 'evaluate(facts, { engine: "json-rules-engine" }), full report',
    run: hasEngines ? reportsOf("json-rules-engine", (p) => runtime.evaluate(p, { engine: "json-rules-engine" })) : undefined,
  },
  { name: "evaluate(facts), full report", run: reportsOf("evaluate", (p) => runtime.evaluate(p)) },
  {
    // `relevant` is searched for on first read: this row pays for it, as a caller that shows it (or serialises the report) does.
    name: "evaluate(facts), full report, `relevant` read",
    run: reportsOf("evaluate, relevant read", async (p) => {
      const report = await runtime.evaluate(p);
      sink += report.relevant?.verdict?.length ?? 0;
      return report;
    }),
  },
  { name: "evaluateSync(facts), full report", run: evaluateSync ? reportsOf("evaluateSync", (p) => evaluateSync(p)) : undefined },
  {
    // What one line of --ndjson computes, in process: the report, its `relevant`, and its JSON text.
    name: "evaluateSync(facts) + JSON.stringify(report), in process",
    inProcessLine: true,
    run: evaluateSync
      ? perPatient((p) => JSON.stringify(evaluateSync(p)).length > 0)
      : perPatient(async (p) => JSON.stringify(await runtime.evaluate(p)).length > 0),
  },
  ...[[], ["--workers", "1"], ["--workers", "2"], ["--workers", "2", "--compact"]].map((extra) => ({
    name: `guideline evaluate --ndjson${extra.length ? ` ${extra.join(" ")}` : ", main thread"} (spawned, end to end)`,
    spawned: true,
    ndjson: extra.length ? extra.join(" ") : "main thread",
    run: ndjsonRun(extra),
    oneLine: ndjsonOneLine(extra),
  })),
  {
    // The machine's own ceiling for two threads of this work: two --ndjson processes at once, on
    // the same input, against one (the next row); a ratio below 2 is the machine, not the code.
    name: "two --ndjson processes at once, main thread (spawned, end to end; per patient of one)",
    spawned: true,
    pairOf: "main thread",
    run: async () => {
      await Promise.all([
        spawnNdjson([], ndjsonFile, join(tempFolder, "a.ndjson")),
        spawnNdjson([], ndjsonFile, join(tempFolder, "b.ndjson")),
      ]);
    },
  },
  { name: "validation of the facts (ajv)", run: perPatient((p) => runtime.validateFacts(p, pack).length === 0) },
  { name: "normalisation of the facts (normaliseFacts)", run: perPatient((p) => "ok" in normaliseFacts(p, pack)) },
];

// Start-up: one patient through the command line, against a bare `node -e 0`, three pairs a round.
const onePatient = join(tempFolder, "patient.json");
writeFileSync(onePatient, JSON.stringify(patients[0]));
async function startupPair() {
  const cliTimes = [];
  const nodeTimes = [];
  for (let i = 0; i < 3; i++) {
    const r = await spawnTimed([cli, "evaluate", onePatient, "--json"]);
    if (r.code !== 0) throw new Error(`guideline evaluate exited ${r.code}: ${r.stderr.slice(0, 300)}`);
    cliTimes.push(r.ms);
    nodeTimes.push((await spawnTimed(["-e", "0"])).ms);
  }
  return { cli: median(cliTimes), node: median(nodeTimes) };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// ---------------------------------------------------------------------------
// rounds
// ---------------------------------------------------------------------------

const started = performance.now();
log(`bench: ${patientsCount.toLocaleString("en-US")} patients (seed ${seed}), ${rounds} interleaved rounds…`);
// Warm-up, outside the timings: the in-process measures on the first 300 patients.
for (const m of measures) if (m.run && !m.spawned) await m.run(300);
const times = measures.map(() => []);
/** For the spawned measures: the time of the same command on one line, in the same round. */
const oneLineTimes = measures.map(() => []);
const failures = measures.map(() => undefined);
const startups = [];
for (let round = 0; round < rounds; round++) {
  const order = measures.map((_, i) => i);
  // A different order each round (rotate and reverse), so that no measure always runs after the same one.
  for (let k = 0; k < round; k++) order.push(order.shift());
  if (round % 2) order.reverse();
  for (const i of order) {
    const m = measures[i];
    if (!m.run || failures[i]) continue;
    try {
      times[i].push(await timed(() => m.run(patientsCount)));
      if (m.oneLine) oneLineTimes[i].push(await timed(() => m.oneLine()));
    } catch (error) {
      failures[i] = String(error.message ?? error).split("\n")[0];
    }
  }
  startups.push(await startupPair());
  log(`  round ${round + 1} of ${rounds} done (${Math.round((performance.now() - started) / 1000)} s)`);
}

// ---------------------------------------------------------------------------
// the table
// ---------------------------------------------------------------------------

const fmt = (n, digits = 0) =>
  n === undefined || Number.isNaN(n) ? "n/a" : n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const referenceTimes = times[measures.findIndex((m) => m.reference)];
const cpus = os.cpus();
const jreVersion = JSON.parse(readFileSync(join(root, "node_modules/json-rules-engine/package.json"), "utf8")).version;
console.log(
  `node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} CPU(s) ${cpus[0]?.model ?? ""}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} (other processes skew the figures; the ratios are paired within each round)`,
);
console.log(
  `json-rules-engine ${jreVersion}; pack ${pack.guideline.id} ${pack.guideline.edition}: ${pack.rules.length} engine rules for ${pack.sourceRules.length} guideline rules, ${pack.facts.length} facts`,
);
console.log(
  `${patientsCount.toLocaleString("en-US")} patients (a third complete, two-thirds partly unknown), seed ${seed}; ${rounds} interleaved rounds; medians over the rounds`,
);
console.log("");
const rows = measures.map((m, i) => {
  if (!m.run) return [m.name, "n/a", "n/a", "not in this runtime yet"];
  if (failures[i]) return [m.name, "FAILED", "", failures[i]];
  const ratios = times[i].map((t, r) => referenceTimes[r] / t);
  return [
    m.name,
    fmt((median(times[i]) * 1000) / patientsCount, 1),
    m.reference ? "1" : fmt(median(ratios), 2),
    `${fmt(Math.min(...ratios), 2)}–${fmt(Math.max(...ratios), 2)}`,
  ];
});
const startupRatios = startups.map((s) => s.cli / s.node);
rows.push([
  "start-up: one patient through the CLI (guideline evaluate FILE --json)",
  `${fmt(median(startups.map((s) => s.cli)))} ms`,
  `${fmt(median(startupRatios), 2)} × node -e 0`,
  `node -e 0: ${fmt(median(startups.map((s) => s.node)))} ms; ${fmt(Math.min(...startupRatios), 2)}–${fmt(Math.max(...startupRatios), 2)}`,
]);
const header = ["measure", "µs/patient", "× stock engine", "range of the ratio over the rounds"];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
const line = (cells) =>
  `| ${cells.map((cell, c) => (c === 0 || c === 3 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w, c) => (c === 0 || c === 3 ? `-${"-".repeat(w)}-` : `-${"-".repeat(w)}:`)).join("|")}|`);
for (const r of rows) console.log(line(r));

// --ndjson against evaluate() in process, the targets of issue 12: paired within each round, end
// to end, and with the start-up taken out (the time of the same command on one line, same round).
const evaluateTimes = times[measures.findIndex((m) => m.name === "evaluate(facts), full report")];
console.log("");
console.log(
  "guideline evaluate --ndjson against evaluate() in process (× evaluate(): higher is faster; targets: --workers 1 ≥ 0.8, --workers 2 ≥ 1.6),",
);
console.log(
  "and against the same work in process (× line: evaluateSync, `relevant` and JSON.stringify per patient, which --ndjson cannot skip; start-up taken out):",
);
console.log(
  "| --ndjson | × evaluate(), end to end | × evaluate(), start-up taken out | × line in process, start-up taken out | start-up (one line) ms | range × evaluate(), start-up taken out |",
);
console.log("|---|---:|---:|---:|---:|---|");
const lineTimes = times[measures.findIndex((m) => m.inProcessLine)];
for (const [i, m] of measures.entries()) {
  if (!m.ndjson || failures[i] || !evaluateTimes?.length) continue;
  const endToEnd = times[i].map((t, r) => evaluateTimes[r] / t);
  const steady = times[i].map(
    (t, r) => ((evaluateTimes[r] / patientsCount) * (patientsCount - 1)) / Math.max(t - oneLineTimes[i][r], 1e-3),
  );
  const steadyLine = times[i].map(
    (t, r) => ((lineTimes[r] / patientsCount) * (patientsCount - 1)) / Math.max(t - oneLineTimes[i][r], 1e-3),
  );
  console.log(
    `| ${m.ndjson} | ${fmt(median(endToEnd), 2)} | ${fmt(median(steady), 2)} | ${lineTimes?.length ? fmt(median(steadyLine), 2) : "n/a"} | ${fmt(median(oneLineTimes[i]))} | ${fmt(Math.min(...steady), 2)}–${fmt(Math.max(...steady), 2)} |`,
  );
}
const single = measures.findIndex((m) => m.ndjson === "main thread");
const pair = measures.findIndex((m) => m.pairOf === "main thread");
if (single >= 0 && pair >= 0 && times[pair].length && !failures[pair])
  console.log(
    `the machine's ceiling for two threads of this work: two --ndjson processes at once give × ${fmt(median(times[pair].map((t, r) => (2 * times[single][r]) / t)), 2)} the throughput of one (× 2 on two free cores); --workers 2 against --workers 1: × ${fmt(
      median(
        times[measures.findIndex((m) => m.ndjson === "--workers 2")].map(
          (t, r) => times[measures.findIndex((m) => m.ndjson === "--workers 1")][r] / t,
        ),
      ),
      2,
    )}`,
  );

// Cross-checks, outside the timings: every way of evaluating gives the same reports.
console.log("");
for (const [name, make] of Object.entries(crossChecks)) outputs[name] = await make();
const expected = outputs.evaluate;
if (expected) {
  for (const [name, output] of Object.entries(outputs)) {
    if (name === "evaluate") continue;
    const got = typeof output === "string" ? output.slice(0, -1).split("\n") : output;
    const differ = got.length === expected.length ? got.filter((g, i) => g !== expected[i]).length : Math.abs(got.length - expected.length);
    console.log(
      `cross-check: ${name} gives the same reports as evaluate(): ${differ === 0 ? "yes" : `NO, ${differ} differ`} (${got.length} reports)`,
    );
  }
}

// ---------------------------------------------------------------------------
// scaling: guideline check on synthetic guidelines
// ---------------------------------------------------------------------------

console.log("");
console.log(
  `guideline check on synthetic guidelines (bench/check.mjs, seed 20190401; each size in its own process, stopped after ${scalingTimeout} s):`,
);
console.log("| rules | diagnostics | check s (wall) | CPU s | µs per rule (CPU) | compiles |");
console.log("|------:|------------:|---------------:|------:|------------------:|:---------|");
const scaling = [];
for (const n of scalingSizes) {
  const result = await new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [join(root, "bench", "check.mjs"), "--sizes", String(n)], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), scalingTimeout * 1000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, out });
    });
  });
  const row = result.out.split("\n").find((l) => l.startsWith(`${n} |`));
  if (result.signal) {
    console.log(`| ${fmt(n)} | | > ${scalingTimeout} (stopped) | | | |`);
  } else if (!row) {
    console.log(`| ${fmt(n)} | | FAILED | | | ${result.out.trim().split("\n").at(-1)?.slice(0, 200)} |`);
  } else {
    // bench/check.mjs: rules | source KiB | diagnostics | compiles | check s | CPU s | µs per rule (CPU)
    const [, , diagnostics, compiles, seconds, cpu, perRule] = row.split("|").map((s) => s.trim());
    scaling.push({ n, cpu: Number(cpu) });
    console.log(`| ${fmt(n)} | ${diagnostics} | ${seconds} | ${cpu} | ${perRule} | ${compiles} |`);
  }
}
// Growth in CPU time (the wall time on a shared machine says as much about the other work).
const first = scaling.find((s) => s.n === 1000);
const last = scaling.find((s) => s.n === 10_000);
if (first && last && first.cpu > 0)
  console.log(
    `growth of CPU time from 1,000 to 10,000 rules: × ${fmt(last.cpu / first.cpu, 1)}, per rule × ${fmt(last.cpu / 10 / first.cpu, 2)} (n log n would be × 13.3, per rule × 1.33; n² × 100)`,
  );
rmSync(tempFolder, { recursive: true, force: true });

// Memory over a long --ndjson input: 1 M lines (200,000 with --quick), in its own processes.
console.log("");
await new Promise((resolvePromise) => {
  const child = spawn(process.execPath, [join(root, "bench", "ndjson-memory.mjs"), "--lines", String(memoryLines)], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.on("close", resolvePromise);
});
log(`bench: done in ${Math.round((performance.now() - started) / 1000)} s`);
if (sink === -1) console.log(sink);
