import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkGuideline } from "../../../src/compiler/check/check.js";
import { loadSources } from "../../../src/compiler/load-sources.js";
import { parseGuideline } from "../../../src/dsl/parse.js";
import type { SourceFile } from "../../../src/dsl/ast.js";
import { shippedFolder } from "../../support/compile-guideline.js";

/**
 * The checker is four passes (resolve names, declarations, conditions, examples), each a
 * function of what it is given. These tests hold it to the law of the stages: no pass changes
 * the AST it reads, and checking the same sources twice gives the same result.
 */

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const fixtureFolder = "test/fixtures/diagnostics";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The shipped guideline and every diagnostic fixture that parses without a syntax error. */
function sources(): { readonly name: string; readonly parse: () => SourceFile[] }[] {
  const shipped = loadSources([shippedFolder], repoRoot).sources;
  const fixtures = readdirSync(join(repoRoot, fixtureFolder))
    .filter((entry) => entry.endsWith(".guideline"))
    .sort()
    .map((entry) => ({ file: `${fixtureFolder}/${entry}`, text: readFileSync(join(repoRoot, fixtureFolder, entry), "utf8") }))
    .filter((source) => parseGuideline(source.text, source.file).diagnostics.every((d) => d.severity !== "error"));
  return [
    { name: "the shipped guideline", parse: () => shipped.map((s) => parseGuideline(s.text, s.file).ast) },
    ...fixtures.map((f) => ({ name: f.file, parse: () => [parseGuideline(f.text, f.file).ast] })),
  ];
}

describe("the checker's passes read the AST and never change it", () => {
  it.each(sources().map((s) => [s.name, s] as const))("%s: a frozen AST checks to the same model and diagnostics", (_name, source) => {
    const frozen = deepFreeze(source.parse());
    // In an ES module a write to a frozen object throws: a pass that changed the AST fails here.
    const fromFrozen = checkGuideline(frozen);
    const fromFresh = checkGuideline(source.parse());
    expect(fromFrozen).toEqual(fromFresh);
    expect(checkGuideline(frozen)).toEqual(fromFrozen);
  });
});
