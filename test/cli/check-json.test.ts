/**
 * `guideline check --json`, through the built command line: one JSON document on standard output
 * (valid against docs/check-json.schema.json), nothing on standard error, the exit code of `check`.
 * Run `npm run build` first.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { cliRoot, run } from "../support/run-cli.js";

const schema = JSON.parse(readFileSync(join(cliRoot, "docs", "check-json.schema.json"), "utf8")) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

interface JsonDiagnostic {
  readonly code: string;
  readonly severity: number;
  readonly range: { readonly start: { readonly line: number; readonly character: number } };
  readonly hints: readonly string[];
  readonly relatedInformation: readonly { readonly location: { readonly uri: string }; readonly message: string }[];
}
interface JsonDocument {
  readonly format: string;
  readonly version: number;
  readonly files: readonly { readonly path: string; readonly uri: string; readonly diagnostics: readonly JsonDiagnostic[] }[];
  readonly summary: { readonly errors: number; readonly warnings: number };
}

const unknownFact = "test/fixtures/diagnostics/GL2001-unknown-fact.guideline";

describe("guideline check --json", () => {
  it("prints one document, valid against its schema, with code, LSP range, hint and related place; exit 1 on errors", async () => {
    const result = await run(["check", "--json", unknownFact]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const document = JSON.parse(result.stdout) as JsonDocument;
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(document).toMatchObject({ format: "guideline-check", version: 1, summary: { errors: 1, warnings: 0 } });
    const [file] = document.files;
    expect(file?.path).toBe(unknownFact);
    expect(file?.uri).toBe(pathToFileURL(join(cliRoot, unknownFact)).href);
    const [diagnostic] = file?.diagnostics ?? [];
    // The text output says 22:8 (from 1); the LSP counts from 0.
    expect(diagnostic).toMatchObject({ code: "GL2001", severity: 1, range: { start: { line: 21, character: 7 } } });
    expect(diagnostic?.hints.join(" ")).toContain("patient.severeCoagulopathy");
    expect(diagnostic?.relatedInformation).toEqual([
      expect.objectContaining({ message: "declared here", location: expect.objectContaining({ uri: file?.uri }) as unknown }),
    ]);
  });

  it("lists a file without diagnostics with an empty list, and exits 0 when there are only warnings or nothing", async () => {
    const result = await run(["check", "--json", "test/fixtures/diagnostics/GL4003-sentence-not-quoted.guideline"]);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as JsonDocument;
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(document.summary).toEqual({ errors: 0, warnings: 1 });
    const guideline = document.files.find((f) => f.path.endsWith(".guideline"));
    expect(guideline?.diagnostics).toEqual([]);
    const source = document.files.find((f) => f.path.endsWith("source.txt"));
    expect(source?.diagnostics.map((d) => [d.code, d.severity])).toEqual([["GL4003", 2]]);
  });

  it("refuses --watch with --json, and reports a missing path on standard error only (exit 2)", async () => {
    const both = await run(["check", "--json", "--watch", unknownFact]);
    expect(both.code).toBe(2);
    expect(both.stdout).toBe("");
    const missing = await run(["check", "--json", "no/such/folder"]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain("no/such/folder");
  });
});
