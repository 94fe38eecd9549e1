/**
 * End-to-end tests of the built command line: `node dist/cli/guideline.js ...` in a child process.
 * `npm test` builds first; run `npm run build` before `npx vitest run test/cli.test.ts` otherwise.
 */
import { spawn } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../src/runtime/evaluate.js";
import { InvalidFactsError } from "../src/runtime/fact-errors.js";
import { readPack } from "../src/runtime/load-pack.js";
import { expectOnlyPendingWarnings, shippedEditions, shippedFolder } from "./support/compile-guideline.js";
import { cli, collect, run, type Run } from "./support/run-cli.js";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const example = join(root, "examples", "patient-vertebra.json");
/** The current edition's compiled files: the CLI evaluates with them by default. */
const generated = join(root, "generated", String(shippedEditions.current));
/** The year after the last edition, which `new-edition` may start. */
const nextEdition = String(Math.max(...shippedEditions.editions) + 1);

// A fixed time zone: the CLI's output must not depend on the host's.
const cliEnvironment = { ...process.env, TZ: "UTC", NO_COLOR: "1" };

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "guideline-cli-"));
  temps.push(dir);
  return dir;
}

/** A copy of guideline/ (the .guideline file and its source/ folder) under `<tmp>/guideline`. */
function guidelineCopy(): string {
  const dir = tempDir();
  cpSync(join(root, "guideline"), join(dir, "guideline"), { recursive: true });
  return dir;
}

beforeAll(() => {
  if (!existsSync(cli)) {
    throw new Error(`${cli} does not exist: build the CLI first with \`npm run build\` (\`npm test\` does it before vitest)`);
  }
});

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent("guideline check", () => {
  it("exits 0 on guideline/ and prints the summary", async () => {
    const { code, stdout, stderr } = await run(["check"]);
    const warnings = expectOnlyPendingWarnings(stderr);
    // One summary per edition (each under its `== edition YEAR` heading when there are several),
    // then more lines, such as coverage.
    const summaries = stdout.split("\n").filter((line) => /^\d+ error\(s\)/.test(line));
    expect(summaries).toHaveLength(shippedEditions.editions.length);
    let counted = 0;
    for (const line of summaries) {
      const match = /^0 error\(s\), (\d+) warning\(s\); \d+ rules, \d+ facts, \d+ thresholds and delays, \d+ drugs$/.exec(line);
      expect(match, line).not.toBeNull();
      counted += Number(match?.[1]);
    }
    expect(counted).toBe(warnings);
    expect(code).toBe(0);
    // guideline/ is the default
    expect((await run(["check"])).stdout).toBe(stdout);
  });

  it("exits 1 on a guideline with a typo and prints file:line:col error GLxxxx", async () => {
    const dir = guidelineCopy();
    const file = join(dir, shippedFolder, "cimentoplastie.guideline");
    const text = readFileSync(file, "utf8");
    const lines = text.split("\n");
    const index = lines.findIndex((l) => l.includes("when labs.platelets > seuil.plaquettes"));
    expect(index, `the test expects the rule on platelets in ${shippedFolder}/cimentoplastie.guideline`).toBeGreaterThanOrEqual(0);
    const column = (lines[index] ?? "").indexOf("labs.platelets") + 1;
    lines[index] = (lines[index] ?? "").replace("labs.platelets", "labs.platelet");
    writeFileSync(file, lines.join("\n"));

    const { code, stdout, stderr } = await run(["check", shippedFolder], { cwd: dir });
    expect(code).toBe(1);
    // One typo; examples written in the guideline that use the fact may add errors of their own.
    expect(stdout).toMatch(/^[1-9]\d* error\(s\), \d+ warning\(s\)/);
    expect(stderr).toMatch(/^\S+\.guideline:\d+:\d+ error GL\d{4} /m);
    expect(stderr).toContain(
      `${shippedFolder}/cimentoplastie.guideline:${index + 1}:${column} error GL2001 unknown fact \`labs.platelet\``,
    );
    expect(stderr).toContain("did you mean `labs.platelets`?");
  });

  it("exits 1 on a syntax error, with its position", async () => {
    const dir = guidelineCopy();
    const file = join(dir, shippedFolder, "cimentoplastie.guideline");
    const lines = readFileSync(file, "utf8").split("\n");
    const index = lines.findIndex((l) => l.startsWith("rule saignement.tp"));
    expect(index).toBeGreaterThanOrEqual(0);
    lines[index] = (lines[index] ?? "").replace(/^rule/, "rul");
    writeFileSync(file, lines.join("\n"));
    const { code, stderr } = await run(["check", shippedFolder], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^${shippedFolder}/cimentoplastie\\.guideline:${index + 1}:1 error GL1\\d{3} `, "m"));
  });

  it("prints the verdict relevance figure: rules that feed the verdict, those that cannot change it, those accepted", async () => {
    const shipped = await run(["check"]);
    expect(shipped.stdout).toMatch(
      /^verdict relevance: \d+ of \d+ rules that feed the verdict can change it; \d+ cannot \(\d+ accepted with a reason\)$/m,
    );
    const fixture = "test/fixtures/analysis/GL3012-verdict-irrelevant-rule.guideline";
    const flagged = await run(["check", fixture]);
    expect(flagged.code).toBe(0);
    expect(flagged.stderr).toContain(`${fixture}:30:1 warning GL3012 the rule \`indication.lesion-volumineuse\` never changes the verdict`);
    expect(flagged.stdout).toContain(
      "verdict relevance: 1 of 2 rules that feed the verdict can change it; 1 cannot (0 accepted with a reason)\n",
    );
    const dir = tempDir();
    cpSync(join(root, "test/fixtures/analysis/source.txt"), join(dir, "source.txt"));
    writeFileSync(
      join(dir, "fixture.guideline"),
      `${readFileSync(join(root, fixture), "utf8")}\naccept GL3012 for indication.lesion-volumineuse because "Essai."\n`,
    );
    const accepted = await run(["check", "fixture.guideline"], { cwd: dir });
    expect(accepted.stderr).toBe("");
    expect(accepted.stdout).toContain(
      "verdict relevance: 1 of 2 rules that feed the verdict can change it; 1 cannot (1 accepted with a reason)\n",
    );
    expect(accepted.stdout).toContain("accepted GL3012 for indication.lesion-volumineuse (fixture.guideline:");
    // Three checks, the first of every edition (two once a new edition is started), beside the file's other concurrent tests.
  }, 180_000);

  it("exits 2 on a missing path", async () => {
    const { code, stderr } = await run(["check", "no-such-folder"]);
    expect(code).toBe(2);
    expect(stderr).toContain("no-such-folder");
  });
});

describe.concurrent("guideline compile", () => {
  it("writes pack.json, facts.schema.json, facts.d.ts and the standalone validators byte-identical to generated/", async () => {
    // The generatedBy banner names no folder, so output is the same wherever the sources live.
    const dir = guidelineCopy();
    const { code, stdout, stderr } = await run(["compile", shippedFolder, "--out", "out"], { cwd: dir });
    const warnings = expectOnlyPendingWarnings(stderr);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^0 error\\(s\\), ${warnings} warning\\(s\\);`));
    expect(stdout).toContain("wrote out/pack.json, out/facts.schema.json, out/facts.d.ts");
    for (const name of ["pack.json", "facts.schema.json", "facts.d.ts", "pack.validate.cjs", "facts.validate.cjs"]) {
      const written = readFileSync(join(dir, "out", name));
      const expected = readFileSync(join(generated, name));
      expect(written.equals(expected), `out/${name} differs from generated/${name}`).toBe(true);
    }
    const pack = JSON.parse(readFileSync(join(dir, "out", "pack.json"), "utf8")) as { generatedBy: string };
    expect(pack.generatedBy).toMatch(/from the guideline sources — do not edit$/);
  });

  it("writes nothing when the guideline has errors", async () => {
    const dir = guidelineCopy();
    const file = join(dir, shippedFolder, "cimentoplastie.guideline");
    writeFileSync(file, readFileSync(file, "utf8").replace("when labs.platelets >", "when labs.platelet >"));
    const { code } = await run(["compile", shippedFolder, "--out", "out"], { cwd: dir });
    expect(code).toBe(1);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

describe.concurrent("guideline evaluate", () => {
  it("prints a French report for the example patient", async () => {
    const { code, stdout, stderr } = await run(["evaluate", "examples/patient-vertebra.json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    // The verdict depends on the whole guideline, which grows: the line must state the runtime's verdict.
    const report = await evaluate(JSON.parse(readFileSync(example, "utf8")), readPack(join(generated, "pack.json")));
    // The headline first: the verdict and readiness, then the question and the conclusion.
    expect(lines[0]).toBe(`>> ${report.headline}`);
    expect(lines[0]).toContain(report.verdictLabel);
    expect(lines[2]).toBe(report.verdictQuestion);
    expect(lines[3]).toBe(`Conclusion : ${report.verdictLabel} [${report.verdict}]`);
    expect(lines[3]).toMatch(/^Conclusion : .+ \[[a-z-]+\]$/);
    expect(stdout).toContain(`[${report.readiness.status}]`);
    // Each precondition on its line, with its status and the patient's value.
    for (const p of report.preconditions) expect(lines.some((line) => line.startsWith(`  - ${p.label} : remplie (patient : `))).toBe(true);
    // procedure date 2026-12-14, clopidogrel stopped 5 days before
    // The drug is named by its INN or by its label ("Clopidogrel"), depending on the renderer.
    // The stop date (procedure date 2026-12-14 minus 5 days), written as a reader writes it.
    expect(stdout).toMatch(/^ {2}- clopidogrel : arrêter 5 jours avant le geste.*09\/12\/2026/im);
    expect(stdout).toMatch(/clopidogrel : arrêter 5 jours avant le geste/i);
    expect(stdout).toMatch(/^ {2}- aspirin[e]? : peut être poursuivi/im);
    expect(lines).toContain("  Toutes ces modifications se feront en accord avec l'équipe d'anesthésie et le prescripteur.");
  });

  it("reads the facts from stdin with -", async () => {
    const fromFile = await run(["evaluate", "examples/patient-vertebra.json"]);
    const fromStdin = await run(["evaluate", "-"], { input: readFileSync(example, "utf8") });
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  it("--json prints the report as JSON", async () => {
    const { code, stdout, stderr } = await run(["evaluate", "examples/patient-vertebra.json", "--json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    for (const key of ["verdict", "findings", "preconditions", "medicationPlan", "recommendations", "missing"])
      expect(report).toHaveProperty(key);
    expect(typeof report.verdict).toBe("string");
    for (const key of ["findings", "preconditions", "medicationPlan", "recommendations", "missing"])
      expect(Array.isArray(report[key]), key).toBe(true);
    const preconditions = new Map((report.preconditions as { rule: string; status: string }[]).map((p) => [p.rule, p.status]));
    expect(preconditions.get("saignement.plaquettes")).toBe("met");
    expect(preconditions.get("saignement.tp")).toBe("met");
    expect((report.medicationPlan as { drug: string; action: string; date?: string }[]).map((e) => [e.drug, e.action, e.date])).toEqual([
      ["clopidogrel", "stop", "2026-12-09"],
      ["aspirin", "continue", undefined],
    ]);
    expect(report).toEqual(
      JSON.parse(JSON.stringify(await evaluate(JSON.parse(readFileSync(example, "utf8")), readPack(join(generated, "pack.json"))))),
    );
  });

  describe("invalid facts", () => {
    const bad = {
      labs: { platelet: 120000, prothrombinActivityPercent: "high" },
      patient: { severeCoagulopathy: "yes" },
      medications: [{ name: "aspirin", dailyDoseMg: -1 }],
    };
    const file = () => {
      const path = join(tempDir(), "bad.json");
      writeFileSync(path, JSON.stringify(bad));
      return path;
    };

    it("exit 1, every problem on stderr as `$.path: GLxxxx ...`, nothing on stdout", async () => {
      const { code, stdout, stderr } = await run(["evaluate", file()]);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      const problems = stderr
        .split("\n")
        .filter((l) => /^\s+\$/.test(l))
        .map((l) => l.trim());
      expect(problems.length).toBe(4);
      for (const p of problems) expect(p).toMatch(/^\$[\w.[\]]*: GL\d{4} /);
      expect(stderr).toContain("$.labs.platelet: GL5002 unknown fact `labs.platelet` — did you mean `labs.platelets`?");
      expect(stderr).toMatch(/\$\.labs\.prothrombinActivityPercent: GL5011 /);
      expect(stderr).toMatch(/\$\.patient\.severeCoagulopathy: GL5001 /);
      expect(stderr).toMatch(/\$\.medications\[0\]\.dailyDoseMg: GL5012 /);
    });

    it("with --json, stdout is only an {error} object", async () => {
      const { code, stdout, stderr } = await run(["evaluate", file(), "--json"]);
      expect(code).toBe(1);
      const parsed = JSON.parse(stdout) as { error: { kind: string; errors: { path: string; code: string }[] } };
      expect(Object.keys(parsed)).toEqual(["error"]);
      expect(parsed.error.kind).toBe("invalid-facts");
      expect(parsed.error.errors.map((e) => `${e.path} ${e.code}`).sort()).toEqual([
        "$.labs.platelet GL5002",
        "$.labs.prothrombinActivityPercent GL5011",
        "$.medications[0].dailyDoseMg GL5012",
        "$.patient.severeCoagulopathy GL5001",
      ]);
      expect(stderr).toMatch(/\$\.labs\.platelet: GL5002 /);
    });

    it("values the schema accepts but the runtime rejects (range, unit, date) are also exit 1", async () => {
      const cases: [unknown, string, string][] = [
        [{ labs: { platelets: { value: 5000, unit: "10*9/L" } } }, "$.labs.platelets", "GL5004"],
        [{ labs: { prothrombinActivityPercent: { value: 1, unit: "kg" } } }, "$.labs.prothrombinActivityPercent.unit", "GL5010"],
        [{ medications: [{ name: "aspirin", dailyDoseMg: { value: 1, unit: "kg" } }] }, "$.medications[0].dailyDoseMg.unit", "GL5003"],
        [{ procedure: { date: "2026-02-30" } }, "$.procedure.date", "GL5006"],
      ];
      for (const [facts, path, gl] of cases) {
        const { code, stdout, stderr } = await run(["evaluate", "-"], { input: JSON.stringify(facts) });
        expect(code).toBe(1);
        expect(stdout).toBe("");
        expect(stderr).toContain(`  ${path}: ${gl} `);
      }
    });

    it("a file that is not JSON is exit 1", async () => {
      const { code, stdout } = await run(["evaluate", "-"], { input: "{ not json" });
      expect(code).toBe(1);
      expect(stdout).toBe("");
    });
  });

  it("an unknown command is exit 2", async () => {
    const { code, stdout, stderr } = await run(["frobnicate"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("unknown command frobnicate");
    expect(stderr).toContain("usage: guideline");
  });

  it("an unknown option and a missing facts file are exit 2", async () => {
    expect((await run(["evaluate", "examples/patient-vertebra.json", "--yaml"])).code).toBe(2);
    expect((await run(["evaluate", "no-such-patient.json"])).code).toBe(2);
  });

  it("--pack pointing to a missing file is exit 3", async () => {
    const missing = join(tempDir(), "missing.json");
    const { code, stdout, stderr } = await run(["evaluate", "examples/patient-vertebra.json", "--pack", missing]);
    expect(code).toBe(3);
    expect(stdout).toBe("");
    expect(stderr).toContain("cannot read");
    expect(stderr).toContain(missing);
  });

  it("a hand-edited pack with a `path` in a condition is exit 3", async () => {
    const pack = JSON.parse(readFileSync(join(generated, "pack.json"), "utf8")) as {
      rules: { conditions: { all: Record<string, unknown>[] } }[];
    };
    const leaf = pack.rules[0]?.conditions.all[0];
    expect(leaf).toBeDefined();
    if (leaf) leaf.path = "$..[?(@.constructor)]";
    const file = join(tempDir(), "pack.json");
    writeFileSync(file, JSON.stringify(pack));
    const { code, stdout, stderr } = await run(["evaluate", "examples/patient-vertebra.json", "--pack", file]);
    expect(code).toBe(3);
    expect(stdout).toBe("");
    expect(stderr).toContain("the rule pack is not valid");
    // and the same with --ndjson
    expect((await run(["evaluate", "--ndjson", "--pack", file], { input: "{}\n" })).code).toBe(3);
  });

  it("--pack with an unmodified copy of the pack gives the same report, with --unsigned and a warning", async () => {
    const file = join(tempDir(), "pack.json");
    cpSync(join(generated, "pack.json"), file);
    const unsigned = await run(["evaluate", "examples/patient-vertebra.json", "--pack", file, "--unsigned"]);
    expect(unsigned.stdout).toBe((await run(["evaluate", "examples/patient-vertebra.json"])).stdout);
    expect(unsigned.stderr).toContain("warning GL5047");
  });
});

// ---------------------------------------------------------------------------
// NDJSON streaming
// ---------------------------------------------------------------------------

/** mulberry32: a small seeded PRNG, so the stream is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface PackFactLite {
  readonly path: string;
  readonly type: string;
  readonly values?: readonly string[];
}
/** The pack's facts: the yes/no and enum facts are filled generically, so the stream covers every rule. */
const packFacts = (JSON.parse(readFileSync(join(generated, "pack.json"), "utf8")) as { facts: PackFactLite[] }).facts;
const handledFacts = new Set([
  "procedure.date",
  "patient.severeCoagulopathy",
  "labs.platelets",
  "labs.prothrombinActivityPercent",
  "medications",
]);

function setPath(facts: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split(".");
  let node = facts;
  for (const segment of segments.slice(0, -1)) node = (node[segment] ??= {}) as Record<string, unknown>;
  node[segments[segments.length - 1] as string] = value;
}

function patient(random: () => number): Record<string, unknown> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const facts: Record<string, unknown> = {};
  for (const fact of packFacts) {
    if (handledFacts.has(fact.path)) continue;
    const r = random();
    if (fact.type === "boolean" && r < 0.7) setPath(facts, fact.path, r < 0.12);
    else if (fact.type === "enum" && fact.values && r < 0.7) setPath(facts, fact.path, pick(fact.values));
  }
  const r = random();
  if (r < 0.5)
    setPath(
      facts,
      "procedure.date",
      `2026-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`,
    );
  else if (r < 0.65)
    setPath(facts, "procedure.date", pick(["2026-12-14T08:30:00+01:00", "2026-03-01T00:15:00Z", "2027-01-02T23:59:59.5-05:00"]));
  else if (r < 0.7) setPath(facts, "procedure.date", null);
  else if (r < 0.75) facts.procedure ??= {};
  const coag = random();
  if (coag < 0.1) setPath(facts, "patient.severeCoagulopathy", true);
  else if (coag < 0.7) setPath(facts, "patient.severeCoagulopathy", false);
  else if (coag < 0.75) setPath(facts, "patient.severeCoagulopathy", null);
  const labs: Record<string, unknown> = {};
  const p = random();
  if (p < 0.4) labs.platelets = Math.round(random() * 400_000);
  else if (p < 0.55) labs.platelets = { value: Math.round(random() * 4000) / 10, unit: "10*9/L" };
  else if (p < 0.6) labs.platelets = { value: Math.round(random() * 400), unit: "10*3/uL" };
  else if (p < 0.7) labs.platelets = pick([50_000, 50_001, 49_999, { value: 50, unit: "10*9/L" }]);
  else if (p < 0.75) labs.platelets = null;
  const tp = random();
  if (tp < 0.5) labs.prothrombinActivityPercent = Math.round(random() * 1200) / 10;
  else if (tp < 0.6) labs.prothrombinActivityPercent = { value: Math.round(random() * 120), unit: "%" };
  else if (tp < 0.7) labs.prothrombinActivityPercent = pick([50, 50.1, 49.9, { value: 50, unit: "%" }]);
  if (Object.keys(labs).length || random() < 0.2) facts.labs = { ...(facts.labs as object | undefined), ...labs };
  const m = random();
  if (m < 0.65) {
    const drugs = [
      () => ({ name: "clopidogrel", dailyDoseMg: 75 }),
      () => ({ name: "Clopidogrel", atc: "B01AC04" }),
      () => ({ name: "aspirin", dailyDoseMg: pick([75, 100, 159.9, 160, 300]) }),
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
    facts.medications = Array.from({ length: Math.floor(random() * 5) }, () => pick(drugs)());
  } else if (m < 0.7) {
    facts.medications = null;
  }
  return facts;
}

interface BadLine {
  readonly text: string;
  /** "not-json", or the GL code of the first error. */
  readonly expect: string;
}

const badLines: readonly BadLine[] = [
  { text: '{"labs": {"platelets": 120000', expect: "not-json" },
  { text: '{"labs": {"platelet": 120000}}', expect: "GL5002" },
  { text: '{"lab": {"platelets": 120000}}', expect: "GL5002" },
  { text: '{"labs": {"platelets": "high"}}', expect: "GL5011" },
  { text: '{"patient": {"severeCoagulopathy": "yes"}}', expect: "GL5001" },
  { text: '{"medications": {"name": "aspirin"}}', expect: "GL5001" },
  { text: '{"medications": [{"name": "aspirin", "dose": 75}]}', expect: "GL5002" },
  { text: '{"medications": [{"dailyDoseMg": 75}]}', expect: "GL5014" },
  { text: "not json at all", expect: "not-json" },
  { text: '{"labs": {"platelets": {"value": 5000, "unit": "10*9/L"}}}', expect: "GL5004" },
  { text: '{"labs": {"prothrombinActivityPercent": {"value": 1, "unit": "kg"}}}', expect: "GL5010" },
  { text: '{"procedure": {"date": "2026-02-30"}}', expect: "GL5006" },
  { text: "[]", expect: "GL5001" },
  { text: "42", expect: "GL5001" },
  { text: "{} trailing", expect: "not-json" },
];

interface StreamLine {
  readonly text: string;
  readonly kind: "valid" | "invalid" | "blank";
  readonly expect?: string;
}

/** `count` lines: every 7th invalid, some blank, the rest valid patients. */
function ndjsonStream(count: number, seed: number): StreamLine[] {
  const random = prng(seed);
  const lines: StreamLine[] = [];
  for (let n = 1; n <= count; n++) {
    if (n % 7 === 0) {
      const bad = badLines[(n / 7 - 1) % badLines.length] as BadLine;
      lines.push({ text: bad.text, kind: "invalid", expect: bad.expect });
    } else if (n % 97 === 0) {
      lines.push({ text: n % 2 ? "" : "  \t ", kind: "blank" });
    } else {
      const text = JSON.stringify(patient(random));
      lines.push({ text: n % 53 === 0 ? `  ${text} ` : text, kind: "valid" });
    }
  }
  return lines;
}

type ErrorLine = { error: { kind: string; line?: number; errors?: { code: string }[] }; line?: number };

describe("guideline evaluate --ndjson", () => {
  const count = 10_000;
  const stream = ndjsonStream(count, 20_261_214);

  it("gives one output line per input line, in order, equal to evaluate() for valid lines", async () => {
    expect(stream.filter((l) => l.kind === "invalid").length).toBe(Math.floor(count / 7));
    expect(stream.filter((l) => l.kind === "blank").length).toBeGreaterThan(50);

    const started = performance.now();
    let elapsed = 0;
    const cli = run(["evaluate", "--ndjson"], { input: `${stream.map((l) => l.text).join("\n")}\n` }).then((result) => {
      elapsed = performance.now() - started;
      return result;
    });
    // While the CLI runs, evaluate the same lines in process (the awaits let the child's output drain).
    const pack = readPack(join(generated, "pack.json"));
    const expected: (string | { errors: unknown } | undefined)[] = [];
    for (const [i, line] of stream.entries()) {
      // evaluate() settles in microtasks: give the event loop a turn now and then, so the
      // child's stdin is fed and its stdout drained meanwhile.
      if (i % 50 === 0) await new Promise((resolveTurn) => setImmediate(resolveTurn));
      if (line.kind === "blank") expected.push(undefined);
      else if (line.kind === "invalid" && line.expect === "not-json") expected.push(undefined);
      else {
        expected.push(
          await evaluate(JSON.parse(line.text), pack).then(
            (report) => JSON.stringify(report),
            (error: unknown) => {
              if (!(error instanceof InvalidFactsError)) throw error;
              return { errors: JSON.parse(JSON.stringify(error.errors)) as unknown };
            },
          ),
        );
      }
    }
    const { code, stdout, stderr } = await cli;
    expect(stderr).toBe("");
    expect(code, "exit 1 when a line failed").toBe(1);
    expect(stdout.endsWith("\n")).toBe(true);
    const outputs = stdout.slice(0, -1).split("\n");
    expect(outputs.length).toBe(count);

    let valid = 0;
    for (const [i, line] of stream.entries()) {
      const number = i + 1;
      const output = outputs[i] ?? "";
      if (line.kind === "blank") {
        expect(output, `line ${number}`).toBe("");
        continue;
      }
      if (line.kind === "invalid") {
        const parsed = JSON.parse(output) as ErrorLine;
        expect(parsed, `line ${number}: ${line.text}`).toHaveProperty("error");
        // Wherever the line number is put (see the next test), it must be the right one.
        expect(parsed.line ?? parsed.error.line, `line ${number}: ${line.text}`).toBe(number);
        if (line.expect === "not-json") {
          expect(parsed.error.kind, `line ${number}`).toBe("not-json");
        } else {
          expect(parsed.error.kind, `line ${number}`).toBe("invalid-facts");
          expect(parsed.error.errors?.[0]?.code, `line ${number}: ${line.text}`).toBe(line.expect);
          // the same errors as evaluate() throws in-process
          const thrown = expected[i];
          expect(typeof thrown, `line ${number}: evaluate() did not throw`).toBe("object");
          expect(parsed.error.errors).toEqual((thrown as { errors: unknown }).errors);
        }
        continue;
      }
      const report = expected[i];
      expect(typeof report, `line ${number}: evaluate() threw ${JSON.stringify(report)}`).toBe("string");
      if (output !== report) expect(JSON.parse(output), `line ${number}: ${line.text}`).toEqual(JSON.parse(report as string));
      expect(output, `line ${number}: same key order too`).toBe(report);
      valid++;
    }
    expect(valid).toBeGreaterThan(8000);
    // Not a benchmark (see bench/throughput.mjs), but 10 000 lines must not take minutes.
    expect(elapsed, `the stream took ${Math.round(elapsed)} ms`).toBeLessThan(60_000);
  }, 180_000);

  it("the varied patients give varied reports", async () => {
    const pack = readPack(join(generated, "pack.json"));
    const verdicts = new Set<string>();
    const statuses = new Set<string>();
    const actions = new Set<string>();
    for (const line of stream.slice(0, 2000)) {
      if (line.kind !== "valid") continue;
      const report = await evaluate(JSON.parse(line.text), pack);
      verdicts.add(report.verdict);
      for (const p of report.preconditions) statuses.add(p.status);
      for (const e of report.medicationPlan) actions.add(e.action);
    }
    expect(verdicts.has("incomplete")).toBe(true);
    expect(verdicts.size).toBeGreaterThanOrEqual(3);
    expect([...statuses].sort()).toEqual(["met", "unknown", "unmet"]);
    expect([...actions].sort()).toEqual(["bridge", "continue", "refer", "stop", "unknown"]);
  });

  it('a bad line gives {"error": {...}, "line": N}, the line number at the top level for every kind of bad line', async () => {
    const input = badLines.map((b) => b.text);
    const { code, stdout } = await run(["evaluate", "--ndjson"], { input: `${input.join("\n")}\n` });
    expect(code).toBe(1);
    const outputs = stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as ErrorLine);
    expect(outputs.length).toBe(badLines.length);
    for (const [i, output] of outputs.entries()) {
      expect(output, `line ${i + 1}: ${badLines[i]?.text}`).toMatchObject({ error: expect.any(Object) as unknown, line: i + 1 });
    }
  });

  it("blank lines are echoed, CRLF is accepted, a missing final newline is fine, and all-valid input is exit 0", async () => {
    const facts = readFileSync(example, "utf8").replace(/\s*\n\s*/g, " ");
    const { code, stdout } = await run(["evaluate", "--ndjson"], { input: `${facts}\r\n\r\n   \n${facts}` });
    expect(code).toBe(0);
    const outputs = stdout.split("\n");
    expect(outputs.length).toBe(5);
    expect(outputs[1]).toBe("");
    expect(outputs[2]).toBe("");
    expect(outputs[4]).toBe("");
    expect(outputs[0]).toBe(outputs[3]);
    const report = await evaluate(JSON.parse(facts), readPack(join(generated, "pack.json")));
    expect(outputs[0]).toBe(JSON.stringify(report));
    const empty = await run(["evaluate", "--ndjson"], { input: "" });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe("");
  });
});

/** Runs the built CLI through `sh` with a file-size limit of `kib` KiB (`ulimit -f`) and standard output sent to `stdoutFile`. */
function runLimited(args: readonly string[], options: { cwd: string; kib?: number; stdoutFile?: string }): Promise<Run> {
  const quoted = [process.execPath, cli, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const limit = options.kib === undefined ? "" : `ulimit -f ${options.kib}; `;
  const redirect = options.stdoutFile === undefined ? "" : ` > '${options.stdoutFile}'`;
  return collect(spawn("sh", ["-c", `${limit}exec ${quoted}${redirect}`], { cwd: options.cwd, env: cliEnvironment }));
}

/** Every file under `dir` (relative path → content), hidden temporary files included. */
function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[relative(dir, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name), "utf8");
  }
  return out;
}

/** A user error has one line per problem, with its code, and no stack trace. */
function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain("internal error");
  expect(stderr).not.toContain("node:");
}

describe.concurrent("input and output failures are user errors: a code, exit 74, no stack trace, nothing half-written", () => {
  it("standard output that cannot be written (> /dev/full) is GL7001", async () => {
    if (!existsSync("/dev/full")) return;
    for (const args of [["help"], ["check"], ["evaluate", example]]) {
      const result = await runLimited(args, { cwd: root, stdoutFile: "/dev/full" });
      expect(result.stderr, args.join(" ")).toMatch(
        /^guideline: error GL7001 standard output cannot be written \(ENOSPC, [^)]+\): the output is incomplete$/m,
      );
      expectNoStackTrace(result.stderr);
      expect(result.code, args.join(" ")).toBe(74);
    }
  });

  it("an --out whose path runs through a file is GL7004, and nothing is created", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "not a folder");
    for (const command of ["compile", "rulebook"]) {
      const { code, stderr } = await run([command, join(root, shippedFolder), "--out", join(dir, "file", "out")], { cwd: dir });
      expect(stderr).toMatch(
        /^guideline: error GL7004 `[^`]*file\/out[^`]*` cannot be written: a part of its path is a file, not a folder \(ENOTDIR\); nothing was changed$/m,
      );
      expectNoStackTrace(stderr);
      expect(code).toBe(74);
    }
    expect(filesUnder(dir)).toEqual({ file: "not a folder" });
  });

  it("an --out where writing is not permitted is GL7002", async () => {
    // As root, permissions do not stop a write: /sys refuses new folders to everyone.
    const forbidden = process.getuid?.() === 0 ? "/sys/guideline-out" : join(tempDir(), "locked", "out");
    if (forbidden.startsWith("/sys") && !existsSync("/sys")) return;
    if (!forbidden.startsWith("/sys")) {
      const locked = join(forbidden, "..");
      mkdirSync(locked);
      chmodSync(locked, 0o500);
    }
    const { code, stderr } = await run(["compile", shippedFolder, "--out", forbidden]);
    expect(stderr).toMatch(
      /^guideline: error GL7002 `[^`]+` cannot be written: permission denied \((EACCES|EPERM)\); nothing was changed$/m,
    );
    expectNoStackTrace(stderr);
    expect(code).toBe(74);
  });

  it("a file-size limit reached while writing the rulebook or a validator leaves the previous pack and rulebook as they were (GL7006)", async () => {
    const dir = tempDir();
    const out = join(dir, "out");
    cpSync(generated, out, { recursive: true });
    // The previous outputs: distinguishable from what the compiler writes now.
    for (const name of ["pack.json", "facts.schema.json", "facts.d.ts", "pack.validate.cjs", "facts.validate.cjs", "rulebook/index.html"])
      writeFileSync(join(out, name), `previous ${name}\n`);
    const before = filesUnder(out);
    const packSize = readFileSync(join(generated, "pack.json")).length;
    const rulebookSize = readFileSync(join(generated, "rulebook", "index.html")).length;
    expect(rulebookSize).toBeGreaterThan(packSize + 4096);
    // Room for the pack, not for the rulebook.
    const kib = Math.ceil(packSize / 1024) + 2;
    const { code, stderr } = await runLimited(["compile", join(root, shippedFolder), "--out", out], { cwd: dir, kib });
    // The rulebook and the pack-schema validator are both larger than the pack: either is refused first.
    expect(stderr).toMatch(
      /^guideline: error GL7006 `out\/(?:rulebook\/index\.html|pack\.validate\.cjs)` cannot be written: the file would exceed this process's file size limit \(EFBIG\); nothing was changed$/m,
    );
    expectNoStackTrace(stderr);
    expect(code).toBe(74);
    expect(filesUnder(out)).toEqual(before);
  });

  it("fmt that cannot write one file rewrites none of them (GL7006)", async () => {
    const dir = guidelineCopy();
    const { current } = JSON.parse(readFileSync(join(dir, "guideline", "editions.json"), "utf8")) as { current: number };
    const folder = join(dir, "guideline", String(current));
    const files = readdirSync(folder).filter((f) => f.endsWith(".guideline"));
    // Blank lines at the end: every file is out of canonical form, and fmt would rewrite them all.
    for (const f of files) writeFileSync(join(folder, f), `${readFileSync(join(folder, f), "utf8")}\n\n\n`);
    const before = filesUnder(folder);
    const sizes = files.map((f) => readFileSync(join(folder, f)).length);
    // Room for the smallest file, not for the largest.
    const kib = Math.floor(Math.max(...sizes) / 1024) - 1;
    expect(Math.min(...sizes)).toBeLessThan(kib * 1024);
    const { code, stderr } = await runLimited(["fmt"], { cwd: dir, kib });
    expect(stderr).toMatch(/^guideline: error GL7006 `guideline\/\d{4}\/[^`]+\.guideline` cannot be written: .*; nothing was changed$/m);
    expectNoStackTrace(stderr);
    expect(code).toBe(74);
    expect(filesUnder(folder)).toEqual(before);
  });

  it("new-edition that cannot copy the edition leaves no new folder and editions.json as it was", async () => {
    const dir = guidelineCopy();
    const before = filesUnder(join(dir, "guideline"));
    const { code, stderr } = await runLimited(["new-edition", nextEdition], { cwd: dir, kib: 8 });
    expect(stderr).toMatch(/^guideline: error GL7006 /m);
    expectNoStackTrace(stderr);
    expect(code).toBe(74);
    expect(filesUnder(join(dir, "guideline"))).toEqual(before);
    expect(existsSync(join(dir, "guideline", nextEdition))).toBe(false);
  });

  it("a .guideline entry that cannot be read is GL7009", async () => {
    const dir = tempDir();
    cpSync(join(root, shippedFolder), join(dir, "2019"), { recursive: true });
    mkdirSync(join(dir, "2019", "folder.guideline"));
    const { code, stderr } = await run(["check", "2019"], { cwd: dir });
    expect(stderr).toMatch(
      /^guideline: error GL7009 `2019\/folder\.guideline` cannot be read: the system reports EISDIR, illegal operation on a directory$/m,
    );
    expectNoStackTrace(stderr);
    expect(code).toBe(74);
  });

  it("a write interrupted between two renames is completed by the next compile, which says so (GL7008)", async () => {
    const { WriteGroup } = await import("../src/io/atomic-write.js");
    const dir = tempDir();
    const out = join(dir, "out");
    cpSync(generated, out, { recursive: true });
    // Stage new files, then make the commit fail after its first rename: the journal stays.
    const group = new WriteGroup(out);
    group.stageFile(join(out, "facts.d.ts"), "interrupted facts.d.ts\n");
    group.stageFile(join(out, "pack.json"), "interrupted pack.json\n");
    rmSync(join(out, "pack.json"));
    mkdirSync(join(out, "pack.json", "obstacle"), { recursive: true });
    expect(() => {
      group.commit();
    }).toThrow();
    rmSync(join(out, "pack.json"), { recursive: true });
    const { code, stderr } = await run(["compile", join(root, shippedFolder), "--out", out], { cwd: dir });
    expect(stderr).toMatch(
      /^guideline: warning GL7008 an interrupted write of 1 file\(s\) under `out` was found and completed before this one$/m,
    );
    expect(code).toBe(0);
    expect(filesUnder(out)).toEqual(filesUnder(generated));
  });
});
