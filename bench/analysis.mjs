#!/usr/bin/env node
/**
 * Time of the consistency analysis (GL3xxx) on a synthetic guideline generated in memory, and
 * on the shipped guideline. A benchmark, not a test: it prints figures and never fails on them.
 * `npm run bench:analysis` builds first; then `node bench/analysis.mjs [options]`.
 *
 * The synthetic guideline (`bench/synthetic-guideline.mjs`) has RULES rules (default 1 000).
 *
 * Options: --rules N (default 1000), --runs R (timed runs, median kept; default 5), --seed S.
 * The same options give the same guideline.
 */
import { performance } from "node:perf_hooks";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (path) => pathToFileURL(join(root, "dist", path)).href;
const { parseGuideline } = await import(dist("dsl/parse.js"));
const { checkGuideline } = await import(dist("compiler/check/check.js"));
const { analyseGuideline } = await import(dist("compiler/analyse/analyse.js"));
const { loadSources } = await import(dist("compiler/load-sources.js"));
const { generate, prng } = await import("./synthetic-guideline.mjs");

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

const ruleCount = option("--rules", 1000);
const runs = option("--runs", 5);
const seed = option("--seed", 20190401);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(label, files) {
  const parseTimes = [];
  const checkTimes = [];
  const analysisTimes = [];
  let last;
  let model;
  for (let run = 0; run < runs; run++) {
    let start = performance.now();
    const asts = files.map((f) => parseGuideline(f.text, f.file));
    parseTimes.push(performance.now() - start);
    start = performance.now();
    const checked = checkGuideline(asts.map((p) => p.ast));
    checkTimes.push(performance.now() - start);
    if (!checked.model) {
      console.error(
        `bench: the ${label} guideline does not check:`,
        checked.diagnostics.slice(0, 5).map((d) => `${d.code} ${d.message}`),
      );
      process.exit(1);
    }
    model = checked.model;
    start = performance.now();
    last = analyseGuideline(model);
    analysisTimes.push(performance.now() - start);
  }
  const byCode = {};
  for (const f of last.findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  const lines = [
    `${label}: ${model.rules.length} rules, ${model.facts.length} facts, ${model.drugs.length} drugs`,
    `  analysis ${median(analysisTimes).toFixed(1)} ms (median of ${runs}; parse ${median(parseTimes).toFixed(1)} ms, check ${median(checkTimes).toFixed(1)} ms)`,
    `  ${last.queries} satisfiability queries, ${last.steps} search branches; ${last.pairs.length} plan rule pairs compared (${last.pairs.filter((p) => p.status === "disjoint").length} proved disjoint)`,
    `  per check (last run, ms): ${Object.entries(last.timings)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(", ")}`,
    `  findings: ${
      Object.keys(byCode).length
        ? Object.entries(byCode)
            .sort()
            .map(([c, k]) => `${c} × ${k}`)
            .join(", ")
        : "none"
    }`,
  ];
  console.log(lines.join("\n"));
  return median(analysisTimes);
}

const synthetic = generate(ruleCount, prng(seed));
console.log(`node ${process.version}, seed ${seed}`);
const ms = measure(`synthetic guideline (${ruleCount} rules generated in memory)`, [{ file: "synthetic.guideline", text: synthetic }]);
const shipped = loadSources(["guideline/2019"], root);
measure("shipped guideline (guideline/)", shipped.sources);
console.log(`\nanalysis of the ${ruleCount}-rule synthetic guideline: ${(ms / 1000).toFixed(2)} s`);
