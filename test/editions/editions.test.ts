import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/runtime/evaluate.js";
import { bundledEditions, defaultPack, editionPack } from "../../src/runtime/load-pack.js";
import type { Report } from "../../src/runtime/report.js";
import { InvalidPackError } from "../../src/pack/invalid-pack-error.js";
import { repoRoot } from "../support/compile-guideline.js";

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

describe("editions side by side", () => {
  it("generated/ holds every edition's pack, and the runtime uses the current one by default", async () => {
    const index = bundledEditions();
    expect(index.current).toBe(2019);
    for (const year of index.editions) expect(existsSync(join(repoRoot, "generated", String(year), "pack.json"))).toBe(true);
    expect(defaultPack()).toBe(editionPack(2019));
    const report = await evaluate({ labs: { platelets: 60_000 } });
    expect(report.guideline).toMatchObject({ edition: 2019, contentHash: editionPack(2019).guideline.contentHash });
  });

  it("an edition that was not compiled is refused with a clear error", () => {
    expect(() => editionPack(1999)).toThrow(InvalidPackError);
    expect(() => editionPack(1999)).toThrow(/there is no edition 1999 \(editions: 2019\)/);
  });

  it("`guideline evaluate --edition` picks an edition; each report names it", async () => {
    const { code, stdout } = await run(["evaluate", "examples/patient-vertebra.json", "--json", "--edition", "2019"], repoRoot);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as Report).guideline.edition).toBe(2019);
    const missing = await run(["evaluate", "examples/patient-vertebra.json", "--edition", "1999"], repoRoot);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("there is no edition 1999");
  });

  it("`guideline new-edition` starts the next edition from the current one, and `diff` compares them by year", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guideline-editions-"));
    cpSync(join(repoRoot, "guideline"), join(dir, "guideline"), { recursive: true });
    const made = await run(["new-edition", "2020"], dir);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain("started edition 2020 from 2019");
    expect(readFileSync(join(dir, "guideline", "2020", "cimentoplastie.guideline"), "utf8")).toMatch(/^\s*edition 2020$/m);
    expect(JSON.parse(readFileSync(join(dir, "guideline", "editions.json"), "utf8"))).toEqual({ current: 2019, editions: [2019, 2020] });
    expect((await run(["new-edition", "2020"], dir)).code).toBe(2);

    const same = await run(["diff", "2019", "2020"], dir);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("edition 2019 → 2020");
    expect(same.stdout).toContain("no difference");

    const source2020 = join(dir, "guideline", "2020", "cimentoplastie.guideline");
    writeFileSync(
      source2020,
      readFileSync(source2020, "utf8").replace("threshold seuil.plaquettes = 50 000 /mm3", "threshold seuil.plaquettes = 60 000 /mm3"),
    );
    const changed = await run(["diff", "2019", "2020"], dir);
    expect(changed.stdout).toContain("seuil.plaquettes: 50 000 /mm3 → 60 000 /mm3");

    const compiled = await run(["compile"], dir);
    expect(compiled.code).toBe(0);
    expect(compiled.stdout).toContain("== edition 2019 (current)");
    expect(compiled.stdout).toContain("wrote generated/2020/pack.json");
    expect(JSON.parse(readFileSync(join(dir, "generated", "editions.json"), "utf8"))).toMatchObject({
      current: 2019,
      editions: [2019, 2020],
    });
    // The 2020 rulebook has a section of changes since 2019; the 2019 one has none.
    const book2020 = readFileSync(join(dir, "generated", "2020", "rulebook", "index.html"), "utf8");
    expect(book2020).toContain("Changements depuis l&#x27;édition 2019");
    expect(book2020).toContain("Valeur seuil.plaquettes : 50 000 /mm3 → 60 000 /mm3");
    expect(readFileSync(join(dir, "generated", "2019", "rulebook", "index.html"), "utf8")).not.toContain('id="changements"');
  });
});
