/**
 * Quotes do not depend on names: a quote that is not in the source document is reported
 * together with the name errors of the same files, not only once they are fixed.
 */
import { describe, expect, it } from "vitest";
import { compileGuideline } from "../../src/compiler/compile.js";
import { loadSources } from "../../src/compiler/load-sources.js";
import { repoRoot } from "../support/compile-guideline.js";

describe("a quote error is reported with the name errors", () => {
  it("reports both the unknown fact (GL2001) and the quote not found (GL4002), each at its place", () => {
    const loaded = loadSources(["test/fixtures/provenance/name-and-quote-errors.guideline"], repoRoot);
    const result = compileGuideline(loaded.sources, loaded.host);
    const found = result.diagnostics.map((d) => [d.code, d.span?.line]);
    expect(found).toContainEqual(["GL2001", 23]);
    expect(found).toContainEqual(["GL4002", 28]);
    expect(result.diagnostics).toHaveLength(2);
    expect(result.pack).toBeUndefined();
  });

  it("still reports a missing source document with the name errors (GL4001)", () => {
    const loaded = loadSources(["test/fixtures/provenance/name-and-quote-errors.guideline"], repoRoot);
    const result = compileGuideline(loaded.sources, { readSourceDocument: () => undefined });
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(["GL2001", "GL4001"]);
  });
});
