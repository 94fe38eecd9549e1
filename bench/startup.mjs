#!/usr/bin/env node
/**
 * Start-up of the command line: one patient through `guideline evaluate` against a bare
 * `node -e 0`, wall time, in interleaved rounds (the order of the two alternates from one round
 * to the next, so that a burst of load elsewhere hits both alike), with the median of each and
 * the median of the per-round ratios. A benchmark, not a test: it prints figures and never fails
 * on them. Target (issue 12): the ratio at most 2.
 * `npm run build` first; then `node bench/startup.mjs [--rounds 20] [--facts FILE] [-- EXTRA ARGS]`.
 */
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index < 0 ? fallback : process.argv[index + 1];
}
const rounds = Number(option("--rounds", 20));
const facts = option("--facts", join(root, "examples", "patient-vertebra.json"));
const extra = process.argv.includes("--") ? process.argv.slice(process.argv.indexOf("--") + 1) : [];
if (!Number.isInteger(rounds) || rounds <= 0) {
  console.error("bench: --rounds needs a positive whole number");
  process.exit(2);
}

const commands = {
  "node -e 0": [process.execPath, ["-e", "0"]],
  "guideline evaluate": [process.execPath, [join(root, "dist", "cli", "guideline.js"), "evaluate", facts, ...extra]],
};

/** Wall time of one run, in milliseconds; fails the benchmark if the command fails. */
function time(name) {
  const [file, args] = commands[name];
  const start = process.hrtime.bigint();
  const run = spawnSync(file, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) {
    console.error(`bench: ${name} failed (exit ${run.status}): ${run.stderr}`);
    process.exit(1);
  }
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// One warm-up round each, not counted: the first run reads the files from disk.
time("node -e 0");
time("guideline evaluate");
const bare = [];
const cli = [];
for (let round = 0; round < rounds; round++) {
  if (round % 2 === 0) {
    bare.push(time("node -e 0"));
    cli.push(time("guideline evaluate"));
  } else {
    cli.push(time("guideline evaluate"));
    bare.push(time("node -e 0"));
  }
}
const ratios = cli.map((ms, i) => ms / bare[i]);
console.log(`node ${process.version}, ${rounds} interleaved rounds`);
console.log(`node -e 0            median ${median(bare).toFixed(1)} ms`);
console.log(
  `guideline evaluate   median ${median(cli).toFixed(1)} ms  (${facts.replace(`${root}/`, "")}${extra.length ? ` ${extra.join(" ")}` : ""})`,
);
console.log(`ratio                median of per-round ratios ${median(ratios).toFixed(2)}× (target ≤ 2×)`);
