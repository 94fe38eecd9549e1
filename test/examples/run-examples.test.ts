/**
 * The worked examples runner (src/examples/run-examples.ts): `expect refused <fact>` finds the
 * runtime's error at the fact's JSON path, which the one fact-path module spells for any name.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileGuideline } from "../../src/compiler/compile.js";
import { runExamples } from "../../src/examples/run-examples.js";
import { repoRoot } from "../support/compile-guideline.js";

const folder = "test/fixtures/analysis";

/** The GL3005 fixture (it compiles without error) with one more fact, named `name`, and an example that gives it out of its range. */
async function refusedExample(name: string) {
  const base = readFileSync(join(repoRoot, folder, "GL3005-redundant-rule.guideline"), "utf8");
  const text = `${base}
fact ${name} : quantity in /mm3 from 0 to 1 000 000
  label "Numération"

example refused-count "Une numération hors des bornes est refusée"
  given ${name} = 2 000 000 /mm3
  expect refused ${name}
`;
  const host = { readSourceDocument: (path: string) => readFileSync(join(repoRoot, folder, path), "utf8") };
  const result = compileGuideline([{ file: `${folder}/refused.guideline`, text }], host);
  expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
  if (!result.model || !result.pack) throw new Error("no pack");
  const run = await runExamples(result.model, result.pack);
  return run.results.find((r) => r.id === "refused-count");
}

describe("expect refused", () => {
  it.each(["labs.count", "labs.long-bone", "lesion-size.count"])("finds the refusal of `%s` where the runtime reports it", async (name) => {
    const result = await refusedExample(name);
    expect(result?.failures.map((f) => f.diagnostic.message)).toEqual([]);
    expect(result?.passed).toBe(true);
  });
});
