/**
 * `guideline explain CODE` and its data, docs/explanations.md: every code of the table is
 * explained, and every example given as a guideline file reports the code it explains.
 */
import { describe, expect, it } from "vitest";
import { readExplanations } from "../../src/cli/explanations.js";
import { compileGuideline } from "../../src/compiler/compile.js";
import { diagnosticCodes, type DiagnosticCode } from "../../src/diagnostics/codes.js";
import { runExamples } from "../../src/examples/run-examples.js";
import { run } from "../support/run-cli.js";

const explanations = readExplanations();
const allCodes = Object.keys(diagnosticCodes) as DiagnosticCode[];

/**
 * Codes whose example is a guideline file that needs a file system to report the code: a source
 * document outside the folder, behind a symbolic link, or not UTF-8. Shown, not checked here
 * (test/diagnostics.test.ts checks their fixtures on disk).
 */
const needsFileSystem: readonly DiagnosticCode[] = ["GL4010", "GL4011", "GL4012"];

/**
 * Codes whose example is a described situation, not a file to check: runtime input (GL5xxx), the
 * command line and files (GL7xxx), bytes that are not UTF-8 (GL1011), the search bound (GL3011).
 */
const describedOnly = (code: DiagnosticCode) => /^GL[57]/.test(code) || code === "GL1011" || code === "GL3011";

describe("every diagnostic code is explained (docs/explanations.md)", () => {
  it("has a section for every code of the table, and none for a code the table does not have", () => {
    expect([...explanations.byCode.keys()].sort()).toEqual([...allCodes].sort());
  });

  it("each explanation has a paragraph and an example", () => {
    for (const code of allCodes) {
      const explanation = explanations.byCode.get(code);
      expect(explanation?.text.length ?? 0, code).toBeGreaterThan(20);
      expect(explanation?.example.text.length ?? 0, code).toBeGreaterThan(0);
    }
  });

  it("the examples that are only described are exactly the runtime, command-line, encoding and search-bound codes", () => {
    const described = allCodes.filter((code) => explanations.byCode.get(code)?.example.kind === "text");
    expect(described).toEqual(allCodes.filter(describedOnly));
  });
});

describe("law: checking an explanation's example reports the code it explains", () => {
  const host = { readSourceDocument: (path: string) => explanations.sourceDocuments.get(path) };
  const checkable = allCodes.filter((code) => !describedOnly(code) && !needsFileSystem.includes(code));

  it.each(checkable)("%s", async (code) => {
    const example = explanations.byCode.get(code)?.example;
    expect(example?.kind).toBe("guideline");
    const result = compileGuideline([{ file: "example.guideline", text: example?.text ?? "" }], host);
    let codes = result.diagnostics.map((d) => d.code);
    if (code.startsWith("GL6")) {
      expect(codes.filter((c) => diagnosticCodes[c].severity === "error")).toEqual([]);
      if (!result.model || !result.pack) throw new Error(`${code}: the example does not compile`);
      codes = (await runExamples(result.model, result.pack)).diagnostics.map((d) => d.code);
    }
    expect(codes).toContain(code);
  });
});

describe("guideline explain", () => {
  it("prints the code's message, explanation and example", async () => {
    const result = await run(["explain", "gl2011"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("GL2011 (error): unit `…` cannot be converted to `…`");
    expect(result.stdout).toContain(explanations.byCode.get("GL2011")?.text ?? "?");
    expect(result.stdout).toContain("Example");
  });

  it("refuses a code the table does not have (GL7016, exit 2), with a did-you-mean", async () => {
    const result = await run(["explain", "GL2101"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("GL7016");
    expect(result.stderr).toContain("did you mean `GL2001`?");
  });
});
