import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/runtime/evaluate.js";
import { bundledEditions, defaultPack, editionPack } from "../../src/runtime/load-pack.js";
import type { Report } from "../../src/runtime/report.js";
import { InvalidPackError } from "../../src/pack/invalid-pack-error.js";
import { repoRoot, shippedEditions } from "../support/compile-guideline.js";

const cli = join(repoRoot, "dist", "cli", "guideline.js");
const run = async (args: string[], cwd: string) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], { cwd, env: { ...process.env, TZ: "UTC" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

/** The current edition, as guideline/editions.json names it (the tests follow it, whatever its year). */
const current = shippedEditions.current;
/** A year that is no edition. */
const absent = 1999;

/**
 * A scratch project holding the small fictitious guideline of `test/fixtures/editions/2019` as its
 * only edition, 2019 (the fixture's numbers, not the live guideline's).
 */
function scratchProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "guideline-editions-"));
  mkdirSync(join(dir, "guideline"));
  cpSync(join(repoRoot, "test", "fixtures", "editions", "2019"), join(dir, "guideline", "2019"), { recursive: true });
  writeFileSync(join(dir, "guideline", "editions.json"), '{\n  "current": 2019,\n  "editions": [2019]\n}\n');
  return dir;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

describe("editions side by side", () => {
  it("generated/ holds every edition's pack, and the runtime uses the current one of guideline/editions.json by default", async () => {
    const index = bundledEditions();
    expect(index.current).toBe(current);
    expect([...index.editions]).toEqual([...shippedEditions.editions]);
    for (const year of index.editions) expect(existsSync(join(repoRoot, "generated", String(year), "pack.json"))).toBe(true);
    expect(defaultPack()).toBe(editionPack(current));
    const report = await evaluate({});
    expect(report.guideline).toMatchObject({ edition: current, contentHash: editionPack(current).guideline.contentHash });
  });

  it("an edition that was not compiled is refused with a clear error", () => {
    expect(() => editionPack(absent)).toThrow(InvalidPackError);
    expect(() => editionPack(absent)).toThrow(`there is no edition ${String(absent)} (editions: ${shippedEditions.editions.join(", ")})`);
  });

  it("`guideline evaluate --edition` picks an edition; each report names it", async () => {
    for (const year of shippedEditions.editions) {
      const { code, stdout } = await run(["evaluate", "examples/patient-vertebra.json", "--json", "--edition", String(year)], repoRoot);
      expect(code).toBe(0);
      expect((JSON.parse(stdout) as Report).guideline.edition).toBe(year);
    }
    const missing = await run(["evaluate", "examples/patient-vertebra.json", "--edition", String(absent)], repoRoot);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain(`there is no edition ${String(absent)}`);
  });
});

describe("the package's stable names follow the current edition", () => {
  const require = createRequire(join(repoRoot, "package.json"));
  const generated = join(repoRoot, "generated");

  it("generated/current/ is a byte-for-byte copy of the current edition's files (not its rulebook)", () => {
    const files = readdirSync(join(generated, "current")).sort();
    const edition = readdirSync(join(generated, String(current)), { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
    expect(files).toEqual(edition);
    expect(files).toEqual(expect.arrayContaining(["pack.json", "facts.schema.json", "facts.d.ts"]));
    for (const file of files)
      expect(readFileSync(join(generated, "current", file)), file).toEqual(readFileSync(join(generated, String(current), file)));
  });

  it("`guideline-kb/pack.json`, `facts.schema.json` and the validators resolve to the current edition's files, `editions/<year>/…` to each edition's", () => {
    for (const name of ["pack.json", "facts.schema.json", "pack.validate.cjs", "facts.validate.cjs"]) {
      const resolved = require.resolve(`guideline-kb/${name}`);
      expect(resolved).toBe(join(generated, "current", name));
      expect(readFileSync(resolved)).toEqual(readFileSync(join(generated, String(current), name)));
    }
    for (const year of shippedEditions.editions)
      expect(require.resolve(`guideline-kb/editions/${String(year)}/pack.json`)).toBe(join(generated, String(year), "pack.json"));
    const pack = require("guideline-kb/pack.json") as { guideline: { edition: number } };
    expect(pack.guideline.edition).toBe(current);
  });

  it("TypeScript resolves `guideline-kb/facts` to the current edition's facts types, and `guideline-kb/editions/<year>/facts` to that edition's", () => {
    const options = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
    const from = join(repoRoot, "test", "consumer.ts");
    const resolve = (name: string) => ts.resolveModuleName(name, from, options, ts.sys).resolvedModule?.resolvedFileName;
    expect(resolve("guideline-kb/facts")).toBe(join(generated, "current", "facts.d.ts"));
    for (const year of shippedEditions.editions)
      expect(resolve(`guideline-kb/editions/${String(year)}/facts`)).toBe(join(generated, String(year), "facts.d.ts"));
  });

  it("`guideline-kb/current` and `guideline-kb/editions/<year>/evaluate` are each edition's typed entry: its types, its pack, its verdicts", async () => {
    const options = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
    const from = join(repoRoot, "test", "consumer.ts");
    const resolve = (name: string) => ts.resolveModuleName(name, from, options, ts.sys).resolvedModule?.resolvedFileName;
    expect(resolve("guideline-kb/current")).toBe(join(generated, "current", "evaluate.d.ts"));
    const patient = JSON.parse(readFileSync(join(repoRoot, "examples", "patient-vertebra.json"), "utf8")) as unknown;
    for (const [name, year] of [
      ["guideline-kb/current", current],
      ...shippedEditions.editions.map((y) => [`guideline-kb/editions/${String(y)}/evaluate`, y] as const),
    ] as const) {
      if (name !== "guideline-kb/current") expect(resolve(name)).toBe(join(generated, String(year), "evaluate.d.ts"));
      const entry = (await import(name)) as {
        edition: number;
        verdicts: readonly string[];
        evaluate: (facts: unknown) => Promise<Report>;
        evaluateSync: (facts: unknown) => Report;
      };
      expect(entry.edition).toBe(year);
      const pack = editionPack(year);
      expect(entry.verdicts).toEqual([
        ...new Set([...pack.verdict.outcomes.map((o) => o.code), pack.verdict.otherwise.code, "incomplete"]),
      ]);
      const expected = await evaluate(patient, pack);
      expect((await entry.evaluate(patient)).guideline).toEqual(expected.guideline);
      expect(entry.evaluateSync(patient).verdict).toBe(expected.verdict);
      expect(entry.verdicts).toContain(expected.verdict);
    }
  });
});

describe("the yearly workflow on a scratch project: new-edition, diff, mark-current, compile", () => {
  it("`guideline new-edition` starts the next edition from the current one, and `diff` compares them by year", async () => {
    const dir = scratchProject();
    const made = await run(["new-edition", "2020"], dir);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain("started edition 2020 from 2019");
    expect(made.stdout).toContain("guideline mark-current 2020");
    expect(readFileSync(join(dir, "guideline", "2020", "essai.guideline"), "utf8")).toMatch(/^\s*edition 2020$/m);
    expect(readJson(join(dir, "guideline", "editions.json"))).toEqual({ current: 2019, editions: [2019, 2020] });
    expect((await run(["new-edition", "2020"], dir)).code).toBe(2);

    const same = await run(["diff", "2019", "2020"], dir);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("edition 2019 → 2020");
    expect(same.stdout).toContain("no difference");

    const source2020 = join(dir, "guideline", "2020", "essai.guideline");
    writeFileSync(
      source2020,
      readFileSync(source2020, "utf8").replace("threshold seuil.count = 50 000 /mm3", "threshold seuil.count = 60 000 /mm3"),
    );
    const changed = await run(["diff", "2019", "2020"], dir);
    expect(changed.stdout).toContain("seuil.count: 50 000 /mm3 → 60 000 /mm3");

    const compiled = await run(["compile"], dir);
    expect(compiled.code, compiled.stderr).toBe(0);
    expect(compiled.stdout).toContain("== edition 2019 (current)");
    expect(compiled.stdout).toContain("wrote generated/2020/pack.json");
    expect(readJson(join(dir, "generated", "editions.json"))).toMatchObject({ current: 2019, editions: [2019, 2020] });
    expect(readFileSync(join(dir, "generated", "current", "pack.json"))).toEqual(readFileSync(join(dir, "generated", "2019", "pack.json")));
    // The 2020 rulebook has a section of changes since 2019; the 2019 one has none.
    const book2020 = readFileSync(join(dir, "generated", "2020", "rulebook", "index.html"), "utf8");
    expect(book2020).toContain("Changements depuis l&#x27;édition 2019");
    expect(book2020).toMatch(/<code>seuil\.count<\/code><\/a><\/th><td[^>]*>50\u00A0000\/mm³<\/td><td[^>]*>60\u00A0000\/mm³<\/td>/);
    expect(readFileSync(join(dir, "generated", "2019", "rulebook", "index.html"), "utf8")).not.toContain('id="changements"');

    // Marked current, then compiled: the index, the runtime's default and the stable names follow.
    const marked = await run(["mark-current", "2020"], dir);
    expect(marked.code, marked.stderr).toBe(0);
    expect(marked.stdout).toContain("edition 2020 is now current (was 2019)");
    expect(readJson(join(dir, "guideline", "editions.json"))).toEqual({ current: 2020, editions: [2019, 2020] });
    expect((await run(["mark-current", "2020"], dir)).stdout).toContain("edition 2020 is already current");
    expect((await run(["compile"], dir)).code).toBe(0);
    expect(readJson(join(dir, "generated", "editions.json"))).toMatchObject({ current: 2020, editions: [2019, 2020] });
    for (const file of readdirSync(join(dir, "generated", "current")))
      expect(readFileSync(join(dir, "generated", "current", file)), file).toEqual(readFileSync(join(dir, "generated", "2020", file)));
    expect((readJson(join(dir, "generated", "current", "pack.json")) as { guideline: { edition: number } }).guideline.edition).toBe(2020);
  });

  it("`guideline mark-current` refuses an edition the index does not list, and one with errors, and then changes nothing", async () => {
    const dir = scratchProject();
    expect((await run(["new-edition", "2020"], dir)).code).toBe(0);
    const index = readFileSync(join(dir, "guideline", "editions.json"), "utf8");

    const unknown = await run(["mark-current", "2021"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("guideline: error GL7080 2021 is not an edition of `guideline/editions.json` (editions: 2019, 2020)");
    expect(unknown.stderr).toContain("guideline new-edition 2021");

    const source2020 = join(dir, "guideline", "2020", "essai.guideline");
    writeFileSync(source2020, readFileSync(source2020, "utf8").replace("threshold seuil.count", "threshold seuil.cuont"));
    const broken = await run(["mark-current", "2020"], dir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^guideline\/2020\/essai\.guideline:\d+:\d+ error GL\d{4} /m);
    expect(broken.stderr).toContain("guideline: error GL7081 edition 2020 has errors and cannot be made current; nothing was changed");

    expect((await run(["mark-current", "twenty"], dir)).code).toBe(2);
    expect(readFileSync(join(dir, "guideline", "editions.json"), "utf8")).toBe(index);
  });
});
