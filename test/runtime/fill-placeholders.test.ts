import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fillPlaceholders } from "../../src/runtime/fill-placeholders.js";

/** The rule as docs/language.md states it, in its plainest form: brackets first, then placeholders. */
function reference(template: string, values: Readonly<Record<string, string | undefined>>): string {
  const filled = (text: string) => text.replace(/\{([^{}]*)\}/g, (_, name: string) => values[name] ?? "");
  const complete = (text: string) => [...text.matchAll(/\{([^{}]*)\}/g)].every(([, name = ""]) => values[name] !== undefined);
  return filled(template.replace(/\[([^[\]]*)\]/g, (_, inner: string) => (complete(inner) ? inner : "")));
}

describe("fillPlaceholders", () => {
  it("keeps a bracketed part only when all its placeholders have values", () => {
    expect(fillPlaceholders("Prêt[ ; à vérifier : {toCheck}]", { toCheck: "TP" })).toBe("Prêt ; à vérifier : TP");
    expect(fillPlaceholders("Prêt[ ; à vérifier : {toCheck}]", {})).toBe("Prêt");
    expect(fillPlaceholders("{a} et {b}", { a: "x" })).toBe("x et ");
  });

  it("fills every template as the two-pass rule does, odd brackets and braces included (fixed seed)", () => {
    const piece = fc.constantFrom("a", " ", "{", "}", "[", "]", "{x}", "{y}", "{}", "[{x}]", "[{x} {y}]", "é");
    const values = fc.record({
      x: fc.option(fc.constantFrom("1", "", "{y}"), { nil: undefined }),
      y: fc.option(fc.constantFrom("2", "[z]"), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), values, (pieces, given) => {
        const template = pieces.join("");
        // Twice: the second call reads the template's parts from the cache.
        expect(fillPlaceholders(template, given)).toBe(reference(template, given));
        expect(fillPlaceholders(template, given)).toBe(reference(template, given));
      }),
      { seed: 20261201, numRuns: 3000 },
    );
  });
});
