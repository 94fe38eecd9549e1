#!/usr/bin/env node
/**
 * Time of `guideline check` — parse, check, consistency analysis, provenance, and the formatting
 * of every diagnostic, as the command prints them — on synthetic guidelines of growing size
 * (`bench/synthetic-guideline.mjs`). A benchmark, not a test: it prints figures and never
 * fails on them. It shows whether check time grows linearly with the number of rules: the
 * last column, time per rule, should stay about the same from one size to the next.
 * `npm run bench:check` builds first; then `node bench/check.mjs [--sizes 1000,4000,10000] [--seed S]`.
 */
import { performance } from "node:perf_hooks";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generate, prng, sourceText } from "./synthetic-guideline.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (path) => pathToFileURL(join(root, "dist", path)).href;
const { compileGuideline } = await import(dist("compiler/compile.js"));
const { formatDiagnostic, hasErrors, sortDiagnostics, SourceTexts } = await import(dist("diagnostics/diagnostic.js"));

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index < 0 ? fallback : process.argv[index + 1];
}
const sizes = String(option("--sizes", "1000,4000,10000")).split(",").map(Number);
const seed = Number(option("--seed", 20190401));
if (sizes.some((n) => !Number.isInteger(n) || n <= 0) || !Number.isInteger(seed)) {
  console.error("bench: --sizes needs whole numbers separated by commas, --seed a whole number");
  process.exit(2);
}

console.log(`node ${process.version}, seed ${seed}`);
// CPU time beside wall time: on a shared machine the wall time says as much about the other work.
console.log("rules | source KiB | diagnostics | compiles | check s | CPU s | µs per rule (CPU)");
for (const n of sizes) {
  const text = generate(n, prng(seed));
  const file = "synthetic.guideline";
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  // As `guideline check` compiles: every diagnostic, no pack.
  const result = compileGuideline([{ file, text }], { readSourceDocument: () => sourceText }, { lower: false });
  const texts = new SourceTexts(new Map([[file, text]]));
  let printed = 0;
  for (const d of sortDiagnostics(result.diagnostics)) printed += formatDiagnostic(d, texts).length;
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const compiles = result.model !== undefined && !hasErrors(result.diagnostics);
  console.log(
    `${n} | ${Math.round(text.length / 1024)} | ${result.diagnostics.length} (${Math.round(printed / 1024)} KiB printed) | ${compiles ? "yes" : "NO"} | ${seconds.toFixed(1)} | ${cpuSeconds.toFixed(1)} | ${Math.round((cpuSeconds * 1e6) / n)}`,
  );
  if (!compiles) {
    const errors = result.diagnostics.filter((d) => d.severity === "error").slice(0, 3);
    console.error(
      `bench: the ${n}-rule synthetic guideline does not compile:`,
      errors.map((d) => `${d.code} ${d.message}`),
    );
  }
}
