/**
 * The printers of the pieces of the language (src/dsl/print-condition.ts): the formatter writes
 * expectations in the source form, and messages quote them in the message form, from one printer.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Expectation } from "../../src/dsl/ast.js";
import { parseGuideline } from "../../src/dsl/parse.js";
import { printExpectation } from "../../src/dsl/print-condition.js";
import { repoRoot, shippedFolder } from "../support/compile-guideline.js";

function expectationsOf(text: string, file = "inline.guideline"): Expectation[] {
  const parsed = parseGuideline(text, file);
  expect(parsed.diagnostics).toEqual([]);
  return parsed.ast.declarations.flatMap((d) => (d.kind === "example" ? d.expectations : []));
}

describe("printing an expectation", () => {
  it("in a message: without `expect`, with names as read, never quoted", () => {
    const [missing, plan, precondition] = expectationsOf(
      'example e\n  expect no missing "medications[0].atc"\n  expect plan "drug a" stop 5 d before on "2026-12-09" because reason-a\n  expect precondition rule-a met\n',
    );
    expect(missing && printExpectation(missing, { form: "message" })).toBe("no missing medications[0].atc");
    expect(missing && printExpectation(missing)).toBe('expect no missing "medications[0].atc"');
    expect(plan && printExpectation(plan, { form: "message" })).toBe('plan drug a stop 5 d before on "2026-12-09" because reason-a');
    expect(plan && printExpectation(plan, { form: "source" })).toBe(
      'expect plan "drug a" stop 5 d before on "2026-12-09" because reason-a',
    );
    expect(precondition && printExpectation(precondition, { form: "message" })).toBe("precondition rule-a met");
  });

  it("law: over every example of the shipped guideline, the message form is the source form without `expect` when no name is quoted, and the source form reads back as the same expectation", () => {
    const folder = join(repoRoot, shippedFolder);
    const all = readdirSync(folder)
      .filter((f) => f.endsWith(".guideline"))
      .flatMap((f) => expectationsOf(readFileSync(join(folder, f), "utf8"), f));
    expect(all.length).toBeGreaterThan(0);
    for (const e of all) {
      const source = printExpectation(e);
      const message = printExpectation(e, { form: "message" });
      // Only the drug of `plan` and the fact of `missing` may be quoted names.
      if (!/(plan|missing) "/.test(source)) expect(source).toBe(`expect ${message}`);
      const [reread] = expectationsOf(`example e\n  ${source}\n`);
      expect(reread && printExpectation(reread)).toBe(source);
    }
  });
});
