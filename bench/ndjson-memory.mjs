#!/usr/bin/env node
/**
 * Memory of `guideline evaluate --ndjson` over a long input (issue 12: 1 M lines at flat RSS):
 * the peak resident set size of the command on a tenth of the lines and on all of them, on the
 * main thread and with 2 worker threads, with V8's default heap sizing and with the heap capped. A benchmark, not a test: it prints figures and never
 * fails on them (`test/cli-ndjson.test.ts` holds the test, at 200,000 lines).
 * `npm run build` first; then `node bench/ndjson-memory.mjs [--lines 1000000]`.
 *
 * The lines are fed with backpressure and the output is counted as it comes, nothing kept. A
 * patient of `examples/` every 100th line, a line that is not JSON every 10th, the others blank
 * lines of 512 spaces (read and answered, but cheap): 1 M lines are about 500 MiB in.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const index = process.argv.indexOf("--lines");
const lines = index < 0 ? 1_000_000 : Number(process.argv[index + 1]);
if (!Number.isInteger(lines) || lines < 10) {
  console.error("bench: --lines needs a whole number of at least 10");
  process.exit(2);
}
const patients = readdirSync(join(root, "examples"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.stringify(JSON.parse(readFileSync(join(root, "examples", f), "utf8"))));
const blank = " ".repeat(512);
const lineAt = (n) => (n % 100 === 0 ? patients[(n / 100) % patients.length] : n % 10 === 0 ? "not json" : blank);
const folder = mkdtempSync(join(os.tmpdir(), "guideline-bench-memory-"));

/** Runs the command on `count` lines: resolves to { kib: peak RSS, lines: output lines, seconds }. */
function peakRss(count, extra, nodeFlags = []) {
  const rssFile = join(folder, "rss");
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...nodeFlags,
      "--import",
      join(root, "test", "support", "max-rss.mjs"),
      join(root, "dist", "cli", "guideline.js"),
      "evaluate",
      "--ndjson",
      ...extra,
    ],
    { cwd: root, env: { ...process.env, MAX_RSS_FILE: rssFile }, stdio: ["pipe", "pipe", "inherit"] },
  );
  let written = 0;
  const feed = () => {
    while (written < count) {
      const chunk = [];
      for (let k = 0; k < 256 && written < count; k++) chunk.push(lineAt(++written));
      if (!child.stdin.write(`${chunk.join("\n")}\n`)) return void child.stdin.once("drain", feed);
    }
    child.stdin.end();
  };
  child.stdin.on("error", () => {});
  feed();
  let out = 0;
  child.stdout.on("data", (chunk) => {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) out++;
  });
  return new Promise((resolvePromise, reject) => {
    child.on("error", reject);
    child.on("close", () =>
      resolvePromise({ kib: Number(readFileSync(rssFile, "utf8")), lines: out, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

const fmt = (n) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });
console.log(`guideline evaluate --ndjson, peak RSS on ${fmt(lines / 10)} and ${fmt(lines)} lines (a report every 100th line):`);
console.log(`| --ndjson | peak RSS, ${fmt(lines / 10)} lines | peak RSS, ${fmt(lines)} lines | growth | output lines | seconds |`);
console.log("|---|---:|---:|---:|---|---:|");
// With V8's default heap sizing the resident size grows with the run even when nothing is kept:
// V8 lets its heap grow before collecting harder. The same runs with the heap capped (16 MiB of
// old space, 1 MiB semi-spaces) show whether anything is retained: a leak would fail there.
const capped = ["--max-old-space-size=16", "--max-semi-space-size=1"];
for (const [extra, flags] of [
  [[], []],
  [["--workers", "2"], []],
  [[], capped],
  [["--workers", "2"], capped],
]) {
  const small = await peakRss(lines / 10, extra, flags);
  const large = await peakRss(lines, extra, flags);
  const complete = small.lines === lines / 10 && large.lines === lines ? "all" : `MISSING: ${small.lines} and ${large.lines}`;
  const label = `${extra.length ? extra.join(" ") : "main thread"}${flags.length ? ", heap capped" : ""}`;
  console.log(
    `| ${label} | ${fmt(small.kib / 1024)} MiB | ${fmt(large.kib / 1024)} MiB | ${fmt((large.kib - small.kib) / 1024)} MiB | ${complete} | ${large.seconds.toFixed(1)} |`,
  );
}
rmSync(folder, { recursive: true, force: true });
