/**
 * `guideline evaluate --ndjson` at scale (issue 12), run as real processes of the built command
 * line: `--workers N` keeps the input order and survives a worker thread that stops, `--compact`
 * gives back the full report with the pack, progress shows on a terminal and never on a pipe,
 * and memory stays flat however long the input. `npm test` builds first; run `npm run build`
 * before `npx vitest run test/cli-ndjson.test.ts` otherwise.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { RulePack } from "../src/pack/pack-format.js";
import { InvalidPackError } from "../src/pack/invalid-pack-error.js";
import { compactReport, expandReport, type CompactReport } from "../src/runtime/compact-report.js";
import { evaluate } from "../src/runtime/evaluate.js";
import type { Report } from "../src/runtime/report.js";
import { defaultPack } from "../src/runtime/load-pack.js";
import { patientArbitrary, patientSpace } from "./support/patient-arbitrary.js";
import { cli, cliRoot, collect, firstOutputLine, run, type Run } from "./support/run-cli.js";

const pack = defaultPack();
const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "guideline-ndjson-"));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** Lines that fail, each in its own way: not JSON, invalid facts, not an object. */
const badLines = ["not json", '{"labs": {"platelet": 1}}', "[]", '{"patient": {"severeCoagulopathy": "yes"}}', "{} trailing"];

/** `count` lines of generated patients (fixed seed), with a bad line every 9th and a blank line every 40th. */
function mixedLines(count: number, seed: number): string[] {
  const patients = fc.sample(patientArbitrary(patientSpace(pack)), { seed, numRuns: count });
  return patients.map((p, i) => ((i + 1) % 40 === 0 ? "" : (i + 1) % 9 === 0 ? (badLines[i % badLines.length] ?? "") : JSON.stringify(p)));
}

/** Runs the built CLI with node options before it (a preload), feeding `input`. */
function runWith(nodeOptions: readonly string[], args: readonly string[], input: string): Promise<Run> {
  const child = spawn(process.execPath, [...nodeOptions, cli, ...args], {
    cwd: cliRoot,
    env: { ...process.env, TZ: "UTC", NO_COLOR: "1" },
  });
  return collect(child, input);
}

type ErrorLine = { error: { kind: string; code?: string; message?: string }; line: number };

describe("--workers N keeps the input order", () => {
  const lines = mixedLines(400, 12);
  const input = `${lines.join("\n")}\n`;

  it("2 worker threads answer a few hundred lines, bad and blank ones mixed in, exactly as the main thread does, line for line", async () => {
    const [alone, workers] = [
      await run(["evaluate", "--ndjson"], { input }),
      await run(["evaluate", "--ndjson", "--workers", "2"], { input }),
    ];
    expect(workers.stderr).toBe("");
    expect(workers.code, "exit 1: some lines failed").toBe(1);
    expect(alone.code).toBe(1);
    const outputs = workers.stdout.slice(0, -1).split("\n");
    expect(outputs.length).toBe(lines.length);
    // Each line answers its own input line: its line number, or its own patient's report.
    for (const [i, text] of lines.entries()) {
      const output = outputs[i] ?? "";
      if (text === "") expect(output, `line ${i + 1}`).toBe("");
      else if ((i + 1) % 9 === 0) expect((JSON.parse(output) as ErrorLine).line, `line ${i + 1}`).toBe(i + 1);
    }
    for (const i of [0, 1, 100, 257, 398])
      expect(outputs[i], `line ${i + 1}`).toBe(JSON.stringify(await evaluate(JSON.parse(lines[i] ?? ""), pack)));
    expect(workers.stdout).toBe(alone.stdout);
  }, 300_000);

  it("with workers, the first answer comes before the input ends (no batch waits for more lines)", async () => {
    const child = spawn(process.execPath, [cli, "evaluate", "--ndjson", "--workers", "2"], { cwd: cliRoot });
    child.stdin.write(`${lines[0]}\n`);
    const first = await firstOutputLine(child, 60_000);
    child.stdin.end();
    expect(first).toBe(JSON.stringify(await evaluate(JSON.parse(lines[0] ?? ""), pack)));
  }, 120_000);

  it("a worker thread that stops answers its lines with GL7030 and the stream goes on to the end (no hang)", async () => {
    const crashAt = 70;
    const crashing = lines.map((text, i) => (i + 1 === crashAt ? '{"crash-this-worker": true}' : text));
    const expected = await run(["evaluate", "--ndjson"], { input: `${crashing.join("\n")}\n` });
    const { code, stdout } = await runWith(
      ["--import", join(cliRoot, "test", "support", "crash-worker.mjs")],
      ["evaluate", "--ndjson", "--workers", "2"],
      `${crashing.join("\n")}\n`,
    );
    expect(code).toBe(1);
    const outputs = stdout.slice(0, -1).split("\n");
    const reference = expected.stdout.slice(0, -1).split("\n");
    expect(outputs.length).toBe(lines.length);
    const lost: number[] = [];
    for (const [i, output] of outputs.entries()) {
      if (output === reference[i]) continue;
      const error = JSON.parse(output) as ErrorLine;
      expect(error, `line ${i + 1}`).toMatchObject({ error: { kind: "worker-failed", code: "GL7030" }, line: i + 1 });
      expect(error.error.message).toBe(
        `line ${i + 1} was not evaluated: the worker thread evaluating it stopped (exit code 9); the next lines go to a new worker thread`,
      );
      lost.push(i + 1);
    }
    expect(lost).toContain(crashAt);
    // Only the batches the stopped thread held are lost: the lines before and after them are answered.
    expect(lost.length).toBeLessThan(lines.length / 2);
    expect(outputs.at(-1)).toBe(reference.at(-1));
  }, 300_000);
});

describe("--workers N with a pack given by --pack", () => {
  it("a pack given with --pack reaches the worker threads as a copy: the same answers as the main thread; a changed copy is refused before any line (exit 3)", async () => {
    const dir = tempDir();
    const file = join(dir, "pack.json");
    writeFileSync(file, readFileSync(join(cliRoot, "generated", `${pack.guideline.edition}`, "pack.json")));
    const input = `${mixedLines(40, 7).join("\n")}\n`;
    const alone = await run(["evaluate", "--ndjson"], { input });
    const workers = await run(["evaluate", "--ndjson", "--workers", "2", "--pack", file, "--unsigned"], { input });
    expect(workers.stderr).toContain("warning GL5047");
    expect(workers.stdout).toBe(alone.stdout);
    expect(workers.code).toBe(alone.code);
    const changed = JSON.parse(readFileSync(file, "utf8")) as { rules: unknown[] };
    changed.rules = changed.rules.slice(1);
    writeFileSync(file, JSON.stringify(changed));
    const refused = await run(["evaluate", "--ndjson", "--workers", "2", "--pack", file, "--unsigned"], { input });
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe("");
  }, 300_000);
});

describe("--compact", () => {
  it("each compact line, expanded with the pack by rule id, is the full report, byte for byte; and it holds no quote, statement or wording", async () => {
    const lines = mixedLines(120, 7);
    const input = `${lines.join("\n")}\n`;
    const full = (await run(["evaluate", "--ndjson"], { input })).stdout.slice(0, -1).split("\n");
    const compact = await run(["evaluate", "--ndjson", "--compact", "--workers", "2"], { input });
    expect(compact.code).toBe(1);
    const outputs = compact.stdout.slice(0, -1).split("\n");
    expect(outputs.length).toBe(lines.length);
    let reports = 0;
    let compactBytes = 0;
    let fullBytes = 0;
    for (const [i, output] of outputs.entries()) {
      const parsed = output === "" ? undefined : (JSON.parse(output) as { compact?: 1; error?: unknown });
      if (parsed?.compact !== 1) {
        expect(output, `line ${i + 1}: errors and blank lines are the same in both forms`).toBe(full[i]);
        continue;
      }
      reports++;
      expect(JSON.stringify(expandReport(parsed as CompactReport, pack)), `line ${i + 1}`).toBe(full[i]);
      expect(output.length).toBeLessThan((full[i] ?? "").length);
      compactBytes += output.length;
      fullBytes += (full[i] ?? "").length;
      expect(output, `line ${i + 1}`).not.toMatch(/"(quotes|statement|sectionTitle|citations|medicationPlanWordings)":/);
    }
    expect(reports).toBeGreaterThan(90);
    expect(compactBytes, "the reports, together").toBeLessThan(fullBytes * 0.6);
  }, 300_000);

  it("law: expandReport(compactReport(r), pack) is r, for generated patients", async () => {
    await fc.assert(
      fc.asyncProperty(patientArbitrary(patientSpace(pack)), async (patient) => {
        const report = await evaluate(patient, pack);
        expect(JSON.stringify(expandReport(JSON.parse(JSON.stringify(compactReport(report))) as CompactReport, pack))).toBe(
          JSON.stringify(report),
        );
      }),
      { seed: 20_261_201, numRuns: 150 },
    );
  }, 120_000);

  it("a report field the compact form does not know is kept, in its place, both ways", async () => {
    const report = await evaluate({ patient: { cementAllergy: true } }, pack);
    const entries = Object.entries(report);
    const extended = Object.fromEntries([...entries.slice(0, 5), ["futureField", { x: [1] }], ...entries.slice(5)]) as unknown as Report;
    const compact = compactReport(extended);
    expect(compact).toHaveProperty("futureField", { x: [1] });
    expect(JSON.stringify(expandReport(compact, pack))).toBe(JSON.stringify(extended));
  });

  it("expanding with a pack that did not produce the report is GL7033, not a wrong report", async () => {
    const compact = compactReport(await evaluate({}, pack));
    const otherHash: RulePack = { ...pack, guideline: { ...pack.guideline, contentHash: "sha256:0" } };
    expect(() => expandReport(compact, otherHash)).toThrow(InvalidPackError);
    expect(() => expandReport(compact, otherHash)).toThrow(
      /^this compact report was produced by the rule pack .+, not by .+ \(sha256:0\): expand it with the pack that produced it$/,
    );
    const withoutRules: RulePack = { ...pack, sourceRules: [] };
    const withFinding = compactReport(await evaluate({ patient: { cementAllergy: true } }, pack));
    expect(withFinding.findings.length + withFinding.preconditions.length).toBeGreaterThan(0);
    expect(() => expandReport(withFinding, withoutRules)).toThrow(expect.objectContaining({ code: "GL7033" }));
  });
});

describe("options", () => {
  it("--workers needs a whole number in range (GL7034), and --workers and --compact need --ndjson (GL7035); exit 2", async () => {
    for (const value of ["0", "x", "1.5", "65"]) {
      const { code, stderr } = await run(["evaluate", "--ndjson", "--workers", value], { input: "" });
      expect(code, `--workers ${value}`).toBe(2);
      expect(stderr).toContain("guideline: error GL7034 `--workers` needs a whole number of worker threads from 1 to 64");
    }
    // No value at all is an option without its value, as for every option that takes one.
    const missing = await run(["evaluate", "--ndjson", "--workers"], { input: "" });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("GL7013");
    for (const option of [["--compact"], ["--workers", "2"]]) {
      const { code, stderr } = await run(["evaluate", "examples/patient-vertebra.json", "--json", ...option]);
      expect(code).toBe(2);
      expect(stderr).toContain(`guideline: error GL7035 \`${option[0]}\` applies to \`evaluate --ndjson\` only`);
    }
  });
});

describe("progress", () => {
  const lines = mixedLines(150, 3);

  it("on a pipe, standard error stays empty, with or without workers", async () => {
    for (const args of [
      ["evaluate", "--ndjson"],
      ["evaluate", "--ndjson", "--workers", "2"],
    ]) {
      const { stderr } = await run(args, { input: `${lines.join("\n")}\n` });
      expect(stderr, args.join(" ")).toBe("");
    }
  }, 120_000);

  it("on a terminal (tmux), standard error shows the lines answered and the rate (GL7031/GL7032)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.ndjson"), `${lines.join("\n")}\n`);
    const socket = `guideline-ndjson-${process.pid}`;
    const tmux = (...args: string[]): string => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
    const command = `cd '${cliRoot}' && '${process.execPath}' '${cli}' evaluate --ndjson --workers 2 < '${dir}/in.ndjson' > '${dir}/out.ndjson'; echo "exit=$?"; sleep 120`;
    tmux("new-session", "-d", "-s", "progress", "-x", "200", "-y", "20", command);
    try {
      let pane = "";
      for (let waited = 0; !/exit=\d/.test(pane) && waited < 240_000; waited += 500) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        pane = tmux("capture-pane", "-p", "-t", "progress");
      }
      expect(pane).toMatch(/exit=1/);
      expect(pane).toMatch(new RegExp(`guideline: ${lines.length} lines answered, \\d+ lines a second`));
      expect(readFileSync(join(dir, "out.ndjson"), "utf8").split("\n").length).toBe(lines.length + 1);
    } finally {
      tmux("kill-server");
    }
  }, 300_000);
});

/**
 * Runs `evaluate --ndjson` on `count` generated lines fed with backpressure, counting the output
 * lines as they come (nothing kept): resolves to the child's peak RSS in KiB and the line count.
 */
function peakRss(count: number, workers: readonly string[]): Promise<{ readonly kib: number; readonly lines: number }> {
  const rssFile = join(tempDir(), "rss");
  const child = spawn(
    process.execPath,
    ["--import", join(cliRoot, "test", "support", "max-rss.mjs"), cli, "evaluate", "--ndjson", ...workers],
    {
      cwd: cliRoot,
      env: { ...process.env, MAX_RSS_FILE: rssFile },
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  // Mostly blank lines of 512 spaces (read and answered, but cheap), a line that is not JSON every
  // 10th, a report every 100th: 200 000 lines are about 100 MiB in and 20 MiB out.
  const blank = " ".repeat(512);
  const lineAt = (n: number): string => (n % 100 === 0 ? "{}" : n % 10 === 0 ? "not json" : blank);
  let written = 0;
  const feed = (): void => {
    while (written < count) {
      const chunk: string[] = [];
      for (let k = 0; k < 256 && written < count; k++) chunk.push(lineAt(++written));
      if (!child.stdin.write(`${chunk.join("\n")}\n`)) return void child.stdin.once("drain", feed);
    }
    child.stdin.end();
  };
  feed();
  let lines = 0;
  child.stdout.on("data", (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", () => {
      resolve({ kib: Number(readFileSync(rssFile, "utf8")), lines });
    });
  });
}

describe("memory stays flat however long the input", () => {
  it.each([[[]], [["--workers", "2"]]])(
    "peak RSS of 200 000 lines stays within 40 MiB of 20 000 lines' (%j); the input alone is 100 MiB",
    async (workers: string[]) => {
      const small = await peakRss(20_000, workers);
      const large = await peakRss(200_000, workers);
      expect(small.lines).toBe(20_000);
      expect(large.lines).toBe(200_000);
      expect(large.kib - small.kib, `peak RSS ${small.kib} KiB for 20 000 lines, ${large.kib} KiB for 200 000`).toBeLessThan(40 * 1024);
    },
    600_000,
  );
});
